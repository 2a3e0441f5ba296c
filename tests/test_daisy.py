"""The DAISY 2.02 book, read back from a real build: navigation file, SMIL clips, text, audio.

No DAISY 2.02 validator installs here, so the structure the specification asks for is checked
directly: ncc.html metadata and order, every link landing on a SMIL element, every SMIL text on
an element of the text, clips at the engine's timings and inside the recording.
"""
from __future__ import annotations

from dataclasses import replace

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pikepdf
import pytest
import soundfile as sf

from bulletin import anchors, settings_file, writers
from bulletin.booktext import DAISY, book_text
from bulletin.errors import InputError
from bulletin.handout import lay_out
from bulletin.pipeline import read_article
from bulletin.settings import Settings
from bulletin.speech.script import build_script

from talking_books import EXAMPLES, anchored, make

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    """The Spanish example read by espeak-ng, --deterministic."""
    return make(tmp_path_factory.mktemp("daisy-es"), EXAMPLES / "aviso-trata.es.txt")[0]


class Daisy:
    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()
        ncc = next(n for n in self.names if n.endswith("/ncc.html"))
        self.root = ncc.rsplit("/", 1)[0] + "/"
        self.ncc = self.xml("ncc.html")
        self.meta = {m.get("name"): m.get("content") for m in self.ncc.iter(f"{XHTML}meta") if m.get("name")}

    def read(self, name: str) -> bytes:
        return self.zip.read(self.root + name)

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", self.read(name)))


def npt(value: str) -> float:
    return float(value.removeprefix("npt=").removesuffix("s"))


def test_ncc_title_first_then_sections_and_pages(spanish):
    book = Daisy(spanish.files["daisy"])
    body = list(book.ncc.find(f"{XHTML}body"))
    assert body[0].tag == f"{XHTML}h1" and body[0].get("class") == "title"
    assert "".join(body[0].itertext()) == spanish.article.title
    heads = [e for e in body if re.fullmatch(r"\{.*\}h[1-6]", e.tag)]
    pages = [e for e in body if e.get("class") == "page-normal"]
    with pikepdf.open(spanish.files["pdf"]) as pdf:
        count = len(pdf.pages)
    assert ["".join(p.itertext()) for p in pages] == [str(n) for n in range(1, count + 1)]
    m = book.meta
    for name in ("dc:title", "dc:creator", "dc:date", "dc:identifier", "dc:publisher", "ncc:generator",
                 "ncc:narrator", "ncc:charset"):
        assert m.get(name), name
    assert m["dc:language"] == "es" and m["dc:format"] == "Daisy 2.02"
    assert m["ncc:multimediaType"] == "audioFullText"
    assert int(m["ncc:tocItems"]) == len(heads)
    assert int(m["ncc:pageNormal"]) == int(m["ncc:maxPageNormal"]) == count
    assert int(m["ncc:depth"]) == max(int(h.tag[-1]) for h in heads)
    assert int(m["ncc:files"]) == len(book.names)
    assert re.fullmatch(r"\d\d:\d\d:\d\d", m["ncc:totalTime"])


def test_every_link_lands_on_a_clip_and_every_clip_on_the_text(spanish):
    book = Daisy(spanish.files["daisy"])
    content = book.xml("content.html")
    ids = {e.get("id") for e in content.iter() if e.get("id")}
    smils = {}
    for a in book.ncc.iter(f"{XHTML}a"):
        file, _, frag = a.get("href").partition("#")
        smils.setdefault(file, book.xml(file))
        assert any(e.get("id") == frag for e in smils[file].iter()), a.get("href")
    for name in (n.removeprefix(book.root) for n in book.names if n.endswith(".smil")):
        smil = smils.get(name) or book.xml(name)
        for text in smil.iter("text"):
            src, _, frag = text.get("src").partition("#")
            assert src == "content.html" and frag in ids


def test_clips_are_the_engines_timings_in_order_inside_the_recording(spanish):
    book = Daisy(spanish.files["daisy"])
    names = sorted(n.removeprefix(book.root) for n in book.names if n.endswith(".smil"))
    clips, elapsed = [], 0.0
    for name in names:
        smil = book.xml(name)
        mine = [(p.find("text").get("src").split("#")[1], npt(p.find("audio").get("clip-begin")),
                 npt(p.find("audio").get("clip-end"))) for p in smil.iter("par")]
        dur = float(smil.find("body/seq").get("dur").removesuffix("s"))
        assert dur == pytest.approx(sum(e - b for _, b, e in mine), abs=0.002)
        meta = {m.get("name"): m.get("content") for m in smil.iter("meta")}
        h, mi, s = map(int, meta["ncc:totalElapsedTime"].split(":"))
        assert abs(h * 3600 + mi * 60 + s - elapsed) <= 0.5
        elapsed += dur
        clips += mine
    cues = anchored(spanish)
    assert [c[0] for c in clips] == [c.anchor for c in cues]
    for (ident, begin, end), cue in zip(clips, cues):
        assert begin == pytest.approx(cue.start, abs=0.0011) and end >= cue.end - 0.0011, ident
    assert all(e1 <= b2 for (_, _, e1), (_, b2, _) in zip(clips, clips[1:]))
    x, rate = sf.read(io.BytesIO(book.read("audio.mp3")))
    length = len(x) / rate
    assert clips[-1][2] <= length + 0.05
    h, mi, s = map(int, book.meta["ncc:totalTime"].split(":"))
    assert abs(h * 3600 + mi * 60 + s - length) <= 0.5
    assert book.read("audio.mp3") == spanish.files["mp3"].read_bytes()


def test_no_audio_leaves_the_daisy_book_out_and_naming_it_is_refused():
    assert "daisy" not in [f.name for f in writers.plan(None, audio=False).formats]
    with pytest.raises(InputError):
        writers.plan(("daisy",), audio=False)
    assert [f.name for f in writers.plan(("daisy",)).formats] == ["mp3", "daisy"]


@pytest.mark.parametrize("article", sorted(p.name for p in EXAMPLES.glob("*.*") if p.suffix in (".txt", ".md")))
def test_every_sentence_the_voice_reads_has_its_element(article):
    """For every example: each utterance that reads printed text names an element of the book's
    text, and the book has a page marker for each page of the handout (at two sizes)."""
    cfg = settings_file.read(EXAMPLES / "bulletin.toml")
    art = read_article(EXAMPLES / article, cfg)
    script = build_script(art, cfg)
    for size in (18, 28):
        starts = lay_out(art, replace(cfg, size=size)).page_starts
        book = book_text(art, DAISY, starts)
        said = [u.anchor for u in script if u.anchor]
        assert set(said) <= book.sentence_ids, set(said) - book.sentence_ids
        assert len(said) == len(set(said))
        assert [p.number for p in book.pages] == list(range(1, len(starts) + 1))
    assert anchors.TITLE in said
    repeated = [u for u in script if u.kind == "helpbox" and u.anchor is None]
    assert repeated and all(u.section == script[-1].section for u in repeated)


def test_passages_in_another_language_keep_their_lang_and_their_sentences():
    """A paragraph or a run marked with another language (readers add ``lang``) is marked in the
    book too, and no sentence runs across the edge of a run (the script speaks each run alone)."""
    from bulletin.article import Article, Paragraph, Span
    from bulletin.booktext import EPUB

    text = "Call us today. Llame hoy mismo. Thank you."
    run = Span(15, 31, "lang", lang="es")
    mid = "Please say gracias to the driver."
    art = Article(title="Two languages", blocks=(Paragraph("Bonjour à tous.", lang="fr"),
                                                 Paragraph(text, (run,)),
                                                 Paragraph(mid, (Span(11, 18, "lang", lang="es"),))))
    from bulletin.speech.script import build_script

    said = [u.anchor for u in build_script(art, Settings()) if u.anchor]
    assert said == ["title", "b0s0", "b1s0", "b1s1", "b1s2", "b2s0", "b2s1", "b2s2"]
    book = book_text(art, EPUB)
    assert set(said) <= book.sentence_ids
    body = book.body
    assert '<p lang="fr" xml:lang="fr"><span id="b0s0">Bonjour à tous.</span></p>' in body
    assert '<span id="b1s1"><span lang="es" xml:lang="es">Llame hoy mismo.</span></span>' in body
    assert '<span id="b1s2">Thank you.</span>' in body
    assert '<span id="b2s1"><span lang="es" xml:lang="es">gracias</span></span>' in body


def test_links_emphasis_and_a_page_break_inside_sentences_stay_well_formed():
    """Spans that cross a sentence's edge are closed and reopened around it, a link inside a
    link is dropped, and a page that starts mid-sentence gets its marker there."""
    import xml.etree.ElementTree as ET

    from bulletin.article import Article, Paragraph, Span
    from bulletin.booktext import EPUB

    text = "Call the clinic today. Bring your card and a friend."
    spans = (Span(9, 28, "strong"), Span(5, 15, "link", "https://example.org/a"),
             Span(9, 20, "link", "https://example.org/b"), Span(0, 4, "link", "javascript:alert(1)"))
    art = Article(title="Clinic", blocks=(Paragraph(text, spans),))
    book = book_text(art, EPUB, page_starts=((-1, 0, 0), (0, 0, text.index("your"))))
    root = ET.fromstring(f'<div xmlns:epub="http://www.idpf.org/2007/ops">{book.body}</div>')
    s0, s1 = root.find(".//span[@id='b0s0']"), root.find(".//span[@id='b0s1']")
    assert "".join(s0.itertext()) == "Call the clinic today." and "".join(s1.itertext()) == text[23:]
    assert [a.get("href") for a in root.iter("a")] == ["https://example.org/a"]
    assert all(a.find(".//a") is None for a in root.iter("a"))
    marker = s1.find(".//span[@aria-label='2']")
    assert marker is not None and "".join(s1.itertext()).startswith("Bring ")
    assert s1.find("strong") is not None  # the emphasis reopened in the second sentence
    assert [p.number for p in book.pages] == [1, 2]
