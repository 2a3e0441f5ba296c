"""Cover art for the MP3: the title in large type on a square, with the organisation's name.

Black on white (21:1) in Atkinson Hyperlegible, so it stays readable as a thumbnail on a phone
lock screen. Titles in scripts that font lacks fall back to Noto Sans, then to the font the
handout uses for that script (Arabic, Armenian, Chinese, Korean…): podcast apps show this card
as each episode's artwork, so a card without its title would look like every other. Scripts
that need shaping (Arabic, Devanagari, Thai, Khmer) are drawn only when Pillow has its complex
text layout (raqm); if no font can draw the characters, the card shows the organisation alone
rather than boxes.
"""
from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

SIDE = 1400
"""Pixels: Apple Podcasts asks for 1400 to 3000; the checker for at least 600."""
MARGIN = 110
INK, PAPER = (0, 0, 0), (255, 255, 255)


@lru_cache(maxsize=1)
def _can_shape() -> bool:
    """Whether Pillow lays text out with raqm (HarfBuzz shaping and bidi), not its basic engine."""
    from PIL import features

    return bool(features.check("raqm"))


def _font_files(text: str = "", language: str = "") -> list[Path]:
    """Atkinson, Noto Sans, then a font for each other script in ``text``, in that order."""
    import fontpkg_atkinson_hyperlegible as atkinson

    from ..handout.fonts import SCRIPTS, script_font_file, script_of

    files = [Path(atkinson.ROOT) / "files" / "AtkinsonHyperlegible-Bold.ttf"]
    try:
        import fontpkg_noto_sans as noto

        files.append(Path(noto.ROOT) / "files" / "NotoSans[wdth,wght].ttf")
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    for key in dict.fromkeys(k for c in text if (k := script_of(c)) is not None):
        if not SCRIPTS[key].shaped or _can_shape():
            files.extend(f for f in [script_font_file(key, language)] if f is not None)
    return [f for f in files if f.is_file()]


@lru_cache(maxsize=4)
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as f:
        return frozenset(f.getBestCmap())


def font_for(text: str, language: str = "") -> tuple[Path, ...] | None:
    """The fonts that draw every visible character of ``text``: the first font that has them all,
    else (left-to-right text only) a script font with Atkinson or Noto Sans for what it lacks,
    such as the full stop Noto Sans Armenian leaves to other fonts; None when there are none."""
    need = {ord(c) for c in text if not c.isspace() and unicodedata.category(c) != "Cf"}
    files = _font_files(text, language)
    whole = next((f for f in files if need <= _coverage(f)), None)
    if whole is not None:
        return (whole,)
    if _right_to_left(text):  # one font, so the layout engine orders the whole line
        return None
    for main in files[2:]:
        rest = need - _coverage(main)
        extra = next((f for f in files[:2] if rest <= _coverage(f)), None)
        if extra is not None:
            return main, extra
    return None


def _unspaced(text: str) -> bool:
    """Chinese and Japanese put no spaces between words: such a title wraps between characters."""
    from ..handout.fonts import script_of

    return " " not in text and any(script_of(c) in ("han", "kana") for c in text)


_NO_LINE_START = frozenset("、。，．：；！？）」』】〉》〕…‥・ー々,.:;!?)]}%")
"""Characters a Chinese or Japanese line must not begin with (closing marks, small kana marks)."""


def _tokens(text: str) -> tuple[list[str], str]:
    """The units a title wraps between, and what joins them: words and a space, or for unspaced
    text each character with the closing punctuation that follows it."""
    if not _unspaced(text):
        return text.split(), " "
    tokens: list[str] = []
    for c in text:
        if tokens and c in _NO_LINE_START:
            tokens[-1] += c
        else:
            tokens.append(c)
    return tokens, ""


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is Arabic or Hebrew."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


class _Face:
    """The fonts from :func:`font_for` at one size. With two, each run of characters is drawn in
    the first that has them (kerning across a run's edge is lost: it falls at punctuation)."""

    def __init__(self, paths: tuple[Path, ...], size: int) -> None:
        self.size = size
        self.fonts = [_font(p, size) for p in paths]
        self.covers = [_coverage(p) for p in paths]

    def runs(self, text: str) -> list[tuple[object, str]]:
        if len(self.fonts) == 1:
            return [(self.fonts[0], text)]
        out: list[tuple[object, str]] = []
        for c in text:
            font = next((f for f, cov in zip(self.fonts, self.covers) if ord(c) in cov or c.isspace()),
                        self.fonts[0])
            if out and (out[-1][0] is font or c.isspace()):
                out[-1] = (out[-1][0], out[-1][1] + c)
            else:
                out.append((font, c))
        return out

    def length(self, draw, text: str) -> float:
        return sum(draw.textlength(chunk, font=font) for font, chunk in self.runs(text))

    def draw(self, draw, x: float, y: int, text: str) -> None:
        for font, chunk in self.runs(text):
            draw.text((x, y), chunk, font=font, fill=INK)
            x += draw.textlength(chunk, font=font)


def _wrap(draw, text: str, face: _Face, width: int) -> list[str]:
    """Greedy wrap by measured width; a single over-long word gets a line of its own."""
    tokens, joiner = _tokens(text)
    lines: list[str] = []
    for word in tokens:
        trial = f"{lines[-1]}{joiner}{word}" if lines else word
        if lines and face.length(draw, trial) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _font(path: Path, size: int):
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if _can_shape() else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(path), size, layout_engine=engine)
    try:  # the variable fallback fonts default to Regular; bold reads better small
        font.set_variation_by_name("Bold")
    except (OSError, ValueError, AttributeError):
        pass
    return font


def _draw_lines(draw, lines: list[str], face: _Face, y: int) -> None:
    """Draw ``lines`` from ``y`` down, flush to the side the script starts from."""
    for ln in lines:
        x = SIDE - MARGIN - face.length(draw, ln) if _right_to_left(ln) else MARGIN
        face.draw(draw, x, y, ln)
        y += int(face.size * 1.2)


def _fit(draw, text: str, paths: tuple[Path, ...], width: int, height: int) -> tuple[_Face, list[str]]:
    """Largest size (down to 48 px) at which ``text`` wraps into the box."""
    for size in range(200, 47, -8):
        face = _Face(paths, size)
        lines = _wrap(draw, text, face, width)
        too_wide = any(face.length(draw, ln) > width for ln in lines)
        if not too_wide and len(lines) * size * 1.2 <= height:
            return face, lines
    face = _Face(paths, 48)
    return face, _wrap(draw, text, face, width)


def cover_png(title: str, organisation: str, language: str = "") -> bytes:
    """A square PNG: ``title`` as large as fits, ``organisation`` underneath a rule.

    ``language`` (of the title) chooses between the Chinese, Japanese and Korean forms of a
    character shared by those languages.
    """
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (SIDE, SIDE), PAPER)
    draw = ImageDraw.Draw(img)
    width = SIDE - 2 * MARGIN
    footer_top = SIDE - MARGIN - 140
    org = organisation.strip()
    org_fonts = font_for(org, language) if org else None
    if org_fonts:
        face, lines = _fit(draw, org, org_fonts, width, 130)
        _draw_lines(draw, lines[:2], face, footer_top + 20)
    draw.rectangle((MARGIN, footer_top - 30, SIDE - MARGIN, footer_top - 18), fill=INK)
    title = " ".join(title.split())
    title_fonts = font_for(title, language) if title else None
    if title_fonts:
        face, lines = _fit(draw, title, title_fonts, width, footer_top - 100 - MARGIN)
        _draw_lines(draw, lines, face, MARGIN)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)  # no timestamp chunk: identical input, identical bytes
    return buf.getvalue()
