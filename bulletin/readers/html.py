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

from ..article import BY_WORD, Block, Heading, ListBlock, Paragraph, Quote, block_text
from . import clutter, crosscheck, html_meta
from .html_blocks import Blocks
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
    blocks = _without_head_lines(Blocks(warnings, fields.get("date")).of(_main_content(doc)), fields)
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
        second = Blocks(found, date).of(lxml.html.document_fromstring(opinion.html).body)
        if len(_body_text(second).split()) > len(body.split()):
            warnings[:] = found  # what the first reading removed is no longer the question
            warnings.append(f"the article was found by the second extractor (trafilatura); "
                            f"the first found {len(body.split())} words")
            return second, opinion.words
        return blocks, opinion.words
    if not crosscheck.agrees(body, opinion):
        return blocks, opinion.words
    return crosscheck.trim_unconfirmed_edges(blocks, opinion, warnings, title), opinion.words


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
