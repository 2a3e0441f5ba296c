"""Whitespace collapsing that keeps link and emphasis spans pointing at the same words."""
from __future__ import annotations

import unicodedata

from ..article import Paragraph, Span


def joins_without_space(before: str, after: str) -> bool:
    """Whether a line break between these two characters is dropped rather than made a space.

    Why: Chinese and Japanese put no spaces between words, so a paragraph wrapped over several
    source lines ("商標権\n侵害") must join into "商標権侵害"; a space there is read as a pause
    and shown as a gap. The rule is CSS Text's for segment breaks: both characters wide (East
    Asian Width F, W or H) and neither Hangul, since Korean separates words with spaces. Emoji
    and other symbols are wide too but are not written inside words, so they keep the space.
    """
    return _wide_letter(before) and _wide_letter(after)


def _wide_letter(ch: str) -> bool:
    if unicodedata.east_asian_width(ch) not in ("F", "W", "H") or unicodedata.category(ch) == "So":
        return False
    return "HANGUL" not in unicodedata.name(ch, "")


def join_lines(text: str, line: str) -> str:
    """``line`` appended to ``text`` across a line break: with a space, or none between CJK."""
    if not text or not line:
        return text or line
    return text + line if joins_without_space(text[-1], line[0]) else f"{text} {line}"


def collapse(text: str, spans: list[Span]) -> Paragraph:
    """Runs of whitespace become one space and the ends are stripped; span offsets move along.

    A run with a line break between two Chinese or Japanese characters becomes nothing (see
    :func:`joins_without_space`).

    Spans that end up empty (a link around only spaces) are dropped.
    """
    out: list[str] = []
    mapping = []  # old index -> new index
    line_break = False  # the whitespace run being collapsed holds a line break
    for ch in text:
        if ch.isspace():
            mapping.append(len(out))
            line_break = line_break or ch in "\n\r"
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if line_break and len(out) > 1 and out[-1] == " " and joins_without_space(out[-2], ch):
            out.pop()
        line_break = False
        mapping.append(len(out))
        out.append(ch)
    mapping.append(len(out))
    new = "".join(out)
    lead = len(new) - len(new.lstrip())
    result = new.rstrip()[lead:]
    moved = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        a = max(0, mapping[s.start] - lead)
        b = min(len(result), mapping[s.end] - lead)
        while b > a and result[b - 1] == " ":
            b -= 1
        while a < b and result[a] == " ":
            a += 1
        if b > a:
            moved.append(Span(a, b, s.kind, s.href, s.lang))
    return Paragraph(result, tuple(moved))


def table_row(header: list[str], cells: list[str]) -> Paragraph | None:
    """A table row as one readable line, "Days: Monday to Friday; Hours: noon to 8 pm"; None when
    the row is empty. Tables become lists because a large-print page and a voice read one line
    at a time, not a grid."""
    parts = [f"{h}: {v}" if h else v for h, v in zip(header + [""] * len(cells), cells) if v]
    return Paragraph("; ".join(parts)) if parts else None
