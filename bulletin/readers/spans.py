"""Whitespace collapsing that keeps link and emphasis spans pointing at the same words."""
from __future__ import annotations

from ..article import Paragraph, Span


def collapse(text: str, spans: list[Span]) -> Paragraph:
    """Runs of whitespace become one space and the ends are stripped; span offsets move along.

    Spans that end up empty (a link around only spaces) are dropped.
    """
    out: list[str] = []
    mapping = []  # old index -> new index
    for ch in text:
        mapping.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
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
