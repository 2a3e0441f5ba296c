"""The document model every reader produces and every writer consumes.

Frozen dataclasses and pure functions only: no I/O here, so readers, the handout, the spoken
script and the web page can all rely on one shape. Text keeps the author's characters (curly
quotes, dashes, accents) exactly; readers only remove what is not text (control characters,
zero-width marks, soft hyphens).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, fields, replace
from typing import NoReturn, Union


@dataclass(frozen=True)
class Span:
    """A marked range of a paragraph's text: a link, strong emphasis (never italics), or a
    passage in another language than the paragraph's."""

    start: int
    """Offset of the first character, in Python string indices."""
    end: int
    """Offset one past the last character."""
    kind: str = "link"
    """``"link"``, ``"strong"`` or ``"lang"``."""
    href: str | None = None
    """The link target, kept as text: nothing ever fetches it."""
    lang: str | None = None
    """A ``"lang"`` span's BCP 47 tag: the run is in this language, not the paragraph's."""


@dataclass(frozen=True)
class Paragraph:
    """Running text, with links and emphasis as spans over ``text``."""

    text: str
    spans: tuple[Span, ...] = ()
    lang: str | None = None
    """BCP 47 tag when the paragraph is in another language than the article; None: the article's."""

    @property
    def links(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.kind == "link")


@dataclass(frozen=True)
class Heading:
    """A section heading; level 2 is a top-level section (level 1 is the article title)."""

    text: str
    level: int = 2
    lang: str | None = None
    """BCP 47 tag when the heading is in another language than the article; None: the article's."""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a paragraph of its own."""

    items: tuple[Paragraph, ...]
    ordered: bool = False
    start: int = 1
    """Number of the first item of an ordered list."""


@dataclass(frozen=True)
class Quote:
    """A block quotation, optionally attributed."""

    paragraphs: tuple[Paragraph, ...]
    attribution: str | None = None


@dataclass(frozen=True)
class HelpLine:
    """One line of a help box, e.g. "Call 1-888-373-7888", with what it lets people reach."""

    text: str
    phone: str | None = None
    """A phone number in the line, as written (printed bold, read digit by digit)."""
    sms: str | None = None
    """An SMS short code in the line, as written."""
    url: str | None = None
    """A web address in the line, as written."""


@dataclass(frozen=True)
class HelpBox:
    """The hotline box: who to call or text. Printed boxed and never split; read slowly, twice."""

    title: str
    lines: tuple[HelpLine, ...]


@dataclass(frozen=True)
class Image:
    """A picture from the article: only its alt text is printed and spoken; nothing is fetched."""

    src: str
    alt: str = ""
    caption: str | None = None


Block = Union[Heading, Paragraph, ListBlock, Quote, HelpBox, Image]

BLOCK_TYPES: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    ListBlock: "list",
    Quote: "quote",
    HelpBox: "helpbox",
    Image: "image",
}


BY_WORD = re.compile(r"(?i)^\s*(?:by|por|par|di|von)\s+")
"""The word a byline starts with in the languages whose readers write one ("By", "Por", ...)."""


@dataclass(frozen=True)
class Article:
    """One article, as every writer sees it."""

    title: str
    subtitle: str | None = None
    """The deck: a sentence under the headline."""
    title_derived: bool = False
    """True when the article had no headline and ``title`` was made from its first sentence:
    the spoken version then goes from the credit straight to the body (the opening is not read
    twice)."""
    byline: str | None = None
    """Who wrote it, e.g. "By Ana Ruiz"."""
    credit: str | None = None
    """Source or wire service, e.g. "City News Service"."""
    date: _dt.date | None = None
    language: str = "en"
    """BCP 47 tag, e.g. ``en``, ``es``, ``zh-Hant``."""
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    """What a reader removed or guessed, said to the user; not part of the content."""

    @property
    def helpbox(self) -> HelpBox | None:
        return next((b for b in self.blocks if isinstance(b, HelpBox)), None)

    @property
    def author(self) -> str | None:
        """The byline's name alone: "By Ana Ruiz" -> "Ana Ruiz" (also Por, Par, Di, Von)."""
        if not self.byline:
            return None
        return BY_WORD.sub("", self.byline).strip() or None

    def with_warnings(self, *more: str) -> "Article":
        return replace(self, warnings=self.warnings + tuple(more))


def language_tag(tag: str) -> str:
    """``en_us`` / ``EN-us`` -> ``en-US``: BCP 47 form (hyphens; language lower, region upper,
    script title case), so every writer can take the language as the part before the first hyphen."""
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        return tag.strip()
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower())
    return "-".join(out)


def block_text(block: Block) -> str:
    """All the visible text of a block, lines joined by newlines (for word counts and checks)."""
    if isinstance(block, (Paragraph, Heading)):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join(i.text for i in block.items)
    if isinstance(block, Quote):
        parts = [p.text for p in block.paragraphs]
        return "\n".join(parts + ([block.attribution] if block.attribution else []))
    if isinstance(block, HelpBox):
        return "\n".join([block.title] + [ln.text for ln in block.lines])
    if isinstance(block, Image):
        return "\n".join(t for t in (block.alt, block.caption) if t)
    unhandled(block)


def unhandled(block: object) -> NoReturn:
    """The end of every switch over block types: a type a writer has no case for stops the build
    instead of being dropped silently (the tests add a new type and expect this)."""
    raise TypeError(f"no case for block type {type(block).__name__}")


def paragraphs_of(block: Block) -> tuple[Paragraph, ...]:
    """The paragraphs a block holds (a list's items, a quote's paragraphs); none for the rest."""
    if isinstance(block, Paragraph):
        return (block,)
    if isinstance(block, ListBlock):
        return block.items
    if isinstance(block, Quote):
        return block.paragraphs
    if isinstance(block, (Heading, HelpBox, Image)):
        return ()
    unhandled(block)


def passages(article: Article) -> list[tuple[str, str]]:
    """(language, text) of every passage marked as another language, in reading order."""
    out = []
    for b in article.blocks:
        if isinstance(b, Heading) and b.lang:
            out.append((b.lang, b.text))
        for p in paragraphs_of(b):
            if p.lang:
                out.append((p.lang, p.text))
            out.extend((s.lang, p.text[s.start:s.end]) for s in p.spans if s.kind == "lang" and s.lang)
    return out


def article_text(article: Article) -> str:
    """Every piece of text a reader of the article sees, in reading order."""
    head = [article.title, article.subtitle, article.byline, article.credit]
    return "\n".join([t for t in head if t] + [block_text(b) for b in article.blocks])


# ---------------------------------------------------------------- plain-data form (JSON)
def _span_dict(s: Span) -> dict:
    d = {"start": s.start, "end": s.end, "kind": s.kind}
    if s.href is not None:
        d["href"] = s.href
    if s.lang is not None:
        d["lang"] = s.lang
    return d


def _para_dict(p: Paragraph) -> dict:
    d = {"text": p.text, "spans": [_span_dict(s) for s in p.spans]}
    if p.lang is not None:
        d["lang"] = p.lang
    return d


def block_to_dict(block: Block) -> dict:
    kind = BLOCK_TYPES.get(type(block)) or unhandled(block)
    if isinstance(block, Paragraph):
        return {"type": kind, **_para_dict(block)}
    if isinstance(block, Heading):
        d = {"type": kind, "text": block.text, "level": block.level}
        if block.lang is not None:
            d["lang"] = block.lang
        return d
    if isinstance(block, ListBlock):
        return {"type": kind, "ordered": block.ordered, "start": block.start,
                "items": [_para_dict(i) for i in block.items]}
    if isinstance(block, Quote):
        return {"type": kind, "paragraphs": [_para_dict(p) for p in block.paragraphs],
                "text": "\n".join(p.text for p in block.paragraphs),
                "attribution": block.attribution}
    if isinstance(block, HelpBox):
        return {"type": kind, "title": block.title,
                "lines": [{f.name: getattr(ln, f.name) for f in fields(ln)} for ln in block.lines]}
    if isinstance(block, Image):
        return {"type": kind, "src": block.src, "alt": block.alt, "caption": block.caption}
    unhandled(block)


def to_dict(article: Article) -> dict:
    """The article as plain data, the shape of ``bulletin inspect --json`` and ``article.json``."""
    return {
        "title": article.title,
        "title_derived": article.title_derived,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "credit": article.credit,
        "date": article.date.isoformat() if article.date else None,
        "language": article.language,
        "blocks": [block_to_dict(b) for b in article.blocks],
        "warnings": list(article.warnings),
    }


def _para_from(d: dict) -> Paragraph:
    return Paragraph(d["text"], tuple(Span(s["start"], s["end"], s.get("kind", "link"), s.get("href"),
                                           s.get("lang")) for s in d.get("spans", ())), d.get("lang"))


def block_from_dict(d: dict) -> Block:
    kind = d["type"]
    if kind == "paragraph":
        return _para_from(d)
    if kind == "heading":
        return Heading(d["text"], d.get("level", 2), d.get("lang"))
    if kind == "list":
        return ListBlock(tuple(_para_from(i) for i in d["items"]), d.get("ordered", False), d.get("start", 1))
    if kind == "quote":
        return Quote(tuple(_para_from(p) for p in d["paragraphs"]), d.get("attribution"))
    if kind == "helpbox":
        return HelpBox(d["title"], tuple(HelpLine(**ln) for ln in d["lines"]))
    if kind == "image":
        return Image(d["src"], d.get("alt", ""), d.get("caption"))
    raise ValueError(f"unknown block type {kind!r}")


def from_dict(d: dict) -> Article:
    """The inverse of :func:`to_dict`."""
    return Article(
        title=d["title"], title_derived=bool(d.get("title_derived", False)), subtitle=d.get("subtitle"), byline=d.get("byline"), credit=d.get("credit"),
        date=_dt.date.fromisoformat(d["date"]) if d.get("date") else None,
        language=d.get("language") or "en",
        blocks=tuple(block_from_dict(b) for b in d.get("blocks", ())),
        warnings=tuple(d.get("warnings", ())),
    )
