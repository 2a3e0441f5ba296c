"""A natural voice wherever one can be had, and every passage in its own language (issue 17).

Google's transport is faked (requests' HTTPAdapter.send) and sockets are blocked where the test
says "sends nothing": none of these tests touches the network.
"""
from __future__ import annotations

from dataclasses import replace

import json
import os
import re
import socket
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from mutagen.id3 import ID3

from bulletin.article import Paragraph
from bulletin.cli import main
from bulletin.settings import Settings
from bulletin.settings_file import read as load
from bulletin.pipeline import read_article
from fake_voices import google_body, spanish_piper_voice, tiny_mp3
from bulletin.settings import Overrides
from bulletin.readers.passages import mark_paragraph, marked
from bulletin.speech.casting import Casting
from bulletin.speech.engines import network
from bulletin.speech.regions import google_tld
from bulletin.speech.script import build_script
from bulletin.speech.synthesize import speak

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"
SPANISH = EXAMPLES / "aviso-trata.es.txt"
EIGHT = EXAMPLES / "help-line-eight-languages.txt"


class FakeGoogle:
    """HTTPAdapter.send: the probe (HEAD) gets 200; speech requests get audio, until ``fail_after``
    of them have been answered, then a dropped connection."""

    def __init__(self, fail_after: int | None = None):
        self.fail_after = fail_after
        self.urls: list[str] = []
        self.speech = 0
        self.body = google_body(tiny_mp3(0.3, 330))

    def __call__(self, adapter, request, **kw):
        self.urls.append(request.url)
        if request.method != "HEAD":
            if self.fail_after is not None and self.speech >= self.fail_after:
                raise requests.exceptions.ConnectionError("network went away")
            self.speech += 1
        r = requests.Response()
        r.status_code, r.reason, r.request, r.url = 200, "OK", request, request.url
        r._content = b"" if request.method == "HEAD" else self.body
        return r


@pytest.fixture
def google(monkeypatch, online):
    def install(**kw) -> FakeGoogle:
        fake = FakeGoogle(**kw)
        monkeypatch.setattr(requests.adapters.HTTPAdapter, "send",
                            lambda adapter, request, **k: fake(adapter, request, **k))
        return fake
    return install


@pytest.fixture
def no_sockets(monkeypatch):
    """Any attempt to reach the network is recorded and refused."""
    tried: list[object] = []

    def refuse(*a, **k):
        tried.append(a)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


def _voice_frame(mp3: Path) -> list[str]:
    frames = ID3(mp3).getall("TXXX:voice")
    return list(frames[0].text) if frames else []


def _build(tmp_path: Path, article: Path, *args: str, config: Path | None = None):
    out = tmp_path / "out"
    cmd = ["build", str(article), "-o", str(out), "--no-cache", *args]
    if config is not None:
        cmd += ["--config", str(config)]
    res = CliRunner().invoke(main, cmd)
    slug = re.sub(r"[^\w]+", "-", article.stem.lower()).strip("-")
    return res, out / slug


# ---------------------------------------------------------------------- [voices] in bulletin.toml
def test_a_voices_entry_for_spanish_makes_a_spanish_build_use_piper_and_say_so(tmp_path):
    spanish_piper_voice(tmp_path / "voices")
    toml = tmp_path / "bulletin.toml"
    toml.write_text('[voices]\nes = "voices/es_MX-prueba-medium.onnx"\n', encoding="utf-8")
    res, folder = _build(tmp_path, SPANISH, "--offline", config=toml)
    assert res.exit_code == 0, res.output
    assert _voice_frame(folder / "aviso-trata-es.mp3") == ["piper es_MX-prueba-medium"]
    assert "read by        piper es_MX-prueba-medium" in res.output
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "voz de computadora" in page and "piper es_MX-prueba-medium" in page
    assert "espeak" not in res.output


def test_bulletin_voices_lists_and_loads_the_configured_voices(tmp_path):
    spanish_piper_voice(tmp_path / "voices")
    toml = tmp_path / "bulletin.toml"
    toml.write_text('[voices]\nes-MX = "voices/es_MX-prueba-medium.onnx"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["voices", "--json", "--config", str(toml)])
    assert res.exit_code == 0, res.output
    rows = [r for r in json.loads(res.output) if r["engine"] == "piper"]
    mine = next(r for r in rows if r["language"] == "es-MX")
    assert mine["voice"] == "es_MX-prueba-medium" and mine["offline"] and mine["usable"]


@pytest.mark.parametrize("entry, setup, says", [
    ('vi = "voices/vi_VN-nobody.onnx"', None, "voice file not found"),
    ('vi = "voices/vi.onnx"', "no-json", "vi.onnx.json is missing"),
    ('vi = "voices/vi.txt"', "txt", "not a Piper voice"),
])
def test_a_missing_voice_file_is_one_line_naming_the_file_and_the_key(tmp_path, entry, setup, says):
    voices = tmp_path / "voices"
    voices.mkdir()
    if setup == "no-json":
        (voices / "vi.onnx").write_bytes(b"x")
    if setup == "txt":
        (voices / "vi.txt").write_text("x")
    toml = tmp_path / "bulletin.toml"
    toml.write_text(f"[voices]\n{entry}\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["voices", "--config", str(toml)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "voices.vi" in lines[0] and str(toml) in lines[0] and says in lines[0]


def test_a_broken_voice_file_is_one_line_naming_the_file_and_the_key(tmp_path):
    model = spanish_piper_voice(tmp_path / "voices")
    broken = model.with_name("ko_KR-broken.onnx")
    broken.write_bytes(b"this is not a neural network")
    broken.with_name(broken.name + ".json").write_text(model.with_name(model.name + ".json").read_text())
    toml = tmp_path / "bulletin.toml"
    toml.write_text('[voices]\nko = "voices/ko_KR-broken.onnx"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["voices", "--config", str(toml)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "voices.ko" in lines[0] and "ko_KR-broken.onnx" in lines[0]
    assert "Traceback" not in res.output


# ---------------------------------------------------------------------- offline
def test_offline_mexican_spanish_gets_espeak_latin_american_and_one_note(tmp_path, online, no_sockets):
    res, folder = _build(tmp_path, SPANISH, "--lang", "es-MX", "--offline")
    assert res.exit_code == 0, res.output
    assert _voice_frame(folder / "aviso-trata-es.mp3") == ["espeak es-419"]
    notes = [ln for ln in res.output.splitlines() if "natural voice is available online" in ln]
    assert len(notes) == 1 and "(--engine gtts)" in notes[0] and "Piper voice file" in notes[0]
    assert no_sockets == []  # --offline: not even the probe


def test_online_false_in_the_settings_file_never_probes(tmp_path, online, no_sockets):
    toml = tmp_path / "bulletin.toml"
    toml.write_text("[voice]\nonline = false\n", encoding="utf-8")
    assert load(toml).offline is True
    res, folder = _build(tmp_path, SPANISH, "--lang", "es-MX", config=toml)
    assert res.exit_code == 0, res.output
    assert _voice_frame(folder / "aviso-trata-es.mp3") == ["espeak es-419"]
    assert no_sockets == []


def test_google_with_offline_is_refused_in_one_line(tmp_path, online, no_sockets):
    res, folder = _build(tmp_path, SPANISH, "--engine", "gtts", "--offline")
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "--offline" in lines[0] and "gtts" in lines[0]
    assert not folder.exists() and no_sockets == []


def test_a_network_that_does_not_answer_is_asked_once(monkeypatch, online):
    calls = []

    def dead(adapter, request, **kw):
        calls.append(request.url)
        raise requests.exceptions.ConnectionError("Name or service not known")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", dead)
    casting = Casting(Settings(), "es-MX")
    for lang in ("vi", "ru", "ko"):
        casting.voice(lang)
    assert len(calls) == 1 and casting.main.label == "espeak es-419"
    assert network.google_answers() is False and len(calls) == 1  # remembered


def test_a_batch_shares_one_probe_between_its_workers(tmp_path, monkeypatch, online):
    calls = []
    monkeypatch.setattr(network, "_probe", lambda timeout: calls.append(timeout) or True)
    with network.shared_probe() as name:
        assert name and Path(name).is_file()
        assert network.google_answers() is True
        network.forget()  # as another worker process would start: nothing remembered in memory
        assert network.google_answers() is True
    assert len(calls) == 1 and not Path(name).exists()


def test_without_a_temporary_folder_each_worker_probes_on_its_own(monkeypatch, online):
    import tempfile

    def refuse(*a, **k):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with network.shared_probe() as name:
        assert name is None and network.PROBE_FILE_ENV not in os.environ


@pytest.mark.parametrize("overrides, asks", [
    ({}, True), ({"engine": "gtts"}, True),
    ({"engine": "espeak"}, False), ({"engine": "piper"}, False),
    ({"offline": True}, False), ({"deterministic": True}, False), ({"audio": False}, False),
])
def test_only_settings_that_can_reach_google_may_probe(overrides, asks, online):
    from bulletin.speech.casting import may_ask_google

    assert may_ask_google(replace(Settings(), **overrides)) is asks


def test_bulletin_offline_in_the_environment_never_probes():
    from bulletin.speech.casting import may_ask_google

    assert may_ask_google(Settings()) is False  # the suite sets $BULLETIN_OFFLINE (conftest)


# ---------------------------------------------------------------------- Google when it answers
def test_auto_picks_google_when_it_answers_with_the_mexican_accent_for_es_mx(tmp_path, google):
    fake = google()
    res, folder = _build(tmp_path, SPANISH, "--lang", "es-MX")
    assert res.exit_code == 0, res.output
    assert _voice_frame(folder / "aviso-trata-es.mp3") == ["gtts es com.mx"]
    speech_urls = [u for u in fake.urls if "batchexecute" in u]
    assert speech_urls and all("translate.google.com.mx" in u for u in speech_urls)
    sent = [ln for ln in res.output.splitlines() if "sent to Google" in ln]
    assert len(sent) == 1
    assert sum("translate.google.com/" in u and "batchexecute" not in u for u in fake.urls) == 1  # one probe


@pytest.mark.parametrize("lang, tld", [("es-MX", "com.mx"), ("es-US", "com.mx"), ("es-419", "com.mx"),
                                       ("es-ES", "es"), ("pt-BR", "com.br"), ("pt-PT", "pt"),
                                       ("en-GB", "co.uk"), ("fr-CA", "ca"), ("zh-TW", "com"),
                                       ("en", "com")])
def test_regional_accents_follow_the_tag_and_tld_still_overrides(lang, tld):
    assert google_tld(lang) == tld
    assert google_tld(lang, "co.uk") == "co.uk"


def test_espeak_regional_voices_follow_the_tag():
    casting = Casting(Settings(offline=True), "es-ES")
    assert casting.main.label == "espeak es"
    assert casting.voice("pt-BR").label == "espeak pt-BR"
    assert casting.voice("pt-PT").label == "espeak pt"
    assert casting.voice("en-GB").label == "piper en_US-joe-medium"  # Piper first, for any English


def test_a_google_failure_part_way_falls_back_to_espeak_and_keeps_what_was_spoken(tmp_path, google):
    fake = google(fail_after=3)
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(SPANISH), "-o", str(out), "--lang", "es-MX",
                                    "--cache-dir", str(cache)])
    assert res.exit_code == 0, res.output
    mp3 = out / "aviso-trata-es" / "aviso-trata-es.mp3"
    assert _voice_frame(mp3) == ["gtts es com.mx", "espeak es-419"]
    warned = [ln for ln in res.output.splitlines() if "failed part-way" in ln]
    assert len(warned) == 1 and "espeak es-419" in warned[0]
    # The three utterances Google spoke are in the cache under Google's voice.
    from bulletin.speech.cache import SpeechCache
    from bulletin.speech.engines.gtts import GttsEngine

    art = read_article(SPANISH, replace(load(near=SPANISH), overrides=Overrides(language="es-MX")))
    script = build_script(art, load(near=SPANISH))
    store = SpeechCache(cache)
    g = GttsEngine(tld="com.mx")
    kept = [u for u in script if store.get(store.key(g, u.spoken, "es-MX", 150 * u.rate_factor)) is not None]
    assert len(kept) == 3


def test_offline_sends_nothing_even_with_google_faked(tmp_path, google, no_sockets):
    fake = google()
    res, folder = _build(tmp_path, SPANISH, "--lang", "es-MX", "--offline")
    assert res.exit_code == 0 and fake.urls == [] and no_sockets == []


# ---------------------------------------------------------------------- passages
def test_the_eight_language_notice_marks_its_passages(tmp_path):
    res = CliRunner().invoke(main, ["inspect", "--json", str(EIGHT)])
    data = json.loads(res.output)
    assert data["language"] == "en"
    langs = [b.get("lang") for b in data["blocks"] if b.get("lang")]
    assert len(langs) >= 6
    assert {"es", "vi", "hy", "ko", "ar", "ru"} <= set(langs) and any(x.startswith("zh") for x in langs)
    # The English paragraphs are not marked.
    assert all(not b.get("lang") for b in data["blocks"] if b.get("text", "").startswith(("The county", "If someone")))


def test_each_passage_is_read_in_its_own_language_and_briefly():
    cfg = load(near=EIGHT)
    art = read_article(EIGHT, cfg)
    settings = replace(cfg, offline=True, cache=False)
    script = build_script(art, settings)
    passages = [u for u in script if u.lang]
    assert len({u.lang for u in passages}) >= 6
    casting = Casting(settings, art.language)
    seconds = {}
    for u, s in speak(passages, casting, settings, art.language):
        seconds[u.lang] = seconds.get(u.lang, 0.0) + s.duration
    labels = casting.used
    assert "espeak vi" in labels and "espeak ko" in labels and "espeak hy" in labels
    # Each line in its own voice: about half a minute in all (the English voice took three).
    assert sum(seconds.values()) < 35, seconds


def test_the_pdf_and_the_page_tag_the_passages_and_the_mp3_names_every_voice(tmp_path):
    import pikepdf

    res, folder = _build(tmp_path, EIGHT, "--offline")
    assert res.exit_code == 0, res.output
    stem = folder.name
    with pikepdf.open(folder / f"{stem}-large-print.pdf") as pdf:
        found = []

        def walk(e):
            if isinstance(e, pikepdf.Dictionary):
                if "/Lang" in e and "/S" in e:
                    found.append(str(e.Lang))
                kids = e.get("/K")
                for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    walk(k)
        walk(pdf.Root.StructTreeRoot)
    assert {"es", "vi", "hy", "ko", "ar", "ru"} <= set(found)
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<p lang="ar" dir="rtl">' in page and '<p lang="hy" dir="ltr">' in page
    voices = _voice_frame(folder / f"{stem}.mp3")
    assert voices[0] == "piper en_US-joe-medium" and "espeak ru" in voices and len(voices) >= 7
    assert "computer voices" in res.output


def test_a_run_in_another_script_inside_a_paragraph_is_a_span_and_its_own_utterance():
    p = mark_paragraph(Paragraph("In Korean the word for help is 도움 and it is easy to say."), "en")
    assert p.lang is None
    [span] = [s for s in p.spans if s.kind == "lang"]
    assert span.lang == "ko" and p.text[span.start:span.end] == "도움"
    from bulletin.article import Article
    from bulletin.speech.script import language_runs

    assert [lang for _, lang in language_runs(p)] == [None, "ko", None]
    art = Article(title="T", blocks=(p,))
    assert marked(art) == [("ko", "도움")]


def test_english_articles_are_not_marked():
    for name in ("trafficking-awareness.txt", "library-hours.md"):
        art = read_article(EXAMPLES / name)
        assert marked(art) == [], name


def test_a_chinese_passage_beside_a_korean_one_is_printed_in_the_chinese_font():
    """Han characters took the Korean font when a notice also had Hangul: simplified characters
    such as 费 and 帮 have no glyph there and printed as boxes."""
    from bulletin.article import passages
    from bulletin.handout import cjk, fonts

    art = read_article(EIGHT)
    assert {"zh-Hans", "ko"} <= {lang for lang, _ in passages(art)}
    fs = fonts.load_for("免费中文帮助\n한국어 무료 상담", art.language)
    assert "NotoSansCJKsc" in fs.font_for("费", cjk.passage_variety("免费中文帮助", art.language))
    assert "NotoSansCJKkr" in fs.font_for("한", cjk.passage_variety("한국어 무료 상담", art.language))
    assert ord("费") in fs.coverage[fs.font_for("费")]


@pytest.mark.parametrize("text, lang", [
    ("Аккаунт: @olga_n_photo", "ru"),
    ("pillgoo9@gmail.com", "ko"),
    ("www.entermedia.co.kr), 무단전재 및 재배포금지", "ko"),
    ("※「iPhone」は、Apple Inc.の商標です。", "ja"),
    ("Call 1-888-373-7888 today.", "vi"),
    ("대한민국(大韓民國)의 상담 전화입니다.", "ko"),
])
def test_addresses_names_and_short_latin_lines_are_not_passages(text, lang):
    """Measured on the 121 pages of the article-extraction corpus: handles, e-mail addresses and
    brand names in Russian, Korean and Japanese pages were marked English before these rules."""
    assert mark_paragraph(Paragraph(text), lang) == Paragraph(text)


def test_an_english_build_never_asks_the_network(online, no_sockets):
    asked = []
    casting = Casting(Settings(), "en", probe=lambda: asked.append(1) or True)
    assert casting.main.label == "piper en_US-joe-medium"
    assert casting.voice("en-GB").label == "piper en_US-joe-medium"
    assert asked == [] and no_sockets == [] and casting.notes == []


def test_a_probe_that_hangs_is_abandoned_at_its_deadline(monkeypatch, online):
    import threading

    release = threading.Event()

    def hang(adapter, request, **kw):
        release.wait(5)
        raise requests.exceptions.ConnectionError("too late")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", hang)
    try:
        assert network._probe(0.2) is False
    finally:
        release.set()
