"""ID3v2.4 tags: title, artist, album, language, date, description, transcript, cover, chapters,
and the voices that read it (a ``TXXX`` frame described ``voice``).

Nothing time-dependent is written (no encoding time, no tagging date), so the same input gives
the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from .assemble import Chapter


@dataclass(frozen=True)
class TagSet:
    """What the MP3 says about itself."""

    title: str
    artist: str
    """The organisation, else the article's credit."""
    album: str
    """The series or campaign, else the organisation."""
    language: str
    """ISO 639-2, e.g. ``eng``."""
    date: str | None
    """ISO date of the article; None leaves TDRC out rather than stamping today."""
    description: str
    transcript: str
    cover_png: bytes | None
    chapters: tuple[Chapter, ...]
    voices: tuple[str, ...] = ()
    """Engine and voice of each voice heard, e.g. ``piper en_US-joe-medium``, ``espeak es-419``."""


def _ms(seconds: float, limit_ms: int) -> int:
    return max(0, min(limit_ms, int(round(seconds * 1000))))


def write_tags(path: Path, tags: TagSet, duration: float) -> None:
    from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1,
                             TXXX, USLT, CTOCFlags, PictureType)

    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(TCON(encoding=3, text="Speech"))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.description))
    id3.add(USLT(encoding=3, lang=tags.language, desc="transcript", text=tags.transcript))
    if tags.voices:
        # Listeners have a right to know a computer reads it, and which; one value per voice.
        id3.add(TXXX(encoding=3, desc="voice", text=list(tags.voices)))
    if tags.cover_png:
        id3.add(APIC(encoding=3, mime="image/png", type=PictureType.COVER_FRONT,
                     desc="cover", data=tags.cover_png))
    total = int(round(duration * 1000))
    ids = []
    for i, ch in enumerate(tags.chapters):
        start, end = _ms(ch.start, total), _ms(ch.end, total)
        if end <= start:
            continue
        cid = f"chp{i}"
        ids.append(cid)
        id3.add(CHAP(element_id=cid, start_time=start, end_time=end,
                     start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                     sub_frames=[TIT2(encoding=3, text=ch.title)]))
    if ids:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                     child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=tags.title)]))
    try:
        id3.save(str(path), v2_version=4, v1=0, padding=lambda info: 0)
    except Exception as e:  # mutagen raises its own and OS errors; both are one-line build errors
        raise BuildError(f"cannot tag {path.name}: {e}") from None
