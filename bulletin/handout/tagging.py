"""Tagged PDF: marked content while ReportLab draws, then the structure tree (see :mod:`.structure`).

ReportLab writes no structure, so every flowable that draws content opens ``/Tag <</MCID n>> BDC``
first and ``EMC`` after, and everything else (running header, page numbers, rules, box borders)
is drawn as an ``/Artifact``. The :class:`Tracker` remembers which structure element owns each
MCID; :func:`.structure.write` turns that into StructTreeRoot, ParentTree and the rest once the
last page is drawn.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Union

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from . import logical_lines


class MCR(NamedTuple):
    """A marked-content sequence: MCID ``mcid`` on page ``page`` (0-based).

    A named tuple rather than a frozen dataclass: one is made for every paragraph on every page,
    and a tuple is cheaper to make.
    """

    page: int
    mcid: int


class Annot(NamedTuple):
    """The ``index``-th annotation of page ``page``: a link drawn inside its parent element."""

    page: int
    index: int


@dataclass(eq=False)
class Node:
    """One structure element, its children in reading order."""

    role: str
    """Standard structure type: Document, H1, P, L, LI, Lbl, LBody, Figure, Sect, BlockQuote …"""
    kids: list[Union["Node", MCR, Annot]] = field(default_factory=list)
    alt: str | None = None
    """Alternative text (figures)."""
    bbox: tuple[float, float, float, float] | None = None
    """Where a figure was drawn, in page coordinates."""
    href: str | None = None
    """A Link element's address: its annotations are the ones with this URI."""
    annots: list[Annot] = field(default_factory=list)
    """Link annotations drawn inside this element, handed to its Link children afterwards."""
    lang: str | None = None
    """BCP 47 tag of a passage in another language than the document's (its /Lang)."""

    def add(self, role: str, **kw) -> "Node":
        child = Node(role, **kw)
        self.kids.append(child)
        return child


class Tracker:
    """Hands out dense per-page MCIDs and records their owners while the pages are drawn."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.owners: dict[int, list[Node]] = {}
        """Page -> the element owning each MCID, indexed by MCID."""
        self.drawn: list[tuple[int, Node, int]] = []
        """(page, element, characters other than spaces) of each paragraph drawn, in order:
        where each page begins in the text (see :mod:`.pagestarts`)."""

    @contextlib.contextmanager
    def marked(self, canvas: Canvas, node: Node) -> Iterator[None]:
        page = canvas.getPageNumber() - 1
        owners = self.owners.setdefault(page, [])
        mcid = len(owners)
        owners.append(node)
        node.kids.append(MCR(page, mcid))
        before = len(canvas._annotationrefs)  # ReportLab internal: the page's annotations so far
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        yield
        canvas.addLiteral("EMC")
        node.annots += [Annot(page, i) for i in range(before, len(canvas._annotationrefs))]

    # A paragraph's marked content lives inside its text object (BT … ET), so that a link in the
    # middle can end the paragraph's sequence, open its own, and hand back: P, Link, P.
    def _open(self, canvas: Canvas, node: Node) -> str:
        page = canvas.getPageNumber() - 1
        owners = self.owners.setdefault(page, [])
        owners.append(node)
        node.kids.append(MCR(page, len(owners) - 1))
        return f"/{node.role} <</MCID {len(owners) - 1}>> BDC"

    def begin_text(self, canvas: Canvas, node: Node) -> str:
        self.text_owner = node
        return self._open(canvas, node)

    def link_start(self, canvas: Canvas, href: str) -> str:
        link = self.text_owner.add("Link", href=href)
        return "EMC " + self._open(canvas, link)

    def link_end(self, canvas: Canvas) -> str:
        return "EMC " + self._open(canvas, self.text_owner)

    # A passage in another language is a Span with /Lang inside the paragraph; links in it
    # belong to it, so it is the text owner until it ends.
    def lang_start(self, canvas: Canvas, lang: str) -> str:
        self._outer = self.text_owner
        self.text_owner = self.text_owner.add("Span", lang=lang)
        return "EMC " + self._open(canvas, self.text_owner)

    def lang_end(self, canvas: Canvas) -> str:
        self.text_owner = getattr(self, "_outer", self.text_owner)
        return "EMC " + self._open(canvas, self.text_owner)


@contextlib.contextmanager
def artifact(canvas: Canvas, kind: str = "Pagination", subtype: str | None = None) -> Iterator[None]:
    """Draw something that is not content: screen readers skip it."""
    sub = f" /Subtype /{subtype}" if subtype else ""
    canvas.addLiteral(f"/Artifact <</Type /{kind}{sub}>> BDC")
    yield
    canvas.addLiteral("EMC")


class _SpacedLinesText(PDFTextObject):
    """Text object that ends every drawn line with a space, and carries a paragraph's marks.

    Why the space: ReportLab drops the space where it wraps a line, so assistive technology reads
    the last word of one line and the first of the next as one ("federalgovernment"). A trailing
    space is invisible. Risk: relies on ReportLab's paragraph code passing ``TStar`` at line ends.
    """

    def __init__(self, canvas, *args, **kw):
        super().__init__(canvas, *args, **kw)
        self._marked = False
        pending = getattr(canvas, "_pending_mark", None)
        if pending:
            canvas._pending_mark = None
            tracker, node = pending
            self._code.append(tracker.begin_text(canvas, node))
            self._marked = True
            canvas._marked_text = self

    def _textOut(self, text, TStar=0):
        super()._textOut(text + " " if TStar and not _unspaced_end(text) else text, TStar)

    _drawn_elsewhere = False

    def _formatText(self, text):
        """Nothing while a line's glyphs are written by :mod:`.logical_lines` (it has drawn them)."""
        if self._drawn_elsewhere:
            return ""
        return super()._formatText(text)

    def setRise(self, rise):
        """Raise or lower the next glyphs, also as the first operator of a shaped run.

        Why: ReportLab 5.1 draws a shaped string into a fresh, empty operator list and its
        ``setRise`` looks at the last operator, so a mark raised by HarfBuzz at the very start of
        a run (an Arabic word ending in a vowel sign) raised IndexError. Risk: none; an empty
        list just has nothing to merge with.
        """
        if not self._code:
            self._code.append("")
        super().setRise(rise)

    def getCode(self):
        if self._marked:
            self._code.append("EMC")
            self._marked = False
            self._canvas._marked_text = None
        return super().getCode()


def _unspaced_end(text: str) -> bool:
    """True when a line ends in Chinese or Japanese: those lines break between characters, and a
    space there would cut a word in two for screen readers and copy-paste."""
    tail = str(text).rstrip()[-1:]
    return bool(tail) and ("\u2e80" <= tail <= "\u9fff" or "\uf900" <= tail <= "\ufaff"
                           or "\uff00" <= tail <= "\uffef")


LINK_START, LINK_END = "bulletin_link_start", "bulletin_link_end"
LANG_START, LANG_END = "bulletin_lang_start", "bulletin_lang_end"
ACTUAL_START, ACTUAL_END = "bulletin_actual_start", "bulletin_actual_end"


def _actual_text_callback(canvas, kind, label):
    """Paragraph ``<ondraw>`` callback: open or close a span whose ActualText is ``label``."""
    tx = getattr(canvas, "_curr_tx_info", {}).get("tx")
    if tx is None:
        return
    if label:
        hexed = ("\ufeff" + label).encode("utf-16-be").hex().upper()
        tx._code.append(f"/Span <</ActualText <{hexed}>>> BDC")
    else:
        tx._code.append("EMC")


def _lang_callback(tracker: "Tracker"):
    """Paragraph ``<ondraw>`` callback: a passage in another language starts (label) or ends."""

    def cb(canvas, kind, label):
        tx = getattr(canvas, "_marked_text", None)
        if tx is not None:
            tx._code.append(tracker.lang_start(canvas, label) if label else tracker.lang_end(canvas))
    return cb


def _link_callback(tracker: "Tracker"):
    """Paragraph ``<ondraw>`` callback: split the paragraph's marked content around a link."""

    def cb(canvas, kind, label):
        tx = getattr(canvas, "_marked_text", None)
        if tx is None:
            return  # not inside a tagged paragraph: nothing to split
        tx._code.append(tracker.link_start(canvas, label) if label
                        else tracker.link_end(canvas))
    return cb


class TaggedCanvas(Canvas):
    """A canvas that spaces line ends and writes "Page n of N" once the page count is known.

    ``finish`` is given ReportLab's document once every page is final, just before it is written.
    """

    def __init__(self, *args, footer=None, tracker: "Tracker | None" = None, finish=None, **kw):
        super().__init__(*args, **kw)
        self._footer = footer
        self._finish = finish
        self._held_pages: list[dict] = []
        self._pending_mark = None
        self._marked_text = None
        if tracker is not None:
            cb = _link_callback(tracker)
            self.setNamedCB(LINK_START, cb)
            self.setNamedCB(LINK_END, cb)
            self.setNamedCB(LANG_START, _lang_callback(tracker))
            self.setNamedCB(LANG_END, _lang_callback(tracker))
        self.setNamedCB(ACTUAL_START, _actual_text_callback)
        self.setNamedCB(ACTUAL_END, _actual_text_callback)
        self.setNamedCB(logical_lines.START, lambda c, kind, label: logical_lines.draw(c, tracker, label))
        self.setNamedCB(logical_lines.END, lambda c, kind, label: logical_lines.end(c))

    def mark_next_text(self, tracker: "Tracker", node: Node) -> None:
        """The next text object drawn is the content of ``node``."""
        self._pending_mark = (tracker, node)

    def beginText(self, x=0, y=0, direction=None):
        return _SpacedLinesText(self, x, y, direction=direction)

    def showPage(self):
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            if self._footer:
                self._footer(self, self.getPageNumber(), total)
            Canvas.showPage(self)
        if self._finish:
            self._finish(self._doc)
        Canvas.save(self)
