"""Words of a paragraph that must be shaped, each with the one font that draws it, and lines.

A word (or a piece of a Thai or over-long word) becomes a :class:`Token` drawn in one font, so
HarfBuzz shapes it whole; tokens are measured at their shaped width and broken into lines in
logical order (the bidi algorithm breaks first, then reorders: see :mod:`.bidi`).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import fonts
from .reportlab_patches import private_glyph_widths

#: Thai vowels written before their consonant: a syllable (and a line break) may start there.
_THAI_LEADING = "\u0e40\u0e41\u0e42\u0e43\u0e44"
#: Thai characters that usually end a syllable: a break may follow them.
_THAI_FINAL = "\u0e30\u0e32\u0e33\u0e2f\u0e46"
#: Keep a little room: ReportLab measures the same glyphs, and must never re-break a line.
SLACK = 0.97
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
    bound: bool = False
    """Only a no-break space separates it from the token before: a line may not start with it
    while the two fit on one line (see :func:`break_lines`)."""

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)

    @property
    def bold(self) -> bool:
        return any(b for _, b, _ in self.chars)


def tokens(chars, ctx, size: float) -> list[Token]:
    words: list[list] = [[]]
    bound: list[bool] = [False]
    """Per word: whether only no-break spaces stand before it."""
    for c in chars:
        if c[0] in " \t\u00a0":
            if words[-1]:
                words.append([])
                bound.append(True)
            bound[-1] = bound[-1] and c[0] == "\u00a0"
        else:
            words[-1].append(c)
    out: list[Token] = []
    for word, after_no_break in ((w, b) for w, b in zip(words, bound) if w):
        pieces = thai_pieces(word) if any(fonts.script_of(c) == "thai" for c, _, _ in word) else [word]
        pieces = [run for piece in pieces for run in font_runs(piece, ctx)]
        for j, piece in enumerate(pieces):
            tok = Token(piece, glued=j > 0, bound=j == 0 and after_no_break and bool(out))
            choose_font(tok, ctx)
            tok.width = width(tok, size)
            if tok.width > ctx.line_width * SLACK and len(piece) > 1:
                out.extend(split_wide(tok, ctx, size))
            else:
                out.append(tok)
    return out


def font_runs(piece: list, ctx) -> list[list]:
    """``piece`` whole when one font draws all of it, else split where the drawing font changes.

    Why: a word mixing scripts that no single font covers ("Ĝݐ") would otherwise be drawn in its
    first character's font and lose the rest. Risk: the runs are shaped separately, so letters
    that would join across the split do not (only when no font has both).
    """
    if choose_font(Token(piece), ctx):
        return [piece]
    runs: list[list] = []
    drawn_by: list[str | None] = []
    for c in piece:
        font = ctx.fontset.font_for(c[0], ctx.variety)
        # A character no font draws (reported as missing) is a run of its own: drawn as a mark.
        if runs and (font == drawn_by[-1] or fonts.is_mark(c[0]) and _mark_stays(c[0], drawn_by[-1], ctx)):
            runs[-1].append(c)
        else:
            runs.append([c])
            drawn_by.append(font)
    if len(runs) > 1 and drawn_by[1] is not None \
            and all(fonts.is_mark(c[0]) and _mark_stays(c[0], drawn_by[1], ctx) for c in runs[0]):
        lead = runs.pop(0)  # a mark with no letter before it goes with what follows
        runs[0][:0] = lead
    return runs


def _mark_stays(mark: str, font: str | None, ctx) -> bool:
    """Whether a combining mark stays in the run of the letter before it, drawn in ``font``.

    Why: a mark kept in a font without it was drawn as an empty .notdef glyph and never
    reported ("ส" then U+1082). It stays when the font has it, needs no glyph, or the run is of
    characters no font has (drawn as marks). Risk: a mark set in another font is placed a
    little apart from its letter.
    """
    if font is None or _needs_no_glyph(mark):
        return True
    fs = ctx.fontset
    have = {"primary": fs.primary, "fallback": fs.fallback}.get(font, fs.coverage.get(font, frozenset()))
    return ord(mark) in have


def _needs_no_glyph(ch: str) -> bool:
    """Joiners and variation selectors: HarfBuzz hides them, so a font need not draw them."""
    cp = ord(ch)
    return ch in "\u200c\u200d\u034f" or 0xFE00 <= cp <= 0xFE0F or 0x180B <= cp <= 0x180F \
        or 0xE0100 <= cp <= 0xE01EF


def choose_font(tok: Token, ctx) -> bool:
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
        if all(ord(c) in have or name not in cover and _needs_no_glyph(c) for c in text):
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
        private_glyph_widths(getFont(tok.font))
        if isinstance(shaped, ShapedStr):
            return sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
        return stringWidth(str(shaped), tok.font, size)
    return stringWidth(text, tok.font, size)


def thai_pieces(word: list) -> list[list]:
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


def split_wide(tok: Token, ctx, size: float) -> list[Token]:
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


def break_lines(tokens: list[Token], room: float, size: float) -> list[list[Token]]:
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
            run = _bound_run(lines[-1], tok, room, size) if lines and tok.bound else []
            lines.append(run + [tok])
            used = sum(t.width + (0.0 if t.glued or not i else stringWidth(" ", t.font, size))
                       for i, t in enumerate(lines[-1]))
    for line in lines:
        if line:
            line[0] = Token(line[0].chars, glued=False, font=line[0].font, width=line[0].width,
                            missing=line[0].missing)
    return lines or [[]]


def _bound_run(line: list[Token], tok: Token, room: float, size: float) -> list[Token]:
    """The tokens at the end of ``line`` that ``tok`` is bound to (through no-break spaces and
    glued pieces), taken off that line when they and ``tok`` fit on the next; else none.

    Why: a phone number or a date is moved to the next line whole rather than parted at its
    no-break space (see :mod:`bulletin.kept_together`). Risk: the line it leaves is shorter.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    start = len(line)
    follower = tok
    while start > 0 and (follower.bound or follower.glued):
        start -= 1
        follower = line[start]
    if start == 0:
        return []  # the run is the whole line already: it is too long to move
    run = line[start:]
    width = sum(t.width + (0.0 if t.glued or not i else stringWidth(" ", t.font, size))
                for i, t in enumerate(run + [tok]))
    if width > room:
        return []
    del line[start:]
    return run
