"""`bulletin voices` and `bulletin script`: what a user reads before an event."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bulletin.cli import main

ARTICLE = """Title: Library Cards for Everyone
By: Front Desk

Anyone can get a free library card. Bring a letter with your name on it.

What you can borrow

Books, films and laptops can all be borrowed.
"""


@pytest.fixture(scope="module")
def voices_json():
    result = CliRunner().invoke(main, ["voices", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_voices_lists_the_bundled_english_voice_as_usable_offline(voices_json):
    joe = [v for v in voices_json if v["engine"] == "piper" and "joe" in v["voice"]]
    assert joe and joe[0]["offline"] and joe[0]["usable"] and joe[0]["language"].startswith("en")


def test_voices_lists_espeak_languages(voices_json):
    espeak = {v["language"] for v in voices_json if v["engine"] == "espeak"}
    assert {"es", "vi", "fa", "hy"} <= espeak and len(espeak) > 90
    assert all(v["offline"] and v["usable"] for v in voices_json if v["engine"] == "espeak")


def test_voices_marks_google_as_needing_internet(voices_json):
    google = [v for v in voices_json if v["engine"] == "gtts"]
    assert google and all(not v["offline"] and "internet" in v["note"] for v in google)


def test_voices_table_and_a_bad_voice_file(tmp_path):
    result = CliRunner().invoke(main, ["voices", "--voice", str(tmp_path / "missing.onnx")])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["ENGINE", "LANGUAGE", "VOICE"]
    assert any(line.startswith("piper") and "missing.onnx" in line and "no such file" in line for line in lines)


def test_script_prints_sections_utterances_and_pauses(tmp_path):
    src = tmp_path / "cards.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bulletin.toml").write_text('[organisation]\nname = "Eastside Library"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["script", str(src)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "An audio bulletin from Eastside Library." in out
    assert "== Introduction ==" in out and "== What you can borrow ==" in out
    assert "Anyone can get a free library card.  [0.35 s]" in out
    assert out.index("== Introduction ==") < out.index("Library Cards for Everyone") < out.index("What you can borrow")
    assert "at 150 words per minute" in out


def test_script_json_has_every_field(tmp_path):
    src = tmp_path / "cards.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["script", str(src), "--json"])
    data = json.loads(result.output)
    assert {"text", "spoken", "pause_after", "section", "kind", "rate_factor"} <= set(data[0])
