"""ReportLab flowables that mark what they draw, so each becomes part of the structure tree."""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from .tagging import Annot, Node, Tracker, artifact


def _wrapping_for(markup: str, style):
    """``style``, or a copy that may break lines between Chinese and Japanese characters.

    Why: those are written without spaces, and ReportLab breaks lines only at spaces unless told
    the text is CJK, so a Chinese passage in an English notice ran off the page's right edge
    (an article in Chinese or Japanese gets CJK wrapping for every style already). ReportLab's
    CJK wrapping still breaks Latin words at their spaces. Risk: none for paragraphs without
    such characters, which keep their style. Lines laid out by :mod:`.shaped` (``<para …>``)
    are already broken and are left alone.
    """
    from . import cjk

    if style.wordWrap == "CJK" or markup.startswith("<para") or not cjk.has_unspaced(markup):
        return style
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "-cjk", parent=style, wordWrap="CJK")


class TaggedParagraph(Paragraph):
    """A paragraph whose lines are marked content of ``node``, on every page it spans.

    ``bar`` draws a thick rule (an artifact) to its left, the mark of a block quotation.
    """

    node: Node | None = None
    tracker: Tracker | None = None
    bar: tuple[float, float] | None = None
    """(gap from the text, thickness) of the quotation rule."""

    @classmethod
    def make(cls, markup: str, style, node: Node, tracker: Tracker, bar=None) -> "TaggedParagraph":
        from .markup_parser import paragraph

        style = _wrapping_for(markup, style)
        p = paragraph(cls, markup, style)
        p.node, p.tracker, p.bar = node, tracker, bar
        return p

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.node, part.tracker, part.bar = self.node, self.tracker, self.bar
        return parts

    def draw(self):
        if self.bar:
            gap, thick = self.bar
            with artifact(self.canv, "Layout"):
                self.canv.saveState()
                self.canv.setFillGray(0)
                x = self.style.leftIndent - gap - thick
                self.canv.rect(x, 0, thick, self.height, stroke=0, fill=1)
                self.canv.restoreState()
        before = len(self.canv._annotationrefs)  # ReportLab internal: the page's links so far
        self.canv.mark_next_text(self.tracker, self.node)
        super().draw()
        self.canv._pending_mark = None  # an empty paragraph draws no text object
        page = self.canv.getPageNumber() - 1
        from .pagestarts import visible_chars

        self.tracker.drawn.append((page, self.node, visible_chars(self)))
        self.node.annots += [Annot(page, i) for i in range(before, len(self.canv._annotationrefs))]


class TaggedFigure(Flowable):
    """A picture (QR code, logo) drawn as a Figure with alternative text and a bounding box."""

    def __init__(self, inner: Flowable, node: Node, tracker: Tracker):
        super().__init__()
        self.inner, self.node, self.tracker = inner, node, tracker

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        self.node.bbox = (x, y, x + self.width, y + self.height)
        with self.tracker.marked(canvas, self.node):
            self.inner.drawOn(canvas, x, y, _sW)


class Label(Flowable):
    """A list item's bullet or number: one line drawn as a one-line Paragraph would draw it.

    Why not a Paragraph: parsing, wrapping and drawing one per item cost as much as the item's
    own text. Risk: the text is not parsed as markup, so it must be plain (bullets, "12.").
    """

    def __init__(self, text: str, style):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        super().__init__()
        self.text, self.style = text, style
        self.width = stringWidth(text, style.fontName, style.fontSize)
        self.height = style.leading

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def getActualLineWidths0(self) -> list[float]:
        return [self.width]

    def draw(self):
        c, style = self.canv, self.style
        c.saveState()
        c.setFillColor(style.textColor)
        text = c.beginText(0, self.height - style.fontSize)  # the baseline of a Paragraph's line
        text.setFont(style.fontName, style.fontSize, style.leading)
        text.textLine(self.text + " ")  # the space every paragraph line ends in: "1. Call", not "1.Call"
        c.drawText(text)
        c.restoreState()


class RunsLines(Flowable):
    """A short paragraph already broken into lines of (font, text) runs: drawn as ReportLab
    draws that paragraph, marked as the content of ``node``.

    Why: a help-box line with its phone number in bold made ReportLab parse, measure and draw
    it word by word as a mixed-font paragraph, which cost more than the rest of the box. Risk:
    only for lines whose runs are plain text whose breaks are certain (see
    layout.StoryBuilder.help_line_runs).
    """

    def __init__(self, lines: list[list[tuple[str, str]]], style, node: Node, tracker: Tracker):
        super().__init__()
        self.lines, self.style, self.node, self.tracker = lines, style, node, tracker

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.style.leading * len(self.lines)
        return self.width, self.height

    def draw(self):
        c, style = self.canv, self.style
        c.saveState()
        c.mark_next_text(self.tracker, self.node)
        text = c.beginText(0, self.height - style.fontSize)  # where a Paragraph puts its first baseline
        text.setLeading(style.leading)
        text.setFillColor(style.textColor)
        for line in self.lines:
            for i, (font, run) in enumerate(line):
                text.setFont(font, style.fontSize, style.leading)
                if i < len(line) - 1:
                    text.textOut(run)
                else:
                    text.textLine(run + " ")  # the space every paragraph line ends in
        c.drawText(text)
        c.restoreState()
        self.tracker.drawn.append((c.getPageNumber() - 1, self.node, 0))


class ListItem(Flowable):
    """One list item: its label (bullet or number) hanging before a body that may split.

    "Before" is the left for left-to-right text and the right for right-to-left text (``rtl``),
    where readers' eyes start each line.
    """

    def __init__(self, label: Paragraph | None, body: TaggedParagraph, indent: float,
                 label_node: Node | None, tracker: Tracker, space_after: float, rtl: bool = False):
        super().__init__()
        self.label, self.body, self.indent = label, body, indent
        self.label_node, self.tracker = label_node, tracker
        self.spaceAfter = space_after
        self.rtl = rtl

    def wrap(self, availWidth, availHeight):
        self._aw = availWidth
        _, h = self.body.wrap(availWidth - self.indent, availHeight)
        if self.label is not None:
            self.label.wrap(self.indent, availHeight)
        self.width, self.height = availWidth, h
        return self.width, self.height

    def split(self, availWidth, availHeight):
        parts = self.body.split(availWidth - self.indent, availHeight)
        if len(parts) < 2:
            return []
        first = ListItem(self.label, parts[0], self.indent, self.label_node, self.tracker, 0, self.rtl)
        rest = [ListItem(None, p, self.indent, None, self.tracker, self.spaceAfter, self.rtl) for p in parts[1:]]
        return [first] + rest

    def draw(self):
        if self.label is not None:
            top = self.height - self.label.height
            with self.tracker.marked(self.canv, self.label_node):
                at = self.width - max(self.label.getActualLineWidths0() or [0]) if self.rtl else 0
                self.label.drawOn(self.canv, at, top)
        self.body.drawOn(self.canv, 0 if self.rtl else self.indent, 0)


class HelpBoxFlowable(Flowable):
    """The help box: a thick border (an artifact) around its paragraphs; never split if it fits.

    Only a box taller than a whole page is split, between its lines, since it cannot be printed
    otherwise.
    """

    def __init__(self, paras: list[TaggedParagraph], border: float, padding: float, gap: float,
                 frame_height: float, space_before: float, space_after: float):
        super().__init__()
        self.paras, self.border, self.padding, self.gap = paras, border, padding, gap
        self.frame_height = frame_height
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def _inset(self) -> float:
        return self.border + self.padding

    def wrap(self, availWidth, availHeight):
        inner = availWidth - 2 * self._inset()
        self._heights = [p.wrap(inner, 1e6)[1] for p in self.paras]
        self.width = availWidth
        self.height = sum(self._heights) + self.gap * (len(self.paras) - 1) + 2 * self._inset()
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= self.frame_height or len(self.paras) < 2:
            return []  # move whole to the next page
        used, n = 2 * self._inset(), 0
        for h in self._heights:
            if used + h > availHeight:
                break
            used += h + self.gap
            n += 1
        if n == 0:
            return []
        kw = dict(border=self.border, padding=self.padding, gap=self.gap,
                  frame_height=self.frame_height)
        return [HelpBoxFlowable(self.paras[:n], space_before=self.spaceBefore, space_after=0, **kw),
                HelpBoxFlowable(self.paras[n:], space_before=0, space_after=self.spaceAfter, **kw)]

    def draw(self):
        c = self.canv
        half = self.border / 2
        with artifact(c, "Layout"):
            c.saveState()
            c.setStrokeGray(0)
            c.setLineWidth(self.border)
            c.rect(half, half, self.width - self.border, self.height - self.border, stroke=1, fill=0)
            c.restoreState()
        y = self.height - self._inset()
        for p, h in zip(self.paras, self._heights):
            y -= h
            p.drawOn(c, self._inset(), y)
            y -= self.gap


class QRCode(Flowable):
    """A QR code drawn straight onto the canvas as one filled path.

    ReportLab's QrCodeWidget encodes the data twice (once to size itself, once to draw) and
    builds a shape object per dark run; encoding once and drawing runs directly is much cheaper. The 4-module white quiet zone that phones need is
    part of ``side``.
    """

    def __init__(self, data: str, side: float):
        from reportlab.graphics.barcode import qrencoder

        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(data)
        qr.make()
        self.modules = [[bool(m) for m in row] for row in qr.modules]
        self.width = self.height = side

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        import itertools

        # Module units under one scaling matrix: integer rectangles format fast and stay exact.
        n = len(self.modules)
        box = self.width / (n + 8)
        ops = [f"q 0 g {box:.4f} 0 0 {box:.4f} 0 0 cm"]
        for r, row in enumerate(self.modules):
            c, y = 4, n + 3 - r
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    ops.append(f"{c} {y} {count} 1 re")
                c += count
        ops.append("f Q")
        self.canv.addLiteral("\n".join(ops))
