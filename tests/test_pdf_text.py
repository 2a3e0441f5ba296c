"""The tests' own PDF text reader (tests/pdf_text.py) reads back what the handout wrote."""
from __future__ import annotations

from pdf_text import pdf_text, squeeze


def test_pdf_text_reads_back_what_was_written(tmp_path):
    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.handout import write_handout

    target = tmp_path / "probe.pdf"
    art = Article(title="Probe headline", blocks=(Paragraph("Café señal 42 <b>&amp;"),), language="en")
    write_handout(art, Settings(audio=False), target)
    text = squeeze(pdf_text(target))
    assert "Probeheadline" in text and "Caféseñal42<b>&amp;" in text
    assert "Nothere" not in text
