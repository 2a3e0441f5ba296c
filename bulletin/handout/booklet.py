"""The event booklet: the article laid out afresh on half-size pages, then imposed for folding.

Two files come out, both tagged and PDF/UA-1 like the handout:

* ``<slug>-booklet.pdf``, the print file: half-Letter (or A5) pages placed 2-up, unscaled, on
  Letter (A4) landscape sheets in saddle-stitch order, padded with blank pages to a multiple of
  four. Print it on both sides, flipping on the short edge, fold the stack in half and staple.
* ``<slug>-booklet-pages.pdf``, the reading copy: the same pages one by one, in reading order.

Why the print file can still conform: its structure tree is the reading copy's, pointed at the
pages' new places (marked content inside form XObjects is referenced with ``/Stm``), so the
article is read in order although the sheets carry pages 8 and 1, then 2 and 7… Why keep the
reading copy anyway: page by page, a screen reader or a zooming reader meets sheet sides, not
booklet pages, in the print file. Its title and subject say it is a print file.

Nothing is ever shrunk: a half-Letter page is exactly half a Letter sheet (A5 half of A4), so
the pages are placed at scale 1 and the text stays at the body size (18 pt or more).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import inch, mm

from .layout import Page

#: Booklet page size for each sheet size: exactly half the sheet, so imposing never scales.
HALF_PAPERS = {"letter": (5.5 * inch, 8.5 * inch), "a4": (148.5 * mm, 210 * mm)}

#: Left and right margin of a booklet page, the same on both sides (see BookletPage).
SIDE_MARGIN = 0.75 * inch
#: Room above the first line: the booklet has no running header.
TOP_MARGIN = 0.75 * inch
#: Nearest any mark may come to the edge of the printed sheet (office printers' unprintable band).
EDGE = 0.5 * inch


@dataclass(frozen=True)
class BookletPage(Page):
    """A half-size page: smaller margins than the handout's inch, and no running header.

    The side margins are equal. The outer one is an edge of the printed sheet, so it needs the
    half inch printers cannot reach plus a little; the inner one runs into the fold, where the
    staples sit and the paper curves away from the reader, so it needs at least as much. Equal
    margins also keep both sides right when a duplex printer shifts the back by a millimetre or
    two, and when the sheet is turned the wrong way round.
    """

    margin: float = SIDE_MARGIN

    @property
    def column(self) -> float:
        return self.width - 2 * self.margin

    @property
    def frame_top(self) -> float:
        return self.height - TOP_MARGIN

    @property
    def footer_baseline(self) -> float:
        # Descenders of the page number stay clear of the half-inch band at the bottom edge.
        return EDGE + 0.6 * self.size

    @property
    def frame_bottom(self) -> float:
        return self.footer_baseline + 1.6 * self.size


class PageDesign:
    """What render_pdf needs to lay the story out on booklet pages instead of handout pages."""

    def page(self, paper: str, size: float) -> BookletPage:
        width, height = HALF_PAPERS[paper]
        return BookletPage(width, height, size)

    def templates(self, page: BookletPage, header: tuple[str, str]) -> list:
        """One frame per page; the organisation and date are left to the title block."""
        from reportlab.platypus import Frame, PageTemplate

        frame = Frame(page.margin, page.frame_bottom, page.column, page.frame_top - page.frame_bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        return [PageTemplate("booklet", [frame])]

    @staticmethod
    def footer(canvas, number: int, total: int, *, page: BookletPage, words, fontset) -> None:
        """The handout's page number, at body size, moved in to the booklet page's margin.

        Drawn by the handout's own footer so the wording, language and fonts stay one thing;
        it sits at the left margin of every page, the same place on left and right pages.
        """
        from . import layout

        canvas.saveState()
        canvas.translate(page.margin - layout.MARGIN, 0)
        layout.draw_footer(canvas, page, number, total, words, fontset)
        canvas.restoreState()


# ---------------------------------------------------------------- imposition
@dataclass(frozen=True)
class Side:
    """One side of a printed sheet: the booklet pages on its left and right halves."""

    left: int | None
    """Page number (1-based, in reading order), or None for a blank page."""
    right: int | None


@dataclass(frozen=True)
class Sheet:
    """One sheet of paper: printed on both sides, then folded with the others."""

    front: Side
    back: Side
    """The back as seen after flipping the sheet on its short edge."""


def padded_count(pages: int) -> int:
    """Pages in the folded booklet: four per sheet, so a multiple of four (at least four)."""
    return max(4, -(-pages // 4) * 4)


def sheet_order(pages: int) -> list[Sheet]:
    """Saddle-stitch order: which pages go where on each sheet, blanks at the end.

    Sheet i (from 0) of a booklet of P pages carries, outside, P-2i on the left and 2i+1 on
    the right; inside, 2i+2 on the left and P-2i-1 on the right. Nested and folded, the sheets
    read 1, 2, … P. Pages after ``pages`` are blank (None).
    """
    if pages < 1:
        raise ValueError("a booklet needs at least one page")
    total = padded_count(pages)

    def real(n: int) -> int | None:
        return n if n <= pages else None

    return [Sheet(front=Side(real(total - 2 * i), real(2 * i + 1)),
                  back=Side(real(2 * i + 2), real(total - 2 * i - 1)))
            for i in range(total // 4)]


@dataclass(frozen=True)
class Placement:
    """Where one booklet page ended up: as which form XObject, on which sheet side, how far in."""

    form: object
    """The page as a form XObject (pikepdf object)."""
    sheet: object
    """The sheet side's page object."""
    x: float
    """Offset of the page's left edge on the sheet, in points."""


def impose(reading_copy: bytes, title: str, reading_name: str) -> bytes:
    """Place the reading copy's pages 2-up on landscape sheets in folding order, unscaled.

    The result stays a tagged PDF/UA-1 file: each page becomes a form XObject whose marked
    content the same structure tree still owns (marked-content references get ``/Stm``), so
    assistive technology reads the article in order even though the sheets are not. Links move
    with their pages.
    """
    import pikepdf
    from pikepdf import Array, Dictionary

    pdf = pikepdf.open(io.BytesIO(reading_copy))
    sources = [p.obj for p in pdf.pages]
    forms = [p.as_form_xobject() for p in pdf.pages]
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:4])
    placed: dict[tuple[int, int], Placement] = {}
    sides = []
    for sheet in sheet_order(len(sources)):
        for side in (sheet.front, sheet.back):
            page = pdf.add_blank_page(page_size=(2 * width, height))
            ops, names = [], Dictionary()
            halves = sorted(((side.left, 0.0), (side.right, width)), key=lambda h: h[0] or 0)
            for number, x in halves:  # painted in reading order: blanks, then the lower page
                if number is None:
                    # A blank page: nothing to read, marked so tools do not look for content.
                    ops.append("/Artifact <</Type /Pagination>> BDC EMC")
                    continue
                names[f"/Page{number}"] = forms[number - 1]
                ops.append(f"q 1 0 0 1 {x:g} 0 cm /Page{number} Do Q")
                placed[sources[number - 1].objgen] = Placement(forms[number - 1], page.obj, x)
            page.Resources = Dictionary(XObject=names)
            page.Contents = pdf.make_stream("\n".join(ops).encode("ascii"))
            sides.append(page.obj)
    tree = pdf.Root.StructTreeRoot
    for source in sources:
        where = placed[source.objgen]
        where.form.StructParents = source.StructParents  # the page's ParentTree entry, unchanged
        for annot in source.get("/Annots", []):
            _move_annotation(annot, where, Array)
    _retarget(tree, placed, Array)
    key = int(tree.ParentTreeNextKey)
    for side in sides:  # blank halves are marked content too: every such page has its entry
        side.StructParents = key
        tree.ParentTree.Nums.extend([key, pdf.make_indirect(Array())])
        key += 1
    tree.ParentTreeNextKey = key
    del pdf.pages[:len(sources)]
    _describe(pdf, f"{title} (booklet print file)",
              f"Print file: booklet pages imposed 2-up for duplex printing, flip on short edge, "
              f"fold and staple. For reading on screen use {reading_name}.")
    buf = io.BytesIO()
    pdf.save(buf, deterministic_id=True)
    return buf.getvalue()


def _move_annotation(annot, where: Placement, Array) -> None:
    """A link goes to the sheet with its page, shifted by the same offset."""
    from pikepdf import Name

    x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    annot.Rect = Array([x0 + where.x, y0, x1 + where.x, y1])
    if "/QuadPoints" in annot:
        annot.QuadPoints = Array([float(v) + (where.x if i % 2 == 0 else 0)
                                  for i, v in enumerate(annot.QuadPoints)])
    if "/P" in annot:
        annot.P = where.sheet
    if "/Annots" not in where.sheet:
        where.sheet.Annots = Array()
    where.sheet.Annots.append(annot)
    where.sheet.Tabs = Name.S


def _retarget(elem, placed: dict, Array) -> None:
    """Point every page reference in the structure tree at the sheet now showing that page.

    Marked content now lives in a form XObject, so its references gain ``/Stm``; figure
    bounding boxes move by the page's offset on the sheet.
    """
    from pikepdf import Dictionary, Name

    kids = elem.get("/K")
    if kids is None:
        return
    shift = None
    for kid in (kids if isinstance(kids, Array) else [kids]):
        if not isinstance(kid, Dictionary):
            continue
        kind = kid.get("/Type")
        if kind in (Name.MCR, Name.OBJR) and "/Pg" in kid:
            where = placed[kid.Pg.objgen]
            if kind == Name.MCR:
                kid.Stm = where.form
            kid.Pg = where.sheet
            shift = where.x
        elif "/S" in kid:
            _retarget(kid, placed, Array)
    if "/Pg" in elem:
        where = placed[elem.Pg.objgen]
        elem.Pg, shift = where.sheet, where.x
    if shift and "/A" in elem and "/BBox" in elem.A:
        x0, y0, x1, y1 = (float(v) for v in elem.A.BBox)
        elem.A.BBox = Array([x0 + shift, y0, x1 + shift, y1])


def _describe(pdf, title: str, subject: str) -> None:
    """Title and subject in the document info and in XMP, which PDF/UA requires to agree."""
    from pikepdf import String

    pdf.docinfo.Title = String(title)
    pdf.docinfo.Subject = String(subject)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = title
        xmp["dc:description"] = subject


def _sheets(n: int) -> str:
    return "1 sheet" if n == 1 else f"{n} sheets"


@dataclass
class Booklet:
    """What write_booklet wrote."""

    files: dict[str, Path]
    """``booklet`` (the print file) and ``booklet-pages`` (the tagged reading copy)."""
    warnings: list[str]
    pages: int
    """Pages of the reading copy, before padding."""


def write_booklet(article, settings, folder: Path, slug: str,
                  known: list[str] = ()) -> Booklet:
    """Write the reading copy and the print file into ``folder``, each atomically.

    ``known`` are warnings the handout already gave: the same ones are not repeated.
    """
    from ..fileio import write_bytes
    from . import render_pdf

    data, warnings = render_pdf(article, settings, design=PageDesign())
    pages_path = Path(folder) / f"{slug}-booklet-pages.pdf"
    sheets_path = Path(folder) / f"{slug}-booklet.pdf"
    imposed = impose(data, article.title, pages_path.name)
    write_bytes(pages_path, data)
    write_bytes(sheets_path, imposed)
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        n = len(pdf.pages)
    note = (f"booklet: print {sheets_path.name} on both sides, flipping on the short edge "
            f"({_sheets(padded_count(n) // 4)}), then fold and staple; to read on screen, "
            f"share {pages_path.name}")
    return Booklet(files={"booklet": sheets_path, "booklet-pages": pages_path},
                   warnings=[w.replace("handout:", "booklet:", 1) for w in warnings if w not in known] + [note],
                   pages=n)
