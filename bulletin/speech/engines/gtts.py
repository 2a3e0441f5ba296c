"""Google's voice through gTTS: natural and multilingual, but online only, and only when asked.

gTTS splits text into parts of at most 100 characters and returns one MP3 per part, each with
its own encoder delay; we decode every part to PCM and join the samples, never the files.
Google offers no speed control besides ``slow=True`` (about 0.6x); ``--rate`` below 110 wpm
asks for the slow voice, anything else gets Google's normal pace (about 160-170 wpm).
"""
from __future__ import annotations

import io
import time
from typing import Callable

import numpy as np

from ...errors import BuildError, InputError
from .base import SentenceTiming, Speech

HINT = "use --engine piper (offline)"
RETRIES = 3
"""Retries after a 429 or 5xx answer; the waits double from ``BACKOFF`` seconds."""
BACKOFF = 1.0
SLOW_BELOW_WPM = 110


class GttsEngine:
    """Google Translate's text-to-speech voice."""

    name = "gtts"
    sample_rate = 24000  # what Google returns today; each Speech carries the real rate

    def __init__(self, tld: str = "com", timeout: float = 15.0,
                 sleep: Callable[[float], None] | None = None, backoff: float | None = None) -> None:
        self.tld = tld
        self.timeout = timeout
        self._sleep = sleep or time.sleep
        self.backoff = BACKOFF if backoff is None else backoff
        self.cache_key = f"gtts:{tld}"

    def synthesize(self, text: str, lang: str, rate_wpm: float) -> Speech:
        tts = self._tts(text, lang, rate_wpm)
        for attempt in range(RETRIES + 1):
            try:
                parts = list(tts.stream())
                break
            except Exception as e:  # noqa: BLE001 - gTTSError hides the real cause in __context__
                status = _status(e)
                if attempt < RETRIES and (status == 429 or (status or 0) >= 500):
                    self._sleep(self.backoff * 2 ** attempt)
                    continue
                raise BuildError(f"Google's voice failed: {describe_failure(e)}; {HINT}") from None
        if not parts:
            raise BuildError(f"Google's voice failed: malformed answer (no audio); {HINT}")
        pcm, rate = _decode_parts(parts)
        self.sample_rate = rate
        return Speech(pcm, rate, (SentenceTiming(0.0, len(pcm) / rate, text),))

    def _tts(self, text: str, lang: str, rate_wpm: float):
        from gtts import gTTS
        from gtts.lang import tts_langs

        code = supported_language(lang, tts_langs())
        if code is None:
            raise InputError(f"Google's voice does not speak language {lang!r}; {HINT}")
        return gTTS(text, tld=self.tld, lang=code, slow=rate_wpm < SLOW_BELOW_WPM,
                    lang_check=False, timeout=self.timeout)


ALIASES = {"zh-hans": "zh-CN", "zh-hant": "zh-TW", "zh-hant-tw": "zh-TW", "zh-hant-hk": "yue",
           "zh-hk": "yue", "zh-hans-cn": "zh-CN", "cmn": "zh-CN", "fil": "tl", "he": "iw",
           "jv": "jw", "nb": "no", "pt-br": "pt"}
"""BCP 47 tags this tool uses (script subtags, ISO 639 codes) to the codes gTTS knows: Chinese by
script, Cantonese for Hong Kong, Filipino as Tagalog, gTTS's old codes for Hebrew and Javanese."""


def supported_language(lang: str, langs: dict[str, str]) -> str | None:
    """gTTS's code for a BCP 47 tag: exact (zh-TW), an alias (zh-Hant), case-folded, then the
    primary subtag."""
    folded = {k.lower(): k for k in langs}
    tag = lang.replace("_", "-").lower()
    for key in (tag, ALIASES.get(tag, "").lower(), tag.split("-")[0], ALIASES.get(tag.split("-")[0], "").lower()):
        if key in folded:
            return folded[key]
    return None


def _status(exc: BaseException) -> int | None:
    """The HTTP status of a failed request, if there was an answer."""
    rsp = getattr(exc, "rsp", None)
    if rsp is None and exc.__context__ is not None:
        rsp = getattr(exc.__context__, "response", None)
    return getattr(rsp, "status_code", None)


def describe_failure(exc: BaseException) -> str:
    """Name the cause in words a user can act on; gTTS's own message says "Probable cause: Unknown"."""
    import requests

    status = _status(exc)
    ctx = exc.__context__
    if isinstance(ctx, requests.exceptions.Timeout) or isinstance(exc, requests.exceptions.Timeout):
        return "timed out (no answer from Google)"
    causes = list(_causes(exc))
    if any(isinstance(c, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError))
           for c in causes):
        return "malformed answer (cut off before the end)"
    if any(type(c).__name__ == "RemoteDisconnected" for c in causes):
        return "no answer (Google's server hung up)"
    if isinstance(ctx, requests.exceptions.ConnectionError) or isinstance(exc, requests.exceptions.ConnectionError):
        return "no network (cannot reach Google)"
    if status == 429:
        return "rate limited by Google (HTTP 429) after retries"
    if status is not None and status >= 500:
        return f"Google's server failed (HTTP {status}) after retries"
    if status == 200:
        return "malformed answer (no audio in it); the language may not be supported"
    if status is not None:
        return f"refused by Google (HTTP {status})"
    return f"{type(exc).__name__}: {exc}"


def _causes(exc: BaseException | None, depth: int = 0):
    """``exc`` and every exception behind it: requests wraps urllib3 wraps http.client."""
    if exc is None or depth > 8:
        return
    yield exc
    for inner in (exc.__cause__, exc.__context__, *(a for a in getattr(exc, "args", ())
                                                    if isinstance(a, BaseException)),
                  getattr(exc, "reason", None)):
        if isinstance(inner, BaseException):
            yield from _causes(inner, depth + 1)


def _decode_parts(parts: list[bytes]) -> tuple[np.ndarray, int]:
    """Decode each MP3 part to mono float32 and join the samples."""
    import soundfile as sf

    pcm, rate = [], None
    for i, part in enumerate(parts):
        try:
            data, sr = sf.read(io.BytesIO(part), dtype="float32", always_2d=True)
        except Exception as e:  # noqa: BLE001 - libsndfile raises its own error type
            raise BuildError(f"Google's voice failed: malformed answer (part {i + 1} is not MP3: "
                             f"{e}); {HINT}") from None
        if rate is not None and sr != rate:
            raise BuildError(f"Google's voice failed: malformed answer (parts at {rate} and {sr} Hz); {HINT}")
        rate = sr
        pcm.append(data.mean(axis=1))
    return np.concatenate(pcm).astype(np.float32), int(rate)
