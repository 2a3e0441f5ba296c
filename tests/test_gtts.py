"""Google's voice through a fake transport: these tests never touch the network."""
from __future__ import annotations


import numpy as np
import pytest
import requests

from bulletin.errors import BuildError, InputError
from bulletin.settings import Settings
from bulletin.speech.engines import select_engine_named
from bulletin.speech.engines.gtts import GttsEngine
from fake_voices import google_body, tiny_mp3

RATE = 24000


def response(request, status: int = 200, body: bytes = b"") -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r.reason = {200: "OK", 429: "Too Many Requests", 500: "Internal Server Error"}.get(status, "")
    r._content = body
    r.request = request
    r.url = request.url
    return r


class FakeGoogle:
    """Stands in for HTTPAdapter.send: answers from a script of statuses or exceptions."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def __call__(self, adapter, request, **kw):
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, int):
            return response(request, answer, b"")
        return response(request, 200, answer)


@pytest.fixture
def google(monkeypatch):
    def install(*answers) -> FakeGoogle:
        fake = FakeGoogle(*answers)

        def send(adapter, request, **kw):
            return fake(adapter, request, **kw)
        monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
        return fake
    return install


def engine() -> GttsEngine:
    return GttsEngine(timeout=2.0, sleep=lambda s: None)


def test_success_decodes_each_part_to_pcm_and_joins_samples(google):
    fake = google(google_body(tiny_mp3(0.25)))
    # Longer than 100 characters: gTTS asks for two parts, which must be joined as PCM.
    text = "Call the hotline any time of day or night, every day of the year. " * 2
    speech = engine().synthesize(text, "en", 150)
    assert fake.calls >= 2
    assert speech.sample_rate == RATE
    assert speech.samples.dtype == np.float32 and speech.samples.ndim == 1
    # Each part decodes to at least its 0.25 s of tone (the MP3 decoder may add padding).
    assert speech.duration >= 0.25 * fake.calls
    assert np.abs(speech.samples).max() > 0.1


def test_429_then_success_retries(google):
    fake = google(429, google_body(tiny_mp3()))
    speech = engine().synthesize("Hello.", "en", 150)
    assert fake.calls == 2
    assert speech.duration > 0.2


def test_500_fails_with_one_line_and_the_hint(google):
    fake = google(500)
    with pytest.raises(BuildError) as e:
        engine().synthesize("Hello.", "en", 150)
    msg = str(e.value)
    assert "\n" not in msg and "500" in msg and "--engine piper" in msg
    assert fake.calls == 4  # the first try and three bounded retries


def test_persistent_429_says_rate_limited(google):
    google(429)
    with pytest.raises(BuildError, match="rate limited"):
        engine().synthesize("Hello.", "en", 150)


def test_timeout_is_named(google):
    google(requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(BuildError, match="timed out") as e:
        engine().synthesize("Hello.", "en", 150)
    assert "\n" not in str(e.value)


def test_no_network_is_named(google):
    google(requests.exceptions.ConnectionError("Name or service not known"))
    with pytest.raises(BuildError, match="no network"):
        engine().synthesize("Hello.", "en", 150)


def test_malformed_body_fails_cleanly(google):
    google(b'[["wrb.fr","jQ1olc","null",null,null,null,"generic"]]')
    with pytest.raises(BuildError, match="malformed") as e:
        engine().synthesize("Hello.", "en", 150)
    assert "\n" not in str(e.value)


def test_audio_that_is_not_mp3_fails_cleanly(google):
    google(google_body(b"this is not an mp3 file at all" * 10))
    with pytest.raises(BuildError, match="malformed"):
        engine().synthesize("Hello.", "en", 150)


def test_unsupported_language_is_an_input_error_before_any_request(google):
    fake = google(500)
    with pytest.raises(InputError, match="does not speak"):
        engine().synthesize("Բարև", "hy", 150)
    assert fake.calls == 0


def test_fallback_engine_is_used_and_said(google):
    google(requests.exceptions.ConnectionError("offline"))
    settings = Settings(engine="gtts", fallback_engine="espeak", gtts_timeout=1.0)
    chosen, notes = select_engine_named("gtts", settings, "en")
    assert chosen.name == "espeak"
    assert any("no network" in n and "espeak" in n for n in notes)


def test_without_fallback_google_is_chosen_without_a_request(google):
    fake = google(500)
    chosen, notes = select_engine_named("gtts", Settings(engine="gtts"), "en")
    assert chosen.name == "gtts" and notes == [] and fake.calls == 0


def test_speak_with_google_offline_raises_before_yielding(google):
    from bulletin.speech.utterance import Utterance
    from bulletin.speech.synthesize import speak

    google(requests.exceptions.ConnectionError("offline"))
    script = [Utterance("Hello.", "Hello.", 0.3, "Introduction")]
    with pytest.raises(BuildError, match="no network"):
        next(speak(script, engine(), Settings(cache=False), "en"))


def test_build_with_google_offline_fails_in_one_line_and_writes_no_mp3(google, tmp_path):
    audio = pytest.importorskip("bulletin.audio")
    if not hasattr(audio, "write_audio"):
        pytest.skip("the audio writer has not landed yet")
    from click.testing import CliRunner

    from bulletin.cli import main

    google(requests.exceptions.ConnectionError("Name or service not known"))
    src = tmp_path / "notice.txt"
    src.write_text("Title: Clinic Hours\n\nThe clinic is open on weekdays. Walk in any time.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--engine", "gtts",
                                       "--no-cache", "--gtts-timeout", "2"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "no network" in lines[0] and "--engine piper" in lines[0]
    assert not list(out.rglob("*.mp3")) and not list(out.rglob(".bulletin-tmp-*"))
