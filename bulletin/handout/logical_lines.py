"""Lines with right-to-left words, drawn so that their text layer reads in logical order.

ReportLab lays out and measures such a line (its words in visual order, see :mod:`.shaped`),
but the glyphs are written here instead: word by word in reading order, each glyph placed at
the spot where ReportLab would have drawn it, each mapped to the letters it stands for (see
:mod:`.tounicode`). Tools that read the content stream in order (``pdfinfo -struct-text``,
screen-reader pipelines) and tools that read by position (``pdftotext``) then both get real
letters in reading order, while the page shows the same shaped, right-to-left line.

A letter that Noto draws as a skeleton plus dots keeps its text on the skeleton; the dots are
drawn after the line as an artifact whose ActualText is empty, so no reader counts the letter
twice. Measured with poppler 22.12, page-validation 0.11 and outloud 0.2.1: all accept this.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

START, END = "bulletin_logical_start", "bulletin_logical_end"


@dataclass
class Glyph:
    """One glyph to draw: where, and with which one-character string of its font."""

    font: str
    char: str
    """A character of ``font`` that draws the glyph (its own, or one from :mod:`.tounicode`)."""
    x: float
    """From the left end of the line, in points."""
    y: float
    """Raise above the baseline, in points."""
    order: tuple
    """Sort key: reading order within the line."""


def label(line, direction: str, base_font: str, size: float, levels: list[int] | None = None) -> str:
    """The ``<ondraw>`` label that lets :func:`draw` rebuild ``line`` (Tokens in logical order).

    ``levels``: the line's bidi levels resolved over its paragraph (see
    :func:`.bidi.paragraph_levels`); without them the line is resolved on its own.
    """
    from .bidi import split_edges as _split_edges

    return json.dumps({"d": direction, "f": base_font, "z": size,
                       "t": [[t.font, t.text, t.glued] + ([True] if t.missing else [])
                             for t in _split_edges(line, direction)]} | ({"v": levels} if levels else {}),
                      ensure_ascii=False)


def wanted(line) -> bool:
    """True when ``line`` has a right-to-left word: its glyphs are drawn here."""
    from .bidi import kind as _kind

    return any(_kind(t) == "R" for t in line)


def plan(data: dict) -> tuple[list[Glyph], list[Glyph]]:
    """(glyphs in reading order, extra glyphs of letters already read) for a label's line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .bidi import visual_layout as _visual_layout
    from .words import Token

    size, direction = data["z"], data["d"]
    line = [Token([(c, False, None) for c in text], glued=glued, font=font, missing=bool(missing))
            for font, text, glued, *missing in data["t"]]
    starts: dict[int, float] = {}
    drawn: dict[int, tuple[list[Glyph], list[Glyph], float]] = {}
    x = 0.0
    for placed in _visual_layout(line, direction, data.get("v")):
        i = placed.index
        if placed.space_before:
            # Paragraph lines space words in the paragraph's font; single-line labels (label_runs.py)
            # in the font of the word after the space.
            x += stringWidth(" ", line[i].font if data.get("s") == "next" else data["f"], size)
        starts[i] = x
        drawn[i] = _token_glyphs(line[i], i, direction, placed.direction, size, x)
        x += drawn[i][2]
    read: list[Glyph] = []
    extra: list[Glyph] = []
    for i, tok in enumerate(line):
        if i and not tok.glued:
            # The space a reader needs between words: drawn (invisible) in the gap between them.
            left = min(starts[i - 1], starts[i])
            gap_at = left + (drawn[i - 1][2] if starts[i - 1] < starts[i] else drawn[i][2])
            read.append(Glyph(data["f"], " ", gap_at, 0.0, (i, -1)))
        read += drawn[i][0]
        extra += drawn[i][1]
    read.sort(key=lambda g: g.order)
    return read, extra


def _token_glyphs(tok, index: int, direction: str, drawn: str, size: float, left: float):
    """(reading glyphs, extra glyphs, width) of one token drawn from ``left``.

    ``direction`` is the paragraph's, ``drawn`` the way the token itself runs.
    """
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    from . import tounicode
    from .bidi import inner_order as _inner_order
    from .reportlab_patches import private_glyph_widths as _fix_private_widths

    # The same permutation _inner_order applies, carried on each character's logical index.
    probe = tok.__class__([(c, i, None) for i, (c, _, _) in enumerate(tok.chars)], font=tok.font,
                          missing=tok.missing)
    inner = _inner_order(probe, drawn)
    chars = "".join(c for c, _, _ in inner)
    logical = [i for _, i, _ in inner]
    ttf = getFont(tok.font)
    shaped = shapeStr(chars, tok.font, size) if getattr(ttf, "shapable", False) else chars
    read, extra = [], []
    if isinstance(shaped, ShapedStr):
        _fix_private_widths(ttf)
        data = shaped.__shapeData__
        bounds = sorted({d.cluster for d in data}) + [len(chars)]
        primary: dict[int, int] = {}
        for n, d in enumerate(data):
            if d.cluster not in primary or (d.x_advance and not data[primary[d.cluster]].x_advance):
                primary[d.cluster] = n
        pen = 0.0
        for n, (ch, d) in enumerate(zip(str(shaped), data)):
            end = bounds[bounds.index(d.cluster) + 1]
            where = sorted(logical[k] for k in range(d.cluster, end))
            text = "".join(tok.text[k] for k in where)
            gid = ttf.face.charToGlyph[ord(ch)]
            nudge = 0.0
            if not d.x_advance and all(unicodedata.category(c) == "Cf" for c in text):
                gid = _empty_glyph(ttf, gid)
                nudge = -0.01  # just left of the letter that follows it in a right-to-left word
            char = ch if ch == text else tounicode.code_for(tok.font, gid, text)
            g = Glyph(tok.font, char, left + nudge + (pen + d.x_offset) * size / 1000, d.y_offset * size / 1000,
                      (index, where[0], n))
            (read if primary[d.cluster] == n else extra).append(g)
            pen += d.x_advance
        if direction == "rtl" or _kind_r(tok):
            _carry_marks(read, extra, tok.font, ttf)
        return read, extra, pen * size / 1000
    pen = 0.0
    for ch, k in zip(chars, logical):
        want = tok.text[k]
        char = ch
        if ch != want:  # a bracket mirrored for the right-to-left line: it still reads as written
            gid = ttf.face.charToGlyph.get(ord(ch))
            if gid is not None:
                char = tounicode.code_for(tok.font, gid, want)
        read.append(Glyph(tok.font, char, left + pen, 0.0, (index, k, 0)))
        pen += stringWidth(ch, tok.font, size)
    return read, extra, pen


def _kind_r(tok) -> bool:
    from .bidi import kind as _kind

    return _kind(tok) == "R"


def _carry_marks(read: list[Glyph], extra: list[Glyph], font: str, ttf) -> None:
    """Vowel marks read through an inkless glyph just left of their letter; their ink drawn apart.

    Why: ``pdftotext`` orders a right-to-left line by position, and a zero-width mark drawn over
    its letter sorts before the letter, or after a gap it reads as a space ("ب ُعد"). An empty
    glyph placed at the letter's left edge sorts right after it. Risk: the mark's glyph becomes
    an artifact (its text is carried by the empty glyph); a font without an empty zero-width
    glyph keeps the old behaviour.
    """
    from . import tounicode

    empty = _empty_glyph(ttf, -1)
    if empty < 0:
        return
    base = None
    behind = 0
    for g in sorted(read, key=lambda g: g.order):
        text = tounicode.text_of(ord(g.char)) or g.char
        if text and all(unicodedata.category(c) == "Mn" for c in text):
            if base is None:
                continue
            behind += 1
            read.remove(g)
            extra.append(g)
            read.append(Glyph(font, tounicode.code_for(font, empty, text), base.x - 0.01 * behind, 0.0, g.order))
        else:
            base, behind = g, 0


def _empty_glyph(ttf, gid: int) -> int:
    """A glyph with no advance and no ink to carry a joiner's text (ZWNJ in Persian words).

    Why: HarfBuzz draws ZWNJ and ZWJ with the space glyph at zero advance, but the PDF's /Widths
    must give the space its own width, so ``pdftotext`` saw a wide box over the next letter and
    split the word. Risk: a font without a zero-width U+200B or U+FEFF keeps the space glyph.
    """
    face = ttf.face
    for cp in (0x200B, 0xFEFF):
        g = face.charToGlyph.get(cp)
        if g is not None and not face.charWidths.get(cp, 1):
            return g
    return gid


def draw(canvas, tracker, text_label: str) -> None:
    """``<ondraw>`` callback at the start of a line: write its glyphs; ReportLab writes none."""
    info = getattr(canvas, "_curr_tx_info", None)
    if not info:
        return
    tx = info["tx"]
    marked = getattr(canvas, "_marked_text", None) is tx and tracker is not None
    reopen = (lambda: tracker._open(canvas, tracker.text_owner)) if marked else None
    tx._code.append(_code(canvas, json.loads(text_label), info["cur_x"] - tx._x0, reopen))
    tx._drawn_elsewhere = True


def draw_at(canvas, x: float, y: float, line, direction: str, base_font: str, size: float) -> None:
    """Draw ``line`` (Tokens in logical order) with its left end at ``x`` on baseline ``y``.

    For lines outside paragraphs (the running header and page numbers, drawn as artifacts).
    """
    data = json.loads(label(line, direction, base_font, size))
    data["s"] = "next"
    canvas.addLiteral(f"BT 1 0 0 1 {_num(x)} {_num(y)} Tm\n{_code(canvas, data, 0.0, None)}\nET")


def _code(canvas, data: dict, left: float, reopen) -> str:
    """Content-stream operators for a line, the text position back where it started.

    ``reopen`` gives the operator that reopens the paragraph's marked content after the extra
    glyphs were drawn as an artifact; None when the line is not tagged content.
    """
    read, extra = plan(data)
    size = data["z"]
    ops: list[str] = []
    state = {"x": 0.0, "y": 0.0, "font": None}
    _emit(ops, canvas, read, left, size, state)
    if extra:
        ops.append("EMC /Artifact BMC /Span <</ActualText ()>> BDC" if reopen
                   else "/Span <</ActualText ()>> BDC")
        _emit(ops, canvas, extra, left, size, state)
    ops.append(f"{_num(-state['x'])} {_num(-state['y'])} Td")
    if extra:
        ops.append("EMC EMC " + reopen() if reopen else "EMC")
    else:
        ops.append("")  # ReportLab merges a following Td into a last code ending in Td
    return "\n".join(ops)


def end(canvas) -> None:
    """``<ondraw>`` callback at the end of the line: ReportLab draws again, font set afresh."""
    info = getattr(canvas, "_curr_tx_info", None)
    if info:
        tx = info["tx"]
        tx._drawn_elsewhere = False
        tx._curSubset = -1


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _emit(ops: list[str], canvas, glyphs: list[Glyph], left: float, size: float, state: dict) -> None:
    from reportlab.pdfbase.pdfmetrics import getFont

    doc = canvas._doc
    for g in glyphs:
        ttf = getFont(g.font)
        for subset, code in ttf.splitString(g.char, doc):
            name = ttf.getSubsetInternalName(subset, doc)
            if (name, size) != state["font"]:
                ops.append(f"{name} {_num(size)} Tf")
                state["font"] = (name, size)
            x, y = left + g.x, g.y
            ops.append(f"{_num(x - state['x'])} {_num(y - state['y'])} Td <{code.hex()}> Tj")
            state["x"], state["y"] = x, y
