"""Every character drawn with a font that has its glyph: CJK fonts chosen by passage and coverage.

An English notice with a line of Simplified Chinese and a line of Korean used to set all its Han
characters in the Korean font, which lacks 请 and 电: they printed as empty boxes, unreported.
The mixed document is built once per module (four CJK fonts are cut and instanced, a few
seconds); each test checks one property of the real PDF.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import page
import pikepdf
import pytest
from pdf_text import cmap as _cmap

from bulletin.article import Article, Paragraph, article_text
from bulletin.settings import Settings
from bulletin.handout import cjk, fonts, render_pdf
from bulletin.pipeline import build

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    out = tmp_path_factory.mktemp("mixed")
    return build(DATA / "mixed-scripts.txt", out, Settings(audio=False, deterministic=True))


def _drawn_fonts(pdf_path: Path) -> dict[str, set[str]]:
    """Base font name -> the characters drawn with it (through its ToUnicode map)."""
    found: dict[str, set[str]] = {}
    with pikepdf.open(pdf_path) as pdf:
        for pg in pdf.pages:
            fonts_here = pg.Resources.get("/Font", {})
            current = None
            for operands, op in pikepdf.parse_content_stream(pg):
                if str(op) == "Tf":
                    current = fonts_here[operands[0]]
                elif str(op) in ("Tj", "TJ") and current is not None:
                    cmap = _cmap(current)
                    parts = operands[0] if str(op) == "TJ" else [operands[0]]
                    for part in parts:
                        if isinstance(part, pikepdf.String):
                            text = "".join(cmap.get(b, "") for b in bytes(part))
                            found.setdefault(str(current.BaseFont), set()).update(text)
    return found


def test_mixed_scripts_pass_the_glyph_presence_rule(mixed):
    report = page.validate_pdf(str(mixed.files["pdf"]), profile="ua1")
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]
    assert not [f for f in report.failures if "GLYPH" in f.rule_id]


def test_mixed_scripts_lose_no_letter_in_pdftotext(mixed):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from pdf_text import actual_texts

    text = subprocess.run(["pdftotext", str(mixed.files["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    text += "".join(actual_texts(mixed.files["pdf"]))  # shaped lines (Arabic, Hindi, Thai)
    want = {c for c in article_text(mixed.article) if not c.isspace()}
    assert not want - set(text), sorted(want - set(text))
    for line in ("中文：请致电求助。", "日本語：お電話ください。通訳がいます。"):
        assert line in text
    assert "\ufffd" not in text
    assert not [w for w in mixed.warnings if "no bundled font" in w]


def test_chinese_passage_in_an_english_notice_wraps_inside_the_margins(mixed):
    """A long Chinese line (no spaces between words) breaks between characters, not off the page."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import re

    out = subprocess.run(["pdftotext", "-bbox-layout", str(mixed.files["pdf"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    ends = [float(x) for x in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', out)]
    assert max(ends) <= width - 72 + 1  # the 1-inch right margin
    assert "不需要留下姓名。" in re.sub(r"<[^>]+>|\s", "", out)


def test_each_passage_gets_its_own_varietys_font(mixed):
    """Simplified Chinese in the SC font, kana in the JP font, hangul in the KR font, the
    traditional line in the TC font; 请 and 电 never in the Korean font."""
    drawn = _drawn_fonts(mixed.files["pdf"])

    def fonts_with(ch: str) -> set[str]:
        return {name.split("+")[-1].split("-")[0] for name, chars in drawn.items() if ch in chars}

    assert fonts_with("请") == {"NotoSansSC"} and fonts_with("电") == {"NotoSansSC"}
    assert fonts_with("お") == {"NotoSansJP"}
    assert fonts_with("한") == {"NotoSansKR"}
    assert fonts_with("譯") == {"NotoSansTC"}


def test_passage_variety_follows_letters_then_language():
    assert cjk.passage_variety("中文：请致电求助。", "en") == "sc"
    assert cjk.passage_variety("繁體中文：請致電求助。", "en") == "tc"
    assert cjk.passage_variety("日本語：お電話ください。", "en") == "jp"
    assert cjk.passage_variety("한국어 漢字", "en") == "kr"
    assert cjk.passage_variety("漢字", "ja") == "jp"
    assert cjk.passage_variety("漢字", "ko") == "kr"
    assert cjk.passage_variety("Plain English.", "en") is None


def test_plan_gives_each_character_a_font_that_has_it():
    """The Korean line asks for the KR font; the Chinese line's 请 and 电, which it lacks,
    go to the SC font; every planned character is in its font's own character map."""
    text = "中文：请致电求助。\n한국어: 전화하세요."
    plan = cjk.cjk_plan(text, "en")
    assert set(plan) == {"sc", "kr"}
    for variety, chars in plan.items():
        assert chars <= cjk.cjk_cmap(variety)
    assert ord("请") not in cjk.cjk_cmap("kr") and ord("请") in plan["sc"]
    fs = fonts.load_for(text, "en")
    assert fs.font_for("请", "kr") == fs.cjk["sc"]  # the Korean font lacks it: the next that has it
    assert fs.font_for("致", "kr") == fs.cjk["kr"]


def test_character_no_font_has_is_reported_by_code_point_and_never_drawn(tmp_path):
    """U+9FF0 is in the CJK block but in none of the fonts: one warning naming it, a visible
    replacement mark on paper, the real character in the text layer."""
    rare = "\u9ff0"
    art = Article(title="Rare", blocks=(Paragraph(f"中文：请致电{rare}求助。"),))
    data, warnings = render_pdf(art, Settings(deterministic=True))
    named = [w for w in warnings if "U+9FF0" in w]
    assert len(named) == 1 and "\n" not in named[0]
    assert fonts.load_for(article_text(art), "en").missing == frozenset({rare})
    path = tmp_path / "rare.pdf"
    path.write_bytes(data)
    with pikepdf.open(path) as pdf:
        for font in (f for pg in pdf.pages for f in pg.Resources.Font.values()):
            if "NotoSansSC" in str(font.BaseFont):
                assert rare not in _cmap(font).values()  # not drawn from the CJK font's .notdef
    report = page.validate_pdf(str(path), profile="ua1")
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


@pytest.mark.parametrize("text", ["اتصل للحصول على مساعدة \u9ff0 مجانية.", "मुफ़्त \u9ff0 मदद के लिए फ़ोन करें।",
                                  "اتصل\u9ff0x"], ids=["arabic", "devanagari", "inside-a-word"])
def test_shaped_line_with_a_character_no_font_has(tmp_path, text):
    """Lines laid out word by word (right to left, or shaped) draw the mark too, not a box."""
    art = Article(title="Rare", blocks=(Paragraph(text),))
    data, warnings = render_pdf(art, Settings(deterministic=True))
    assert [w for w in warnings if "U+9FF0" in w]
    path = tmp_path / "rare.pdf"
    path.write_bytes(data)
    report = page.validate_pdf(str(path), profile="ua1")
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]
    if shutil.which("pdftotext"):
        from pdf_text import actual_texts

        shown = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "\u9ff0" in shown + "".join(actual_texts(path))  # still read as itself
