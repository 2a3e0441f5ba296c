"""From the rate a user asks for (words a minute, pauses included) to the pace of speech alone.

``--rate`` means what a listener experiences: words said per minute over the whole of ordinary
speech, silences between sentences and paragraphs included. The script's pauses are fixed in
seconds, so the speech between them must speed up or slow down more than the rate does.
"""
from __future__ import annotations

PAUSE_PER_WORD = 0.052
"""Seconds of script pause per spoken word, measured on the example article with the default
``[pauses]`` (20.7 s of pauses for 399 words). Articles with shorter sentences pause more and come
out a little slower than asked; risk accepted, the rate is a target, not a promise."""
MAX_SPEECH_WPM = 600.0


def speech_wpm(rate_wpm: float) -> float:
    """Words a minute the voice must speak, between pauses, for ``rate_wpm`` overall."""
    seconds_per_word = 60.0 / max(rate_wpm, 1.0) - PAUSE_PER_WORD
    return min(60.0 / seconds_per_word, MAX_SPEECH_WPM) if seconds_per_word > 0 else MAX_SPEECH_WPM
