"""Single lines of interface text (running header, page numbers) drawn in per-script fonts.

Paragraphs get their fonts through markup; the header and footer are drawn straight onto the
canvas, so a page label such as "Страница 1 из 3" or "第 1 页，共 3 页" is cut here into runs,
each drawn in the font that has its characters.
"""
from __future__ import annotations

from itertools import groupby

from . import cjk, fonts


def runs(text: str, fontset: fonts.FontSet, bold: bool = False) -> tuple[tuple[str, str], ...]:
    """``text`` cut into (ReportLab font name, text) runs; spaces join the run before them."""
    key = ("runs", text, bold)
    if key not in fontset.memo:
        fontset.memo[key] = tuple(_runs(text, fontset, bold))
    return fontset.memo[key]


def _runs(text: str, fontset: fonts.FontSet, bold: bool) -> list[tuple[str, str]]:
    chars = set(text)
    if chars and set(map(ord, chars)) <= fontset.primary and not any(map(fonts.script_of, chars)):
        return [(fonts.BOLD if bold else fonts.REGULAR, text)]  # all Atkinson: one run
    out: list[tuple[str, str]] = []
    mode = "primary"
    variety = cjk.passage_variety(text, fontset.language)
    for ch in text:
        which = mode if (ch == " " or fonts.is_mark(ch)) else fontset.font_for(ch, variety)
        if which is None:
            # No font has it (reported once for the document): a visible mark, never a box.
            fontset.memo.setdefault("missing", set()).add(ch)
            which, ch = ("fallback", "\ufffd") if fontset.fallback else ("primary", "?")
        if which == "fallback" and not fontset.fallback:
            which = "primary"
        mode = which
        name = {"primary": fonts.REGULAR, "fallback": fonts.FALLBACK}.get(which, which)
        if bold:
            name = {fonts.REGULAR: fonts.BOLD, fonts.FALLBACK: fonts.FALLBACK_BOLD}.get(name, name + "-Bold")
        out.append((name, ch))
    return [(name, "".join(c for _, c in grp)) for name, grp in groupby(out, key=lambda r: r[0])]


def _line_tokens(text: str, fontset: fonts.FontSet, size: float, bold: bool):
    """(Tokens in logical order, base direction) of a one-line label."""
    from . import bidi, words
    from .markup import MarkupContext
    from .reportlab_patches import shape_words_with_marks

    ctx = MarkupContext(fontset, 1e6, size)
    shape_words_with_marks()
    return words.tokens([(c, bold, None) for c in text], ctx, size), bidi.base_direction(text)


def _shaped_line(text: str, fontset: fonts.FontSet, size: float, bold: bool):
    """(font, text, width) pieces from left to right, for a line that must be shaped or reordered."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import shapeStr

    from . import bidi, words
    from .markup import MarkupContext
    from .reportlab_patches import shape_words_with_marks

    ctx = MarkupContext(fontset, 1e6, size)
    shape_words_with_marks()
    direction = bidi.base_direction(text)
    tokens = bidi.split_edges(words.tokens([(c, bold, None) for c in text], ctx, size), direction, size)
    out = []
    for placed in bidi.visual_layout(tokens, direction):
        tok = tokens[placed.index]
        if placed.space_before:
            out.append((tok.font, " ", stringWidth(" ", tok.font, size)))
        chars = "".join(c for c, _, _ in bidi.inner_order(tok, placed.direction))
        from reportlab.pdfbase.pdfmetrics import getFont

        drawn = shapeStr(chars, tok.font, size) if getattr(getFont(tok.font), "shapable", False) else chars
        out.append((tok.font, drawn, tok.width))
    return out


#: No mark within half an inch of the paper's edge (large-print guidance); fonts report smaller boxes
#: than PDF readers measure (OS/2 against hhea metrics), hence the 5 pt spare.
_EDGE = 41.0


def _clear_of_edges(canvas, y: float, names: list[str], size: float) -> float:
    """``y`` moved just enough that the line boxes of ``names`` stay out of the edge zone.

    Why: Arabic and Devanagari fonts have much deeper descents and taller ascents than Atkinson,
    so a page number set on Atkinson's baseline reaches into the half inch a printer may crop
    (checkers measure the font's box, not the ink). Risk: such a label sits a few points higher
    (or lower) than an English one.
    """
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    boxes = [getAscentDescent(n, size) for n in set(names)]
    if not boxes:  # nothing to draw (an empty header)
        return y
    top = max(a for a, _ in boxes)
    bottom = min(d for _, d in boxes)
    height = canvas._pagesize[1]
    if y + bottom < _EDGE:
        y = _EDGE - bottom
    elif y + top > height - _EDGE:
        y = height - _EDGE - top
    return y


def width(text: str, fontset: fonts.FontSet, size: float, bold: bool = False) -> float:
    key = ("width", text, size, bold)
    if key not in fontset.memo:
        fontset.memo[key] = _width(text, fontset, size, bold)
    return fontset.memo[key]


def _width(text: str, fontset: fonts.FontSet, size: float, bold: bool) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .shaped import needs_layout

    if needs_layout(text):
        return sum(w for _, _, w in _shaped_line(text, fontset, size, bold))
    return sum(stringWidth(t, name, size) for name, t in runs(text, fontset, bold))


def draw(canvas, x: float, y: float, text: str, fontset: fonts.FontSet, size: float,
         bold: bool = False, right: bool = False) -> None:
    """Draw ``text`` with its left end at ``x`` (or its right end, with ``right``)."""
    from .shaped import needs_layout

    if right:
        x -= width(text, fontset, size, bold)
    y = _clear_of_edges(canvas, y, [name for name, _ in runs(text, fontset, bold)], size)
    if needs_layout(text):
        line, direction = _line_tokens(text, fontset, size, bold)
        from . import logical_lines

        if logical_lines.wanted(line):
            base = next((t.font for t in line if t.font.split("-Bold")[0] in fontset.shaped), fonts.REGULAR)
            logical_lines.draw_at(canvas, x, y, line, direction, base, size)
            return
        for name, t, w in _shaped_line(text, fontset, size, bold):
            canvas.setFont(name, size)
            canvas.drawString(x, y, t)
            x += w
        return
    for name, t in runs(text, fontset, bold):
        canvas.setFont(name, size)
        canvas.drawString(x, y, t)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        x += stringWidth(t, name, size)
