"""From the assembled programme to the published file at the right loudness and peak level.

Resample (if the profile asks) -> gain -> true-peak limiter -> encode, all block by block; then
decode what was written and measure it, because the MP3 encoder moves peaks and loudness a
little. If the decoded file misses, the ceiling and gain are corrected and it is encoded again.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .assemble import Programme
from .dsp import polyphase, resample_block
from .encode import decoded_blocks, write_mp3, write_wav
from .limiter import Reader, blocks
from .loudness import Measurement, find_gain, measure
from .profiles import Profile

log = logging.getLogger(__name__)

PEAK_LIMIT = -1.0
"""dBTP the decoded file must not exceed."""
PEAK_MARGIN = 0.15
"""Aim this far under the limit: other meters' oversampling filters read a little higher."""
LOUDNESS_TOLERANCE = 0.4
"""LU the decoded file may sit from the target before it is encoded again."""
ATTEMPTS = 3


@dataclass
class Rendered:
    rate: int
    frames: int
    measured: Measurement
    """Of the decoded output file."""
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.frames / self.rate


def source(prog: Programme, rate: int) -> tuple[Reader, int]:
    """A reader of the programme at ``rate``, and its length there."""
    if rate == prog.rate:
        return prog.read, prog.length
    pp = polyphase(prog.rate, rate)
    length = prog.length * pp.up // pp.down

    def read(a: int, b: int) -> np.ndarray:
        lo = (a * pp.down) // pp.up - pp.half - 1
        hi = (b * pp.down) // pp.up + pp.half + 2
        return resample_block(prog.read(lo, hi), pp, a, b - a, lo)

    return read, length


def render(prog: Programme, prof: Profile, path: Path) -> Rendered:
    """Write ``path`` (a temporary name) and return what the decoded file measures."""
    rate = prof.rate or prog.rate
    read, length = source(prog, rate)
    target, ceiling = prof.lufs, prof.ceiling_db
    master, before = find_gain(read, length, rate, target, ceiling)
    for attempt in range(ATTEMPTS):
        signal = blocks(read, length, rate, master)
        if prof.container == "mp3":
            write_mp3(path, signal, rate, prof.kbps or 64)
        else:
            write_wav(path, signal, rate)
        got = measure(decoded_blocks(path), rate)
        log.debug("attempt %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, master.gain_db, ceiling, got.lufs, got.true_peak_db)
        peak_over = got.true_peak_db - (PEAK_LIMIT - PEAK_MARGIN)
        off = target - got.lufs
        if peak_over <= 0 and abs(off) <= LOUDNESS_TOLERANCE:
            break
        if attempt == ATTEMPTS - 1:
            break
        # the encoder's shift is the gap between what went in and what came out
        shift = got.lufs - before.lufs
        if peak_over > 0:
            ceiling -= peak_over + 0.1
        master, before = find_gain(read, length, rate, target - shift, ceiling,
                                   start_gain_db=master.gain_db + off)
    out = Rendered(rate, length, got)
    if got.true_peak_db > PEAK_LIMIT:
        out.warnings.append(f"audio peaks at {got.true_peak_db:.1f} dBTP, above the {PEAK_LIMIT:g} dBTP limit")
    if not math.isfinite(got.lufs) or abs(target - got.lufs) > 0.5:
        out.warnings.append(f"audio loudness is {got.lufs:.1f} LUFS, not the {target:g} LUFS target")
    return out
