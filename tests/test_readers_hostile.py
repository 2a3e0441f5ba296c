"""Hostile article files: what people paste or pick by mistake, built end to end.

Each class of input either builds a valid handout whose text holds every visible character
(or a warning names what was dropped), or is refused with one InputError line.
"""
from __future__ import annotations


import codecs
import re

import pikepdf
import pytest

from bulletin.settings import Settings
from bulletin.errors import InputError
from bulletin.pipeline import build
from bulletin.readers import read
from pdf_text import pdf_text, squeeze

HANDOUT_ONLY = Settings(audio=False, deterministic=True)

INPUTS: dict[str, bytes] = {
    "cp1252.txt": b"Title: Caf\xe9 notice\n\nThe caf\xe9 opens at 9 \x96 bring \x93ID\x94 and \x81 nothing else.\n",
    "utf16-bom.txt": codecs.BOM_UTF16_LE + "Title: Aviso\n\nLa clínica abre el lunes.\n".encode("utf-16-le"),
    "utf16-nobom.txt": "Title: Aviso sin marca\n\nLa clínica abre el martes.\n".encode("utf-16-le"),
    "utf16be-nobom.txt": "Title: Big endian\n\nThe clinic opens Wednesday.\n".encode("utf-16-be"),
    "mixed.txt": ("Title: Many scripts\n\nEnglish, Русский, Ελληνικά, Tiếng Việt, العربية, हिन्दी, "
                  "中文 and 한국어 in one paragraph.\n").encode(),
    "emoji.txt": "Title: Party 🎉\n\nBring food 🍲 ✓ ★ € ™ ∑ → ½ © and family 👨‍👩‍👧.\n".encode(),
    "controls.txt": ("Title: Invisible things\n\nPay to \u202egnp.exe\u202c now. Zero\u200bwidth "
                     "\u2066isolate\u2069 bell\x07 escape\x1b[0m done.\n").encode(),
    "long-token.txt": ("Title: Long address\n\nVisit https://example.org/" + "a" * 5000 + " today. Code "
                       + "Z9" * 1500 + " ends here.\n").encode(),
    "title-only.txt": b"Title: Clinic closed today\n",
    "one-word.txt": b"Closed\n",
    "page-named.txt": b"<!doctype html><html><body><h1>Saved page</h1><p>Text of the saved page.</p></body></html>",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, object]:
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("out")
    results = {}
    for name, data in INPUTS.items():
        (src / name).write_bytes(data)
        results[name] = build(src / name, out, HANDOUT_ONLY)
    return results


def text_of(result) -> str:
    return squeeze(pdf_text(result.files["pdf"]))


@pytest.mark.parametrize("data,words", [
    (b"", "is empty"),
    (b"  \n\t \r\n\n", "no text"),
    (bytes(range(256)) * 4, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Word (.docx)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG picture"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8\x00", "damaged"),
], ids=["empty", "whitespace", "binary", "pdf-as-md", "docx", "png", "broken-utf16"])
def test_unusable_files_are_refused_in_one_line(tmp_path, data, words):
    path = tmp_path / "article.md"  # the wrong extension does not matter: the bytes decide
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read(path)
    assert words in str(e.value) and "\n" not in str(e.value)
    assert e.value.exit_code == 2


def test_every_build_gives_a_pdf_that_opens(built):
    for name, result in built.items():
        with pikepdf.open(result.files["pdf"]) as pdf:
            assert len(pdf.pages) >= 1, name
        assert result.files["page"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>"), name


def test_undecodable_bytes_are_read_as_cp1252_and_said(built):
    r = built["cp1252.txt"]
    assert "Thecaféopensat9–bring“ID”andnothingelse." in text_of(r)
    assert any("not UTF-8" in w and "Windows-1252" in w for w in r.warnings)


@pytest.mark.parametrize("name,words", [("utf16-bom.txt", "Laclínicaabreellunes."),
                                        ("utf16-nobom.txt", "Laclínicaabreelmartes."),
                                        ("utf16be-nobom.txt", "TheclinicopensWednesday.")])
def test_utf16_with_or_without_a_byte_order_mark(built, name, words):
    assert words in text_of(built[name])
    assert ("byte-order mark" in " ".join(built[name].warnings)) == ("nobom" in name)


def test_mixed_scripts_all_reach_the_pdf_text(built):
    text = text_of(built["mixed.txt"])
    for word in ("Русский", "Ελληνικά", "TiếngViệt", "العربية", "हिन्दी", "中文", "한국어"):
        assert word in text, word


def test_emoji_and_symbols_are_printed_or_reported(built):
    r = built["emoji.txt"]
    text = pdf_text(r.files["pdf"])
    reported = " ".join(r.warnings)
    for ch in "🎉🍲✓★€™∑→½©👨👩👧":
        assert ch in text or f"U+{ord(ch):04X}" in reported, ch


def test_bidi_overrides_and_controls_are_removed_and_reported(built):
    r = built["controls.txt"]
    raw = pdf_text(r.files["pdf"])
    assert not any(c in raw for c in "\u202e\u202c\u2066\u2069\u200b\x07\x1b")
    text = squeeze(raw)
    # Logical order survives: the file name reads as typed, not reversed by the override.
    assert "Paytognp.exenow." in text and "Zerowidthisolatebellescape[0mdone." in text
    notes = " ".join(r.warnings)
    assert "U+202E" in notes and "bidirectional" in notes and "control character" in notes
    assert "\u202e" not in r.files["article"].read_text(encoding="utf-8")
    assert "\u202e" not in r.files["page"].read_text(encoding="utf-8")


def test_a_5000_character_token_is_printed_whole_and_reported_on_one_short_line(built):
    r = built["long-token.txt"]
    pages = len(pikepdf.open(r.files["pdf"]).pages)
    # Page footers between pages; the page count is known, so a digit starting the next page stays.
    text = re.sub(rf"Page\d+of{pages}", "", text_of(r))
    assert "https://example.org/" + "a" * 5000 in text and "Z9" * 1500 in text
    long_notes = [w for w in r.warnings if "wider than a line" in w]
    assert len(long_notes) == 2 and all(len(w) < 200 and "\n" not in w for w in long_notes)


@pytest.mark.parametrize("name,title", [("title-only.txt", "Clinicclosedtoday"), ("one-word.txt", "Closed")])
def test_title_only_and_one_word_articles_still_make_a_handout(built, name, title):
    r = built[name]
    assert r.article.title.replace(" ", "") == title
    assert title in text_of(r)


def test_html_saved_as_txt_is_read_as_html(built):
    r = built["page-named.txt"]
    assert r.article.title == "Saved page"
    assert "<p>" not in pdf_text(r.files["pdf"])


def test_one_word_article_also_gets_a_spoken_version(tmp_path):
    """Decision: a one-word notice ("Closed") is a real notice, so it gets its MP3 too."""
    import soundfile as sf

    src = tmp_path / "closed.txt"
    src.write_bytes(b"Closed\n")
    r = build(src, tmp_path / "out", Settings(engine="espeak", deterministic=True, cache=False))
    info = sf.info(str(r.files["mp3"]))
    assert info.frames > 0 and r.duration > 1.0
    assert "Closed" in r.files["transcript"].read_text(encoding="utf-8")
