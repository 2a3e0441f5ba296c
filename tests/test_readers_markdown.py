"""The Markdown reader: front matter, structure, spans, tables, raw HTML kept as text."""
from pathlib import Path

import pytest

from bulletin.article import Heading, HelpBox, Image, ListBlock, Paragraph, Quote
from bulletin.errors import InputError
from bulletin.readers import read

EXAMPLES = Path(__file__).parent.parent / "assets" / "examples"


def md(s: str, **kw):
    return read(s.encode("utf-8"), fmt="markdown", **kw)


@pytest.fixture(scope="module")
def hours():
    return read(EXAMPLES / "library-hours.md")


def test_front_matter_fields(hours):
    assert hours.title == "Winter Hours at the Eastside Branch Library"
    assert hours.date.isoformat() == "2026-01-20"
    assert hours.language == "en"


def test_front_matter_subtitle_byline_language():
    art = md("---\ntitle: Clinic opens\nsubtitle: Walk in from Monday.\nbyline: Health Desk\n"
             "language: es\n---\n\nTexto.\n")
    assert (art.title, art.subtitle, art.byline, art.language) == (
        "Clinic opens", "Walk in from Monday.", "Por Health Desk", "es")


def test_front_matter_help_box(hours):
    box = hours.helpbox
    assert box.title == "Questions about your card or holds?"
    assert [ln.phone for ln in box.lines][0] == "213-555-0148"
    assert box.lines[1].sms == "55148" and box.lines[2].url == "www.example.org/eastside"


def test_h2_are_level_2(hours):
    heads = [b for b in hours.blocks if isinstance(b, Heading)]
    assert [h.text for h in heads][:3] == ["New opening hours", "What stays the same",
                                           "Where else to go in the morning"]
    assert {h.level for h in heads} == {2}


def test_h1_repeating_the_title_is_not_a_block():
    art = md("---\ntitle: Winter Hours\n---\n\n# Winter Hours\n\nOpen at noon.\n\n## Where\n\nHere.\n")
    assert art.title == "Winter Hours"
    assert [(type(b).__name__, getattr(b, "text", "")) for b in art.blocks] == [
        ("Paragraph", "Open at noon."), ("Heading", "Where"), ("Paragraph", "Here.")]


def test_table_becomes_one_readable_item_per_row(hours):
    table = next(b for b in hours.blocks if isinstance(b, ListBlock))
    assert [i.text for i in table.items] == [
        "Days: Monday to Friday; Hours: noon to 8 pm",
        "Days: Saturday; Hours: 10 am to 5 pm",
        "Days: Sunday; Hours: 1 pm to 5 pm"]


def test_link_and_strong_are_spans(hours):
    first = hours.blocks[0]
    strong = [first.text[s.start:s.end] for s in first.spans if s.kind == "strong"]
    assert strong == ["Monday, February 2"]
    para = next(b for b in hours.blocks if isinstance(b, Paragraph) and b.links)
    link = para.links[0]
    assert para.text[link.start:link.end] == "branch calendar"
    assert link.href == "https://www.example.org/eastside/calendar"


def test_quote_with_attribution(hours):
    quote = next(b for b in hours.blocks if isinstance(b, Quote))
    assert quote.paragraphs[0].text.startswith("“We know mornings matter")
    assert quote.attribution == "Branch manager"


def test_first_h1_is_title_without_front_matter_and_lists_keep_start():
    art = md("# Pantry News\n\nIntro *soft* text.\n\n## Dates\n\n4. four\n5. five\n\n### Small\n\n- a\n  - nested\n")
    assert art.title == "Pantry News"
    assert art.blocks[0] == Paragraph("Intro soft text.")
    lst = next(b for b in art.blocks if isinstance(b, ListBlock) and b.ordered)
    assert lst.start == 4 and [i.text for i in lst.items] == ["four", "five"]
    assert Heading("Small", 3) in art.blocks
    nested = art.blocks[-1]
    assert [i.text for i in nested.items] == ["a", "nested"]


def test_italics_are_never_spans():
    art = md("# T\n\nSome *italic* and _more_ and **bold**.\n")
    assert [s.kind for s in art.blocks[0].spans] == ["strong"]


def test_raw_html_is_text_not_markup():
    art = md("# T\n\nHello <script>alert(1)</script> and <b>bold</b>.\n\n<div>block html</div>\n")
    texts = [b.text for b in art.blocks]
    assert texts[0] == "Hello <script>alert(1)</script> and <b>bold</b>."
    assert texts[1] == "<div>block html</div>"
    assert art.blocks[0].spans == ()


def test_images_keep_alt_text_and_code_becomes_paragraph():
    art = md("# T\n\n![A map of the route](map.png \"Route 4\")\n\n```\nline one\nline two\n```\n")
    assert art.blocks[0] == Image("map.png", "A map of the route", "Route 4")
    assert art.blocks[1] == Paragraph("line one line two")


def test_clutter_paragraphs_are_removed_in_markdown_too():
    art = md("# T\n\nReal text.\n\nShare this:\n\nAdvertisement\n")
    assert [b.text for b in art.blocks] == ["Real text."]
    assert len(art.warnings) == 2


def test_front_matter_language_and_helpbox_list_form():
    art = md("---\ntitle: Aviso\nlanguage: es\nauthor: Ana\nhelpbox:\n  - Llame al 911\n---\nHola.\n")
    assert art.language == "es" and art.byline == "Por Ana"
    assert art.helpbox == HelpBox("Get help", (art.helpbox.lines[0],)) and art.helpbox.lines[0].phone == "911"


@pytest.mark.parametrize("front,words", [
    ("title: [unclosed\n", "not valid YAML"),
    ("- just\n- a list\n", "key: value"),
    ("helpbox: 5\n", "helpbox"),
])
def test_bad_front_matter_is_input_error(front, words):
    with pytest.raises(InputError, match=words):
        md(f"---\n{front}---\nBody.\n")


def test_unknown_front_matter_key_is_a_warning():
    art = md("---\ntitle: T\ncolour: blue\n---\nBody.\n")
    assert any("colour" in w for w in art.warnings)
