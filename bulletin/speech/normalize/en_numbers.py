"""English number words, built on num2words, in the American style the default voice uses.

num2words writes "one hundred and twenty-three"; we drop the "and" and the hyphens so every
rule speaks numbers the same way ("one hundred twenty three").
"""
from __future__ import annotations

import re

from num2words import num2words

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MAX_CARDINAL_DIGITS = 15
"""Longer unseparated numbers are identifiers (card, tracking, account numbers): read digits."""

_AND = re.compile(r"\band\b")


def _tidy(words: str) -> str:
    words = words.replace("-", " ").replace(",", "")
    return " ".join(_AND.sub(" ", words).split())


def digits(text: str) -> str:
    """'0402' -> 'zero four zero two' (non-digits ignored)."""
    return " ".join(DIGIT_WORDS[int(c)] for c in text if c in "0123456789")


def cardinal(n: int) -> str:
    if abs(n) >= 10 ** 30:
        return ("minus " if n < 0 else "") + digits(str(abs(n)))
    return _tidy(num2words(n))


def ordinal(n: int) -> str:
    if n >= 10 ** 30:
        return digits(str(n))
    return _tidy(num2words(n, to="ordinal"))


def integer(text: str) -> str:
    """Read a written integer: '1,500' -> cardinal; '004' or a 16-digit run -> digit by digit."""
    plain = text.replace(",", "")
    if not plain.isdigit():
        return text
    if "," not in text and (len(plain) > 1 and plain.startswith("0")
                            or len(plain) > MAX_CARDINAL_DIGITS):
        return digits(plain)
    return cardinal(int(plain))


def decimal(text: str) -> str:
    """'2.050' -> 'two point zero five zero'; '.5' -> 'point five'; '1,234.5' works too."""
    whole, _, frac = text.partition(".")
    head = integer(whole) if whole else ""
    if not frac:
        return head
    return f"{head} point {digits(frac)}".strip()


def number(text: str) -> str:
    """Any unsigned written number, integer or decimal."""
    return decimal(text) if "." in text else integer(text)


def year(n: int) -> str:
    """1905 -> 'nineteen oh five', 2016 -> 'twenty sixteen', 2005 -> 'two thousand five'."""
    if n < 0 or n >= 10000:
        return cardinal(n)
    if 2000 <= n <= 2009 or n % 1000 == 0 or n < 100:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {cardinal(low)}"
    return f"{cardinal(high)} {cardinal(low)}"


def decade(n: int) -> str:
    """1990 -> 'nineteen nineties', 2000 -> 'two thousands', 1900 -> 'nineteen hundreds'."""
    if n % 1000 == 0:
        return cardinal(n) + "s"
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundreds"
    return f"{cardinal(high)} {plural(cardinal(low))}".strip() if n >= 100 else plural(cardinal(n))


def plural(words: str) -> str:
    """'ninety' -> 'nineties', 'ten' -> 'tens', 'six' -> 'sixes'."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith(("x", "s")):
        return words + "es"
    return words + "s"


_FRACTIONS = {(1, 2): "a half", (1, 4): "a quarter", (3, 4): "three quarters"}


def fraction(num: int, den: int) -> str:
    """1/2 -> 'one half', 2/3 -> 'two thirds', 7/16 -> 'seven sixteenths'."""
    if (num, den) in _FRACTIONS:
        return _FRACTIONS[(num, den)].replace("a ", "one ") if num == 1 else _FRACTIONS[(num, den)]
    if den in (0, 1) or den > 100:
        return f"{cardinal(num)} over {cardinal(den)}"
    name = ordinal(den) if den != 2 else "half"
    return f"{cardinal(num)} {name if num == 1 else plural(name) if den != 2 else 'halves'}"
