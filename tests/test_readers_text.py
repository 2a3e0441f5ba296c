"""The plain-text reader: header, titles, headings, lists, help boxes, clutter, wire credit."""
from pathlib import Path

import pytest

from bulletin.article import Heading, HelpBox, ListBlock, Paragraph, Quote
from bulletin.readers import read
from bulletin.readers.clutter import classify

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "assets" / "examples"


def txt(s: str, **kw):
    return read(s.encode("utf-8"), fmt="text", **kw)


@pytest.fixture(scope="module")
def wire():
    return read(DATA / "wire-story.txt")


def test_wire_story_keeps_only_its_real_paragraphs(wire):
    assert wire.title == "Bus Line 4 Returns to Full Service on Monday"
    assert wire.byline == "By Maria Lopez"
    assert wire.credit == "City News Service"
    assert [type(b) for b in wire.blocks] == [Paragraph, Paragraph, Paragraph]
    texts = [b.text for b in wire.blocks]
    assert texts[0].startswith("LOS ANGELES (CNS) — Metro’s Line 4")
    assert texts[1] == "“Riders told us the gaps were too long,” said a Metro spokesperson. “We listened.”"
    assert "rush hours — and every 15 minutes" in texts[2]


def test_wire_story_lists_every_removed_line(wire):
    joined = "\n".join(wire.warnings)
    for kind in ("photo credit", "share buttons", "advertisement", "related link", "comment form"):
        assert f"removed {kind}" in joined
    assert sum("comment form" in w for w in wire.warnings) == 7


@pytest.mark.parametrize("line,kind", [
    ("Photo via Pixabay", "photo credit"),
    ("Photo: Ana Ruiz/Daily Star", "photo credit"),
    ("Image courtesy of the county", "photo credit"),
    ("(AP Photo/Damian Dovarganes)", "photo credit"),
    ("Mario Tama/Getty Images", "photo credit"),
    ("Photo", "picture label"),
    ("Leave a comment", "comment form"),
    ("Leave a Reply", "comment form"),
    ("Your email address will not be published.", "comment form"),
    ("Required fields are marked *", "comment form"),
    ("Post Comment", "comment form"),
    ("Save my name, email, and website in this browser for the next time I comment.", "comment form"),
    ("Share this:", "share buttons"),
    ("Click to share on Facebook (Opens in new window)", "share buttons"),
    ("Twitter", "share buttons"),
    ("Related:", "related link"),
    ("Related: County opens new shelter", "related link"),
    ("Read more: How to apply for help", "related link"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Sign up for our newsletter", "newsletter sign-up"),
    ("Subscribe to the Daily Brief newsletter", "newsletter sign-up"),
])
def test_each_clutter_pattern_is_removed_and_warned(line, kind):
    assert classify(line) == kind
    art = txt(f"Headline Here\n\nA real first paragraph of the story.\n\n{line}\n\nA real last paragraph.\n")
    assert [b.text for b in art.blocks] == ["A real first paragraph of the story.", "A real last paragraph."]
    assert any(w.startswith(f"removed {kind}") for w in art.warnings)


@pytest.mark.parametrize("line", [
    "The photo was taken by a volunteer at the Saturday market, who shared it with Getty Images "
    "and several local papers after the event ended on a rainy afternoon last spring.",
    "Email the outreach office to book a training.",
    "Related programmes run in four other counties.",
    "Share your story with us at the library.",
])
def test_text_that_only_mentions_clutter_words_stays(line):
    assert classify(line) is None


@pytest.mark.parametrize("signoff,credit", [
    ("–City News Service", "City News Service"),
    ("— Associated Press", "Associated Press"),
    ("(Reuters)", "Reuters"),
    ("-- Bay City News", "Bay City News"),
])
def test_closing_wire_signoff_becomes_credit(signoff, credit):
    art = txt(f"Headline Here\n\nThe council voted on Tuesday.\n\n{signoff}\n")
    assert art.credit == credit
    assert [b.text for b in art.blocks] == ["The council voted on Tuesday."]


def test_signoff_at_end_of_last_paragraph_is_taken_for_known_wires_only():
    art = txt("Headline Here\n\nThe council voted on Tuesday. — Associated Press\n")
    assert art.credit == "Associated Press"
    assert art.blocks[-1].text == "The council voted on Tuesday."
    art = txt("Headline Here\n\n“We will vote,” she said. — the mayor\n")
    assert art.credit is None


@pytest.fixture(scope="module")
def notice():
    return read(EXAMPLES / "trafficking-awareness.txt")


def test_header_lines_fill_the_article_fields(notice):
    assert notice.title == "Know the Signs: Help Is One Call or Text Away"
    assert notice.subtitle.startswith("County outreach teams")
    assert notice.byline == "By Outreach Desk"
    assert notice.date.isoformat() == "2026-01-05"
    assert notice.language == "en"
    assert notice.warnings == ()


def test_short_unpunctuated_lines_are_headings_and_dash_lines_a_list(notice):
    headings = [b.text for b in notice.blocks if isinstance(b, Heading)]
    assert headings == ["Signs to watch for", "How the hotline works", "Free training for groups"]
    lists = [b for b in notice.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and not lists[0].ordered and len(lists[0].items) == 5
    assert lists[0].items[2].text == "do not hold their own ID or passport"


def test_quoted_lines_stay_paragraphs_with_their_curly_quotes(notice):
    quoted = [b for b in notice.blocks if isinstance(b, Paragraph) and b.text.startswith("“")]
    assert len(quoted) == 1 and "”" in quoted[0].text
    assert "1-888-373-7888" in "\n".join(b.text for b in notice.blocks if isinstance(b, Paragraph))


def test_first_short_line_is_the_title_and_language_defaults():
    art = txt("Food Bank Opens Early\n\nDoors open at 8 am.\n", default_language="vi")
    assert art.title == "Food Bank Opens Early"
    assert art.language == "vi"
    assert [b.text for b in art.blocks] == ["Doors open at 8 am."]


def test_language_header_wins_over_default():
    art = txt("Title: Aviso\nLanguage: es\n\nHola.\n", default_language="en")
    assert art.language == "es" and art.title == "Aviso"


def test_no_headline_derives_title_from_first_sentence_and_keeps_paragraph():
    body = ("The county will open three new cooling centers on Monday for residents without air "
            "conditioning during the heat wave. Doors open at 10 am.")
    art = txt(body + "\n\nSecond paragraph.\n")
    # Cut before "without": a whole phrase, no ellipsis.
    assert art.title == "The county will open three new cooling centers on Monday for residents"
    assert art.title_derived
    assert art.blocks[0].text == body
    assert any("--title" in w for w in art.warnings)


def test_short_first_sentence_becomes_whole_title():
    art = txt("Cooling centers open Monday. Doors open at 10 am and close at 8 pm for everyone.\n")
    assert art.title == "Cooling centers open Monday"


def test_numbered_and_star_lists_and_wrapped_lines():
    art = txt("Steps To Apply\n\nBring these:\n\n3. proof of address\n4. a photo ID that\n   is not expired\n\n"
              "* one\n* two\n\nA paragraph that was hard\nwrapped at the end of a line.\n")
    lists = [b for b in art.blocks if isinstance(b, ListBlock)]
    assert lists[0].ordered and lists[0].start == 3
    assert [i.text for i in lists[0].items] == ["proof of address", "a photo ID that is not expired"]
    assert not lists[1].ordered and [i.text for i in lists[1].items] == ["one", "two"]
    assert art.blocks[-1].text == "A paragraph that was hard wrapped at the end of a line."


def test_plain_text_help_box():
    art = txt("Title: Notice\n\nSome text.\n\nGet help:\nCall 1-888-373-7888\nText 233733\n"
              "Visit https://humantraffickinghotline.org\n")
    box = art.blocks[-1]
    assert isinstance(box, HelpBox) and box.title == "Get help"
    assert [(ln.phone, ln.sms, ln.url) for ln in box.lines] == [
        ("1-888-373-7888", None, None), (None, "233733", None),
        (None, None, "https://humantraffickinghotline.org")]
    assert art.helpbox is box


def test_help_title_without_contact_lines_is_not_a_help_box():
    art = txt("Title: Notice\n\nHelp:\nask the front desk for a form\n")
    assert not any(isinstance(b, HelpBox) for b in art.blocks)


def test_angle_bracket_lines_are_a_quote():
    art = txt("Title: Notice\n\n> We are open.\n> Come in.\n")
    assert art.blocks == (Quote((Paragraph("We are open. Come in."),)),)


def test_spanish_example_has_header_help_box_and_headings():
    art = read(EXAMPLES / "aviso-trata.es.txt")
    assert art.language == "es" and art.byline.startswith("Por ")
    box = art.helpbox
    assert box is not None and box.title == "Obtenga ayuda"
    assert {"1-888-373-7888", "711", "911"} <= {ln.phone for ln in box.lines}
    assert "233733" in {ln.sms for ln in box.lines}
    assert "Señales de alerta" in [b.text for b in art.blocks if isinstance(b, Heading)]


def test_derived_title_does_not_stop_at_an_abbreviation():
    from bulletin.readers.text import derive_title

    assert derive_title([Paragraph("Dr. Ruiz will speak at the centre on Monday. Bring ID.")]) == \
        "Dr. Ruiz will speak at the centre on Monday"
    assert derive_title([Paragraph("The U.S. Department of Labor opened an office. It is open late.")]) == \
        "The U.S. Department of Labor opened an office"


def test_heading_typed_right_above_its_paragraph():
    from bulletin.readers.text import read_text

    art = read_text("Cooling centers open\n\nThe county opens 23 centers on Saturday.\n\n"
                    "Who is most at risk\nOlder adults, babies and people who work outdoors can get sick\n"
                    "quickly in the heat. Check on neighbors who live alone.\n")
    assert [type(b) for b in art.blocks] == [Paragraph, Heading, Paragraph]
    assert art.blocks[1].text == "Who is most at risk"
    assert art.blocks[2].text.startswith("Older adults")


def test_hard_wrapped_paragraph_is_not_cut_into_a_heading():
    from bulletin.readers.text import read_text

    art = read_text("Notice\n\nThe library on Main Street will close early on Friday for a\n"
                    "staff meeting and open again at nine on Saturday morning as\n"
                    "usual for the weekend.\n")
    assert [type(b) for b in art.blocks] == [Paragraph]


def test_headings_marked_with_hashes_lose_their_marks():
    """A plain-text notice pasted from Markdown notes: the hash marks say "heading", and are
    neither printed nor spoken; a marked heading may end in a question mark or sit right above
    its paragraph."""
    art = txt("Title: Cooling centers open\n\nThe county opens six centers this week.\n\n"
              "## Where to go\n\n- Eastside Library\n- Harbor Senior Center\n\n"
              "### Who is most at risk? ###\nOlder adults and babies can get sick quickly in the heat.\n")
    heads = [b for b in art.blocks if isinstance(b, Heading)]
    assert [h.text for h in heads] == ["Where to go", "Who is most at risk?"]
    assert not any("#" in b.text for b in art.blocks if hasattr(b, "text"))
    assert isinstance(art.blocks[-1], Paragraph) and art.blocks[-1].text.startswith("Older adults")


def test_a_hash_mark_first_line_is_the_title_without_it():
    art = txt("# Cooling centers open\n\nThe county opens six centers this week, from Tuesday to Saturday.\n")
    assert art.title == "Cooling centers open"


@pytest.mark.parametrize("line", ["#1 priority is water.", "#hashtag and more words here that run on."])
def test_a_hash_without_a_space_is_no_heading_mark(line):
    art = txt(f"Title: T\n\n{line}\n")
    assert art.blocks[0].text == line


def test_a_short_spanish_line_with_a_phone_number_is_marked_spanish():
    """The detector splits a short line's confidence between Spanish, Galician and Catalan; sure
    of the family, the line is Spanish (and is spoken in a Spanish voice), while English lines
    full of Spanish place names stay English."""
    from bulletin.readers.passages import mark_passages

    art = mark_passages(txt("Title: Cooling centers open\n\n"
                            "Residents of San Jose, Santa Clara and Los Gatos can visit any center this week.\n\n"
                            "Para información en español, llame al (213) 555-0142.\n"))
    assert art.language == "en"
    assert [p.lang for p in art.blocks] == [None, "es"]
