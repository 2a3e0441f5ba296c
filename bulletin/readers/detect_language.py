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
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _MODEL.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _MODEL[0]


def preload() -> None:
    """Start loading the model in the background.

    Why: loading is about 0.3 s of LZMA decompression, which runs with the interpreter released,
    so the imports and reading a build does next overlap it. Risk: a build that turns out not to
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
    if confidence < MIN_CONFIDENCE:
        return None
    return Guess(_TAGS.get(code, code), float(confidence))


def warning(guess: Guess) -> str:
    """The line shown to the user; the pipeline drops it when ``--lang`` is given."""
    return (f"language detected as {guess.language} (confidence {guess.confidence:.2f}); "
            "use --lang to change")
