"""The handout's pages: no last page with a line or two when tighter spacing saves it, and a
running header that is never a bare rule.

Lines are counted on the real PDF with pdftotext (-bbox-layout gives each line's box), and the
text size and line spacing are read back from it: the page is saved by spacing, never by text.
"""
from __future__ import annotations

from dataclasses import replace

import html
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from bulletin.article import Article, Paragraph
from bulletin.settings import Settings
from bulletin.handout import _render, layout, render_pdf
from bulletin.pipeline import build, read_article
from bulletin.sentences import split_sentences

DATA = Path(__file__).resolve().parent / "data"
STORY = DATA / "headline-less-wire.txt"
SETTINGS = Settings(deterministic=True)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")


def page_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, its lines of body text as (top, bottom, text): running header and page number left out."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        lines = []
        for top, bottom, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                                            r"(.*?)</line>", page, re.S):
            text = html.unescape(" ".join(re.findall(r">([^<]*)</word>", body)))
            top, bottom = float(top), float(bottom)
            if top < 72 or bottom > height - 72:  # the header above the 1-inch margin, the page number below
                continue
            lines.append((top, bottom, text))
        pages.append(lines)
    return pages


def write(tmp_path: Path, data: bytes, name: str = "h.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_headline_less_story_does_not_end_on_a_near_empty_page(tmp_path):
    """The issue's story: set as usual it is 3 pages with 2 lines on the last; the handout is 2."""
    art = read_article(STORY)
    usual = _render(art, SETTINGS, None, layout.SPACINGS[0])
    usual_pages = page_lines(write(tmp_path, usual.data, "usual.pdf"))
    assert len(usual_pages) == 3 and len(usual_pages[-1]) <= 2 and usual.near_empty_end

    result = build(STORY, tmp_path / "out", Settings(audio=False, deterministic=True))
    pages = page_lines(result.files["pdf"])
    assert len(pages) == 2
    assert len(pages[-1]) > layout.NEAR_EMPTY_LINES
    # Nothing lost on the way: every word of the story is still printed.
    shown = " ".join(t for p in pages for _, _, t in p)
    for para in (b for b in result.article.blocks if isinstance(b, Paragraph)):
        assert para.text.split()[-1] in shown


def test_tightened_pages_keep_large_print_rules(tmp_path):
    """18 pt text throughout, and lines no closer than large-print's least line spacing."""
    data, _ = render_pdf(read_article(STORY), SETTINGS)
    path = write(tmp_path, data)
    with pikepdf.open(path) as pdf:
        sizes = {float(ops[1]) for pg in pdf.pages for ops, op in pikepdf.parse_content_stream(pg)
                 if str(op) == "Tf"}
    assert min(sizes) >= 18
    for lines in page_lines(path):
        tops = [top for top, _, _ in lines]
        pitches = [b - a for a, b in zip(tops, tops[1:])]
        assert pitches and min(pitches) >= 18 * layout.MIN_LEADING - 0.01


def _variants():
    """The story shortened a sentence at a time from its end: the last page holds every count
    of lines in turn, so some variants end on a near-empty page when set as usual."""
    art = read_article(STORY)
    paras = [b for b in art.blocks if isinstance(b, Paragraph)]
    sentences = [(i, s) for i, p in enumerate(paras) for s in split_sentences(p.text)]
    for drop in range(0, 9):
        keep = sentences[:len(sentences) - drop]
        blocks = tuple(Paragraph(" ".join(s for j, s in keep if j == i)) for i in sorted({i for i, _ in keep}))
        yield drop, Article(title=art.title, title_derived=True, credit=art.credit, blocks=blocks)


def test_no_length_ends_on_a_page_that_tightening_would_save(tmp_path):
    saved = 0
    for drop, art in _variants():
        usual = _render(art, SETTINGS, None, layout.SPACINGS[0])
        data, _ = render_pdf(art, SETTINGS)
        pages = page_lines(write(tmp_path, data))
        if usual.near_empty_end:
            tightest = _render(art, SETTINGS, None, layout.SPACINGS[-1])
            if tightest.pages < usual.pages:
                assert len(pages) < usual.pages, drop
                saved += 1
        elif len(pages) > 1:
            assert data == usual.data, drop  # a handout without a near-empty end is set as usual
        assert len(pages) == 1 or len(pages[-1]) >= 2, drop
    assert saved >= 1  # the check above was exercised


def test_without_organisation_the_header_shows_the_credit(tmp_path):
    art = Article(title="Cooling centers open", credit="City News Service",
                  blocks=(Paragraph("The county opens 23 centers on Saturday."),))
    data, _ = render_pdf(art, SETTINGS)
    text = subprocess.run(["pdftotext", "-layout", str(write(tmp_path, data)), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert text.splitlines()[0].strip() == "City News Service"


def test_with_nothing_to_show_no_header_is_drawn(tmp_path):
    """No organisation, credit or date: no header text and no bare rule over the page."""
    art = Article(title="Cooling centers open", blocks=(Paragraph("The county opens 23 centers on Saturday."),))
    data, _ = render_pdf(art, SETTINGS)
    with pikepdf.open(write(tmp_path, data)) as pdf:
        content = pdf.pages[0].Contents.read_bytes() if not isinstance(pdf.pages[0].Contents, pikepdf.Array) \
            else b"".join(c.read_bytes() for c in pdf.pages[0].Contents)
    assert b"/Header" not in content
    assert not re.search(rb"[\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S", content)  # no rule drawn
    with_org, _ = render_pdf(art, replace(SETTINGS, organisation="County Outreach"))
    with pikepdf.open(write(tmp_path, with_org, "org.pdf")) as pdf:
        content = b"".join(c.read_bytes() for c in ([pdf.pages[0].Contents]
                                                    if not isinstance(pdf.pages[0].Contents, pikepdf.Array)
                                                    else pdf.pages[0].Contents))
    assert b"/Header" in content and re.search(rb"[\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S", content)
