"""Braille lines and pages after BANA's Braille Formats (2016), in BRF characters.

The braille of a whole paragraph comes in as words with the places a line may end between them
(a space, or just after a hyphen print already has); words are never divided otherwise, unless
one is longer than a line. Runs that must stay whole (a phone number, a web address) are kept on
one line when they fit on one.
"""
from __future__ import annotations

from dataclasses import dataclass

NUMBER_SIGN = "#"
DIGITS = "JABCDEFGHI"
"""Braille digits in BRF: the letters a-j with the number sign in front (0 is j)."""
TOP_BOX_LINE = "7"
"""Dots 2-3-5-6, repeated across the line above boxed material."""
BOTTOM_BOX_LINE = "G"
"""Dots 1-2-4-5, repeated across the line below it."""
CENTRE_MARGIN = 3
"""Blank cells a centred line keeps at each end."""
NUMBER_GAP = 3
"""Blank cells at least between text and the page number on the last line."""


@dataclass(frozen=True)
class Word:
    """A piece of braille no line may be broken inside."""

    cells: str
    joiner: str = " "
    """What stands between it and the word before on the same line: a blank cell, or nothing
    (after a hyphen, where the line may also end)."""
    bound: bool = False
    """True when it belongs with the word before (inside a phone number or web address): the
    two are parted only when the whole run cannot fit on one line."""


@dataclass(frozen=True)
class Line:
    """One line of a page, with what it must not be parted from."""

    text: str = ""
    keep_next: bool = False
    """Must be on the same page as the line after it (a heading, inside a box)."""
    plain: bool = True
    """Running text: may share the last line with the page number."""

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def units(words: list[Word]) -> list[list[Word]]:
    """Words grouped into runs that stay whole where they fit."""
    out: list[list[Word]] = []
    for w in words:
        if w.bound and out:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def joined(run: list[Word]) -> str:
    return run[0].cells + "".join(w.joiner + w.cells for w in run[1:])


def wrap(words: list[Word], width: int, first: int = 0, rest: int = 0) -> list[str]:
    """Lines of at most ``width`` cells: the first indented ``first`` cells, the others ``rest``."""
    lines: list[str] = []
    line = " " * first
    empty = True

    def put(w: Word) -> None:
        nonlocal line, empty
        if not empty and len(line) + len(w.joiner) + len(w.cells) <= width:
            line += w.joiner + w.cells
            return
        cells = w.cells
        if not empty and len(cells) > width - rest and width - len(line) - len(w.joiner) >= 4:
            line += w.joiner  # it is divided wherever it starts: start it here
        elif not empty:
            lines.append(line)
            line = " " * rest
        while len(line) + len(cells) > width:  # a word longer than a line: divided at its end
            room = max(1, width - len(line))
            lines.append(line + cells[:room])
            line, cells = " " * rest, cells[room:]
        line += cells
        empty = False

    for run in units(words):
        if len(run) == 1:
            put(run[0])
            continue
        text = joined(run)
        if not empty and len(line) + len(run[0].joiner) + len(text) <= width:
            for w in run:
                put(w)
        elif len(text) <= width - rest:
            put(Word(text, run[0].joiner))  # whole on the next line
        else:
            for w in run:
                put(w)
    if not empty:
        lines.append(line)
    return [ln.rstrip() for ln in lines]


def centred(words: list[Word], width: int) -> list[str]:
    """Centred lines, each with at least three blank cells at both ends."""
    inner = max(1, width - 2 * CENTRE_MARGIN)
    return [" " * ((width - len(ln)) // 2) + ln for ln in wrap(words, inner)]


def page_number(n: int) -> str:
    """The braille page number: ``#A`` for 1, ``#AJ`` for 10."""
    return NUMBER_SIGN + "".join(DIGITS[int(d)] for d in str(n))


def paginate(lines: list[Line], width: int, height: int) -> list[list[str]]:
    """Pages of ``height`` lines, the page number at the right of the last line of each.

    No page starts with a blank line. Lines bound to the next stay on its page when the group
    fits on a page at all. The last line carries running text too when the text leaves at least
    three blank cells before the number.
    """
    body = height - 1
    pages: list[list[str]] = []
    page: list[str] = []
    i = 0

    def group_end(start: int) -> int:
        end = start
        while end < len(lines) - 1 and lines[end].keep_next:
            end += 1
        return end

    def close(last: str = "") -> None:
        num = page_number(len(pages) + 1)
        rows = page + [""] * (body - len(page))
        pages.append(rows + [last.ljust(width - len(num)) + num])

    while i < len(lines):
        line = lines[i]
        if not page and line.blank:
            i += 1
            continue
        started_here = i > 0 and lines[i - 1].keep_next and page
        size = group_end(i) - i + 1
        if page and not started_here and len(page) + size > body and size <= body:
            close()
            page = []
            continue
        page.append(line.text)
        i += 1
        if len(page) == body:
            last = ""
            if i < len(lines):
                nxt = lines[i]
                num = page_number(len(pages) + 1)
                if (nxt.plain and not nxt.blank and not nxt.keep_next
                        and len(nxt.text) <= width - len(num) - NUMBER_GAP):
                    last = nxt.text
                    i += 1
            close(last)
            page = []
    if page or not pages:
        close()
    return pages


def brf_bytes(pages: list[list[str]]) -> bytes:
    """The file: CR LF after every line, a form feed between pages, ASCII only."""
    return "\f".join("".join(ln.rstrip() + "\r\n" for ln in p) for p in pages).encode("ascii")
