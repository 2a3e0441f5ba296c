"""The large-print page: sizes, margins, running header, page numbers, and the story of blocks.

Numbers follow ../shared/design/large-print.md: 18 pt body (or larger), every other text at
least the body size, 1 inch margins, one flush-left column, line spacing 1.4, a blank line
between paragraphs, bold headings kept with what follows, no widows or orphans.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from ..article import Article, HelpBox, Heading, Image, ListBlock, Paragraph, Quote, Span, unhandled
from . import fonts
from .flowables import HelpBoxFlowable, Label, ListItem, QRCode, RunsLines, TaggedFigure, TaggedParagraph
from .shaped import base_direction, needs_layout
from .markup import MarkupContext, help_line_markup, paragraph_markup, stacked_markup, text_markup
from .tagging import Node, Tracker, artifact

PAPERS = {"letter": LETTER, "a4": A4}
MARGIN = 1 * inch
LEADING = 1.4
#: The least line spacing large-print guidance allows (1.15-1.5, ACB and RNIB).
MIN_LEADING = 1.15


@dataclass(frozen=True)
class Spacing:
    """How loosely lines and paragraphs are set. The text size never changes with it."""

    leading: float = LEADING
    """Distance between baselines, in body sizes."""
    gap: float = 1.0
    """Space after a paragraph (and the spaces around headings and list items), in body sizes."""


#: Spacings the handout may be set in, loosest (the usual) first. The tighter ones are only used
#: when they save a page that would otherwise hold a line or two (see :func:`..render_pdf`); the
#: tightest keeps line spacing above MIN_LEADING and a clear gap between paragraphs.
SPACINGS = (Spacing(), Spacing(1.3, 0.8), Spacing(1.2, 0.7), Spacing(MIN_LEADING, 0.65))
#: A last page whose text is at most this many body lines high is near-empty.
NEAR_EMPTY_LINES = 3


@dataclass(frozen=True)
class Page:
    """Geometry of one page of the handout, for a paper and body size."""

    width: float
    height: float
    size: float
    """Body text size in points; every text on the page is at least this big."""

    @property
    def header_baseline(self) -> float:
        # Tops of the header's capitals sit just inside the 1/2 inch no-mark zone plus a little.
        return self.height - 0.6 * inch - self.size

    @property
    def rule_y(self) -> float:
        return self.header_baseline - 0.45 * self.size

    @property
    def frame_top(self) -> float:
        return min(self.height - MARGIN, self.rule_y - 0.5 * self.size)

    @property
    def footer_baseline(self) -> float:
        return 0.5 * inch + 0.6 * self.size

    @property
    def frame_bottom(self) -> float:
        return max(MARGIN, self.footer_baseline + 1.6 * self.size)

    @property
    def column(self) -> float:
        return self.width - 2 * MARGIN


@dataclass
class Styles:
    """Paragraph styles at one body size."""

    body: ParagraphStyle
    title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    item: ParagraphStyle
    label: ParagraphStyle
    quote: ParagraphStyle
    box_title: ParagraphStyle
    box_line: ParagraphStyle
    caption: ParagraphStyle


def make_styles(size: float, spacing: Spacing = Spacing()) -> Styles:
    k = size / 18
    gap = size * spacing.gap
    common = dict(fontName=fonts.REGULAR, alignment=TA_LEFT, allowWidows=0, allowOrphans=0,
                  splitLongWords=0, hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0,
                  textColor="black")
    body = ParagraphStyle("body", fontSize=size, leading=size * max(MIN_LEADING, spacing.leading),
                          spaceAfter=gap, **common)

    def heading(name: str, pt: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, fontName=fonts.BOLD, fontSize=pt, leading=pt * 1.25,
                              spaceBefore=before, spaceAfter=gap * 0.5, keepWithNext=1)

    return Styles(
        body=body,
        title=heading("title", round(30 * k), 0),
        h2=heading("h2", round(22 * k), gap * 0.5),
        h3=heading("h3", round(20 * k), gap * 0.3),
        item=ParagraphStyle("item", parent=body, spaceAfter=gap * 0.5),
        label=ParagraphStyle("label", parent=body, spaceAfter=0),
        quote=ParagraphStyle("quote", parent=body, leftIndent=size * 1.5),
        box_title=ParagraphStyle("box_title", parent=body, fontName=fonts.BOLD,
                                 fontSize=round(22 * k), leading=round(22 * k) * 1.25, spaceAfter=0),
        box_line=ParagraphStyle("box_line", parent=body, spaceAfter=0),
        caption=ParagraphStyle("caption", parent=body, spaceAfter=0),
    )


def format_date(d: _dt.date, language: str) -> str:
    """The date as readers of the language write it (pattern and month names from the catalogue)."""
    from ..i18n import format_date as catalogue_date

    return catalogue_date(d, language)


@dataclass
class StoryBuilder:
    """Turns an article into flowables and their structure elements, in reading order."""

    article: Article
    styles: Styles
    page: Page
    ctx: MarkupContext
    tracker: Tracker = field(default_factory=Tracker)
    last_level: int = 1
    story: list = field(default_factory=list)

    def para(self, markup: str, style, node: Node, bar=None) -> TaggedParagraph:
        p = TaggedParagraph.make(markup, style, node, self.tracker, bar)
        self.story.append(p)
        return p

    def heading_level(self, level: int) -> int:
        """Clamp to 2..6 and never skip a level going down (PDF/UA reads the outline)."""
        level = max(2, min(6, level, self.last_level + 1))
        self.last_level = level
        return level

    def head(self) -> None:
        a, s = self.article, self.styles
        self.para(text_markup(a.title, self.ctx, style=s.title), s.title, self.tracker.root.add("H1"))
        if a.subtitle:
            self.para(text_markup(a.subtitle, self.ctx), s.body, self.tracker.root.add("P"))
        credit = []
        if a.byline:
            credit.append(byline_text(a.byline, a.language))
        if a.credit:
            credit.append(a.credit)
        if a.date:
            credit.append(format_date(a.date, a.language))
        if credit:
            self.para(text_markup(" \u00b7 ".join(credit), self.ctx), s.body, self.tracker.root.add("P"))

    def block(self, b) -> None:
        s, root = self.styles, self.tracker.root
        self.ctx.line_width = self.page.column
        if isinstance(b, Heading):
            level = self.heading_level(b.level)
            style = s.h2 if level == 2 else s.h3
            self.para(text_markup(b.text, self.ctx, style=style), style, root.add(f"H{level}", lang=b.lang))
        elif isinstance(b, Paragraph):
            self.para(paragraph_markup(b, self.ctx), s.body, root.add("P", lang=b.lang))
        elif isinstance(b, ListBlock):
            self.list_block(b, root)
        elif isinstance(b, Quote):
            self.ctx.line_width = self.page.column - s.quote.leftIndent
            quote = root.add("BlockQuote")
            bar = (self.page.size * 0.7, max(3.0, self.page.size * 0.2))
            for p in b.paragraphs:
                self.para(paragraph_markup(p, self.ctx), s.quote, quote.add("P", lang=p.lang), bar)
            if b.attribution:
                self.para(text_markup("\u2014 " + b.attribution, self.ctx), s.quote, quote.add("P"), bar)
        elif isinstance(b, HelpBox):
            self.help_box(b, root)
        elif isinstance(b, Image):
            # Pictures are never fetched: their description is printed in their place.
            from ..i18n import t

            lang = self.article.language
            label = t(lang, "handout.picture")
            text = " ".join([label, b.alt.strip() or t(lang, "handout.no_description")]
                            + ([b.caption] if b.caption else []))
            markup = paragraph_markup(Paragraph(text, (Span(0, len(label), "strong"),)), self.ctx)
            self.para(markup, s.body, root.add("P"))
        else:
            unhandled(b)

    def list_block(self, b: ListBlock, root: Node) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        s, size = self.styles, self.page.size
        lst = root.add("L")
        labels = [f"{n}." if b.ordered else "\u2022" for n in range(b.start, b.start + len(b.items))]
        widest = max(stringWidth(lb, fonts.REGULAR, size) for lb in labels)
        indent = max(size * 1.4, widest + size * 0.7)
        self.ctx.line_width = self.page.column - indent
        for i, (item, label) in enumerate(zip(b.items, labels)):
            li = lst.add("LI", lang=item.lang)
            lbl, lbody = li.add("Lbl"), li.add("LBody")
            last = i == len(b.items) - 1
            body = TaggedParagraph.make(paragraph_markup(item, self.ctx), s.label, lbody, self.tracker)
            self.story.append(ListItem(Label(label, s.label), body, indent, lbl, self.tracker,
                                       s.body.spaceAfter if last else s.item.spaceAfter,
                                       rtl=base_direction(item.text) == "rtl"))

    def help_box(self, b: HelpBox, root: Node) -> None:
        s, size = self.styles, self.page.size
        border = max(3.0, size / 6)
        self.ctx.line_width = self.page.column - 2 * (border + size)
        sect = root.add("Sect")
        paras = [TaggedParagraph.make(text_markup(b.title, self.ctx, style=s.box_title), s.box_title, sect.add("H2"),
                                      self.tracker)]
        self.last_level = 2
        for line in b.lines:
            lines = self.help_line_runs(line, s.box_line)
            paras.append(RunsLines(lines, s.box_line, sect.add("P"), self.tracker) if lines else
                         TaggedParagraph.make(help_line_markup(line, self.ctx), s.box_line, sect.add("P"),
                                              self.tracker))
        self.story.append(HelpBoxFlowable(
            paras, border=border, padding=size, gap=size * 0.5,
            frame_height=self.page.frame_top - self.page.frame_bottom,
            space_before=size * 0.5, space_after=size))

    def help_line_runs(self, line, style) -> list[list[tuple[str, str]]] | None:
        """Lines of (font, text) runs for a help line that is plain Atkinson text ending in its
        bold number: one line when it all fits, else the text, then the number on a line of its
        own, as ReportLab would break it. None for any other line (it is set as a paragraph)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from ..helplines import URL

        text, number = line.text, line.phone or line.sms
        if not number or (line.phone and line.sms) or line.url or URL.search(text) or not text.endswith(number) \
                or text != " ".join(text.split()) or text.find(number) != len(text) - len(number):
            return None
        head = text[:-len(number)]
        if not head.endswith(" ") or not set(map(ord, text)) <= self.ctx.fontset.primary \
                or any(map(fonts.script_of, set(text))) or needs_layout(text):
            return None
        size, room = style.fontSize, self.ctx.line_width
        head_width, number_width = stringWidth(head, style.fontName, size), stringWidth(number, fonts.BOLD, size)
        if head_width + number_width <= room:
            return [[(style.fontName, head), (fonts.BOLD, number)]]
        if head_width <= room and number_width <= room:
            return [[(style.fontName, head.rstrip())], [(fonts.BOLD, number)]]
        return None

    def qr_code(self, url: str, leads_to: str) -> None:
        s = self.styles
        self.ctx.line_width = self.page.column
        drawing = QRCode(url, 1.75 * inch)
        sect = self.tracker.root.add("Sect")
        from ..i18n import catalogue_for, t

        lang = self.article.language
        alt = (f"QR code that opens {leads_to}: {url}" if catalogue_for(lang) == "en"
               else t(lang, "handout.qr_alt", url=url))
        key = "handout.qr_listen" if leads_to == "listen to this bulletin" else "handout.qr_online"
        fig = TaggedFigure(drawing, sect.add("Figure", alt=alt),
                           self.tracker)
        fig.spaceBefore = self.page.size * 0.5
        fig.spaceAfter = self.page.size * 0.5
        caption = TaggedParagraph.make(
            stacked_markup([Paragraph(t(lang, key)), Paragraph(url, (Span(0, len(url), "link", url),))],
                           self.ctx), s.caption, sect.add("P"), self.tracker)
        from reportlab.platypus import KeepTogether

        self.story.append(KeepTogether([fig, caption]))

    def logo(self, path, organisation: str) -> str | None:
        """Put the organisation's logo first; returns a warning if it cannot be read."""
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image as RLImage

        try:
            iw, ih = ImageReader(str(path)).getSize()
        except Exception as e:  # noqa: BLE001 - any unreadable picture is just left out
            return f"logo {path} could not be read and was left out: {e}"
        h = 0.9 * inch
        w = min(self.page.column, h * iw / ih)
        h = w * ih / iw
        node = self.tracker.root.add("Figure", alt=f"Logo of {organisation}")
        fig = TaggedFigure(RLImage(str(path), width=w, height=h), node, self.tracker)
        fig.hAlign = "LEFT"
        fig.spaceAfter = self.page.size * 0.5
        self.story.append(fig)
        return None


def byline_text(byline: str, language: str) -> str:
    """"Ana Ruiz" -> "By Ana Ruiz" in the article's language; a byline that has its word stays."""
    from ..i18n import t

    word = t(language, "handout.by", name="").strip()
    if byline.lower().startswith(("by ", word.lower() + " ")) or not word:
        return byline
    return t(language, "handout.by", name=byline)


def header_text(organisation: str, date: _dt.date | None, language: str,
                credit: str | None = None) -> tuple[str, str]:
    """(left, right) of the running header: the organisation (else the article's credit), the date.

    Why the credit: without a settings file there is no organisation, and the header was a rule
    with nothing above it. With neither, both are empty and no header is drawn.
    """
    return organisation or credit or "", format_date(date, language) if date else ""


def fit(text: str, fontset, size: float, width: float) -> str:
    """Cut a running header that does not fit with an ellipsis: it is never shrunk."""
    from . import label_runs

    if label_runs.width(text, fontset, size, bold=True) <= width:
        return text
    while text and label_runs.width(text + "\u2026", fontset, size, bold=True) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def draw_header(canvas, page: Page, left: str, right: str, fontset) -> None:
    from . import label_runs

    size = page.size
    if not left and not right:
        return  # nothing to head the page with: no bare rule either
    canvas.saveState()
    with artifact(canvas, "Pagination", "Header"):
        canvas.setFillGray(0)
        right_w = label_runs.width(right, fontset, size) if right else 0
        room = page.column - (right_w + size if right else 0)
        if right and label_runs.width(left, fontset, size, bold=True) > room:
            right, room = "", page.column  # organisation first; the date is also under the title
        label_runs.draw(canvas, MARGIN, page.header_baseline, fit(left, fontset, size, room), fontset, size, bold=True)
        if right:
            label_runs.draw(canvas, page.width - MARGIN, page.header_baseline, right, fontset, size, right=True)
        canvas.setStrokeGray(0)
        canvas.setLineWidth(1.5)
        canvas.line(MARGIN, page.rule_y, page.width - MARGIN, page.rule_y)
    canvas.restoreState()


class RunningHeader:
    """The running header as a page template's ``onPage``: laid out once, then repeated.

    Why: it is the same on every page, and fitting, measuring and cutting it into font runs
    again on each page cost more than drawing a paragraph. Risk: replays the content-stream
    operators ReportLab wrote for the first page (its private ``_code`` list); the header draws
    no marked content, links or images, whose operators would need page-specific state.
    """

    def __init__(self, page: Page, left: str, right: str, fontset):
        self.page, self.left, self.right, self.fontset = page, left, right, fontset
        self.ops: list[str] | None = None

    def __call__(self, canvas, doc=None) -> None:
        if self.ops is not None:
            canvas._code.extend(self.ops)
            return
        start = len(canvas._code)
        draw_header(canvas, self.page, self.left, self.right, self.fontset)
        self.ops = canvas._code[start:]


def draw_footer(canvas, page: Page, number: int, total: int, label: str, fontset) -> None:
    """``label`` is the page-number message, e.g. "Página {number} de {total}"."""
    from . import label_runs

    canvas.saveState()
    with artifact(canvas, "Pagination", "Footer"):
        canvas.setFillGray(0)
        label_runs.draw(canvas, MARGIN, page.footer_baseline, label.format(number=number, total=total),
                  fontset, page.size)
    canvas.restoreState()


def page_words(language: str) -> str:
    """The page-number label of the message catalogue, e.g. "Page {number} of {total}"."""
    from ..i18n import t

    return t(language, "handout.page")
