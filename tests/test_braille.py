"""The braille edition: real BRF files from real liblouis, checked line by line and page by page."""
from __future__ import annotations

from dataclasses import replace

import re
import shutil
from dataclasses import dataclass
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin import article as model
from bulletin import braille, writers
from bulletin.braille import codes, layout, louis
from bulletin.braille.transcribe import Transcriber, transcribe
from bulletin.cli import main
from bulletin.settings import Settings, merge
from bulletin.settings_file import from_mapping
from bulletin.errors import BuildError, InputError
from bulletin.pipeline import build

LOUIS = louis.load()
needs_louis = pytest.mark.skipif(LOUIS is None, reason=f"liblouis is not installed ({louis.INSTALL})")
BRF_BYTES = set(range(0x20, 0x60)) | {0x0D, 0x0A, 0x0C}

LONG = """Title: Know the signs of labour trafficking at work
Subtitle: A guide for neighbours, co-workers and employers across the county.
By: Outreach Desk
Date: 2026-02-01

{paras}

What to look for

- someone who works very long hours and is never free to leave the site at night
- a worker who owes a growing debt to the person who found them the job
- a person who does not hold their own passport or identity papers

Where to get help

{paras}

Get help:
Call 1-888-373-7888
Text 233733
Visit https://humantraffickinghotline.org/en/get-help
"""
PARA = ("Human trafficking happens in every community, including ours. It can look like a job "
        "that was never what it promised, a debt that keeps growing, or a person who is never "
        "allowed to speak for themselves. Call 1-888-373-7888 or send a text to 233733.")


def pages_of(data: bytes) -> list[list[str]]:
    text = data.decode("ascii")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    return [p.split("\r\n")[:-1] for p in text.split("\f")]


def make(tmp_path: Path, text: str, name: str = "notice.txt", **settings) -> tuple[Path, object]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    res = build(src, tmp_path / "out", Settings(**{"formats": ("brf",), **settings}))
    return src, res


@needs_louis
@pytest.mark.parametrize("size", [(40, 25), (32, 20), (20, 8)])
def test_lines_and_pages_never_exceed_the_size_and_page_numbers_run_on(tmp_path, size):
    cells, lines = size
    _, res = make(tmp_path, LONG.format(paras="\n\n".join([PARA] * 6)), braille_size=size)
    data = res.files["brf"].read_bytes()
    assert set(data) <= BRF_BYTES
    pages = pages_of(data)
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert len(page) == lines  # every page full length, the number on its last line
        assert all(len(ln) <= cells for ln in page)
        assert page[0].strip(), "no page starts with a blank line"
        number = layout.page_number(n)
        assert page[-1].endswith(number)
        before = page[-1][: -len(number)]
        assert before == "" or before.endswith("   ")  # three blank cells at least
    assert res.written["brf"].facts["braille_pages"] == len(pages)


@needs_louis
def test_a_phone_number_stays_whole_on_one_line(tmp_path):
    _, res = make(tmp_path, "Title: Hotline\n\nGet help:\nCall 1-888-373-7888\n")
    lines = [ln for p in pages_of(res.files["brf"].read_bytes()) for ln in p]
    assert ",CALL #A-#HHH-#CGC-#GHHH" in lines
    tr = Transcriber(LOUIS, "en")
    for width in range(20, 40):  # wherever the line would end, the number is not divided
        text = "Please remember that you can " + "always " * (width % 7) + "call 1-888-373-7888 today."
        wrapped = layout.wrap(tr.words(text), width, 2, 0)
        assert any("#A-#HHH-#CGC-#GHHH" in ln for ln in wrapped), wrapped
        assert all(len(ln) <= width for ln in wrapped)


@needs_louis
def test_a_paragraph_wraps_at_word_boundaries_only():
    tr = Transcriber(LOUIS, "en")
    text = ("Community groups and faith groups can ask for a free training about the warning "
            "signs of trafficking and where to refer people who need shelter or legal aid.")
    whole = LOUIS.translate("en-ueb-g2.ctb", text)
    words = codes.to_brf(whole.cells).split()
    for width in (12, 20, 29, 40):
        wrapped = layout.wrap(tr.words(text), width, 2, 0)
        assert [w for ln in wrapped for w in ln.split()] == words
        assert all(len(ln) <= width for ln in wrapped)


@needs_louis
def test_a_word_is_divided_only_at_its_own_hyphen():
    tr = Transcriber(LOUIS, "en")
    text = "Ask for a free one-hour training today"
    whole = codes.to_brf(LOUIS.translate("en-ueb-g2.ctb", text).cells).split()
    divided = 0
    for width in range(9, 30):
        wrapped = layout.wrap(tr.words(text), width, 0, 0)
        assert " ".join(wrapped).replace("- ", "-").split() == whole
        divided += any(ln.endswith("-") for ln in wrapped)
    assert divided  # some widths end a line at the hyphen


@needs_louis
def test_brf_matches_liblouis_own_display_table():
    """Our dots-to-BRF table gives what lou_translate prints with en-us-brf.dis (the trap: without it,
    lower case and | for the 'ou' sign)."""
    tool = shutil.which("lou_translate")
    if tool is None:
        pytest.skip("lou_translate is not installed (liblouis-bin)")
    text = "Your house: \"quoted\" (brackets) 50% & more; 24/7? Yes!"
    ours = codes.to_brf(LOUIS.translate("en-ueb-g2.ctb", text).cells)
    theirs = subprocess.run([tool, "--forward", "en-us-brf.dis,en-ueb-g2.ctb"], input=text,
                            capture_output=True, text=True, check=True).stdout.strip()
    assert ours == theirs and "\\" in ours


@needs_louis
def test_grade_1_is_uncontracted_and_longer(tmp_path):
    text = "Title: The hotline\n\nThe hotline answers the phone with people who know the way.\n"
    g2 = make(tmp_path / "a", text, braille_grade=2)[1].files["brf"].read_bytes()
    g1 = make(tmp_path / "b", text, braille_grade=1)[1].files["brf"].read_bytes()
    assert b"HOTL9E" in g2 and b"HOTLINE" in g1 and b"HOTLINE" not in g2
    assert len(re.sub(rb"\s", b"", g2)) < len(re.sub(rb"\s", b"", g1))


@needs_louis
def test_spanish_is_written_in_spanish_braille(tmp_path):
    text = "Título: Línea de ayuda\nIdioma: es\n\nLlame al 1-888-373-7888. Niño, acción, ¿qué?\n"
    _, res = make(tmp_path, text, name="aviso.txt")
    data = res.files["brf"].read_bytes()
    assert b"NI]O" in data and b"ACCI+N" in data  # es-g1's ñ and ó, not UEB's


@needs_louis
def test_a_language_without_a_table_gives_no_file_and_one_line(tmp_path):
    text = "Title: Tawagan ang hotline\nLanguage: tl\n\nTumawag sa 1-888-373-7888 kung kailangan mo ng tulong.\n"
    src = tmp_path / "abiso.txt"
    src.write_text(text, encoding="utf-8")
    res = build(src, tmp_path / "out", Settings(formats=None, audio=False))
    assert "brf" not in res.files and not list((tmp_path / "out").rglob("*.brf"))
    notes = [w for w in res.warnings if "braille" in w]
    assert len(notes) == 1 and "Tagalog" in notes[0] and "\n" not in notes[0]
    assert res.files["pdf"].is_file()
    with pytest.raises(BuildError, match="Tagalog") as e:  # asked for by name: a failure
        build(src, tmp_path / "out2", Settings(formats=("pdf", "brf")))
    assert "\n" not in str(e.value)
    assert (tmp_path / "out2" / "abiso" / "abiso-large-print.pdf").is_file()


@needs_louis
def test_a_script_the_table_cannot_write_is_refused_and_symbols_are_reported():
    art = model.Article(title="Hotline", blocks=(model.Paragraph("Ask for 李伟 at the desk."),))
    with pytest.raises(Exception, match="cannot write"):
        transcribe(art, LOUIS)
    art = model.Article(title="Hotline", blocks=(model.Paragraph("Call us \u260e today \U0001f600."),))
    data, _, warnings = transcribe(art, LOUIS)
    assert set(data) <= BRF_BYTES and len(warnings) == 1 and "left out" in warnings[0]


@needs_louis
def test_an_eight_dot_table_is_refused():
    art = model.Article(title="Օգնություն", language="hy", blocks=(model.Paragraph("Զանգահարեք 911"),))
    with pytest.raises(Exception, match="8-dot"):
        transcribe(art, LOUIS)


@dataclass(frozen=True)
class MarkedParagraph(model.Paragraph):
    """A paragraph marked with its own language, as readers that find passages mark them."""

    lang: str | None = None


@dataclass(frozen=True)
class MarkedSpan(model.Span):
    lang: str | None = None


@needs_louis
def test_a_passage_in_another_language_uses_its_table():
    para = MarkedParagraph("Llame al número de ayuda.", lang="es")
    data, _, _ = transcribe(model.Article(title="Help", blocks=(para,)), LOUIS)
    assert b"N)MERO" in data  # Spanish braille's ú, not UEB's (UEB writes it otherwise)
    text = "Ask for help (ayuda rápida) at the desk."
    start = text.index("ayuda")
    para = model.Paragraph(text, (MarkedSpan(start, start + len("ayuda rápida"), "lang", lang="es"),))
    data, _, _ = transcribe(model.Article(title="Help", blocks=(para,)), LOUIS)
    assert b"AYUDA R(PIDA" in data  # es-g1's á
    text = "Ask  for\u200d  help (ayuda rápida) at the desk."  # spans count in the text as written
    start = text.index("ayuda")
    para = model.Paragraph(text, (MarkedSpan(start, start + len("ayuda rápida"), "lang", lang="es"),))
    data, _, _ = transcribe(model.Article(title="Help", blocks=(para,)), LOUIS)
    assert b"AYUDA R(PIDA" in data and b"ASK = HELP" in data
    english = codes.to_brf(LOUIS.translate("en-ueb-g2.ctb", "rápida").cells)
    assert english.encode() not in data  # the run is not in UEB
    tagalog = MarkedParagraph("Tumawag sa hotline.", lang="tl")
    with pytest.raises(Exception, match="Tagalog"):
        transcribe(model.Article(title="Help", blocks=(tagalog,)), LOUIS)


@needs_louis
def test_decomposed_accents_are_written_as_their_letters():
    art = model.Article(title="Aviso", language="es", blocks=(model.Paragraph("Llame al número."),))
    data, _, warnings = transcribe(art, LOUIS)
    assert b"N)MERO" in data and not warnings


def test_without_liblouis_a_build_writes_everything_else(tmp_path, monkeypatch):
    monkeypatch.setattr(louis, "load", lambda: None)
    src = tmp_path / "pool.txt"
    src.write_text("Title: Pool hours\n\nThe pool opens at noon.\n", encoding="utf-8")
    res = build(src, tmp_path / "out", Settings(audio=False))
    assert res.files["pdf"].is_file() and res.files["page"].is_file() and "brf" not in res.files
    notes = [w for w in res.warnings if "liblouis" in w]
    assert len(notes) == 1 and "apt-get install liblouis-bin liblouis-data" in notes[0] or "brew" in notes[0]
    # asked for by name: the rest is written, then exit 1 in one line
    out = tmp_path / "named"
    cli = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--formats", "pdf,brf"])
    assert cli.exit_code == 1
    errors = [ln for ln in cli.output.splitlines() if ln.startswith("bulletin: error:")]
    assert len(errors) == 1 and "liblouis" in errors[0]
    assert (out / "pool" / "pool-large-print.pdf").is_file()
    assert not list(out.rglob("*.brf"))


def test_braille_size_and_grade_from_config_and_command_line(tmp_path):
    cfg = merge(from_mapping({"braille": {"size": "32x20", "grade": 1}}, tmp_path / "bulletin.toml"))
    assert (cfg.braille_size, cfg.braille_grade) == ((32, 20), 1)
    assert replace(cfg).braille_size == (32, 20)
    assert replace(cfg, braille_size=(40, 25)).braille_size == (40, 25)
    for bad in ({"size": "40 by 25"}, {"size": "5x25"}, {"grade": 3}):
        with pytest.raises(InputError, match="braille"):
            from_mapping({"braille": bad}, tmp_path / "bulletin.toml")
    res = CliRunner().invoke(main, ["build", str(tmp_path / "x.txt"), "--braille-size", "40"])
    assert res.exit_code == 2 and "CELLSxLINES" in res.output


def test_languages_have_the_codes_their_readers_read():
    assert codes.code_for("en").table == "en-ueb-g2.ctb"
    assert codes.code_for("en-GB", grade=1).table == "en-ueb-g1.ctb"
    assert codes.code_for("es-MX").table == "es-g1.ctb"
    assert codes.code_for("zh-Hant").table == "zh-tw.ctb" and codes.code_for("zh").table == "zh-chn.ctb"
    assert codes.code_for("tl") is None and codes.code_for("ja") is None
    assert writers.BY_NAME["brf"].check == "bulletin.braille:check"
    assert braille.parse_size("40x25") == (40, 25)


@needs_louis
def test_the_page_the_folder_index_and_the_manifest_list_the_braille_file(tmp_path):
    import json

    src = tmp_path / "articles"
    src.mkdir()
    (src / "pool.txt").write_text("Title: Pool hours\n\nThe pool opens at noon.\n", encoding="utf-8")
    (src / "aviso.txt").write_text("Título: Horario\nIdioma: es\n\nLa piscina abre al mediodía.\n",
                                   encoding="utf-8")
    out = tmp_path / "kit"
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--no-audio"])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"]["pool"]["kinds"]["brf"] == "pool/pool.brf"
    page = (out / "pool" / "index.html").read_text(encoding="utf-8")
    assert 'href="pool.brf"' in page and "Braille file for embossers (BRF)" in page
    assert "1 braille page" in page
    assert "Archivo braille" in (out / "aviso" / "index.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="pool/pool.brf"' in index and 'href="aviso/aviso.brf"' in index
