"""Choosing the voice engine for a build.

Engines import heavy libraries (onnxruntime, piper, gTTS/requests), so each is imported only
when chosen.
"""
from __future__ import annotations

from ...settings import Settings
from ...errors import BuildError, InputError
from ...writers import Unavailable
from .base import Engine, SentenceTiming, Speech, VoiceInfo

__all__ = ["Engine", "SentenceTiming", "Speech", "VoiceInfo", "NoVoiceError", "select_engine",
           "piper_voice_for"]


class NoVoiceError(Unavailable):
    """No engine that was asked for can speak the article's language.

    A build catches it to keep the handout and page it already wrote: the print is still
    worth handing out, and the message names what would speak the language. Exit 1, not 2:
    the article and options are fine, only the audio could not be made.
    """

    exit_code = 1


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def piper_voice_for(settings: Settings, lang: str):
    """The Piper voice files to use: ``--voice`` if given (checked), else the bundled one if it
    speaks ``lang``, else None."""
    from .piper import bundled_voice, user_voice

    if settings.voice is not None:
        return user_voice(settings.voice)
    joe = bundled_voice()
    if joe is not None and joe.language == _primary(lang):
        return joe
    return None


def _piper(settings: Settings, lang: str, explicit: bool) -> tuple[Engine, list[str]] | None:
    from .piper import PiperEngine

    files = piper_voice_for(settings, lang)
    if files is None:
        if explicit:
            raise NoVoiceError(f"no Piper voice for language {lang!r}: give one with --voice PATH.onnx, "
                               "or use --engine espeak")
        return None
    notes = []
    if files.language != _primary(lang):
        notes.append(f"the voice {files.name} speaks {files.language!r} but the article is {lang!r}")
    return PiperEngine(files, deterministic=settings.deterministic), notes


def _espeak(lang: str) -> Engine:
    from .espeak import EspeakEngine, find_voice

    if find_voice(lang) is None:
        online = "try --engine gtts if you will be online" if _google_speaks(lang) else \
            "Google's voice has none either"
        raise NoVoiceError(f"no offline voice speaks language {lang!r} (espeak-ng has none); "
                           f"{online}, or check --lang")
    return EspeakEngine()


def _google_speaks(lang: str) -> bool:
    """Whether gTTS's built-in table (no network) lists ``lang``."""
    try:
        from gtts.lang import tts_langs

        from .gtts import supported_language
    except ImportError:
        return False
    return supported_language(lang, tts_langs()) is not None


def _gtts(settings: Settings, lang: str) -> tuple[Engine, list[str]]:
    from gtts.lang import tts_langs

    from .gtts import GttsEngine, supported_language

    if supported_language(lang, tts_langs()) is None:
        if settings.fallback_engine:
            engine, notes = select_engine_named(settings.fallback_engine, settings, lang)
            return engine, [f"Google's voice does not speak {lang!r}; using {engine.name} instead "
                            "(--fallback-engine)"] + notes
        raise NoVoiceError(f"Google's voice does not speak language {lang!r}; {_offline_hint(lang)}")
    from ..regions import google_tld

    engine = GttsEngine(tld=google_tld(lang, settings.tld), timeout=settings.gtts_timeout)
    if not settings.fallback_engine:
        return engine, []
    # With a fallback, try Google once before committing, so one bulletin never switches voice
    # half-way: the whole programme is either Google's voice or the offline one.
    try:
        engine.synthesize("OK", lang, settings.rate)
    except BuildError as e:
        fallback, notes = select_engine_named(settings.fallback_engine, settings, lang)
        reason = str(e).removeprefix("Google's voice failed: ").split(";")[0]
        return fallback, [f"Google's voice failed ({reason}); using {fallback.name} instead "
                          "(--fallback-engine)"] + notes
    return engine, []


def _offline_hint(lang: str) -> str:
    """What to use instead of Google for ``lang``: espeak if it has the language, else nothing."""
    from .espeak import find_voice

    try:
        voice = find_voice(lang)
    except BuildError:
        voice = None
    if voice is not None:
        return f"use --engine espeak (offline voice {voice.name})"
    return "no offline voice speaks it either (see bulletin voices --threshold)"


def select_engine_named(name: str, settings: Settings, lang: str) -> tuple[Engine, list[str]]:
    """The engine called ``name`` (piper, espeak, gtts or auto) for ``lang``."""
    if name == "piper":
        return _piper(settings, lang, explicit=True)  # type: ignore[return-value]
    if name == "espeak":
        return _espeak(lang), []
    if name == "gtts":
        return _gtts(settings, lang)
    if name != "auto":
        raise InputError(f"unknown engine {name!r} (choose auto, piper, espeak or gtts)")
    chosen = _piper(settings, lang, explicit=False)
    if chosen is not None:
        return chosen
    from .espeak import find_voice

    engine = _espeak(lang)
    return engine, [f"no Piper voice for {lang!r}; using the espeak-ng voice "
                    f"{find_voice(lang).name} (robotic; a Piper voice can be given with --voice)"]


def select_engine(settings: Settings, lang: str) -> tuple[Engine, list[str]]:
    """An engine for ``lang``, and notes for the user about the choice, without the network.

    ``auto`` here is Piper if a voice exists for the language (bundled English, or ``--voice``),
    else espeak-ng: it never asks for Google's voice. A build's voices, Google's and ``[voices]``
    included, are chosen per language by :class:`bulletin.speech.casting.Casting`. Raises a
    one-line InputError/BuildError when nothing can speak ``lang``.
    """
    return select_engine_named(settings.engine, settings, lang)
