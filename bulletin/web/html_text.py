"""The article's blocks as HTML. Every piece of article text is escaped: the article is untrusted.

Only links with a safe scheme become ``<a>``; everything else prints as the text it is.
"""
from __future__ import annotations

from html import escape

from ..article import Block, HelpBox, Heading, Image, ListBlock, Paragraph, Quote, Span
from .labels import Labels, direction
from .links import safe_href, tel_href


def _text(s: str) -> str:
    """Escaped text whose line breaks (addresses, poems) survive as ``<br>``."""
    return escape(s).replace("\n", "<br>\n")


def _strong_runs(text: str, a: int, b: int, strong: list[Span]) -> str:
    """``text[a:b]`` with the parts any strong span covers in ``<strong>``."""
    cuts = sorted({a, b} | {x for s in strong for x in (s.start, s.end) if a < x < b})
    out: list[str] = []
    run: list[str] = []
    bold_run = False
    for x, y in zip(cuts, cuts[1:]):
        bold = any(s.start <= x and y <= s.end for s in strong)
        if bold != bold_run and run:
            out.append(f"<strong>{''.join(run)}</strong>" if bold_run else "".join(run))
            run = []
        bold_run = bold
        run.append(_text(text[x:y]))
    if run:
        out.append(f"<strong>{''.join(run)}</strong>" if bold_run else "".join(run))
    return "".join(out)


def lang_attr(lang: str | None) -> str:
    """`` lang="ko" dir="ltr"`` for a passage in another language than the page, else nothing:
    a screen reader switches voice for it, and a browser picks the script's font."""
    if not lang:
        return ""
    return f' lang="{escape(lang)}" dir="{direction(lang)}"'


def _runs(text: str, a: int, b: int, strong: list[Span], langs: list[Span]) -> str:
    """``text[a:b]`` with strong emphasis, and each passage in another language in a
    ``<span lang>``."""
    if not langs:
        return _strong_runs(text, a, b, strong)
    cuts = sorted({a, b} | {x for s in langs for x in (s.start, s.end) if a < x < b})
    out = []
    for x, y in zip(cuts, cuts[1:]):
        inner = _strong_runs(text, x, y, strong)
        lang = next((s.lang for s in langs if s.start <= x and y <= s.end), None)
        out.append(f"<span{lang_attr(lang)}>{inner}</span>" if lang else inner)
    return "".join(out)


def inline(p: Paragraph) -> str:
    """A paragraph's text with its links and strong emphasis.

    Spans that overlap an earlier link, run backwards or past the text are dropped rather than
    guessed at: a reader's bug must not break the page.
    """
    n = len(p.text)
    ok = [s for s in p.spans if 0 <= s.start < s.end <= n]
    strong = [s for s in ok if s.kind == "strong"]
    langs = [s for s in ok if s.kind == "lang" and s.lang]
    links: list[tuple[Span, str]] = []
    for s in sorted((s for s in ok if s.kind == "link"), key=lambda s: (s.start, -s.end)):
        href = safe_href(s.href)
        if href and (not links or s.start >= links[-1][0].end):
            links.append((s, href))
    out, pos = [], 0
    for s, href in links:
        out.append(_runs(p.text, pos, s.start, strong, langs))
        out.append(f'<a href="{escape(href)}">{_runs(p.text, s.start, s.end, strong, langs)}</a>')
        pos = s.end
    out.append(_runs(p.text, pos, n, strong, langs))
    return "".join(out)


def help_line(text: str, phone: str | None, sms: str | None, url: str | None) -> str:
    """One help-box line with its phone number, SMS code and web address made tappable."""
    marks: list[tuple[int, int, str]] = []
    for found, href in ((phone, tel_href(phone) if phone else None),
                        (sms, f"sms:{sms}" if sms else None),
                        (url, safe_href(url))):
        if not (found and href):
            continue
        at = text.find(found)
        if at >= 0 and all(at >= e or at + len(found) <= s for s, e, _ in marks):
            marks.append((at, at + len(found), href))
    out, pos = [], 0
    for s, e, href in sorted(marks):
        out.append(escape(text[pos:s]))
        out.append(f'<a href="{escape(href)}">{escape(text[s:e])}</a>')
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def helpbox(box: HelpBox, heading_id: str = "help") -> str:
    lines = "\n".join(f"<li>{help_line(ln.text, ln.phone, ln.sms, ln.url)}</li>" for ln in box.lines)
    return (f'<section class="help" aria-labelledby="{heading_id}">\n'
            f'<h2 id="{heading_id}">{escape(box.title)}</h2>\n<ul>\n{lines}\n</ul>\n</section>')


def blocks(items: tuple[Block, ...], labels: Labels, skip: Block | None = None) -> str:
    """The article body. ``skip`` is a block already shown elsewhere (the help box at the top).

    Heading levels never jump by more than one below the page's h1, so the outline that screen
    reader users navigate by has no holes even when an article starts at h4.
    """
    out: list[str] = []
    level = 1
    for i, b in enumerate(items):
        if b is skip:
            continue
        if isinstance(b, Heading):
            level = max(2, min(b.level, level + 1, 6))
            out.append(f"<h{level}{lang_attr(b.lang)}>{_text(b.text)}</h{level}>")
        elif isinstance(b, Paragraph):
            out.append(f"<p{lang_attr(b.lang)}>{inline(b)}</p>")
        elif isinstance(b, ListBlock):
            items_html = "\n".join(f"<li{lang_attr(it.lang)}>{inline(it)}</li>" for it in b.items)
            if b.ordered:
                start = f' start="{b.start}"' if b.start != 1 else ""
                out.append(f"<ol{start}>\n{items_html}\n</ol>")
            else:
                out.append(f"<ul>\n{items_html}\n</ul>")
        elif isinstance(b, Quote):
            body = "\n".join(f"<p{lang_attr(p.lang)}>{inline(p)}</p>" for p in b.paragraphs)
            cite = f"\n<p>— {_text(b.attribution)}</p>" if b.attribution else ""
            out.append(f"<blockquote>\n{body}{cite}\n</blockquote>")
        elif isinstance(b, HelpBox):
            out.append(helpbox(b, f"help-{i}"))
        elif isinstance(b, Image):
            words = [t for t in (b.alt, b.caption) if t]
            if words:
                out.append(f'<p class="picture">{labels.html("picture")} '
                           f"{_text(' — '.join(words))}</p>")
    return "\n".join(out)


def transcript(text: str) -> str:
    """The transcript file's paragraphs (separated by blank lines) as ``<p>`` elements."""
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "\n".join(f"<p>{_text(p)}</p>" for p in paras if p)
