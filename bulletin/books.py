"""What the two talking books (EPUB 3 and DAISY 2.02) share besides their text.

Clips of the recording per sentence, taken from the timings the captions are made from; the
book's identity, date, narrator and cover; and writing a zip whole or not at all.
"""
from __future__ import annotations

import datetime as _dt
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .fileio import atomic_path


@dataclass(frozen=True)
class Clip:
    """The stretch of the recording that reads one piece of the book's text, in seconds."""

    id: str
    """The text's id (see :mod:`bulletin.anchors`)."""
    begin: float
    end: float


def clips(cues, duration: float, known: set[str]) -> tuple[list[Clip], list[str]]:
    """One clip per cue that reads printed text, and the anchors the text lacks.

    A clip starts where its sentence's sound starts (the cue's start, as the captions have it)
    and runs to where the next thing said starts, so the pause after a sentence stays with it
    and a reading system that plays clip after clip keeps the rhythm of the recording. What is
    only spoken (intro, outro, the help box repeated at the end) has no clip.
    """
    out: list[Clip] = []
    missing: list[str] = []
    for i, cue in enumerate(cues):
        anchor = getattr(cue, "anchor", None)
        if anchor is None:
            continue
        if anchor not in known:
            missing.append(anchor)
            continue
        end = cues[i + 1].start if i + 1 < len(cues) else duration
        begin, end = round(cue.start, 3), round(min(max(end, cue.end), duration), 3)
        if out and begin < out[-1].end:  # never before the clip in front of it
            begin = out[-1].end
        if end > begin:
            out.append(Clip(anchor, begin, end))
    return out, missing


def clock(seconds: float) -> str:
    """A SMIL clock value, ``H:MM:SS.mmm``."""
    from .audio.captions import clock_parts

    h, m, s, ms = clock_parts(seconds)
    return f"{h}:{m:02d}:{s:02d}.{ms:03d}"


def identifier(job) -> str:
    """A URN that names the bulletin, not the build: rebuilding keeps readers' bookmarks."""
    from .web.links import page_url

    base = job.settings.base_url
    name = page_url(base, job.slug) or f"bulletin:{job.slug}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def modified(job) -> _dt.datetime:
    """The book's date: the handout's (article date, SOURCE_DATE_EPOCH, or the day), so rebuilds
    of the same input give the same bytes."""
    from .handout import build_date

    return build_date(job.article, job.settings)


def organisation(job) -> str:
    """Who the recording is from, as the MP3's artist tag and cover name it."""
    from .audio import credited_name

    return credited_name(job.article, job.settings)


def narrators(job) -> tuple[str, ...]:
    """Names of the computer voices that read the recording; the engine when unknown."""
    voices = job.fact("voices")
    if voices:
        return tuple(f"{v} (computer voice)" for v in voices)
    engine = getattr(job.settings, "engine", "") or ""
    return (f"computer voice ({engine})" if engine and engine != "auto" else "computer voice",)


def cover(job) -> tuple[bytes, str]:
    """The cover art the MP3 carries (its ``-cover.png`` copy; drawn the same way when there is
    no MP3), and its alt text: what the picture shows."""
    art = job.article
    org = organisation(job)
    made = job.files().get("cover")
    if made is not None and Path(made).is_file():
        data = Path(made).read_bytes()
    else:
        from .audio.cover import cover_png

        data = cover_png(art.title, org, art.language)
    alt = " ".join(art.title.split()) + (f" \u2014 {org}" if org else "")
    return data, alt


def write_zip(target: Path, entries: list[tuple[str, bytes, bool]], when: _dt.datetime) -> None:
    """Write the zip of (name, data, stored) entries, in order, whole or not at all.

    Stored entries are not compressed (the EPUB's ``mimetype`` must be; an MP3 gains nothing).
    Every entry carries ``when``, so the same book gives the same bytes.
    """
    stamp = (max(1980, when.year), when.month, when.day, when.hour, when.minute, when.second)
    try:
        with atomic_path(target) as tmp:
            with zipfile.ZipFile(tmp, "w") as z:
                for name, data, stored in entries:
                    info = zipfile.ZipInfo(name, stamp)
                    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    info.create_system = 3
                    z.writestr(info, data, compresslevel=6 if not stored else None)
    except OSError as e:
        raise BuildError(f"cannot write {target}: {e.strerror or e}") from None
