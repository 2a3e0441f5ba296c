"""The writer table: --formats, what a format brings along, and what a missing one does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from bulletin import writers
from bulletin.settings import Settings
from bulletin.errors import BuildError, InputError
from bulletin.pipeline import build

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
ARTICLE = "Title: Pool hours\n\nThe pool opens at noon on Sunday.\n\nBring a towel.\n"


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "pool.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BULLETIN, *args], capture_output=True, text=True, cwd=cwd, timeout=180)


def test_the_table_is_in_dependency_order():
    writers.check_table()
    assert writers.NAMES[:5] == ("pdf", "mp3", "vtt", "transcript", "brf") and writers.NAMES[-1] == "web"
    for fmt in writers.FORMATS:  # every entry point exists
        assert callable(fmt.writer())


def test_parse_names_in_table_order_and_refuses_unknown_ones():
    assert writers.parse("mp3, PDF") == ("pdf", "mp3")
    with pytest.raises(InputError, match="'nonsense'") as e:
        writers.parse("pdf,nonsense")
    assert "pdf" in str(e.value) and "mp3" in str(e.value)  # the valid names are listed


def test_captions_bring_the_audio_along_and_no_audio_leaves_it_out():
    names = [f.name for f in writers.plan(("vtt",)).formats]
    assert names == ["mp3", "vtt"]
    assert "mp3" not in [f.name for f in writers.plan(None, audio=False).formats]
    with pytest.raises(InputError, match="--no-audio"):
        writers.plan(("vtt",), audio=False)


def test_a_format_this_computer_cannot_make_is_skipped_unless_named(monkeypatch):
    monkeypatch.setattr(writers.Format, "unavailable",
                        lambda self: "no library" if self.name == "transcript" else None)
    default = writers.plan(None)
    assert "transcript" not in [f.name for f in default.formats]
    assert default.skipped and "no library" in default.skipped[0] and not default.refused
    named = writers.plan(("pdf", "transcript"))
    assert [f.name for f in named.formats] == ["pdf", "mp3"] and "no library" in named.refused[0]


def test_formats_pdf_writes_the_handout_and_no_audio(article, tmp_path):
    r = run("build", str(article), "-o", "out", "--formats", "pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "out" / "pool"
    assert sorted(p.name for p in folder.iterdir()) == ["article.json", "pool-large-print.pdf"]
    with pikepdf.open(folder / "pool-large-print.pdf") as pdf:
        assert len(pdf.pages) == 1


def test_formats_mp3_writes_the_audio_and_no_pdf(article, tmp_path):
    import soundfile as sf

    r = run("build", str(article), "-o", "out", "--formats", "mp3", "--engine", "espeak", "--no-cache",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "out" / "pool"
    assert sorted(p.name for p in folder.iterdir()) == [
        "article.json", "pool-cover.png", "pool.chapters.json", "pool.mp3"]
    assert sf.info(folder / "pool.mp3").duration > 2


def test_an_unknown_format_is_one_line_naming_it(article, tmp_path):
    r = run("build", str(article), "-o", "out", "--formats", "pdf,nonsense", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletin: error:") and "nonsense" in lines[0]
    assert not (tmp_path / "out").exists()


def test_formats_from_the_settings_file(article, tmp_path):
    (tmp_path / "bulletin.toml").write_text('[output]\nformats = ["pdf", "web"]\n', encoding="utf-8")
    r = run("build", str(article), "-o", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "pool").iterdir()) == [
        "article.json", "index.html", "pool-large-print.pdf"]
    (tmp_path / "bulletin.toml").write_text('[output]\nformats = ["pdf", "braile"]\n', encoding="utf-8")
    r = run("build", str(article), "-o", "out2", cwd=tmp_path)
    assert r.returncode == 2 and "output.formats" in r.stderr and "braile" in r.stderr


def test_web_page_counts_pages_from_the_handout_writer(article, tmp_path, monkeypatch):
    import bulletin.web.links as links

    def reopened(path):
        raise AssertionError("the page count comes from the handout writer, not a re-read")

    monkeypatch.setattr(links, "pdf_facts", reopened)
    r = build(article, tmp_path / "out", Settings(audio=False, deterministic=True))
    assert r.pages == 1
    assert "1 page" in r.files["page"].read_text(encoding="utf-8")


def test_a_missing_voice_still_writes_the_rest_then_fails(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("Title: Notice\nLanguage: xx\n\nSome words here.\n", encoding="utf-8")
    with pytest.raises(BuildError, match="no spoken version") as e:
        build(src, tmp_path / "out", Settings(engine="espeak", deterministic=True))
    folder = tmp_path / "out" / "x"
    assert (folder / "x-large-print.pdf").is_file() and (folder / "index.html").is_file()
    assert not list(folder.glob("*.mp3")) and not list(folder.glob("*.vtt"))
    assert "x-large-print.pdf" in str(e.value)


def test_python_dash_m_runs_the_command(tmp_path):
    r = subprocess.run([sys.executable, "-m", "bulletin", "--version"], capture_output=True, text=True,
                       cwd=tmp_path, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("bulletin")


def test_verbose_prints_the_stage_times(article, tmp_path):
    r = run("-v", "build", str(article), "-o", "out", "--formats", "pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert any(line.split()[:1] == ["pdf"] and line.rstrip().endswith(" s") for line in r.stdout.splitlines())
