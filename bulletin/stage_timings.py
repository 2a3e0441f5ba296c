"""Wall seconds per build stage, gathered from wherever the stage runs (for the benchmark).

The pipeline opens a collection with :func:`collecting`; deeper code (mastering, encoding, PDF
tagging) adds to it with :func:`timed` without being handed anything. Outside a collection the
calls cost a clock read and record nothing.
"""
from __future__ import annotations

import contextlib
import contextvars
import time
from typing import Iterator

_CURRENT: contextvars.ContextVar[dict | None] = contextvars.ContextVar("bulletin_stage_times", default=None)


@contextlib.contextmanager
def collecting(into: dict[str, float]) -> Iterator[dict[str, float]]:
    """Stages timed inside this block (in this thread, or a thread started with its context) add to ``into``."""
    token = _CURRENT.set(into)
    try:
        yield into
    finally:
        _CURRENT.reset(token)


def add(stage: str, seconds: float) -> None:
    into = _CURRENT.get()
    if into is not None:
        into[stage] = into.get(stage, 0.0) + seconds


@contextlib.contextmanager
def timed(stage: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        add(stage, time.perf_counter() - t0)


def so_far(stage: str) -> float:
    """Seconds recorded for ``stage`` in the current collection (0 outside one)."""
    into = _CURRENT.get()
    return into.get(stage, 0.0) if into is not None else 0.0
