"""Mixed right-to-left and left-to-right lines in a real handout: where the punctuation is drawn
(glyph positions read back by poppler) and what a screen reader gets (the tagged structure).

Each paragraph is short enough to be one printed line. The order shown is compared with a
character-level Unicode bidi written for the tests (tests/bidi_reference.py).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from bidi_reference import comparable, visual
from bulletin.pipeline import build
from bulletin.settings import Settings

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                                reason="poppler-utils is not installed: apt-get install poppler-utils")

ENGLISH_ENDS_ARABIC = "Please read this Notice سلام."
ARABIC_COMMA_MID_ENGLISH = "Call رقم الهاتف, then wait."
ARABIC_ENDS_ENGLISH = "اتصل بالخط الساخن الوطني English."
ARABIC_PHONE = "اتصل على 1-888-373-7888."
ENGLISH_ENDS_FARSI = "Ask at the front desk for دفتر مرکزی."
ARABIC_WITH_BRACKETED_ENGLISH = "اتصل بـ National Hotline (USA) اليوم"
PARAGRAPHS = [ENGLISH_ENDS_ARABIC, ARABIC_COMMA_MID_ENGLISH, ARABIC_ENDS_ENGLISH, ARABIC_PHONE,
              ENGLISH_ENDS_FARSI, ARABIC_WITH_BRACKETED_ENGLISH]
#: Poppler's own bidi marks around a right-to-left run in its text output.
_EMBEDDING = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    src = tmp_path_factory.mktemp("bidi") / "mixed-lines.txt"
    src.write_text("Mixed lines\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    result = build(src, src.parent / "out", Settings(audio=False, deterministic=True, formats=("pdf",)))
    return result.files["pdf"]


def _lines_shown(path) -> list[str]:
    """Each printed line's glyphs and words from left to right (by poppler's boxes), joined."""
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    words = [(float(w.get("xMin")), (float(w.get("yMin")) + float(w.get("yMax"))) / 2, w.text or "")
             for w in ET.fromstring(xml).iterfind(".//h:word", ns)]
    lines: list[list[tuple[float, float, str]]] = []
    for word in sorted(words, key=lambda w: w[1]):
        if lines and abs(lines[-1][0][1] - word[1]) < 6:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(t for _, _, t in sorted(line)) for line in lines]


def _shown(path, paragraph: str) -> str:
    """The printed line holding ``paragraph``'s letters, found by its letters."""
    want = sorted(comparable(paragraph))
    for line in _lines_shown(path):
        if sorted(comparable(line)) == want:
            return line
    raise AssertionError(f"no printed line has the letters of {paragraph!r}: {_lines_shown(path)}")


@pytest.mark.parametrize("paragraph", [ENGLISH_ENDS_ARABIC, ARABIC_COMMA_MID_ENGLISH, ARABIC_ENDS_ENGLISH,
                                       ENGLISH_ENDS_FARSI, ARABIC_WITH_BRACKETED_ENGLISH])
def test_words_and_punctuation_are_drawn_where_unicode_bidi_puts_them(pdf, paragraph):
    assert comparable(_shown(pdf, paragraph)) == comparable(visual(paragraph))


def test_stop_after_arabic_word_is_drawn_right_of_it(pdf):
    assert comparable(_shown(pdf, ENGLISH_ENDS_ARABIC)).endswith("سلام.")


def test_comma_after_arabic_run_touches_its_right_end(pdf):
    """The run is drawn right to left, so the comma that follows its last word sits right of its
    first word (رقم), and "then" after it."""
    assert "Callرقمالهاتف,then" in comparable(_shown(pdf, ARABIC_COMMA_MID_ENGLISH))


def test_stop_after_english_word_ends_arabic_line_far_left(pdf):
    assert comparable(_shown(pdf, ARABIC_ENDS_ENGLISH)).startswith(".English")


def test_bracketed_english_in_arabic_line_keeps_both_brackets(pdf):
    assert "NationalHotline(USA)" in comparable(_shown(pdf, ARABIC_WITH_BRACKETED_ENGLISH))


def test_phone_number_reads_left_to_right_with_its_stop_far_left(pdf):
    shown = comparable(_shown(pdf, ARABIC_PHONE))
    assert shown == ".1-888-373-7888اتصلعلى"


def test_screen_reader_gets_each_paragraph_in_reading_order(pdf):
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    said = " ".join("".join(re.findall(r'"(.*)"', out)).split())
    for paragraph in PARAGRAPHS:
        assert paragraph in said


@pytest.mark.parametrize("paragraph", [ENGLISH_ENDS_ARABIC, ARABIC_COMMA_MID_ENGLISH, ENGLISH_ENDS_FARSI])
def test_text_extraction_of_english_lines_is_logical(pdf, paragraph):
    """Poppler reorders a line by its glyphs' positions: with the punctuation drawn where bidi
    puts it, its left-to-right lines come back as written."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [" ".join(_EMBEDDING.sub("", line).split()) for line in text.splitlines()]
    assert paragraph in lines
