"""Speech in the languages of the people served: the catalogue's spoken phrases, sentences in
every script, which engine speaks what, and a build that keeps its handout when no voice can."""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from bulletin import i18n
from fake_voices import spanish_piper_voice
from bulletin.article import Article, HelpBox, HelpLine, Paragraph
from bulletin.cli import main
from bulletin.settings import Settings
from bulletin.speech.engines import NoVoiceError, select_engine
from bulletin.speech.engines.gtts import supported_language
from bulletin.speech.script import build_script, catalogue_code, split_sentences, wording

ORG = "Harbor Outreach"
CONFIG = Settings(organisation=ORG)


def _article(lang: str, **kw) -> Article:
    return Article(title="T1", language=lang, blocks=(
        Paragraph("B1."), HelpBox("H", (HelpLine("L1"),))), **kw)


def _texts(script, kind):
    return [u.text for u in script if u.kind == kind]


@pytest.mark.parametrize("lang", [c for c in i18n.languages()])
def test_every_catalogue_language_speaks_its_own_intro_outro_and_thanks(lang):
    out = build_script(_article(lang), CONFIG)
    assert out[0].text == i18n.t(lang, "speech.intro", organisation=ORG)
    assert out[0].section == i18n.t(lang, "speech.intro_section")
    outro = _texts(out, "outro")
    assert outro[0] == i18n.t(lang, "speech.outro", organisation=ORG)
    assert i18n.t(lang, "speech.again") in outro
    assert out[-1].text == i18n.t(lang, "speech.thanks")
    assert out[-1].section == i18n.t(lang, "speech.closing_section")
    # the help box in the body is its own chapter, named in the language
    assert any(u.section == i18n.t(lang, "speech.help_section") for u in out if u.kind == "helpbox")


def test_configured_intro_for_a_language_wins_over_the_catalogue():
    cfg = Settings(organisation=ORG, intro={"vi": "Xin chào từ {organisation}."}, outro={"*": "Hết."})
    out = build_script(_article("vi"), cfg)
    assert out[0].text == f"Xin chào từ {ORG}."
    assert _texts(out, "outro")[0] == "Hết."
    assert out[-1].text == i18n.t("vi", "speech.thanks")


def test_a_language_without_a_catalogue_says_no_fixed_phrases():
    """English sentences read by a French voice would be worse than none: they are left out."""
    out = build_script(_article("fr"), CONFIG)
    assert catalogue_code("fr") is None and wording("fr") is None
    assert out[0].kind == "title" and out[0].text == "T1"
    assert not any(u.text in (i18n.t("en", "speech.thanks"), i18n.t("en", "speech.again")) for u in out)
    # chapter titles (read on a screen, not heard) fall back to English
    assert out[-1].section == "Closing"


def test_spoken_languages_find_the_catalogue_of_their_script():
    assert catalogue_code("yue") == "zh-Hant" and catalogue_code("zh-Hant-HK") == "zh-Hant"
    assert catalogue_code("es-MX") == "es" and catalogue_code("fil") == "tl"
    assert catalogue_code("en-GB") == "en"


def test_byline_and_date_are_worded_in_the_language():
    vi = build_script(_article("vi", byline="Lan Trần", date=dt.date(2026, 1, 5)), CONFIG)
    meta = _texts(vi, "meta")
    assert meta[0] == "Tác giả: Lan Trần"
    assert meta[1] == "Đăng ngày 5 tháng 1 năm 2026."
    es = build_script(_article("es", byline="Por Equipo de Alcance", date=dt.date(2026, 1, 5)),
                      CONFIG)
    assert _texts(es, "meta") == ["Por Equipo de Alcance", "Publicado el 5 de enero de 2026."]
    # numbers in the date are said in words by the Spanish rules
    assert "cinco de enero de dos mil veintiséis" in [u for u in es if u.kind == "meta"][1].spoken
    ru = build_script(_article("ru", date=dt.date(2026, 1, 5)), CONFIG)
    assert _texts(ru, "meta") == ["Опубликовано 5 января 2026 г."]


@pytest.mark.parametrize("text, n", [
    ("人口贩卖可能发生在任何社区。它可能看起来像一份工作！请打电话。", 3),
    ("인신매매는 어디서나 일어납니다. 전화하세요. 도움을 받으세요.", 3),
    ("قد يحدث الاتجار بالبشر في أي مجتمع. اتصل بنا؟ نحن هنا.", 3),
    ("Մարդկանց թրաֆիքինգը կարող է տեղի ունենալ։ Զանգահարեք։", 2),
    ("मानव तस्करी कहीं भी हो सकती है। मदद के लिए फ़ोन करें।", 2),
    ("Ask for J. Smith at the desk. He can help.", 2),
])
def test_sentences_split_in_every_script(text, n):
    parts = split_sentences(text)
    assert len(parts) == n and "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_google_language_codes_for_the_threshold_tags():
    from gtts.lang import tts_langs

    table = tts_langs()
    assert supported_language("zh-Hans", table) == "zh-CN"
    assert supported_language("zh-Hant", table) == "zh-TW"
    assert supported_language("yue", table) == "yue"
    assert supported_language("fil", table) == "tl"
    assert supported_language("es-MX", table) == "es"
    assert supported_language("hy", table) is None and supported_language("fa", table) is None


@pytest.mark.parametrize("engine, lang, says", [
    ("gtts", "hy", "use --engine espeak"),
    ("gtts", "fa", "use --engine espeak"),
    ("espeak", "km", "try --engine gtts"),
    ("auto", "tl", "try --engine gtts"),
    ("auto", "xx", "Google's voice has none either"),
])
def test_no_voice_for_a_language_is_one_line_naming_what_would_speak_it(engine, lang, says):
    with pytest.raises(NoVoiceError) as e:
        select_engine(replace(CONFIG, engine=engine), lang)
    assert says in str(e.value) and "\n" not in str(e.value) and e.value.exit_code == 1


@pytest.mark.parametrize("lang, voice", [("es", "roa/es-419"), ("fa", "ira/fa"), ("hy", "ine/hy"),
                                         ("zh-Hant", "sit/cmn"), ("yue", "sit/yue")])
def test_espeak_speaks_threshold_languages_offline(lang, voice):
    from bulletin.speech.engines.espeak import find_voice

    engine, notes = select_engine(CONFIG, lang)
    assert engine.name == "espeak" and find_voice(lang).identifier == voice
    speech = engine.synthesize("1 2 3", lang, 150)
    assert speech.duration > 0.3 and abs(speech.samples).max() > 0.05


ARMENIAN = """Title: Թեժ գիծ օգնության համար
Language: hy

Մարդկանց թրաֆիքինգը կարող է տեղի ունենալ ցանկացած համայնքում։ Զանգահարեք մեզ։
"""


def test_armenian_with_google_keeps_the_handout_and_refuses_the_audio(tmp_path):
    src = tmp_path / "tezh-gits.hy.txt"
    src.write_text(ARMENIAN, encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--engine", "gtts"])
    assert res.exit_code == 1
    errors = [line for line in res.output.splitlines() if "error" in line]
    assert len(errors) == 1 and "does not speak language 'hy'" in errors[0]
    folder = tmp_path / "out" / "tezh-gits-hy"
    pdf = folder / "tezh-gits-hy-large-print.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and (folder / "index.html").is_file()
    assert not list(folder.glob("*.mp3")) and not list(folder.glob("*.tmp*"))
    import pikepdf

    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang).startswith("hy") and len(doc.pages) >= 1


def test_a_spanish_piper_voice_given_with_voice_is_used_for_spanish(tmp_path):
    model = spanish_piper_voice(tmp_path)
    engine, notes = select_engine(replace(CONFIG, voice=model), "es")
    assert engine.name == "piper" and notes == []
    speech = engine.synthesize("Hola, buenos días.", "es", 150)
    assert speech.duration > 0.5 and abs(speech.samples).max() > 0.05
    res = CliRunner().invoke(main, ["voices", "--threshold", "--json", "--voice", str(model)])
    spanish = next(r for r in json.loads(res.output) if r["language"] == "es")
    assert spanish["piper"] == "es_MX-prueba-medium"


SPANISH = """Title: La ayuda está a una llamada
Language: es
Date: 2026-01-05

Si alguien está en peligro, llame al 911. Hay asesores que hablan español.

Obtenga ayuda:
- Llame al 1-888-373-7888 (las 24 horas)
- Envíe un mensaje de texto al 233733
- En peligro inmediato: 911
"""


@pytest.fixture(scope="module")
def spanish_mp3(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("es")
    src = tmp / "aviso.es.txt"
    src.write_text(SPANISH, encoding="utf-8")
    (tmp / "bulletin.toml").write_text('[organisation]\nname = "Equipo de Alcance"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp / "out"), "--engine", "espeak",
                                    "--no-cache"])
    assert res.exit_code == 0, res.output
    return tmp / "out" / "aviso-es" / "aviso-es.mp3"


def test_spanish_mp3_is_tagged_spanish_and_speaks_spanish_intro_and_outro(spanish_mp3):
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    tags = ID3(spanish_mp3)
    assert str(tags["TLAN"]) == "spa"
    heard = tags.getall("USLT")[0].text
    assert heard.startswith("Un boletín de audio de Equipo de Alcance.")
    assert "Gracias por escuchar." in heard and "Una vez más, así puede pedir ayuda." in heard
    assert "uno, ocho ocho ocho, tres siete tres, siete ocho ocho ocho" in heard
    assert "cinco de enero de dos mil veintiséis" in heard
    assert MP3(spanish_mp3).info.length > 10
