"""Small pure parts of the audio stage: captions, language codes, cover art, transcript."""
from __future__ import annotations

import io

import pytest

from bulletin.audio.assemble import Cue
from bulletin.audio.captions import timestamp, webvtt
from bulletin.audio.cover import cover_png
from bulletin.audio.languages import iso639_2
from bulletin.audio.transcript import transcript
from bulletin.speech.utterance import Utterance


def test_timestamps_are_webvtt_form():
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(3725.4567) == "01:02:05.457"


def test_cues_are_clipped_to_the_next_cue_and_the_audio():
    cues = [Cue(0.3, 2.5, "One.", "a"), Cue(2.0, 4.0, "Two.", "a"), Cue(4.0, 9.0, "Three.", "b")]
    text = webvtt(cues, duration=5.0)
    assert "00:00:00.300 --> 00:00:02.000" in text
    assert "00:00:04.000 --> 00:00:05.000" in text
    assert text.startswith("WEBVTT\n\n1\n")


def test_long_cue_text_wraps_without_changing_words():
    long = "Call the National Human Trafficking Hotline at any hour of the day or night."
    text = webvtt([Cue(0, 5, long, "a")], 6)
    body = text.split("\n")[4:]
    assert all(len(ln) <= 42 for ln in body if ln)
    assert " ".join(ln for ln in body if ln) == long


def test_language_codes():
    assert [iso639_2(t) for t in ("en", "es-MX", "vi", "ru", "hy", "fa", "ar", "zh-Hant", "ko")] == \
        ["eng", "spa", "vie", "rus", "hye", "fas", "ara", "zho", "kor"]
    assert iso639_2("haw") == "haw" and iso639_2("x-klingon") == "und" and iso639_2("") == "und"


def test_cover_is_square_large_black_on_white_and_deterministic():
    from PIL import Image

    data = cover_png("Know the signs", "Harbor Outreach")
    img = Image.open(io.BytesIO(data)).convert("L")
    assert img.width == img.height >= 600
    assert set(img.getextrema()) == {0, 255}
    assert data == cover_png("Know the signs", "Harbor Outreach")


def _title_ink(data: bytes) -> tuple[int, int, int, int] | None:
    """Bounding box of the dark pixels above the rule (the title's area), or None if blank."""
    from PIL import Image, ImageOps

    from bulletin.audio import cover

    img = Image.open(io.BytesIO(data)).convert("L")
    assert img.width == img.height == cover.SIDE
    area = img.crop((0, 0, cover.SIDE, cover.SIDE - cover.MARGIN - 140 - 40))
    return ImageOps.invert(area).point(lambda v: 255 if v > 128 else 0).getbbox()


@pytest.mark.parametrize("title, language", [
    ("Know the signs", "en"), ("如何识别人口贩卖：一个电话", "zh-Hans"), ("위험 신호를 알아 두세요", "ko"),
    ("اعرف العلامات: المساعدة على بُعد مكالمة", "ar"), ("Ճանաչեք նշանները. օգնությունը", "hy")])
def test_cover_draws_the_title_in_its_script_flush_to_where_the_script_starts(title, language):
    """Podcast apps show the card as the episode's artwork: a card without its title looks like
    every other episode's. Right-to-left titles sit against the right margin."""
    from bulletin.audio import cover
    from bulletin.handout.fonts import script_font_file

    if language == "hy" and script_font_file("armenian") is None:
        pytest.skip("no Armenian font (Debian: apt-get install fonts-noto-core)")
    if language == "ar" and not cover._can_shape():
        pytest.skip("Pillow without raqm cannot shape Arabic; the card then shows the organisation")
    box = _title_ink(cover_png(title, "Harbor Outreach", language))
    assert box is not None, "the title was not drawn"
    left, _, right, _ = box
    if language == "ar":
        assert abs(right - (cover.SIDE - cover.MARGIN)) <= 12 and left > cover.MARGIN + 12
    else:
        assert abs(left - cover.MARGIN) <= 12


def test_cover_for_a_script_no_font_has_shows_the_organisation_alone():
    assert _title_ink(cover_png("ጤና ጣቢያ ቅዳሜ", "Harbor Outreach", "am")) is None


def test_transcript_paragraphs_follow_long_pauses_and_sections():
    script = [Utterance("Title.", "title", 0.9, "Title", "title"),
              Utterance("One.", "one", 0.35, "Body"), Utterance("Two.", "two", 0.7, "Body"),
              Utterance("Three.", "three", 0.35, "Body"), Utterance("Help.", "help", 0.35, "Get help")]
    assert transcript(script, 0.7) == "title\n\none two\n\nthree\n\nhelp\n"
