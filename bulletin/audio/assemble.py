"""Utterances and silences joined into one programme, with exact cue and chapter timings.

The programme keeps each utterance's samples as they came (silences cost no memory), so an
hour of speech holds one float32 copy and nothing more; later stages read it block by block.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np

from ..errors import BuildError
from ..speech.engines.base import Speech
from ..speech.utterance import Utterance
from .dsp import polyphase, resample_block

LEAD_IN = 0.3
"""Silence before the first word: long enough for a player to start, short enough not to puzzle."""
TAIL = 0.8
"""Silence after the last word, in place of the last utterance's pause."""
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


@dataclass(frozen=True)
class Cue:
    """One utterance's place in the programme, in seconds."""

    start: float
    end: float
    text: str
    """As written: what the caption shows."""
    section: str
    anchor: str | None = None
    """The printed text it reads (see :attr:`~bulletin.speech.utterance.Utterance.anchor`)."""


@dataclass(frozen=True)
class Chapter:
    """A run of utterances from one section, in seconds; chapters tile the whole programme."""

    title: str
    start: float
    end: float


@dataclass
class Programme:
    """The assembled speech at the voice's sample rate."""

    rate: int
    parts: list[np.ndarray] = field(default_factory=list)
    """Consecutive float32 pieces; silences are zero-stride views that hold no memory."""
    starts: list[int] = field(default_factory=list)
    """Sample offset of each part."""
    length: int = 0
    cues: list[Cue] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.length / self.rate

    def append(self, samples: np.ndarray) -> None:
        if len(samples):
            self.parts.append(samples)
            self.starts.append(self.length)
            self.length += len(samples)

    def silence(self, seconds: float) -> None:
        self.append(np.broadcast_to(np.float32(0), (int(round(seconds * self.rate)),)))

    def read(self, a: int, b: int) -> np.ndarray:
        """Samples ``a .. b`` as a new float32 array; zeros outside the programme."""
        out = np.zeros(max(0, b - a), dtype=np.float32)
        lo, hi = max(a, 0), min(b, self.length)
        if lo >= hi:
            return out
        i = max(0, int(np.searchsorted(self.starts, lo, side="right")) - 1)
        while i < len(self.parts) and self.starts[i] < hi:
            s = self.starts[i]
            part = self.parts[i]
            x0, x1 = max(lo, s), min(hi, s + len(part))
            if x1 > x0:
                out[x0 - a:x1 - a] = part[x0 - s:x1 - s]
            i += 1
        return out


def clean_samples(speech: Speech) -> np.ndarray:
    """Mono float32 with non-finite values zeroed: a NaN would poison every later measurement."""
    x = np.asarray(speech.samples, dtype=np.float32)
    if x.ndim == 2:
        x = x.mean(axis=1, dtype=np.float32)
    if x.ndim != 1:
        raise BuildError(f"the voice returned audio of shape {x.shape}, expected mono samples")
    if not np.all(np.isfinite(x)):
        x = np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0)
    return x


def convert_rate(x: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Resample a whole (short) utterance, e.g. when a fallback voice has another rate."""
    if rate_in == rate_out or not len(x):
        return x
    pp = polyphase(rate_in, rate_out)
    pad = pp.half + 2
    xp = np.concatenate([np.zeros(pad, np.float32), x, np.zeros(pad, np.float32)])
    count = len(x) * rate_out // rate_in
    return resample_block(xp, pp, 0, count, -pad)


def programme_rate(rate: int) -> int:
    """The voice's rate if an MP3 can carry it, else the next rate up that can."""
    return next((r for r in MP3_RATES if r >= rate), MP3_RATES[-1])


def assemble(spoken: Iterable[tuple[Utterance, Speech]]) -> Programme:
    """Join the utterances, each followed by its pause, between a short lead-in and tail."""
    prog: Programme | None = None
    last_pause = 0.0
    runs: list[tuple[str, float]] = []  # (section, start) of each run of one section
    for utt, speech in spoken:
        if prog is None:
            prog = Programme(programme_rate(int(speech.sample_rate)))
            prog.silence(LEAD_IN)
        elif last_pause > 0:
            prog.silence(last_pause)
        x = convert_rate(clean_samples(speech), int(speech.sample_rate), prog.rate)
        start = prog.length / prog.rate
        prog.append(x)
        end = prog.length / prog.rate
        if not runs or runs[-1][0] != utt.section:
            runs.append((utt.section, start))
        if end > start and utt.text.strip():
            prog.cues.append(Cue(start, end, utt.text, utt.section, utt.anchor))
        last_pause = max(0.0, float(utt.pause_after)) if math.isfinite(utt.pause_after) else 0.0
    if prog is None or not prog.cues:
        raise BuildError("the voice produced no audio for this article")
    prog.silence(TAIL)
    prog.chapters = list(_chapters(runs, prog.duration))
    return prog


def _chapters(runs: list[tuple[str, float]], total: float) -> Iterator[Chapter]:
    """Each run of one section becomes a chapter; the first starts at 0, the last ends at the end."""
    for i, (title, start) in enumerate(runs):
        end = runs[i + 1][1] if i + 1 < len(runs) else total
        start = 0.0 if i == 0 else start
        if end > start:  # a section whose utterances made no sound has no chapter
            yield Chapter(title or f"Part {i + 1}", start, end)
