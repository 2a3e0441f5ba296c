"""The text layer of Arabic and Farsi handouts: real letters, in reading order, for every reader.

``pdfinfo -struct-text`` reads the tagged content in content-stream order through ToUnicode (as
screen-reader pipelines do); ``pdftotext`` reads by position and reorders right-to-left lines
itself. Both must give back the article's words in the order they are read. The examples are
built once per module.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from bulletin.article import Paragraph
from bulletin.settings import Settings
from bulletin.pipeline import build

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"
FILES = {"ar": "nashra-khat-sakhin.ar.txt", "fa": "khabarnameh-khat-dastresi.fa.txt"}
#: Presentation forms and private-use points: what a broken Arabic text layer gives back.
_NOT_LETTERS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\ue000-\uf8ff\U000f0000-\U000ffffd]")

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdfinfo, pdftotext) is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("rtl")
    settings = Settings(audio=False, deterministic=True)
    return {lang: build(EXAMPLES / name, out, settings) for lang, name in FILES.items()}


def words(text: str) -> list[str]:
    """Words as a reader compares them: bidi embedding controls (pdftotext's) end a word."""
    return re.sub("[\u202a-\u202e\u2066-\u2069]", " ", text).split()


def letters(text: str) -> list[str]:
    """Words without punctuation (vowel marks kept), digit runs as words of their own.

    poppler's bidi also cuts a number from a letter it is written against ("و4" comes back
    "و 4"), so numbers are compared as separate words on both sides.
    """
    kept = "".join(c for c in text if not unicodedata.category(c).startswith("P"))
    kept = re.sub(r"(\d+)", r" \1 ", kept)
    return [w for w in words(kept) if w]


def in_order(want: list[str], got: list[str]) -> bool:
    """True when ``want`` occurs in ``got`` as a contiguous run."""
    n = len(want)
    return any(got[i:i + n] == want for i in range(len(got) - n + 1))


def struct_text(pdf: Path) -> str:
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(re.findall(r'"(.*)"', out))


def source_lines(r) -> list[str]:
    lines = [r.article.title] + [b.text for b in r.article.blocks if isinstance(b, Paragraph)]
    return [ln for ln in lines if ln.strip()]


@needs_poppler
@pytest.mark.parametrize("lang", list(FILES))
def test_tagged_text_reads_every_paragraph_in_order(built, lang):
    """Content order through ToUnicode: the title and every paragraph, word for word."""
    r = built[lang]
    got = words(struct_text(r.files["pdf"]))
    assert not _NOT_LETTERS.search(" ".join(got))
    for line in source_lines(r):
        assert in_order(words(line), got), line


@needs_poppler
@pytest.mark.parametrize("lang", list(FILES))
def test_pdftotext_reads_every_paragraph_in_order(built, lang):
    """Position order, reordered by poppler: each source paragraph's words come back in order.

    Lines wrap, so each paragraph is compared after joining the extracted lines. Punctuation is
    left out: poppler's own bidi treats it as left-to-right ("العلامات :المساعدة").
    """
    r = built[lang]
    text = subprocess.run(["pdftotext", str(r.files["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    got = letters(text)
    assert not _NOT_LETTERS.search(text)
    for line in source_lines(r):
        assert in_order(letters(line), got), line


@pytest.mark.parametrize("lang", list(FILES))
def test_no_line_wide_actual_text_hides_the_letters(built, lang):
    """Only empty ActualText spans remain (over the dots of letters already read)."""
    found = []
    with pikepdf.open(built[lang].files["pdf"]) as pdf:
        for pg in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(pg):
                if str(op) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/ActualText" in operands[1]:
                    found.append(str(operands[1].ActualText))
    assert found and set(found) == {""}


@pytest.mark.parametrize("lang", list(FILES))
def test_tounicode_maps_shown_arabic_glyphs_to_letters(built, lang):
    """Every ToUnicode entry of the Arabic font is a letter, mark, digit or joiner, never a form."""
    with pikepdf.open(built[lang].files["pdf"]) as pdf:
        targets = []
        for pg in pdf.pages:
            for _, font in pg.obj.Resources.Font.items():
                if "Arabic" not in str(font.BaseFont):
                    continue
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    targets += [bytes.fromhex(d).decode("utf-16-be")
                                for d in re.findall(r"<[0-9A-F]{2}> <([0-9A-F]+)>", block) if d != "0000"]
    assert targets
    assert not _NOT_LETTERS.search("".join(targets))
    assert any(unicodedata.category(c) == "Lo" for t in targets for c in t)


def test_dotted_letters_read_as_themselves():
    """One skeleton glyph draws beh, teh, noon and yeh: each still reads as its own letter."""
    from bulletin.handout import fonts, logical_lines
    from bulletin.handout.words import Token

    fonts.load_for("بتني", "ar")
    fs = fonts.load_for("بتني", "ar")
    name = fs.scripts["arabic"]
    line = [Token([(c, False, None) for c in w], font=name) for w in ("بنت", "تين")]
    read, extra = logical_lines.plan({"d": "rtl", "f": name, "z": 18, "t": [[t.font, t.text, False] for t in line]})
    from bulletin.handout import tounicode

    text = "".join(tounicode.text_of(ord(g.char)) or g.char for g in read)
    assert text == "بنت تين"
    assert extra  # the dots are drawn, apart from the letters
    # Reading order is right to left on the page: the first word sits right of the second.
    first = [g.x for g in read if g.order[0] == 0]
    second = [g.x for g in read if g.order[0] == 1]
    assert min(first) > max(second)


def test_letters_are_drawn_joined_not_isolated():
    """The glyphs drawn are contextual forms: most differ from each letter's own (isolated) glyph."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from bulletin.handout import fonts, logical_lines

    word = "العلامات"
    name = fonts.load_for(word, "ar").scripts["arabic"]
    read, _ = logical_lines.plan({"d": "rtl", "f": name, "z": 18, "t": [[name, word, False]]})
    face = getFont(name).face
    drawn = [face.charToGlyph[ord(g.char)] for g in read]
    isolated = [face.charToGlyph[ord(c)] for c in word]
    assert len(drawn) == len(word)
    assert sum(d != i for d, i in zip(drawn, isolated)) >= len(word) // 2
