"""Chinese, Japanese and Korean text: which of the four CJK fonts each passage is drawn in.

The same code point is drawn differently in Simplified and Traditional Chinese, Japanese and
Korean typography, and no one font has every character; so each passage (a line or paragraph)
gets its variety, and each character the first font in that variety's order that has it.
"""
from __future__ import annotations

import functools
from pathlib import Path

from ..errors import InputError
from . import fonts

#: CJK families in justmytype-intl-cjk: one per written variety, chosen per passage (cjk_plan).
FILES = {"sc": "notosanssc/NotoSansSC[wght].ttf", "tc": "notosanstc/NotoSansTC[wght].ttf",
        "jp": "notosansjp/NotoSansJP[wght].ttf", "kr": "notosanskr/NotoSansKR[wght].ttf"}
#: For a passage of each CJK variety, the fonts to try in turn for a character: its own first,
#: then the one whose letterforms are closest (Korean hanja and Japanese kanji keep traditional
#: forms; Simplified Chinese has the most characters of all four).
CHAIN = {"sc": ("sc", "tc", "jp", "kr"), "tc": ("tc", "sc", "jp", "kr"),
              "jp": ("jp", "tc", "sc", "kr"), "kr": ("kr", "tc", "jp", "sc")}

def cjk_variety(language: str) -> str:
    """Which CJK font (sc, tc, jp, kr) suits Han characters in an article of ``language``.

    Why: the same code point is drawn differently in Chinese, Japanese and Korean typography.
    """
    parts = language.replace("_", "-").lower().split("-")
    if parts[0] == "ja":
        return "jp"
    if parts[0] == "ko":
        return "kr"
    if parts[0] == "zh" and any(p in ("hant", "tw", "hk", "mo") for p in parts[1:]):
        return "tc"
    return "sc"


def language_variety(language: str) -> str | None:
    """The CJK variety of a Chinese, Japanese or Korean ``language`` tag; None for any other."""
    if language.replace("_", "-").split("-")[0].lower() in ("zh", "ja", "ko"):
        return cjk_variety(language)
    return None


@functools.lru_cache(maxsize=None)
def _cjk_pattern():
    import re

    spans = [(a, b) for k in fonts.CJK_SCRIPTS for a, b in fonts.SCRIPTS[k].ranges]
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans) + "]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a character one of the CJK fonts must draw (searched in C)."""
    return _cjk_pattern().search(text) is not None


@functools.lru_cache(maxsize=None)
def _unspaced_pattern():
    import re

    # From the kana on: CJK radicals and punctuation alone (a 「 」 pair) do not need it.
    spans = [(a, b) for k in ("han", "kana") for a, b in fonts.SCRIPTS[k].ranges if a >= 0x3040]
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans) + "]")


def has_unspaced(text: str) -> bool:
    """Whether ``text`` has Chinese or Japanese characters: written without spaces between words."""
    return _unspaced_pattern().search(text) is not None


def passage_variety(text: str, language: str) -> str | None:
    """Which CJK font a passage's characters are drawn in first, or None when it has none.

    The passage's own letters decide first: kana make it Japanese, hangul Korean. Otherwise the
    article's language does, when it is Chinese, Japanese or Korean. A Chinese line in an
    article in another language is traditional when it has more characters that only Big5
    (the traditional character set) encodes than characters that only GB 2312 (the simplified
    one) encodes. Why: the same code point has different letterforms in each variety, and the
    punctuation sits differently (a Chinese colon is centred in traditional, low in simplified).
    Risk: a Chinese passage with no telling characters is set as simplified.
    """
    if not has_cjk(text):
        return None
    keys = {fonts.script_of(c) for c in text}
    if "kana" in keys:
        return "jp"
    if "hangul" in keys:
        return "kr"
    own = language_variety(language)
    if own:
        return own
    simplified = traditional = 0
    for c in text:
        if fonts.script_of(c) == "han" and ord(c) >= 0x3400:
            gb, big5 = _encodes(c, "gb2312"), _encodes(c, "big5")
            simplified += gb and not big5
            traditional += big5 and not gb
    return "tc" if traditional > simplified else "sc"


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def cjk_plan(text: str, language: str) -> dict[str, frozenset[int]]:
    """Which CJK fonts ``text`` needs, each with the characters it will carry.

    A font is needed when it is the first, in some passage's (line's) order of preference, whose
    character map has one of the passage's characters. Why: one font per article set 请 and 电
    of a Chinese line in the Korean font chosen for the article's hangul, which lacks them.
    A needed font carries every CJK character of the text that it has, so a passage cut
    differently later (a paragraph rather than a line) still finds its characters in its own
    font. Characters no CJK font has are left out: they are reported, never drawn as boxes.
    """
    used: set[str] = set()
    chars: set[int] = set()
    for line in text.splitlines():
        variety = passage_variety(line, language)
        if variety is None:
            continue
        for c in line:
            if fonts.script_of(c) in fonts.CJK_SCRIPTS:
                cp = ord(c)
                chars.add(cp)
                owner = next((v for v in CHAIN[variety] if cp in cjk_cmap(v)), None)
                if owner:
                    used.add(owner)
    return {v: frozenset(chars & cjk_cmap(v)) for v in sorted(used)}


def source(variety: str) -> Path:
    try:
        import justmytype_intl_cjk as pkg
    except ImportError:
        raise InputError("the article has Chinese, Japanese or Korean text but its font is not "
                         "installed: pip install justmytype-intl-cjk") from None
    return Path(pkg.__file__).parent / "fonts" / "ofl" / FILES[variety]


@functools.lru_cache(maxsize=None)
def cjk_cmap(variety: str) -> frozenset[int]:
    """The code points the whole CJK font of ``variety`` has glyphs for (read once per process)."""
    from fontTools.ttLib import TTFont as FTFont

    with FTFont(str(source(variety)), lazy=True) as font:
        return frozenset(font.getBestCmap())


