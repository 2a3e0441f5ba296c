"""bulletin.toml: defaults, a real organisation file, and one-line errors naming file and key."""
from pathlib import Path

import pytest

from bulletin import settings_file
from bulletin.settings import Pauses, spoken_text
from bulletin.errors import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "assets" / "examples" / "bulletin.toml"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bulletin.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_no_file_gives_defaults(tmp_path):
    cfg = settings_file.read(cwd=tmp_path)
    assert cfg.source is None and cfg.paper == "letter" and cfg.size == 18 and cfg.helpbox is None


def test_found_in_working_directory(tmp_path):
    write(tmp_path, '[organisation]\nname = "Eastside Library"\n')
    assert settings_file.read(cwd=tmp_path).organisation == "Eastside Library"


def test_example_config_loads_with_hotline_box():
    cfg = settings_file.read(EXAMPLE)
    assert cfg.organisation and cfg.series
    lines = cfg.helpbox.lines
    assert any(ln.phone == "1-888-373-7888" for ln in lines)
    assert any(ln.sms == "233733" for ln in lines)
    assert spoken_text(cfg.intro, "es-MX", "x").startswith("Un boletín")
    assert spoken_text(cfg.intro, "fr", "default") == "default"


def test_every_setting_round_trips(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n")
    p = write(tmp_path, """
[organisation]
name = "Org"
logo = "logo.png"
series = "Series"
base_url = "https://example.org/b/"
language = "es"
[print]
paper = "A4"
size = 24
[voice]
engine = "espeak"
rate = 140
audio_profile = "radio"
tld = "com.mx"
intro = "Hola de {organisation}."
[pauses]
sentence = 0.5
[pronunciations]
Nguyen = "Win"
""")
    cfg = settings_file.read(p)
    assert (cfg.paper, cfg.size, cfg.engine, cfg.rate, cfg.audio_profile, cfg.tld) == (
        "a4", 24, "espeak", 140, "radio", "com.mx")
    assert cfg.logo == logo.resolve() and cfg.language == "es" and cfg.base_url.endswith("/b/")
    assert cfg.pauses.sentence == 0.5 and cfg.pauses.paragraph == Pauses().paragraph
    assert cfg.pronunciations == {"Nguyen": "Win"}
    assert spoken_text(cfg.intro, "es", "") == "Hola de {organisation}."


@pytest.mark.parametrize("text, key", [
    ('[organisation]\nnmae = "x"\n', "organisation.nmae"),
    ('[printing]\nsize = 18\n', "printing"),
    ('[print]\nsize = "18"\n', "print.size"),
    ('[print]\nsize = 12\n', "print.size"),
    ('[print]\npaper = "legal"\n', "print.paper"),
    ('[voice]\nengine = "say"\n', "voice.engine"),
    ('[voice]\nrate = true\n', "voice.rate"),
    ('[pauses]\nsentence = -1\n', "pauses.sentence"),
    ('[helpbox]\nlines = "Call 911"\n', "helpbox.lines"),
    ('[helpbox]\nlines = ["Call 911", 3]\n', "helpbox.lines[1]"),
    ('[organisation]\nlogo = "missing.png"\n', "organisation.logo"),
    ('[pronunciations]\nNguyen = 1\n', "pronunciations.Nguyen"),
    ('organisation = "x"\n', "organisation"),
])
def test_bad_settings_name_file_and_key(tmp_path, text, key):
    p = write(tmp_path, text)
    with pytest.raises(InputError) as e:
        settings_file.read(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}: {key}:") and "\n" not in msg


def test_unreadable_toml_and_missing_file(tmp_path):
    p = write(tmp_path, "[organisation\nname = 1")
    with pytest.raises(InputError, match="not valid TOML"):
        settings_file.read(p)
    with pytest.raises(InputError, match="no such config file"):
        settings_file.read(tmp_path / "nope.toml")


def test_found_beside_the_article(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    write(articles, '[organisation]\nname = "Westside Clinic"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert settings_file.read(cwd=elsewhere, near=articles / "a.txt").organisation == "Westside Clinic"
    assert settings_file.read(cwd=elsewhere, near=articles).organisation == "Westside Clinic"
    write(elsewhere, '[organisation]\nname = "Here"\n')
    assert settings_file.read(cwd=elsewhere, near=articles / "a.txt").organisation == "Here"
