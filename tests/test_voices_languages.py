"""`bulletin voices --threshold`: which engines speak each LA County threshold language."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.speech.voices import THRESHOLD_LANGUAGES


@pytest.fixture(scope="module")
def rows():
    res = CliRunner().invoke(main, ["voices", "--threshold", "--json"])
    assert res.exit_code == 0, res.output
    return {r["language"]: r for r in json.loads(res.output)}


def test_every_threshold_language_has_a_row(rows):
    assert list(rows) == [tag for tag, _ in THRESHOLD_LANGUAGES]
    assert {"es", "hy", "zh-Hans", "zh-Hant", "yue", "ko", "vi", "tl", "ru", "fa", "ar", "km", "ja",
            "th", "hi"} == set(rows)


def test_google_has_no_armenian_or_farsi_but_espeak_does(rows):
    for tag in ("hy", "fa"):
        assert rows[tag]["gtts"] is None and not rows[tag]["online"]
        assert rows[tag]["espeak"] and rows[tag]["offline"]
        assert "Google has no voice" in rows[tag]["note"]


def test_khmer_and_tagalog_are_online_only(rows):
    for tag, code in (("km", "km"), ("tl", "tl")):
        assert rows[tag]["espeak"] is None and rows[tag]["gtts"] == code
        assert rows[tag]["online"] and not rows[tag]["offline"]


def test_spanish_and_chinese_voices(rows):
    es = rows["es"]
    assert es["espeak"] == "roa/es-419" and es["gtts"] == "es" and es["wording"] == "es"
    assert "com.mx" in es["note"] and es["piper"] is None
    assert rows["zh-Hans"]["gtts"] == "zh-CN" and rows["zh-Hant"]["gtts"] == "zh-TW"
    assert rows["yue"]["espeak"] == "sit/yue" and rows["yue"]["wording"] == "zh-Hant"


def test_every_threshold_language_has_spoken_wording(rows):
    assert all(r["wording"] for r in rows.values())


def test_text_view_is_one_line_per_language():
    res = CliRunner().invoke(main, ["voices", "--threshold"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0].split()[:2] == ["LANGUAGE", "--lang"]
    armenian = next(line for line in lines if line.startswith("Armenian"))
    assert "ine/hy" in armenian and " none " in armenian
    assert sum(1 for line in lines[1:] if line and not line.startswith(("Offline", "Piper"))) == len(THRESHOLD_LANGUAGES)
