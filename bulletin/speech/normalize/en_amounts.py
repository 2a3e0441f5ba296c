"""Money, percentages, measures, ranges, ordinals, fractions and plain numbers."""
from __future__ import annotations

import re

from .en_lexicon import CURRENCIES, PER_UNITS, SCALES, STREET_SUFFIXES, UNITS
from .en_numbers import cardinal, decimal, fraction, integer, number, ordinal, year
from .shield import CLOSE, OPEN, Shield

INT = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
NUM = rf"(?:{INT})(?:\.[0-9]+)?|\.[0-9]+"
_END = r"(?![\w]|[.,][0-9])"

_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_PER = "|".join(sorted(PER_UNITS, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?<![\w$])(?P<cur>{_CUR})\s?(?P<num>{NUM})(?:\s?(?P<scale>{_SCALE})(?![\w]))?"
    rf"(?:\s?/\s?(?P<per>{_PER})\b)?(?![0-9])")
_MONEY_AFTER = re.compile(rf"(?<![\w.,])(?P<num>{NUM})\s?(?P<cur>€|£|¢)(?!\w)")


def say_money(cur: str, num: str, scale: str | None = None, per: str | None = None) -> str:
    one, many, minor_one, minor_many = CURRENCIES[cur]
    plain = num.replace(",", "")
    if scale:
        said = f"{number(num)} {SCALES[scale]} {many}"
    else:
        whole, _, frac = plain.partition(".")
        frac = frac.rstrip("0") if len(frac) > 2 else frac
        if len(frac) > 2 or (frac and not minor_many):
            said = f"{decimal(num)} {many}"
        else:
            units = int(whole or 0)
            cents = int(frac.ljust(2, "0")) if frac else 0
            parts = []
            if units or not cents:
                parts.append(f"{integer(whole or '0')} {one if units == 1 else many}")
            if cents:
                parts.append(f"{cardinal(cents)} {minor_one if cents == 1 else minor_many}")
            said = " and ".join(parts)
    if per:
        said += f" per {PER_UNITS[per]}"
    return said


def speak_money(text: str, shield: Shield) -> str:
    """'$2.5 million' -> 'two point five million dollars'; '$12.50' -> 'twelve dollars and
    fifty cents'; '£1.20', '€5', '¥30B', '$20/mo' -> '... per month'; '50¢' -> 'fifty cents'.

    Why: the symbol is written first but said last. Risks: '$5 m' is read as five million
    dollars; amounts with three decimals are read with 'point'.
    """

    def before(m: re.Match[str]) -> str:
        return shield(say_money(m.group("cur"), m.group("num"), m.group("scale"), m.group("per")))

    def after(m: re.Match[str]) -> str:
        if m.group("cur") == "¢":
            n = m.group("num")
            return shield(f"{number(n)} {'cent' if n == '1' else 'cents'}")
        return shield(say_money(m.group("cur"), m.group("num")))

    return _MONEY_AFTER.sub(after, _MONEY.sub(before, text))


_PERCENT = re.compile(rf"(?<![\w.,])(?P<neg>-)?(?P<a>{NUM})(?:\s?(?:-|to)\s?(?P<b>{NUM}))?\s?%")


def speak_percentages(text: str, shield: Shield) -> str:
    """'15%' -> 'fifteen percent'; '10-20%' -> 'ten to twenty percent'. Risks: none known."""

    def say(m: re.Match[str]) -> str:
        said = ("minus " if m.group("neg") else "") + number(m.group("a"))
        if m.group("b"):
            said += " to " + number(m.group("b"))
        return shield(said + " percent")

    return _PERCENT.sub(say, text)


_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u not in "xX")
_AMOUNT = rf"(?:{NUM})(?:\s[0-9]{{1,2}}/[0-9]{{1,2}})?"
_MEASURE = re.compile(
    rf"(?<![\w.,/$])(?P<a>{_AMOUNT})(?:\s?-\s?(?P<b>{_AMOUNT}))?"
    rf"(?:\s(?P<scale>thousand|million|billion))?[ -]?(?P<unit>{_UNIT})(?![\w²³])"
    rf"(?:\s?/\s?(?P<per>{_PER})\b)?")
_PER_ONLY = re.compile(rf"(?<![\w.,/$])(?P<a>{NUM})\s?/\s?(?P<per>{_PER})\b(?!/)")
_TIMES = re.compile(rf"(?<![\w.,])(?P<a>{NUM})[xX](?![\w])")
_HEIGHT = re.compile(r"(?<![\w'])([0-9])'\s?([0-9]{1,2})(?:\"|'')")
_FEET = re.compile(r"(?<![\w'])([0-9]{1,3})'(?=\s+(?:tall|high|long|wide|deep)\b)")


def say_amount(text: str) -> str:
    """A number, or a mixed number: '4 1/2' -> 'four and a half'."""
    whole, _, frac = text.partition(" ")
    if frac:
        n, d = frac.split("/")
        said = fraction(int(n), int(d))
        return f"{number(whole)} and {said.replace('one ', 'a ', 1) if said.startswith('one ') else said}"
    return number(whole)


def speak_measures(text: str, shield: Shield) -> str:
    """'72°F' -> 'seventy two degrees Fahrenheit'; '5 mi' -> 'five miles'; '12kg/kg' ->
    'twelve kilograms per kilogram'; "5'10\"" -> 'five feet ten inches'; '4.4x' -> 'four point
    four times'.

    Why: unit abbreviations are read letter by letter or not at all. Risks: a one-letter unit
    after a number ('5 m', '2 l', '3 g') is read as meters/liters/grams even when it was not.
    """

    def say(m: re.Match[str]) -> str:
        a, b, unit = m.group("a"), m.group("b"), m.group("unit")
        one, many = UNITS[unit]
        said = say_amount(a) + (f" to {say_amount(b)}" if b else "")
        last = b or a
        if m.group("scale"):
            said += " " + m.group("scale")
        said += " " + (one if last == "1" and not m.group("scale") else many)
        if m.group("per"):
            said += " per " + PER_UNITS[m.group("per")]
        return shield(said)

    text = _HEIGHT.sub(lambda m: shield(
        f"{cardinal(int(m.group(1)))} feet {cardinal(int(m.group(2)))} inches"), text)
    text = _FEET.sub(lambda m: shield(f"{cardinal(int(m.group(1)))} feet"), text)
    text = _MEASURE.sub(say, text)
    text = _PER_ONLY.sub(lambda m: shield(f"{number(m.group('a'))} per {PER_UNITS[m.group('per')]}"),
                         text)
    return _TIMES.sub(lambda m: shield(f"{number(m.group('a'))} times"), text)


_ADDRESS = re.compile(
    r"\b([0-9]{3,5})((?:\s+[A-Z][a-z]+){1,3})\s+(St|Street|Ave|Avenue|Av|Blvd|Boulevard|Rd|Road|"
    r"Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Hwy|Highway|Pkwy|Parkway|Ter|Terrace|Cir|Circle)\b(\.)?")


def _house_number(n: str) -> str:
    if len(n) == 3:
        return f"{cardinal(int(n[0]))} {year(int(n[1:])) if n[1] != '0' else 'oh ' + cardinal(int(n[2]))}"
    if len(n) == 4:
        return year(int(n))
    return cardinal(int(n))


def speak_street_addresses(text: str, shield: Shield) -> str:
    """'1428 Elm St.' -> 'fourteen twenty eight Elm Street'; '123 Main Ave' -> 'one twenty three
    Main Avenue'.

    Why: house numbers are said in pairs, and 'St.' after a street name is Street. Risks: a
    count before capitalised words and a suffix ('300 Main St' meaning three hundred) still
    reads as an address, which it almost always is.
    """

    def say(m: re.Match[str]) -> str:
        suffix = STREET_SUFFIXES.get(m.group(3), m.group(3))
        stop = ""
        if m.group(4):
            rest = text[m.end():]
            stop = "." if re.match(r"\s*(?:$|\n|[A-Z])", rest) else ""
        return shield(_house_number(m.group(1))) + m.group(2) + " " + suffix + stop

    return _ADDRESS.sub(say, text)


_RANGE = re.compile(rf"(?<![\w.,/$-])(?P<a>{NUM})\s?[-–]\s?(?P<b>{NUM}){_END}(?!-)")
_TOKEN_RANGE = re.compile(CLOSE + r"\s?[-–]\s?" + OPEN)


def speak_ranges(text: str, shield: Shield) -> str:
    """'ages 18-24' -> 'ages eighteen to twenty four'; '$5-$10' (already spoken) -> '... to ...'.

    Why: a dash between numbers is said 'to'. Risks: a hyphenated code of two numbers
    ('978-0') is read as a range.
    """
    text = _RANGE.sub(lambda m: shield(f"{number(m.group('a'))} to {number(m.group('b'))}"), text)
    return _TOKEN_RANGE.sub(CLOSE + " to " + OPEN, text)


_ORDINAL = re.compile(rf"(?<![\w.])(?P<n>{INT})(?P<suf>st|nd|rd|th|ST|ND|RD|TH)\b")


def _suffix_for(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def speak_ordinals(text: str, shield: Shield) -> str:
    """'21st' -> 'twenty first'; '1,000th' -> 'one thousandth'. A wrong suffix ('21th') is read
    as written ('twenty one th') rather than guessed. Risks: none known.
    """

    def say(m: re.Match[str]) -> str:
        n = int(m.group("n").replace(",", ""))
        if m.group("suf").lower() == _suffix_for(n):
            return shield(ordinal(n))
        return shield(f"{integer(m.group('n'))} {m.group('suf')}")

    return _ORDINAL.sub(say, text)


_NUMBER_SIGN = re.compile(r"(?:\bNo\.|(?<![\w&#])#)\s?(?=[0-9])")
_NUMBERS_SIGN = re.compile(r"\bNos\.\s?(?=[0-9])")


def speak_number_signs(text: str, shield: Shield) -> str:
    """'No. 5' and '#5' -> 'number 5'; 'Nos. 3' -> 'numbers 3'.

    Why: 'No.' is otherwise read as 'no'. Risks: a sentence ending in 'No.' followed by a
    numeral ('He said No. 5 people...') is read 'number'.
    """
    return _NUMBER_SIGN.sub("number ", _NUMBERS_SIGN.sub("numbers ", text))


_FRACTION = re.compile(r"(?<![\w/.,])(?:([0-9]{1,3})\s)?([0-9]{1,2})/([0-9]{1,2})(?![\w/]|[.,][0-9])")


def speak_fractions(text: str, shield: Shield) -> str:
    """'1/2' -> 'one half'; '4 1/2' -> 'four and a half'; '2/3' -> 'two thirds'.

    Risks: a US short date without a year ('3/4') is read as three quarters.
    """

    def say(m: re.Match[str]) -> str:
        n, d = int(m.group(2)), int(m.group(3))
        if d == 0:
            return m.group()
        said = fraction(n, d)
        if m.group(1):
            said = f"{cardinal(int(m.group(1)))} and {said if n != 1 else said.replace('one ', 'a ', 1)}"
        return shield(said)

    return _FRACTION.sub(say, text)


_HYPHEN_NUMBER_WORD = re.compile(r"(?<=[0-9])-(?=[A-Za-z])|(?<=[A-Za-z])-(?=[0-9])")
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def split_letters_from_digits(text: str, shield: Shield) -> str:
    """'COVID-19' -> 'COVID 19'; '5-year-old' -> '5 year-old'; 'N95' -> 'N 95'.

    Why: so the number rules see the number. Risks: product codes read in pieces.
    """
    return _LETTER_DIGIT.sub(" ", _HYPHEN_NUMBER_WORD.sub(" ", text))


_VERSION = re.compile(r"(?<![\w.,])[0-9]+(?:\.[0-9]+){2,}(?![\w]|\.[0-9])")
_DECIMAL = re.compile(rf"(?<![\w.,])(?P<neg>-)?(?P<n>(?:{INT})?\.[0-9]+)(?![\w]|\.[0-9])")


def speak_decimals(text: str, shield: Shield) -> str:
    """'2.5' -> 'two point five'; '.75' -> 'point seven five'; '-0.1' -> 'minus zero point one'.

    Version numbers: '17.4.1' -> 'seventeen point four point one'.
    Risks: a version number '3.2' is read 'three point two' (which is how people say it).
    """
    text = _VERSION.sub(lambda m: shield(" point ".join(integer(p) for p in m.group().split("."))), text)
    return _DECIMAL.sub(
        lambda m: shield(("minus " if m.group("neg") else "") + decimal(m.group("n"))), text)


_NEGATIVE = re.compile(rf"(?<![\w.,)\]-])-(?P<n>{INT})(?![\w]|[.,][0-9])")
_CARDINAL = re.compile(rf"(?<![\w])(?P<n>{INT})(?![0-9])")
_DIGITS = re.compile(r"[0-9]+")


def speak_cardinals(text: str, shield: Shield) -> str:
    """'1,500' -> 'one thousand five hundred'; '-2' -> 'minus two'; '007' -> 'zero zero seven';
    an unseparated run of more than 15 digits is read digit by digit.

    Why: last number rule; anything left in digits is read one way or another. Risks: a
    five-digit ID without a cue word ('order 48213') is read as a quantity.
    """
    text = _NEGATIVE.sub(lambda m: shield("minus " + integer(m.group("n"))), text)
    text = _CARDINAL.sub(lambda m: shield(integer(m.group("n"))), text)
    return _DIGITS.sub(lambda m: shield(integer(m.group())), text)

