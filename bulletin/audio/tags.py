"""ID3v2.4 tags: title, artist, album, language, date, description, transcript, cover, chapters,
and the voices that read it (a ``TXXX`` frame described ``voice``).

Nothing time-dependent is written (no encoding time, no tagging date), so the same input gives
the same bytes.

Chapters: ffmpeg (and so VLC and mpv) lists CHAP frames in the order they stand in the file and
ignores the table of contents (CTOC). mutagen writes frames in an order of its own (by size), so
after saving, the CHAP frames are put back in time order (:func:`chapters_in_time_order`), and
their element ids (``chp001``, ``chp002``…) sort the same way for readers that sort by id.
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


def chapter_spans(chapters, duration: float) -> list[tuple[int, int, str]]:
    """(start ms, end ms, title) of each chapter that lasts within the recording, in time order.

    The MP3's chapters and the podcast chapters file both come from here, so they agree.
    """
    total = int(round(duration * 1000))
    spans = sorted(((_ms(ch.start, total), _ms(ch.end, total), ch.title) for ch in chapters),
                   key=lambda s: s[:2])
    return [s for s in spans if s[1] > s[0]]


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
    ids = []
    for start, end, title in chapter_spans(tags.chapters, duration):
        cid = chapter_id(len(ids))
        ids.append(cid)
        id3.add(CHAP(element_id=cid, start_time=start, end_time=end,
                     start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                     sub_frames=[TIT2(encoding=3, text=title)]))
    if ids:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                     child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=tags.title)]))
    try:
        id3.save(str(path), v2_version=4, v1=0, padding=lambda info: 0)
        chapters_in_time_order(Path(path))
    except Exception as e:  # mutagen raises its own and OS errors; both are one-line build errors
        raise BuildError(f"cannot tag {path.name}: {e}") from None


def chapter_id(index: int) -> str:
    """``chp001`` for the first chapter: zero-padded, so the ids sort as the chapters play."""
    return f"chp{index + 1:03d}"


def _syncsafe(data: bytes) -> int:
    return (data[0] << 21) | (data[1] << 14) | (data[2] << 7) | data[3]


def _chap_start(body: bytes) -> int:
    """A CHAP frame's start time in ms: it follows the null-terminated element id."""
    at = body.index(b"\0") + 1
    return int.from_bytes(body[at:at + 4], "big")


def chapters_in_time_order(path: Path) -> None:
    """Rewrite the ID3v2.4 tag at the start of ``path`` with its CHAP frames in time order.

    The chapter frames move, as one block, to where the first of them stood; every other frame
    keeps its place and the tag keeps its size, so the audio after it is not touched. A tag this
    module did not write the way it expects (unsynchronised, with an extended header or a
    footer, or not version 2.4) is left as it is.
    """
    with open(path, "r+b") as f:
        header = f.read(10)
        if len(header) < 10 or header[:3] != b"ID3" or header[3] != 4 or header[5] & 0xD0:
            return
        size = _syncsafe(header[6:10])
        tag = f.read(size)
        frames: list[tuple[bytes, bytes]] = []
        at = 0
        while at + 10 <= len(tag) and tag[at] != 0:
            frame_id, length = tag[at:at + 4], _syncsafe(tag[at + 4:at + 8])
            frames.append((frame_id, tag[at:at + 10 + length]))
            at += 10 + length
        chaps = [raw for frame_id, raw in frames if frame_id == b"CHAP"]
        if len(chaps) < 2:
            return
        first = next(i for i, (frame_id, _) in enumerate(frames) if frame_id == b"CHAP")
        others = [raw for frame_id, raw in frames if frame_id != b"CHAP"]
        ordered = sorted(chaps, key=lambda raw: _chap_start(raw[10:]))
        rewritten = b"".join(others[:first] + ordered + others[first:]) + tag[at:]
        if len(rewritten) != len(tag):  # cannot happen with whole frames; never risk the audio
            return
        f.seek(10)
        f.write(rewritten)
