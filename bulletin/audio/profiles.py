"""The three audio profiles: where the file will be played decides rate, format and loudness."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError


@dataclass(frozen=True)
class Profile:
    name: str
    container: str
    """``mp3`` or ``wav``: also the output kind and the file's extension."""
    rate: int | None
    """Output sample rate; None keeps the voice's rate."""
    kbps: int | None
    """Constant MP3 bitrate; None for WAV."""
    lufs: float
    """Integrated loudness target."""
    ceiling_db: float
    """Where the limiter starts: below -1 dBTP because MP3 encoding adds overshoot."""


PROFILES = {
    "podcast": Profile("podcast", "mp3", None, 64, -16.0, -1.8),
    "radio": Profile("radio", "mp3", 44100, 128, -23.0, -1.5),  # EBU R128
    "phone": Profile("phone", "wav", 8000, None, -19.0, -1.2),
}


def profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise InputError(f"unknown audio profile {name!r} (known: {', '.join(PROFILES)})") from None
