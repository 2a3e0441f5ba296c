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
import unicodedata
from dataclasses import dataclass

from . import fonts, logical_lines
from .tagging import ACTUAL_END, ACTUAL_START

#: Brackets swap when a run of left-to-right text sits in a right-to-left line.
_MIRROR = dict(zip("()[]{}<>«»", ")(][}{><»«"))
#: Thai vowels written before their consonant: a syllable (and a line break) may start there.
_THAI_LEADING = "\u0e40\u0e41\u0e42\u0e43\u0e44"
#: Thai characters that usually end a syllable: a break may follow them.
_THAI_FINAL = "\u0e30\u0e32\u0e33\u0e2f\u0e46"
#: Keep a little room: ReportLab measures the same glyphs, and must never re-break a line.
_SLACK = 0.97
#: Drawn (in Noto Sans) for a character no font has: a visible mark, never an empty .notdef box.
MISSING = "\ufffd"


@dataclass
class Token:
    """A word (or a piece of a Thai or over-long word) with its look."""

    chars: list[tuple[str, bool, str | None]]
    """(character, bold, link address) in logical order."""
    glued: bool = False
    """True when no space separates it from the token before (a piece of a longer word)."""
    font: str = ""
    """The ReportLab font that draws the whole token (one font, so HarfBuzz shapes it whole)."""
    width: float = 0.0
    missing: bool = False
    """No font has these characters: each is drawn as U+FFFD, and still read as itself."""

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)

    @property
    def bold(self) -> bool:
        return any(b for _, b, _ in self.chars)


def needs_layout(text: str) -> bool:
    """True when ``text`` has a character of a script that must be shaped or runs right to left."""
    return _laid_out_here().search(text) is not None


@functools.lru_cache(maxsize=None)
def _laid_out_here() -> re.Pattern:
    # One character class searched in C: asked of every paragraph, where a Python loop over its
    # characters cost more than the rest of the paragraph's markup.
    spans = [(a, b) for s in fonts.SCRIPTS.values() if s.shaped or s.rtl for a, b in s.ranges]
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans) + "]")


def base_direction(text: str) -> str:
    """"rtl" when the first strong letter is right-to-left (the paragraph rule of Unicode bidi)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


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
        group = _tokens(chars[start:end], ctx, size)  # a newline is a forced line break
        tokens += group
        lines += _break(group, ctx.line_width * _SLACK, size)
        start = end + 1
    _patch_reportlab()
    shaper = next((t.font for t in tokens if t.font.split("-Bold")[0] in ctx.fontset.shaped), None)
    base = shaper or fonts.REGULAR
    out = []
    for line in lines:
        if logical_lines.wanted(line):
            plan = logical_lines.label(line, direction, base, size)
            parts = [f'<ondraw name="{logical_lines.START}" label="{escape_attr(plan)}"/>']
            close = f'<ondraw name="{logical_lines.END}"/>'
        else:
            said = _logical_text(line)
            parts = [f'<ondraw name="{ACTUAL_START}" label="{escape_attr(said + " ")}"/>']
            close = f'<ondraw name="{ACTUAL_END}"/>'
        prev = None
        for i in _visual_order(line, direction):
            tok = line[i]
            if prev is not None and not _glued(line, prev, i):
                parts.append(" ")
            parts.append(_token_markup(tok, direction, escape, escape_attr))
            prev = i
        parts.append(close)
        out.append("".join(parts))
    attrs = f' fontName="{base}"'
    if direction == "rtl":
        attrs += ' align="right"'
    if shaper:
        attrs += ' shaping="1"'
    return f"<para{attrs}>" + "<br/>".join(out) + "</para>"


def _patch_reportlab() -> None:
    """Let a shaped word carry inline callbacks (the ActualText marks) at its start or end.

    Why: ReportLab 5.1's ``shapeFragWord`` puts a word's callbacks back as a list where a
    fragment belongs, and ``breakLines`` then fails with an IndexError. Risk: a process-wide
    replacement of a ReportLab function; it only differs for words that carry callbacks, and
    keeps callbacks in the middle of a word (never written here) at its end.
    """
    import reportlab.platypus.paragraph as rl_paragraph

    original = rl_paragraph.shapeFragWord
    if getattr(original, "bulletin_fixed", False):
        return

    def shape(w, *args, **kw):
        marks = [i for i, fs in enumerate(w[1:], 1) if hasattr(fs[0], "cbDefn")]
        if not marks:
            return original(w, *args, **kw)
        plain = w.__class__([w[0]] + [fs for i, fs in enumerate(w[1:], 1) if i not in marks])
        if len(plain) == 1:
            return w
        out = original(plain, *args, **kw)
        if out is plain:
            return w
        lead = [w[i] for i in marks if all(j in marks for j in range(1, i))]
        out[1:1] = lead
        out.extend(w[i] for i in marks if w[i] not in lead)
        return out

    shape.bulletin_fixed = True
    rl_paragraph.shapeFragWord = shape


def _logical_text(line: list[Token]) -> str:
    return "".join(("" if t.glued or i == 0 else " ") + t.text for i, t in enumerate(line))


def _glued(line: list[Token], a: int, b: int) -> bool:
    later = max(a, b)
    return abs(a - b) == 1 and line[later].glued


# ------------------------------------------------------------------------- words and fonts
def _tokens(chars, ctx, size: float) -> list[Token]:
    words: list[list] = [[]]
    for c in chars:
        if c[0] in " \t\u00a0":
            if words[-1]:
                words.append([])
        else:
            words[-1].append(c)
    out: list[Token] = []
    for word in (w for w in words if w):
        pieces = _thai_pieces(word) if any(fonts.script_of(c) == "thai" for c, _, _ in word) else [word]
        pieces = [run for piece in pieces for run in _font_runs(piece, ctx)]
        for j, piece in enumerate(pieces):
            tok = Token(piece, glued=j > 0)
            _choose_font(tok, ctx)
            tok.width = width(tok, size)
            if tok.width > ctx.line_width * _SLACK and len(piece) > 1:
                out.extend(_split_wide(tok, ctx, size))
            else:
                out.append(tok)
    return out


def _font_runs(piece: list, ctx) -> list[list]:
    """``piece`` whole when one font draws all of it, else split where the drawing font changes.

    Why: a word mixing scripts that no single font covers ("Ĝݐ") would otherwise be drawn in its
    first character's font and lose the rest. Risk: the runs are shaped separately, so letters
    that would join across the split do not (only when no font has both).
    """
    if _choose_font(Token(piece), ctx):
        return [piece]
    runs: list[list] = []
    last = object()
    for c in piece:
        font = ctx.fontset.font_for(c[0], ctx.variety)
        # A character no font draws (reported as missing) is a run of its own: drawn as a mark.
        if runs and (font == last or fonts.is_mark(c[0])):
            runs[-1].append(c)
        else:
            runs.append([c])
            last = font
    if len(runs) > 1 and all(fonts.is_mark(c[0]) for c in runs[0]):
        lead = runs.pop(0)  # a mark with no letter before it goes with what follows
        runs[0][:0] = lead
    return runs


def _choose_font(tok: Token, ctx) -> bool:
    """One font for the whole token: the script's own font when it has every character.

    Returns whether that one font covers the whole token.

    Why: ReportLab shapes a word with the first font's HarfBuzz face and would look the glyph
    ids up in the next font's tables. Risk: a token no single font covers is drawn in the font
    of its first character and may lose glyphs (reported as missing).
    """
    text = tok.text
    candidates = []
    for key in dict.fromkeys(fonts.script_of(c) for c in text):
        if key:
            candidates += ctx.fontset.fonts_of(key, ctx.variety)
    candidates += ["primary", "fallback"]
    if not ctx.fontset.fallback and any(ctx.fontset.font_for(c, ctx.variety) is None for c in text):
        import dataclasses

        ctx.fontset = dataclasses.replace(ctx.fontset, fallback=fonts.load_fallback().fallback)
    cover = {"primary": ctx.fontset.primary | frozenset(map(ord, fonts._INVISIBLE)),
             "fallback": ctx.fontset.fallback}
    choice = None
    for name in candidates:
        have = cover.get(name, ctx.fontset.coverage.get(name, frozenset()))
        if all(ord(c) in have or fonts.is_mark(c) and name not in cover for c in text):
            choice = name
            break
    covered = choice is not None
    if choice is None:
        choice = ctx.fontset.font_for(text[0], ctx.variety) or "fallback"
        lost = {c for c in text if ctx.fontset.font_for(c, ctx.variety) is None}
        ctx.missing.update(lost)
        tok.missing = bool(lost) and set(text) <= lost | set(filter(fonts.is_mark, text))
    name = {"primary": fonts.REGULAR, "fallback": fonts.FALLBACK}.get(choice, choice)
    if tok.bold:
        name = {fonts.REGULAR: fonts.BOLD, fonts.FALLBACK: fonts.FALLBACK_BOLD}.get(name, name + "-Bold")
    tok.font = name
    return covered


def width(tok: Token, size: float) -> float:
    """The drawn width of a token: its shaped advance when its font is shaped."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    text = tok.text
    if tok.missing:
        return stringWidth(MISSING * len(text), tok.font, size)
    if getattr(getFont(tok.font), "shapable", False):
        shaped = shapeStr(text, tok.font, size)
        _fix_private_widths(getFont(tok.font))
        if isinstance(shaped, ShapedStr):
            return sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
        return stringWidth(str(shaped), tok.font, size)
    return stringWidth(text, tok.font, size)


def _fix_private_widths(ttf) -> None:
    """Give the glyphs ReportLab reaches through private-use codes their own advance width.

    Why: ReportLab 5.1 records a shaped glyph's positioned advance (after kerning, or zero for
    a mark placed by the font) as its width, so the PDF's /Widths disagree with the embedded
    font (PDF/UA rule FONT-GLYPH-WIDTH-001). Risk: relies on ReportLab's private table of those
    codes; without it nothing changes.
    """
    private = getattr(ttf, "_TTFont__hbUnis", None)
    if not private:
        return
    face = ttf.face
    hb = ttf.hbFont(1000)
    for uchar in private.values():
        gid = face.charToGlyph.get(uchar)
        if gid is not None:
            face.charWidths[uchar] = ttf.pdfScale(hb.get_glyph_h_advance(gid))


def _thai_pieces(word: list) -> list[list]:
    """A Thai word cut where a syllable may start: before a leading vowel, after a final one.

    Why: Thai puts no spaces between words and ReportLab breaks lines only at spaces. Risk: no
    dictionary is used, so a line may break between two syllables of one word (still legible,
    never inside a syllable or between a letter and its marks).
    """
    pieces: list[list] = [[]]
    for i, c in enumerate(word):
        ch = c[0]
        prev = word[i - 1][0] if i else ""
        if pieces[-1] and not fonts.is_mark(ch) and (ch in _THAI_LEADING and prev not in _THAI_LEADING
                                                     or prev in _THAI_FINAL):
            pieces.append([])
        pieces[-1].append(c)
    return [p for p in pieces if p]


def _split_wide(tok: Token, ctx, size: float) -> list[Token]:
    """A token wider than the line (a long address) cut at its punctuation, pieces glued."""
    from .markup import _BREAK, break_long_word

    saved = ctx.size
    ctx.size = size
    try:
        chunks = break_long_word(tok.text, ctx, tok.bold).split(_BREAK)
    finally:
        ctx.size = saved
    out, at = [], 0
    for j, chunk in enumerate(chunks):
        piece = Token(tok.chars[at:at + len(chunk)], glued=tok.glued if j == 0 else True, font=tok.font,
                      missing=tok.missing)
        piece.width = width(piece, size)
        out.append(piece)
        at += len(chunk)
    return out


def _break(tokens: list[Token], room: float, size: float) -> list[list[Token]]:
    """Greedy line breaking in logical order (as Unicode bidi requires: break, then reorder)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[list[Token]] = []
    used = 0.0
    for tok in tokens:
        gap = 0.0 if tok.glued else stringWidth(" ", tok.font, size)
        if lines and lines[-1] and used + gap + tok.width <= room:
            lines[-1].append(tok)
            used += gap + tok.width
        else:
            lines.append([tok])
            used = tok.width
    for line in lines:
        if line:
            line[0] = Token(line[0].chars, glued=False, font=line[0].font, width=line[0].width,
                            missing=line[0].missing)
    return lines or [[]]


# ------------------------------------------------------------------------- visual order
def _kind(tok: Token) -> str:
    """"R" (right-to-left letters), "L" (left-to-right letters), "EN" (numbers) or "N"."""
    kinds = {unicodedata.bidirectional(c) for c in tok.text}
    if kinds & {"R", "AL"}:
        return "R"
    if "L" in kinds:
        return "L"
    if kinds & {"EN", "AN"}:
        return "EN"
    return "N"


def _visual_order(line: list[Token], direction: str) -> list[int]:
    """Indexes of ``line``'s tokens from left to right.

    Word-level Unicode bidi: in a right-to-left line, runs of left-to-right words and numbers
    keep their order while the runs (and right-to-left words) are laid out from the right; in a
    left-to-right line, runs of right-to-left words are reversed. A neutral word (a dash) takes
    the direction of its neighbours when both agree, else the line's. Risk: explicit embedding
    controls (RLE, LRI …) are ignored; articles rarely carry them.
    """
    if not line:
        return []
    kinds = [_kind(t) for t in line]
    other = {"L", "EN"} if direction == "rtl" else {"R"}
    strong = [k in other for k in kinds]
    for i, k in enumerate(kinds):
        if k == "N":
            left = next((strong[j] for j in range(i - 1, -1, -1) if kinds[j] != "N"), False)
            right = next((strong[j] for j in range(i + 1, len(kinds)) if kinds[j] != "N"), False)
            strong[i] = left and right
    runs: list[list[int]] = []
    for i, s in enumerate(strong):
        if s and runs and strong[runs[-1][-1]]:
            runs[-1].append(i)
        else:
            runs.append([i])
    if direction == "rtl":
        order = [i for run in reversed(runs) for i in run]
    else:
        order = [i for run in runs for i in (reversed(run) if strong[run[0]] else run)]
    return order


def _token_markup(tok: Token, direction: str, escape, escape_attr) -> str:
    chars = _inner_order(tok, direction)
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


def _inner_order(tok: Token, direction: str) -> list:
    """The token's characters in the order ReportLab must be given them.

    A right-to-left word stays logical (HarfBuzz shapes and reverses it) except for its digit
    runs, which are pre-reversed because HarfBuzz reverses the whole word. A left-to-right word
    or number in a right-to-left line has its leading and trailing punctuation moved to the
    other side and mirrored ("911." is drawn ".911"), as the bidi algorithm resolves them.
    """
    if tok.missing:
        return [(MISSING, bold, href) for _, bold, href in tok.chars]
    chars = list(tok.chars)
    kind = _kind(tok)
    if kind == "R":
        out, i = [], 0
        while i < len(chars):
            j = i
            while j < len(chars) and unicodedata.bidirectional(chars[j][0]) in ("EN", "AN") or (
                    i < j < len(chars) - 1 and chars[j][0] in ".,:/-"
                    and unicodedata.bidirectional(chars[j + 1][0]) in ("EN", "AN")):
                j += 1
            if j > i:
                out.extend(reversed(chars[i:j]))
                i = j
            else:
                out.append(chars[i])
                i += 1
        return out
    if direction != "rtl":
        return chars
    a, b = 0, len(chars)
    while a < b and _neutral(chars[a][0]):
        a += 1
    while b > a and _neutral(chars[b - 1][0]):
        b -= 1

    def mirrored(seq):
        return [(_MIRROR.get(c, c), bold, href) for c, bold, href in reversed(seq)]

    return mirrored(chars[b:]) + chars[a:b] + mirrored(chars[:a])


def _neutral(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("ON", "CS", "ES", "ET", "WS", "B", "S")
