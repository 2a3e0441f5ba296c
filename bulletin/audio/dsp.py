"""Small numpy signal tools: a polyphase resampler and sliding-window helpers.

Written here (not scipy) because scipy is slow to import and we need three functions.
Everything works on one block at a time, so hour-long programmes stream in bounded memory.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import as_strided


@dataclass(frozen=True)
class Polyphase:
    """A windowed-sinc interpolator from ``rate_in`` to ``rate_in * up / down``."""

    up: int
    """Output samples per ``down`` input samples (the reduced ratio)."""
    down: int
    taps: np.ndarray
    """Filter table, one row of ``width`` taps per output phase (``up`` rows)."""
    width: int
    """Taps per phase; the window reaches ``width // 2`` input samples either side."""

    @property
    def half(self) -> int:
        return self.width // 2


def _kaiser(x: np.ndarray, beta: float) -> np.ndarray:
    """Kaiser window evaluated at ``x`` in [-1, 1] (0 outside)."""
    inside = np.abs(x) <= 1
    arg = beta * np.sqrt(np.clip(1 - x * x, 0, None))
    return np.where(inside, np.i0(arg) / np.i0(beta), 0.0)


@lru_cache(maxsize=16)
def polyphase(rate_in: int, rate_out: int, zeros: int = 16, cutoff: float = 0.92,
              beta: float = 8.0) -> Polyphase:
    """Design the interpolator once per rate pair.

    ``cutoff`` is the pass band as a fraction of the lower Nyquist frequency: below 1 so the
    transition band sits under Nyquist and downsampling does not alias (the phone profile's
    band-limit is this filter). ``zeros`` is the sinc's half-length in periods of the lower rate.
    """
    ratio = Fraction(rate_out, rate_in)
    up, down = ratio.numerator, ratio.denominator
    stretch = max(1.0, rate_in / rate_out)  # downsampling widens the kernel in input samples
    if stretch > 1:
        zeros *= 2  # a steeper edge, so content above the new Nyquist is gone, not folded down
    fc = cutoff * 0.5 / stretch  # cycles per input sample
    width = 2 * int(np.ceil(zeros * stretch))
    half = width // 2
    phases = np.arange(up)[:, None] / up  # row p: output instant p/up past an input sample
    j = np.arange(width)[None, :]
    d = j - (half - 1) - phases  # distance from the output instant, in input samples
    h = 2 * fc * np.sinc(2 * fc * d) * _kaiser(d / half, beta)
    h /= h.sum(axis=1, keepdims=True)  # unity gain at DC for every phase
    return Polyphase(up, down, h.astype(np.float32), width)


def resample_block(x: np.ndarray, pp: Polyphase, first: int, count: int, offset: int) -> np.ndarray:
    """Output samples ``first .. first+count`` computed from input ``x``.

    ``x[0]`` is input sample ``offset``; it must cover ``pp.half`` samples of context either side
    of the block (callers pad with zeros at the programme's ends). Outputs ``up`` apart share a
    filter phase and step ``down`` inputs, so each phase is one strided matrix-vector product.
    """
    x = np.ascontiguousarray(x, dtype=np.float32)
    y = np.empty(count, dtype=np.float32)
    step = x.strides[0]
    for i in range(min(pp.up, count)):
        k0 = first + i
        phase = (k0 * pp.down) % pp.up
        start = (k0 * pp.down) // pp.up - offset - (pp.half - 1)
        m = len(range(i, count, pp.up))
        if start < 0 or start + (m - 1) * pp.down + pp.width > len(x):
            raise ValueError("resample_block: not enough context")
        view = as_strided(x[start:], shape=(m, pp.width), strides=(pp.down * step, step),
                          writeable=False)
        y[i::pp.up] = view @ pp.taps[phase]
    return y


def running_min(x: np.ndarray, half: int) -> np.ndarray:
    """Minimum over ``[n - half, n + half]`` for each ``n`` (edges see only what exists).

    Van Herk / Gil-Werman: two cumulative minima per block of the window's width, so the cost
    does not depend on the window length.
    """
    if half <= 0:
        return x.copy()
    w = 2 * half + 1
    n = len(x)
    padded_len = -(-(n + 2 * half) // w) * w
    big = np.full(padded_len, np.inf, dtype=x.dtype)
    big[half:half + n] = x
    blocks = big.reshape(-1, w)
    fwd = np.minimum.accumulate(blocks, axis=1).ravel()
    bwd = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    # window [i, i + w - 1] of ``big`` is centred on x[i]
    return np.minimum(bwd[:n], fwd[w - 1:w - 1 + n])


def triangle_mean(x: np.ndarray, half: int) -> np.ndarray:
    """A centred moving average over ``2 * half + 1`` samples, taken twice: a triangular window
    reaching ``2 * half`` either side, from two running sums in one pass. Edges repeat the end
    values of ``x``.
    """
    if half <= 0:
        return x.copy()
    n, w, pad = len(x), 2 * half + 1, 2 * half
    padded = np.concatenate([np.full(pad, x[0], x.dtype), x, np.full(pad, x[-1], x.dtype)])
    s1 = np.zeros(len(padded) + 1)
    np.cumsum(padded, dtype=np.float64, out=s1[1:])
    s2 = np.zeros(len(s1) + 1)
    np.cumsum(s1, out=s2[1:])
    # the box sums starting at k are s1[k + w] - s1[k]; w of them in a row sum to this
    t = s2[2 * w:2 * w + n] - 2 * s2[w:w + n] + s2[:n]
    return (t / (w * w)).astype(x.dtype)
