"""Signals as the audio code reads them, for the tests."""
from __future__ import annotations

import numpy as np


def reader(x: np.ndarray):
    """A ``Reader`` over ``x``: any span ``a .. b`` as a new float32 array, zeros outside ``x``."""
    def read(a: int, b: int) -> np.ndarray:
        out = np.zeros(max(0, b - a), np.float32)
        lo, hi = max(a, 0), min(b, len(x))
        if hi > lo:
            out[lo - a:hi - a] = x[lo:hi]
        return out

    return read
