"""How many cores one build may keep busy.

A single build uses every core (Piper speaks two sentences at once, the handout is drawn beside
the voice). A batch runs one build per core and tells each worker, through
``$BULLETIN_THREADS``, to stay on its own: otherwise the workers fight over the cores and the
batch ends up slower than its parts.
"""
from __future__ import annotations

import os

THREADS_ENV = "BULLETIN_THREADS"
"""Cores one build may use; the batch sets it per worker."""


def thread_budget(threads: int | None = None) -> int:
    """``threads`` if given, else ``$BULLETIN_THREADS``, else every core."""
    if threads:
        return max(1, int(threads))
    env = os.environ.get(THREADS_ENV, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return os.cpu_count() or 1
