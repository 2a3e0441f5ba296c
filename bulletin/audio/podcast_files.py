"""The files podcast apps fetch beside the MP3: its chapters as JSON and its cover art.

The MP3 carries both inside its tags, but podcast apps read chapters and artwork from the feed,
which links to files: ``<slug>.chapters.json`` (the Podcast Index JSON chapters format, which
AntennaPod, Podverse and Apple Podcasts show as a chapter list) and ``<slug>-cover.png``. The
feed's Podlove Simple Chapters are read back from the JSON file, so a bulletin built by an earlier
run and skipped now still has its chapters in the feed.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..fileio import write_bytes, write_text
from .tags import chapter_spans

CHAPTERS_VERSION = "1.2.0"
CHAPTERS_TYPE = "application/json+chapters"
"""The MIME type the Podcast Index namespace gives the chapters file."""


def chapters_json(chapters, duration: float, title: str = "", author: str = "",
                  podcast_name: str = "", file_name: str = "") -> str:
    """The Podcast Index JSON chapters document: chapter starts (and ends) in seconds, in time order."""
    doc: dict = {"version": CHAPTERS_VERSION}
    for key, value in (("title", title), ("author", author), ("podcastName", podcast_name),
                       ("fileName", file_name)):
        if value:
            doc[key] = value
    doc["chapters"] = [{"startTime": start / 1000, "endTime": end / 1000, "title": name}
                       for start, end, name in chapter_spans(chapters, duration)]
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def read_chapters(path: Path) -> list[tuple[float, str]]:
    """(start seconds, title) of each chapter in a chapters file; empty if it is missing or damaged."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return [(float(c["startTime"]), str(c["title"])) for c in doc["chapters"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def write_podcast_files(folder: Path, slug: str, chapters, duration: float, cover_png: bytes | None,
                        title: str = "", author: str = "", podcast_name: str = "") -> dict[str, Path]:
    """Write ``<slug>.chapters.json`` (when there are chapters) and ``<slug>-cover.png`` (when there
    is cover art) into ``folder``, each atomically; return them by kind (``chapters``, ``cover``)."""
    folder = Path(folder)
    files: dict[str, Path] = {}
    if chapter_spans(chapters, duration):
        path = folder / f"{slug}.chapters.json"
        write_text(path, chapters_json(chapters, duration, title, author, podcast_name, f"{slug}.mp3"))
        files["chapters"] = path
    if cover_png:
        path = folder / f"{slug}-cover.png"
        write_bytes(path, cover_png)
        files["cover"] = path
    return files
