"""Speaking a script: one :class:`Speech` per utterance, at the build's rate.

The writer consumes the generator as it goes, so a long programme is never held twice in
memory. Every utterance goes through one function, :func:`speak_one`, where the synthesis
cache sits.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from typing import Iterator

import numpy as np

from ..errors import BuildError, InputError
from ..settings import Settings
from .engines.base import Engine, SentenceTiming, Speech
from .utterance import Utterance


def word_count(text: str) -> int:
    return len(text.split())


def estimated_seconds(script: list[Utterance], rate_wpm: float) -> float:
    """How long the script will take: spoken words at the rate (slower where asked) plus pauses."""
    talk = sum(word_count(u.spoken) * 60.0 / (rate_wpm * u.rate_factor) for u in script)
    return talk + sum(u.pause_after for u in script)


def check_length(script: list[Utterance], settings: Settings) -> None:
    """Refuse, before any synthesis, a programme longer than ``--max-audio-minutes``."""
    minutes = estimated_seconds(script, settings.rate) / 60.0
    if minutes > settings.max_audio_minutes:
        raise InputError(f"the spoken version would last about {minutes:.0f} minutes, more than "
                         f"--max-audio-minutes {settings.max_audio_minutes:g}; raise it or shorten the article")


def _cache(settings: Settings):
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


CLAIMS = "claims"
"""Folder inside the cache where a build marks the utterances it is synthesising right now."""


@contextlib.contextmanager
def _claim(cache, key: str, wait: bool) -> Iterator[bool]:
    """True while this thread alone may synthesise ``key``; False (only when not ``wait``ing) if
    another build or thread is at it.

    A batch runs a build per core and its articles share utterances (the help box, intros, a
    notice sent out again with a new headline); without a claim every worker that reaches one
    while it is uncached synthesises it too. It is an flock, so a build that dies lets go of it.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): every build speaks for itself
        yield True
        return
    path = cache.folder / CLAIMS / key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a cache that cannot be written is skipped, never fatal
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            # Removed while still held, so claims do not pile up. A build that opens the name
            # after this locks a new file at once; that is safe because every claimant looks in
            # the cache again after locking, and the entry was stored before we got here.
            with contextlib.suppress(OSError):
                os.unlink(path)
    finally:
        os.close(fd)


def speak_one(utterance: Utterance, engine: Engine, lang: str, rate_wpm: float, cache=None,
              wait: bool = True) -> Speech | None:
    """Synthesise one utterance, through the cache when there is one.

    Returns None, without waiting, when ``wait`` is false and another build is synthesising the
    same utterance: the caller can do other work and come back for it.
    """
    if cache is None:
        return trim_silence(engine.synthesize(utterance.spoken, lang, rate_wpm))
    key = cache.key(engine, utterance.spoken, lang, rate_wpm)
    speech = cache.get(key)
    if speech is not None:
        return speech
    with _claim(cache, key, wait) as mine:
        if not mine:
            return None
        speech = cache.get(key)  # stored by the build whose claim we waited for
        if speech is None:
            speech = trim_silence(engine.synthesize(utterance.spoken, lang, rate_wpm))
            cache.put(key, speech)
    return speech


def _speak(index: int, u: Utterance, voices, lang: str, rate_wpm: float, cache=None,
           wait: bool = True) -> Speech | None:
    """One utterance in the voice for its language.

    ``voices`` is an engine (every utterance in it) or a :class:`~.casting.Casting`. When Google's
    voice fails part-way and the casting allows it, this utterance and the rest go to the offline
    voice; the ones already spoken stay in the cache.
    """
    from .casting import Casting

    if not isinstance(voices, Casting):
        return speak_one(u, voices, u.lang or lang, rate_wpm, cache, wait)
    voice = voices.voice(u.lang)
    try:
        speech = speak_one(u, voice.engine, voice.lang, rate_wpm, cache, wait)
    except BuildError as e:
        if not voices.can_fall_back(voice):
            raise
        voice = voices.fall_back(u.lang, voice, e)
        speech = speak_one(u, voice.engine, voice.lang, rate_wpm, cache, wait)
    if speech is not None:
        voices.heard(voice, index)
    return speech


def speak(script: list[Utterance], engine, settings: Settings,
          lang: str) -> Iterator[tuple[Utterance, Speech]]:
    """Yield each utterance with its speech, at ``settings.rate`` times its rate factor.

    ``engine`` is one engine for every utterance, or a :class:`~.casting.Casting` that gives each
    utterance the voice for its language.

    The length check runs when the generator starts, before the first word is synthesised.
    An engine with ``concurrency`` above 1 (Piper: its ``synthesize`` is thread-safe) speaks that
    many utterances at once; they are still yielded in order, and at most a few are held ahead.
    With a cache, utterances another build is synthesising are skipped at first and collected
    from the cache when their turn comes, so builds running side by side share the work.
    """
    check_length(script, settings)
    cache = _cache(settings)
    workers = max(1, int(getattr(engine, "concurrency", 1) or 1))
    if workers == 1 and cache is None:
        for i, u in enumerate(script):
            yield u, _speak(i, u, engine, lang, settings.rate * u.rate_factor)
        return
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    # Room to step past utterances claimed by another build while waiting for the one due next.
    window = 2 * workers + 2
    with ThreadPoolExecutor(workers, thread_name_prefix="speak") as pool:
        ahead: deque = deque()

        def due() -> tuple[Utterance, Speech]:
            i, v, fut = ahead.popleft()
            speech = fut.result()
            if speech is None:  # claimed elsewhere when its turn came: wait for that build
                speech = _speak(i, v, engine, lang, settings.rate * v.rate_factor, cache)
            return v, speech

        try:
            for i, u in enumerate(script):
                ahead.append((i, u, pool.submit(_speak, i, u, engine, lang, settings.rate * u.rate_factor,
                                                cache, False)))
                if len(ahead) > window:
                    yield due()
            while ahead:
                yield due()
        finally:
            for _, _, fut in ahead:  # an error or an interrupt: do not synthesise the rest
                fut.cancel()
