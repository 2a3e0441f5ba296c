"""Turning article text into ReportLab paragraph markup without ever trusting it.

ReportLab's Paragraph reads a small XML language in which ``<img src=…>`` reads a file and
``<a href=…>`` makes a link. Article text is data, so every ``<``, ``>`` and ``&`` is escaped
here and the only tags in the result are the ones this module writes: ``<b>``, ``<a>``,
``<font>`` and ``<br/>``.
"""
from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..article import HelpLine, Paragraph, Span
from . import cjk, fonts, shaped
from .tagging import ACTUAL_END, ACTUAL_START, LANG_END, LANG_START, LINK_END, LINK_START

#: Link schemes that may become live links; anything else (file:, javascript:, data:) prints only.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
#: Marks where a too-long word may break; never written to the PDF.
_BREAK = "\x00"
#: A long URL may break after these characters (or before a hyphen, so no line ends in "-").
_BREAK_AFTER = "/.?&=_#,;:@+~"


@dataclass
class MarkupContext:
    """What turning text into markup needs, and what it found along the way."""

    fontset: fonts.FontSet
    line_width: float
    """Width of the text column in points: words wider than this are broken at punctuation."""
    size: float
    base_url: str | None = None
    missing: set[str] = field(default_factory=set)
    """Characters no bundled font can draw (printed as a U+FFFD mark, kept in the text layer)."""
    variety: str | None = None
    """The CJK variety of the passage being marked up (see :func:`.cjk.passage_variety`)."""
    split_words: list[str] = field(default_factory=list)
    """Words with no punctuation that were still too wide for a line and had to be cut."""


def escape(text: str) -> str:
    """Make ``text`` inert for ReportLab's paragraph parser."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def safe_href(href: str | None, base_url: str | None) -> str | None:
    """The link target to make live, or None when it must stay printed text only.

    Risk: a relative link without a base URL is dropped, since it can lead nowhere from paper.
    """
    if not href:
        return None
    href = href.strip()
    if href.lower().startswith("www."):
        href = "https://" + href
    scheme = urlsplit(href).scheme.lower()
    if not scheme:
        if not base_url or urlsplit(base_url).scheme.lower() not in ("http", "https"):
            return None
        href = urljoin(base_url.rstrip("/") + "/", href)
        scheme = urlsplit(href).scheme.lower()
    if scheme not in SAFE_SCHEMES or any(c in href for c in "\r\n\t \x00"):
        return None
    return href


def _font_wrap(text: str, ctx: MarkupContext, bold: bool = False) -> str:
    """Escape ``text`` and wrap each run Atkinson cannot draw in the font that can.

    Runs are chosen per character: Noto Sans for the Latin, Greek and Cyrillic letters Atkinson
    lacks, a script's own Noto font for Arabic, Armenian, CJK, Devanagari, Khmer, Thai. Spaces
    and combining marks stay in the run they are in, so a shaped word is never cut apart.
    A character no font has is printed as U+FFFD (a visible "missing" mark, so no invisible
    .notdef glyph is shown) inside an ActualText span that carries the real character for
    screen readers and copy-paste. With ``bold``, script fonts are named in their bold weight:
    ReportLab keeps a ``<font name>`` regular even inside ``<b>`` or a bold style.
    """
    if text.isascii() and text.isprintable() and _draws_ascii(ctx.fontset) \
            or not set(map(ord, text)) - ctx.fontset.primary - _INVISIBLE_CODES:
        return escape(text)  # the common case: Atkinson draws every character
    out: list[str] = []
    mode = "primary"
    for ch in text:
        if ord(ch) in _INVISIBLE_CODES and mode != "missing" or fonts.is_mark(ch) and _covers(ctx, mode, ch):
            which = mode
        else:
            which = ctx.fontset.font_for(ch, ctx.variety)
        if which is None and not ctx.fontset.fallback:
            # First character Atkinson lacks: load Noto Sans (a copy: load()'s set is shared).
            ctx.fontset = dataclasses.replace(ctx.fontset, fallback=fonts.load_fallback().fallback)
            which = ctx.fontset.font_for(ch, ctx.variety)
        if which is None:
            ctx.missing.add(ch)
            which = "missing"
        if which != mode or which == "missing":
            out.append(_close(mode))
            out.append(_open(which, ch, bold))
            mode = which
        if which != "missing":
            out.append(_BREAK if ch == _BREAK else escape(ch))
    out.append(_close(mode))
    return "".join(out)


_INVISIBLE_CODES = frozenset(map(ord, " \t\n\u00a0" + _BREAK))


def _draws_ascii(fontset: fonts.FontSet) -> bool:
    """Whether the primary font has every printable ASCII character (asked once per document)."""
    if "ascii" not in fontset.memo:
        fontset.memo["ascii"] = all(cp in fontset.primary for cp in range(0x20, 0x7F))
    return fontset.memo["ascii"]


def _covers(ctx: MarkupContext, mode: str, ch: str) -> bool:
    """Whether the run's font draws ``ch``: a combining mark stays in its letter's run only then.

    Why: a mark kept in a font without it prints as an empty glyph, lost to readers and never
    reported. Risk: a mark another font draws is set in that font, a little apart from its letter.
    """
    fs = ctx.fontset
    have = {"primary": fs.primary, "fallback": fs.fallback, "missing": frozenset()}.get(
        mode, fs.coverage.get(mode, frozenset()))
    return ord(ch) in have


def _open(which: str, ch: str, bold: bool = False) -> str:
    if which == "primary":
        return ""
    if which == "fallback":
        return f'<font name="{fonts.FALLBACK_BOLD if bold else fonts.FALLBACK}">'
    if which == "missing":
        return (f'<ondraw name="{ACTUAL_START}" label="{escape_attr(ch)}"/><font name="{fonts.FALLBACK}">'
                "\ufffd</font>")
    return f'<font name="{which}-Bold">' if bold else f'<font name="{which}">'


def _close(which: str) -> str:
    if which == "primary":
        return ""
    if which == "missing":
        return f'<ondraw name="{ACTUAL_END}"/>'
    return "</font>"


def _width(text: str, ctx: MarkupContext, bold: bool) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # Atkinson's widths stand in for fallback glyphs; 3% spare covers the difference.
    return stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, ctx.size) * 1.03


def _atoms(word: str) -> list[str]:
    """Pieces of ``word`` between its break opportunities (never inside ``://``)."""
    atoms, cur = [], ""
    for i, ch in enumerate(word):
        if ch == "-" and cur and cur[-1].isalnum():
            atoms.append(cur)
            cur = ""
        cur += ch
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _BREAK_AFTER and nxt not in _BREAK_AFTER and not (ch == ":" and nxt == "/"):
            atoms.append(cur)
            cur = ""
    if cur:
        atoms.append(cur)
    return atoms


def break_long_word(word: str, ctx: MarkupContext, bold: bool = False) -> str:
    """Insert line breaks into a word wider than the column, only at its punctuation.

    Why: large print never shrinks text and never hyphenates, but a long web address must still
    fit. Risk: a word with no punctuation that is wider than a line is cut between letters (and
    reported), the only way it can be printed at all.
    """
    if _width(word, ctx, bold) <= ctx.line_width:
        return word
    chunks: list[str] = []
    cur = ""
    for atom in _atoms(word):
        if _width(cur + atom, ctx, bold) <= ctx.line_width:
            cur += atom
            continue
        if cur:
            chunks.append(cur)
        cur = ""
        for ch in atom:  # only reached for an atom wider than the whole line
            if cur and _width(cur + ch, ctx, bold) > ctx.line_width:
                chunks.append(cur)
                cur = ""
                ctx.split_words.append(word)
            cur += ch
    if cur:
        chunks.append(cur)
    return _BREAK.join(chunks)


def _break_words(text: str, ctx: MarkupContext, bold: bool) -> str:
    return re.sub(r"\S{12,}", lambda m: m.group(0) if _is_cjk(m.group(0)) else
                  break_long_word(m.group(0), ctx, bold), text)


def _is_cjk(word: str) -> bool:
    """Chinese and Japanese are written without spaces: the layout breaks them between characters."""
    return any(fonts.script_of(c) in ("han", "kana") for c in word)


def text_markup(text: str, ctx: MarkupContext, bold: bool = False, style=None) -> str:
    """Markup for a plain run of text: escaped, fallback fonts, long words broken.

    ``style`` is the paragraph style it will be set in, when that is not the body style (a
    heading): its size and weight matter to text laid out here (Arabic, Thai …) and to bold.
    """
    heavy = bold or _is_bold_style(style)
    text = runs_kept_whole(text, ctx, heavy, style.fontSize if style else None)
    with passage(ctx, text):
        if shaped.needs_layout(text):
            return shaped.markup([(text, heavy, None)], ctx, style.fontSize if style else ctx.size)
        body = _font_wrap(_break_words(text, ctx, heavy), ctx, heavy).replace(_BREAK, "<br/>")
    return f"<b>{body}</b>" if bold and body else body


@contextlib.contextmanager
def passage(ctx: MarkupContext, text: str, language: str | None = None):
    """Mark up ``text`` as one passage: its CJK characters prefer the font of its variety.

    ``language`` is the passage's own language when the article marks it. An enclosing passage
    (the paragraph a piece of text is in) decides for its pieces.
    """
    if ctx.variety is not None and language is None:
        yield
        return
    saved = ctx.variety
    own = cjk.language_variety(language) if language else None
    ctx.variety = own or cjk.passage_variety(text, ctx.fontset.language)
    try:
        yield
    finally:
        ctx.variety = saved


def runs_kept_whole(text: str, ctx: MarkupContext, bold: bool, size: float | None = None) -> str:
    """``text`` with no-break spaces inside its phone numbers and dates that fit on a line.

    Why: a number parted at a line's end ("(555)" / "213-4870") is misdialled, a date parted
    ("October" / "15") misread; see :mod:`bulletin.kept_together`. ``size`` is the text's own size
    when it is not the body's (a heading). Risk: the no-break space is also what the text layer
    holds there, which screen readers and search treat as a space.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..kept_together import with_no_break_spaces

    font = fonts.BOLD if bold else fonts.REGULAR
    # 3% spare, as in _width: a fallback font's glyphs may be a little wider than Atkinson's.
    size = size or ctx.size
    return with_no_break_spaces(text, lambda run: stringWidth(run, font, size) * 1.03 <= ctx.line_width)


def _is_bold_style(style) -> bool:
    return style is not None and style.fontName in (fonts.BOLD, fonts.FALLBACK_BOLD)


def _segments(text: str, spans: tuple[Span, ...]) -> list[tuple[int, int, list[Span]]]:
    """``text`` cut at every span boundary, each piece with the spans covering it."""
    cuts = sorted({0, len(text)} | {max(0, min(len(text), s.start)) for s in spans}
                  | {max(0, min(len(text), s.end)) for s in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b:
            out.append((a, b, [s for s in spans if s.start <= a and b <= s.end]))
    return out


def link_markup(url: str, ctx: MarkupContext) -> str:
    """A printed web address that is also a live link when its scheme is safe."""
    return paragraph_markup(Paragraph(url, (Span(0, len(url), "link", url),)), ctx)


def with_bare_links(p: Paragraph) -> Paragraph:
    """Make web addresses written out in the text into links.

    Why: a printed address with no link over it cannot be followed in a PDF viewer (outloud
    LNK-010). Risk: an address that already sits under a link span is left alone.
    """
    from ..helplines import URL

    taken = [(s.start, s.end) for s in p.spans if s.kind == "link"]
    extra = tuple(Span(m.start(), m.end(), "link", m.group(0)) for m in URL.finditer(p.text)
                  if not any(a < m.end() and m.start() < b for a, b in taken))
    return Paragraph(p.text, p.spans + extra, p.lang) if extra else p


def paragraph_markup(p: Paragraph, ctx: MarkupContext, bold: bool = False) -> str:
    """Markup for a paragraph with its strong spans bold and its safe links live.

    A live link whose text is not its address gets the address printed after it, because paper
    cannot be clicked. Unsafe targets (file:, javascript:) are neither linked nor printed.
    """
    p = with_bare_links(p)
    p = dataclasses.replace(p, text=runs_kept_whole(p.text, ctx, bold))
    if not p.spans:
        return text_markup(p.text, ctx, bold)
    with passage(ctx, p.text):
        if shaped.needs_layout(p.text):
            return shaped.markup(_logical_segments(p, ctx, bold), ctx, ctx.size)
        return _spans_markup(p, ctx, bold)


def _spans_markup(p: Paragraph, ctx: MarkupContext, bold: bool) -> str:
    out: list[str] = []
    for a, b, covering in _segments(p.text, p.spans):
        piece = p.text[a:b]
        strong = bold or any(s.kind == "strong" for s in covering)
        link = next((s for s in covering if s.kind == "link"), None)
        lang = next((s.lang or s.href for s in covering if s.kind == "lang" and (s.lang or s.href)), None)
        with passage(ctx, piece, lang):
            body = text_markup(piece, ctx, strong)
        href = safe_href(link.href, ctx.base_url) if link else None
        if href and b == min(link.end, len(p.text)) \
                and not _shows_address(p.text[link.start:link.end], link.href):
            body += " (" + text_markup(href, ctx, strong) + ")"
        if href:
            # The ondraw marks let the tagging split the paragraph's content around the link.
            body = (f'<ondraw name="{LINK_START}" label="{escape_attr(href)}"/>'
                    f'<a href="{escape_attr(href)}">{body}</a><ondraw name="{LINK_END}"/>')
        if lang:
            body = (f'<ondraw name="{LANG_START}" label="{escape_attr(lang)}"/>{body}'
                    f'<ondraw name="{LANG_END}"/>')
        out.append(body)
    return "".join(out)


def stacked_markup(parts: list[Paragraph], ctx: MarkupContext) -> str:
    """Several paragraphs as lines of one (a caption over its address), broken between them."""
    if any(shaped.needs_layout(p.text) for p in parts):
        parts = [dataclasses.replace(p, text=runs_kept_whole(p.text, ctx, False)) for p in parts]
        segments: list[tuple[str, bool, str | None]] = []
        for i, p in enumerate(parts):
            segments += ([("\n", False, None)] if i else []) + _logical_segments(with_bare_links(p), ctx, False)
        with passage(ctx, "\n".join(p.text for p in parts)):
            return shaped.markup(segments, ctx, ctx.size)
    return "<br/>".join(paragraph_markup(p, ctx) for p in parts)


def _logical_segments(p: Paragraph, ctx: MarkupContext, bold: bool) -> list[tuple[str, bool, str | None]]:
    """The paragraph as (text, bold, live link address) pieces, the address printed after a link
    whose text is not its address: what :func:`paragraph_markup` prints, before markup."""
    out: list[tuple[str, bool, str | None]] = []
    for a, b, covering in _segments(p.text, p.spans):
        strong = bold or any(s.kind == "strong" for s in covering)
        link = next((s for s in covering if s.kind == "link"), None)
        href = safe_href(link.href, ctx.base_url) if link else None
        out.append((p.text[a:b], strong, href))
        if href and b == min(link.end, len(p.text)) \
                and not _shows_address(p.text[link.start:link.end], link.href):
            out.append((" (" + href + ")", strong, href))
    return out


def _shows_address(text: str, href: str) -> bool:
    def bare(u: str) -> str:
        return re.sub(r"^(https?://|mailto:|tel:)", "", u.strip().lower()).rstrip("/")

    return bare(text) == bare(href) or bare(href) in bare(text)


def help_line_markup(line: HelpLine, ctx: MarkupContext) -> str:
    """A help-box line with its phone number, SMS code and web address in bold."""
    marks = [(v, kind) for v, kind in ((line.phone, "strong"), (line.sms, "strong"), (line.url, "link"))
             if v and v in line.text]
    spans: list[Span] = []
    for value, kind in marks:
        i = line.text.find(value)
        spans.append(Span(i, i + len(value), "strong"))
        if kind == "link":
            spans.append(Span(i, i + len(value), "link", value))
    return paragraph_markup(Paragraph(line.text, tuple(spans)), ctx)
