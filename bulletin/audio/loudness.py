"""ITU-R BS.1770 loudness and true peak (libebur128 via pyebur128), and finding the gain.

pyebur128 imports in milliseconds and measures two minutes of speech in about 0.2 s; pyloudnorm
would pull in scipy (1.4 s import) for one filter call.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from ..cores import thread_budget
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


def true_peak_db(x: np.ndarray, rate: int, parts: int | None = None) -> float:
    """Highest 4x-oversampled peak of ``x`` in dBTP, the parts worked out at once in threads.

    Why not libebur128's: it holds the interpreter, while the limiter's own oversampler is numpy,
    which lets go of it, so a second core halves the wait. Both read the same within 0.05 dB.
    """
    import concurrent.futures as cf

    from .limiter import oversampler_context, true_peaks

    parts = parts or min(2, thread_budget())
    c = oversampler_context(rate)
    padded = np.concatenate([np.zeros(c, np.float32), np.asarray(x, np.float32), np.zeros(c, np.float32)])
    cuts = np.linspace(0, len(x), parts + 1).astype(int)

    def peak(i: int) -> float:
        a, b = cuts[i], cuts[i + 1]
        return float(true_peaks(padded[a:b + 2 * c], rate).max()) if b > a else 0.0

    with cf.ThreadPoolExecutor(parts) as pool:
        top = max(pool.map(peak, range(parts)))
    return 20 * math.log10(max(top, 1e-10))


def measure_whole(x: np.ndarray, rate: int) -> Measurement:
    """:func:`measure` of a signal held in memory, the true peak found beside the loudness."""
    import concurrent.futures as cf

    if thread_budget() == 1:
        return Measurement(measure([x], rate, peak=False).lufs, true_peak_db(x, rate))
    with cf.ThreadPoolExecutor(1) as pool:
        peak = pool.submit(true_peak_db, x, rate)
        lufs = measure([x], rate, peak=False).lufs
        return Measurement(lufs, peak.result())


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


@dataclass
class Round:
    """The last gain -> limit -> measure round of :func:`find_gain`."""

    master: Master
    measured: Measurement
    """Loudness of the limited signal (before encoding)."""
    blocks: list[np.ndarray] | None
    """Its blocks, when the programme fits ``CACHE_SAMPLES``."""
    encoding: object | None = None
    """The speculative encoder fed with those blocks, if one was asked for; unfinished."""
    slope: float = 1.0
    """LU gained per dB of gain near the answer, as the search last saw it."""


def _limited(read: Reader, length: int, rate: int, master: Master, keep: list[np.ndarray] | None,
             prepared: Prepared | None, sink) -> Iterable[np.ndarray]:
    for x in blocks(read, length, rate, master, prepared=prepared):
        if keep is not None:
            keep.append(x)
        if sink is not None:
            sink.feed(x)
        yield x


def _round(read: Reader, length: int, rate: int, master: Master, prepared: Prepared | None,
           speculate: Callable[[], object] | None) -> Round:
    cache = length <= CACHE_SAMPLES
    kept: list[np.ndarray] | None = [] if cache else None
    sink = speculate() if speculate is not None and cache else None
    try:
        got = measure(_limited(read, length, rate, master, kept, prepared, sink), rate, peak=False)
    except BaseException:
        if sink is not None:
            sink.cancel()
        raise
    return Round(master, got, kept, sink)


def find_gain(read: Reader, length: int, rate: int, target: float, ceiling_db: float,
              start_gain_db: float, prepared: Prepared | None = None,
              speculate: Callable[[], object] | None = None, slope: float = 1.0) -> Round:
    """The gain that, after the limiter, puts the whole programme at ``target`` LUFS.

    The limiter takes away a little loudness, so each round measures the limited result and
    adds the shortfall to the gain. ``speculate`` makes an encoder (``feed``/``cancel``) that
    each round feeds as it goes: the last round is the one published, so its file is almost
    written when the search ends; a round that misses cancels its encoder. ``slope`` is the
    first guess of LU per dB (the limiter makes it less than 1).
    """
    last_round = _round(read, length, rate, Master(start_gain_db, ceiling_db), prepared, speculate)
    last = None
    for _ in range(PASSES - 1):
        master, got = last_round.master, last_round.measured
        if abs(target - got.lufs) <= CONVERGED:
            break
        if last is not None and master.gain_db != last[0]:
            # The limiter takes more as the gain rises: a secant step lands closer than adding
            # the shortfall (two rounds instead of four on the example article).
            slope = min(1.0, max(0.2, (got.lufs - last[1]) / (master.gain_db - last[0])))
        last = (master.gain_db, got.lufs)
        if last_round.encoding is not None:
            last_round.encoding.cancel()
        last_round = _round(read, length, rate, Master(master.gain_db + (target - got.lufs) / slope, ceiling_db),
                            prepared, speculate)
    last_round.slope = slope
    return last_round
