"""Every change bulletin makes to ReportLab's own behaviour, in one place.

Each is a fix for something ReportLab gets wrong for accessible, many-script PDFs; each says why,
and what it risks. They depend on ReportLab's internals, so pyproject.toml gives ReportLab an
upper version bound: a new ReportLab is taken only after these are checked against it.
"""
from __future__ import annotations

import contextlib
from typing import Iterator


def shape_words_with_marks() -> None:
    """Let a shaped word carry inline callbacks (the ActualText marks) at its start or end.

    Why: ReportLab 5.1's ``shapeFragWord`` puts a word's callbacks back as a list where a
    fragment belongs, and ``breakLines`` then fails with an IndexError. Risk: a process-wide
    replacement of a ReportLab function; it only differs for words that carry callbacks, and
    keeps callbacks in the middle of a word (never written here) at its end.
    """
    import reportlab.platypus.paragraph as rl_paragraph

    original = rl_paragraph.shapeFragWord
    if getattr(original, "bulletin_fixed", False):
        return

    def shape(w, *args, **kw):
        marks = [i for i, fs in enumerate(w[1:], 1) if hasattr(fs[0], "cbDefn")]
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

    shape.bulletin_fixed = True
    rl_paragraph.shapeFragWord = shape


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
