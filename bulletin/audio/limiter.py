"""Gain and a true-peak limiter, applied block by block to a programme at the output rate.

Raising speech from about -21 to -16 LUFS pushes thousands of samples past full scale, so gain
alone is not enough. The limiter looks at peaks between samples (4x oversampled) and lowers the
gain smoothly around them. Being offline it may look both ways: the gain starts falling before a
peak and recovers after it, each ramp ``RAMP`` long, so nothing clicks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

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


PEAK_CHUNK = 1 << 15
"""Samples :func:`true_peaks` works on at a time, so its slices stay in the processor's cache."""


def true_peaks(x: np.ndarray, rate: int) -> np.ndarray:
    """Per-sample envelope of the 4x oversampled signal: max |.| over [n, n+1).

    ``x`` carries ``oversampler_context(rate)`` samples of context either side; the result covers
    the middle only. Each in-between phase is summed tap by tap over shifted slices of ``x``: a
    matrix product over a strided view would copy the whole window first. Phase 0 falls on the
    samples themselves, where the interpolator is exactly the identity.
    """
    pp = _oversampler(rate)
    c = pp.half + 2
    n = len(x) - 2 * c
    x = np.ascontiguousarray(x, dtype=np.float32)
    env = np.abs(x[c:c + n])
    acc = np.empty(min(n, PEAK_CHUNK), dtype=np.float32)
    term = np.empty_like(acc)
    for a in range(0, n, PEAK_CHUNK):
        m = min(PEAK_CHUNK, n - a)
        s = a + c - pp.half + 1  # where the first tap's slice starts
        out, part, tmp = env[a:a + m], acc[:m], term[:m]
        for phase in range(1, 4):
            taps = pp.taps[phase]
            np.multiply(x[s:s + m], taps[0], out=part)
            for k in range(1, pp.width):
                np.multiply(x[s + k:s + k + m], taps[k], out=tmp)
                part += tmp
            np.abs(part, out=part)
            np.maximum(out, part, out=out)
    return env


class PeakMeter:
    """The highest true peak of a signal given block by block, with :func:`true_peaks`.

    Used on the decoded file: the same interpolator the limiter works with, at a fraction of
    the cost of libebur128's peak mode; the tests measure the files with libebur128.
    """

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.context = oversampler_context(rate)
        self.carry = np.zeros(2 * self.context, dtype=np.float32)  # silence before the start
        self.peak = 0.0

    def add(self, x: np.ndarray) -> np.ndarray:
        """Take the next block into account; return it unchanged."""
        if len(x):
            joined = np.concatenate([self.carry, np.asarray(x, dtype=np.float32)])
            self.peak = max(self.peak, float(true_peaks(joined, self.rate).max()))
            self.carry = joined[-2 * self.context:]
        return x

    def db(self) -> float:
        """dBTP, after the signal's last block (it is followed by silence)."""
        tail = np.concatenate([self.carry, np.zeros(2 * self.context, dtype=np.float32)])
        peak = max(self.peak, float(true_peaks(tail, self.rate).max()))
        return 20 * math.log10(max(peak, 1e-10))


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


SAMPLE_STEP = 8
"""Every how many samples :meth:`Limiter.expected_loss` looks: enough for a sum of energies."""
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
        self.sampled: tuple[np.ndarray, np.ndarray] | None = None
        """Every ``SAMPLE_STEP``-th sample's energy and reach, for :meth:`expected_loss`."""
        if not (length <= KEEP_SAMPLES if keep is None else keep):
            return
        oc = oversampler_context(rate)
        h = 2 * ramp_samples(rate)  # the reach of a peak, see peak_reach
        self.reach = np.empty(length + 2 * lc, dtype=np.float32)
        energy = []
        # Block by block, each with the peaks ``h`` either side that its reach needs: whole-
        # programme temporaries would cost several copies of the programme at once.
        for a in range(-lc, length + lc, block):
            b = min(length + lc, a + block)
            x = read(a - h - 1 - oc, b + h + oc)
            p = true_peaks(x, rate)  # samples a - h - 1 .. b + h
            p = np.maximum(p[1:], p[:-1])  # an inter-sample peak touches both neighbours
            self.reach[a + lc:b + lc] = peak_reach(p, rate)[h:h + b - a]
            first = max(a, 0) + (-max(a, 0)) % SAMPLE_STEP  # the block's first sample on the grid
            if first < min(b, length):
                at = h + 1 + oc - a  # where sample 0 would sit in x
                energy.append(np.square(x[first + at:min(b, length) + at:SAMPLE_STEP]))
        self.sampled = (np.concatenate(energy) if energy else np.zeros(0, np.float32),
                        self.reach[lc:lc + length:SAMPLE_STEP])

    def expected_loss(self, gain_db: float, ceiling_db: float) -> float | None:
        """About how many dB of energy the limiter takes at this gain; None when not kept.

        Each sample is lowered by what its reach needs, before smoothing and without the
        loudness weighting, from every ``SAMPLE_STEP``-th sample: it reads a little low, but
        its slope is close, which is what the gain search needs to start well.
        """
        if self.sampled is None:
            return None
        energy, reach = self.sampled
        total = float(energy.sum(dtype=np.float64))
        if total <= 0:
            return 0.0
        need = np.minimum(np.float32(1), np.float32(10 ** (ceiling_db / 20))
                          / np.maximum(reach * np.float32(10 ** (gain_db / 20)), np.float32(1e-12)))
        return float(-10 * np.log10(max(float(np.dot(energy, need * need)) / total, 1e-12)))

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
