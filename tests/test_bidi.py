"""Word-level bidi: the order of a line's words and of a word's characters."""
from __future__ import annotations

import pytest

from bulletin.handout.bidi import inner_order, visual_order
from bulletin.handout.words import Token


@pytest.mark.parametrize("words,direction,order", [
    (["اتصل", "بالرقم", "1-888-373-7888", "أو"], "rtl", [3, 2, 1, 0]),
    (["قال", "National", "Hotline", "اليوم"], "rtl", [3, 1, 2, 0]),
    (["Call", "مرحبا", "بكم", "now"], "ltr", [0, 2, 1, 3]),
])
def test_word_level_bidi_order(words, direction, order):
    line = [Token([(c, False, None) for c in w]) for w in words]
    assert visual_order(line, direction) == order


def test_number_in_right_to_left_line_keeps_its_digits_and_moves_its_stop():
    tok = Token([(c, False, None) for c in "911."])
    assert "".join(c for c, _, _ in inner_order(tok, "rtl")) == ".911"
    mixed = Token([(c, False, None) for c in "و12"])
    # HarfBuzz reverses the whole right-to-left word, so digit runs are handed over reversed.
    assert "".join(c for c, _, _ in inner_order(mixed, "rtl")) == "و21"
