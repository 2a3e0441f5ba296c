"""The tests' own PDF text reader (tests/pdf_text.py) reads back what the handout wrote."""
from __future__ import annotations

from pdf_text import drawn_text, pdf_lines, pdf_text, squeeze


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


def test_pdf_lines_reads_back_each_printed_line(tmp_path):
    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.handout import write_handout

    target = tmp_path / "lines.pdf"
    words = ("Every printed line of this paragraph comes back as one line of text, in order, "
             "with its words whole and none of them lost between two lines of the page.")
    art = Article(title="Probe headline", blocks=(Paragraph(words),), language="en")
    write_handout(art, Settings(audio=False), target)
    lines = pdf_lines(target)
    assert lines[0] == "Probe headline" and lines[-1] == "Page 1 of 1"
    body = lines[1:-1]
    assert len(body) >= 2 and " ".join(body) == words


def test_drawn_text_reads_the_glyphs_not_the_actual_text(tmp_path):
    """A character no font has is drawn as U+FFFD inside an ActualText span carrying it."""
    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.handout import write_handout

    target = tmp_path / "drawn.pdf"
    art = Article(title="Probe headline", blocks=(Paragraph("Missing x\u0378y here."),), language="en")
    write_handout(art, Settings(audio=False), target)
    assert "x\u0378y" in squeeze(pdf_text(target))
    drawn = squeeze(drawn_text(target))
    assert "Missingx\ufffdyhere." in drawn and "\u0378" not in drawn
