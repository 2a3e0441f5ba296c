"""ReportLab's behaviour as bulletin changes it (bulletin/handout/reportlab_patches.py)."""
from __future__ import annotations

import pikepdf

from bulletin.article import Article, Paragraph
from bulletin.settings import Settings
from bulletin.handout import render_pdf
from bulletin.pipeline import build


def test_a_line_that_overflows_in_a_cjk_wrapped_paragraph_with_marks_is_laid_out(tmp_path):
    """ReportLab's CJK splitter asked ord('') of an inline mark (here the marks around letters no
    font has) and the build stopped. Found by the property test; its example is kept as is."""
    src = tmp_path / "mixed.txt"
    src.write_text("Title: Property check\n\nNotice 0.\n\n"
                   "Notice 0 \u00aa-\u0130 \u2141\u0118\u00f1 \u00ae\u011b\u1bea6\u01275 zh-hant "
                   "\u00fa\u072b\u01295\u0d3a\u2dcc_ 001112\"\u31a0\u0700.\n", encoding="utf-8")
    r = build(src, tmp_path / "out", Settings(audio=False, deterministic=True, formats=("pdf",)))
    with pikepdf.open(r.files["pdf"]) as pdf:
        assert len(pdf.pages) == 1


def test_the_patches_are_undone_after_a_handout():
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    before = ttfonts.makeToUnicodeCMap
    render_pdf(Article("T", blocks=(Paragraph("Body."),)), Settings(audio=False))
    assert ttfonts.makeToUnicodeCMap is before and "ord" not in vars(paragraph)
