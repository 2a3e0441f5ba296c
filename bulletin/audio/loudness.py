"""ITU-R BS.1770 loudness and true peak (libebur128 via pyebur128), and finding the gain.

Why pyebur128: it imports in milliseconds, where pyloudnorm would pull in scipy (143 MB, a slow
import) for one filter call.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from .limiter import Limiter, Master

PASSES = 5
"""Gain -> limit -> measure rounds at most; speech converges in two to four."""
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


@dataclass(frozen=True)
class Gain:
    """What :func:`set_gain` found."""

    master: Master
    lufs: float
    """Loudness of the limited programme (before encoding)."""
    slope: float
    """LU gained per dB of gain near the answer: less than 1, because the limiter takes more
    the harder it works."""


def first_guess(limiter: Limiter, raw_lufs: float, target: float, ceiling_db: float) -> tuple[float, float]:
    """Where :func:`set_gain` starts, and the LU per dB it should expect there.

    Gain alone would take ``target - raw_lufs``, but the limiter takes more the harder it
    works, so that first try lands short and the search needs a round more. Solving with the
    limiter's own estimate of what it takes (:meth:`~.limiter.Limiter.expected_loss`, a small
    sum) starts the search near the answer and with a slope close to the real one.
    """
    gain_db, slope = target - raw_lufs, 1.0
    loss = limiter.expected_loss(gain_db, ceiling_db)
    if loss is None:
        return gain_db, slope
    last: tuple[float, float] | None = None
    for _ in range(2 * PASSES):
        miss = target - (raw_lufs + gain_db - loss)
        if last is not None and gain_db != last[0]:
            slope = min(1.0, max(0.2, (last[1] - miss) / (gain_db - last[0])))
        if abs(miss) < 0.01:
            break
        last = (gain_db, miss)
        gain_db += miss / slope
        loss = limiter.expected_loss(gain_db, ceiling_db)
    return gain_db, slope


def set_gain(limiter: Limiter, target: float, ceiling_db: float, start_db: float,
             slope: float = 1.0) -> Gain:
    """The gain that, through the limiter under ``ceiling_db``, puts the programme at ``target`` LUFS.

    Each round limits the whole programme at one gain and measures it; the next gain is a secant
    step from the last two rounds (``slope`` is the first guess of LU per dB). Nothing is kept
    from a round but its figures.
    """
    gain_db = start_db
    last: tuple[float, float] | None = None
    for _ in range(PASSES):
        master = Master(gain_db, ceiling_db)
        lufs = measure(limiter.blocks(master), limiter.rate, peak=False).lufs
        if abs(target - lufs) <= CONVERGED:
            break
        if last is not None and gain_db != last[0]:
            slope = min(1.0, max(0.2, (lufs - last[1]) / (gain_db - last[0])))
        last = (gain_db, lufs)
        gain_db += (target - lufs) / slope
    return Gain(master, lufs, slope)
