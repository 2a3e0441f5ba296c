"""``NAME.epub``: an EPUB 3.3 talking book, its text synchronised sentence by sentence with the MP3.

Reading apps (Thorium, Apple Books, EasyReader) let people move by heading and by page and hear
the text while each sentence is highlighted. The book holds the article's text as the handout
prints it (:mod:`bulletin.booktext`), the recording itself, one SMIL clip per sentence taken
from the synthesis timings (the captions' timings), a table of contents, a page list that
follows the large-print handout, EPUB Accessibility 1.1 metadata and the MP3's cover art.
Without a recording (``--no-audio``) it is the same book with text only.

The zip is written here rather than with ebooklib (AGPL-3.0, and its media-overlay duration
is an attribute EPUBCheck rejects): see docs/decisions.md.
"""
from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..booktext import EPUB, BookText, book_text, lang_attrs, text
from ..books import Clip, clips, clock, cover, identifier, modified, narrators, organisation, write_zip
from .words import words

ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class a reading system gives the sentence being read (``media:active-class``)."""
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
OPF = "EPUB/package.opf"
TEXT, NAV, COVER, SMIL, CSS = "text.xhtml", "nav.xhtml", "cover.xhtml", "text.smil", "style.css"
AUDIO, COVER_IMAGE = "audio.mp3", "cover.png"

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""

STYLE = f"""body {{ line-height: 1.5; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.25; }}
.deck {{ font-size: 1.15em; }}
.helpbox {{ border: 0.25em solid currentColor; padding: 0 1em; margin: 1.5em 0; }}
.helpbox p {{ margin: 0.5em 0; }}
blockquote {{ margin: 1em 0 1em 1em; padding-left: 1em; border-left: 0.3em solid currentColor; }}
.cover {{ text-align: center; }}
.cover img {{ max-width: 100%; max-height: 95vh; }}
.{ACTIVE_CLASS} {{ background-color: #ffe600; color: #000000; }}
"""


def direction(language: str) -> str:
    from ..web.labels import direction as web_direction

    return web_direction(language)


def xhtml(language: str, title: str, body: str) -> str:
    """A complete XHTML5 content document."""
    link = f'\n<link rel="stylesheet" type="text/css" href="{CSS}"/>'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
            f'{lang_attrs(language)} dir="{direction(language)}">\n'
            f"<head>\n<meta charset=\"UTF-8\"/>\n<title>{text(title)}</title>{link}\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def nav_document(language: str, title: str, book: BookText) -> str:
    """The navigation document: table of contents (the headings) and the page list."""
    table, in_lang = words(language)
    mark = lang_attrs(in_lang) if in_lang != language else ""
    out = ['<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">',
           f'<h1 id="toc-title"{mark}>{text(table["contents"])}</h1>']
    out.append(toc_list(book))
    out.append("</nav>")
    if book.pages:
        out += [f'<nav epub:type="page-list" role="doc-pagelist" id="page-list" hidden="hidden" '
                f'aria-labelledby="pages-title">',
                f'<h2 id="pages-title"{mark}>{text(table["pages"])}</h2>', "<ol>"]
        out += [f'<li><a href="{TEXT}#{p.id}">{p.number}</a></li>' for p in book.pages]
        out += ["</ol>", "</nav>"]
    return xhtml(language, title, "\n".join(out))


def toc_list(book: BookText) -> str:
    """The headings as nested ordered lists (a level deeper than the one before nests)."""
    out: list[str] = []
    depth: list[int] = []
    for h in book.headings:
        while depth and depth[-1] > h.level:
            out.append("</li>\n</ol>")
            depth.pop()
        if depth and depth[-1] == h.level:
            out.append("</li>")
        else:
            out.append("<ol>")
            depth.append(h.level)
        out.append(f'<li><a href="{TEXT}#{h.id}">{text(h.label)}</a>')
    while depth:
        out.append("</li>\n</ol>")
        depth.pop()
    return "\n".join(out)


def overlay(found: list[Clip]) -> str:
    """The media overlay: one ``par`` per sentence, in reading order."""
    pars = "\n".join(
        f'<par id="par-{c.id}"><text src="{TEXT}#{c.id}"/>'
        f'<audio src="{AUDIO}" clipBegin="{clock(c.begin)}" clipEnd="{clock(c.end)}"/></par>'
        for c in found)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" '
            'version="3.0">\n<body>\n'
            f'<seq id="seq-bulletin" epub:textref="{TEXT}#bulletin">\n{pars}\n</seq>\n'
            "</body>\n</smil>\n")


def package(job, book: BookText, found: list[Clip], audio: bool) -> str:
    """The package document: metadata (with the accessibility metadata), manifest and spine."""
    art = job.article
    lang = art.language
    table, in_lang = words(lang)
    when = modified(job).strftime("%Y-%m-%dT%H:%M:%SZ")
    org = organisation(job)
    meta = [f'<dc:identifier id="uid">{text(identifier(job))}</dc:identifier>',
            f"<dc:title>{text(art.title)}</dc:title>",
            f"<dc:language>{text(lang)}</dc:language>"]
    if art.author or org:
        meta.append(f"<dc:creator>{text(art.author or org)}</dc:creator>")
    if org:
        meta.append(f"<dc:publisher>{text(org)}</dc:publisher>")
    if art.date:
        meta.append(f"<dc:date>{art.date.isoformat()}</dc:date>")
    if art.subtitle:
        meta.append(f"<dc:description>{text(art.subtitle)}</dc:description>")
    meta.append(f'<meta property="dcterms:modified">{when}</meta>')
    modes = ["textual"] + (["auditory"] if audio else [])
    features = ((["synchronizedAudioText"] if audio else [])
                + ["structuralNavigation", "tableOfContents", "readingOrder"]
                + (["printPageNumbers"] if book.pages else []) + ["displayTransformability"])
    summary = " ".join([table["summary_text"]] + ([table["summary_audio"]] if audio else [])
                       + ([table["summary_pages"]] if book.pages else []))
    summary_lang = f' xml:lang="{text(in_lang)}"' if in_lang != lang else ""
    meta += [f'<meta property="schema:accessMode">{m}</meta>' for m in modes]
    meta += [f'<meta property="schema:accessModeSufficient">{m}</meta>' for m in modes]
    meta += [f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features]
    meta += ['<meta property="schema:accessibilityHazard">none</meta>',
             f'<meta property="schema:accessibilitySummary"{summary_lang}>{text(summary)}</meta>',
             f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>']
    if book.pages:
        pdf = job.files().get("pdf")
        source = table["page_source"].format(file=Path(pdf).name if pdf else "PDF")
        # Unprefixed: the a11y: form is undefined to EPUBCheck 5.3 and Ace 1.4 (both tried).
        meta.append(f'<meta property="pageBreakSource"{summary_lang}>{text(source)}</meta>')
    items = [f'<item id="nav" href="{NAV}" media-type="application/xhtml+xml" properties="nav"/>',
             f'<item id="cover" href="{COVER}" media-type="application/xhtml+xml"/>',
             f'<item id="cover-image" href="{COVER_IMAGE}" media-type="image/png" properties="cover-image"/>',
             f'<item id="css" href="{CSS}" media-type="text/css"/>']
    if audio:
        total = sum(c.end - c.begin for c in found)
        meta += [f'<meta property="media:duration" refines="#overlay">{clock(total)}</meta>',
                 f'<meta property="media:duration">{clock(total)}</meta>']
        meta += [f'<meta property="media:narrator">{text(n)}</meta>' for n in narrators(job)]
        meta.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
        items += [f'<item id="text" href="{TEXT}" media-type="application/xhtml+xml" media-overlay="overlay"/>',
                  f'<item id="overlay" href="{SMIL}" media-type="application/smil+xml"/>',
                  f'<item id="audio" href="{AUDIO}" media-type="audio/mpeg"/>']
    else:
        items.append(f'<item id="text" href="{TEXT}" media-type="application/xhtml+xml"/>')
    meta.append(f'<meta name="generator" content="bulletin {text(__version__)}"/>')
    meta.append('<meta name="cover" content="cover-image"/>')
    progression = ' page-progression-direction="rtl"' if direction(lang) == "rtl" else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"'
            f' xml:lang="{text(lang)}" dir="{direction(lang)}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(meta) + "\n</metadata>\n"
            "<manifest>\n" + "\n".join(items) + "\n</manifest>\n"
            f'<spine{progression}>\n<itemref idref="cover"/>\n<itemref idref="text"/>\n</spine>\n'
            "</package>\n")


def write(job) -> "Written":
    """The writer table's entry: ``<slug>.epub``, synchronised when the MP3 was made."""
    from ..i18n import t
    from ..writers import Written

    art = job.article
    lang = art.language
    mp3 = job.files().get("mp3")
    cues = job.fact("cues") if mp3 else None
    audio = bool(mp3 and cues)
    warnings = []
    if "wav" in job.files():
        warnings.append("talking book: EPUB reading apps cannot play the phone profile's WAV "
                        "recording, so the EPUB holds the text only")
    book = book_text(art, EPUB, job.fact("page_starts") or (), t(lang, "handout.picture"),
                     t(lang, "handout.no_description"))
    found, missing = clips(cues, job.fact("duration"), book.sentence_ids) if audio else ([], [])
    if missing:
        warnings.append(f"talking book: {len(missing)} spoken sentences were not found in the "
                        f"book's text and are not highlighted (first: {missing[0]})")
    image, alt = cover(job)
    body = f'<main id="bulletin">\n{book.body}\n</main>'
    cover_page = (f'<section class="cover" aria-label="{text(art.title)}">'
                  f'<img src="{COVER_IMAGE}" alt="{text(alt)}"/></section>')
    entries = [("mimetype", b"application/epub+zip", True),
               ("META-INF/container.xml", CONTAINER.encode(), False),
               (OPF, package(job, book, found, audio).encode("utf-8"), False),
               (f"EPUB/{NAV}", nav_document(lang, art.title, book).encode("utf-8"), False),
               (f"EPUB/{COVER}", xhtml(lang, art.title, cover_page).encode("utf-8"), False),
               (f"EPUB/{COVER_IMAGE}", image, True),
               (f"EPUB/{CSS}", STYLE.encode(), False),
               (f"EPUB/{TEXT}", xhtml(lang, art.title, body).encode("utf-8"), False)]
    if audio:
        entries += [(f"EPUB/{SMIL}", overlay(found).encode("utf-8"), False),
                    (f"EPUB/{AUDIO}", Path(mp3).read_bytes(), True)]
    target = job.path(".epub")
    write_zip(target, entries, modified(job))
    return Written(files={"epub": target}, warnings=tuple(warnings))
