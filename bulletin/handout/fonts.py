"""The handout's fonts: Atkinson Hyperlegible, with Noto Sans for the characters it lacks.

Both come from pip packages, so nothing is fetched at run time. Noto Sans ships only as a
variable font: ReportLab draws its default (regular) instance, so a static bold instance is made
once with fontTools and cached, because making it takes seconds.
"""
from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

REGULAR = "Atkinson"
BOLD = "Atkinson-Bold"
FALLBACK = "NotoSans"
FALLBACK_BOLD = "NotoSans-Bold"

#: Characters that never need a glyph: spaces and breaks are handled by the layout.
_INVISIBLE = frozenset(" \t\n\u00a0")


@dataclass
class FontSet:
    """The registered fonts and what each can draw."""

    primary: frozenset[int]
    """Code points Atkinson Hyperlegible has glyphs for (regular and bold agree)."""
    fallback: frozenset[int] = field(default_factory=frozenset)
    """Code points Noto Sans has glyphs for."""

    def font_for(self, ch: str) -> str | None:
        """``"primary"``, ``"fallback"`` or None when no bundled font can draw ``ch``."""
        cp = ord(ch)
        if ch in _INVISIBLE or cp in self.primary:
            return "primary"
        if cp in self.fallback:
            return "fallback"
        return None


def _atkinson_dir() -> Path:
    import fontpkg_atkinson_hyperlegible as pkg

    return Path(pkg.ROOT) / "files"


def _noto_file() -> Path:
    import fontpkg_noto_sans as pkg

    return Path(pkg.ROOT) / "files" / "NotoSans[wdth,wght].ttf"


@functools.lru_cache(maxsize=None)
def load() -> FontSet:
    """Register Atkinson Hyperlegible (regular, bold) with ReportLab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = _atkinson_dir()
    regular = TTFont(REGULAR, str(d / "AtkinsonHyperlegible-Regular.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(d / "AtkinsonHyperlegible-Bold.ttf")))
    # Italic maps to upright on purpose: large-print guidance forbids italics.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return FontSet(primary=frozenset(regular.face.charToGlyph))


@functools.lru_cache(maxsize=None)
def load_fallback() -> FontSet:
    """Register Noto Sans regular and bold too; only called when an article needs it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = load()
    regular = TTFont(FALLBACK, str(_noto_file()))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(FALLBACK_BOLD, _noto_bold_source()))
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK_BOLD,
                                  italic=FALLBACK, boldItalic=FALLBACK_BOLD)
    return FontSet(primary=base.primary, fallback=frozenset(regular.face.charToGlyph))


def _cache_dir() -> Path:
    import platformdirs

    return Path(os.environ.get("BULLETIN_CACHE_DIR") or platformdirs.user_cache_dir("bulletin")) / "fonts"


def _noto_bold_source() -> str | io.BytesIO:
    """A static bold instance of Noto Sans: cached file if possible, else made in memory.

    The cache name carries the source's size and mtime, so a font upgrade makes a new instance.
    """
    src = _noto_file()
    st = src.stat()
    cached = _cache_dir() / f"NotoSans-Bold-{st.st_size}-{int(st.st_mtime)}.ttf"
    if cached.is_file():
        return str(cached)
    data = _make_bold_instance(src)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
        return str(cached)
    except OSError:
        return io.BytesIO(data)  # read-only home: slower next time, still correct


def _make_bold_instance(src: Path) -> bytes:
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(FTFont(str(src)), {"wght": 700, "wdth": 100},
                                             updateFontNames=False)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()
