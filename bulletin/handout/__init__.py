"""The large-print handout: a tagged PDF/UA-1 file laid out for low-vision readers.

``write_handout`` is the whole interface: the pipeline calls it with the article, the build
settings and the organisation's settings, and shows the warnings it returns.
"""
from __future__ import annotations

import datetime as _dt
import functools
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from ..settings import SIZES, Settings
from ..errors import BuildError, InputError
from ..fileio import atomic_path

__all__ = ["write_handout", "check_fonts"]


def build_date(article: Article, settings: Settings) -> _dt.datetime:
    """The PDF's creation date: fixed, so the same input gives the same bytes.

    The article's date first, then SOURCE_DATE_EPOCH (reproducible-builds convention), then
    today at midnight UTC (or 2000-01-01 with --deterministic).
    """
    if article.date:
        return _dt.datetime(article.date.year, article.date.month, article.date.day, tzinfo=_dt.timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
    if settings.deterministic:
        return _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
    today = _dt.datetime.now(_dt.timezone.utc).date()
    return _dt.datetime(today.year, today.month, today.day, tzinfo=_dt.timezone.utc)


def qr_target(settings: Settings) -> tuple[str, str] | None:
    """(address, what it leads to) for the QR code, or None when no address is known."""
    if settings.audio_url:
        return settings.audio_url, "listen to this bulletin"
    base = settings.base_url
    if base:
        return base, "read and listen to the bulletins online"
    return None


def render_pdf(article: Article, settings: Settings, *,
               design=None) -> tuple[bytes, list[str]]:
    """The finished, tagged PDF as bytes, and the warnings for the user (see :func:`lay_out`)."""
    made = lay_out(article, settings, design=design)
    return made.data, made.warnings


@dataclass(frozen=True)
class Handout:
    """A laid-out handout."""

    data: bytes
    """The finished, tagged PDF."""
    warnings: list[str]
    pages: int
    page_starts: tuple = ()
    """Where each page begins in the article (:class:`.pagestarts.PageStart`, one per page)."""


def lay_out(article: Article, settings: Settings, *, design=None) -> Handout:
    """The finished, tagged PDF, the warnings for the user and the page count.

    ``design`` lays the same story out on other pages (the booklet's half-size pages, see
    booklet.PageDesign); None gives the full-size handout.

    When the last page would hold only a line or two, the story is set again with tighter line
    and paragraph spacing (never a smaller text, see layout.SPACINGS); the first setting that
    saves the page is kept. Why: that page costs a sheet on every copy printed for an event.
    """
    from . import layout

    if settings.paper not in layout.PAPERS:
        raise InputError(f"unknown paper size {settings.paper!r} (use letter or a4)")
    if settings.size not in SIZES:
        raise InputError(f"unknown text size {settings.size!r} (use 18, 20, 24 or 28)")
    first = best = _render(article, settings, design, layout.SPACINGS[0])
    for spacing in layout.SPACINGS[1:]:
        if not first.near_empty_end:
            break
        trial = _render(article, settings, design, spacing)
        if trial.pages < first.pages:
            best = trial
            break
    return Handout(best.data, best.warnings, best.pages, best.page_starts)


@dataclass
class _Rendered:
    data: bytes
    warnings: list[str]
    pages: int
    near_empty_end: bool
    """The last page (of several) holds no more than layout.NEAR_EMPTY_LINES lines' height."""
    page_starts: tuple = ()
    """Where each page begins in the article (see :class:`Handout`)."""


def _render(article: Article, settings: Settings, design, spacing) -> _Rendered:
    """The PDF set in ``spacing`` (see :func:`render_pdf`)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.doctemplate import LayoutError

    from . import fonts, layout, reportlab_patches, structure, tagging
    from .markup import MarkupContext

    size = settings.size
    width, height = layout.PAPERS[settings.paper]
    page = layout.Page(width, height, size) if design is None else design.page(settings.paper, size)
    width, height = page.width, page.height
    styles = layout.make_styles(size, spacing)
    if article.language.split("-")[0].lower() in ("zh", "ja"):
        for style in vars(styles).values():
            style.wordWrap = "CJK"  # no spaces between words: lines may break between characters
    fontset = fonts.load_for(needed_text(article, settings), article.language)
    ctx = MarkupContext(fontset, page.column, size, base_url=settings.base_url)
    builder = layout.StoryBuilder(article, styles, page, ctx)
    warnings: list[str] = []
    if settings.logo:
        note = builder.logo(settings.logo, settings.organisation)
        if note:
            warnings.append(note)
    builder.head()
    head = {id(n) for n in builder.tracker.root.kids}
    block_nodes = []
    for block in article.blocks:
        before = len(builder.tracker.root.kids)
        builder.block(block)
        block_nodes.append(builder.tracker.root.kids[before:])
    target = qr_target(settings)
    if target:
        builder.qr_code(*target)

    words = layout.page_words(article.language)
    from ..i18n import t

    publisher = settings.organisation or article.credit or ""
    subject = t(article.language, "handout.subject", organisation=publisher) if publisher else article.title
    header = layout.header_text(settings.organisation, article.date, article.language, article.credit)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=(width, height), leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
        topMargin=height - page.frame_top, bottomMargin=page.frame_bottom,
        title=article.title, author=article.byline or settings.organisation or article.credit or "",
        subject=article.subtitle or subject,
        creator="bulletin", lang=article.language, displayDocTitle=1, invariant=1,
        initialFontName=fonts.REGULAR, initialFontSize=size)
    frame = Frame(layout.MARGIN, page.frame_bottom, page.column, page.frame_top - page.frame_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=layout.RunningHeader(page, *header, fontset))]
                         if design is None else design.templates(page, header))
    footer = functools.partial(_footer if design is None else design.footer,
                               page=page, words=words, fontset=fontset)
    meta = structure.DocMeta(title=article.title, language=article.language,
                             author=article.byline or settings.organisation or article.credit or "",
                             subject=article.subtitle or subject,
                             date=build_date(article, settings))
    from .. import stage_timings

    def finish(document) -> None:
        with stage_timings.timed("tagging"):
            structure.write(document, builder.tracker, meta)

    try:
        with reportlab_patches.while_saving():
            doc.build(builder.story, canvasmaker=functools.partial(tagging.TaggedCanvas, footer=footer,
                                                                        tracker=builder.tracker, finish=finish))
    except LayoutError as e:
        raise BuildError(f"the handout could not be laid out at {size} pt: {e}") from None
    missing = ctx.missing | fontset.memo.get("missing", set())
    if missing:
        chars = " ".join(f"{c} (U+{ord(c):04X})" for c in sorted(missing))
        warnings.append(f"handout: no bundled font can draw {chars}; they print as a \ufffd mark "
                        "but stay in the text that screen readers read")
    for word in dict.fromkeys(ctx.split_words):
        shown = word if len(word) <= 60 else word[:40] + "…" + word[-10:]  # one readable line
        warnings.append(f"handout: {shown!r} is wider than a line and was broken between letters")
    from .pagestarts import owners, page_starts

    starts = page_starts(article, builder.tracker.drawn, doc.page,
                         owners(len(article.blocks), block_nodes), head)
    return _Rendered(out.getvalue(), warnings, doc.page, _near_empty_end(doc, styles.body), starts)


def _near_empty_end(doc, body) -> bool:
    """Whether the last of several pages holds no more than a few lines' height of the story.

    Risk: reads ReportLab's private frame position (``_y``, ``_y2``, ``_topPadding``); should a
    later ReportLab lack them, the answer is no and the handout is set as usual.
    """
    from . import layout

    frame = getattr(doc, "frame", None)
    try:
        used = frame._y2 - frame._topPadding - frame._y  # with the gap after the last paragraph
    except (AttributeError, TypeError):
        return False
    return doc.page > 1 and used <= layout.NEAR_EMPTY_LINES * body.leading + body.spaceAfter + 1


def _footer(canvas, number: int, total: int, *, page, words, fontset=None) -> None:
    from .layout import draw_footer

    draw_footer(canvas, page, number, total, words, fontset)


def needed_text(article: Article, settings: Settings) -> str:
    """Every character the handout may print: the article, the header and the interface text."""
    from ..article import article_text
    from ..i18n import keys, t

    from ..i18n import format_date

    return "\n".join([article_text(article), settings.organisation]
                     + [t(article.language, k) for k in keys() if k.startswith("handout.")]
                     + ([format_date(article.date, article.language)] if article.date else []))


def check_fonts(article: Article, settings: Settings) -> None:
    """Fail with one line naming what to install when a script in the article has no font."""
    from . import fonts

    fonts.load_for(needed_text(article, settings), article.language)


def write_handout(article: Article, settings: Settings, target_path: Path) -> list[str]:
    """Write the large-print PDF to ``target_path`` atomically; return warnings for the user."""
    return _save(lay_out(article, settings), Path(target_path)).warnings


def _save(made: Handout, target: Path) -> Handout:
    try:
        with atomic_path(target) as tmp:
            tmp.write_bytes(made.data)
    except OSError as e:
        raise BuildError(f"cannot write {target}: {e.strerror or e}") from None
    return made


def write(job) -> "Written":
    """The writer table's entry: ``<slug>-large-print.pdf``, and the booklet when asked."""
    from ..writers import Written

    target = job.path("-large-print.pdf")
    made = _save(lay_out(job.article, job.settings), target)
    files, warnings = {"pdf": target}, list(made.warnings)
    if job.settings.booklet:
        from .. import stage_timings
        from .booklet import write_booklet

        with stage_timings.timed("booklet"):
            booklet = write_booklet(job.article, job.settings, job.folder, job.slug,
                                    known=list(job.article.warnings) + warnings)
        files.update(booklet.files)
        warnings += booklet.warnings
    return Written(files=files, warnings=tuple(warnings),
                   facts={"pages": made.pages, "page_starts": made.page_starts})
