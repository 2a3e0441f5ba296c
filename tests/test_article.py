"""The document model: plain-data round trip and text extraction."""
import datetime as dt

import pytest

from bulletin.article import (Article, HelpBox, HelpLine, Heading, Image, ListBlock, Paragraph, Quote, Span,
                              article_text, from_dict, to_dict)
from bulletin.helplines import parse_help_line


def sample() -> Article:
    return Article(
        title="Know the “Signs”", subtitle="A deck", byline="By Ana Ruiz", credit="City News Service",
        date=dt.date(2026, 1, 5), language="es",
        blocks=(Heading("Señales", 2),
                Paragraph("Call — now: see site.", (Span(16, 20, "link", "https://example.org"),)),
                ListBlock((Paragraph("one"), Paragraph("two")), ordered=True, start=3),
                Quote((Paragraph("Tell us what you saw."),), "a coordinator"),
                HelpBox("Get help", (parse_help_line("Call 1-888-373-7888"), HelpLine("Text 233733", sms="233733"))),
                Image("photo.jpg", "Volunteers with hotline cards")),
        warnings=("removed photo credit",))


def test_round_trip_keeps_everything():
    a = sample()
    back = from_dict(to_dict(a))
    assert back == a and back.warnings == a.warnings


def test_json_shape_has_type_and_text():
    d = to_dict(sample())
    assert [b["type"] for b in d["blocks"]] == ["heading", "paragraph", "list", "quote", "helpbox", "image"]
    assert d["blocks"][1]["text"] == "Call — now: see site." and d["date"] == "2026-01-05"
    assert d["blocks"][4]["lines"][0]["phone"] == "1-888-373-7888"


def test_article_text_in_reading_order():
    t = article_text(sample())
    assert t.index("Know the") < t.index("Señales") < t.index("two") < t.index("233733") < t.index("Volunteers")
    assert sample().helpbox.title == "Get help"


def test_language_tags_are_normalised_to_bcp47():
    from bulletin.article import language_tag

    assert [language_tag(t) for t in ("es_MX", "EN-us", "zh-hant", "en", " vi ")] == [
        "es-MX", "en-US", "zh-Hant", "en", "vi"]


def test_an_underscore_language_option_reaches_every_writer_as_bcp47(tmp_path):
    from bulletin.settings import Settings
    from bulletin.pipeline import read_article
    from bulletin.settings import Overrides

    src = tmp_path / "a.txt"
    src.write_text("Horario\n\nLa biblioteca abre a las diez.\n", encoding="utf-8")
    assert read_article(src, Settings(overrides=Overrides(language="es_MX"))).language == "es-MX"
    cfg = tmp_path / "bulletin.toml"
    cfg.write_text('[organisation]\nlanguage = "es_mx"\n', encoding="utf-8")
    from bulletin import settings_file

    assert settings_file.read(cfg).language == "es-MX"


# ---------------------------------------------------------------- every writer has a case for every block
from bulletin.article import BLOCK_TYPES  # noqa: E402

SAMPLES = {
    Heading: Heading("Opening hours"),
    Paragraph: Paragraph("The branch opens at nine."),
    ListBlock: ListBlock((Paragraph("Bring a card."), Paragraph("Bring a bag."))),
    Quote: Quote((Paragraph("Come early."),), "the librarian"),
    HelpBox: HelpBox("Get help", (HelpLine("Call 555-0100", phone="555-0100"),)),
    Image: Image("pic.png", "The front door"),
}


class Leaflet:
    """A block type no writer knows: stands for one added to the model and forgotten."""

    text = "A leaflet"


def _switches():
    """Every function that switches over block types, as (name, function of an article)."""
    from bulletin import article as model, inspect_text
    from bulletin.braille import transcribe
    from bulletin.braille.louis import load as load_louis
    from bulletin.settings import Settings
    from bulletin.handout import render_pdf
    from bulletin.readers import passages
    from bulletin.speech.script import build_script
    from bulletin.web import html_text
    from bulletin.web.labels import Labels

    from bulletin import booktext

    yield "inspect", inspect_text.describe
    yield "book text", lambda art: booktext.book_text(art, booktext.EPUB)
    yield "block_text", model.article_text
    yield "json", model.to_dict
    yield "passages", model.passages
    yield "mark_passages", passages.mark_passages
    yield "web page", lambda art: html_text.blocks(art.blocks, Labels("en"))
    yield "handout", lambda art: render_pdf(art, Settings(audio=False, deterministic=True))
    yield "script", lambda art: build_script(art, Settings())
    louis = load_louis()
    if louis is not None:  # without liblouis the braille writer never reaches its switch
        yield "braille", lambda art: transcribe.lines_of(art, transcribe.Transcriber(louis, "en"), 40)


def test_the_samples_cover_every_block_type():
    assert set(SAMPLES) == set(BLOCK_TYPES)


@pytest.mark.parametrize("name,switch", list(_switches()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_switch_has_a_case_for_every_block_and_refuses_an_unknown_one(name, switch):
    switch(Article("Library news", blocks=tuple(SAMPLES.values())))
    with pytest.raises(TypeError, match="Leaflet"):
        switch(Article("Library news", blocks=(Paragraph("Before."), Leaflet())))
