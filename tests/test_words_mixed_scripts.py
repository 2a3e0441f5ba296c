"""Words mixing scripts that no single font covers keep every letter (found by the property test)."""
import re

import pytest

from bulletin.article import Article, Paragraph
from bulletin.settings import Settings
from bulletin.handout import write_handout
from pdf_text import drawn_text, pdf_text


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


@pytest.mark.parametrize("text, mark", [
    ("Notice \u0e2a\u1082.", "\u1082"),   # a Myanmar sign no font has, after a Thai letter
    ("Notice \u0e2a\u20dd.", "\u20dd"),   # a combining circle no font has
    ("Notice \u0915\u1082.", "\u1082"),   # the same after a Devanagari letter
    ("Notice \u17d2\u0590.", "\u0590"),   # a Khmer mark opening a word, then a character no font has
])
def test_a_mark_the_script_font_lacks_is_shown_and_reported(tmp_path, text, mark):
    """It was kept in the script font's run and drawn as an empty .notdef glyph, unreported."""
    art = Article(title="Marks", language="en", blocks=(Paragraph(text),))
    out = tmp_path / "m.pdf"
    warnings = write_handout(art, Settings(), out)
    assert mark in pdf_text(out)
    assert f"U+{ord(mark):04X}" in " ".join(warnings)
    drawn = re.sub(r"\s", "", drawn_text(out))
    assert "\ufffd" in drawn and "\uffff" not in drawn, drawn


@pytest.mark.parametrize("word", ["\u17d2\u00ac", "\u0e31\u00ac", "\u0e31\u01b5"])
def test_a_word_starting_with_a_mark_keeps_the_next_letter_in_its_own_font(tmp_path, word):
    """A Khmer or Thai mark opening a word went into the next letter's run, and that run was
    drawn in the mark's font, which lacks the letter: an empty glyph, unreported."""
    art = Article(title="Marks", language="en", blocks=(Paragraph(f"Notice {word}."),))
    out = tmp_path / "m.pdf"
    warnings = write_handout(art, Settings(), out)
    assert not [w for w in warnings if "no bundled font" in w]
    drawn = re.sub(r"\s", "", drawn_text(out))
    assert word[1] in drawn and "\uffff" not in drawn, drawn


def test_a_joiner_or_a_mark_the_script_font_has_stays_in_its_run(tmp_path):
    """Only marks the font lacks leave the run: ZWJ (a half form) and Thai marks stay shaped."""
    from bulletin.handout import fonts
    from bulletin.handout.markup import MarkupContext
    from bulletin.handout.words import tokens

    ctx = MarkupContext(fonts.load_for("\u0915\u0e2a", "hi"), 400, 18)
    for word in ("\u0915\u094d\u200d\u0937", "\u0e2a\u0e31\u0e48", "\u0e01\u200c"):
        toks = tokens([(c, False, None) for c in word], ctx, 18)
        assert len(toks) == 1 and toks[0].text == word and not toks[0].missing, word
