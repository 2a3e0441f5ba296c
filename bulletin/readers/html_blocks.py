"""A saved page's main content walked into the document model's blocks.

Block elements become blocks wherever they sit, even inside an inline element that wraps them
(a HubSpot ``<span>`` round a whole article); runs of inline text between them become
paragraphs with their spans (links, strong emphasis). Pictures keep their alt text only.
"""
from __future__ import annotations

import re

from ..article import Block, Heading, Image, ListBlock, Paragraph, Quote, Span
from . import clutter
from .dates import parse_date
from .spans import collapse, table_row

_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
           "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
           "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "img", "picture", "source"}
_STRONG = {"b", "strong"}


class Blocks:
    """Walks the main content's elements into blocks; inline runs become paragraphs."""

    def __init__(self, warnings: list[str], page_date: str | None = None):
        self.warnings = warnings
        self.page_date = parse_date(page_date) if page_date else None
        self.out: list[Block] = []
        self.unlabelled_images = 0
        self.described: set[tuple[str, str | None]] = set()

    def of(self, root) -> list[Block]:
        self._container(root)
        if self.unlabelled_images:
            self.warnings.append(f"left out {self.unlabelled_images} picture(s) with no description (alt text)")
        return self.out

    def _container(self, el) -> None:
        self._flush(self._contents(el, _Run()))

    def _contents(self, el, run: "_Run") -> "_Run":
        """Walks ``el``'s children into ``run``; returns the run still open at its end."""
        run.add_text(el.text)
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br" and run.ends_in_line_break():
                # Two line breaks in a row are a blank line: the paragraph break of pages typed
                # in a rich-text box (old blog editors, forums, tweets) that write no <p>.
                self._flush(run)
                run = _Run()
            elif tag in _INLINE and _holds_blocks(child):
                run = self._contents(child, run)
            elif tag in _INLINE:
                self._inline(child, run)
            else:
                self._flush(run)
                run = _Run()
                self._block(child, tag)
            run.add_text(child.tail)
        return run

    def _inline(self, el, run: "_Run") -> None:
        tag = el.tag.lower()
        if tag == "br":
            run.add_line_break()
            return
        if tag in ("img", "picture", "source"):
            self._image(el)
            return
        start = len(run.text)
        run.add_text(el.text)
        for child in el:  # all inline: a wrapper around blocks is walked by _contents instead
            if isinstance(child.tag, str):
                self._inline(child, run)
            run.add_text(child.tail)
        if tag == "a" and el.get("href") and not el.get("href", "").startswith(("#", "javascript:")):
            run.spans.append(Span(start, len(run.text), "link", el.get("href")))
        elif tag in _STRONG:
            run.spans.append(Span(start, len(run.text), "strong"))

    def _flush(self, run: "_Run") -> None:
        para = collapse(run.text, run.spans)
        if not para.text or not any(c.isalnum() for c in para.text):
            return
        kind = clutter.classify(para.text)
        if not kind and clutter.is_timestamp(para.text, bare=self._is_date_bar(para.text)):
            kind = "time stamp"
        if kind:
            self.warnings.append(clutter.warning(kind, para.text))
            return
        self.out.append(para)

    def _is_date_bar(self, text: str) -> bool:
        """A bare date above the story that is the page's own date (not, say, an event's)."""
        if self.page_date is None or parse_date(text) != self.page_date:
            return False
        return not any(isinstance(b, Paragraph) and len(b.text.split()) >= 8 for b in self.out)

    def _paragraph_of(self, el) -> Paragraph:
        run = _Run()
        saved, self.out = self.out, []
        self._container(el)
        inner, self.out = self.out, saved
        # Block children inside a list item or quote are joined into one paragraph.
        texts = [b for b in inner if isinstance(b, Paragraph)]
        images = [b for b in inner if isinstance(b, Image)]
        self.out += images
        if len(texts) == 1:
            return texts[0]
        run.add_text(" ".join(p.text for p in texts))
        return collapse(run.text, [])

    def _block(self, el, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _flat_text(el)
            if text and not clutter.classify(text):
                self.out.append(Heading(text, max(2, int(tag[1]))))
            elif text:
                self.warnings.append(clutter.warning(clutter.classify(text), text))
        elif tag in ("ul", "ol"):
            items = [self._paragraph_of(li) for li in el if isinstance(li.tag, str)]
            items = [p for p in items if p.text and not clutter.classify(p.text)]
            if items:
                start = int(el.get("start")) if (el.get("start") or "").isdigit() else 1
                self.out.append(ListBlock(tuple(items), ordered=tag == "ol", start=start))
        elif tag == "blockquote":
            saved, self.out = self.out, []
            self._container(el)
            inner, self.out = self.out, saved
            paras = [b for b in inner if isinstance(b, Paragraph)]
            self.out += [b for b in inner if not isinstance(b, Paragraph)]
            if paras:
                self.out.append(Quote(tuple(paras)))
        elif tag == "figure":
            cap = _caption(el)
            imgs = el.xpath(".//img")
            if imgs:
                self._image(imgs[0], cap)
            elif cap:
                # The extractor dropped the picture but kept its caption: the caption still
                # tells the reader what the story showed.
                self.out.append(Paragraph(cap))
        elif tag == "table":
            self._table(el)
        elif tag in ("pre",):
            text = _flat_text(el)
            if text:
                self.out.append(Paragraph(text))
        elif tag in ("hr", "figcaption", "head", "title"):
            return
        else:
            self._container(el)

    def _image(self, el, caption: str | None = None) -> None:
        if el.tag.lower() != "img":
            imgs = el.xpath(".//img")
            if not imgs:
                return
            el = imgs[0]
        alt = " ".join((el.get("alt") or "").split())
        src = el.get("src") or el.get("data-src") or ""
        if not alt and not caption:
            self.unlabelled_images += 1
            return
        if alt and clutter.classify(alt):
            alt = ""
        if not alt:
            alt, caption = caption or "", None
        image = Image(src, alt, caption if caption != alt else None)
        if (image.alt, image.caption) in self.described:
            return  # the same picture again (another size, a slideshow copy): described once
        self.described.add((image.alt, image.caption))
        self.out.append(image)

    def _table(self, el) -> None:
        rows = [r for r in el.xpath(".//tr")]
        header: list[str] = []
        items = []
        for r in rows:
            cells = [_flat_text(c) for c in r if c.tag in ("td", "th")]
            if not header and r.xpath("./th") and not r.xpath("./td"):
                header = cells
                continue
            if row := table_row(header, cells):
                items.append(row)
        if items:
            self.out.append(ListBlock(tuple(items)))


def _flat_text(el) -> str:
    """An element's text on one line: line breaks and nested blocks become a space (none between
    Chinese or Japanese characters, see :func:`.spans.collapse`); where inline markup meets
    without a space, see :func:`_markup_gap`.

    Why: joining the pieces of text with spaces put one inside words split by markup
    ("<b>D</b>ay" read "D ay") and between every run of a Chinese or Japanese heading.
    """
    parts: list[str] = []

    def walk(e) -> None:
        parts.append(e.text or "")
        for child in e:
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag in _INLINE and tag != "br":
                    parts.append(_EDGE)
                    walk(child)
                    parts.append(_EDGE)
                else:
                    parts.append("\n")
                    walk(child)
                    parts.append("\n")
            parts.append(child.tail or "")

    walk(el)
    return collapse(_markup_gap("".join(parts)), []).text


#: Where an inline element starts or ends in :func:`_flat_text` (a character HTML cannot hold).
_EDGE = "\x00"
_GAP_AFTER_STOP = re.compile(r"(?<=[.,;:!?)\]”’\"])\x00+(?=\w)")


def _markup_gap(text: str) -> str:
    """Element edges with no space at them: nothing, except after a full stop, comma or closing
    bracket before a word, where they become a space.

    Why: a caption's text and its credit sit in two spans side by side, kept apart only by the
    page's style sheet ("…on July 25, 2019.</span><span>J. Scott Applewhite"); a word split by
    markup or a comma after a link ("Odyssey</a>,") has nothing to separate. Risk: a word split
    by markup right after such a stop ("U.S.<b>A</b>") gains a space.
    """
    return _GAP_AFTER_STOP.sub(" ", text).replace(_EDGE, "")


def _holds_blocks(el) -> bool:
    """Whether an inline element wraps block elements (paragraphs, headings, lists, tables).

    Why: publishing systems put a whole article body in a ``<span>`` (HubSpot's
    ``hs_cos_wrapper``, page builders' text widgets), and read as inline text its paragraphs and
    headings ran into one paragraph many pages long. Such a wrapper is walked through instead, so
    its blocks stay blocks and the text around them stays in the paragraphs it belongs to. Risk: a
    link or bold wrapped around a block (a teaser card) loses its link or emphasis span.
    """
    return any(isinstance(d.tag, str) and d.tag.lower() not in _INLINE for d in el.iterdescendants())


def _caption(figure) -> str | None:
    """A figure's caption without its photo credit, or None; the figcaption is removed."""
    caption = figure.find(".//figcaption")
    if caption is None:
        return None
    for credit in caption.xpath(".//*[contains(@class, 'credit') or @itemprop='copyrightHolder']"):
        credit.drop_tree()
    text = _flat_text(caption)
    caption.drop_tree()
    return text if text and not clutter.classify(text) else None


class _Run:
    """Inline text being gathered into one paragraph, with its spans."""

    def __init__(self):
        self.text = ""
        self.spans: list[Span] = []
        self.line_break_at: int | None = None  # where the text after the last <br> starts

    def add_text(self, t: str | None) -> None:
        if t:
            self.text += t

    def add_line_break(self) -> None:
        self.text += "\n"  # a space, or none between CJK (spans.collapse)
        self.line_break_at = len(self.text)

    def ends_in_line_break(self) -> bool:
        return self.line_break_at is not None and not self.text[self.line_break_at:].strip()
