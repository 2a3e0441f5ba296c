"""The document model: plain-data round trip and text extraction."""
import datetime as dt

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
    from bulletin.config import Config
    from bulletin.pipeline import Overrides, read_article

    src = tmp_path / "a.txt"
    src.write_text("Horario\n\nLa biblioteca abre a las diez.\n", encoding="utf-8")
    assert read_article(src, Config(), Overrides(language="es_MX")).language == "es-MX"
    cfg = tmp_path / "bulletin.toml"
    cfg.write_text('[organisation]\nlanguage = "es_mx"\n', encoding="utf-8")
    from bulletin import config as cfgmod

    assert cfgmod.load(cfg).language == "es-MX"
