"""Names for the printed pieces of text the voice reads, shared by the script and the talking books.

The spoken script marks each utterance with the name of the text it reads; the EPUB and DAISY
books give that text the same name as its element id, and pair it with the utterance's clip.
A name says where the text sits in the article (block 3, sentence 1 is ``b3s1``), so the two
sides agree without either seeing the other. Both split running text with
:func:`bulletin.sentences.split_sentences`, so sentence numbers match.
"""
from __future__ import annotations

TITLE = "title"
SUBTITLE = "sub"
"""Prefix: the deck's sentences are ``subs0``, ``subs1`` …"""
BYLINE = "byline"
CREDIT = "credit"
DATE = "date"


def block(i: int) -> str:
    """A block read as one piece (a heading), or the prefix of a paragraph's sentences."""
    return f"b{i}"


def sentence(prefix: str, j: int) -> str:
    """Sentence ``j`` (from 0) of the running text named ``prefix``."""
    return f"{prefix}s{j}"


def item(i: int, k: int) -> str:
    """Prefix of list item ``k`` of block ``i``."""
    return f"b{i}i{k}"


def quote_paragraph(i: int, k: int) -> str:
    """Prefix of paragraph ``k`` of the quotation that is block ``i``."""
    return f"b{i}p{k}"


def attribution(i: int) -> str:
    return f"b{i}a"


def help_title(i: int) -> str:
    return f"b{i}t"


def help_line(i: int, k: int) -> str:
    """Prefix of line ``k`` of the help box that is block ``i``."""
    return f"b{i}l{k}"


def image_alt(i: int) -> str:
    return f"b{i}alt"


def image_caption(i: int) -> str:
    return f"b{i}cap"
