"""Web addresses, email addresses, handles and hashtags, read out for typing."""
from __future__ import annotations

import re

from .en_lexicon import WORD_TLDS
from .en_numbers import digits
from .shield import Shield

_SYMBOLS = {".": "dot", "/": "slash", "-": "dash", "_": "underscore", "@": "at", ":": "colon",
            "&": "ampersand", "?": "question mark", "=": "equals", "#": "hash", "~": "tilde",
            "+": "plus", "%": "percent"}
_PIECES = re.compile(r"[0-9]+|[A-Za-z]+|[^\sA-Za-z0-9]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_TRAILING = ".,;:!?)]}'\""


def _letters(word: str, last: bool, word_tlds: frozenset[str] = WORD_TLDS) -> str:
    """A run of letters: a word if it looks sayable, else spelled out."""
    if last and word.lower() in word_tlds:
        return word.lower()
    if last or len(word) <= 2 or not _VOWEL.search(word):
        return " ".join(word.upper())
    return word.lower()


def speak_address(address: str, symbols: dict[str, str] | None = None,
                  say_digits=digits, word_tlds: frozenset[str] = WORD_TLDS) -> str:
    """'www.example.org/a-b' -> 'W W W dot example dot org slash A dash B'.

    ``symbols``, ``say_digits`` and ``word_tlds`` let another language use its own words.
    """
    symbols = _SYMBOLS if symbols is None else symbols
    host_end = len(address)
    for sep in "/?#":
        i = address.find(sep)
        if i != -1:
            host_end = min(host_end, i)
    host = address[:host_end]
    last_label = host.rsplit(".", 1)[-1] if "." in host else None
    out: list[str] = []
    for m in _PIECES.finditer(address):
        piece = m.group()
        if piece.isdigit():
            out.append(say_digits(piece))
        elif piece.isalpha():
            is_tld = last_label is not None and m.start() == host_end - len(last_label) \
                and piece == last_label
            out.append(_letters(piece, is_tld, word_tlds))
        else:
            out.append(symbols.get(piece, ""))
    return " ".join(w for w in out if w)


def _split_trailing(s: str) -> tuple[str, str]:
    core = s.rstrip(_TRAILING)
    return core, s[len(core):]


_EMAIL = re.compile(r"(?<![\w.@-])[A-Za-z0-9][\w.+&-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>\"']*")
_SCHEME_URL = re.compile(r"(?i)\b(?:(https?|ftp)://+|(file):///?|(?=www\.))[^\s<>\"']+")
_BARE_DOMAIN = re.compile(
    r"(?<![\w.@/-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/[^\s<>\"']*)?(?![\w@])")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z_][A-Za-z0-9_]{1,30})\b")
_HASHTAG = re.compile(r"(?<![\w#&])#([A-Za-z][A-Za-z0-9_]{1,60})\b")


def speak_emails(text: str, shield: Shield) -> str:
    """Read email addresses piece by piece: 'help@example.org' -> 'help at example dot org'.

    Why: a listener must be able to write it down. Risks: a local part of joined words
    ('enterpriseservices') is said as one word.
    """

    def say(m: re.Match[str]) -> str:
        core, tail = _split_trailing(m.group())
        return shield(speak_address(core)) + tail

    return _EMAIL.sub(say, text)


def speak_urls(text: str, shield: Shield) -> str:
    """Read web addresses: 'https://www.example.org/help' -> 'W W W dot example dot org slash help'.

    Why: listeners type addresses, and every browser adds the 'https://' itself, so saying
    'H T T P S colon slash slash' only adds noise; 'file:' addresses keep their scheme.
    Risks: an address that only works over plain http is read without saying so.
    """

    def say(m: re.Match[str]) -> str:
        core, tail = _split_trailing(m.group())
        if m.group(2):  # file: addresses are not typed into a browser bar; say everything
            return shield(speak_address(core)) + tail
        rest = re.sub(r"(?i)^(?:https?|ftp)://+", "", core).rstrip("/")
        return shield(speak_address(rest)) + tail

    return _SCHEME_URL.sub(say, text)


def speak_bare_domains(text: str, shield: Shield) -> str:
    """Read lowercase 'name.tld' addresses written without www: 'gethelp.org' -> 'gethelp dot org'.

    Risks: a missing space after a full stop in lowercase text ('end.the') is read as an
    address; capitalised text is never touched.
    """

    def say(m: re.Match[str]) -> str:
        core, tail = _split_trailing(m.group())
        if "." not in core or re.fullmatch(r"[0-9.]+", core) or re.match(r"[a-z]\.[a-z]\.", core):
            return m.group()
        return shield(speak_address(core)) + tail

    return _BARE_DOMAIN.sub(say, text)


def speak_handles_and_hashtags(text: str, shield: Shield) -> str:
    """'@CountyHelp' -> 'at CountyHelp'; '#EndTrafficking' -> 'hashtag EndTrafficking'.

    Risks: '#5' is not a hashtag (left to the number rule).
    """
    text = _HANDLE.sub(lambda m: shield("at " + m.group(1)), text)
    return _HASHTAG.sub(lambda m: shield("hashtag " + m.group(1)), text)
