"""Paragraphs in scripts that need shaping (Arabic, Farsi, Devanagari, Khmer, Thai), laid out here.

ReportLab can shape a word with HarfBuzz, but it cannot order the words of a right-to-left line
(its bidi needs rlbidi, which is not on PyPI, and even then handles one-font paragraphs only),
cannot break Thai (no spaces between words), and writes shaped glyphs to the text layer as
private-use characters. So a paragraph with such text is broken into lines here and each line's
words are put in visual order (a word-level form of the Unicode bidi algorithm); ReportLab lays
the lines out as given. A line with right-to-left words is then drawn by :mod:`.logical_lines`
(glyphs in reading order, each mapped to its letters); any other shaped line (Devanagari, Thai,
Khmer) is wrapped in an ActualText span that gives back its logical characters.
"""
from __future__ import annotations

import functools
import re

from . import fonts, logical_lines
from .bidi import base_direction, inner_order, paragraph_levels, split_edges, visual_layout
from .reportlab_patches import shape_words_with_marks
from .tagging import ACTUAL_END, ACTUAL_START
from .words import SLACK, Token, break_lines, tokens as word_tokens

__all__ = ["needs_layout", "markup", "base_direction"]


def needs_layout(text: str) -> bool:
    """True when ``text`` has a character of a script that must be shaped or runs right to left."""
    return _laid_out_here().search(text) is not None


@functools.lru_cache(maxsize=None)
def _laid_out_here() -> re.Pattern:
    # One character class searched in C: asked of every paragraph, where a Python loop over its
    # characters cost more than the rest of the paragraph's markup.
    spans = [(a, b) for s in fonts.SCRIPTS.values() if s.shaped or s.rtl for a, b in s.ranges]
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans) + "]")


def markup(segments: list[tuple[str, bool, str | None]], ctx, size: float, bold: bool = False) -> str:
    """Paragraph markup for logical ``segments`` of (text, bold, link address).

    ``size`` is the font size of the paragraph's style and ``bold`` whether the style is bold;
    lines are measured at that size, so the markup is only right for that style.
    """
    from .markup import escape, escape_attr

    chars = [(ch, b or bold, href) for text, b, href in segments for ch in text]
    logical = "".join(c for c, _, _ in chars)
    direction = base_direction(logical)
    lines, tokens, start = [], [], 0
    for end in [i for i, c in enumerate(chars) if c[0] == "\n"] + [len(chars)]:
        group = word_tokens(chars[start:end], ctx, size)  # a newline is a forced line break
        tokens += group
        # Pieces are not measured again: the lines are broken already, and ReportLab measures them.
        lines += [split_edges(line, direction) for line in break_lines(group, ctx.line_width * SLACK, size)]
        start = end + 1
    shape_words_with_marks()
    shaper = next((t.font for t in tokens if t.font.split("-Bold")[0] in ctx.fontset.shaped), None)
    base = shaper or fonts.REGULAR
    out = []
    for line, levels in zip(lines, paragraph_levels(lines, direction)):
        if logical_lines.wanted(line):
            plan = logical_lines.label(line, direction, base, size, levels)
            parts = [f'<ondraw name="{logical_lines.START}" label="{escape_attr(plan)}"/>']
            close = f'<ondraw name="{logical_lines.END}"/>'
        else:
            said = _logical_text(line)
            parts = [f'<ondraw name="{ACTUAL_START}" label="{escape_attr(said + " ")}"/>']
            close = f'<ondraw name="{ACTUAL_END}"/>'
        for placed in visual_layout(line, direction, levels):
            if placed.space_before:
                parts.append(" ")
            parts.append(_token_markup(line[placed.index], placed.direction, escape, escape_attr))
        parts.append(close)
        out.append("".join(parts))
    attrs = f' fontName="{base}"'
    if direction == "rtl":
        attrs += ' align="right"'
    if shaper:
        attrs += ' shaping="1"'
    return f"<para{attrs}>" + "<br/>".join(out) + "</para>"


def _logical_text(line: list[Token]) -> str:
    return "".join(("" if t.glued or i == 0 else " ") + t.text for i, t in enumerate(line))


def _token_markup(tok: Token, direction: str, escape, escape_attr) -> str:
    chars = inner_order(tok, direction)
    out = []
    i = 0
    while i < len(chars):
        href = chars[i][2]
        j = i
        while j < len(chars) and chars[j][2] == href:
            j += 1
        body = f'<font name="{tok.font}">{escape("".join(c for c, _, _ in chars[i:j]))}</font>'
        out.append(f'<a href="{escape_attr(href)}">{body}</a>' if href else body)
        i = j
    return "".join(out)
