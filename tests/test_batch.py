"""Batch builds: a kit from several formats, a feed that matches the files, incremental re-runs,
and a synthesis cache that re-speaks only what changed. espeak keeps these fast."""
from __future__ import annotations

from dataclasses import replace

import contextlib
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin import batch, settings_file
from bulletin.cli import main
from bulletin.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "examples"
SOURCES = [EXAMPLES / "trafficking-awareness.txt", EXAMPLES / "aviso-trata.es.txt",
           EXAMPLES / "library-hours.md", ROOT / "tests" / "data" / "saved-page.html"]


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    src = tmp_path_factory.mktemp("articles")
    for p in SOURCES:
        shutil.copy(p, src / p.name)
    shutil.copy(EXAMPLES / "bulletin.toml", src / "bulletin.toml")
    out = tmp_path_factory.mktemp("kit")
    cache = tmp_path_factory.mktemp("cache")
    args = ["batch", str(src), "-o", str(out), "--engine", "espeak", "--cache-dir", str(cache),
            "--base-url", "https://example.org/bulletins", "--deterministic"]
    first = CliRunner().invoke(main, args)
    return src, out, cache, args, first


def test_every_article_gets_its_outputs(kit):
    src, out, _, _, first = kit
    assert first.exit_code == 0, first.output
    slugs = {"trafficking-awareness", "aviso-trata-es", "library-hours", "saved-page"}
    assert {p.name for p in out.iterdir() if p.is_dir()} == slugs
    for slug in slugs:
        names = {p.name for p in (out / slug).iterdir()}
        assert {f"{slug}-large-print.pdf", f"{slug}.mp3", f"{slug}.vtt", f"{slug}-transcript.txt",
                "index.html", "article.json"} <= names
    assert "4 built, 0 unchanged, 0 failed" in first.output


def test_feed_items_match_the_files(kit):
    _, out, _, _, _ = kit
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    items = ET.parse(out / "feed.xml").getroot().findall("./channel/item")
    assert len(items) == 4
    for item in items:
        enc = item.find("enclosure")
        url = enc.get("url")
        assert url.startswith("https://example.org/bulletins/") and enc.get("type") == "audio/mpeg"
        local = out / url.removeprefix("https://example.org/bulletins/")
        assert int(enc.get("length")) == local.stat().st_size
        assert item.find("itunes:duration", ns).text
    index = (out / "index.html").read_text(encoding="utf-8")
    for slug in ("trafficking-awareness", "aviso-trata-es", "library-hours", "saved-page"):
        assert f"{slug}/" in index


def test_unchanged_rerun_skips_everything_and_keeps_the_kit(kit):
    _, out, _, args, _ = kit
    feed_before = (out / "feed.xml").read_bytes()
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "0 built, 4 unchanged, 0 failed" in again.output
    assert (out / "feed.xml").read_bytes() == feed_before


def test_edited_article_is_the_only_one_rebuilt(kit, tmp_path):
    src, out, _, args, _ = kit
    manifest = json.loads((out / "manifest.json").read_text())
    md = src / "library-hours.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nThe garden gate opens at nine.\n", encoding="utf-8")
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "1 built, 3 unchanged, 0 failed" in res.output
    after = json.loads((out / "manifest.json").read_text())
    assert after["articles"]["library-hours"]["input"] != manifest["articles"]["library-hours"]["input"]
    assert after["articles"]["aviso-trata-es"] == manifest["articles"]["aviso-trata-es"]


def test_a_failing_article_does_not_stop_the_others(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "trafficking-awareness.txt", src / "good.txt")
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--no-audio"])
    assert res.exit_code == 1
    assert (tmp_path / "out" / "good" / "good-large-print.pdf").is_file()
    assert "1 built, 0 unchanged, 1 failed" in res.output


def test_editing_one_paragraph_resynthesises_only_that_paragraph(tmp_path, monkeypatch):
    from bulletin.speech.engines import espeak

    said: list[str] = []
    real = espeak.EspeakEngine.synthesize

    def counting(self, text, lang, rate_wpm):
        said.append(text)
        return real(self, text, lang, rate_wpm)

    monkeypatch.setattr(espeak.EspeakEngine, "synthesize", counting)
    cfg = settings_file.read(EXAMPLES / "bulletin.toml")
    settings = replace(cfg, engine="espeak", cache_dir=tmp_path / "cache")
    article = tmp_path / "notice.txt"
    text = (EXAMPLES / "trafficking-awareness.txt").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    build(article, tmp_path / "out", settings)
    first = len(said)
    assert first > 20
    said.clear()
    build(article, tmp_path / "out", settings)
    assert said == []  # nothing re-spoken when nothing changed
    article.write_text(text.replace("Calls are confidential.", "Every call is confidential."), encoding="utf-8")
    build(article, tmp_path / "out", settings)
    assert len(said) == 1 and "confidential" in said[0]


def test_worker_plan_fills_cores_without_oversubscribing():
    assert batch.plan_workers(20, cpus=2) == (2, 1)
    assert batch.plan_workers(1, cpus=2) == (1, 2)
    assert batch.plan_workers(3, cpus=8) == (3, 2)


def test_a_skipped_booklet_build_keeps_its_handout_link(tmp_path):
    """Skipped articles get their files back by kind, so the index links the handout, not a booklet."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "trafficking-awareness.txt", src / "notice.txt")
    args = ["batch", str(src), "-o", str(tmp_path / "out"), "--no-audio", "--booklet"]
    first = CliRunner().invoke(main, args)
    index_first = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(main, args)
    assert first.exit_code == again.exit_code == 0 and "0 built, 1 unchanged" in again.output
    index_again = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "notice-large-print.pdf" in index_again and "booklet-pages.pdf" not in index_again
    assert index_again == index_first


def test_an_unchanged_rebuild_takes_the_finished_mp3_from_the_cache(tmp_path, monkeypatch):
    from bulletin.audio import master

    renders: list[int] = []
    real = master.master
    monkeypatch.setattr(master, "master", lambda *a, **k: renders.append(1) or real(*a, **k))
    cfg = settings_file.read(EXAMPLES / "bulletin.toml")
    settings = replace(cfg, engine="espeak", cache_dir=tmp_path / "cache")
    article = EXAMPLES / "library-hours.md"
    first = build(article, tmp_path / "a", settings)
    again = build(article, tmp_path / "b", settings)
    assert renders == [1]  # mastered and encoded once; the rebuild copied the render
    assert first.files["mp3"].read_bytes() == again.files["mp3"].read_bytes()
    assert batch_cache_entries(tmp_path / "cache") > 1


def batch_cache_entries(folder):
    from bulletin.speech.cache import SpeechCache

    return SpeechCache(folder).info().entries


def test_talking_books_are_in_the_manifest_index_and_feed(kit):
    """Each bulletin's EPUB and DAISY book: listed by kind in the manifest, linked from the folder
    index, and named in its podcast item's description (absolute, with --base-url)."""
    _, out, _, _, _ = kit
    manifest = json.loads((out / "manifest.json").read_text())
    index = (out / "index.html").read_text(encoding="utf-8")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    for slug, entry in manifest["articles"].items():
        for kind, name in (("epub", f"{slug}/{slug}.epub"), ("daisy", f"{slug}/{slug}-daisy202.zip")):
            assert entry["kinds"][kind] == name and entry["files"][name] == (out / name).stat().st_size
            assert f"https://example.org/bulletins/{name}" in index
            assert f"https://example.org/bulletins/{name}" in feed


def _one_article(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "notice.txt").write_text("Food bank\n\nThe food bank opens on Monday at nine.\n", encoding="utf-8")
    return src


def _one_line_error(res) -> str:
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert res.exit_code == 1, res.output
    assert len(lines) == 1, res.output
    assert "Traceback" not in res.output and "internal error" not in res.output
    return lines[0]


def test_an_output_folder_under_a_file_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "sub"
    res = CliRunner().invoke(main, ["batch", str(_one_article(tmp_path)), "-o", str(out),
                                    "--engine", "espeak", "--offline"])
    assert _one_line_error(res).startswith(f"bulletin: error: cannot create output folder {out}: ")


def test_a_read_only_output_folder_is_one_line_and_gets_no_file(tmp_path, monkeypatch):
    # Root writes through chmod, so the refusal is the system's answer, faked for this folder.
    out = tmp_path / "out"
    out.mkdir()
    real_access = batch.os.access
    monkeypatch.setattr(batch.os, "access", lambda p, mode, **k: False if Path(p) == out and mode & os.W_OK
                        else real_access(p, mode, **k))
    res = CliRunner().invoke(main, ["batch", str(_one_article(tmp_path)), "-o", str(out),
                                    "--engine", "espeak"])
    assert _one_line_error(res).startswith(f"bulletin: error: cannot create output folder {out}: ")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args, probes", [(["--engine", "espeak"], False), (["--engine", "piper"], False),
                                          (["--offline"], False), ([], True)])
def test_a_batch_makes_a_probe_file_only_when_a_voice_may_ask_google(tmp_path, monkeypatch, online,
                                                                   args, probes):
    from bulletin.speech.engines import network

    made: list[str] = []
    real = network.shared_probe

    @contextlib.contextmanager
    def recording():
        with real() as name:
            made.append(name)
            yield name

    monkeypatch.setattr(network, "shared_probe", recording)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["batch", str(_one_article(tmp_path)), "-o", str(out),
                                    "--formats", "pdf", *args])
    assert res.exit_code == 0, res.output
    assert bool(made) is probes
    assert not [p for p in out.rglob("*") if "probe" in p.name]
    assert all(Path(name).parent != out and not Path(name).exists() for name in made)
