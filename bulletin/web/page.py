"""One bulletin's ``index.html``: read, listen, print, get help — no JavaScript."""
from __future__ import annotations

from html import escape
from pathlib import Path

from .. import __version__
from ..settings import Settings
from . import html_text, links
from .labels import Labels, direction, language_name
from .style import CSS


def document(language: str, title: str, header: str, main: str, footer: str, labels: Labels,
             head_extra: str = "") -> str:
    """The shell every page shares: language, direction, skip link and the three landmarks."""
    return f"""<!DOCTYPE html>
<html lang="{escape(language)}" dir="{direction(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bulletin {escape(__version__)}">
<title>{escape(title)}</title>{head_extra}
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">{labels.html("skip")}</a>
<header><div class="wrap">{header}</div></header>
<main id="main" tabindex="-1"><div class="wrap">
{main}
</div></main>
<footer><div class="wrap">{footer}</div></footer>
</body>
</html>
"""


def site_header(settings: Settings) -> str:
    parts = [escape(p) for p in (settings.organisation, settings.series) if p]
    return f"<p>{' · '.join(parts)}</p>" if parts else ""


def site_footer(settings: Settings, labels: Labels) -> str:
    org = f"{escape(settings.organisation)}. " if settings.organisation else ""
    return f"<p>{org}{labels.html('made_with', version=__version__)}</p>"


def _meta_line(result, labels: Labels) -> str:
    art = result.article
    parts = [escape(t) for t in (art.byline, art.credit) if t]
    if art.date:
        parts.append(f'<time datetime="{art.date.isoformat()}">{escape(labels.date(art.date))}</time>')
    return f'<p class="meta">{" · ".join(parts)}</p>' if parts else ""


def _listen(result, labels: Labels, href) -> str:
    mp3 = result.files.get("mp3")
    if not mp3 or not Path(mp3).is_file():
        return ""
    art = result.article
    seconds = links.audio_seconds(Path(mp3), result.duration)
    size = links.size_text(Path(mp3).stat().st_size)
    vtt = result.files.get("vtt")
    track = ""
    if vtt and Path(vtt).is_file():
        track = (f'\n<track kind="captions" src="{escape(href(vtt))}" srclang="{escape(art.language)}"'
                 f' label="{escape(language_name(art.language))}" default>')
    voices = tuple(getattr(result, "voices", ()) or ())
    read_by = (f'\n<p class="voice">{labels.html("read_by", voices=", ".join(voices))}</p>'
               if voices else "")
    download = (f'<a href="{escape(href(mp3))}" type="audio/mpeg">{labels.html("download_mp3")}'
                f" (MP3, {size})</a>")
    return f"""<section class="media" aria-labelledby="listen">
<h2 id="listen">{labels.html("listen")}</h2>
<p>{labels.html("listen_note", duration=labels.duration(seconds))}</p>{read_by}
<audio controls preload="metadata" src="{escape(href(mp3))}">{track}
<p>{labels.html("no_audio_support")} {download}</p>
</audio>
<p>{download}</p>
</section>"""


def _print(result, labels: Labels, href) -> str:
    pdf = result.files.get("pdf")
    if not pdf or not Path(pdf).is_file():
        return ""
    pages = getattr(result, "pages", None)
    facts = links.PdfFacts(Path(pdf).stat().st_size, pages) if pages else links.pdf_facts(Path(pdf))
    info = labels.mark(escape(
        f"PDF, {links.size_text(facts.size)}, {labels.count('page', 'pages', facts.pages)}"))
    return f"""<section class="media" aria-labelledby="print">
<h2 id="print">{labels.html("print")}</h2>
<p><a href="{escape(href(pdf))}" type="application/pdf">{labels.html("pdf_link")} ({info})</a></p>
</section>"""


def _books(result, labels: Labels, href) -> str:
    """Links to the talking books (EPUB, DAISY), when they were made."""
    found = links.books(result.files)
    if not found:
        return ""
    talking = "mp3" in result.files or "daisy" in result.files
    items = "\n".join(f'<li><a href="{escape(href(path))}" type="{mime}">{labels.html(label)} '
                      f"({labels.mark(escape(info))})</a></li>" for path, label, info, mime in found)
    return f"""<section class="media" aria-labelledby="books">
<h2 id="books">{labels.html("books" if talking else "ebook")}</h2>
<p>{labels.html("books_note" if talking else "ebook_note")}</p>
<ul>
{items}
</ul>
</section>"""


def _braille(result, labels: Labels, href) -> str:
    """A link to the braille edition, for embossers and braille displays."""
    brf = result.files.get("brf")
    if not brf or not Path(brf).is_file():
        return ""
    info = labels.mark(escape(links.brf_info(Path(brf), labels)))
    return f"""<section class="media" aria-labelledby="braille">
<h2 id="braille">{labels.html("braille")}</h2>
<p><a href="{escape(href(brf))}" type="text/plain" download>{labels.html("brf_link")} ({info})</a></p>
</section>"""


def _transcript(result, labels: Labels) -> str:
    path = result.files.get("transcript")
    if not path or not Path(path).is_file():
        return ""
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    if not text.strip():
        return ""
    return f"""<section aria-labelledby="transcript">
<h2 id="transcript">{labels.html("transcript")}</h2>
<details>
<summary>{labels.html("show_transcript")}</summary>
<div class="transcript">
{html_text.transcript(text)}
</div>
</details>
</section>"""


def render(result, settings: Settings, out_dir: Path | None = None) -> str:
    """The page's HTML. ``out_dir`` is what ``--base-url`` stands for (default: the folder's parent)."""
    art = result.article
    folder = Path(result.folder)
    root = Path(out_dir) if out_dir else folder.parent
    labels = Labels(art.language)

    def href(target) -> str:
        return links.url_for(Path(target), folder, root, settings.base_url)

    box = art.helpbox
    parts = [
        f"<h1>{escape(art.title)}</h1>",
        f'<p class="deck">{escape(art.subtitle)}</p>' if art.subtitle else "",
        _meta_line(result, labels),
        html_text.helpbox(box) if box else "",
        _listen(result, labels, href),
        _books(result, labels, href),
        _print(result, labels, href),
        _braille(result, labels, href),
        html_text.blocks(art.blocks, labels, skip=box),
        _transcript(result, labels),
    ]
    main = "\n".join(p for p in parts if p)
    head = ""
    if art.subtitle:
        head = f'\n<meta name="description" content="{escape(art.subtitle)}">'
    return document(art.language, f"{art.title} | {settings.organisation}" if settings.organisation else art.title, site_header(settings),
                    main, site_footer(settings, labels), labels, head)
