"""The Markdown reader: notices written in Markdown, with optional YAML front matter.

markdown-it-py parses (CommonMark, plus tables); raw HTML inside the Markdown is kept as text and
never interpreted, so a pasted ``<script>`` is visible rather than run or silently dropped.
Italics become plain text (large-print guidance avoids them); bold and links become spans.
Tables become one list item per row ("Header: value; Header: value"), which reads aloud well.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..article import Block, Heading, HelpBox, Image, ListBlock, Paragraph, Quote, Span
from ..errors import InputError
from ..helplines import parse_help_line
from . import clutter
from .spans import collapse, table_row
from .text import byline_for, finish

_FIELD_KEYS = {
    "title": "title", "headline": "title",
    "subtitle": "subtitle", "deck": "subtitle", "description": "subtitle",
    "byline": "byline", "by": "byline", "author": "byline",
    "date": "date", "language": "language", "lang": "language",
    "credit": "credit", "source": "credit",
}


def read_markdown(text: str, *, default_language: str = "en", name: str = "input"):
    """Read a cleaned Markdown article into an Article."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)
    tokens = md.parse(text)
    fields: dict[str, str] = {}
    warnings: list[str] = []
    blocks: list[Block] = []
    if tokens and tokens[0].type == "front_matter":
        blocks += _front_matter(tokens[0].content, fields, warnings, name)
        tokens = tokens[1:]
        if fields.get("byline"):
            fields["byline"] = byline_for(fields["byline"], fields.get("language") or default_language)
    body = _Walker(tokens, warnings).blocks()
    if "title" not in fields:
        for i, b in enumerate(body):
            if isinstance(b, Heading) and b.level == 1:
                fields["title"] = b.text
                del body[i]
                break
    elif body and isinstance(body[0], Heading) and body[0].text == fields["title"]:
        del body[0]
    body = [Heading(b.text, 2) if isinstance(b, Heading) and b.level == 1 else b for b in body]
    # A help box from front matter goes after the body, where the plain-text one would stand.
    blocks = body + blocks
    return finish(blocks, fields, warnings, default_language=default_language, name=name)


def _front_matter(source: str, fields: dict[str, str], warnings: list[str], name: str) -> list[Block]:
    import yaml

    try:
        data = yaml.safe_load(source) if source.strip() else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(f"{name}: front matter is not valid YAML{where}") from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise InputError(f"{name}: front matter must be 'key: value' lines")
    out: list[Block] = []
    for key, value in data.items():
        k = str(key).lower()
        if k in ("helpbox", "help_box", "help"):
            out.append(_helpbox(value, name))
        elif k in _FIELD_KEYS and value is not None:
            if isinstance(value, (dt.date, dt.datetime)):
                value = value.isoformat()
            elif isinstance(value, (list, tuple)):
                value = ", ".join(str(v) for v in value)
            value = " ".join(str(value).split())
            fields[_FIELD_KEYS[k]] = value
        else:
            warnings.append(f"ignored front matter key \"{key}\"")
    return out


def _helpbox(value: Any, name: str) -> HelpBox:
    """``helpbox: {title: ..., lines: [...]}``, or just a list of lines under a default title."""
    if isinstance(value, list):
        value = {"lines": value}
    if not isinstance(value, dict) or not isinstance(value.get("lines"), list) or not value["lines"]:
        raise InputError(f"{name}: front matter 'helpbox' needs 'lines:', a list of lines such as "
                         f"'Call 1-888-373-7888'")
    title = str(value.get("title") or "Get help")
    return HelpBox(" ".join(title.split()), tuple(parse_help_line(str(ln)) for ln in value["lines"]))


class _Walker:
    """Turns markdown-it's flat token stream into blocks."""

    def __init__(self, tokens, warnings: list[str]):
        self.tokens = tokens
        self.i = 0
        self.warnings = warnings

    def blocks(self, until: str | None = None) -> list[Block]:
        out: list[Block] = []
        while self.i < len(self.tokens):
            t = self.tokens[self.i]
            if until and t.type == until:
                self.i += 1
                return out
            self.i += 1
            if t.type == "heading_open":
                para, _ = self._inline(self.tokens[self.i])
                self.i += 2
                if para.text:
                    out.append(Heading(para.text, int(t.tag[1])))
            elif t.type == "paragraph_open":
                para, images = self._inline(self.tokens[self.i])
                self.i += 2
                kind = clutter.classify(para.text)
                if kind:
                    self.warnings.append(clutter.warning(kind, para.text))
                elif para.text:
                    out.append(para)
                out += images
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                out.append(self._list(t))
            elif t.type == "blockquote_open":
                inner = self.blocks("blockquote_close")
                out.append(_quote(inner))
            elif t.type in ("fence", "code_block"):
                code = " ".join(t.content.split())
                if code:
                    out.append(Paragraph(code))
            elif t.type == "table_open":
                out.append(self._table())
        return out

    def _list(self, open_tok) -> ListBlock:
        ordered = open_tok.type == "ordered_list_open"
        start = int(open_tok.attrGet("start") or 1) if ordered else 1
        close = open_tok.type.replace("_open", "_close")
        items: list[Paragraph] = []
        while self.i < len(self.tokens) and self.tokens[self.i].type != close:
            t = self.tokens[self.i]
            self.i += 1
            if t.type == "list_item_open":
                for b in self.blocks("list_item_close"):
                    # Nested lists and extra paragraphs are flattened into items in order.
                    if isinstance(b, ListBlock):
                        items += b.items
                    elif isinstance(b, Paragraph):
                        items.append(b)
                    elif isinstance(b, (Heading, Image)):
                        text = b.text if isinstance(b, Heading) else b.alt
                        if text:
                            items.append(Paragraph(text))
                    elif isinstance(b, Quote):
                        items += b.paragraphs
        self.i += 1
        return ListBlock(tuple(items), ordered=ordered, start=start)

    def _table(self) -> ListBlock:
        header: list[str] = []
        rows: list[list[str]] = []
        row: list[str] = []
        in_head = False
        while self.i < len(self.tokens):
            t = self.tokens[self.i]
            self.i += 1
            if t.type == "table_close":
                break
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
            elif t.type == "inline":
                row.append(self._inline(t)[0].text)
        items = []
        for r in rows:
            if row := table_row(header, r):
                items.append(row)
        return ListBlock(tuple(items))

    def _inline(self, tok) -> tuple[Paragraph, list[Image]]:
        """Text and spans of an inline token; images are returned as blocks of their own."""
        text = ""
        spans: list[Span] = []
        open_at: list[tuple[str, int, str | None]] = []
        images: list[Image] = []
        for c in tok.children or ():
            if c.type == "text" or c.type == "code_inline":
                text += c.content
            elif c.type in ("softbreak", "hardbreak"):
                text += "\n"  # collapse() makes it a space, or nothing between CJK
            elif c.type == "link_open":
                open_at.append(("link", len(text), c.attrGet("href")))
            elif c.type == "strong_open":
                open_at.append(("strong", len(text), None))
            elif c.type in ("link_close", "strong_close") and open_at:
                kind, start, href = open_at.pop()
                if len(text) > start:
                    spans.append(Span(start, len(text), kind, href))
            elif c.type == "image":
                alt = "".join(g.content for g in (c.children or ()) if g.type == "text") or c.content
                images.append(Image(str(c.attrGet("src") or ""), alt, c.attrGet("title") or None))
        return collapse(text, spans), images


def _quote(inner: list[Block]) -> Quote:
    paras = [b for b in inner if isinstance(b, Paragraph)]
    for b in inner:
        if isinstance(b, ListBlock):
            paras += b.items
    attribution = None
    if len(paras) > 1 and paras[-1].text.startswith(("—", "–", "-- ", "- ")):
        attribution = paras.pop().text.lstrip("—–- ").strip() or None
    return Quote(tuple(paras), attribution)
