"""``feed.xml``: an RSS 2.0 podcast feed with the tags podcast apps read.

Besides RSS and the iTunes tags (artwork, duration, author), each episode links its captions and
transcript (``podcast:transcript``, Podcast Index namespace: for a deaf or hard-of-hearing
subscriber these are the accessible version) and its chapters twice over: ``podcast:chapters``
(a JSON file, read by AntennaPod, Podverse, Apple Podcasts) and Podlove Simple Chapters written
into the feed (read by gPodder and others that never fetch the JSON).

Built with ElementTree, so every piece of article text is escaped by the XML writer, not by us.
Nothing in it depends on the clock: rebuilding unchanged bulletins gives the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import Path

from .. import __version__
from ..article import Paragraph
from ..settings import Settings
from . import links
from .index import FEED_NAME, has_audio, newest_first

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
PODCAST = "https://podcastindex.org/namespace/1.0"
PSC = "http://podlove.org/simple-chapters"
KIT_COVER = "podcast-cover.png"
"""The feed's own artwork in the kit folder, drawn by bulletin on every batch (so not a name a
user's own file is likely to have)."""
FIXED_DATE = _dt.date(2000, 1, 1)
"""pubDate of an undated bulletin in ``--deterministic`` builds (or when its source is gone)."""

# Characters XML 1.0 cannot carry at all; ElementTree would write them and break the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Drop characters XML 1.0 forbids. Risk: none visible — they are control codes."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, attrib: dict[str, str] | None = None,
         **more: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in {**(attrib or {}), **more}.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def hms(seconds: float) -> str:
    """``itunes:duration`` as HH:MM:SS, the form every podcast app parses."""
    total = max(1, round(seconds))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def pub_date(result, settings: Settings, notes: list[str]) -> _dt.datetime:
    """RFC 822 date at noon UTC of the article's date (noon: the same day in every time zone).

    An undated article takes its source file's modification day, which does not change when
    the bulletin is rebuilt; ``--deterministic`` builds use a fixed day instead.
    """
    day = result.article.date
    if day is None:
        source = Path(result.source)
        if not settings.deterministic and source.is_file():
            day = _dt.datetime.fromtimestamp(source.stat().st_mtime, _dt.timezone.utc).date()
        else:
            day = FIXED_DATE
        notes.append(f"{result.slug}: the article has no date; the podcast feed dates it "
                     f"{day.isoformat()} (give --date YYYY-MM-DD)")
    return _dt.datetime(day.year, day.month, day.day, 12, tzinfo=_dt.timezone.utc)


def guid(result, settings: Settings) -> str:
    """Stable across rebuilds: it names the bulletin, not the build."""
    return links.page_url(settings.base_url, result.slug) or f"bulletin:{result.slug}"


def summary(result) -> str:
    art = result.article
    if art.subtitle:
        return art.subtitle
    first = next((b.text for b in art.blocks if isinstance(b, Paragraph) and b.text.strip()), "")
    return first if len(first) <= 400 else first[:399].rsplit(" ", 1)[0] + "…"


def npt(seconds: float) -> str:
    """A Podlove chapter start, HH:MM:SS.mmm (normal play time)."""
    ms = max(0, round(seconds * 1000))
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def channel_title(settings: Settings) -> str:
    return settings.series or settings.organisation or "Bulletins"


def cover_art(settings: Settings) -> bytes:
    """The feed's artwork: its title, and the organisation under it when that is another name."""
    from ..audio.cover import cover_png

    title = channel_title(settings)
    return cover_png(title, settings.organisation if settings.organisation != title else "", settings.language)


def _file(result, kind: str) -> Path | None:
    path = result.files.get(kind)
    return Path(path) if path and Path(path).is_file() else None


def _episode_links(item: ET.Element, result, url) -> None:
    """The captions, transcript and chapters of one episode, each only if its file is there."""
    from ..audio.podcast_files import CHAPTERS_TYPE, read_chapters

    lang = result.article.language
    captions, text, chapters = _file(result, "vtt"), _file(result, "transcript"), _file(result, "chapters")
    if captions:
        _sub(item, f"{{{PODCAST}}}transcript", url=url(captions), type="text/vtt", language=lang,
             rel="captions")
    if text:
        _sub(item, f"{{{PODCAST}}}transcript", url=url(text), type="text/plain", language=lang)
    if chapters:
        _sub(item, f"{{{PODCAST}}}chapters", url=url(chapters), type=CHAPTERS_TYPE)
        marks = read_chapters(chapters)
        if marks:
            psc = _sub(item, f"{{{PSC}}}chapters", version="1.2")
            for start, title in marks:
                _sub(psc, f"{{{PSC}}}chapter", start=npt(start), title=title)


def books_text(result, url, settings: Settings) -> str:
    """Where the episode's talking books are, as lines after the summary (podcast apps show
    the description as text and make its addresses tappable)."""
    from .labels import Labels

    labels = Labels(settings.language)
    found = links.books(result.files)
    return "".join(f"\n\n{labels.text(label)} ({info}): {url(path)}" if i == 0 else
                   f"\n{labels.text(label)} ({info}): {url(path)}"
                   for i, (path, label, info, _) in enumerate(found))


def render(results: list, out_dir: Path, settings: Settings,
           notes: list[str], cover: Path | None = None) -> bytes | None:
    """The feed's bytes, or None when no bulletin has a recording.

    ``cover`` is the feed's artwork (see :func:`cover_art`); without it the first episode's.
    """
    from ..audio import credited_name

    out_dir = Path(out_dir)
    episodes = [r for r in newest_first(results) if has_audio(r)]
    if not episodes:
        return None

    def url(target: Path) -> str:
        return links.url_for(Path(target), out_dir, out_dir, settings.base_url)

    for prefix, uri in (("itunes", ITUNES), ("atom", ATOM), ("dc", DC), ("podcast", PODCAST),
                        ("psc", PSC)):
        ET.register_namespace(prefix, uri)
    rss = ET.Element("rss", {"version": "2.0"})
    ch = _sub(rss, "channel")
    title = channel_title(settings)
    site = links.base(settings.base_url) + "/" if settings.base_url else url(out_dir / "index.html")
    about = (f"{title}: spoken bulletins from {settings.organisation}." if settings.organisation
             else f"{title}: spoken bulletins.")
    _sub(ch, "title", title)
    _sub(ch, "link", site)
    _sub(ch, "description", about)
    _sub(ch, "language", settings.language)
    _sub(ch, "generator", f"bulletin {__version__}")
    if settings.base_url:
        _sub(ch, f"{{{ATOM}}}link", href=url(out_dir / FEED_NAME), rel="self",
             type="application/rss+xml")
    _sub(ch, f"{{{ITUNES}}}author", settings.organisation or title)
    _sub(ch, f"{{{ITUNES}}}summary", about)
    _sub(ch, f"{{{ITUNES}}}explicit", "false")
    _sub(ch, f"{{{ITUNES}}}type", "episodic")
    _sub(ch, f"{{{ITUNES}}}category", attrib={"text": "News"})
    cover = cover if cover is not None and Path(cover).is_file() else next(
        (c for r in episodes if (c := links.cover_image(Path(r.folder), r.files))), None)
    if cover:
        _sub(ch, f"{{{ITUNES}}}image", href=url(cover))
        image = _sub(ch, "image")  # RSS's own, for readers that know no iTunes tags
        _sub(image, "url", url(cover))
        _sub(image, "title", title)
        _sub(image, "link", site)
    dates = []
    for r in episodes:
        art, mp3 = r.article, Path(r.files["mp3"])
        item = _sub(ch, "item")
        _sub(item, "title", art.title)
        _sub(item, "link", url(Path(r.folder) / "index.html"))
        _sub(item, "description", summary(r) + books_text(r, url, settings))
        _sub(item, "guid", guid(r, settings), isPermaLink="false")
        dates.append(pub_date(r, settings, notes))
        _sub(item, "pubDate", format_datetime(dates[-1]))
        _sub(item, "enclosure", url=url(mp3), length=str(mp3.stat().st_size), type="audio/mpeg")
        _sub(item, f"{{{ITUNES}}}duration", hms(links.audio_seconds(mp3, r.duration)))
        _sub(item, f"{{{ITUNES}}}author", credited_name(art, settings) or title)
        _sub(item, f"{{{ITUNES}}}summary", summary(r))
        _sub(item, f"{{{DC}}}language", art.language)
        image = links.cover_image(Path(r.folder), r.files) or cover
        if image:
            _sub(item, f"{{{ITUNES}}}image", href=url(image))
        _episode_links(item, r, url)
    # The channel's date is its newest episode's: still no clock involved.
    pub = ET.Element("pubDate")
    pub.text = format_datetime(max(dates))
    ch.insert(4, pub)
    if not settings.base_url:
        notes.append("the podcast feed's links are relative: podcast apps need absolute ones, "
                     "so publish with --base-url https://your.site/path")
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"
