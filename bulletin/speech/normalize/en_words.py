"""Abbreviations, initials, acronyms, Roman numerals and stray symbols."""
from __future__ import annotations

import re

from .en_lexicon import (ACRONYMS_SAID_AS_WORDS, GENERAL, LATIN, LOWERCASE_SPELLED, NUMBERED_THINGS,
                         REGNAL_NAMES, STREET_SUFFIXES, TITLES)
from .en_numbers import cardinal, ordinal
from .shield import Shield

_LATIN = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(LATIN, key=len, reverse=True)) + r")(?![\w])")


def speak_fixed_phrases(text: str, shield: Shield) -> str:
    """'e.g.' -> 'for example', 'i.e.' -> 'that is', '24/7', 'and/or', '401(k)', 'c/o'.

    Why: these are read wrongly by every voice. Risks: none known (exact spellings only).
    """
    return _LATIN.sub(lambda m: shield(LATIN[m.group(1)]), text)


def _ends_sentence(rest: str) -> bool:
    return re.match(r"\s*(?:$|\n)", rest) is not None


def _next_is_name(rest: str) -> bool:
    return re.match(r"\s+[A-Z][a-z]", rest) is not None


def _prev_is_name(before: str) -> bool:
    """The word before is capitalised and is not the first word of a sentence."""
    m = re.search(r"(?:^|(?<=[.!?:\n])\s*|(\S+)\s+)([A-Z][a-z]+)\s+$", before)
    if not m:
        return False
    return m.group(1) is not None and not m.group(1).endswith((".", "!", "?", ":"))


_ABBREVIATION = re.compile(
    r"(?<![\w.])(" + "|".join(sorted(set(TITLES) | set(STREET_SUFFIXES) | set(GENERAL), key=len,
                                     reverse=True)) + r")(\.)?(?=[\s,;:)-]|$)")
_DAYS = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday|rsday)?"
_DAY_RANGE = re.compile(rf"\b({_DAYS})\.?\s?[-–]\s?(?={_DAYS}\b)")


def expand_abbreviations(text: str, shield: Shield) -> str:
    """Titles, street suffixes and common short forms, by context: 'Dr. Evil' -> 'doctor Evil',
    'Mulholland Dr.' -> 'Mulholland Drive', 'St. Louis' -> 'Saint Louis', 'Elm St.' ->
    'Elm Street', 'Dept.' -> 'Department', 'vs.' -> 'versus', 'Mt. Hood' -> 'Mount Hood'.

    Why: voices say 'St.' as 'ess tee' and 'Dr.' as 'drive' or 'dur'. Risks: 'St.' with no name
    on either side is taken as Street; a street suffix at a sentence start after a capitalised
    word is read as a title. Short forms that are also words (Sat, Sun, min) need their full stop.
    """

    def say(m: re.Match[str]) -> str:
        word, dot = m.group(1), m.group(2)
        before, rest = text[:m.start()], text[m.end():]
        prev_name, next_name = _prev_is_name(before), _next_is_name(rest)
        in_titles, in_street = word in TITLES, word in STREET_SUFFIXES
        if in_street and in_titles:
            street = prev_name or not next_name
        else:
            street = in_street
        if street and (dot or prev_name):
            stop = "." if dot and re.match(r"\s*(?:$|\n|[A-Z])", rest) else ""
            return shield(STREET_SUFFIXES[word]) + stop
        keep_stop = "." if dot and _ends_sentence(rest) else ""
        if in_titles and not street and (dot or next_name):
            return shield(TITLES[word]) + keep_stop
        if word in GENERAL and dot:
            return shield(GENERAL[word]) + keep_stop
        return m.group()

    text = _DAY_RANGE.sub(lambda m: m.group(1) + ("." if not m.group(1).endswith("day") else "") + " to ", text)
    return _ABBREVIATION.sub(say, text)


_ROMAN_VALID = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(s: str) -> int | None:
    if not s or not _ROMAN_VALID.fullmatch(s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


_ROMAN_AFTER = re.compile(r"\b([A-Z][a-z]+)\s+([IVXLC]+)\b(?!['’]?[a-z])(?!\.[A-Z])")
_ROMAN_CENTURY = re.compile(r"\b([IVXLC]+)(?:st|nd|rd|th)?\s+(century|centuries)\b", re.IGNORECASE)


def speak_roman_numerals(text: str, shield: Shield) -> str:
    """'World War II' -> 'World War two', 'Chapter IV' -> 'Chapter four', 'Henry VIII' -> 'Henry
    the eighth', 'XXI century' -> 'twenty first century'.

    Why: voices read 'II' as 'eye eye'. Only after known words (regnal names, 'War', 'Chapter',
    'Part', ...) so 'Mary I think' and the pronoun 'I' are safe. Risks: a regnal name followed by
    a real acronym spelled like a numeral ('Louis CC') is misread.
    """

    def after(m: re.Match[str]) -> str:
        word, numeral = m.group(1), m.group(2)
        value = roman_value(numeral)
        if value is None:
            return m.group()
        rest = text[m.end():]
        if word in NUMBERED_THINGS:
            return word + " " + shield(cardinal(value))
        if word in REGNAL_NAMES and (len(numeral) > 1 or numeral in "VX" or
                                     re.match(r"\s*(?:$|[,.;:!?)]|of\b)", rest)):
            return word + " " + shield("the " + ordinal(value))
        return m.group()

    def century(m: re.Match[str]) -> str:
        value = roman_value(m.group(1).upper()) if m.group(1).isupper() else None
        return m.group() if value is None else shield(ordinal(value)) + " " + m.group(2)

    return _ROMAN_AFTER.sub(after, _ROMAN_CENTURY.sub(century, text))


_INITIAL = re.compile(r"(?<![\w.])([A-Z])\.(?=\s+[A-Z])")


def speak_initials(text: str, shield: Shield) -> str:
    """'C. S. Lewis' -> 'C S Lewis'; 'John F. Kennedy' -> 'John F Kennedy'.

    Why: the full stop after an initial makes voices end the sentence. Risks: a one-letter
    sentence ending ('Plan B. Then') loses its pause.
    """
    return _INITIAL.sub(lambda m: shield(m.group(1)), text)


_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){1,}[A-Za-z])\.?(?![\w])")


def spell_dotted_acronyms(text: str, shield: Shield) -> str:
    """'U.S.' -> 'U S'; 'a.m.' alone -> 'A M'. Keeps a full stop at the end of a line.

    Risks: 'U.S. Army' loses the stop, which was not a sentence end anyway.
    """

    def say(m: re.Match[str]) -> str:
        letters = " ".join(c.upper() for c in m.group(1) if c.isalpha())
        stop = "." if m.group().endswith(".") and _ends_sentence(text[m.end():]) else ""
        return shield(letters) + stop

    return _DOTTED.sub(say, text)


_CAPS_WORD = re.compile(r"(?<![\w&'’-])([A-Z][A-Z&]*[A-Z])(s|'s|’s)?(?![\w'’-]|[’']\w{2,})")
_LOWER_SPELLED = re.compile(r"\b(" + "|".join(k for k, v in LOWERCASE_SPELLED.items() if v) + r")\b")
_VOWELS = re.compile(r"[AEIOUY]")


def _shouting(line: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", line)
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 3 and len(caps) >= 0.6 * len(words)


def spell_acronyms(text: str, shield: Shield) -> str:
    """'LAPD' -> 'L A P D', 'EMTs' -> 'E M Ts', 'AT&T' -> 'A T and T'; NASA, FEMA, COVID... stay
    words (see ACRONYMS_SAID_AS_WORDS). A line written all in capitals is left to the voice,
    except words without vowels.

    Why: voices try to pronounce unknown capitals as words ('lapped'). Risks: an acronym that
    is said as a word but missing from the list is spelled; a shouted headline's real
    acronyms are read as words.
    """

    def spell(word: str) -> str:
        return " ".join("and" if c == "&" else c for c in word)

    def line_rule(line: str) -> str:
        loud = _shouting(line)

        def say(m: re.Match[str]) -> str:
            word, tail = m.group(1), m.group(2) or ""
            if word in ACRONYMS_SAID_AS_WORDS or (word + tail.strip("'’")) in ACRONYMS_SAID_AS_WORDS:
                return m.group()
            if tail == "S" or (loud and _VOWELS.search(word) and "&" not in word):
                return m.group()
            return shield(spell(word) + tail)

        return _CAPS_WORD.sub(say, line)

    text = "\n".join(line_rule(line) for line in text.split("\n"))
    return _LOWER_SPELLED.sub(lambda m: shield(LOWERCASE_SPELLED[m.group(1)] or m.group()), text)


_SYMBOLS = [
    (re.compile(r"\s*&\s*"), " and "), (re.compile(r"(?<=\w)\s?/\s?(?=\w)"), " slash "),
    (re.compile(r"(?<=\s)\+(?=\s)"), " plus "), (re.compile(r"(?<=\s)=(?=\s)"), " equals "),
    (re.compile(r"%"), " percent"), (re.compile(r"@"), " at "), (re.compile(r"[*_~^|]+"), " "),
    (re.compile(r"\s#\s"), " "), (re.compile(r"(?m)^[^\S\n]*[-–—•][^\S\n]+"), ""),
    (re.compile(r"(?<=[^\s,;:])[^\S\n]+[-–—][^\S\n]+"), ", "), (re.compile(r"—"), ", "),
]


def speak_symbols(text: str, shield: Shield) -> str:
    """'&' -> 'and', 'a/b' -> 'a slash b', '%' -> 'percent', '@' -> 'at'; markup characters
    (* _ ~ ^ |) and list bullets are dropped; a spaced dash or an em dash becomes a comma (a pause).

    Risks: 'his/her' is read 'his slash her'.
    """
    for pattern, said in _SYMBOLS:
        text = pattern.sub(said, text)
    return text
