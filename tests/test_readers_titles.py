"""A title for a story without a headline: a complete phrase from its first sentence, no "…"."""
from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.readers import read
from bulletin.readers.text import read_text
from bulletin.readers.titles import title_from_sentence

DATA = Path(__file__).resolve().parent / "data"


def test_headline_less_wire_story_gets_a_whole_phrase():
    """The City News Service shape: two photo credits, no headline, a 35-word first sentence."""
    art = read(DATA / "headline-less-wire.txt")
    first = art.blocks[0].text
    assert art.title_derived and art.credit == "City News Service"
    assert "…" not in art.title and "..." not in art.title
    assert first.startswith(art.title + " ")  # the sentence's own start, cut between words
    # Cut before "with two city police divisions …", as the "… have teamed up with the federal…".
    assert art.title == "Los Angeles County labor investigators have teamed up"
    assert any("--title" in w for w in art.warnings)


@pytest.mark.parametrize("sentence, title", [
    # The shape: cut where "with …" begins, not after "the federal".
    ("Los Angeles city law enforcement agencies have teamed up with the federal government to "
     "crack down on illegal street vending, officials said.",
     "Los Angeles city law enforcement agencies have teamed up"),
    # A dateline and a closing attribution are not part of the title.
    ("LOS ANGELES (CNS) — Metro’s Line 4 will return to its full weekday schedule on Monday after "
     "six weeks of reduced service, officials said Friday.",
     "Metro’s Line 4 will return to its full weekday schedule on Monday"),
    # A short sentence is the title as it stands, without its full stop.
    ("Cooling centers open Monday.", "Cooling centers open Monday"),
    ("The library opens at 10 am on Saturdays, the county said.", "The library opens at 10 am on Saturdays"),
    # A comma inside a number is not a clause's end.
    ("After a month of talks, the county and the city agreed on Tuesday to share the cost of 1,000 "
     "new beds for people leaving shelters this winter.",
     "After a month of talks, the county and the city agreed"),
    ("El condado abrirá tres nuevos centros de enfriamiento el lunes para los residentes sin aire "
     "acondicionado durante la ola de calor.",
     "El condado abrirá tres nuevos centros de enfriamiento el lunes"),
])
def test_title_ends_where_a_phrase_ends(sentence, title):
    assert title_from_sentence(sentence) == title


@pytest.mark.parametrize("sentence", [
    "Officials warned residents, who were already tired of the long heat wave and the repeated power "
    "cuts across the valley, to stay indoors during the afternoon hours this week.",
    "Investigators said many of the complaints they receive involve workers who are paid by the "
    "piece, housed by their employer and told they owe recruitment fees that grow each month.",
    "A long sentence without any of the usual words where phrases begin goes on and on and on "
    "past every limit anyone would set for a headline today.",
])
def test_no_title_ends_on_a_word_that_needs_more(sentence):
    title = title_from_sentence(sentence)
    assert "…" not in title and sentence.startswith(title)
    last = title.split()[-1].lower()
    assert last not in {"the", "a", "an", "of", "to", "and", "or", "with", "who", "which", "their"}
    assert not title.endswith(",")
    if ", who" in title:  # an aside opened is closed before the cut
        assert title.count(",") >= 2


@pytest.mark.parametrize("sentence, title", [
    # "is set to": "to" finishes the verb, so no cut there ("… is set" would be the longest).
    ("A second wave of smoke from the canyon fires is set to reach the valley on Thursday evening, "
     "with forecasters warning that the air could become unhealthy for everyone.",
     "A second wave of smoke from the canyon fires is set to reach the valley"),
    # "between the county and": no cut at "and".
    ("A cost-sharing deal between the county and the city was meant to be a short agreement that "
     "would let both sides claim an early win before the budget vote in June.",
     "A cost-sharing deal between the county and the city was meant to be a short agreement"),
    # Inside what someone said: only a clause boundary ends it.
    ("This comes after deputies said the tenants inside the building on Third Street had been "
     "locked in at night for months.",
     "This comes after deputies said the tenants inside the building on Third Street had been "
     "locked in at night for months"),
])
def test_title_is_not_cut_inside_what_is_still_going_on(sentence, title):
    assert title_from_sentence(sentence) == title


def test_dateline_with_an_abbreviated_state_is_left_out():
    """"HAYWARD, Calif. (AP) —" would otherwise end the first sentence at "Calif."."""
    from bulletin.article import Paragraph
    from bulletin.readers.text import derive_title

    para = Paragraph("HAYWARD, Calif. (AP) — The county opened two new warming centers on Monday.")
    assert derive_title([para]) == "The county opened two new warming centers on Monday"
    assert title_from_sentence("CLEVELAND, Ohio – The library will stay open late on Fridays.") == \
        "The library will stay open late on Fridays"


def test_a_headline_given_is_not_derived():
    art = read_text("Title: Cooling centers open\n\nThe county opens 23 centers on Saturday.\n")
    assert not art.title_derived


def test_a_title_given_on_the_command_line_is_not_derived(tmp_path):
    from bulletin.settings import Settings
    from bulletin.pipeline import read_article
    from bulletin.settings import Overrides

    art = read_article(DATA / "headline-less-wire.txt", Settings(overrides=Overrides(title="Task force on forced labor")))
    assert art.title == "Task force on forced labor" and not art.title_derived
    assert not any("--title" in w for w in art.warnings)


def test_title_derived_survives_article_json():
    from bulletin.article import from_dict, to_dict

    art = read(DATA / "headline-less-wire.txt")
    d = to_dict(art)
    assert d["title_derived"] is True
    assert from_dict(d) == art
