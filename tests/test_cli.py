"""The console script's contract under faults: exit 0/1/2 and one stderr line per problem.

Run as a real subprocess of the installed ``bulletin`` script (not only click's test runner), so
what users see in a terminal is what is checked, including --debug's traceback.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
ARTICLE = "Title: Library notice\n\nThe library opens late on Monday.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BULLETIN, *args], capture_output=True, text=True, cwd=cwd, timeout=180)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("bulletin: error: ") and "Traceback" not in r.stderr
    return lines[0]


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "notice.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.mark.parametrize("toml,words", [
    ("[organisation]\nnmae = \"Typo Org\"\n", ["organisation.nmae", "unknown key"]),
    ("[colours]\nink = \"black\"\n", ["colours", "unknown section"]),
    ("[print]\nsize = \"big\"\n", ["print.size", "expected"]),
    ("[voice]\nrate = true\n", ["voice.rate", "expected"]),
    ("[pauses]\nsentence = 99\n", ["pauses.sentence", "0 to 10"]),
    ("[organisation]\nlogo = \"missing-logo.png\"\n", ["organisation.logo", "not found"]),
    ("[organisation\nname = \"x\"\n", ["not valid TOML", "line 1"]),
    ("organisation = 3\n", ["organisation", "expected a [table]"]),
])
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, article, toml, words):
    cfg = tmp_path / "settings file.toml"
    cfg.write_text(toml, encoding="utf-8")
    r = run("build", str(article), "--config", str(cfg), "--no-audio", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 2
    line = one_error_line(r)
    assert str(cfg) in line and all(w in line for w in words), line
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_config_that_is_not_text_is_one_line(tmp_path, article):
    cfg = tmp_path / "bulletin.toml"
    cfg.write_bytes(b"[organisation]\nname = \"\xff\xfe\x00bad\"\n")
    r = run("build", str(article), "--no-audio", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 2
    assert "bulletin.toml" in one_error_line(r)


@pytest.mark.parametrize("data,code,words", [
    (b"", 2, "is empty"),
    (b"\x00\x01\x02binary\x00\x00", 2, "binary"),
    (b"%PDF-1.4\n", 2, "is a PDF"),
])
def test_bad_article_exit_2_one_line(tmp_path, data, code, words):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    r = run("build", str(p), "--no-audio", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == code and words in one_error_line(r)


def test_missing_article_and_bad_option_exit_2(tmp_path):
    r = run("build", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert r.returncode == 2 and "no such file" in one_error_line(r)
    r = run("build", "--size", "99", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert r.returncode == 2 and "--size" in one_error_line(r)


def test_too_long_audio_is_refused_naming_the_option_before_synthesis(tmp_path):
    long_text = "Title: Long\n\n" + "\n\n".join(["Words of the notice go on and on. " * 20] * 15) + "\n"
    p = tmp_path / "long.txt"
    p.write_text(long_text, encoding="utf-8")
    r = run("build", str(p), "--engine", "espeak", "--max-audio-minutes", "1", "-o", str(tmp_path / "out"),
            "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    assert r.returncode == 2
    line = one_error_line(r)
    assert "--max-audio-minutes 1" in line and "minutes" in line
    assert not list((tmp_path / "out").rglob("*.mp3")) and not list((tmp_path / "out").rglob(".bulletin-tmp-*"))
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").rglob("*.npz"))


def test_length_check_runs_before_the_engine_is_asked_for_a_word(monkeypatch, tmp_path):
    from bulletin.settings import Settings
    from bulletin.errors import InputError
    from bulletin.pipeline import build
    from bulletin.speech.engines.espeak import EspeakEngine

    def never(self, *a, **kw):
        raise AssertionError("synthesis started before the length check")

    monkeypatch.setattr(EspeakEngine, "synthesize", never)
    p = tmp_path / "long.txt"
    p.write_text("Title: Long\n\n" + "A sentence that takes time to say. " * 400 + "\n", encoding="utf-8")

    with pytest.raises(InputError, match="--max-audio-minutes 0.5"):
        build(p, tmp_path / "out", Settings(engine="espeak", max_audio_minutes=0.5, cache=False))


def test_debug_shows_the_traceback(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = run("--debug", "build", str(p), "--no-audio", cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" in r.stderr and r.stderr.strip().splitlines()[-1].startswith("bulletin: error:")


def test_warnings_are_one_line_each(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_bytes(b"Title: Odd\n\nPay to \xe2\x80\xaegnp.exe now, " + b"x" * 3000 + b" and caf\xc3\xa9.\n")
    r = run("build", str(p), "--no-audio", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    warnings = [ln for ln in r.stderr.splitlines() if ln]
    assert len(warnings) == 2 and all(ln.startswith("bulletin: warning: ") and len(ln) < 250 for ln in warnings), warnings
