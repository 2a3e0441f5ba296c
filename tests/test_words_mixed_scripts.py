"""Words mixing scripts that no single font covers keep every letter (found by the property test)."""
import re

import pytest

from bulletin.article import Article, Paragraph
from bulletin.settings import Settings
from bulletin.handout import write_handout
from pdf_text import pdf_text


@pytest.mark.parametrize("text, letters", [
    ("Notice Ĝݐ.", "Ĝݐ"),        # Latin extended (Noto Sans) glued to Arabic Supplement
    ("Notice ݐ 0Ĩ.", "ݐĨ"),       # an Arabic word, then a Latin word needing the fallback font
    ("Notice \u064b;±.", ";±"),    # a lone vowel mark before punctuation
])
def test_every_letter_of_a_mixed_word_reaches_the_text_layer(tmp_path, text, letters):
    art = Article(title="Mixed words", language="en", blocks=(Paragraph(text),))
    out = tmp_path / "m.pdf"
    warnings = write_handout(art, Settings(), out)
    got = re.sub(r"\s", "", pdf_text(out))
    for ch in letters:
        assert ch in got or any(ch in w for w in warnings), (ch, got)


@pytest.mark.parametrize("rtl", [False, True])
def test_list_bullet_stands_where_lines_start(rtl):
    """Left of the item in left-to-right text, right of it in Arabic or Farsi."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph

    from bulletin.handout.flowables import ListItem

    calls = {}

    class Recorder:
        def __init__(self, name, w):
            self.name, self.height, self.width = name, 20, w

        def wrap(self, w, h):
            return w, self.height

        def drawOn(self, canv, x, y):
            calls[self.name] = x

    label = RLParagraph("\u2022", ParagraphStyle("l", fontSize=18))
    label.wrap(30, 100)
    label.drawOn = lambda canv, x, y: calls.__setitem__("label", x)

    class Tracker:
        def marked(self, canv, node):
            import contextlib
            return contextlib.nullcontext()

    item = ListItem(label, Recorder("body", 370), 30, None, Tracker(), 0, rtl=rtl)
    item.wrap(400, 500)
    item.canv = None
    item.draw()
    if rtl:
        assert calls["body"] == 0 and calls["label"] > 390
    else:
        assert calls["label"] == 0 and calls["body"] == 30
