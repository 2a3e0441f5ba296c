"""Words mixing scripts that no single font covers keep every letter (found by the property test)."""
import re

import pytest

from bulletin.article import Article, Paragraph
from bulletin.config import Config
from bulletin.handout import write_handout
from bulletin.settings import BuildSettings
from test_hostile_support import pdf_text


@pytest.mark.parametrize("text, letters", [
    ("Notice Ĝݐ.", "Ĝݐ"),        # Latin extended (Noto Sans) glued to Arabic Supplement
    ("Notice ݐ 0Ĩ.", "ݐĨ"),       # an Arabic word, then a Latin word needing the fallback font
    ("Notice \u064b;±.", ";±"),    # a lone vowel mark before punctuation
])
def test_every_letter_of_a_mixed_word_reaches_the_text_layer(tmp_path, text, letters):
    art = Article(title="Mixed words", language="en", blocks=(Paragraph(text),))
    out = tmp_path / "m.pdf"
    warnings = write_handout(art, BuildSettings(), Config(), out)
    got = re.sub(r"\s", "", pdf_text(out))
    for ch in letters:
        assert ch in got or any(ch in w for w in warnings), (ch, got)
