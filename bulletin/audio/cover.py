"""Cover art for the MP3: the title in large type on a square, with the organisation's name.

Black on white (21:1) in Atkinson Hyperlegible, so it stays readable as a thumbnail on a phone
lock screen. Titles in scripts that font lacks fall back to Noto Sans; if neither font has the
characters, the card shows the organisation alone rather than boxes.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

SIDE = 1400
"""Pixels: Apple Podcasts asks for 1400 to 3000; the checker for at least 600."""
MARGIN = 110
INK, PAPER = (0, 0, 0), (255, 255, 255)


def _font_files() -> list[Path]:
    import fontpkg_atkinson_hyperlegible as atkinson

    files = [Path(atkinson.ROOT) / "files" / "AtkinsonHyperlegible-Bold.ttf"]
    try:
        import fontpkg_noto_sans as noto

        files.append(Path(noto.ROOT) / "files" / "NotoSans[wdth,wght].ttf")
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return [f for f in files if f.is_file()]


@lru_cache(maxsize=4)
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as f:
        return frozenset(f.getBestCmap())


def font_for(text: str) -> Path | None:
    """The first font that has a glyph for every visible character of ``text``."""
    need = {ord(c) for c in text if not c.isspace()}
    return next((f for f in _font_files() if need <= _coverage(f)), None)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Greedy word wrap by measured width; a single over-long word gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _font(path: Path, size: int):
    from PIL import ImageFont

    font = ImageFont.truetype(str(path), size)
    try:  # the variable fallback font defaults to Regular; bold reads better small
        font.set_variation_by_name("Bold")
    except (OSError, ValueError, AttributeError):
        pass
    return font


def _fit(draw, text: str, path: Path, width: int, height: int):
    """Largest size (down to 48 px) at which ``text`` wraps into the box."""
    for size in range(200, 47, -8):
        font = _font(path, size)
        lines = _wrap(draw, text, font, width)
        too_wide = any(draw.textlength(ln, font=font) > width for ln in lines)
        if not too_wide and len(lines) * size * 1.2 <= height:
            return font, lines, size
    font = _font(path, 48)
    return font, _wrap(draw, text, font, width), 48


def cover_png(title: str, organisation: str) -> bytes:
    """A square PNG: ``title`` as large as fits, ``organisation`` underneath a rule."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (SIDE, SIDE), PAPER)
    draw = ImageDraw.Draw(img)
    width = SIDE - 2 * MARGIN
    footer_top = SIDE - MARGIN - 140
    org = organisation.strip()
    org_font_path = font_for(org) if org else None
    if org_font_path:
        font, lines, size = _fit(draw, org, org_font_path, width, 130)
        y = footer_top + 20
        for ln in lines[:2]:
            draw.text((MARGIN, y), ln, font=font, fill=INK)
            y += int(size * 1.2)
    draw.rectangle((MARGIN, footer_top - 30, SIDE - MARGIN, footer_top - 18), fill=INK)
    title = " ".join(title.split())
    title_font_path = font_for(title) if title else None
    if title_font_path:
        font, lines, size = _fit(draw, title, title_font_path, width, footer_top - 100 - MARGIN)
        y = MARGIN
        for ln in lines:
            draw.text((MARGIN, y), ln, font=font, fill=INK)
            y += int(size * 1.2)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)  # no timestamp chunk: identical input, identical bytes
    return buf.getvalue()
