"""Words of shaped paragraphs: where a word without spaces may break."""
from __future__ import annotations

from bulletin.handout import fonts
from bulletin.handout.words import thai_pieces


def test_thai_breaks_between_syllables_only():
    pieces = thai_pieces([(c, False, None) for c in "โทรหาเราได้ตลอดเวลา"])
    texts = ["".join(c for c, _, _ in p) for p in pieces]
    assert "".join(texts) == "โทรหาเราได้ตลอดเวลา" and len(texts) > 2
    assert not any(fonts.is_mark(t[0]) for t in texts)  # never a mark at a piece's start
