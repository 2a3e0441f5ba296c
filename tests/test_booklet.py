"""The event booklet: folding order, blanks, sheet sizes, unshrunk text, a conforming reading copy.

Booklets are built once per module; the imposed sheets are read back with PyMuPDF, so the
checks see where each page number was actually printed, not what the code meant to place.
"""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import re
from pathlib import Path

import pikepdf
import pytest
from pdf_text import cmap as _cmap

from bulletin.article import Article, Heading, Paragraph, Span
from bulletin.settings import Settings
from bulletin.handout.booklet import Side, Sheet, padded_count, sheet_order, write_booklet

INCH = 72
CONFIG = Settings(organisation="Eastside Library Outreach")


def sheets(*sides) -> list[Sheet]:
    """Sheets from (front left, front right, back left, back right) tuples."""
    return [Sheet(Side(a, b), Side(c, d)) for a, b, c, d in sides]


# ---------------------------------------------------------------- folding order (pure)
@pytest.mark.parametrize("pages, expected", [
    (1, sheets((None, 1, None, None))),
    (3, sheets((None, 1, 2, 3))),
    (4, sheets((4, 1, 2, 3))),
    (5, sheets((None, 1, 2, None), (None, 3, 4, 5))),
    (8, sheets((8, 1, 2, 7), (6, 3, 4, 5))),
])
def test_sheet_order(pages, expected):
    assert sheet_order(pages) == expected


@pytest.mark.parametrize("pages", range(1, 30))
def test_every_page_once_and_padding_to_four(pages):
    slots = [n for s in sheet_order(pages) for side in (s.front, s.back) for n in (side.left, side.right)]
    assert len(slots) == padded_count(pages) and len(slots) % 4 == 0
    assert sorted(n for n in slots if n) == list(range(1, pages + 1))
    assert slots.count(None) == padded_count(pages) - pages < 4


def test_facing_pages_add_up():
    # Folded, the two halves of every sheet side are pages p and P+1-p of the booklet.
    for pages in (4, 8, 12, 16):
        for s in sheet_order(pages):
            for side in (s.front, s.back):
                assert side.left + side.right == pages + 1


def test_no_pages_is_an_error():
    with pytest.raises(ValueError):
        sheet_order(0)


# ---------------------------------------------------------------- real booklets
def five_page_article() -> Article:
    """An article that needs exactly five half-Letter pages at 18 pt (asserted below)."""
    para = ("The reading room on Fifth Street will keep longer hours through the winter, the "
            "library board decided on Tuesday after months of requests from parents and students. "
            "Doors will open at eight in the morning and close at nine at night.")
    link = Paragraph("See the new timetable.", (Span(8, 21, "link", "https://example.org/hours"),))
    blocks = []
    for n in range(1, 5):
        blocks.append(Heading(f"Part {n}: what changes"))
        blocks += [Paragraph(para), Paragraph(para)]
    blocks.insert(7, link)  # on page 3, which lands on the right half of sheet 2's front
    return Article(title="Library Keeps Longer Winter Hours", subtitle="Starting next week.",
                   byline="Dana Cole", date=dt.date(2026, 1, 12), blocks=tuple(blocks))


def build(folder: Path, article: Article, **kw):
    folder.mkdir(parents=True, exist_ok=True)
    return write_booklet(article, replace(CONFIG, deterministic=True, **kw), folder, "lib")


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    b = build(tmp_path_factory.mktemp("letter"), five_page_article())
    assert b.pages == 5, f"the test article now lays out on {b.pages} pages; adjust it to five"
    return b


@pytest.fixture(scope="module")
def a4(tmp_path_factory):
    return build(tmp_path_factory.mktemp("a4"), five_page_article(), paper="a4", size=24)


def spans(path: Path):
    """(page index, text, size, bbox) of every text span, as a PDF reader lays them out."""
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF (installed with outloud) lays out the text")

    out = []
    with pymupdf.open(path) as doc:
        for i, page in enumerate(doc):
            for b in page.get_text("dict")["blocks"]:
                for line in b.get("lines", []):
                    for s in line["spans"]:
                        if s["text"].strip():
                            out.append((i, s["text"].strip(), s["size"], s["bbox"]))
    return out


def printed_order(path: Path, sheet_width: float) -> list[tuple[int | None, int | None]]:
    """Per sheet side, the page numbers printed on its left and right halves (None: blank)."""
    with pikepdf.open(path) as pdf:
        n = len(pdf.pages)
    found = [[None, None] for _ in range(n)]
    for i, text, _, (x0, _, x1, _) in spans(path):
        m = re.fullmatch(r"Page (\d+) of \d+", text)
        if m:
            half = 0 if x1 <= sheet_width / 2 else 1
            assert x0 >= sheet_width / 2 or half == 0, "a page number straddles the fold"
            assert found[i][half] is None, "two page numbers on one half"
            found[i][half] = int(m.group(1))
    return [tuple(f) for f in found]


def test_files_and_names(letter):
    assert letter.files["booklet"].name == "lib-booklet.pdf"
    assert letter.files["booklet-pages"].name == "lib-booklet-pages.pdf"
    assert all(p.is_file() for p in letter.files.values())
    assert not list(letter.files["booklet"].parent.glob(".bulletin-tmp-*"))


def test_imposed_sides_carry_the_right_pages(letter):
    # Five pages pad to eight: 1 is on the outside right, 2..5 follow, 6, 7, 8 are blank.
    assert printed_order(letter.files["booklet"], 11 * INCH) == [(None, 1), (2, None), (None, 3), (4, 5)]


def footer_text(form) -> str:
    """The page number a placed page prints, decoded through its fonts' ToUnicode maps."""
    fonts = {str(k): _cmap(v) for k, v in form.Resources.Font.items()}
    text, inside, cmap = "", False, {}
    for operands, op in pikepdf.parse_content_stream(form):
        op = str(op)
        if op == "BDC" and str(operands[0]) == "/Artifact" and operands[1].get("/Subtype") == "/Footer":
            inside = True
        elif op == "EMC":
            inside = False
        elif op == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif inside and op in ("Tj", "TJ"):
            parts = operands[0] if op == "TJ" else [operands[0]]
            text += "".join(cmap.get(b, chr(b)) for part in parts if isinstance(part, pikepdf.String)
                            for b in bytes(part))
    return text


def test_placed_pages_by_their_printed_numbers(letter):
    # Without a renderer: which page each placed XObject is, read from the number it prints,
    # and which half its cm offset puts it on.
    found = []
    with pikepdf.open(letter.files["booklet"]) as pdf:
        for page in pdf.pages:
            halves = [None, None]
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "cm":
                    x = float(operands[4])
                elif str(op) == "Do":
                    form = page.Resources.XObject[str(operands[0])]
                    number = int(re.fullmatch(r"Page (\d+) of 5", footer_text(form)).group(1))
                    halves[0 if x == 0 else 1] = number
            found.append(tuple(halves))
    assert found == [(None, 1), (2, None), (None, 3), (4, 5)]


def test_imposed_pages_are_placed_unscaled_side_by_side(letter):
    with pikepdf.open(letter.files["booklet"]) as pdf:
        for page in pdf.pages:
            placed = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "cm":
                    matrix = [float(v) for v in operands]
                elif str(op) == "Do":
                    placed.append(matrix)
            for a, b, c, d, e, f in placed:
                assert (a, b, c, d, f) == (1, 0, 0, 1, 0)  # scale 1: never shrunk
                assert e in (0, 5.5 * INCH)


def test_blank_pages_are_empty_artifacts(letter):
    with pikepdf.open(letter.files["booklet"]) as pdf:
        blanks = sum(page.Contents.read_bytes().count(b"/Artifact") for page in pdf.pages)
    assert blanks == 3
    with pikepdf.open(letter.files["booklet"]) as pdf:
        assert all("/StructParents" in page for page in pdf.pages)
    texts = spans(letter.files["booklet"])
    assert not [t for i, t, _, bbox in texts if (i, bbox[0] < 5.5 * INCH) in {(0, True), (1, False), (2, True)}]


def test_sheet_and_page_sizes(letter, a4):
    def sizes(path):
        with pikepdf.open(path) as pdf:
            return {tuple(round(float(v), 1) for v in p.mediabox[2:4]) for p in pdf.pages}

    assert sizes(letter.files["booklet"]) == {(792.0, 612.0)}          # Letter landscape
    assert sizes(letter.files["booklet-pages"]) == {(396.0, 612.0)}    # half-Letter
    assert sizes(a4.files["booklet"]) == {(841.9, 595.3)}              # A4 landscape
    assert sizes(a4.files["booklet-pages"]) == {(420.9, 595.3)}        # A5
    with pikepdf.open(a4.files["booklet"]) as pdf:
        assert len(pdf.pages) == padded_count(a4.pages) // 2


@pytest.mark.parametrize("which, size", [("letter", 18), ("a4", 24)])
def test_text_is_never_smaller_than_the_body(which, size, request):
    b = request.getfixturevalue(which)
    for kind in ("booklet-pages", "booklet"):
        found = spans(b.files[kind])
        assert found and min(s for _, _, s, _ in found) >= size - 0.05
        assert any(re.fullmatch(r"Page \d+ of \d+", t) and abs(s - size) < 0.05 for _, t, s, _ in found)


def test_every_mark_is_half_an_inch_from_the_sheet_edge(letter, a4):
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF (installed with outloud) lays out the marks")

    for b in (letter, a4):
        with pymupdf.open(b.files["booklet"]) as doc:
            for page in doc:
                w, h = page.rect.width, page.rect.height
                boxes = [s["bbox"] for blk in page.get_text("dict")["blocks"]
                         for line in blk.get("lines", []) for s in line["spans"] if s["text"].strip()]
                boxes += [tuple(d["rect"]) for d in page.get_drawings()]
                for x0, y0, x1, y1 in boxes:
                    assert min(x0, y0, w - x1, h - y1) >= 0.5 * INCH


def test_gutter_is_at_least_the_outer_margin(letter):
    # Text never runs closer to the fold than to the outer edge of its page.
    for i, text, _, (x0, _, x1, _) in spans(letter.files["booklet"]):
        page_x0 = 0 if x1 <= 5.5 * INCH else 5.5 * INCH
        assert min(x0 - page_x0, page_x0 + 5.5 * INCH - x1) >= 0.75 * INCH - 0.01, text


def test_reading_copy_conforms_to_pdf_ua1(letter, a4):
    import page

    for b in (letter, a4):
        r = page.validate_pdf(str(b.files["booklet-pages"]), profile="ua1")
        assert r.is_compliant, [f.rule_id for f in r.failures]


def test_reading_copy_keeps_the_whole_article_in_order(letter):
    with pikepdf.open(letter.files["booklet-pages"]) as pdf:
        assert len(pdf.pages) == letter.pages == 5
        assert "/StructTreeRoot" in pdf.Root
    text = " ".join(t for _, t, _, _ in spans(letter.files["booklet-pages"]))
    heads = [int(n) for n in re.findall(r"Part (\d): what changes", text)]
    assert heads == [1, 2, 3, 4]


def test_print_file_says_what_it_is(letter):
    with pikepdf.open(letter.files["booklet"]) as pdf:
        assert "print file" in str(pdf.docinfo.Title).lower()
        assert "flip on short edge" in str(pdf.docinfo.Subject)
        assert "lib-booklet-pages.pdf" in str(pdf.docinfo.Subject)
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == str(pdf.docinfo.Title)
    assert any("short edge" in w and "lib-booklet-pages.pdf" in w for w in letter.warnings)


def test_print_file_conforms_to_pdf_ua1(letter, a4):
    import page

    for b in (letter, a4):
        r = page.validate_pdf(str(b.files["booklet"]), profile="ua1")
        assert r.is_compliant, [f.rule_id for f in r.failures]


def structure_pages(path: Path) -> tuple[list[int], dict]:
    """Booklet page of every marked-content reference, in structure (reading) order.

    Each reference must name the sheet side that actually draws its form XObject.
    """
    with pikepdf.open(path) as pdf:
        drawn = {}  # form XObject -> (sheet index, booklet page number)
        for i, page in enumerate(pdf.pages):
            for name, form in page.Resources.XObject.items():
                drawn[form.objgen] = (i, int(name[len("/Page"):]))
        order, mcids = [], {}

        def walk(elem):
            kids = elem.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    sheet, number = drawn[kid.Stm.objgen]
                    assert kid.Pg.objgen == pdf.pages[sheet].objgen
                    order.append(number)
                    mcids.setdefault(number, []).append(int(kid.MCID))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
        return order, mcids


def test_print_file_structure_reads_the_pages_in_order(letter):
    order, mcids = structure_pages(letter.files["booklet"])
    assert order == sorted(order) and set(order) == {1, 2, 3, 4, 5}
    assert all(sorted(m) == list(range(len(m))) for m in mcids.values())


def test_sheet_sides_paint_pages_in_reading_order(letter):
    with pikepdf.open(letter.files["booklet"]) as pdf:
        for page in pdf.pages:
            drawn = [int(str(ops[0])[len("/Page"):]) for ops, op in pikepdf.parse_content_stream(page)
                     if str(op) == "Do"]
            assert drawn == sorted(drawn)


def test_links_move_with_their_page(letter):
    def links(path):
        with pikepdf.open(path) as pdf:
            return [(i, [float(v) for v in a.Rect], str(a.A.URI)) for i, p in enumerate(pdf.pages)
                    for a in p.get("/Annots", [])]

    before, after = links(letter.files["booklet-pages"]), links(letter.files["booklet"])
    assert before and len(after) == len(before)  # the link and its printed address
    for (page_no, rect, uri), (sheet, moved, uri2) in zip(before, after):
        assert uri == uri2 == "https://example.org/hours" and page_no == 2  # booklet page 3
        assert sheet == 2  # sheet 2's front carries page 3 on its right half
        assert moved == pytest.approx([rect[0] + 5.5 * INCH, rect[1], rect[2] + 5.5 * INCH, rect[3]])


def test_rebuild_is_byte_identical(letter, tmp_path):
    again = build(tmp_path, five_page_article())
    for kind in ("booklet", "booklet-pages"):
        assert again.files[kind].read_bytes() == letter.files[kind].read_bytes()


# ---------------------------------------------------------------- the command
def test_build_command_writes_the_booklet_only_when_asked(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bulletin.cli import main

    monkeypatch.chdir(tmp_path)
    src = tmp_path / "notice.txt"
    src.write_text("Pool Reopens Saturday\n\nThe Eastside pool reopens on Saturday after repairs. "
                   "Swimming lessons start again the week after.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(src), "--no-audio", "--booklet", "-o", "out"])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "out" / "notice"
    assert (folder / "notice-booklet.pdf").is_file() and (folder / "notice-booklet-pages.pdf").is_file()
    assert "short edge" in res.output
    with pikepdf.open(folder / "notice-booklet.pdf") as pdf:
        assert len(pdf.pages) == 2  # one page pads to one sheet, printed on both sides
    res = CliRunner().invoke(main, ["build", str(src), "--no-audio", "-o", "plain"])
    assert res.exit_code == 0, res.output
    assert not list((tmp_path / "plain").rglob("*booklet*"))


def test_booklet_page_numbers_use_the_articles_own_fonts(tmp_path):
    """A Russian booklet's page label is printed in a font that has Cyrillic (Atkinson has none)."""
    import re as _re

    from pdf_text import pdf_text

    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.handout.booklet import write_booklet

    art = Article(title="Горячая линия", language="ru",
                  blocks=tuple(Paragraph("Позвоните по номеру 1-888-373-7888. " * 6) for _ in range(8)))
    made = write_booklet(art, Settings(booklet=True), tmp_path, "ru")
    text = _re.sub(r"\s", "", pdf_text(made.files["booklet-pages"]))
    assert "Страница1из" in text
