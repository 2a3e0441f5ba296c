"""A cache of synthesised utterances, so editing one paragraph re-synthesises only that paragraph.

Each entry is keyed by everything that changes the sound: the tool version, the engine and its
voice (the engine's ``cache_key``), the rate, the language and the exact text to say. Entries are
float32 ``.npy`` files plus sentence timings, written atomically, so two builds sharing the cache
at once cannot see half an entry.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import __version__
from ..fileio import TEMP_PREFIX, atomic_path
from .engines.base import SentenceTiming, Speech

ENV = "BULLETIN_CACHE_DIR"
_LOADING = threading.Lock()
"""Entries are read one at a time. Why: ``np.load`` parses each array's header with
``ast.literal_eval``, and CPython 3.11 keeps the AST builder's recursion depth per interpreter,
not per thread, so two threads reading at once (Piper speaks two sentences at a time, builds in
one process share the cache) can fail with "AST constructor recursion depth mismatch"
(python/cpython#106905). A read takes milliseconds; the turns cost nothing measurable."""


def default_dir() -> Path:
    """``$BULLETIN_CACHE_DIR``, else the user cache folder of this OS."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("bulletin", appauthor=False)) / "speech"


@dataclass(frozen=True)
class CacheInfo:
    folder: Path
    entries: int
    bytes: int


class SpeechCache:
    """Get and put :class:`Speech` by what was said, by whom, how fast."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else default_dir()
        self.hits = 0
        self.misses = 0

    def key(self, engine, text: str, lang: str, rate_wpm: float) -> str:
        ident = [__version__, getattr(engine, "cache_key", engine.name), lang, round(float(rate_wpm), 3), text]
        return hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.npz"

    def load_arrays(self, key: str) -> dict[str, np.ndarray] | None:
        """The arrays stored under ``key``, or None when there is no readable entry."""
        try:
            with _LOADING, np.load(self._path(key), allow_pickle=False) as data:
                return {name: data[name] for name in data.files}
        except (OSError, ValueError, SystemError):
            # SystemError: the AST race above, met through another thread's compile (an import
            # defining a dataclass); an entry that cannot be read is a miss, never a failed build.
            return None

    def save_arrays(self, key: str, **arrays: np.ndarray) -> None:
        """Store ``arrays`` under ``key``; a cache that cannot be written is skipped, never fatal."""
        path = self._path(key)
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as tmp:
                tmp.write_bytes(buf.getvalue())

    def get(self, key: str) -> Speech | None:
        data = self.load_arrays(key)
        try:
            samples = data["samples"].astype(np.float32, copy=False)
            rate = int(data["rate"])
            meta = json.loads(bytes(data["sentences"]).decode("utf-8"))
        except (TypeError, KeyError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return Speech(samples, rate, tuple(SentenceTiming(*s) for s in meta))

    def put(self, key: str, speech: Speech) -> None:
        """Store ``speech``; a cache that cannot be written is skipped, never fatal."""
        meta = json.dumps([[s.start, s.end, s.text] for s in speech.sentences], ensure_ascii=False)
        self.save_arrays(key, samples=np.asarray(speech.samples, dtype=np.float32),
                         rate=np.int64(speech.sample_rate),
                         sentences=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8))

    def info(self) -> CacheInfo:
        files = [p for p in self.folder.rglob("*.npz") if not p.name.startswith(TEMP_PREFIX)] \
            if self.folder.is_dir() else []
        return CacheInfo(self.folder, len(files), sum(p.stat().st_size for p in files))

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        n = 0
        if self.folder.is_dir():
            for p in self.folder.rglob("*.npz"):
                with contextlib.suppress(OSError):
                    p.unlink()
                    n += 1
            for d in sorted(self.folder.glob("*"), reverse=True):
                with contextlib.suppress(OSError):
                    d.rmdir()
        return n
