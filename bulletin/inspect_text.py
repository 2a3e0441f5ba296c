"""A plain-text description of an article for ``bulletin inspect``: what was read, and how."""
from __future__ import annotations

import textwrap

from .article import Article, HelpBox, Heading, Image, ListBlock, Paragraph, Quote, unhandled


def _wrap(text: str, prefix: str) -> str:
    return textwrap.fill(text, width=78, initial_indent=prefix, subsequent_indent=" " * len(prefix))


def _lang(p) -> str:
    """``[es] `` before a paragraph in another language than the article's."""
    return f"[{p.lang}] " if getattr(p, "lang", None) else ""


def describe(art: Article) -> str:
    out = [f"Title:    {art.title}" + ("  (made from the first sentence)" if art.title_derived else "")]
    for label, value in (("Subtitle", art.subtitle), ("Byline", art.byline), ("Credit", art.credit),
                         ("Date", art.date.isoformat() if art.date else None), ("Language", art.language)):
        if value:
            out.append(f"{label + ':':<9} {value}")
    out.append("")
    for b in art.blocks:
        if isinstance(b, Heading):
            out.append(f"{'#' * b.level} {_lang(b)}{b.text}")
        elif isinstance(b, Paragraph):
            out.append(_wrap(_lang(b) + b.text, "  "))
        elif isinstance(b, ListBlock):
            for n, item in enumerate(b.items, b.start):
                out.append(_wrap(_lang(item) + item.text, f"  {n}. " if b.ordered else "  - "))
        elif isinstance(b, Quote):
            for p in b.paragraphs:
                out.append(_wrap(_lang(p) + p.text, "  > "))
            if b.attribution:
                out.append(f"  > -- {b.attribution}")
        elif isinstance(b, HelpBox):
            out.append(f"  [help box] {b.title}")
            out += [f"  [help box]   {ln.text}" for ln in b.lines]
        elif isinstance(b, Image):
            out.append(f"  [image] {b.alt or '(no description)'}")
        else:
            unhandled(b)
        out.append("")
    if art.warnings:
        out.append("Warnings:")
        out += [_wrap(w, "  ! ") for w in art.warnings]
    return "\n".join(out).rstrip() + "\n"
