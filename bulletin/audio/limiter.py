"""Gain and a true-peak limiter, applied block by block to a programme at the output rate.

Raising speech from about -21 to -16 LUFS pushes thousands of samples past full scale, so gain
alone is not enough. The limiter looks at peaks between samples (4x oversampled) and lowers the
gain smoothly around them. Being offline it may look both ways: the gain starts falling before a
peak and recovers after it, each ramp ``RAMP`` long, so nothing clicks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from .dsp import box_mean, polyphase, resample_block, running_min

RAMP = 0.004
"""Half-width of each smoothing stage, in seconds; gain ramps last about four times this."""
BLOCK = 1 << 16
"""Output samples per block: big enough for numpy to be efficient, small enough for memory."""

Reader = Callable[[int, int], np.ndarray]
"""Returns samples ``a .. b`` of a signal (zeros outside it)."""


@dataclass(frozen=True)
class Master:
    """How the programme is turned into the published signal."""

    gain_db: float
    ceiling_db: float
    """Highest true peak the limiter lets through, in dBTP."""


def true_peaks(x: np.ndarray, rate: int) -> np.ndarray:
    """Per-sample envelope of the 4x oversampled signal: max |.| over [n, n+1).

    ``x`` carries ``oversampler_context(rate)`` samples of context either side; the result covers
    the middle only.
    """
    pp = polyphase(rate, rate * 4, zeros=12, cutoff=1.0, beta=6.0)
    c = pp.half + 2
    n = len(x) - 2 * c
    up = resample_block(x, pp, 4 * c, 4 * n, 0)  # output 4c + j sits at x[c + j/4]
    return np.abs(up).reshape(n, 4).max(axis=1)


def oversampler_context(rate: int) -> int:
    return polyphase(rate, rate * 4, zeros=12, cutoff=1.0, beta=6.0).half + 2


def ramp_samples(rate: int) -> int:
    return max(1, int(round(RAMP * rate)))


def limit_block(read: Reader, a: int, b: int, rate: int, master: Master) -> np.ndarray:
    """Mastered samples ``a .. b``: gain, then the true-peak limiter."""
    g = 10 ** (master.gain_db / 20)
    ceiling = 10 ** (master.ceiling_db / 20)
    r = ramp_samples(rate)
    oc = oversampler_context(rate)
    lc = 4 * r + 2  # context the gain envelope needs
    x = read(a - lc - oc, b + lc + oc) * np.float32(g)
    peaks = true_peaks(x, rate)  # covers a - lc .. b + lc
    peaks = np.maximum(peaks, np.concatenate([[peaks[0]], peaks[:-1]]))  # an inter-sample peak touches both neighbours
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12)).astype(np.float32)
    # min over +-2r, then two averages over +-r: every sample's gain is at most what it needs
    env = box_mean(box_mean(running_min(need, 2 * r), r), r)
    return x[oc + lc:oc + lc + (b - a)] * env[lc:lc + (b - a)]


class Prepared:
    """The raw programme and its 4x-oversampled peak envelope, worked out once for every gain tried.

    Why: true peaks scale with the gain, so the oversampling (most of the limiter's cost) need
    not be repeated on each loudness round. Costs two float32 copies of the programme, so it is
    used only for programmes up to ``loudness.CACHE_SAMPLES``.
    """

    def __init__(self, read: Reader, length: int, rate: int, block: int = BLOCK) -> None:
        self.rate, self.length = rate, length
        self.lc = lc = 4 * ramp_samples(rate) + 2  # context the gain envelope needs
        oc = oversampler_context(rate)
        self.x = read(-lc, length + lc)
        """Samples ``-lc .. length + lc``."""
        self.peaks = np.empty(length + 2 * lc, dtype=np.float32)
        """Peak envelope over the same span: an inter-sample peak touches both neighbours."""
        for a in range(-lc, length + lc, block):
            b = min(length + lc, a + block)
            p = true_peaks(read(a - 1 - oc, b + oc), rate)  # samples a - 1 .. b
            self.peaks[a + lc:b + lc] = np.maximum(p[1:], p[:-1])

    def limit(self, a: int, b: int, master: Master) -> np.ndarray:
        """Mastered samples ``a .. b``, as :func:`limit_block` computes them."""
        g = 10 ** (master.gain_db / 20)
        ceiling = 10 ** (master.ceiling_db / 20)
        r, lc = ramp_samples(self.rate), self.lc
        peaks = self.peaks[a:b + 2 * lc] * np.float32(g)  # samples a - lc .. b + lc
        need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12)).astype(np.float32)
        env = box_mean(box_mean(running_min(need, 2 * r), r), r)
        return (self.x[a + lc:b + lc] * np.float32(g)) * env[lc:lc + (b - a)]


def blocks(read: Reader, length: int, rate: int, master: Master | None,
           block: int = BLOCK, prepared: Prepared | None = None) -> Iterator[np.ndarray]:
    """The whole signal, mastered (or raw when ``master`` is None), in consecutive blocks."""
    for a in range(0, length, block):
        b = min(length, a + block)
        if master is None:
            yield read(a, b)
        elif prepared is not None:
            yield prepared.limit(a, b, master)
        else:
            yield limit_block(read, a, b, rate, master)
