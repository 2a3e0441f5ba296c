"""Per-build settings: the command line's options laid over the organisation's config."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import Config


OFFLINE_ENV = "BULLETIN_OFFLINE"


def offline_by_env() -> bool:
    """``$BULLETIN_OFFLINE`` set to anything but empty or 0: the test suite, or a laptop kept off
    the network, says once for every build that ``auto`` must not ask for Google's voice (an
    explicit ``--engine gtts`` is still honoured: the user named it)."""
    return os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0")


@dataclass(frozen=True)
class BuildSettings:
    """Everything a build needs besides the article; made by the CLI, read by every writer."""

    paper: str = "letter"
    size: int = 18
    """Body text size in points (18, 20, 24 or 28)."""
    audio_url: str | None = None
    """Where the QR code on the handout leads."""
    base_url: str | None = None
    """Where the bulletins are published: makes web links absolute."""
    audio: bool = True
    engine: str = "auto"
    voice: Path | None = None
    rate: int = 150
    tld: str | None = None
    """Google's accent; None: the one the language tag calls for (com.mx for es-MX)."""
    offline: bool = False
    """Never touch the network: ``--offline``, ``online = false`` or ``$BULLETIN_OFFLINE``."""
    fallback_engine: str | None = None
    audio_profile: str = "podcast"
    max_audio_minutes: float = 60.0
    deterministic: bool = False
    """Noise-free voice and fixed dates: byte-identical rebuilds."""
    gtts_timeout: float = 15.0
    cache_dir: Path | None = None
    """Where synthesised utterances are cached; None: $BULLETIN_CACHE_DIR or the user cache."""
    cache: bool = True
    booklet: bool = False
    formats: tuple[str, ...] | None = None
    """The formats asked for (``--formats``); None: every format this computer can make."""
    braille_size: tuple[int, int] = (40, 25)
    """Braille cells a line and lines a page (``--braille-size 40x25``)."""
    braille_grade: int = 2
    """2: contracted braille where the language has it; 1: uncontracted."""

    @classmethod
    def from_config(cls, config: Config, **overrides) -> "BuildSettings":
        """Config values first, then every override that is not None."""
        base = dict(paper=config.paper, size=config.size, engine=config.engine, voice=config.voice,
                    rate=config.rate, tld=config.tld, audio_profile=config.audio_profile,
                    base_url=config.base_url, formats=config.formats,
                    braille_size=config.braille_size, braille_grade=config.braille_grade,
                    offline=not config.online or offline_by_env())
        base.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**base)
