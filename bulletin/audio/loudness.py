"""ITU-R BS.1770 loudness and true peak (libebur128 via pyebur128), and finding the gain.

pyebur128 imports in milliseconds and measures two minutes of speech in about 0.2 s; pyloudnorm
would pull in scipy (1.4 s import) for one filter call.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from .limiter import Master, Prepared, Reader, blocks

PASSES = 5
"""Gain -> limit -> measure rounds; speech converges in two to four."""
CONVERGED = 0.1
"""LU from the target at which another round is not worth its time (the file may sit 0.4 LU
away, the published tolerance is 1 LU)."""


@dataclass(frozen=True)
class Measurement:
    lufs: float
    """Integrated loudness; -inf for silence."""
    true_peak_db: float
    """Highest 4x-oversampled peak, dBTP."""


def measure(signal: Iterable[np.ndarray], rate: int, peak: bool = True) -> Measurement:
    """Integrated loudness and (if ``peak``) true peak of a signal given as mono blocks."""
    import pyebur128 as eb

    mode = eb.MeasurementMode.MODE_I
    if peak:  # the oversampled peak search costs more than the loudness itself
        mode |= eb.MeasurementMode.MODE_TRUE_PEAK
    state = eb.R128State(1, rate, mode)
    for x in signal:
        if len(x):
            x = np.ascontiguousarray(x, dtype=np.float32)
            state.add_frames(x, len(x))
    lufs = eb.get_loudness_global(state)
    tp = eb.get_true_peak(state, 0) if peak else math.nan
    return Measurement(float(lufs), 20 * math.log10(max(tp, 1e-10)) if peak else math.nan)


CACHE_SAMPLES = 16_000_000
"""Keep the last limited pass in memory up to this many samples (64 MB, ~12 min at 22 kHz), so
encoding need not run the limiter again; longer programmes are recomputed to bound memory."""


def raw_gain(read: Reader, length: int, rate: int, target: float) -> float:
    """Plain gain from the programme's own loudness to ``target``."""
    raw = measure(blocks(read, length, rate, None), rate, peak=False)
    if not math.isfinite(raw.lufs):
        from ..errors import BuildError

        raise BuildError("the spoken version is silent: nothing to make louder")
    return target - raw.lufs


def _limited(read: Reader, length: int, rate: int, master: Master,
             keep: list[np.ndarray] | None, prepared: Prepared | None = None) -> Iterable[np.ndarray]:
    for x in blocks(read, length, rate, master, prepared=prepared):
        if keep is not None:
            keep.append(x)
        yield x


def find_gain(read: Reader, length: int, rate: int, target: float, ceiling_db: float,
              start_gain_db: float, prepared: Prepared | None = None
              ) -> tuple[Master, Measurement, list[np.ndarray] | None]:
    """The gain that, after the limiter, puts the whole programme at ``target`` LUFS.

    The limiter takes away a little loudness, so each round measures the limited result and
    adds the shortfall to the gain. Returns the last round's blocks too when they fit the cache.
    """
    cache = length <= CACHE_SAMPLES
    master = Master(start_gain_db, ceiling_db)
    kept: list[np.ndarray] | None = [] if cache else None
    got = measure(_limited(read, length, rate, master, kept, prepared), rate, peak=False)
    slope, last = 1.0, None
    for _ in range(PASSES - 1):
        if abs(target - got.lufs) <= CONVERGED:
            break
        if last is not None and master.gain_db != last[0]:
            # The limiter takes more as the gain rises: a secant step lands closer than adding
            # the shortfall (two rounds instead of four on the example article).
            slope = min(1.0, max(0.2, (got.lufs - last[1]) / (master.gain_db - last[0])))
        last = (master.gain_db, got.lufs)
        master = Master(master.gain_db + (target - got.lufs) / slope, ceiling_db)
        kept = [] if cache else None
        got = measure(_limited(read, length, rate, master, kept, prepared), rate, peak=False)
    return master, got, kept
