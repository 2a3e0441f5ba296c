"""Guessing an article's language when neither ``--lang`` nor the article says it.

py3langid (a pure-Python port of langid.py with its model inside the wheel, so it works
offline) scores the text; the guess is used only when the text is long enough and the score
high, and the user is told how sure it was so a wrong guess is easy to correct.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

#: Fewer words than this and a guess is not worth making (a title, a one-line notice).
MIN_WORDS = 20
#: Normalised probability a guess needs before it is used.
MIN_CONFIDENCE = 0.9
#: langid's codes that the rest of the tool writes differently (BCP 47 / catalogue names).
_TAGS = {"zh": "zh-Hans"}


@dataclass(frozen=True)
class Guess:
    """What the detector thinks, and how sure it is."""

    language: str
    """BCP 47 tag, e.g. ``es``."""
    confidence: float
    """Normalised probability, 0 to 1."""


_LOCK = threading.Lock()
_MODEL: list = []


def _identifier():
    with _LOCK:  # a preload in progress finishes first; the model is built once
        if not _MODEL:
            _MODEL.append(_load())
        return _MODEL[0]


def _load():
    """The model from the unpacked copy in the user cache, else from py3langid's file.

    Why: py3langid's file is LZMA, and unpacking it on every build cost more than the rest of
    reading; the unpacked arrays (written once per machine and py3langid version) are mapped
    instead (``benchmarks/run.py`` times both).
    Risk: a damaged copy; any error reading it falls back to the packed file.
    """
    from array import array

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = _unpacked_dir(MODEL_DIR / MODEL_FILE)
    try:
        a = {k: np.load(folder / f"{k}.npy", mmap_mode="r") for k in _ARRAYS}
        _MAPPED[:] = [a["ptc"], a["nextmove"]]
        # The state table stays in the mapped file (a memoryview indexes as fast as an array):
        # a copy would hold tens of MB for the whole build, while a guess touches a few pages.
        model = LanguageIdentifier(a["ptc"], np.asarray(a["pc"]), a["classes"].tolist(),
                                   memoryview(a["nextmove"]), a["output"].tolist(), norm_probs=True,
                                   tk_row=array(a["row"].dtype.char, a["row"].tobytes()))
        return model
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError):
        import shutil

        shutil.rmtree(folder, ignore_errors=True)  # damaged: unpacked again below
    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    _unpack(model, folder)
    return model


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")
_MAPPED: list = []
"""The memory-mapped arrays the model reads from."""


def _release_pages() -> None:
    """Let go of the model's file pages a guess touched (they stay in the page cache, so the
    next guess maps them back in cheaply). Why: the walk through the state table touches most
    of its pages, which would otherwise count in this process's memory for the whole build."""
    import mmap

    for a in _MAPPED:
        m = getattr(a, "_mmap", None)  # numpy.memmap keeps its mmap.mmap here
        if m is not None and hasattr(m, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
            try:
                m.madvise(mmap.MADV_DONTNEED)
            except (OSError, ValueError):
                pass


def _unpacked_dir(packed):
    from ..fileio import user_cache

    st = packed.stat()
    return user_cache("language-model") / f"{packed.stem}-{st.st_size}-{st.st_mtime_ns}"


def _unpack(model, folder) -> None:
    """Write the model's arrays beside each other, whole or not at all (best effort: a cache
    that cannot be written only means the next build unpacks the model again)."""
    import os
    import shutil
    import tempfile

    import numpy as np

    arrays = {"ptc": model.nb_ptc, "pc": model.nb_pc, "classes": np.array(model.nb_classes),
              "nextmove": np.frombuffer(model.tk_nextmove, dtype=model.tk_nextmove.typecode),
              "row": np.frombuffer(model.tk_row, dtype=model.tk_row.typecode),
              "output": np.array(model.tk_output, dtype=np.int64)}
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        for old in folder.parent.iterdir():  # other py3langid versions, unpackings cut short
            if old.name != folder.name and (not old.name.startswith(".") or _stale(old)):
                shutil.rmtree(old, ignore_errors=True)
        tmp = tempfile.mkdtemp(prefix=".unpacking-", dir=folder.parent)
    except OSError:
        return
    try:
        for k, v in arrays.items():
            np.save(os.path.join(tmp, f"{k}.npy"), v, allow_pickle=False)
        os.rename(tmp, folder)  # fails if another build got there first: theirs is as good
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _stale(path) -> bool:
    """An unpacking folder nobody has written to for ten minutes: its build was stopped."""
    import time

    try:
        return time.time() - path.stat().st_mtime > 600
    except OSError:
        return False


def preload() -> None:
    """Start loading the model in the background.

    Why: the first build on a machine unpacks the model (LZMA decompression, which runs with the
    interpreter released), and every build imports numpy for it; the imports and
    reading a build does next overlap that. Risk: a build that turns out not to
    need a guess (the article names its language) has spent a core on it for nothing.
    """
    threading.Thread(target=_identifier, name="language-model", daemon=True).start()


def _word_count(text: str) -> int:
    """Words, counting each Han, kana or Thai character as one (those scripts use no spaces)."""
    words = len(text.split())
    dense = sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\u0e00" <= c <= "\u0e7f"
                or "\uac00" <= c <= "\ud7af")
    return max(words, dense // 2)


def detect(text: str) -> Guess | None:
    """The language of ``text`` when it is long enough and the guess confident, else None."""
    if _word_count(text) < MIN_WORDS:
        return None
    code, confidence = _identifier().classify(text[:20000])
    _release_pages()
    if confidence < MIN_CONFIDENCE:
        return None
    return Guess(_TAGS.get(code, code), float(confidence))


def warning(guess: Guess) -> str:
    """The line shown to the user; the pipeline drops it when ``--lang`` is given."""
    return (f"language detected as {guess.language} (confidence {guess.confidence:.2f}); "
            "use --lang to change")
