"""One build's settings: the defaults, the organisation's ``bulletin.toml`` and the command line,
merged once (:func:`merge`) into one frozen value that every writer reads.

The choices for paper, text size, engines and audio profiles are declared here once; the
command line's choices and the settings file's checks both use them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .article import HelpBox

PAPERS = ("letter", "a4")
SIZES = (18, 20, 24, 28)
ENGINES = ("auto", "piper", "espeak", "gtts")
FALLBACK_ENGINES = ("piper", "espeak")
AUDIO_PROFILES = ("podcast", "radio", "phone")

OFFLINE_ENV = "BULLETIN_OFFLINE"


def offline_by_env() -> bool:
    """``$BULLETIN_OFFLINE`` set to anything but empty or 0: the test suite, or a laptop kept off
    the network, says once for every build that ``auto`` must not ask for Google's voice (an
    explicit ``--engine gtts`` is still honoured: the user named it)."""
    return os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0")


@dataclass(frozen=True)
class Pauses:
    """Silences in the spoken version, in seconds."""

    sentence: float = 0.35
    paragraph: float = 0.7
    heading: float = 0.9
    """After a heading is announced, before its section."""
    section: float = 1.2
    """Between the intro, the body, the help box and the outro."""


@dataclass(frozen=True)
class Overrides:
    """Article fields given on the command line; they win over what the reader found."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything a build needs besides the article."""

    # ------------------------------------------------------------------ the organisation
    organisation: str = ""
    """Shown in the handout's running header, said in the audio intro, the MP3's artist.
    Empty when no settings file names it: nothing then stands in for it."""
    logo: Path | None = None
    """A PNG or JPEG printed on page 1, resolved against the settings file's folder."""
    series: str | None = None
    """The campaign or series: the MP3's album, the podcast feed's title."""
    base_url: str | None = None
    """Where the bulletins are published: makes web links absolute and the QR code."""
    language: str = "en"
    """Language of articles that do not say which."""
    helpbox: HelpBox | None = None
    """Printed and spoken when the article brings no help box of its own."""
    overrides: Overrides = field(default_factory=Overrides)
    """The article's title, byline, date or language as corrected on the command line."""

    # ------------------------------------------------------------------ what to make
    formats: tuple[str, ...] | None = None
    """The outputs asked for (``--formats``, ``[output] formats``); None: every one this
    computer can make."""
    audio: bool = True
    """False with ``--no-audio``: the spoken version and what needs it are left out."""
    booklet: bool = False

    # ------------------------------------------------------------------ print
    paper: str = "letter"
    size: int = 18
    """Body text size in points (one of :data:`SIZES`)."""
    audio_url: str | None = None
    """Where the QR code on the handout leads."""

    # ------------------------------------------------------------------ voice
    engine: str = "auto"
    voice: Path | None = None
    """A Piper ``.onnx`` voice of the user's own (``--voice``, ``[voice] voice``)."""
    voices: dict[str, Path] = field(default_factory=dict)
    """Piper voice files of the organisation's own, by language tag (``es``, ``es-MX``)."""
    rate: int = 150
    """Words per minute of the spoken version."""
    tld: str | None = None
    """Google's accent; None: the one the language tag calls for (com.mx for es-MX)."""
    offline: bool = False
    """Never touch the network: ``--offline``, ``online = false`` or ``$BULLETIN_OFFLINE``."""
    fallback_engine: str | None = None
    gtts_timeout: float = 15.0
    intro: dict[str, str] = field(default_factory=dict)
    """Spoken intro per language; ``{organisation}`` is replaced. Empty: the built-in wording."""
    outro: dict[str, str] = field(default_factory=dict)
    pauses: Pauses = field(default_factory=Pauses)
    pronunciations: dict[str, str] = field(default_factory=dict)
    """Names and words mapped to respellings the voice says right."""
    max_audio_minutes: float = 60.0
    cache: bool = True
    cache_dir: Path | None = None
    """Where synthesised utterances are cached; None: $BULLETIN_CACHE_DIR or the user cache."""

    # ------------------------------------------------------------------ audio files
    audio_profile: str = "podcast"

    # ------------------------------------------------------------------ braille
    braille_size: tuple[int, int] = (40, 25)
    """Braille cells a line and lines a page (``--braille-size 40x25``)."""
    braille_grade: int = 2
    """2: contracted braille where the language has it; 1: uncontracted."""

    # ------------------------------------------------------------------ the build itself
    deterministic: bool = False
    """Noise-free voice and fixed dates: byte-identical rebuilds."""
    source: Path | None = None
    """The settings file these came from, if any."""


NAMES = frozenset(f.name for f in fields(Settings))


def merge(from_file: Mapping[str, Any] | None = None, command_line: Mapping[str, Any] | None = None
          ) -> Settings:
    """The defaults, then what the settings file gives, then every command-line value given.

    A command-line value of None means "not given". ``online = false`` in the file and
    ``$BULLETIN_OFFLINE`` both mean offline; ``--offline`` cannot be undone by either.
    """
    values = dict(from_file or {})
    online = values.pop("online", True)
    values["offline"] = not online or offline_by_env()
    values.update({k: v for k, v in (command_line or {}).items() if v is not None})
    return Settings(**values)


def from_options(kw: dict, config_path: Path | None = None, near: Path | None = None) -> Settings:
    """The build's one settings value: the defaults, bulletin.toml, then the command line's options.

    ``kw`` holds the options by their click names; the ones used here are taken out of it.

    The settings file is ``--config``, else ./bulletin.toml, else one beside ``near`` (the first
    article, or the folder of articles).
    """
    from . import settings_file
    from .errors import InputError
    from .web.links import check_base_url

    from_file = settings_file.load(config_path, near=near)
    size = kw.pop("size", None)
    offline = kw.pop("offline", False)
    engine = kw.get("engine") or from_file.get("engine", "auto")
    if engine == "gtts" and (offline or not from_file.get("online", True)):
        why = "--offline" if offline else f"online = false in {from_file.get('source')}"
        raise InputError(f"Google's voice (--engine gtts) needs the network, but {why} forbids it; "
                         "use --engine auto, piper or espeak")
    base_url = kw.pop("base_url", None) or from_file.get("base_url")
    overrides = Overrides(title=kw.pop("title", None), subtitle=kw.pop("subtitle", None),
                          byline=kw.pop("byline", None), date=kw.pop("date", None),
                          language=kw.pop("language", None))
    given = dict(
        paper=kw.pop("paper", None), size=int(size) if size else None,
        audio_url=kw.pop("audio_url", None), base_url=check_base_url(base_url) if base_url else None,
        audio=False if kw.pop("no_audio", False) else None, engine=kw.pop("engine", None),
        voice=kw.pop("voice", None), rate=kw.pop("rate", None), tld=kw.pop("tld", None),
        fallback_engine=kw.pop("fallback_engine", None), audio_profile=kw.pop("audio_profile", None),
        max_audio_minutes=kw.pop("max_audio_minutes", None),
        deterministic=kw.pop("deterministic", False) or None, gtts_timeout=kw.pop("gtts_timeout", None),
        cache_dir=kw.pop("cache_dir", None), cache=False if kw.pop("no_cache", False) else None,
        booklet=kw.pop("booklet", False) or None, formats=kw.pop("formats", None),
        braille_size=kw.pop("braille_size", None), braille_grade=_int_or_none(kw.pop("braille_grade", None)),
        offline=offline or None, overrides=overrides)
    return merge(from_file, given)


def _int_or_none(value):
    return int(value) if value else None


def spoken_text(table: dict[str, str], language: str, default: str) -> str:
    """Pick the per-language wording: exact tag, then its primary language, then ``*``."""
    primary = language.split("-")[0].lower()
    for key in (language, primary, "*"):
        if key in table:
            return table[key]
    return default

