"""Speaking a script: one :class:`Speech` per utterance, at the build's rate.

The writer consumes the generator as it goes, so a long programme is never held twice in
memory. Every utterance goes through one function, :func:`speak_one`, where the synthesis
cache sits.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import numpy as np

from ..errors import InputError
from ..settings import BuildSettings
from .engines.base import Engine, SentenceTiming, Speech
from .model import Utterance


def word_count(text: str) -> int:
    return len(text.split())


def estimated_seconds(script: list[Utterance], rate_wpm: float) -> float:
    """How long the script will take: spoken words at the rate (slower where asked) plus pauses."""
    talk = sum(word_count(u.spoken) * 60.0 / (rate_wpm * u.rate_factor) for u in script)
    return talk + sum(u.pause_after for u in script)


def check_length(script: list[Utterance], settings: BuildSettings) -> None:
    """Refuse, before any synthesis, a programme longer than ``--max-audio-minutes``."""
    minutes = estimated_seconds(script, settings.rate) / 60.0
    if minutes > settings.max_audio_minutes:
        raise InputError(f"the spoken version would last about {minutes:.0f} minutes, more than "
                         f"--max-audio-minutes {settings.max_audio_minutes:g}; raise it or shorten the article")


def _cache(settings: BuildSettings):
    if not getattr(settings, "cache", False):
        return None
    from .cache import SpeechCache

    return SpeechCache(settings.cache_dir)


EDGE_KEEP = 0.04
"""Seconds of an engine's own silence kept at each end of an utterance."""


def trim_silence(speech: Speech, floor: float = 0.01) -> Speech:
    """Cut an engine's leading and trailing silence, so the script's pauses are the pauses heard.

    Piper leaves 0.2-0.3 s after every sentence and espeak almost none; without this the same
    ``[pauses]`` would sound different per engine. Anything quieter than ``floor`` times the
    utterance's peak counts as silence; risk: a very soft last consonant below -40 dB of the
    peak is shortened (the 40 ms kept covers the ones we have heard).
    """
    a = np.abs(speech.samples)
    if not len(a) or a.max() <= 0:
        return speech
    loud = np.nonzero(a > a.max() * floor)[0]
    keep = int(EDGE_KEEP * speech.sample_rate)
    start, end = max(loud[0] - keep, 0), min(loud[-1] + 1 + keep, len(a))
    if start == 0 and end == len(a):
        return speech
    shift, length = start / speech.sample_rate, (end - start) / speech.sample_rate
    timings = tuple(SentenceTiming(min(max(t.start - shift, 0.0), length),
                                   min(max(t.end - shift, 0.0), length), t.text) for t in speech.sentences)
    return replace(speech, samples=speech.samples[start:end], sentences=timings)


def speak_one(utterance: Utterance, engine: Engine, lang: str, rate_wpm: float, cache=None) -> Speech:
    """Synthesise one utterance, through the cache when there is one."""
    if cache is None:
        return trim_silence(engine.synthesize(utterance.spoken, lang, rate_wpm))
    key = cache.key(engine, utterance.spoken, lang, rate_wpm)
    speech = cache.get(key)
    if speech is None:
        speech = trim_silence(engine.synthesize(utterance.spoken, lang, rate_wpm))
        cache.put(key, speech)
    return speech


def speak(script: list[Utterance], engine: Engine, settings: BuildSettings,
          lang: str) -> Iterator[tuple[Utterance, Speech]]:
    """Yield each utterance with its speech, at ``settings.rate`` times its rate factor.

    The length check runs when the generator starts, before the first word is synthesised.
    An engine with ``concurrency`` above 1 (Piper: its ``synthesize`` is thread-safe) speaks that
    many utterances at once; they are still yielded in order, and at most a few are held ahead.
    """
    check_length(script, settings)
    cache = _cache(settings)
    workers = max(1, int(getattr(engine, "concurrency", 1) or 1))
    if workers == 1:
        for u in script:
            yield u, speak_one(u, engine, lang, settings.rate * u.rate_factor, cache)
        return
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(workers, thread_name_prefix="speak") as pool:
        ahead: deque = deque()
        try:
            for u in script:
                ahead.append((u, pool.submit(speak_one, u, engine, lang, settings.rate * u.rate_factor, cache)))
                if len(ahead) > 2 * workers:
                    v, fut = ahead.popleft()
                    yield v, fut.result()
            while ahead:
                v, fut = ahead.popleft()
                yield v, fut.result()
        finally:
            for _, fut in ahead:  # an error or an interrupt: do not synthesise the rest
                fut.cancel()
