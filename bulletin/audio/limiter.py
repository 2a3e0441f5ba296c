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

from numpy.lib.stride_tricks import as_strided

from .dsp import polyphase, running_min, triangle_mean

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
    the middle only. Each of the four phases is one strided product and the phases are folded
    with ``np.maximum``: a max over a length-4 axis costs numpy twice as much. Phase 0 falls on
    the samples themselves, where the interpolator is exactly the identity.
    """
    pp = _oversampler(rate)
    c = pp.half + 2
    n = len(x) - 2 * c
    x = np.ascontiguousarray(x, dtype=np.float32)
    step = x.strides[0]
    view = as_strided(x[c - pp.half + 1:], shape=(n, pp.width), strides=(step, step), writeable=False)
    env = np.abs(x[c:c + n])
    for phase in range(1, 4):
        np.maximum(env, np.abs(view @ pp.taps[phase]), out=env)
    return env


def _oversampler(rate: int):
    return polyphase(rate, rate * 4, zeros=12, cutoff=1.0, beta=6.0)


def oversampler_context(rate: int) -> int:
    return _oversampler(rate).half + 2


def ramp_samples(rate: int) -> int:
    return max(1, int(round(RAMP * rate)))


def peak_reach(peaks: np.ndarray, rate: int) -> np.ndarray:
    """Highest peak within +-2 ramps of each sample: the gain there must already be down for it.

    Taken before the gain is known: the gain a peak needs falls as the peak rises, so the least
    gain over a window is the gain the window's highest peak needs, exactly.
    """
    return -running_min(-peaks, 2 * ramp_samples(rate))


def gain_envelope(reach: np.ndarray, g: float, ceiling: float, rate: int) -> np.ndarray:
    """Limiter gain per sample: what the nearby peaks need, smoothed twice over +-1 ramp so
    nothing clicks; smoothing a window minimum keeps every sample at or under what it needs."""
    r = ramp_samples(rate)
    need = np.minimum(1.0, ceiling / np.maximum(reach * np.float32(g), 1e-12)).astype(np.float32)
    return triangle_mean(need, r)


def limit_block(read: Reader, a: int, b: int, rate: int, master: Master) -> np.ndarray:
    """Mastered samples ``a .. b``: gain, then the true-peak limiter."""
    g = 10 ** (master.gain_db / 20)
    ceiling = 10 ** (master.ceiling_db / 20)
    oc = oversampler_context(rate)
    lc = 4 * ramp_samples(rate) + 2  # context the gain envelope needs
    x = read(a - lc - oc - 1, b + lc + oc)
    peaks = true_peaks(x, rate)  # covers a - lc - 1 .. b + lc
    peaks = np.maximum(peaks[1:], peaks[:-1])  # an inter-sample peak touches both neighbours
    env = gain_envelope(peak_reach(peaks, rate), g, ceiling, rate)
    return (x[oc + lc + 1:oc + lc + 1 + (b - a)] * np.float32(g)) * env[lc:lc + (b - a)]


KEEP_SAMPLES = 16_000_000
"""Programmes up to this many samples (about 12 minutes at 22 kHz) keep their peak envelope in
memory, one float32 copy of the programme; longer ones find the peaks again block by block on
every pass, so memory stays bounded however long the programme is."""


class Limiter:
    """The programme as the limiter sees it: a reader of its samples, and its true peaks' reach.

    Why the envelope is found once: true peaks scale with the gain, so the 4x oversampling (most
    of the limiter's cost) does not depend on it, and every gain :func:`~.loudness.set_gain`
    tries reuses it. Programmes longer than ``KEEP_SAMPLES`` (or ``keep=False``) work it out
    again for each block instead; both ways give the same samples.
    """

    def __init__(self, read: Reader, length: int, rate: int, block: int = BLOCK,
                 keep: bool | None = None) -> None:
        self.read, self.length, self.rate, self.block = read, length, rate, block
        self.lc = lc = 4 * ramp_samples(rate) + 2  # context the gain envelope needs
        self.reach: np.ndarray | None = None
        """:func:`peak_reach` over the same span, when kept."""
        if not (length <= KEEP_SAMPLES if keep is None else keep):
            return
        oc = oversampler_context(rate)
        h = 2 * ramp_samples(rate)  # the reach of a peak, see peak_reach
        self.reach = np.empty(length + 2 * lc, dtype=np.float32)
        # Block by block, each with the peaks ``h`` either side that its reach needs: whole-
        # programme temporaries would cost several copies of the programme at once.
        for a in range(-lc, length + lc, block):
            b = min(length + lc, a + block)
            p = true_peaks(read(a - h - 1 - oc, b + h + oc), rate)  # samples a - h - 1 .. b + h
            p = np.maximum(p[1:], p[:-1])  # an inter-sample peak touches both neighbours
            self.reach[a + lc:b + lc] = peak_reach(p, rate)[h:h + b - a]

    def limit(self, a: int, b: int, master: Master) -> np.ndarray:
        """Mastered samples ``a .. b``: gain, then the true-peak limiter."""
        if self.reach is None:
            return limit_block(self.read, a, b, self.rate, master)
        g = 10 ** (master.gain_db / 20)
        ceiling = 10 ** (master.ceiling_db / 20)
        lc = self.lc
        env = gain_envelope(self.reach[a:b + 2 * lc], g, ceiling, self.rate)  # samples a - lc .. b + lc
        return (self.read(a, b) * np.float32(g)) * env[lc:lc + (b - a)]

    def blocks(self, master: Master) -> Iterator[np.ndarray]:
        """The whole programme mastered, in consecutive blocks."""
        for a in range(0, self.length, self.block):
            yield self.limit(a, min(self.length, a + self.block), master)
