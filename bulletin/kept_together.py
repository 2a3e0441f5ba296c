"""Runs of text a line must not end inside: a phone number, a month name and its day.

A reader who finds "(555)" at the end of one line and "213-4870" at the start of the next may
dial half a number or take the two for two things; "October" at a line's end and "15" on the
next reads as a month with no day. The handout and the braille edition keep each such run on one
line where it fits there, as a typesetter would with a no-break space.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from .helplines import PHONE

NO_BREAK_SPACE = "\u00a0"

ENGLISH_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                               "Nov", "Dec")
"""As news style writes them before a day ("Oct. 15"), with or without the full stop."""


@functools.lru_cache(maxsize=1)
def month_and_day() -> re.Pattern:
    """A month name next to its day number, in the order each language's date format puts them.

    Why: the orders and the words between ("October 15", "15 de octubre", "15 октября") are
    already written once per language in the message catalogues (``date.format``,
    ``date.months``); the rule is built from them so a new catalogue brings its dates along.
    Risk: a month name that is also a word ("May 3 people") is kept with its number too, which
    costs nothing but a slightly shorter line.
    """
    from .i18n import languages, t

    day = r"(?<!\d)\d{1,2}(?!\d)"
    alternatives: list[str] = []
    for code in languages():
        fmt, months = t(code, "date.format"), t(code, "date.months")
        names = list(months) + (list(ENGLISH_MONTH_ABBREVIATIONS) if code == "en" else [])
        month = r"(?<!\w)(?:" + "|".join(re.escape(m) + (r"\.?" if m in ENGLISH_MONTH_ABBREVIATIONS else "")
                                         for m in sorted(set(names), key=len, reverse=True)) + r")(?!\w)"
        for first, second, word in (("month", "day", month), ("day", "month", month)):
            between = re.search(r"\{%s\}([^{}]*)\{%s\}" % (first, second), fmt)
            if between is None or " " not in between.group(1):
                continue  # no space between them (年10月15日): nothing a line could break at
            sep = r"\s+".join(map(re.escape, between.group(1).split(" ")))
            alternatives.append(f"{word}{sep}{day}" if first == "month" else f"{day}{sep}{word}")
    return re.compile("|".join(dict.fromkeys(alternatives)), re.IGNORECASE)


def runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each phone number and each month with its day in ``text``, in order."""
    found = [m.span() for rx in (PHONE, month_and_day()) for m in rx.finditer(text) if " " in m.group(0)]
    return sorted(found)


def with_no_break_spaces(text: str, fits: Callable[[str], bool] = lambda run: True) -> str:
    """``text`` with the spaces inside each run (see :func:`runs`) that ``fits`` on a line made
    no-break spaces. One character for one, so offsets into the text (spans) still hold.

    Why: a line breaker that honours no-break spaces (ReportLab's, :mod:`.handout.words`) then
    moves the whole run to the next line. A run too wide for a line keeps its spaces, so it can
    still be broken rather than overflow the margin.
    """
    found = runs(text)
    if not found:
        return text
    chars = list(text)
    for a, b in found:
        if fits(text[a:b]):
            for i in range(a, b):
                if chars[i] == " ":
                    chars[i] = NO_BREAK_SPACE
    return "".join(chars)
