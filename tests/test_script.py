"""The spoken script: order, sections, pauses, sentence splitting, help box read twice."""
from __future__ import annotations

import datetime as dt

import pytest

from bulletin.article import Article, Heading, HelpBox, HelpLine, Image, ListBlock, Paragraph, Quote
from bulletin.settings import Pauses, Settings
from bulletin.speech.normalize import normalize
from bulletin.speech.script import HELPBOX_RATE, build_script, speakable, split_sentences

PAUSES = Pauses(sentence=0.3, paragraph=0.6, heading=0.8, section=1.5)
CONFIG = Settings(organisation="Eastside Outreach", pauses=PAUSES, pronunciations={"Nguyen": "Win"})

ARTICLE = Article(
    title="Free Help Is Open to Everyone",
    subtitle="Walk in any weekday.",
    byline="Lena Nguyen",
    date=dt.date(2026, 1, 5),
    blocks=(
        Paragraph("Dr. Ana Ruiz leads the team. She has worked here for years!"),
        Heading("What to bring"),
        ListBlock((Paragraph("a photo card"), Paragraph("any letters you got"))),
        Quote((Paragraph("Just come as you are."),), attribution="A volunteer"),
        Image("map.png", alt="A map of the centre"),
        HelpBox("Get help now", (HelpLine("Call the front desk"), HelpLine("Text the word HELP"))),
        Paragraph("The centre is near the park."),
    ),
)


@pytest.fixture(scope="module")
def script():
    return build_script(ARTICLE, CONFIG)


def texts(script, kind=None):
    return [u.text for u in script if kind is None or u.kind == kind]


def test_order_intro_title_meta_body_help_outro(script):
    assert script[0].text == "An audio bulletin from Eastside Outreach."
    assert script[0].section == "Introduction" and script[0].pause_after == PAUSES.section
    assert [u.text for u in script[1:5]] == [
        "Free Help Is Open to Everyone", "Walk in any weekday.", "By Lena Nguyen",
        "Published January 5, 2026."]
    assert all(u.section == ARTICLE.title for u in script[1:5])
    assert script[4].pause_after == PAUSES.section
    assert script[-1].text == "Thank you for listening." and script[-1].kind == "outro"
    assert any(u.text == "This bulletin was made by Eastside Outreach." for u in script)


def test_one_utterance_per_sentence_with_sentence_and_paragraph_pauses(script):
    i = texts(script).index("Dr. Ana Ruiz leads the team.")
    assert script[i].pause_after == PAUSES.sentence
    assert script[i + 1].text == "She has worked here for years!"
    assert script[i + 1].pause_after == PAUSES.paragraph


def test_headings_start_sections_and_are_followed_by_their_pause(script):
    h = next(u for u in script if u.kind == "heading")
    assert h.text == "What to bring" and h.section == "What to bring" and h.pause_after == PAUSES.heading
    items = [u for u in script if u.kind == "item"]
    assert [u.text for u in items] == ["a photo card", "any letters you got"]
    assert all(u.section == "What to bring" for u in items)
    # Spoken with a full stop so the voice's pitch falls, captions keep the item as written.
    assert items[0].spoken.rstrip().endswith(".")


def test_quotes_and_images_are_read(script):
    assert "Just come as you are." in texts(script, "quote")
    img = next(u for u in script if u.kind == "image")
    assert img.text == "A map of the centre" and img.spoken.startswith("Picture:")


def test_help_box_is_read_slowly_and_repeated_at_the_end(script):
    help_utts = [u for u in script if u.kind == "helpbox"]
    assert [u.text for u in help_utts] == ["Get help now", "Call the front desk", "Text the word HELP"] * 2
    assert all(u.rate_factor == HELPBOX_RATE for u in help_utts)
    assert [u.section for u in help_utts] == ["Get help"] * 3 + ["Closing"] * 3
    # One chapter each: sections never come back once left.
    order = [u.section for u in script]
    assert "What to bring (continued)" in order
    assert len({s for s in order}) == sum(1 for a, b in zip([None] + order, order) if a != b)
    # The repeat comes after everything else in the article and after the closing line.
    last_body = texts(script).index("The centre is near the park.")
    made_by = texts(script).index("This bulletin was made by Eastside Outreach.")
    second = len(script) - 1 - texts(script)[::-1].index("Get help now")
    assert last_body < made_by < second
    assert second > len(script) - 6


def test_pronunciations_change_what_is_said_not_what_is_shown(script):
    byline = next(u for u in script if u.kind == "meta" and "Nguyen" in u.text)
    assert "Win" in byline.spoken and "Nguyen" not in byline.spoken


def test_spanish_uses_its_own_wording():
    art = Article(title="Ayuda gratuita", language="es", date=dt.date(2026, 3, 3),
                  blocks=(Paragraph("Venga cuando quiera."),))
    out = build_script(art, Settings(organisation="Alcance"))
    assert out[0].text == "Un boletín de audio de Alcance."
    assert "Publicado el 3 de marzo de 2026." in [u.text for u in out]
    assert out[-1].text == "Gracias por escuchar."


def test_configured_intro_wins():
    cfg = Settings(organisation="X", intro={"en": "Hello from {organisation}."})
    out = build_script(Article(title="T", blocks=(Paragraph("Body."),)), cfg)
    assert out[0].text == "Hello from X."


@pytest.mark.parametrize("text, expected", [
    ("Dr. Ruiz will speak. Mr. Lee will not.", ["Dr. Ruiz will speak.", "Mr. Lee will not."]),
    ("She moved to the U.S. Department of Labor last year.", ["She moved to the U.S. Department of Labor last year."]),
    ("Doors open at 10 a.m. Monday to Friday.", ["Doors open at 10 a.m. Monday to Friday."]),
    ("Doors open at 10 a.m. The line forms early.", ["Doors open at 10 a.m.", "The line forms early."]),
    ("Ask for J. Smith at the desk. He can help.", ["Ask for J. Smith at the desk.", "He can help."]),
    ("Is it free? Yes! It is.", ["Is it free?", "Yes!", "It is."]),
    ("“Tell us what you saw.” Then we act.", ["“Tell us what you saw.”", "Then we act."]),
    ("“Tell us. We decide with you.” Then we act.", ["“Tell us. We decide with you.”", "Then we act."]),
    ("Bring ID, e.g. a passport. Nothing else.", ["Bring ID, e.g. a passport.", "Nothing else."]),
    ("It costs 2.5 dollars. Pay at No. 5 Main St. near the park.",
     ["It costs 2.5 dollars.", "Pay at No. 5 Main St. near the park."]),
    ("¿Es gratis? Sí. La Sra. López atiende.", ["¿Es gratis?", "Sí.", "La Sra. López atiende."]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_pronunciations_replace_whole_words_longest_first():
    table = {"José": "ho-SAY", "San José": "san ho-SAY"}
    assert normalize("San José and José; Josefina", "en", table) == "san ho-SAY and ho-SAY; Josefina"


def test_the_script_applies_pronunciations_as_normalize_does():
    """One mechanism: lowercase keys match any capitals; respellings are not read as acronyms."""
    assert speakable("Call NASA at 5", "en", {"nasa": "nassa"}) == "Call nassa at five"
    assert speakable("Ask Siobhan", "en", {"Siobhan": "SHIV AWN"}) == "Ask SHIV AWN"


def test_without_an_organisation_nothing_stands_in_for_its_name():
    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.speech.script import build_script

    art = Article(title="Pool closed", blocks=(Paragraph("The pool is closed on Monday."),))
    said = " ".join(u.spoken for u in build_script(art, Settings()))
    assert "bulletin from" not in said and "made by" not in said and "Thank you for listening" in said
    named = " ".join(u.spoken for u in build_script(art, Settings(organisation="Parks Desk")))
    assert "An audio bulletin from Parks Desk." in named and "made by Parks Desk" in named


def test_headline_less_story_is_not_read_twice():
    """A title made from the first sentence is not spoken: after the credit the voice goes on to
    the body, so the opening words are heard once."""
    from pathlib import Path

    from bulletin.readers import read

    art = read(Path(__file__).resolve().parent / "data" / "headline-less-wire.txt")
    assert art.title_derived
    said = build_script(art, Settings(pauses=PAUSES))
    spoken = [u.text for u in said]
    opening = art.title.split()[:6]
    starts = [t for t in spoken if t.split()[:6] == opening]
    assert len(starts) == 1 and starts[0] == split_sentences(art.blocks[0].text)[0]
    assert not any(u.kind == "title" for u in said)
    credit = spoken.index("City News Service")
    assert spoken[credit + 1] == starts[0]  # the credit, then straight into the body
    transcript = " ".join(spoken)
    assert transcript.count(" ".join(opening)) == 1


def test_a_real_headline_is_still_read():
    said = build_script(ARTICLE, CONFIG)
    assert [u.text for u in said if u.kind == "title"][0] == ARTICLE.title
