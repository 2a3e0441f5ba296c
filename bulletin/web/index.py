"""The batch folder's ``index.html``: every bulletin with its page, handout and recording."""
from __future__ import annotations

import datetime as _dt
from html import escape
from pathlib import Path

from ..settings import Settings
from . import links
from .labels import Labels, direction, language_name
from .page import document, site_footer, site_header

FEED_NAME = "feed.xml"


def newest_first(results: list) -> list:
    """Newest dated bulletin first; undated ones last; ties by slug so the order never wobbles."""
    return sorted(results, key=lambda r: (-(r.article.date or _dt.date.min).toordinal(), r.slug))


def has_audio(result) -> bool:
    mp3 = result.files.get("mp3")
    return bool(mp3) and Path(mp3).is_file()


def _entry(result, labels: Labels, href) -> str:
    art = result.article
    folder = Path(result.folder)
    # The title is in the article's language, which may differ from the index page's.
    lang = ""
    if art.language != labels.page_language:
        lang = f' lang="{escape(art.language)}" dir="{direction(art.language)}"'
    facts = [f"{labels.html('language')} {escape(language_name(art.language))}"]
    if art.date:
        facts.insert(0, f'{labels.html("published")} <time datetime="{art.date.isoformat()}">'
                        f"{escape(labels.date(art.date))}</time>")
    items = []
    pdf = result.files.get("pdf")
    if pdf and Path(pdf).is_file():
        p = links.pdf_facts(Path(pdf))
        info = f"PDF, {links.size_text(p.size)}, {labels.count('page', 'pages', p.pages)}"
        items.append(f'<li><a href="{escape(href(pdf))}" type="application/pdf">'
                     f'{labels.html("pdf_link")} ({labels.mark(escape(info))})</a></li>')
    brf = result.files.get("brf")
    if brf and Path(brf).is_file():
        info = links.brf_info(Path(brf), labels)
        items.append(f'<li><a href="{escape(href(brf))}" type="text/plain" download>'
                     f'{labels.html("brf_link")} ({labels.mark(escape(info))})</a></li>')
    if has_audio(result):
        mp3 = Path(result.files["mp3"])
        info = (f"MP3, {links.size_text(mp3.stat().st_size)}, "
                f"{labels.duration(links.audio_seconds(mp3, result.duration))}")
        items.append(f'<li><a href="{escape(href(mp3))}" type="audio/mpeg">'
                     f'{labels.html("download_mp3")} ({labels.mark(escape(info))})</a></li>')
    items += [f'<li><a href="{escape(href(path))}" type="{mime}">{labels.html(label)} '
              f"({labels.mark(escape(info))})</a></li>" for path, label, info, mime in links.books(result.files)]
    page = escape(href(folder / "index.html"))
    files = "<ul>\n" + "\n".join(items) + "\n</ul>\n" if items else ""
    return (f'<li>\n<h2{lang}><a href="{page}">{escape(art.title)}</a></h2>\n'
            f"<p>{' · '.join(facts)}</p>\n{files}</li>")


def render(results: list, out_dir: Path, settings: Settings) -> str:
    out_dir = Path(out_dir)
    labels = Labels(settings.language)

    def href(target) -> str:
        return links.url_for(Path(target), out_dir, out_dir, settings.base_url)

    # "Community Safety Bulletins", or "Eastside Health: Bulletins" when there is no series name.
    title = settings.series or (f"{settings.organisation}: {labels.text('bulletins')}" if settings.organisation
                              else labels.text("bulletins"))
    heading = escape(settings.series) if settings.series else (
        f"{escape(settings.organisation)}: {labels.html('bulletins')}" if settings.organisation
        else labels.html("bulletins"))
    entries = "\n".join(_entry(r, labels, href) for r in newest_first(results))
    feed, head = "", ""
    if any(has_audio(r) for r in results):
        feed_href = escape(href(out_dir / FEED_NAME))
        feed = f'<p><a href="{feed_href}" type="application/rss+xml">{labels.html("podcast")}</a></p>'
        head = (f'\n<link rel="alternate" type="application/rss+xml" href="{feed_href}"'
                f' title="{escape(title)}">')
    main = (f"<h1>{heading}</h1>\n{feed}\n"
            f'<ul class="bulletins">\n{entries}\n</ul>')
    return document(settings.language, title, site_header(settings),
                    main, site_footer(settings, labels), labels, head)
