"""Web outputs: each bulletin's page, the folder index and the podcast feed.

Pages are plain HTML with an inline stylesheet and no JavaScript: they open from a USB stick,
a shared drive or any static web host. Links are relative unless ``settings.base_url`` is set.
"""
from __future__ import annotations

from pathlib import Path

from ..settings import Settings
from ..fileio import write_bytes, write_text
from .index import FEED_NAME
from .links import check_base_url, page_url

__all__ = ["write_page", "write_index", "write_feed", "page_url", "check_base_url",
           "FEED_NAME"]


def write_page(result, settings: Settings, out_dir: Path | None = None) -> Path:
    """Write ``result.folder / "index.html"`` for one built bulletin and return its path.

    ``out_dir`` is the folder ``--base-url`` stands for; by default the bulletin folder's parent.
    """
    from . import page

    path = Path(result.folder) / "index.html"
    write_text(path, page.render(result, settings, out_dir))
    return path


def write(job):
    """The writer table's entry: the bulletin's ``index.html``, linking every file made before it."""
    from types import SimpleNamespace

    from ..writers import Written

    made = SimpleNamespace(article=job.article, folder=job.folder, slug=job.slug, files=job.files(),
                           duration=job.fact("duration"), pages=job.fact("pages"),
                           voices=tuple(job.fact("voices") or ()))
    return Written(files={"page": write_page(made, job.settings, job.out_dir)})


def write_index(results: list, out_dir: Path, settings: Settings) -> Path:
    """Write ``out_dir / "index.html"`` listing every bulletin, newest first."""
    from . import index

    path = Path(out_dir) / "index.html"
    write_text(path, index.render(results, out_dir, settings))
    return path


def write_feed(results: list, out_dir: Path, settings: Settings,
               warnings: list[str] | None = None) -> Path | None:
    """Write ``out_dir / "feed.xml"`` and its artwork ``podcast-cover.png``; None (and nothing
    written) when no bulletin has audio.

    What the user should know (relative links, undated articles) is appended to ``warnings``.
    """
    from . import feed, index

    notes: list[str] = []
    cover = None
    if any(index.has_audio(r) for r in results):  # the artwork first: the feed links it
        cover = Path(out_dir) / feed.KIT_COVER
        write_bytes(cover, feed.cover_art(settings))
    data = feed.render(results, Path(out_dir), settings, notes, cover)
    if warnings is not None:
        warnings.extend(notes)
    if data is None:
        return None
    path = Path(out_dir) / FEED_NAME
    write_bytes(path, data)
    return path
