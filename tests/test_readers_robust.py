"""The readers on page shapes a fresh look at saved pages found them mishandling: article bodies
wrapped in inline elements, pages that declare the wrong language, pages with no article, and
Chinese and Japanese paragraphs with line breaks in their source."""
import pytest

from bulletin.article import Heading, ListBlock, Paragraph, Quote
from bulletin.readers import read

_LIBRARY = (
    "<p>The county library on Elm Street will open two hours later on weekdays from March 2 while "
    "the heating system is replaced, the library board said on Thursday.</p>"
    "<h3>Weekend hours</h3>"
    "<p>Weekend hours do not change, and the book drop beside the front door stays open "
    "<b>day and night</b> for returns during the work.</p>"
    "<ul><li>Library cards can be renewed by telephone.</li><li>Holds are kept an extra week.</li></ul>"
    "<blockquote><p>We are sorry for the cold mornings this winter, said the head librarian.</p>"
    "</blockquote>")


def _page(body: str, *, lang: str = "en", head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>Library hours</title>{head}</head>"
            f"<body><article><h1>Library hours</h1>{body}</article></body></html>").encode("utf-8")


def _shape(art):
    return [(type(b).__name__, b.text if isinstance(b, (Paragraph, Heading)) else None)
            for b in art.blocks]


# ---------------------------------------------------------------- blocks inside inline elements
@pytest.mark.parametrize("wrapper", [
    "<span class='hs_cos_wrapper hs_cos_wrapper_type_rich_text'>{}</span>",
    "<font face='Arial'>{}</font>",
    "<span><em>{}</em></span>",
    "<a href='https://example.org/library'>{}</a>",
])
def test_blocks_inside_an_inline_wrapper_stay_blocks(wrapper):
    """A body wrapped in a span (HubSpot) reads as the same body wrapped in a div."""
    as_div = read(_page(f"<div class='body'>{_LIBRARY}</div>"), fmt="html")
    wrapped = read(_page(wrapper.format(_LIBRARY)), fmt="html")
    assert [type(b) for b in wrapped.blocks] == [Paragraph, Heading, Paragraph, ListBlock, Quote]
    assert _shape(wrapped) == _shape(as_div)
    assert wrapped.blocks[1] == Heading("Weekend hours", 3)
    assert [i.text for i in wrapped.blocks[3].items] == [
        "Library cards can be renewed by telephone.", "Holds are kept an extra week."]


def test_inline_text_beside_wrapped_blocks_keeps_its_paragraph_and_emphasis():
    body = (f"<span class='body'>Opening words before the first paragraph, set in the wrapper "
            f"itself.{_LIBRARY}Closing words after the last paragraph, in the wrapper too.</span>")
    art = read(_page(body), fmt="html")
    texts = [b.text for b in art.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "Opening words before the first paragraph, set in the wrapper itself."
    assert texts[-1] == "Closing words after the last paragraph, in the wrapper too."
    hours = next(b for b in art.blocks if isinstance(b, Paragraph) and b.text.startswith("Weekend"))
    assert [hours.text[s.start:s.end] for s in hours.spans if s.kind == "strong"] == ["day and night"]


def test_inline_markup_without_blocks_is_still_one_paragraph():
    body = ("<p>The <span class='place'>county <a href='https://example.org'>library</a></span> "
            "opens <span><b>later</b> on weekdays</span> from March 2 while the heating system is "
            "replaced, the library board said on Thursday evening.</p>")
    art = read(_page(body), fmt="html")
    assert _shape(art) == [("Paragraph", "The county library opens later on weekdays from March 2 "
                            "while the heating system is replaced, the library board said on "
                            "Thursday evening.")]
    assert [art.blocks[0].text[s.start:s.end] for s in art.blocks[0].spans] == ["library", "later"]
