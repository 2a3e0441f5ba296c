"""espeak-ng through ctypes, from the library and data that ``espeakng-loader`` ships.

No system package is needed. The library keeps one global state (voice, rate, callback), so
every call goes through one lock. Robotic, but it speaks 100+ languages offline in milliseconds:
the fallback wherever no Piper voice exists.
"""
from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

import numpy as np

from ...errors import BuildError, InputError
from .base import SentenceTiming, Speech
from .pace import speech_wpm

SAMPLE_RATE = 22050

# Values from espeak-ng's speak_lib.h (stable public ABI since espeak 1.48).
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_RATE = 1
_EVENT_LIST_TERMINATED, _EVENT_SENTENCE, _EVENT_END = 0, 2, 5
_EE_OK = 0
_MIN_WPM, _MAX_WPM = 80, 450
RATE_CORRECTION = 0.93
"""espeak speaks about 8% faster than the wpm it is given (measured on the example article: asked
for 160, it said 174 words a minute between pauses); this makes it match Piper's pace."""

LANGUAGE_PACE = {"es": 1.11, "ru": 1.09, "hy": 1.5, "zh": 1.25, "ko": 1.12}
"""espeak's rate is tuned to English syllables; longer words come out slower in words a minute.
Measured at an asked 150 wpm on the example notices: English 191, Spanish 173 words a minute
between pauses. The others from syllables a second over the whole programme (pauses included),
unset -> set: Russian 4.5 -> 4.8, Armenian 2.7 -> 3.9, Mandarin 2.3 -> 2.9, Korean 3.6 -> 3.9
(Spanish 4.7): near Spanish for Russian and Armenian, slower syllables for Mandarin and Korean,
as people speak them. Vietnamese (3.1) is left as it is; Arabic and Farsi could not be counted
in syllables and are left as espeak speaks them."""


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_void_p)]


class _Voice(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_void_p),
                ("identifier", ctypes.c_char_p), ("gender", ctypes.c_ubyte),
                ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte), ("xx1", ctypes.c_ubyte),
                ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


@dataclass(frozen=True)
class EspeakVoice:
    """One language espeak-ng can speak."""

    language: str
    """Its main language tag as espeak writes it, e.g. ``es``, ``pt-br``, ``en-us``."""
    identifier: str
    """The voice file, e.g. ``roa/es``: what selects it."""
    name: str
    """espeak's name for it, e.g. ``Spanish (Spain)``."""
    tags: tuple[tuple[int, str], ...] = ()
    """Every (priority, tag) it answers to; a lower priority is a better match."""


class _Library:
    """The loaded library, initialised once per process; use only while holding ``LOCK``."""

    def __init__(self) -> None:
        try:
            import espeakng_loader

            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (ImportError, OSError, RuntimeError) as e:
            raise BuildError(f"espeak-ng is not usable: {e} (reinstall espeakng-loader)") from None
        lib = self.lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                     ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise BuildError(f"espeak-ng could not start (data folder {data})")
        self.sample_rate = rate
        self.samples: list[np.ndarray] = []
        self.collected = 0
        """Samples in ``samples``: sentence events are placed by it."""
        self.sentence_starts: list[tuple[int, int]] = []
        """(character offset in the UTF-8 text, sample offset) of each sentence event."""
        self._callback = _CALLBACK(self._collect)  # kept referenced: ctypes would free it
        lib.espeak_SetSynthCallback(self._callback)
        self.voices = self._list_voices()

    def _collect(self, wav, n, events) -> int:
        done = self.collected
        if n > 0 and wav:
            self.samples.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
            self.collected += n
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            if events[i].type == _EVENT_SENTENCE:
                self.sentence_starts.append((events[i].text_position, done))
            i += 1
        return 0  # 0 = keep going

    def _list_voices(self) -> list[EspeakVoice]:
        out: list[EspeakVoice] = []
        arr = self.lib.espeak_ListVoices(None)
        i = 0
        while arr[i]:
            v = arr[i].contents
            ident = (v.identifier or b"").decode("utf-8", "replace")
            name = (v.name or b"").decode("utf-8", "replace")
            # ``languages`` is a run of (priority byte, NUL-terminated tag), ended by a 0 byte.
            p, tags = v.languages, []
            while p and ctypes.c_ubyte.from_address(p).value:
                tag = ctypes.string_at(p + 1).decode("ascii", "replace")
                tags.append((ctypes.c_ubyte.from_address(p).value, tag.lower()))
                p += 2 + len(tag)
            if tags:
                out.append(EspeakVoice(tags[0][1], ident, name, tuple(tags)))
            i += 1
        # Variants (mb-*, !v/*) are not languages a user asks for.
        return [v for v in out if not v.identifier.startswith(("mb/", "!v/"))]


_LIB: _Library | None = None
LOCK = threading.Lock()


def _library() -> _Library:
    global _LIB
    if _LIB is None:
        _LIB = _Library()
    return _LIB


def list_voices() -> list[EspeakVoice]:
    """Every language espeak-ng has, one entry per language tag."""
    with LOCK:
        return list(_library().voices)


# espeak's best match for a bare "en" is Caribbean English and for "es" Castilian; the readers
# this tool serves are mostly in the Americas. Risk: a UK or Spain organisation must pass en-GB/es-ES.
_PREFERRED = {"en": "gmw/en-US", "es": "roa/es-419", "zh": "sit/cmn", "pt": "roa/pt-BR"}


def find_voice(lang: str) -> EspeakVoice | None:
    """The voice for a BCP 47 tag: the exact tag first (``pt-BR``), then its language (``pt``)."""
    want = lang.replace("_", "-").lower()
    voices = list_voices()
    by_id = {v.identifier: v for v in voices}
    if want in _PREFERRED and _PREFERRED[want] in by_id:
        return by_id[_PREFERRED[want]]
    primary, _, region = want.partition("-")
    if region == primary:  # es-ES, fr-FR, de-DE: the voice named for the bare language
        named = [v for v in voices if v.identifier.lower().split("/")[-1] == primary]
        if named:
            return named[0]
    for key in (want, want.split("-")[0]):
        if key == want.split("-")[0] and key in _PREFERRED and _PREFERRED[key] in by_id:
            return by_id[_PREFERRED[key]]
        ranked = sorted((prio, v.identifier.lower().split("/")[-1] != key, v.identifier, v)
                        for v in voices for prio, tag in v.tags if tag == key)
        if ranked:
            return ranked[0][3]
    return None


class EspeakEngine:
    """espeak-ng: any of its languages, at a rate in words per minute."""

    name = "espeak"
    sample_rate = SAMPLE_RATE

    def __init__(self, rate_correction: float = RATE_CORRECTION) -> None:
        self.rate_correction = rate_correction
        """Multiplies the rate asked of espeak (see RATE_CORRECTION)."""
        self.cache_key = f"espeak:{rate_correction}:{sorted(LANGUAGE_PACE.items())}"

    def synthesize(self, text: str, lang: str, rate_wpm: float) -> Speech:
        voice = find_voice(lang)
        if voice is None:
            raise InputError(f"espeak-ng has no voice for language {lang!r} "
                             "(see `bulletin voices` for the languages it has)")
        data = text.encode("utf-8")
        pace = self.rate_correction * LANGUAGE_PACE.get(lang.split("-")[0].lower(), 1.0)
        wpm = int(round(min(max(speech_wpm(rate_wpm) * pace, _MIN_WPM), _MAX_WPM)))
        with LOCK:
            lib = _library()
            if lib.lib.espeak_SetVoiceByName(voice.identifier.encode()) != _EE_OK:
                raise BuildError(f"espeak-ng could not load its {voice.name} voice")
            lib.lib.espeak_SetParameter(_RATE, wpm, 0)
            lib.samples, lib.sentence_starts, lib.collected = [], [], 0
            err = lib.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8,
                                       None, None)
            chunks, starts = lib.samples, lib.sentence_starts
            lib.samples, lib.sentence_starts = [], []
        if err != _EE_OK:
            raise BuildError(f"espeak-ng failed to speak (error {err})")
        pcm = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
        samples = (pcm.astype(np.float32) / 32768.0)
        return Speech(samples, lib.sample_rate, _timings(text, starts, len(samples), lib.sample_rate))


def _timings(text: str, starts: list[tuple[int, int]], total: int,
             rate: int) -> tuple[SentenceTiming, ...]:
    """Sentence timings from espeak's SENTENCE events (their positions count UTF-8 characters, 1-based)."""
    if not starts:
        return (SentenceTiming(0.0, total / rate, text),) if text.strip() else ()
    cuts = sorted({max(pos - 1, 0) for pos, _ in starts} | {0})
    samples = [s for _, s in sorted(starts)]
    if len(samples) < len(cuts):
        samples = [0] + samples
    out = []
    for i, (c, s) in enumerate(zip(cuts, samples)):
        end_c = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        end_s = samples[i + 1] if i + 1 < len(samples) else total
        piece = text[c:end_c].strip()
        if piece:
            out.append(SentenceTiming(s / rate, end_s / rate, piece))
    return tuple(out)
