"""The talking books' text: the article as XHTML, each spoken sentence in an element of its own.

Shared by the EPUB 3 book (:mod:`bulletin.epub`) and the DAISY 2.02 book (:mod:`bulletin.daisy`).
Every piece of text the voice reads carries the id the spoken script gave it
(:mod:`bulletin.anchors`), so a book can pair it with its clip of the recording; where a page
of the large-print handout begins, a page marker stands, so a reader can follow "page 2" with a
group holding the paper copies. The text is what the handout prints: headline, deck, byline,
credit and date, headings, paragraphs, lists, quotes, pictures by their description, and the
help box. Every piece of article text is escaped: the article is untrusted.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape

from . import anchors
from .article import Article, HelpBox, Heading, Image, ListBlock, Paragraph, Quote, Span, unhandled
from .sentences import sentence_bounds

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(s: str) -> str:
    """Escaped for XML text and attributes, without the characters XML 1.0 cannot carry."""
    return escape(_NOT_XML.sub("", s), quote=True)


def lang_attrs(lang: str | None) -> str:
    """``lang`` and ``xml:lang`` (XHTML wants both, equal) for a passage in another language."""
    return f' lang="{text(lang)}" xml:lang="{text(lang)}"' if lang else ""


@dataclass(frozen=True)
class Flavour:
    """What differs between the two books' XHTML."""

    html5: bool
    """EPUB 3 (XHTML5: section, epub:type with ARIA roles) or DAISY 2.02 (XHTML 1.0: div)."""

    def page_marker(self, number: int, page_id: str) -> str:
        if self.html5:
            return (f'<span id="{page_id}" epub:type="pagebreak" role="doc-pagebreak" '
                    f'aria-label="{number}"></span>')
        return f'<span class="page-normal" id="{page_id}">{number}</span>'

    def section(self, cls: str, label_id: str) -> tuple[str, str]:
        if self.html5:
            return f'<section class="{cls}" aria-labelledby="{label_id}">', "</section>"
        return f'<div class="{cls}">', "</div>"


EPUB = Flavour(html5=True)
DAISY = Flavour(html5=False)


@dataclass(frozen=True)
class Item:
    """One thing in the text, in reading order."""

    kind: str
    """``heading`` (``level``, ``label``), ``sentence`` or ``page`` (``number``)."""
    id: str
    level: int = 0
    label: str = ""
    number: int = 0


@dataclass
class BookText:
    """The article's XHTML body and what sits in it, in reading order."""

    body: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def headings(self) -> list[Item]:
        return [i for i in self.items if i.kind == "heading"]

    @property
    def pages(self) -> list[Item]:
        return [i for i in self.items if i.kind == "page"]

    @property
    def sentence_ids(self) -> set[str]:
        return {i.id for i in self.items if i.kind in ("sentence", "heading")}


class _Writer:
    def __init__(self, flavour: Flavour, breaks: dict[tuple[int, int], list[tuple[int, int]]]):
        self.flavour = flavour
        self.out: list[str] = []
        self.items: list[Item] = []
        self.breaks = breaks
        """(block, part) -> [(offset, page number)] of the page markers inside that part."""

    def page(self, number: int) -> str:
        page_id = f"page{number}"
        self.items.append(Item("page", page_id, number=number))
        return self.flavour.page_marker(number, page_id)

    def pages_before(self, where: tuple[int, int]) -> None:
        """Page markers that stand before a part, between blocks."""
        for _, number in [b for b in self.breaks.get(where, []) if b[0] == 0]:
            self.out.append(self.page(number))
        self.breaks[where] = [b for b in self.breaks.get(where, []) if b[0] != 0]

    def heading(self, level: int, anchor: str, label: str, lang: str | None = None,
                cls: str = "") -> None:
        self.items.append(Item("heading", anchor, level=level, label=" ".join(label.split())))
        c = f' class="{cls}"' if cls else ""
        self.out.append(f'<h{level} id="{anchor}"{c}{lang_attrs(lang)}>{text(label)}</h{level}>')

    def inline(self, s: str, spans: tuple[Span, ...] = (), prefix: str | None = None,
               where: tuple[int, int] | None = None, whole: str | None = None,
               runs_of: Paragraph | None = None) -> str:
        """Running text with its links, emphasis and language runs, each spoken sentence in a
        ``<span id>`` (``prefix``: sentences ``prefix`` + s0, s1 …; ``whole``: the text is one
        spoken piece with that id), and the page markers that fall inside it. ``runs_of``: the
        paragraph the script speaks run by run (each passage in another language on its own), so
        no sentence crosses a run's edge; None where it is said whole (an ordered list's item,
        said with its number)."""
        n = len(s)
        ok = [sp for sp in spans if 0 <= sp.start < sp.end <= n]
        cuts = run_edges(runs_of) if runs_of is not None else []
        if whole is not None:
            sent = [(0, n, whole)] if s.strip() else []
        elif prefix is not None:
            sent = [(a, b, anchors.sentence(prefix, j)) for j, (a, b) in enumerate(sentence_bounds(s, cuts))]
        else:
            sent = []
        marks = self.breaks.pop(where, []) if where else []
        elements = []  # (start, end, open, close)
        link_end = -1
        for sp in sorted(ok, key=lambda sp: (sp.start, -sp.end)):
            if sp.kind == "strong":
                elements.append((sp.start, sp.end, "<strong>", "</strong>"))
            elif sp.kind == "link":
                from .web.links import safe_href

                href = safe_href(sp.href)
                if href and sp.start >= link_end:  # a link inside a link is not HTML: the first wins
                    elements.append((sp.start, sp.end, f'<a href="{text(href)}">', "</a>"))
                    link_end = sp.end
            elif sp.kind == "lang" and getattr(sp, "lang", None):
                elements.append((sp.start, sp.end, f"<span{lang_attrs(sp.lang)}>", "</span>"))
        bounds = sorted({0, n} | {x for a, b, _ in sent for x in (a, b)}
                        | {x for a, b, _, _ in elements for x in (a, b)}
                        | {min(max(o, 0), n) for o, _ in marks})
        out: list[str] = []
        open_sentence: str | None = None
        stack: list[tuple] = []
        starts = [a for a, _, _ in sent]
        for x, y in zip(bounds, bounds[1:] + [None]):
            at = bisect.bisect_right(starts, x) - 1
            sentence = sent[at][2] if y is not None and at >= 0 and y <= sent[at][1] else None
            want = [e for e in elements if y is not None and e[0] <= x and y <= e[1]]
            keep = 0 if sentence != open_sentence else next(
                (k for k, (p, q) in enumerate(zip(stack, want)) if p is not q), min(len(stack), len(want)))
            while len(stack) > keep:
                out.append(stack.pop()[3])
            if sentence != open_sentence and open_sentence is not None:
                out.append("</span>")
                open_sentence = None
            for off, num in marks:
                if min(max(off, 0), n) == x:
                    out.append(self.page(num))
            if y is None:
                break
            if sentence != open_sentence:
                out.append(f'<span id="{sentence}">')
                self.items.append(Item("sentence", sentence))
                open_sentence = sentence
            for e in want[len(stack):]:
                out.append(e[2])
                stack.append(e)
            out.append(text(s[x:y]))
        return "".join(out)


def book_text(article: Article, flavour: Flavour, page_starts=(), picture_label: str = "Picture:",
              no_description: str = "") -> BookText:
    """The article as the body of one XHTML document (see the module's docstring).

    ``page_starts`` is the handout's fact (one (block, part, offset) per page); none: no markers.
    """
    from .handout.layout import byline_text
    from .i18n import format_date

    breaks: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for number, start in enumerate(page_starts, 1):
        block, part, offset = start
        key = (max(-1, min(block, len(article.blocks))), part if 0 <= block < len(article.blocks) else 0)
        breaks.setdefault(key, []).append((offset if 0 <= block < len(article.blocks) else 0, number))
    w = _Writer(flavour, breaks)
    o = w.out
    w.pages_before((-1, 0))
    w.heading(1, anchors.TITLE, article.title, cls="title")
    if article.subtitle:
        o.append(f'<p class="deck">{w.inline(article.subtitle, prefix=anchors.SUBTITLE)}</p>')
    meta = []
    if article.byline:
        meta.append(f'<span id="{anchors.BYLINE}">{text(byline_text(article.byline, article.language))}</span>')
        w.items.append(Item("sentence", anchors.BYLINE))
    if article.credit:
        meta.append(f'<span id="{anchors.CREDIT}">{text(article.credit)}</span>')
        w.items.append(Item("sentence", anchors.CREDIT))
    if article.date:
        meta.append(f'<span id="{anchors.DATE}">{text(format_date(article.date, article.language))}</span>')
        w.items.append(Item("sentence", anchors.DATE))
    if meta:
        o.append(f'<p class="meta">{" · ".join(meta)}</p>')
    level = 1
    for i, b in enumerate(article.blocks):
        lang = getattr(b, "lang", None)
        w.pages_before((i, 0))
        if isinstance(b, Heading):
            level = max(2, min(b.level, level + 1, 6))
            w.heading(level, anchors.block(i), b.text, lang)
        elif isinstance(b, Paragraph):
            o.append(f'<p{lang_attrs(lang)}>{w.inline(b.text, b.spans, anchors.block(i), (i, 0), runs_of=b)}</p>')
        elif isinstance(b, ListBlock):
            tag = "ol" if b.ordered else "ul"
            start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
            o.append(f"<{tag}{start}>")
            for k, it in enumerate(b.items):
                body = w.inline(it.text, it.spans, anchors.item(i, k), (i, k),
                                runs_of=None if b.ordered else it)
                o.append(f"<li{lang_attrs(getattr(it, 'lang', None))}>{body}</li>")
            o.append(f"</{tag}>")
        elif isinstance(b, Quote):
            o.append("<blockquote>")
            for k, p in enumerate(b.paragraphs):
                body = w.inline(p.text, p.spans, anchors.quote_paragraph(i, k), (i, k), runs_of=p)
                o.append(f"<p{lang_attrs(getattr(p, 'lang', None))}>{body}</p>")
            if b.attribution:
                k = len(b.paragraphs)
                body = w.inline(b.attribution, whole=anchors.attribution(i), where=(i, k))
                o.append(f'<p class="attribution">\u2014 {body}</p>')
            o.append("</blockquote>")
        elif isinstance(b, HelpBox):
            head, tail = flavour.section("helpbox", anchors.help_title(i))
            o.append(head)
            w.heading(2, anchors.help_title(i), b.title)
            level = 2
            for k, line in enumerate(b.lines):
                body = w.inline(line.text, help_spans(line), anchors.help_line(i, k), (i, k + 1))
                o.append(f"<p>{body}</p>")
            o.append(tail)
        elif isinstance(b, Image):
            alt = b.alt.strip()
            shown = f"<strong>{text(picture_label)}</strong> {text(alt or no_description)}"
            parts = [f'<span id="{anchors.image_alt(i)}">{shown}</span>' if alt else shown]
            if alt:
                w.items.append(Item("sentence", anchors.image_alt(i)))
            if b.caption and b.caption.strip():
                parts.append(f'<span id="{anchors.image_caption(i)}">{text(b.caption)}</span>')
                w.items.append(Item("sentence", anchors.image_caption(i)))
            o.append(f'<p class="picture">{" ".join(parts)}</p>')
        else:
            unhandled(b)
        for key in [k for k in w.breaks if k[0] == i]:  # markers inside parts that drew nothing
            o.extend(w.page(num) for _, num in w.breaks.pop(key))
    rest = sorted(num for key in list(w.breaks) for _, num in w.breaks.pop(key))
    o.extend(w.page(num) for num in rest)
    return BookText("\n".join(o), w.items)


def run_edges(p: Paragraph) -> list[int]:
    """Where the spoken script cuts a paragraph into runs of one language each
    (:func:`bulletin.speech.script.language_runs`), as offsets in its text."""
    from .speech.script import language_runs

    edges, pos = [], 0
    for piece, _ in language_runs(p):
        at = p.text.find(piece, pos)
        if at < 0:
            continue
        edges += [at, at + len(piece)]
        pos = at + len(piece)
    return edges


def help_spans(line) -> tuple[Span, ...]:
    """A help line's phone number, text code and web address: bold; the number and the address
    also links a reading app can follow (not the text code: EPUBCheck warns on ``sms:``)."""
    from .web.links import safe_href, tel_href

    out: list[Span] = []
    taken: list[tuple[int, int]] = []
    for found, href in ((line.phone, tel_href(line.phone) if line.phone else None),
                        (line.sms, None),
                        (line.url, safe_href(line.url))):
        if not found:
            continue
        at = line.text.find(found)
        if at < 0 or any(at < e and s < at + len(found) for s, e in taken):
            continue
        taken.append((at, at + len(found)))
        out.append(Span(at, at + len(found), "strong"))
        if href:
            out.append(Span(at, at + len(found), "link", href))
    return tuple(out)
