"""The one small protocol every voice engine implements."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class SentenceTiming:
    """Where one sentence sits in a :class:`Speech`, in seconds from its start."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Speech:
    """Synthesised audio for one utterance."""

    samples: np.ndarray
    """Mono float32 PCM in [-1, 1]."""
    sample_rate: int
    sentences: tuple[SentenceTiming, ...] = ()
    """Sentence timings where the engine can tell them; empty otherwise."""

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


@dataclass(frozen=True)
class VoiceInfo:
    """One row of ``bulletin voices``."""

    engine: str
    language: str
    """BCP 47 tag."""
    voice: str
    """The engine's name for the voice."""
    offline: bool
    usable: bool
    """Whether it can speak right now on this machine."""
    note: str = ""


class Engine(Protocol):
    """A voice: text in one language at a rate, to PCM."""

    name: str
    sample_rate: int

    def synthesize(self, text: str, lang: str, rate_wpm: float) -> Speech:
        """Speak ``text`` (already normalised) at about ``rate_wpm`` words per minute."""
        ...
