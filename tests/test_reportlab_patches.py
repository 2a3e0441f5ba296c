"""ReportLab's behaviour as bulletin changes it (bulletin/handout/reportlab_patches.py)."""
from __future__ import annotations

import pikepdf
import pytest

from bulletin.article import Article, Paragraph
from bulletin.settings import Settings
from bulletin.handout import render_pdf
from bulletin.pipeline import build
from pdf_text import drawn_text, pdf_text, squeeze


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


# A letter of a shaped script (its own Noto font) glued to a character another font draws:
# Noto Sans (Ƶ), Atkinson only (½ ± ²: the script fonts lack them), or no font at all (Georgian
# here, unassigned U+0378 and U+139A), printed as U+FFFD. Found by the property test.
MIXED_WORDS = [
    ("\u0e2a\u01b5", ""),                  # Thai, Noto Sans
    ("\u0e2a\u10d0", "\u10d0"),            # Thai, Georgian (no font)
    ("\u0e2a\u0378", "\u0378"),            # Thai, unassigned
    ("\u0e2a\u139a", "\u139a"),            # Thai, unassigned
    ("\u0e2a\u00bd", ""),                  # Thai, Atkinson: wrong glyph id, build stopped
    ("\u00bd\u0e2a", ""),                  # Atkinson, Thai: Thai drawn as an empty box
    ("\u1780\u00b2", ""),                  # Khmer, Atkinson: drawn as other letters
    ("\u0928\u092e\u0938\u00b1", ""),     # Devanagari, Atkinson
    ("\u0627\u0644\u01b5", ""),            # Arabic, Noto Sans
    ("\u0627\u0644\u0378", "\u0378"),      # Arabic, unassigned
    ("\u0e2aabc", ""),                      # one font draws all: the Thai font has Latin
    ("\u0627\u0644abc", ""),
]


@pytest.mark.parametrize("word, missing", MIXED_WORDS)
def test_a_word_of_two_fonts_is_drawn_with_each_fonts_own_glyphs(tmp_path, word, missing):
    """ReportLab shaped a word with its first font and looked the glyphs up in the next one:
    the build stopped (AttributeError hbAddPrivate, IndexError) or other glyphs were drawn
    while the ActualText still read right. Each font's run is now shaped alone."""
    src = tmp_path / "mixed.txt"
    src.write_text(f"Title: Heading {word}\n\nNotice {word}.\n", encoding="utf-8")
    r = build(src, tmp_path / "out", Settings(audio=False, deterministic=True, formats=("pdf",)))
    pdf = r.files["pdf"]
    assert pdf.exists()
    assert f"Notice{word}." in squeeze(pdf_text(pdf))
    # A missing character's U+FFFD maps to U+FFFD, or to the character itself where a
    # right-to-left line maps each glyph to its letters (logical_lines.py).
    shown = ("".join("\ufffd" if c in missing else c for c in word), word)
    drawn = squeeze(drawn_text(pdf))
    assert any(f"Heading{s}" in drawn and f"Notice{s}." in drawn for s in shown), drawn
    reported = " ".join(r.warnings)
    for ch in missing:
        assert f"U+{ord(ch):04X}" in reported
    if not missing:
        assert "no bundled font" not in reported
