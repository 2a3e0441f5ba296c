"""The event booklet: the article laid out afresh on half-size pages, then imposed for folding.

Two files come out:

* ``<slug>-booklet-pages.pdf``, the reading copy: half-Letter (or A5) pages in reading order,
  tagged and PDF/UA-1 like the handout, with the same text size. This is the file to share.
* ``<slug>-booklet.pdf``, the print file: those pages placed 2-up, unscaled, on Letter (A4)
  landscape sheets in saddle-stitch order, padded with blank pages to a multiple of four.
  Print it on both sides, flipping on the short edge, fold the stack in half and staple.

Why the print file does not claim PDF/UA: its pages are sheet sides (8 and 1, then 2 and 7…),
so a screen reader's page navigation, and any reader that ignores the structure tree, meets the
article out of order. It says plainly that it is a print file (title, subject, build note),
and the tagged reading copy sits beside it.

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
    def footer(canvas, number: int, total: int, *, page: BookletPage, words: tuple[str, str]) -> None:
        """The page number at body size, centred: the same place on left and right pages."""
        from . import fonts
        from .tagging import artifact

        canvas.saveState()
        with artifact(canvas, "Pagination", "Footer"):
            canvas.setFillGray(0)
            canvas.setFont(fonts.REGULAR, page.size)
            canvas.drawCentredString(page.width / 2, page.footer_baseline,
                                     f"{words[0]} {number} {words[1]} {total}")
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


def impose(reading_copy: bytes, title: str, language: str, reading_name: str) -> bytes:
    """Place the reading copy's pages 2-up on landscape sheets, in folding order, unscaled."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    src = pikepdf.open(io.BytesIO(reading_copy))
    width, height = (float(v) for v in src.pages[0].mediabox[2:4])
    out = pikepdf.new()
    forms = [out.copy_foreign(p.as_form_xobject()) for p in src.pages]
    for sheet in sheet_order(len(forms)):
        for side in (sheet.front, sheet.back):
            ops, names = [], Dictionary()
            for x, number in ((0.0, side.left), (width, side.right)):
                if number is None:
                    # A blank page: nothing to read or see, said so for tools that look.
                    ops.append("/Artifact <</Type /Pagination>> BDC EMC")
                    continue
                name = f"/Page{number}"
                names[name] = forms[number - 1]
                ops.append(f"q 1 0 0 1 {x:g} 0 cm {name} Do Q")
            page = out.add_blank_page(page_size=(2 * width, height))
            page.Resources = Dictionary(XObject=names)
            page.Contents = out.make_stream("\n".join(ops).encode("ascii"))
    # Carry over the dates, so rebuilds stay byte-identical, then say what the file is.
    info = out.docinfo
    for key in ("/Author", "/CreationDate", "/ModDate", "/Creator"):
        if key in src.docinfo:
            info[key] = src.docinfo[key]
    info.Title = String(f"{title} (booklet print file)")
    info.Subject = String(f"Print file, not for reading on screen: booklet pages imposed 2-up for "
                          f"duplex printing, flip on short edge, fold and staple. The accessible "
                          f"reading copy is {reading_name}.")
    out.Root.Lang = String(language)
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True)
    return buf.getvalue()


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


def write_booklet(article, settings, config, folder: Path, slug: str,
                  known: list[str] = ()) -> Booklet:
    """Write the reading copy and the print file into ``folder``, each atomically.

    ``known`` are warnings the handout already gave: the same ones are not repeated.
    """
    from ..fileio import write_bytes
    from . import render_pdf

    data, warnings = render_pdf(article, settings, config, design=PageDesign())
    pages_path = Path(folder) / f"{slug}-booklet-pages.pdf"
    sheets_path = Path(folder) / f"{slug}-booklet.pdf"
    imposed = impose(data, article.title, article.language, pages_path.name)
    write_bytes(pages_path, data)
    write_bytes(sheets_path, imposed)
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        n = len(pdf.pages)
    note = (f"booklet: {sheets_path.name} is a print file ({_sheets(padded_count(n) // 4)}, print both "
            f"sides, flip on short edge, fold, staple), not an accessible PDF; share "
            f"{pages_path.name} for reading")
    return Booklet(files={"booklet": sheets_path, "booklet-pages": pages_path},
                   warnings=[w.replace("handout:", "booklet:", 1) for w in warnings if w not in known] + [note],
                   pages=n)
