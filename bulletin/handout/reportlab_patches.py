"""Every change bulletin makes to ReportLab's own behaviour, in one place.

Each is a fix for something ReportLab gets wrong for accessible, many-script PDFs; each says why,
and what it risks. They depend on ReportLab's internals, so pyproject.toml gives ReportLab an
upper version bound: a new ReportLab is taken only after these are checked against it.
"""
from __future__ import annotations

import contextlib
from typing import Iterator


def shape_words_with_marks() -> None:
    """Shape a word one font run at a time, and let it carry inline callbacks (the ActualText
    marks) at its start or end.

    Why: ReportLab 5.1's ``shapeFragWord`` shapes a whole word with its first fragment's font
    and looks each glyph id up in the font of the fragment it belongs to. A word that changes
    font inside ("ส½", a Thai letter then an Atkinson-only sign; "สƵ" with Noto Sans; a letter
    no font has, drawn as U+FFFD) then showed other glyphs than its letters, or stopped the
    build (a glyph id the other font lacks). Each run is shaped as :mod:`.words` measured it,
    alone in its own font. And ReportLab puts a word's callbacks back as a list where a
    fragment belongs, which ``breakLines`` fails on with an IndexError.
    Risk: a process-wide replacement of a ReportLab function; it only differs for words with
    more than one font or with callbacks. Letters of two fonts never join or kern across
    their boundary (no single font could draw both anyway). A callback between two fonts'
    runs stays in place; one in the middle of a run (never written here) goes to its end.
    """
    import reportlab.platypus.paragraph as rl_paragraph
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord

    original = rl_paragraph.shapeFragWord
    if getattr(original, "bulletin_fixed", False):
        return

    def one_font(w, *args, **kw):
        marks = [i for i, fs in enumerate(w[1:], 1) if _is_callback(fs)]
        if not marks:
            return original(w, *args, **kw)
        plain = w.__class__([w[0]] + [fs for i, fs in enumerate(w[1:], 1) if i not in marks])
        if len(plain) == 1:
            return w
        out = original(plain, *args, **kw)
        if out is plain:
            return w
        lead = [w[i] for i in marks if all(j in marks for j in range(1, i))]
        out[1:1] = lead
        out.extend(w[i] for i in marks if w[i] not in lead)
        return out

    def shape(w, *args, **kw):
        if isinstance(w, ShapedFragWord):
            return w
        runs = _font_runs(w[1:])
        if sum(font is not None for font, _ in runs) < 2:
            return one_font(w, *args, **kw)
        width, parts, changed = 0.0, [], False
        for font, frags in runs:
            if font is None:
                parts += frags
                continue
            text = [fs for fs in frags if not _is_callback(fs)]
            run = [sum(stringWidth(s, f.fontName, f.fontSize) for f, s in text)] + frags
            got = one_font(run, *args, **kw)
            changed = changed or got is not run
            width += got[0]
            parts += got[1:]
        if not changed:
            return w
        return makeShapedFragWord(w)([width] + parts)

    shape.bulletin_fixed = True
    rl_paragraph.shapeFragWord = shape


def _is_callback(fragment) -> bool:
    return hasattr(fragment[0], "cbDefn")


def _font_runs(fragments: list) -> list[tuple[str | None, list]]:
    """A word's fragments as (font name, fragments) runs of one font each, in order.

    A callback between two runs of the same font stays inside that run; one where the font
    changes (or at either end of the word) is a run of its own, with font None.
    """
    runs: list[tuple[str | None, list]] = []
    waiting: list = []
    for frag in fragments:
        if _is_callback(frag):
            waiting.append(frag)
            continue
        name = frag[0].fontName
        if runs and runs[-1][0] == name:
            runs[-1][1].extend(waiting + [frag])
        else:
            runs.extend((None, [mark]) for mark in waiting)
            runs.append((name, [frag]))
        waiting = []
    runs.extend((None, [mark]) for mark in waiting)
    return runs


def private_glyph_widths(ttf) -> None:
    """Give the glyphs ReportLab reaches through private-use codes their own advance width.

    Why: ReportLab 5.1 records a shaped glyph's positioned advance (after kerning, or zero for
    a mark placed by the font) as its width, so the PDF's /Widths disagree with the embedded
    font (PDF/UA rule FONT-GLYPH-WIDTH-001). Risk: relies on ReportLab's private table of those
    codes; without it nothing changes.
    """
    private = getattr(ttf, "_TTFont__hbUnis", None)
    if not private:
        return
    face = ttf.face
    hb = ttf.hbFont(1000)
    for uchar in private.values():
        gid = face.charToGlyph.get(uchar)
        if gid is not None:
            face.charWidths[uchar] = ttf.pdfScale(hb.get_glyph_h_advance(gid))




@contextlib.contextmanager
def while_saving() -> Iterator[None]:
    """ReportLab's settings and ToUnicode writer for the time a handout is built.

    Why: content streams are written uncompressed-ASCII-free (no ASCII85) so they stay small
    and byte-identical, and ReportLab's ToUnicode writer is replaced by ours
    (:func:`.tounicode.make_cmap`), which gives our private code points their text, writes
    astral characters as UTF-16 pairs and leaves out code 0. Risk: process-wide while it
    lasts; not safe if another thread builds a PDF with ReportLab at the same moment.
    """
    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    from .tounicode import make_cmap

    saved = rl_config.useA85, ttfonts.makeToUnicodeCMap
    rl_config.useA85 = 0
    ttfonts.makeToUnicodeCMap = make_cmap
    paragraph.ord = _ord_of_a_mark  # module global: shadows the builtin for that module only
    try:
        yield
    finally:
        rl_config.useA85, ttfonts.makeToUnicodeCMap = saved
        del paragraph.ord


def _ord_of_a_mark(ch: str) -> int:
    """``ord`` for ReportLab's CJK line splitter, which also asks it of the empty string.

    Why: ReportLab 5.1's ``cjkFragSplit`` tests ``uj and category(uj) == 'Zs' or ord(uj) >= 0x3000``
    when a line of Latin words in a CJK-wrapped paragraph overflows; an inline mark (our
    ActualText, language and link marks) is an empty string there, and ``ord('')`` raised a
    TypeError that stopped the build. Risk: none beyond that module; a mark counts as code 0,
    so a line is never broken at it.
    """
    return ord(ch) if ch else 0
