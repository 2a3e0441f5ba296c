"""``NAME-daisy202.zip``: the bulletin as a DAISY 2.02 talking book, for players that predate EPUB 3.

Victor Reader players, Dolphin EasyReader and Thorium open DAISY 2.02: a navigation file
(``ncc.html``: the headline as ``h1 class="title"``, then one heading per section and the
handout's pages), the text (``content.html``), one SMIL 1.0 file per section pairing each
sentence of the text with its clip of the recording, and the recording itself. The text and the
clips are the EPUB's (:mod:`bulletin.booktext`, :func:`bulletin.books.clips`). Without a
recording there is no DAISY book (the format needs the MP3): DAISY 2.02 players are made to
play sound, and a text-only reader is better served by the EPUB.
"""
from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..booktext import DAISY, BookText, book_text, lang_attrs, text
from ..books import Clip, clips, identifier, modified, narrators, organisation, write_zip

CONTENT, NCC = "content.html", "ncc.html"
XHTML1 = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
          '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
SMIL1 = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'


def hms(seconds: float) -> str:
    """``hh:mm:ss``, the form DAISY 2.02 gives times in metadata (to the nearest second)."""
    total = int(round(max(0.0, seconds)))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def npt(seconds: float) -> str:
    """A SMIL 1.0 clip time: ``npt=12.345s``."""
    return f"npt={max(0.0, seconds):.3f}s"


def sections(book: BookText, found: list[Clip]) -> tuple[list[list[Clip]], dict[str, Clip]]:
    """The clips cut into sections, one per heading of the text (a SMIL file each), and for
    every heading and page of the navigation file the clip it leads to: its own, else the
    first one read after it (the last one for a page after everything read)."""
    by_id = {c.id: c for c in found}
    parts: list[list[Clip]] = []
    leads: dict[str, Clip] = {}
    waiting: list[str] = []
    for item in book.items:
        if item.kind == "heading":
            parts.append([])
        if item.kind in ("heading", "page"):
            waiting.append(item.id)
        clip = by_id.get(item.id)
        if clip is None:
            continue
        if not parts:
            parts.append([])
        parts[-1].append(clip)
        for w in waiting:
            leads[w] = clip
        waiting = []
    for w in waiting:
        if found:
            leads[w] = found[-1]
    return [p for p in parts if p], leads


def smil_name(n: int) -> str:
    return f"s{n + 1:03d}.smil"


def smil(job, part: list[Clip], elapsed: float, audio: str) -> str:
    """One section's SMIL 1.0 file: a ``par`` per sentence, text and clip."""
    dur = sum(c.end - c.begin for c in part)
    pars = "\n".join(
        f'<par endsync="last" id="p-{c.id}">\n<text src="{CONTENT}#{c.id}" id="t-{c.id}"/>\n'
        f'<audio src="{audio}" clip-begin="{npt(c.begin)}" clip-end="{npt(c.end)}" id="a-{c.id}"/>\n</par>'
        for c in part)
    meta = [("dc:format", "Daisy 2.02"), ("dc:title", job.article.title), ("dc:identifier", identifier(job)),
            ("ncc:generator", f"bulletin {__version__}"), ("ncc:totalElapsedTime", hms(elapsed)),
            ("ncc:timeInThisSmil", hms(dur))]
    head = "\n".join(f'<meta name="{k}" content="{text(v)}"/>' for k, v in meta)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{SMIL1}\n<smil>\n<head>\n{head}\n'
            '<layout>\n<region id="txtView"/>\n</layout>\n</head>\n<body>\n'
            f'<seq dur="{dur:.3f}s">\n{pars}\n</seq>\n</body>\n</smil>\n')


def xhtml1(language: str, title: str, head: str, body: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{XHTML1}\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"{lang_attrs(language)}>\n<head>\n'
            '<meta http-equiv="Content-type" content="text/html; charset=utf-8"/>\n'
            f"<title>{text(title)}</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n")


def ncc(job, book: BookText, leads: dict[str, Clip], where: dict[str, str], files: int,
        duration: float) -> str:
    """The navigation control centre: metadata, the headline first, then headings and pages."""
    art = job.article
    org = organisation(job) or "bulletin"
    headings = book.headings
    pages = book.pages
    items = [i for i in book.items if i.kind in ("heading", "page") and i.id in leads]
    title = next((i for i in items if i.kind == "heading"), None)
    if title is not None:  # ncc.html starts with the title, even where page 1 stands before it
        items.remove(title)
        items.insert(0, title)
    lines = []
    for i in items:
        href = f"{where[leads[i.id].id]}#t-{leads[i.id].id}"
        if i.kind == "heading":
            level = 1 if i is title else max(2, i.level)
            cls = ' class="title"' if i is title else ""
            lines.append(f'<h{level}{cls} id="n-{i.id}"><a href="{href}">{text(i.label)}</a></h{level}>')
        else:
            lines.append(f'<span class="page-normal" id="n-{i.id}"><a href="{href}">{i.number}</a></span>')
    date = (art.date or modified(job).date()).isoformat()
    meta = [("dc:title", art.title), ("dc:creator", art.author or org), ("dc:date", date),
            ("dc:identifier", identifier(job)), ("dc:language", art.language), ("dc:publisher", org),
            ("dc:format", "Daisy 2.02"), ("ncc:charset", "utf-8"),
            ("ncc:generator", f"bulletin {__version__}"),
            ("ncc:narrator", "; ".join(narrators(job))),
            ("ncc:multimediaType", "audioFullText"), ("ncc:totalTime", hms(duration)),
            # The headings, as the DAISY checker used here counts them (page targets not included).
            ("ncc:tocItems", str(sum(1 for i in items if i.kind == "heading"))),
            ("ncc:depth", str(max([1] + [max(2, h.level) for h in headings[1:]]))),
            ("ncc:files", str(files)), ("ncc:setInfo", "1 of 1"),
            ("ncc:pageFront", "0"), ("ncc:pageNormal", str(len(pages))),
            ("ncc:maxPageNormal", str(max([0] + [p.number for p in pages]))), ("ncc:pageSpecial", "0")]
    scheme = {"dc:date": ' scheme="yyyy-mm-dd"', "ncc:totalTime": ' scheme="hh:mm:ss"'}
    head = "".join(f'<meta name="{k}" content="{text(v)}"{scheme.get(k, "")}/>\n' for k, v in meta)
    return xhtml1(art.language, art.title, head, "\n".join(lines))


def write(job) -> "Written":
    """The writer table's entry: ``<slug>-daisy202.zip`` from the recording and its timings."""
    from ..i18n import t
    from ..writers import Written

    art = job.article
    files = job.files()
    recording = Path(files.get("mp3") or files["wav"])  # the phone profile writes WAV, which DAISY plays
    audio = f"audio{recording.suffix.lower()}"
    duration = job.fact("duration")
    book = book_text(art, DAISY, job.fact("page_starts") or (), t(art.language, "handout.picture"),
                     t(art.language, "handout.no_description"))
    found, missing = clips(job.fact("cues"), duration, book.sentence_ids)
    parts, leads = sections(book, found)
    where = {c.id: smil_name(n) for n, part in enumerate(parts) for c in part}
    folder = job.slug
    entries = []
    elapsed = 0.0
    for n, part in enumerate(parts):
        entries.append((f"{folder}/{smil_name(n)}", smil(job, part, elapsed, audio).encode("utf-8"), False))
        elapsed += sum(c.end - c.begin for c in part)
    content = xhtml1(art.language, art.title,
                     f'<meta name="dc:title" content="{text(art.title)}"/>\n'
                     f'<meta name="dc:identifier" content="{text(identifier(job))}"/>\n'
                     f'<meta name="ncc:generator" content="bulletin {text(__version__)}"/>\n', book.body)
    files = len(parts) + 3  # the SMIL files, ncc.html, content.html and the recording
    entries = ([(f"{folder}/{NCC}", ncc(job, book, leads, where, files, duration).encode("utf-8"), False),
                (f"{folder}/{CONTENT}", content.encode("utf-8"), False)]
               + entries + [(f"{folder}/{audio}", recording.read_bytes(), True)])
    target = job.path("-daisy202.zip")
    write_zip(target, entries, modified(job))
    warnings = ()
    if missing:
        warnings = (f"DAISY book: {len(missing)} spoken sentences were not found in the text "
                    f"(first: {missing[0]})",)
    return Written(files={"daisy": target}, warnings=warnings)
