"""Handouts in the languages of the people served: every script printed, read back and tagged.

The example notices in assets/examples are built once per module (CJK builds cut and instance a
font, about 2 s each); each test then checks one property of the real PDFs.
"""
from __future__ import annotations


import re
import shutil
import subprocess
from pathlib import Path

import page
import pikepdf
import pytest

from bulletin.article import Article, Paragraph, article_text
from bulletin.settings import Settings
from bulletin.errors import InputError
from bulletin.handout import fonts
from pdf_text import actual_texts
from bulletin.pipeline import build
from bulletin.readers.detect_language import detect

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"
LANGS = {"vi": "thong-bao-duong-day-nong.vi.txt", "ru": "pamyatka-goryachaya-liniya.ru.txt",
         "hy": "tezhekagir-tezh-gits.hy.txt", "zh-Hans": "rexian-tongzhi.zh-Hans.txt",
         "ko": "hatline-annae.ko.txt", "ar": "nashra-khat-sakhin.ar.txt",
         "fa": "khabarnameh-khat-dastresi.fa.txt", "es": "aviso-trata.es.txt"}
HAS_ARMENIAN = fonts.system_font("Noto Sans Armenian", "Regular") is not None


def _params() -> list:
    return list(_gen())


def _gen():
    for lang in LANGS:
        marks = []
        if lang == "hy" and not HAS_ARMENIAN:
            marks.append(pytest.mark.skip(reason="no Noto Sans Armenian font: apt-get install fonts-noto-core"))
        yield pytest.param(lang, marks=marks, id=lang)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("lang")
    settings = Settings(audio=False, deterministic=True)
    results = {}
    for lang, name in LANGS.items():
        if lang == "hy" and not HAS_ARMENIAN:
            continue
        results[lang] = build(EXAMPLES / name, out, settings)
    return results


@pytest.mark.parametrize("lang", _params())
def test_example_is_pdf_ua1_with_its_language(built, lang):
    r = built[lang]
    assert r.article.language == lang
    report = page.validate_pdf(str(r.files["pdf"]), profile="ua1")
    assert report.is_compliant, [f.rule_id for f in report.failures]
    with pikepdf.open(r.files["pdf"]) as pdf:
        assert str(pdf.Root.Lang) == lang


@pytest.mark.parametrize("lang", _params())
def test_every_character_comes_back(built, lang):
    """Every non-space character of the article is in the PDF's text (ActualText counts)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    r = built[lang]
    text = subprocess.run(["pdftotext", str(r.files["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    text += "".join(actual_texts(r.files["pdf"]))
    want = {c for c in article_text(r.article) if not c.isspace()}
    assert not want - set(text), sorted(want - set(text))


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_right_to_left_text_is_logical_joined_and_tagged(built, lang):
    r = built[lang]
    from pdf_text import pdf_text  # content-stream order through ToUnicode

    # Glyphs are placed one by one, so this extractor spaces them out: compare without spaces.
    spoken = re.sub(r"\s", "", pdf_text(r.files["pdf"]))
    first = next(b for b in r.article.blocks if isinstance(b, Paragraph))
    # Logical order: the paragraph's words in reading order, real letters, no presentation forms.
    assert re.sub(r"\s", "", "".join(first.text.split()[:12])) in spoken
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff\ue000-\uf8ff]", spoken)
    # Every Arabic line carries its logical text: the H1 title too.
    assert re.sub(r"\s", "", r.article.title.split()[0]) in spoken


def test_arabic_lines_are_right_aligned_and_shaped(built):
    """The glyphs drawn are the joined forms (not isolated letters); body lines end flush right."""
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF is not installed (test extra)")

    r = built["ar"]
    pg = pymupdf.open(r.files["pdf"])[0]
    right = pg.rect.width - 72
    rows: dict[int, float] = {}
    drawn = ""
    for b in pg.get_text("dict")["blocks"]:
        for line in b.get("lines", []):
            for span in line["spans"]:
                drawn += span["text"]
                if span["text"].strip():  # one row per baseline; a span's box ends after its space
                    y = round(span["origin"][1] / 10)
                    rows[y] = max(rows.get(y, 0), span["bbox"][2])
    body = [x for y, x in rows.items() if 10 < y < (pg.rect.height - 100) / 10]
    flush = [x for x in body if right - 1 <= x <= right + 9]
    assert len(flush) >= 5, sorted(body)  # lines end flush right (title, subtitle, paragraphs)
    assert all(x <= right + 9 for x in body)
    # Joining itself is checked from the glyph ids in test_logical_lines.py: the text layer now
    # holds the letters, not presentation forms.


def test_helpbox_in_every_example(built):
    for lang, r in built.items():
        assert r.article.helpbox is not None, lang
        assert "911" in " ".join(line.text for line in r.article.helpbox.lines)


def test_shaped_scripts_render_without_missing_glyphs(tmp_path):
    """Devanagari, Khmer and Thai paragraphs are shaped, tagged and valid."""
    art = Article(title="Notice", language="hi", blocks=(
        Paragraph("हेल्पलाइन पर कॉल करें 1-888-373-7888 और मदद पाएँ।"),
        Paragraph("ទូរស័ព្ទទៅលេខ 1-888-373-7888 ដើម្បីទទួលបានជំនួយ។"),
        Paragraph("โทรหาสายด่วน 1-888-373-7888 ได้ตลอดยี่สิบสี่ชั่วโมงทุกวันโดยไม่เสียค่าใช้จ่ายและเป็นความลับ"),
    ))
    from bulletin.handout import render_pdf

    data, warnings = render_pdf(art, Settings(audio=False, deterministic=True))
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    assert not [w for w in warnings if "no bundled font" in w]
    assert page.validate_pdf(str(path), profile="ua1").is_compliant
    spoken = "".join(actual_texts(path)).replace(" ", "")
    for p in art.blocks:
        assert p.text.replace(" ", "") in spoken


def test_detection_picks_spanish_and_leaves_short_text_alone():
    es = ("La biblioteca del barrio abrirá más tarde durante seis semanas mientras se cambia la "
          "calefacción. Los fines de semana el horario no cambia y el buzón de libros sigue abierto.")
    guess = detect(es)
    assert guess is not None and guess.language == "es" and guess.confidence > 0.9
    assert detect("Call the hotline now please") is None


def test_detected_language_is_reported_and_lang_wins(tmp_path):
    from bulletin.pipeline import read_article
    from bulletin.settings import Overrides

    src = tmp_path / "aviso.txt"
    src.write_text("Horario de invierno\n\nLa biblioteca del barrio abrirá más tarde durante seis "
                   "semanas mientras se cambia la calefacción. Los fines de semana el horario no "
                   "cambia y el buzón de libros sigue abierto todo el día.\n", encoding="utf-8")
    art = read_article(src)
    assert art.language == "es"
    assert any(w.startswith("language detected as es (confidence") for w in art.warnings)
    forced = read_article(src, Settings(overrides=Overrides(language="ca")))
    assert forced.language == "ca" and not any("detected" in w for w in forced.warnings)


def test_missing_script_font_fails_before_writing(tmp_path, monkeypatch):
    src = tmp_path / "hy.txt"
    src.write_text("Ծանուցում\n\nԶանգահարեք թեժ գիծ։\n", encoding="utf-8")
    monkeypatch.setattr(fonts, "system_font", lambda family, style: None)
    fonts._register_script.cache_clear()
    try:
        with pytest.raises(InputError, match="fonts-noto-core"):
            build(src, tmp_path / "out", Settings(audio=False))
    finally:
        fonts._register_script.cache_clear()
    assert not list((tmp_path / "out").rglob("*.*"))


def test_passage_in_another_language_is_a_span_with_lang(tmp_path):
    """A Span(kind="lang", href=tag) over a passage becomes a Span element with /Lang."""
    from bulletin.article import Span
    from bulletin.handout import render_pdf

    text = "Llame a la línea de ayuda. National Human Trafficking Hotline, call now. Es gratis."
    start = text.index("National")
    end = text.index(" Es gratis")
    art = Article(title="Aviso", language="es",
                  blocks=(Paragraph(text, (Span(start, end, "lang", "en"),)),))
    data, _ = render_pdf(art, Settings(audio=False, deterministic=True))
    path = tmp_path / "lang.pdf"
    path.write_bytes(data)
    assert page.validate_pdf(str(path), profile="ua1").is_compliant
    with pikepdf.open(path) as pdf:
        spans = []

        def walk(elem):
            for kid in elem.get("/K", []) if isinstance(elem.get("/K"), pikepdf.Array) else []:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    if kid.S == "/Span":
                        spans.append(kid)
                    walk(kid)
        walk(pdf.Root.StructTreeRoot.K[0])
        assert [str(s.Lang) for s in spans] == ["en"]
        assert str(pdf.Root.Lang) == "es"


def test_preloaded_model_is_built_once_and_used(monkeypatch):
    """`bulletin build` starts loading the detector early; the guess must come from that one model."""
    import threading

    from bulletin.readers import detect_language as dl

    built = []
    real_load = dl._load

    def counting():
        built.append(threading.current_thread().name)
        return real_load()

    monkeypatch.setattr(dl, "_MODEL", [])
    monkeypatch.setattr(dl, "_load", counting)
    dl.preload()
    guess = dl.detect("Call the hotline if you or someone you know is being forced to work. "
                      "Help is free and confidential, and counselors answer every day of the year.")
    assert guess is not None and guess.language == "en"
    assert dl._identifier() is dl._MODEL[0]
    assert len(built) == 1


def test_unpacked_model_guesses_as_the_packed_one(tmp_path, monkeypatch):
    """The copy kept in the user cache gives the same guesses and scores as py3langid's own file."""
    import py3langid.langid as langid

    from bulletin.readers import detect_language as dl

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dl, "_MODEL", [])
    fresh = dl._load()  # unpacks into tmp_path
    assert list((tmp_path / "language-model").iterdir())
    cached = dl._load()
    assert cached is not fresh
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    examples = Path(__file__).resolve().parent.parent / "assets" / "examples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))]
    assert len(texts) >= 8
    for text in texts:
        assert cached.classify(text) == reference.classify(text) == fresh.classify(text)


def test_damaged_unpacked_model_falls_back_to_the_packed_file(tmp_path, monkeypatch):
    from bulletin.readers import detect_language as dl

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path))
    dl._load()
    folder = next((tmp_path / "language-model").iterdir())
    (folder / "nextmove.npy").write_bytes(b"not an array")
    model = dl._load()
    assert model.classify("Call the hotline if you or someone you know is being forced to work.")[0] == "en"
    assert dl._load().classify("Llame a la línea de ayuda, es gratis y confidencial para todos.")[0] == "es"
    assert [p.name for p in (tmp_path / "language-model").iterdir()] == [folder.name]  # repaired, no leftovers


def test_unpacking_removes_other_versions_and_stale_leftovers(tmp_path, monkeypatch):
    import os

    from bulletin.readers import detect_language as dl

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path))
    base = tmp_path / "language-model"
    (base / "model.npz-1-2").mkdir(parents=True)  # an older py3langid's copy
    (base / ".unpacking-old").mkdir()
    os.utime(base / ".unpacking-old", (0, 0))
    (base / ".unpacking-live").mkdir()  # another build unpacking right now
    dl._load()
    names = sorted(p.name for p in base.iterdir())
    assert ".unpacking-live" in names and ".unpacking-old" not in names and "model.npz-1-2" not in names
    assert len([n for n in names if not n.startswith(".")]) == 1
