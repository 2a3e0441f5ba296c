"""Which voice reads each language of a build.

``--engine auto`` takes, for each language, the first that can speak it:

1. a Piper voice: ``--voice``, a ``[voices]`` entry in bulletin.toml, or the bundled English one;
2. Google's voice, when the network is allowed and answers a probe (one per build or batch);
3. espeak-ng.

A named engine reads the article's language (or fails in one line, as before); passages in other
languages go to it when it speaks them, else to the same order as ``auto``. Every choice is made
once per language and said once; the labels of the voices used name the recording in the MP3,
on the web page and in the build's report.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from ..article import language_tag
from ..errors import BulletinError
from ..settings import Settings, offline_by_env
from .engines import NoVoiceError, select_engine_named
from .engines.base import Engine

NATURAL_HINT = ("a natural voice is available online (--engine gtts) or from a Piper voice file "
                "([voices] in bulletin.toml)")


@dataclass(frozen=True)
class Voice:
    """One engine speaking one language."""

    engine: Engine
    lang: str
    """The tag the engine is given: the passage's own (espeak-ng finds its regional voice and its
    pace by it, gTTS its language code)."""
    label: str
    """Engine and voice, e.g. ``piper en_US-joe-medium``, ``espeak es-419``, ``gtts es com.mx``."""


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def label(engine: Engine, lang: str) -> str:
    """What a listener is told reads the recording."""
    if engine.name == "piper":
        return f"piper {engine.files.name}"
    if engine.name == "espeak":
        from .engines.espeak import find_voice

        v = find_voice(lang)
        return f"espeak {language_tag(v.language) if v else lang}"
    if engine.name == "gtts":
        from gtts.lang import tts_langs

        from .engines.gtts import supported_language

        return f"gtts {supported_language(lang, tts_langs()) or lang} {engine.tld}"
    return getattr(engine, "name", "voice")


def configured_piper(settings: Settings, lang: str):
    """The ``[voices]`` entry for ``lang``: the exact tag, its language, or another region of it.
    Returns (key, path) or None."""
    if not settings.voices:
        return None
    tag = language_tag(lang)
    primary = _primary(lang)
    for key in (tag, primary):
        if key in settings.voices:
            return key, settings.voices[key]
    return next(((k, p) for k, p in sorted(settings.voices.items()) if _primary(k) == primary), None)


def _google_speaks(lang: str) -> bool:
    try:
        from gtts.lang import tts_langs

        from .engines.gtts import supported_language
    except ImportError:
        return False
    return supported_language(lang, tts_langs()) is not None


def may_ask_google(settings: Settings) -> bool:
    """Whether a build with these settings could ever probe for Google's voice.

    Why: a batch makes its shared probe file only when a worker might need it. A named offline
    engine (piper, espeak) never asks, not even for passages in other languages; nor does a build
    kept offline (``--offline``, ``online = false``, ``$BULLETIN_OFFLINE``), a ``--deterministic``
    one (Google's sound is not ours to pin down), or one without audio.
    """
    return (settings.engine not in ("piper", "espeak") and settings.audio is not False
            and not (settings.offline or offline_by_env() or settings.deterministic))


class Casting:
    """The voices of one build, chosen per language the first time it is needed. Thread-safe."""

    def __init__(self, settings: Settings, lang: str, probe=None) -> None:
        from .engines.network import google_answers

        self.settings = settings
        self.settings = settings
        self.lang = lang
        self.engine_name = settings.engine
        self._notes: list[str] = []
        self._robotic: dict[str, tuple[str, bool]] = {}
        """Passage language -> (espeak voice label, whether Google speaks it): said in one line."""
        self._unvoiced: dict[str, None] = {}
        """Passage languages no voice speaks (read by the article's voice): said in one line."""
        self._heard: dict[str, int] = {}
        """Label of each voice that spoke -> the first utterance it spoke."""
        self._probe = probe or google_answers
        self._voices: dict[str, Voice] = {}
        self._lock = threading.RLock()
        self._google_failed = False
        self._failure = ""
        """Why Google's voice failed part-way, in a few words."""
        self._google_said = False
        self.main = self._main(lang)

    # ------------------------------------------------------------------ choosing
    @property
    def online_allowed(self) -> bool:
        """Whether auto may ask Google: not --offline, not online = false, not
        $BULLETIN_OFFLINE, and not --deterministic (Google's sound is not ours to pin down)."""
        return may_ask_google(self.settings) and not self._google_failed

    def note(self, line: str) -> None:
        with self._lock:
            if line not in self._notes:
                self._notes.append(line)

    @property
    def notes(self) -> list[str]:
        """One line per choice the user should hear about; the passages read by a robotic voice,
        and those no voice speaks, in one line each."""
        with self._lock:
            out = list(self._notes)
            if self._robotic:
                which = ", ".join(f"{lang} ({lbl})" for lang, (lbl, _) in self._robotic.items())
                hint = NATURAL_HINT if any(g for _, g in self._robotic.values()) else \
                    "a Piper voice file can be given in [voices] in bulletin.toml"
                out.append(f"passages read by espeak-ng's robotic voice: {which}; {hint}")
            if self._unvoiced:
                out.append(f"no voice on this computer speaks {', '.join(self._unvoiced)}: those "
                           f"passages are read by {self.main.label}")
            return out

    def _main(self, lang: str) -> Voice:
        configured = configured_piper(self.settings, lang)
        if self.engine_name == "auto":
            voice = self._auto(lang, main=True)
        elif self.engine_name == "piper" and configured is not None and self.settings.voice is None:
            voice = self._configured(lang, *configured)
        else:
            engine, notes = select_engine_named(self.engine_name, self._with_tld(lang), lang)
            for n in notes:
                self.note(n)
            voice = Voice(engine, lang, label(engine, lang))
            if engine.name == "gtts":
                self._say_google(lang)
        self._voices[language_tag(lang)] = voice
        return voice

    def _with_tld(self, lang: str) -> Settings:
        from dataclasses import replace

        from .regions import google_tld

        return replace(self.settings, tld=google_tld(lang, self.settings.tld))

    def voice(self, lang: str | None) -> Voice:
        """The voice for ``lang`` (None: the article's)."""
        if lang is None:
            return self.main
        key = language_tag(lang)
        with self._lock:
            if key not in self._voices:
                self._voices[key] = self._passage(key)
            return self._voices[key]

    def _passage(self, lang: str) -> Voice:
        """A voice for a passage in another language: the named engine if it speaks it, else the
        auto order; else the article's voice, with a warning."""
        if self.engine_name == "piper" and configured_piper(self.settings, lang) is not None:
            return self._configured(lang, *configured_piper(self.settings, lang))
        if self.engine_name != "auto":
            try:
                engine, notes = select_engine_named(self.engine_name, self._with_tld(lang), lang)
                if not (engine.name == "piper" and engine.files.language != _primary(lang)):
                    return Voice(engine, lang,
                                 label(engine, lang))
            except BulletinError:
                pass
        try:
            # A named offline engine means the user wants nothing sent out: passages stay offline too.
            return self._auto(lang, main=False, google=self.engine_name not in ("piper", "espeak"))
        except NoVoiceError:
            self._unvoiced[lang] = None
            return self.main

    def _auto(self, lang: str, main: bool, google: bool = True) -> Voice:
        from .engines import _espeak, _piper

        s = self.settings
        configured = configured_piper(self.settings, lang)
        if configured is not None and not (main and s.voice is not None):
            return self._configured(lang, *configured)
        chosen = _piper(s, lang, explicit=False) if main else self._passage_piper(lang)
        if chosen is not None:
            engine, notes = chosen
            for n in notes:
                self.note(n)
            return Voice(engine, lang, label(engine, lang))
        may_ask = google
        google = _google_speaks(lang)
        reason = None
        if google:
            if not (self.online_allowed and may_ask):
                reason = "offline"
            elif not self._probe():
                reason = "Google's voice did not answer"
            else:
                return self._google(lang)
        engine = _espeak(lang)
        voice = Voice(engine, lang, label(engine, lang))
        if not main:
            self._robotic[lang] = (voice.label, google)
        elif google:
            self.note(f"no Piper voice for {lang!r} and {reason}: read by {voice.label} "
                      f"(robotic); {NATURAL_HINT}")
        else:
            self.note(f"no Piper voice for {lang!r}: read by {voice.label} (robotic; Google has no "
                      "voice for it either; a Piper voice file can be given in [voices] in bulletin.toml)")
        return voice

    def _passage_piper(self, lang: str):
        """The ``--voice`` file if it speaks the passage's language, else the bundled one if it does."""
        from .engines.piper import PiperEngine, bundled_voice, user_voice

        for files in ((user_voice(self.settings.voice) if self.settings.voice else None), bundled_voice()):
            if files is not None and files.language == _primary(lang):
                return PiperEngine(files, deterministic=self.settings.deterministic), []
        return None

    def _configured(self, lang: str, key: str, path) -> Voice:
        from .engines.piper import PiperEngine, user_voice

        where = f"{self.settings.source or 'bulletin.toml'}: voices.{key}"
        try:
            files = user_voice(path)
        except BulletinError as e:
            raise type(e)(f"{where}: {str(e).removeprefix('--voice: ')}") from None
        from dataclasses import replace

        files = replace(files, origin=where)
        if files.language != _primary(lang):
            self.note(f"the Piper voice {files.name} ({where}) speaks {files.language!r}, not {lang!r}")
        engine = PiperEngine(files, deterministic=self.settings.deterministic)
        return Voice(engine, lang, label(engine, lang))

    def _google(self, lang: str) -> Voice:
        from .engines.gtts import GttsEngine
        from .regions import google_tld

        engine = GttsEngine(tld=google_tld(lang, self.settings.tld), timeout=self.settings.gtts_timeout)
        self._say_google(lang)
        return Voice(engine, lang, label(engine, lang))

    def _say_google(self, lang: str) -> None:
        if not self._google_said:
            self._google_said = True
            self.note("Google's voice reads this bulletin: its text is sent to Google "
                      "(--offline keeps it on this computer)")

    # ------------------------------------------------------------------ speaking
    def can_fall_back(self, voice: Voice) -> bool:
        """Whether a failure of ``voice`` part-way is met with another voice instead of an error:
        Google's voice chosen by auto, or named with ``--fallback-engine``."""
        return voice.engine.name == "gtts" and (self.engine_name == "auto" or bool(self.settings.fallback_engine))

    def fall_back(self, lang: str | None, failed: Voice, error: BaseException) -> Voice:
        """Google's voice failed part-way: every language it read goes to the offline order for
        the rest of the build; said once."""
        with self._lock:
            if not self._google_failed:
                self._google_failed = True
                self._failure = str(error).removeprefix("Google's voice failed: ").split(";")[0]
            for key, v in list(self._voices.items()):
                if v.engine.name == "gtts":
                    self._voices[key] = self._offline(key)
            self.main = self._voices.get(language_tag(self.lang), self.main)
            new = self.voice(lang)
            self.note(f"Google's voice failed part-way ({self._failure}); the rest of "
                      f"{language_tag(lang or self.lang)!r} is read by {new.label} (what was already "
                      "spoken is kept)")
            return new

    def _offline(self, lang: str) -> Voice:
        if self.settings.fallback_engine and self.engine_name != "auto":
            engine, notes = select_engine_named(self.settings.fallback_engine, self.settings, lang)
            for n in notes:
                self.note(n)
            return Voice(engine, lang, label(engine, lang))
        from .engines import _espeak

        engine = _espeak(lang)
        return Voice(engine, lang, label(engine, lang))

    def heard(self, voice: Voice, index: int) -> None:
        """``voice`` spoke utterance ``index`` of the script."""
        with self._lock:
            if index < self._heard.get(voice.label, index + 1):
                self._heard[voice.label] = index

    @property
    def used(self) -> list[str]:
        """Labels of the voices that spoke, in the order a listener first hears them."""
        with self._lock:
            return sorted(self._heard, key=self._heard.get)

    @property
    def concurrency(self) -> int:
        return max(1, int(getattr(self.main.engine, "concurrency", 1) or 1))

