"""Where each page of the handout begins in the article, for the talking books' page lists.

A group reading the paper copies says "page 2"; the EPUB and DAISY books mark the same place.
While the pages are drawn, every tagged paragraph reports its page and how much text it drew
(:attr:`.tagging.Tracker.drawn`); here the first text drawn on each page is traced back to the
article: block, part of the block, and the offset in that part's text.
"""
from __future__ import annotations

from typing import NamedTuple

from ..article import Article, Heading, HelpBox, Image, ListBlock, Paragraph, Quote, unhandled
from .tagging import Node

_CONTAINERS = ("L", "BlockQuote", "Sect")
"""Structure elements whose children are the parts of one block (items, paragraphs, lines)."""


class PageStart(NamedTuple):
    """Where a page's first text comes from."""

    block: int
    """Index in ``article.blocks``; -1 for the headline, deck and byline above the first block,
    ``len(article.blocks)`` for what follows the last (the QR code)."""
    part: int
    """List item, quotation paragraph (the attribution after them), or help-box line (0 the
    title, then 1 + line); 0 for a block in one piece."""
    offset: int
    """Offset in that part's text where the page begins (0 unless a paragraph runs over)."""


def part_text(block, part: int) -> str:
    """The article's text of one part of a block, as :class:`PageStart` numbers parts."""
    if isinstance(block, ListBlock):
        return block.items[part].text if part < len(block.items) else ""
    if isinstance(block, Quote):
        if part < len(block.paragraphs):
            return block.paragraphs[part].text
        return block.attribution or ""
    if isinstance(block, HelpBox):
        return block.title if part == 0 else block.lines[part - 1].text if part <= len(block.lines) else ""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Image):
        return block.alt
    if isinstance(block, Heading):
        return block.text
    unhandled(block)


def visible_chars(para) -> int:
    """Characters other than spaces that a laid-out ReportLab paragraph (or part of one) draws.

    Risk: reads ReportLab's line list (``blPara.lines``): word strings in plain paragraphs,
    fragments with ``text`` in the others; both since ReportLab 3.
    """
    lines = getattr(getattr(para, "blPara", None), "lines", None) or ()
    n = 0
    for line in lines:
        words = line[1] if isinstance(line, tuple) else getattr(line, "words", ())
        for w in words:
            text = w if isinstance(w, str) else getattr(w, "text", "") or ""
            n += sum(1 for c in text if not c.isspace())
    return n


def owners(article_blocks: int, block_nodes: list[list[Node]]) -> dict[int, tuple[int, int]]:
    """``id(node)`` -> (block, part) for every structure element made for each block."""
    found: dict[int, tuple[int, int]] = {}

    def claim(node: Node, where: tuple[int, int]) -> None:
        found[id(node)] = where
        for kid in node.kids:
            if isinstance(kid, Node):
                claim(kid, where)

    for i, nodes in enumerate(block_nodes[:article_blocks]):
        for node in nodes:
            if node.role in _CONTAINERS:
                found[id(node)] = (i, 0)
                for k, kid in enumerate(k for k in node.kids if isinstance(k, Node)):
                    claim(kid, (i, k))
            else:
                claim(node, (i, 0))
    return found


def page_starts(article: Article, drawn: list[tuple[int, Node, int]], pages: int,
                where: dict[int, tuple[int, int]], head: set[int]) -> tuple[PageStart, ...]:
    """One :class:`PageStart` per page. ``drawn`` is (page, element, characters drawn) in
    drawing order; ``head`` holds the ids of the elements above the first block."""
    after = PageStart(len(article.blocks), 0, 0)
    first: dict[int, PageStart] = {}
    done: dict[int, int] = {}  # characters of each element drawn on earlier pages
    for page, node, chars in drawn:
        key = id(node)
        if page not in first:
            if key in head:
                first[page] = PageStart(-1, 0, 0)
            elif key in where:
                block, part = where[key]
                text = part_text(article.blocks[block], part)
                first[page] = PageStart(block, part, _offset(text, done.get(key, 0)))
        done[key] = done.get(key, 0) + chars
    out, last = [], PageStart(-1, 0, 0)
    for page in range(pages):
        last = first.get(page, after if page else last)
        out.append(last)
    return tuple(out)


def _offset(text: str, visible: int) -> int:
    """Offset in ``text`` of its ``visible``-th character other than a space (its end if fewer)."""
    if visible <= 0:
        return 0
    seen = 0
    for i, c in enumerate(text):
        if not c.isspace():
            if seen == visible:
                return i
            seen += 1
    return len(text)
