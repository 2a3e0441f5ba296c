"""Choosing the reader by content, not by the file name."""
import pytest

from bulletin.errors import InputError
from bulletin.readers import detect_format, read

PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Park Reopens</title></head><body><article>"
        "<h1>Park Reopens</h1><p>The city park reopens on Saturday after a long renovation of "
        "the playground, the paths and the picnic area near the lake.</p>"
        "<p>Visitors can park on Oak Street.</p></article></body></html>")
MARKDOWN = "# Park Reopens\n\nThe park reopens on [Saturday](https://example.org).\n\n## Parking\n\nOak Street.\n"


@pytest.mark.parametrize("text,suffix,kind", [
    (PAGE, ".txt", "html"),
    (PAGE, "", "html"),
    ("<p>one</p><p>two</p><div>three</div>", ".txt", "html"),
    (MARKDOWN, "", "markdown"),
    (MARKDOWN, ".txt", "markdown"),
    ("---\ntitle: Hi\n---\nBody text.\n", "", "markdown"),
    ("Plain notice\n\nBody text.\n", ".md", "markdown"),
    ("Plain notice\n\n- a list item\n- another\n\nText with 5 < 6 and a > b.\n", "", "text"),
    ("Title: Notice\n\nSee [the map](https://example.org).\n", "", "text"),
    ("Ordinary text, nothing else.\n", ".html", "text"),
])
def test_detect_format(text, suffix, kind):
    assert detect_format(text, suffix) == kind


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(PAGE, encoding="utf-8")
    art = read(p)
    assert art.title == "Park Reopens"
    assert all("<" not in b.text for b in art.blocks)
    assert art.blocks[-1].text == "Visitors can park on Oak Street."


def test_markdown_without_extension_is_read_as_markdown(tmp_path):
    p = tmp_path / "notice"
    p.write_text(MARKDOWN, encoding="utf-8")
    art = read(p)
    assert art.title == "Park Reopens"
    assert art.blocks[0].links[0].href == "https://example.org"


def test_fmt_overrides_detection_and_unknown_fmt_is_refused():
    as_text = read(MARKDOWN.encode(), fmt="text")
    assert "[Saturday](https://example.org)" in as_text.blocks[0].text  # no link: read as plain text
    assert not as_text.blocks[0].links
    with pytest.raises(InputError, match="unknown format"):
        read(b"text", fmt="docx")


@pytest.mark.parametrize("make,words", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "folder"),
])
def test_unreadable_paths_are_input_errors(tmp_path, make, words):
    with pytest.raises(InputError, match=words):
        read(make(tmp_path))
