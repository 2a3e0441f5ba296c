"""Dates, years, decades and clock times."""
from __future__ import annotations

import re

from .en_lexicon import MONTH_ABBREVIATIONS, MONTHS
from .en_numbers import cardinal, decade, ordinal, year
from .shield import Shield

_MONTH_WORDS = "|".join(MONTHS + tuple(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)))
# "may" and "march" in lower case are the verb ("ages 18-24 may apply") unless a year follows.
_MONTH = rf"(?!(?:may|march|mar)\b(?!\.?,?\s+[0-9]{{4}}\b))(?i:\b(?P<month>{_MONTH_WORDS})\b)"


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.index(w) + 1 if w in MONTHS else MONTH_ABBREVIATIONS[w]


def _month_name(n: int) -> str:
    return MONTHS[n - 1].capitalize()


def _keep_full_stop(text: str, end: int) -> str:
    """A full stop eaten with an abbreviation also ended the sentence: give it back."""
    rest = text[end:]
    return "." if re.match(r"\s*(?:$|\n|[A-Z\"'])", rest) else ""


def _say_date(month: int, day: int | None, yr: str | None, day_first: bool, the: bool) -> str:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        raise ValueError("not a date")
    parts = []
    if day is None:
        parts.append(_month_name(month))
    elif day_first:
        parts.append(f"{'the ' if the else ''}{ordinal(day)} of {_month_name(month)}")
    else:
        parts.append(f"{_month_name(month)} {ordinal(day)}")
    if yr:
        parts.append(_two_digit_year(yr) if len(yr) == 2 else year(int(yr)))
    return ", ".join(parts)


def _two_digit_year(yy: str) -> str:
    """'05' -> 'oh five'; '98' -> 'ninety eight'."""
    return f"oh {cardinal(int(yy))}" if yy.startswith("0") else cardinal(int(yy))


_ISO = re.compile(r"(?<![\w.-])([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})(?![\w]|[-/.][0-9])")
_NUMERIC = re.compile(
    r"(?<![\w.-])([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?![\w]|[-/.][0-9])")


def speak_numeric_dates(text: str, shield: Shield) -> str:
    """'2025-03-03' and '2016/07/03' (year first), '3/15/2025' (US month first), '15.01.2020'
    (day first when the first number cannot be a month).

    Why: slashes and dashes are unreadable aloud. Risks: '03/04/2025' is taken as March 4 (US);
    a European reader meaning 3 April hears the wrong date.
    """

    def iso(m: re.Match[str]) -> str:
        return shield(_say_date(int(m.group(3)), int(m.group(4)), m.group(1), False, False))

    def numeric(m: re.Match[str]) -> str:
        a, b, yr = int(m.group(1)), int(m.group(3)), m.group(4)
        if a > 12 >= b:
            return shield(_say_date(b, a, yr, True, True))
        return shield(_say_date(a, b, yr, False, False))

    text = _ISO.sub(lambda m: _safe(iso, m), text)
    return _NUMERIC.sub(lambda m: _safe(numeric, m), text)


def _safe(fn, m: re.Match[str]) -> str:
    try:
        return fn(m)
    except (ValueError, KeyError):
        return m.group()


_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[0-9]{4})"
_MONTH_FIRST = re.compile(
    _MONTH + r"(?P<dot>\.)?(?:\s+|-)" + _DAY + r"\b(?:(?:,\s*|\s+|-)" + _YEAR + r"\b)?(?![.,:][0-9])")
_DAY_FIRST = re.compile(
    r"(?i:(?P<the>\bthe\s+))?\b" + _DAY + r"\s+(?i:of\s+)?" + _MONTH + r"(?P<dot>\.)?"
    r"(?:,?\s+" + _YEAR + r"\b)?(?![.,:][0-9])")
_MONTH_YEAR = re.compile(_MONTH + r"(?P<dot>\.)?,?\s+" + _YEAR + r"\b(?![.,:][0-9])")


def speak_written_dates(text: str, shield: Shield) -> str:
    """'March 3, 2025' -> 'March third, twenty twenty five'; '3 March 2025' -> 'the third of
    March, ...'; 'Jan. 15' -> 'January fifteenth'; 'March 2025' -> 'March twenty twenty five'.

    Why: ordinals are how dates are said. Risks: 'may' followed by a number ('you may 2 ...') is
    read as the month; lowercase 'may' must be followed directly by a day to match.
    """

    def month_first(m: re.Match[str]) -> str:
        if m.group("month").lower() == "may" and m.group("month") == "may" and not m.group("year"):
            return m.group()
        said = _say_date(_month_number(m.group("month")), int(m.group("day")), m.group("year"),
                         False, False)
        return shield(said)

    def day_first(m: re.Match[str]) -> str:
        said = _say_date(_month_number(m.group("month")), int(m.group("day")), m.group("year"),
                         True, True)
        if m.group("the"):
            said = m.group("the") + said[len("the "):]
        stop = _keep_full_stop(text, m.end()) if m.group("dot") and not m.group("year") else ""
        return shield(said) + stop

    def month_year(m: re.Match[str]) -> str:
        return shield(_say_date(_month_number(m.group("month")), None, m.group("year"), False, False))

    text = _MONTH_FIRST.sub(lambda m: _safe(month_first, m), text)
    text = _DAY_FIRST.sub(lambda m: _safe(day_first, m), text)
    return _MONTH_YEAR.sub(lambda m: _safe(month_year, m), text)


_DECADE = re.compile(r"(?<![\w.,$'-])(?:(?P<full>[0-9]{2}[0-9]0) ?['’]?s|'(?P<short>[0-9]0)s|"
                     r"(?P<bare>[1-9]0)['’]?s)\b")


def speak_decades(text: str, shield: Shield) -> str:
    """'the 1990s' -> 'the nineteen nineties', "'80s" or '80s' -> 'eighties', '2000s' ->
    'two thousands'. Risks: '50s' meaning fifty-somethings is still 'fifties' — the same word.
    """

    def say(m: re.Match[str]) -> str:
        if m.group("full"):
            return shield(decade(int(m.group("full"))))
        return shield(decade(int(m.group("short") or m.group("bare"))))

    return _DECADE.sub(say, text)


_QUARTER = re.compile(r"\b(?:([1-4])Q([0-9]{2}|[0-9]{4})|Q([1-4])\s+([0-9]{4}))\b")


def speak_quarters(text: str, shield: Shield) -> str:
    """'2Q22' or 'Q2 2022' -> 'the second quarter of twenty twenty two'. Risks: none known."""

    def say(m: re.Match[str]) -> str:
        q, yr = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        full = int(yr) + 2000 if len(yr) == 2 else int(yr)
        return shield(f"the {ordinal(int(q))} quarter of {year(full)}")

    return _QUARTER.sub(say, text)


_ERA = re.compile(r"\b([0-9]{1,4})\s*(A\.?D\.?|B\.?C\.?E?\.?|C\.?E\.?)(?![\w])|\b(AD)\s+([0-9]{1,4})\b")


def speak_eras(text: str, shield: Shield) -> str:
    """'340 A.D.' -> 'three forty A D'; '500 BC' -> 'five hundred B C'. Risks: none known."""

    def say(m: re.Match[str]) -> str:
        if m.group(3):
            return shield(f"A D {year(int(m.group(4)))}")
        letters = " ".join(c for c in m.group(2).upper() if c.isalpha())
        stop = _keep_full_stop(text, m.end()) if m.group(2).endswith(".") else ""
        return shield(f"{year(int(m.group(1)))} {letters}") + stop

    return _ERA.sub(say, text)


_YEAR_CONTEXT = re.compile(
    r"(?i)(\b(?:in|since|by|from|until|till|through|to|during|year|of|before|after|around|circa|"
    r"c\.|early|late|mid|spring|summer|fall|autumn|winter|fiscal|class of|born|founded|"
    r"established|built)[\s-]+)([12][0-9]{3})(?![\w%]|[.,][0-9]|\s*(?:-|to)\s*[0-9])")
_YEAR_ALONE = re.compile(
    r"(?<![\w.,$#-])(1[1-9][0-9]{2}|20[0-9]{2})(?![\w%]|[.,:/-][0-9])(?=\s*(?:$|[.,;:!?)\]\"']|\n))")
_YEAR_RANGE = re.compile(
    r"(?<![\w.,$#-])(1[1-9][0-9]{2}|20[0-9]{2})\s?(?:-|to)\s?((?:1[1-9]|20)?[0-9]{2})(?![\w%]|[.,][0-9])")


def speak_years(text: str, shield: Shield) -> str:
    """Four-digit years: after 'in', 'since', 'by'... ('in 2016' -> 'in twenty sixteen'), alone
    before punctuation, and ranges ('2019-2021', '2024-25').

    Why: years are said in pairs. Risks: '1500 people' stays a quantity (a word follows), but
    'a total of 1999.' is read as a year.
    """

    def rng(m: re.Match[str]) -> str:
        first, second = int(m.group(1)), m.group(2)
        if len(second) == 2:
            return shield(f"{year(first)} to {_two_digit_year(second)}")
        if int(second) <= first:
            return m.group()
        return shield(f"{year(first)} to {year(int(second))}")

    text = _YEAR_RANGE.sub(rng, text)
    text = _YEAR_CONTEXT.sub(lambda m: m.group(1) + shield(year(int(m.group(2)))), text)
    return _YEAR_ALONE.sub(lambda m: shield(year(int(m.group(1)))), text)


# --- clock times --------------------------------------------------------------------------
_AMPM = r"(?P<ampm>[AaPp]\.?\s?[Mm]\b\.?)"
_ZONE = r"(?:\s*(?P<zone>(?i:e\.?s\.?t|e\.?d\.?t|c\.?s\.?t|c\.?d\.?t|m\.?s\.?t|m\.?d\.?t|p\.?s\.?t|" \
        r"p\.?d\.?t|ET|PT|CT|MT|GMT|UTC|BST|CET))\b\.?)?"
_CLOCK = re.compile(
    r"(?<![\w.:,$-])(?P<h>[0-9]{1,2})(?:(?P<sep>[:.])(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?)?"
    r"(?(sep)\s?" + _AMPM + r"?|\s?" + _AMPM.replace("ampm", "ampm2") + r")" + _ZONE
    + r"(?![\w:]|[.,][0-9])")


def _hour_minute(h: int, m: int) -> str:
    if m == 0:
        return cardinal(h)
    if m < 10:
        return f"{cardinal(h)} oh {cardinal(m)}"
    return f"{cardinal(h)} {cardinal(m)}"


def _clock(m: re.Match[str]) -> str:
    h = int(m.group("h"))
    mins = int(m.group("m") or 0)
    secs = m.group("s")
    ampm = m.group("ampm") or m.group("ampm2")
    if m.group("sep") == "." and not ampm:
        raise ValueError("a decimal, not a time")
    if h > 24 or mins > 59 or (secs and int(secs) > 59):
        raise ValueError("not a time")
    zone = m.group("zone")
    suffix = ""
    if ampm:
        if h > 12 or h == 0:
            raise ValueError("not a 12-hour time")
        suffix = " " + ("A M" if ampm[0] in "Aa" else "P M")
    if zone:
        suffix += " " + " ".join(c for c in zone.upper() if c.isalpha())
    if secs is not None and not ampm:
        s = int(secs)
        return (f"{cardinal(h)} hour{'s' if h != 1 else ''} {cardinal(mins)} minute"
                f"{'s' if mins != 1 else ''} and {cardinal(s)} second{'s' if s != 1 else ''}"
                + suffix)
    said = _hour_minute(h, mins)
    if secs is not None and int(secs):
        said += f" and {cardinal(int(secs))} seconds"
    if not ampm and mins == 0:
        said += " o'clock"
    return said + suffix


_NOT_A_SENTENCE_START = re.compile(
    r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|"
    r"Thurs|Fri|Sat|Sun|" + "|".join(m.capitalize() for m in MONTHS) + r"|Eastern|Pacific|Central|"
    r"Mountain)\b")


def speak_times(text: str, shield: Shield) -> str:
    """'2:30 p.m.' -> 'two thirty P M'; '10 a.m.' -> 'ten A M'; '14:00' -> 'fourteen o'clock';
    '9:05' -> 'nine oh five'; '1:01:01' -> 'one hour one minute and one second'; '2pm-5pm' ->
    'two P M to five P M'.

    Why: colons and 'p.m.' confuse voices. 'A M' is spelled so no voice says the word 'am'.
    Risks: '14:00' keeps the 24-hour reading rather than guessing 'two P M'; 'H:MM:SS' without
    a.m./p.m. is read as a duration.
    """

    def say(m: re.Match[str]) -> str:
        try:
            spoken = _clock(m)
        except ValueError:
            return m.group()
        ampm = m.group("ampm") or m.group("ampm2") or ""
        stop = _keep_full_stop(text, m.end()) if m.group().endswith(".") and (
            ampm.endswith(".") or m.group("zone")) else ""
        if stop and re.match(_NOT_A_SENTENCE_START, text[m.end():]):
            stop = ""  # AP style: "10 a.m. Tuesday" does not end the sentence
        return shield(spoken) + stop

    text = re.sub(r"([0-9]|[AaPp]\.?\s?[Mm]\.?)\s?[-–]\s?(?=[0-9]{1,2}(?::[0-9]{2})?\s?[AaPp]\.?\s?[Mm]\b)",
                  r"\1 to ", text)
    return _CLOCK.sub(say, text)
