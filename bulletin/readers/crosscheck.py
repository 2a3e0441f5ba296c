"""A second extractor's opinion of where a saved page's article is, to check the first one by.

readability-lxml (through the HTML reader's own cleaning) finds the article on most pages, but
each extractor fails on pages the other reads well: one takes the page footer for the story, the
other stops at a "Subscribe" box halfway down. trafilatura, built differently (its own rules,
then readability and jusText as fallbacks), is asked for the same page, and the two are compared
by four-word shingles, the unit article-extraction benchmarks count:

- when the reader's body is much shorter than the second opinion and mostly not in it, the
  reader found something else (a footer, a date bar): the second opinion's article is used;
- when the two broadly agree, lines at the very start or end of the reader's body that the
  second opinion does not have (a repeated headline, "Image 1 of 5", a related-stories list) are
  left out, and reported; lines inside the article are never touched.

trafilatura is imported here only, so it costs nothing unless a web page is read.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from ..article import Block, Heading, Image, ListBlock, Paragraph, Quote, block_text
from . import clutter

_TOKEN = re.compile(r"\w+")
_N = 4

#: The reader's body is replaced only when it is shorter than this share of the second opinion's…
SHORT_SHARE = 0.5
#: …and less than this share of it is in the second opinion (it found something else).
AGREE_SHARE = 0.5
#: A line counts as confirmed when this share of its shingles is in the second opinion.
CONFIRMED_SHARE = 0.5


def shingles(text: str) -> Counter:
    """Every run of four consecutive words; a shorter text is one shingle of what it has."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if len(tokens) < _N:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + _N]) for i in range(len(tokens) - _N + 1))


def share_in(part: Counter, whole: Counter) -> float:
    """The share of ``part``'s shingles that ``whole`` has (0 for an empty part)."""
    n = sum(part.values())
    return sum((part & whole).values()) / n if n else 0.0


class Opinion:
    """The second extractor's article: its HTML (for reading as blocks) and its words."""

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text
        tokens = [t.casefold() for t in _TOKEN.findall(text)]
        self.words = len(tokens)
        self.shingles = shingles(text)
        self._joined = f" {' '.join(tokens)} "

    def has_line(self, line: str) -> bool:
        """Whether ``line`` is in the second opinion's article (short lines as a whole)."""
        tokens = [t.casefold() for t in _TOKEN.findall(line)]
        if not tokens:
            return False
        if len(tokens) < _N:
            return f" {' '.join(tokens)} " in self._joined
        return share_in(shingles(line), self.shingles) >= CONFIRMED_SHARE

    def anchors(self, line: str) -> bool:
        """Whether ``line`` is a line of at least four words found in the second opinion."""
        return len(_TOKEN.findall(line)) >= _N and self.has_line(line)


@functools.lru_cache(maxsize=2)  # a page without a lang attribute is read twice (readers/__init__)
def second_opinion(page_html: str) -> Opinion | None:
    """trafilatura's article for the page as saved, or None when it finds none.

    Without pictures: asked for them, trafilatura also takes in the captions and links around the
    article, which is what it is here to catch.
    """
    import lxml.html
    import trafilatura

    try:
        html = trafilatura.extract(page_html, output_format="html", include_comments=False,
                                   include_tables=True, include_formatting=True, include_links=True)
    except Exception:  # noqa: BLE001 - a second opinion that fails is no opinion, never an error
        return None
    if not html or not html.strip():
        return None
    text = "\n".join(lxml.html.fromstring(html).itertext())
    return Opinion(html, text) if _TOKEN.search(text) else None


def found_something_else(body: str, opinion: Opinion) -> bool:
    """Whether the reader's ``body`` missed the article that the second opinion found.

    True when the body is much shorter than the second opinion and mostly not part of it: an
    empty body, the page footer, a date bar. A short body that lies inside the second opinion
    is kept: the second extractor more often took too much than the first too little.
    """
    words = len(_TOKEN.findall(body))
    if words >= SHORT_SHARE * opinion.words:
        return False
    return words == 0 or share_in(shingles(body), opinion.shingles) < AGREE_SHARE


def agrees(body: str, opinion: Opinion) -> bool:
    """Whether most of the reader's body is also in the second opinion."""
    return share_in(shingles(body), opinion.shingles) >= AGREE_SHARE


# ---------------------------------------------------------------------------- edges and length
TEXT_BLOCKS = (Paragraph, Heading, ListBlock, Quote)


def trim_unconfirmed_edges(blocks: list[Block], opinion, warnings: list[str],
                            title: str | None = None) -> list[Block]:
    """What lies before the first and after the last line both extractors found is not article.

    Why: what an extractor takes in by mistake sits at the edges of the article it chose (the
    headline, date bar and photo captions above; "Related stories" and the author's contact line
    below); two extractors built differently rarely take in the same furniture. Only lines of four
    words or more mark the edges; outside them a line stays if the second extractor has it too.
    A picture above the story stays (the story's lead picture); one below it goes (the second
    extractor is asked for none, so none can be confirmed). Nothing inside the edges is touched.
    The page's headline marks no edge (the second extractor often starts with it too); outside
    the edges it is left out, as it is printed as the title.
    """
    headline = " ".join((title or "").split()).casefold()

    def is_headline(b: Block) -> bool:
        return bool(headline) and " ".join(block_text(b).split()).casefold() == headline

    anchors = [i for i, b in enumerate(blocks)
               if isinstance(b, TEXT_BLOCKS) and not is_headline(b) and opinion.anchors(block_text(b))]
    if not anchors:
        return blocks
    first, last = anchors[0], anchors[-1]
    kept = []
    for i, b in enumerate(blocks):
        if first <= i <= last:
            kept.append(b)
        elif isinstance(b, Image) and i < first:
            kept.append(b)  # the story's lead picture
        elif isinstance(b, Image):
            warnings.append(clutter.warning("picture outside the article", b.alt))
        elif is_headline(b):
            continue  # the title, repeated
        elif opinion.has_line(block_text(b)) or clutter.wire_signoff(block_text(b)) or is_prose(b):
            kept.append(b)
        else:
            warnings.append(clutter.warning("line outside the article", block_text(b)))
    return kept


def is_prose(block: Block) -> bool:
    """A paragraph of whole sentences: the lead that one extractor missed, not furniture."""
    if not isinstance(block, (Paragraph, Heading)) or len(block.text.split()) < PROSE_WORDS:
        return False
    links = sum(s.end - s.start for s in block.links) if isinstance(block, Paragraph) else 0
    return block.text.rstrip()[-1:] in ".!?\"”’" and links < len(block.text) / 2


#: A paragraph this long, ending a sentence, is kept at the article's edges even unconfirmed.
PROSE_WORDS = 20

#: Below this share of the page's prose, a body is reported as possibly incomplete…
SHORT_BODY_SHARE = 0.3
#: …when the page has at least this many words of prose…
SHORT_BODY_PAGE_WORDS = 150
#: …and the second extractor found more than this many times as many words (or nothing).
SECOND_AGREES = 1.5


def warn_if_short(body_words: int, page_prose: int, second_words: int, warnings: list[str]) -> None:
    """One line when the article found is small for the page: something may have been missed.

    Small means under a share of the page's prose (paragraph words outside links), unless the
    second extractor found no more: pages with long comment threads or many teasers have much
    prose besides the story, and two extractors agreeing on its length is no reason to worry.
    """
    words = body_words
    if page_prose < SHORT_BODY_PAGE_WORDS or words >= SHORT_BODY_SHARE * page_prose:
        return
    if second_words and second_words <= SECOND_AGREES * words:
        return
    warnings.append(f"the article found is short for the page ({words} of its {page_prose} words "
                    f"of prose): check that nothing is missing (bulletin inspect)")
