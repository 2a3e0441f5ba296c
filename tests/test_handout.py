"""The large-print handout: PDF/UA conformance, structure, text layer, layout rules, safety.

Each PDF is built once per module and parsed with pikepdf; the tagged text is decoded from the
marked content itself (through each font's ToUnicode map), so nothing here needs poppler.
"""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import re
from pathlib import Path

import pikepdf
import pytest
from pdf_text import cmap as _cmap

from bulletin.article import (Article, HelpBox, Heading, Image, ListBlock, Paragraph,
                              Quote, Span, article_text)
from bulletin.settings import Settings
from bulletin.handout import render_pdf, write_handout
from bulletin.helplines import parse_help_line

HELP = HelpBox("Get help: free, confidential, 24/7", tuple(parse_help_line(t) for t in (
    "Call the National Human Trafficking Hotline: 1-888-373-7888",
    "Text 233733",
    "In immediate danger, call 911",
)))
LONG_URL = "https://www.example.gov/publicworks/projects/pacific-coast-rail-yard-remediation/plan.pdf"


def sample_article(**kw) -> Article:
    body = (
        Paragraph("Two busy railroad crossings near the harbor will close in stages starting "
                  "Monday while crews remove contaminated soil from a former rail yard, city "
                  "officials said Friday. The work is expected to last about ten weeks."),
        Heading("What neighbors can expect"),
        ListBlock((Paragraph("Dust monitors at all four corners of the site"),
                   Paragraph("Trucks covered before they leave, and street sweeping twice a week"),
                   Paragraph("No work on Sundays"))),
        Quote((Paragraph("This time every household gets notice first, in three languages."),),
              "Marisol Ortega"),
        Paragraph("Read the project guide or the full plan at " + LONG_URL + " today.",
                  (Span(9, 22, "link", "https://example.gov/guide"), Span(0, 4, "strong"))),
        Image("site.jpg", "Crews in white suits loading soil into a covered truck"),
        Heading("Detours", 3),
        ListBlock((Paragraph("Drive on Santa Fe Avenue"), Paragraph("Take bus 60 from the north stop")),
                  ordered=True),
        Paragraph("A community meeting about the second phase of the work is planned for April "
                  "at Cesar Chavez Park. Everyone is welcome, and interpreters will be there."),
        HELP,
    )
    base = dict(title="Rail Yard Cleanup Will Close Two Crossings", subtitle="Work starts Monday.",
                byline="Ana Ruiz", credit="City News Service", date=dt.date(2026, 2, 6),
                blocks=body)
    base.update(kw)
    return Article(**base)


CONFIG = Settings(organisation="County Outreach")
AUDIO = "https://example.org/audio/rail-yard.mp3"


def build(tmp: Path, name: str, article: Article, **settings) -> tuple[Path, list[str]]:
    settings.setdefault("audio_url", AUDIO)
    data, warnings = render_pdf(article, replace(CONFIG, **settings))
    path = tmp / f"{name}.pdf"
    path.write_bytes(data)
    return path, warnings


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("handout")


@pytest.fixture(scope="module")
def letter(out):
    return build(out, "letter", sample_article())[0]


# ---------------------------------------------------------------- reading the PDF back
def marked_content(pdf: pikepdf.Pdf) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str], list[float]]:
    """(MCIDs in content order, text of each MCID, every font size used) over all pages."""
    order, text, sizes = [], {}, []
    for pno, page in enumerate(pdf.pages):
        fonts = {str(k): _cmap(v) for k, v in page.Resources.Font.items()}
        stack: list[tuple[int, int] | None] = []
        actual: list[str | None] = []
        cmap: dict[int, str] = {}
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                if mcid is not None:
                    stack.append((pno, int(mcid)))
                    order.append((pno, int(mcid)))
                    text.setdefault((pno, int(mcid)), "")
                else:
                    stack.append(stack[-1] if stack else None)
                at = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) else None
                actual.append(str(at) if at is not None else None)
                if at is not None and stack[-1]:
                    text[stack[-1]] += str(at)
            elif op == "BMC":
                stack.append(stack[-1] if stack else None)
                actual.append(None)
            elif op == "EMC":
                stack.pop()
                actual.pop()
            elif op == "Tf":
                cmap = fonts[str(operands[0])]
                sizes.append(float(operands[1]))
            elif op in ("Tj", "TJ") and stack and stack[-1] and not any(actual):
                items = operands[0] if op == "TJ" else [operands[0]]
                for s in items:
                    if isinstance(s, pikepdf.String):
                        text[stack[-1]] += "".join(cmap.get(b, "\ufffd") for b in bytes(s))
    return order, text, sizes


def struct_order(pdf: pikepdf.Pdf) -> list[tuple[int, int, str]]:
    """(page, MCID, owning role) in the structure tree's depth-first order."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    out = []

    def walk(elem):
        kids = elem.get("/K")
        if kids is None:
            return
        for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                out.append((pages[k.Pg.objgen], int(k.MCID), str(elem.S).lstrip("/")))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
                walk(k)

    walk(pdf.Root.StructTreeRoot)
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.lower())


@pytest.fixture(scope="module")
def parsed(letter):
    with pikepdf.open(letter) as pdf:
        order, text, sizes = marked_content(pdf)
        yield pdf, order, text, sizes, struct_order(pdf)


# ---------------------------------------------------------------- conformance
def test_conforms_to_pdf_ua1(letter):
    import page

    r = page.validate_pdf(str(letter), profile="ua1")
    assert r.is_compliant, [f.rule_id for f in r.failures]


def test_structure_order_is_reading_order(parsed):
    pdf, order, _, _, tree = parsed
    assert [(p, m) for p, m, _ in tree] == order
    assert len(set(order)) == len(order)
    for pno in range(len(pdf.pages)):  # MCIDs dense from 0 on every page
        mcids = [m for p, m in order if p == pno]
        assert mcids == list(range(len(mcids)))


def test_every_page_has_struct_parents_and_parent_tree(parsed):
    pdf, order, *_ = parsed
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for i, page in enumerate(pdf.pages):
        assert int(page.StructParents) == i
        assert len(nums[2 * i + 1]) == sum(1 for p, _ in order if p == i)


def test_catalog_and_metadata(parsed):
    pdf = parsed[0]
    assert str(pdf.Root.Lang) == "en"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == "Rail Yard Cleanup Will Close Two Crossings"
    meta = pdf.open_metadata()
    assert meta["dc:title"] == "Rail Yard Cleanup Will Close Two Crossings"
    assert meta["pdfuaid:part"] == "1"
    assert str(pdf.docinfo.CreationDate).startswith("D:20260206")


def test_roles_cover_the_document(parsed):
    roles = {r for *_, r in parsed[4]}
    assert {"H1", "H2", "H3", "P", "Lbl", "LBody", "Link", "Figure"} <= roles
    first = parsed[4][0]
    assert first[2] == "H1" and parsed[2][first[:2]].strip().startswith("Rail Yard")


# ---------------------------------------------------------------- the text screen readers get
def test_every_article_word_is_in_the_tagged_text(parsed):
    _, order, text, _, _ = parsed
    tagged = " ".join(text[k] for k in order)
    got = set(words(tagged))
    missing = [w for w in words(article_text(sample_article())) if w not in got]
    assert not missing


def test_no_words_run_together_at_line_ends(parsed):
    _, order, text, _, _ = parsed
    tagged = words(" ".join(text[k] for k in order))
    source = set(words(article_text(sample_article())))
    joined = [w for w in tagged if w not in source and any(
        w.startswith(a) and w[len(a):] in source for a in source if 1 < len(a) < len(w))]
    assert not joined


def test_links_are_tagged_with_objr_and_contents(parsed):
    pdf = parsed[0]
    annots = [a for p in pdf.pages for a in p.get("/Annots", [])]
    assert {str(a.A.URI) for a in annots} >= {"https://example.gov/guide", LONG_URL, AUDIO}
    for a in annots:
        assert "/StructParent" in a and str(a.Contents).startswith("Link to ")
    for p in pdf.pages:
        if "/Annots" in p:
            assert p.Tabs == "/S"


def test_figures_have_alt_and_bbox(parsed):
    pdf = parsed[0]
    found = []

    def walk(e):
        for k in e.get("/K", []) if isinstance(e.get("/K"), pikepdf.Array) else []:
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
                if k.S == "/Figure":
                    found.append(k)
                walk(k)

    walk(pdf.Root.StructTreeRoot.K[0])
    assert len(found) == 1  # the QR code; the article's picture is described, not fetched
    assert AUDIO in str(found[0].Alt) and len(found[0].A.BBox) == 4


# ---------------------------------------------------------------- large print
def test_all_text_at_least_body_size_and_no_italic_font(parsed):
    pdf, _, _, sizes, _ = parsed
    assert sizes and min(sizes) >= 18
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            assert "Italic" not in str(font.get("/BaseFont", ""))


def test_fonts_embedded(parsed):
    for page in parsed[0].pages:
        for font in page.Resources.Font.values():
            if font.Subtype == "/Type0":
                desc = font.DescendantFonts[0].FontDescriptor
            else:
                desc = font.get("/FontDescriptor")
            assert desc is not None and "/FontFile2" in desc, font.get("/BaseFont")


@pytest.fixture(scope="module")
def sizes_and_papers(out):
    art = sample_article()
    return {(paper, size): build(out, f"{paper}-{size}", art, paper=paper, size=size)[0]
            for paper, size in (("a4", 18), ("letter", 24), ("a4", 28))}


def test_paper_and_size_options(sizes_and_papers, letter):
    pages = {}
    for (paper, size), path in sizes_and_papers.items():
        with pikepdf.open(path) as pdf:
            w, h = (float(v) for v in pdf.pages[0].MediaBox[2:])
            assert (round(w), round(h)) == ((595, 842) if paper == "a4" else (612, 792))
            assert min(marked_content(pdf)[2]) >= size
            pages[(paper, size)] = len(pdf.pages)
    with pikepdf.open(letter) as pdf:
        assert pages[("letter", 24)] > len(pdf.pages)


def test_help_box_never_split(sizes_and_papers, letter):
    for path in [letter, *sizes_and_papers.values()]:
        with pikepdf.open(path) as pdf:
            pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
            sect = next(k for k in pdf.Root.StructTreeRoot.K[0].K
                        if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Sect")
            on = {pages[m.Pg.objgen] for e in sect.K for m in e.K if m.get("/Type") == "/MCR"}
            assert len(on) == 1, path.name


def test_long_url_breaks_only_at_punctuation(parsed):
    _, order, text, _, _ = parsed
    tagged = " ".join(text[k] for k in order)
    # Line ends add a space; taking those out must give the address back whole.
    pieces = re.search(r"https://www\.example\.gov\S*(?: \S+)*?plan\.pdf", tagged).group(0)
    assert pieces.replace(" ", "") == LONG_URL
    for cut in re.finditer(r"(\S) (\S)", pieces):
        assert cut.group(1) in "/.?&=_#,;:@+~" or cut.group(2) == "-"


def test_two_builds_are_byte_identical(out, letter):
    again, _ = build(out, "again", sample_article())
    assert again.read_bytes() == letter.read_bytes()


# ---------------------------------------------------------------- untrusted text
def test_markup_in_article_prints_literally(out):
    nasty = "Tags <img src=/etc/passwd> and <a href=file:///etc/passwd>here</a> &amp; <b>bold</b>"
    art = sample_article(title="A <font size=2>tiny</font> title",
                         blocks=(Paragraph(nasty, (Span(0, 4, "link", "file:///etc/passwd"),)),
                                 Image("/etc/passwd", "<img src=/etc/hosts>")))
    path, _ = build(out, "nasty", art, audio_url=None)
    with pikepdf.open(path) as pdf:
        _, text, sizes = marked_content(pdf)[0:3]
        tagged = " ".join(text.values())
        assert nasty in tagged and "<font size=2>tiny</font>" in tagged and "<img src=/etc/hosts>" in tagged
        assert min(sizes) >= 18
        assert not [a for p in pdf.pages for a in p.get("/Annots", [])]
        for p in pdf.pages:
            assert not list(p.Resources.get("/XObject", {}).keys())


def test_characters_without_a_font_are_reported_and_kept(out):
    import page

    art = sample_article(blocks=(Paragraph("Tiếng Việt, Ελληνικά, Русский and ᚠᚢ."),))
    path, warnings = build(out, "scripts", art)
    assert any("U+16A0" in w and "U+16A2" in w for w in warnings)  # Runic: no font has it
    assert not any("U+1EBF" in w for w in warnings)  # Vietnamese is drawn by a bundled font
    with pikepdf.open(path) as pdf:
        tagged = " ".join(marked_content(pdf)[1].values())
    assert "Tiếng Việt, Ελληνικά, Русский and ᚠᚢ." in tagged
    assert page.validate_pdf(str(path), profile="ua1").is_compliant


def test_write_handout_is_atomic_and_reports_warnings(tmp_path):
    target = tmp_path / "x-large-print.pdf"
    warnings = write_handout(sample_article(), CONFIG, target)
    assert warnings == []
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_help_line_numbers_are_bold(parsed):
    pdf = parsed[0]
    raw = b"".join(p.Contents.read_bytes() for p in pdf.pages)
    bold = {str(k) for p in pdf.pages for k, f in p.Resources.Font.items() if "Bold" in str(f.BaseFont)}
    assert bold
    sect_text = " ".join(t for k, t in parsed[2].items() if "1-888-373-7888" in t)
    assert "1-888-373-7888" in sect_text
    assert any(name.encode() + b" 18 Tf" in raw for name in bold)
