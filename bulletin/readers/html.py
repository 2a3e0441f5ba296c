"""The HTML reader: a news page saved from a browser ("Save page as…").

Main-content extraction uses readability-lxml (a port of Mozilla's Reader View), chosen by
measurement on saved news pages (benchmarks/readability_corpus.py; see docs/decisions.md), and
checked against trafilatura's article (crosscheck.py; benchmarks/article_extraction.py).
Before it runs, everything that is not article text and could act is removed: scripts, styles,
frames, forms, navigation, and comment, share and related-link sections. Nothing is ever
fetched: images keep their address as text, and only their alt text is used.
Title, byline, date and language come from the page's own metadata.
"""
from __future__ import annotations

import re

from ..article import BY_WORD, Block, Heading, Image, ListBlock, Paragraph, Quote, Span, block_text
from . import clutter, crosscheck, html_meta
from .dates import parse_date
from .spans import collapse, table_row
from .text import byline_for, finish

# Elements that are never article text; dropped with their content before extraction.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
              "embed", "applet", "form", "nav", "button", "input", "select", "textarea", "svg",
              "canvas", "audio", "video", "map", "dialog", "link", "meta")
# id/class words of page furniture around the article (matched as whole words).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|respond|disqus|share|sharing|social|related|"
    r"newsletter|subscribe|advert|advertisement|ads?|ad-slot|promo|sponsored|outbrain|taboola|"
    r"cookie|paywall|breadcrumbs?|site-header|site-footer|masthead)(?:$|[\s_-])",
    re.IGNORECASE)
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
           "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
           "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "img", "picture", "source"}
_STRONG = {"b", "strong"}


def read_html(text: str, *, default_language: str = "en", name: str = "input", detect: bool = False):
    """Read a saved web page: metadata from the whole page, blocks from its main content.

    With ``detect``, a language the page declares is weighed against its text
    (:mod:`.declared_language`)."""
    import lxml.html
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(_strip_xml_declaration(text))
    except (etree.ParserError, ValueError):
        from ..errors import InputError

        raise InputError(f"{name} looks like HTML but has no readable content") from None
    fields = html_meta.metadata(doc, default_language)
    warnings: list[str] = []
    page_prose = _drop_furniture(doc)
    kept = crosscheck.Opinion("", "\n".join(doc.body.itertext()) if doc.body is not None else "")
    blocks = _without_head_lines(_Blocks(warnings, fields.get("date")).of(_main_content(doc)), fields)
    blocks, second_words = _check_with_second_opinion(blocks, text, warnings, fields, kept)
    blocks = _without_head_lines(blocks, fields)  # again, for the second extractor's article
    _require_article(blocks, name)
    if detect and fields.get("language"):
        _weigh_declared_language(blocks, fields, warnings)
    crosscheck.warn_if_short(len(_body_text(blocks).split()), page_prose, second_words, warnings)
    _take_signoff(blocks, fields)
    return finish(blocks, fields, warnings, default_language=default_language, name=name)


def _weigh_declared_language(blocks: list[Block], fields: dict[str, str], warnings: list[str]) -> None:
    """The page's declared language, unless its text clearly is in another (see
    :mod:`.declared_language`); the byline is worded again in the language chosen."""
    from .declared_language import weigh

    declared = fields["language"]
    others = [fields["content_language"]] if fields.get("content_language") else []
    texts = [block_text(b) for b in blocks if isinstance(b, _TEXT_BLOCKS)]
    language, warning = weigh(declared, others, texts)
    if warning:
        warnings.append(warning)
        fields["language"] = language
        if fields.get("byline"):
            fields["byline"] = byline_for(BY_WORD.sub("", fields["byline"]), language)


def _require_article(blocks: list[Block], name: str) -> None:
    """Stops with an input error when the page has no article text left.

    Why: a page that is only a menu, a cookie banner or a footer (a saved page whose story is
    drawn by scripts, a site's front page) built a whole kit titled "Home" from the page's
    <title>. Pictures alone are no article either, nor a lone heading (it would become the
    title of an empty kit). Risk: a page whose only text is one short line still counts.
    """
    body = blocks[1:] if blocks and isinstance(blocks[0], Heading) else blocks
    if not any(isinstance(b, _TEXT_BLOCKS) and any(c.isalnum() for c in block_text(b)) for b in body):
        from ..errors import InputError

        raise InputError(f"no article found in {name}: only page furniture (menus, banners, "
                         f"footers) or nothing at all")


def _strip_xml_declaration(text: str) -> str:
    """lxml refuses str input that declares an encoding; the text is already decoded."""
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)


# ---------------------------------------------------------------------------- metadata
def _drop_furniture(doc) -> int:
    """Remove what is never article text, and tracking pixels, before extraction.

    Returns the number of words of prose the page had (see :class:`_ProseShare`).

    An element that holds most of the page's prose is never dropped as furniture, whatever its
    tag or class says: whole pages are wrapped in one ``<form>`` by some publishing systems, and
    class words split at hyphens find "ad" in "Page-ad-margins" and "non-ad-column", or "paywall"
    on the article's own container; dropping those left the reader with only the page footer.
    """
    for el in doc.xpath("//script|//style|//template"):
        if el.getparent() is not None:
            el.drop_tree()
    prose = _ProseShare(doc)
    for el in doc.xpath("//" + "|//".join(_DROP_TAGS)):
        if el.getparent() is not None and el.tag != "html" and not prose.holds_article(el):
            _drop_element(el)
    for el in doc.xpath("//*[@aria-hidden='true' or @hidden]"):
        if el.getparent() is not None and not prose.holds_article(el):
            el.drop_tree()
    for el in doc.xpath("//*[@id or @class]"):
        label = f"{el.get('id', '')} {el.get('class', '')}"
        if (el.tag not in ("html", "body", "article", "main") and _FURNITURE.search(label)
                and el.getparent() is not None and not prose.holds_article(el, labelled=True)):
            el.drop_tree()
    for img in doc.xpath("//img"):
        if _is_pixel(img):
            img.drop_tree()
    _unlabel_quotations(doc)
    return prose.total


def _unlabel_quotations(doc) -> None:
    """A quotation's class and id are removed, so the extractor judges it by its text.

    Why: readability-lxml removes any element whose class says "tweet" or "twitter", so a post
    quoted in a story (``<blockquote class="twitter-tweet">``) vanished from the article. What
    remains of an embed outside the story is judged like any other text.
    """
    for q in doc.iter("blockquote"):
        for attr in ("class", "id"):
            q.attrib.pop(attr, None)


class _ProseShare:
    """How much of the page's prose (words of paragraphs, outside links) each element holds."""

    #: An element with at least this share of the page's prose is where the article is.
    ARTICLE_SHARE = 0.5

    def __init__(self, doc):
        self.words: dict = {}  # keyed by element: lxml keeps one proxy per node while it is held
        total = 0
        for p in doc.iter("p"):
            n = _prose_words(p)
            if not n:
                continue
            total += n
            for el in (p, *p.iterancestors()):
                self.words[el] = self.words.get(el, 0) + n
        self.total = total

    #: An element whose class or id names furniture must hold at least this many words of prose
    #: to be kept as the article's container.
    LABELLED_MIN_WORDS = 25

    def holds_article(self, el, *, labelled: bool = False) -> bool:
        """Whether ``el`` holds most of the page's prose. With ``labelled`` (its class or id says
        footer, cookie, share…) it must also hold more than a line or two.

        Why: on a page with no article (a front page saved before its scripts drew the stories)
        the footer's address line is all the prose there is, and was kept as the article. Risk:
        a one-line notice whose container is labelled as furniture is taken for furniture.
        """
        share = self.total > 0 and self.words.get(el, 0) >= self.ARTICLE_SHARE * self.total
        return share and (not labelled or self.words.get(el, 0) >= self.LABELLED_MIN_WORDS)


def _prose_words(p) -> int:
    """Words of a paragraph that are not link text (link lists are menus, not prose)."""
    all_words = len(p.text_content().split())
    link_words = sum(len(a.text_content().split()) for a in p.iter("a"))
    return max(0, all_words - link_words)


#: HTML5 void elements libxml2's HTML4 parser does not know: it nests the rest of the page in them.
_MISNESTING_VOIDS = ("embed",)


def _drop_element(el) -> None:
    """Remove ``el`` and its content; for an ``<embed>``, only the tag itself.

    Why: ``<embed src=…>`` has no end tag, and libxml2 puts every following paragraph inside it,
    so dropping the tree silently lost the rest of the article. Risk: none; an embed has no content
    of its own (what the parser put in it is the page's text).
    """
    if el.tag in _MISNESTING_VOIDS:
        el.drop_tag()
    else:
        el.drop_tree()


def _is_pixel(img) -> bool:
    """1×1 trackers and images with no address say nothing to a reader."""
    size = [img.get("width", ""), img.get("height", "")]
    if any(s.strip().rstrip("px") in ("0", "1") for s in size):
        return True
    src = img.get("src") or ""
    return not src or bool(re.search(r"(?i)pixel|beacon|tracking|/1x1\b", src))


def _main_content(doc):
    """The article's main element, chosen by readability-lxml."""
    import lxml.html
    from readability import Document

    summary = Document(doc).summary(html_partial=True)
    if not summary.strip():
        return doc.body if doc.body is not None else doc
    return lxml.html.fragment_fromstring(summary, create_parent="div")


# ---------------------------------------------------------------------------- second opinion
_TEXT_BLOCKS = (Paragraph, Heading, ListBlock, Quote)


def _body_text(blocks: list[Block]) -> str:
    return "\n".join(block_text(b) for b in blocks if isinstance(b, _TEXT_BLOCKS))


def _check_with_second_opinion(blocks: list[Block], page: str, warnings: list[str],
                               fields: dict[str, str], kept) -> tuple[list[Block], int]:
    """The article as found, checked against a second extractor's (see crosscheck.py).

    If the reader found something other than the article (nothing, a footer, a date bar), the
    second extractor's article is read instead, with a note, provided it lies in what ``kept``
    (the page without its furniture) still holds: trafilatura reads the page as saved, and on a
    page with no article it returns the menu (``<nav>Home</nav>``) the reader had dropped. If
    the two agree, lines at the start or end that only the reader has are left out, each
    reported. Also returns how many words the second extractor found (0 when it found nothing).
    """
    from . import crosscheck

    title, date = fields.get("title"), fields.get("date")
    opinion = crosscheck.second_opinion(page)
    if opinion is None:
        return blocks, 0
    body = _body_text(blocks)
    if crosscheck.found_something_else(body, opinion) and kept.has_line(opinion.text):
        import lxml.html

        found: list[str] = []
        second = _Blocks(found, date).of(lxml.html.document_fromstring(opinion.html).body)
        if len(_body_text(second).split()) > len(body.split()):
            warnings[:] = found  # what the first reading removed is no longer the question
            warnings.append(f"the article was found by the second extractor (trafilatura); "
                            f"the first found {len(body.split())} words")
            return second, opinion.words
        return blocks, opinion.words
    if not crosscheck.agrees(body, opinion):
        return blocks, opinion.words
    return crosscheck.trim_unconfirmed_edges(blocks, opinion, warnings, title), opinion.words


class _Blocks:
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


def _without_head_lines(blocks: list[Block], fields: dict[str, str]) -> list[Block]:
    return _drop_byline_paragraph(_drop_title_heading(blocks, fields.get("title")), fields.get("byline"))


def _drop_title_heading(blocks: list[Block], title: str | None) -> list[Block]:
    """The page's own headline, repeated at the top of the body, is not printed twice."""
    if title:
        for i, b in enumerate(blocks[:3]):
            if (isinstance(b, (Heading, Paragraph))
                    and " ".join(b.text.split()).casefold() == title.casefold()):
                return blocks[:i] + blocks[i + 1:]
    return blocks


def _drop_byline_paragraph(blocks: list[Block], byline: str | None) -> list[Block]:
    """A byline line near the top ("Por Lucía Fernández") is already the article's byline."""
    if not byline:
        return blocks
    name = re.sub(r"(?i)^(?:by|por|par|di|von)\s+", "", byline).casefold()
    for i, b in enumerate(blocks[:3]):
        if isinstance(b, Paragraph) and len(b.text) <= len(byline) + 40:
            text = re.sub(r"(?i)^(?:by|por|par|di|von)\s+", "", b.text).casefold()
            # "By Ana Ruiz" above the story when the page's byline is "Ana Ruiz, Staff writer"
            if text.startswith(name) or (len(text) >= 5 and name.startswith(text)):
                return blocks[:i] + blocks[i + 1:]
    return blocks


def _take_signoff(blocks: list[Block], fields: dict[str, str]) -> None:
    if blocks and isinstance(blocks[-1], Paragraph):
        credit = clutter.wire_signoff(blocks[-1].text)
        if credit:
            fields.setdefault("credit", credit)
            blocks.pop()
