"""The offline engines speak for real here: Piper's bundled voice and espeak-ng."""
from __future__ import annotations

import json

import numpy as np
import pytest

from bulletin.settings import Settings
from bulletin.errors import InputError
from bulletin.speech.engines import NoVoiceError, select_engine
from bulletin.speech.engines.espeak import EspeakEngine, find_voice
from bulletin.speech.engines.piper import PiperEngine, bundled_voice, length_scale
from bulletin.speech.utterance import Utterance
from bulletin.speech.synthesize import speak, trim_silence
from bulletin.speech.engines.base import SentenceTiming, Speech

SENTENCE = "Calls to the hotline are free and confidential."  # 8 words


@pytest.fixture(scope="module")
def piper():
    return PiperEngine(bundled_voice(), deterministic=True)


@pytest.fixture(scope="module")
def piper_speech(piper):
    return piper.synthesize(SENTENCE, "en", 150)


def test_piper_deterministic_mode_repeats_exactly(piper, piper_speech):
    again = piper.synthesize(SENTENCE, "en", 150)
    assert np.array_equal(piper_speech.samples, again.samples)


def test_piper_speech_is_mono_float_with_a_plausible_length(piper_speech):
    s = piper_speech
    assert s.samples.dtype == np.float32 and s.samples.ndim == 1
    assert s.sample_rate == 22050
    assert 0.05 < np.abs(s.samples).max() <= 1.0
    # 8 words at 150 wpm are 3.2 s; a voice within a factor of two of that is plausible.
    assert 1.6 < s.duration < 6.4
    assert s.sentences and s.sentences[0].text == SENTENCE and s.sentences[0].end == pytest.approx(s.duration)


def test_piper_rate_changes_duration(piper, piper_speech):
    slow = piper.synthesize(SENTENCE, "en", 100)
    assert slow.duration > piper_speech.duration * 1.3
    assert length_scale(100) > length_scale(150) > length_scale(200) > 0


def test_a_missing_or_invalid_voice_is_one_line(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        select_engine(Settings(voice=tmp_path / "nope.onnx"), "en")
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a network")
    with pytest.raises(InputError, match=r"\.onnx\.json is missing"):
        select_engine(Settings(voice=bad), "en")
    bad.with_name("bad.onnx.json").write_text(json.dumps({"espeak": {"voice": "en-us"}}))
    with pytest.raises(InputError) as e:
        select_engine(Settings(voice=bad, engine="piper"), "en").synthesize("Hi.", "en", 150)
    assert "\n" not in str(e.value)


def test_espeak_speaks_spanish_with_sentence_timings():
    s = EspeakEngine().synthesize("Llame a la línea de ayuda. Es gratis y confidencial.", "es", 150)
    assert s.sample_rate == 22050 and s.samples.dtype == np.float32
    assert 1.5 < s.duration < 8
    assert [t.text for t in s.sentences] == ["Llame a la línea de ayuda.", "Es gratis y confidencial."]
    assert 0 < s.sentences[0].end <= s.sentences[1].start + 1e-9 < s.duration


def test_espeak_rate_is_honoured():
    e = EspeakEngine()
    fast, slow = (e.synthesize(SENTENCE, "en", r).duration for r in (200, 100))
    assert slow > fast * 1.5


def test_espeak_unknown_language_is_a_clean_error():
    assert find_voice("xx") is None
    with pytest.raises(InputError, match="no voice for language 'xx'"):
        EspeakEngine().synthesize("Hello.", "xx", 150)


def test_espeak_prefers_american_english_and_latin_american_spanish():
    assert find_voice("en").identifier == "gmw/en-US"
    assert find_voice("es").identifier == "roa/es-419"
    assert find_voice("en-GB").identifier == "gmw/en"
    assert find_voice("es-ES").identifier == "roa/es"
    assert find_voice("pt-PT").identifier == "roa/pt"


def test_auto_picks_piper_for_english_and_espeak_with_a_note_otherwise():
    engine, notes = select_engine(Settings(), "en")
    assert engine.name == "piper" and notes == []
    engine, notes = select_engine(Settings(), "vi")
    assert engine.name == "espeak" and "no Piper voice" in notes[0]


def test_nothing_speaks_an_unknown_language():
    with pytest.raises(NoVoiceError, match="no offline voice"):
        select_engine(Settings(), "xx")
    with pytest.raises(NoVoiceError, match="no Piper voice"):
        select_engine(Settings(engine="piper"), "vi")


def _utt(text, pause=0.0, rate_factor=1.0):
    return Utterance(text, text, pause, "s", rate_factor=rate_factor)


def test_speak_yields_one_speech_per_utterance_at_the_rate():
    class Recorder:
        name, sample_rate = "rec", 1000

        def __init__(self):
            self.rates = []

        def synthesize(self, text, lang, rate_wpm):
            self.rates.append(rate_wpm)
            return Speech(np.full(500, 0.5, np.float32), 1000, (SentenceTiming(0, 0.5, text),))

    rec = Recorder()
    script = [_utt("One two."), _utt("Call now.", rate_factor=0.85)]
    out = list(speak(script, rec, Settings(rate=140, cache=False), "en"))
    assert [u for u, _ in out] == script
    assert rec.rates == [140, pytest.approx(119)]


def test_speak_refuses_too_long_audio_before_synthesising():
    class Never:
        name, sample_rate = "never", 1000

        def synthesize(self, *a):
            raise AssertionError("synthesised before the length check")

    script = [_utt("word " * 150)] * 10  # 1500 words at 150 wpm: 10 minutes
    gen = speak(script, Never(), Settings(max_audio_minutes=5, cache=False), "en")
    with pytest.raises(InputError, match="--max-audio-minutes"):
        next(gen)


def test_trim_silence_cuts_engine_padding_and_shifts_timings():
    rate = 1000
    samples = np.concatenate([np.zeros(300), np.full(200, 0.5), np.zeros(400)]).astype(np.float32)
    s = trim_silence(Speech(samples, rate, (SentenceTiming(0.0, 0.9, "x"),)))
    assert s.duration == pytest.approx(0.2 + 2 * 0.04, abs=0.002)
    assert s.sentences[0].start == 0.0 and s.sentences[0].end == pytest.approx(s.duration)


def test_a_voice_of_your_own_is_used_and_a_language_mismatch_is_said(tmp_path, piper):
    joe = bundled_voice()
    mine = tmp_path / "my-voice.onnx"
    mine.symlink_to(joe.model)
    mine.with_name("my-voice.onnx.json").symlink_to(joe.config)
    engine, notes = select_engine(Settings(voice=mine), "en")
    assert engine.name == "piper" and engine.files.name == "my-voice" and notes == []
    engine, notes = select_engine(Settings(voice=mine), "es")
    assert engine.name == "piper" and "speaks 'en'" in notes[0]
