"""The handout's fonts: Atkinson Hyperlegible, Noto Sans, and a Noto font per other script.

Atkinson Hyperlegible draws Latin; Noto Sans the Latin, Greek, Cyrillic and Vietnamese letters
Atkinson lacks; every other script has its own Noto font, chosen per character run. Fonts come
from pip packages (nothing is fetched at run time) or, for Armenian, from the system through
fontconfig. Noto fonts ship as variable fonts: ReportLab draws only the default instance, so
static regular and bold instances are made with fontTools and cached (the big CJK fonts are
first cut down to the characters the article uses, which takes about a second instead of half a
minute per weight). Chinese (simplified and traditional), Japanese and Korean text is set in the
font of its passage's variety when that font has the character, else in the next one that does
(see :mod:`.cjk`).
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

REGULAR = "Atkinson"
BOLD = "Atkinson-Bold"
FALLBACK = "NotoSans"
FALLBACK_BOLD = "NotoSans-Bold"

#: Characters that never need a glyph: spaces and breaks are handled by the layout.
_INVISIBLE = frozenset(" \t\n\u00a0")


@dataclass(frozen=True)
class Script:
    """A writing system with a font of its own."""

    name: str
    """Human name, used in messages: "Arabic", "Armenian" …"""
    ranges: tuple[tuple[int, int], ...]
    """Unicode blocks (inclusive) whose characters this script's font draws."""
    shaped: bool = False
    """Needs OpenType shaping (joining, reordering, conjuncts) to be legible."""
    rtl: bool = False
    """Written right to left."""


SCRIPTS: dict[str, Script] = {
    "arabic": Script("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                                (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)), shaped=True, rtl=True),
    "armenian": Script("Armenian", ((0x0530, 0x058F), (0xFB13, 0xFB17))),
    "devanagari": Script("Devanagari", ((0x0900, 0x097F), (0xA8E0, 0xA8FF)), shaped=True),
    "thai": Script("Thai", ((0x0E00, 0x0E7F),), shaped=True),
    "khmer": Script("Khmer", ((0x1780, 0x17FF), (0x19E0, 0x19FF)), shaped=True),
    "hangul": Script("Korean", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F),
                                (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))),
    "kana": Script("Japanese", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),
    "han": Script("Chinese", ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3100, 0x312F), (0x31A0, 0x31EF),
                              (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                              (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3134F))),
}
#: The scripts drawn by one of the CJK fonts (which one depends on the passage and on coverage).
CJK_SCRIPTS = ("han", "kana", "hangul")

#: pip package and file of each script's font (inside the package's ``files`` folder).
_FONTPKG = {
    "arabic": ("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf", "fontpkg-noto-sans-arabic"),
    "devanagari": ("fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf",
                   "fontpkg-noto-sans-devanagari"),
    "thai": ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf", "fontpkg-noto-sans-thai"),
    "khmer": ("fontpkg_noto_sans_khmer", "NotoSansKhmer[wdth,wght].ttf", "fontpkg-noto-sans-khmer"),
}
_SYSTEM = {"armenian": ("Noto Sans Armenian", "fonts-noto-core (apt-get install fonts-noto-core)")}


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The key of the script whose own font must draw ``ch``, or None (Atkinson/Noto Sans).

    Cached: it is asked once per character of every line (about 2,000 times a handout), and the
    scan of script ranges was a third of the handout's time.
    """
    cp = ord(ch)
    for key, script in SCRIPTS.items():
        if any(a <= cp <= b for a, b in script.ranges):
            return key
    return None


@dataclass
class FontSet:
    """The registered fonts and what each can draw."""

    primary: frozenset[int]
    """Code points Atkinson Hyperlegible has glyphs for (regular and bold agree)."""
    fallback: frozenset[int] = field(default_factory=frozenset)
    """Code points Noto Sans has glyphs for."""
    scripts: dict[str, str] = field(default_factory=dict)
    """Script key -> registered ReportLab font name (its bold is mapped by font family)."""
    coverage: dict[str, frozenset[int]] = field(default_factory=dict)
    """Registered font name -> code points it draws."""
    shaped: frozenset[str] = frozenset()
    """Font names whose text must be shaped (and laid out by :mod:`.shaped`)."""
    language: str = "en"
    """The article's language: it decides which CJK font a passage without telling letters gets."""
    cjk: dict[str, str] = field(default_factory=dict)
    """CJK variety ("sc", "tc", "jp", "kr") -> registered font name, for the varieties in use."""
    missing: frozenset[str] = frozenset()
    """Characters of the document that no available font draws."""
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """Results worked out once per document with these fonts (the running header's runs and
    width, asked again on every page)."""

    def fonts_of(self, key: str, variety: str | None = None) -> tuple[str, ...]:
        """The registered fonts for script ``key``, best first (for CJK: the passage's variety's)."""
        if key in CJK_SCRIPTS and self.cjk:
            chain = cjk.CHAIN[variety or cjk.cjk_variety(self.language)]
            return tuple(self.cjk[v] for v in chain if v in self.cjk)
        return (self.scripts[key],) if key in self.scripts else ()

    def font_for(self, ch: str, variety: str | None = None) -> str | None:
        """``"primary"``, ``"fallback"``, a script font's name, or None when nothing draws ``ch``.

        ``variety`` is the CJK variety of the passage ``ch`` is in (see :func:`.cjk.passage_variety`).
        """
        cp = ord(ch)
        key = script_of(ch)
        if key is not None:
            for name in self.fonts_of(key, variety):
                if cp in self.coverage[name]:
                    return name
        if ch in _INVISIBLE or cp in self.primary:
            return "primary"
        if cp in self.fallback:
            return "fallback"
        for name, cover in self.coverage.items():
            if cp in cover:
                return name
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
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = _atkinson_dir()
    regular = TTFont(REGULAR, str(d / "AtkinsonHyperlegible-Regular.ttf"), shapable=False)
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(d / "AtkinsonHyperlegible-Bold.ttf"), shapable=False))
    # Italic maps to upright on purpose: large-print guidance forbids italics.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return FontSet(primary=frozenset(regular.face.charToGlyph))


@functools.lru_cache(maxsize=None)
def load_fallback() -> FontSet:
    """Register Noto Sans regular and bold too; only called when an article needs it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = load()
    regular = TTFont(FALLBACK, str(_noto_file()), shapable=False)
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(FALLBACK_BOLD, _instance_source(_noto_file(), 700), shapable=False))
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK_BOLD,
                                  italic=FALLBACK, boldItalic=FALLBACK_BOLD)
    return FontSet(primary=base.primary, fallback=frozenset(regular.face.charToGlyph))


def load_for(text: str, language: str) -> FontSet:
    """Register every font ``text`` needs; fail with one line naming what to install.

    Called before anything is written, so a missing font never leaves a half-built bulletin.
    Each line of ``text`` is a passage for the choice of CJK font (see :func:`.cjk.cjk_plan`).
    """
    chars = set(text)
    needed = {k for k in map(script_of, chars) if k}
    fs = FontSet(primary=load().primary, language=language)
    cjk_keys = needed & set(CJK_SCRIPTS)
    for key in sorted(needed - cjk_keys):
        name, cover = _register_script(key)
        _add(fs, key, name, cover)
    if cjk_keys:
        for variety, cover in cjk.cjk_plan(text, language).items():
            name, cover = _register_cjk(variety, cover)
            fs.cjk[variety] = name
            fs.coverage[name] = cover
    drawn = fs.primary.union(*fs.coverage.values())
    if any(ord(c) not in drawn and c not in _INVISIBLE for c in chars):
        fs.fallback = load_fallback().fallback
        drawn |= fs.fallback
    fs.missing = frozenset(c for c in chars if ord(c) not in drawn and c not in _INVISIBLE
                           and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))
    return fs


def _add(fs: FontSet, key: str, name: str, cover: frozenset[int]) -> None:
    fs.scripts[key] = name
    fs.coverage[name] = cover
    if SCRIPTS[key].shaped:
        fs.shaped = fs.shaped | {name}


@functools.lru_cache(maxsize=None)
def _register_script(key: str) -> tuple[str, frozenset[int]]:
    """Register regular and bold of ``key``'s font; return its name and coverage."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular_src, bold_src = _script_sources(key)
    name = "Noto" + SCRIPTS[key].name.replace(" ", "")
    shaped = SCRIPTS[key].shaped
    regular = TTFont(name, regular_src, shapable=shaped)
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(name + "-Bold", bold_src, shapable=shaped))
    pdfmetrics.registerFontFamily(name, normal=name, bold=name + "-Bold", italic=name,
                                  boldItalic=name + "-Bold")
    return name, frozenset(regular.face.charToGlyph)


def _script_sources(key: str) -> tuple[str, str | io.BytesIO]:
    if key in _FONTPKG:
        module, filename, dist = _FONTPKG[key]
        try:
            pkg = __import__(module)
        except ImportError:
            raise InputError(f"the article has {SCRIPTS[key].name} text but its font is not "
                             f"installed: pip install {dist}") from None
        src = Path(pkg.ROOT) / "files" / filename
        return str(src), _instance_source(src, 700)
    family, install = _SYSTEM[key]
    regular = system_font(family, "Regular")
    if regular is None:
        raise InputError(f"the article has {SCRIPTS[key].name} text but no {family} font was found "
                         f"by fontconfig: install {install}")
    bold = system_font(family, "Bold") or regular
    return regular, bold


def script_font_file(key: str, language: str = "") -> Path | None:
    """The font file (variable where the package ships one) that draws script ``key``, or None
    when it is not installed: for pictures drawn outside the PDF, such as the podcast cover art."""
    if key in _FONTPKG:
        module, filename, _ = _FONTPKG[key]
        try:
            path = Path(__import__(module).ROOT) / "files" / filename
        except ImportError:
            return None
    elif key in ("han", "kana", "hangul"):
        try:
            import justmytype_intl_cjk as pkg
        except ImportError:
            return None
        variety = {"kana": "jp", "hangul": "kr"}.get(key) or cjk.cjk_variety(language)
        path = Path(pkg.__file__).parent / "fonts" / "ofl" / cjk.FILES[variety]
    elif key in _SYSTEM:
        family = _SYSTEM[key][0]
        found = system_font(family, "Bold") or system_font(family, "Regular")
        path = Path(found) if found else None
    else:
        return None
    return path if path is not None and path.is_file() else None


def system_font(family: str, style: str) -> str | None:
    """Path of an installed TrueType (glyf) font of ``family`` and ``style``, via fontconfig.

    Risk: CFF-flavoured fonts (.otf) and collections (.ttc) are skipped, since ReportLab cannot
    embed them; a system with only those is told what to install.
    """
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", f"{family}:style={style}", "file"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.strip().rstrip(":") for line in out.splitlines() if line.strip())
    return next((f for f in files if f.lower().endswith(".ttf") and "ui" not in Path(f).name.lower()
                 and "display" not in Path(f).name.lower()), None)


def _register_cjk(variety: str, chars: frozenset[int]) -> tuple[str, frozenset[int]]:
    """Register a CJK font cut down to ``chars`` (plus interface text) in regular and bold."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    src = cjk.source(variety)
    digest = hashlib.sha1(",".join(map(str, sorted(chars))).encode()).hexdigest()[:10]
    name = f"NotoSansCJK{variety}-{digest}"
    from reportlab.pdfbase.pdfmetrics import _fonts

    if name not in _fonts:
        regular, bold = _cjk_instances(src, chars, digest)
        pdfmetrics.registerFont(TTFont(name, regular, shapable=False))
        pdfmetrics.registerFont(TTFont(name + "-Bold", bold, shapable=False))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name + "-Bold", italic=name,
                                      boldItalic=name + "-Bold")
    return name, frozenset(chars)


def _cjk_instances(src: Path, chars: frozenset[int], tag: str = "") -> tuple[io.BytesIO, io.BytesIO]:
    """Static regular and bold instances of a variable CJK font, cut to ``chars``.

    Why: its default instance is Thin (wght 100), unreadable for low vision, and instancing the
    whole font is far too slow for a build; cut to an article's few hundred characters first, it
    is quick. Risk: the instance exists only for this set of characters.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.varLib import instancer

    font = FTFont(str(src))
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=set(chars) | set(range(0x20, 0x7F)))
    sub.subset(font)
    out = []
    for weight in (400, 700):
        inst = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=False,
                                                 inplace=False)
        _name_weight(inst, weight, tag)
        inst.recalcTimestamp = False  # head.modified stays the source's: byte-identical rebuilds
        buf = io.BytesIO()
        inst.save(buf)
        buf.seek(0)
        out.append(buf)
    return out[0], out[1]


def _cache_dir() -> Path:
    from ..fileio import user_cache

    return user_cache("fonts")


def _instance_source(src: Path, weight: int) -> str | io.BytesIO:
    """A static instance of variable font ``src`` at ``weight``: cached file if possible.

    The cache name carries the source's size and mtime, so a font upgrade makes a new instance.
    """
    st = src.stat()
    stem = src.name.split("[")[0]
    cached = _cache_dir() / f"{stem}-{weight}-{st.st_size}-{int(st.st_mtime)}-named.ttf"
    if cached.is_file():
        return str(cached)
    data = _make_instance(src, weight)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
        return str(cached)
    except OSError:
        return io.BytesIO(data)  # read-only home: slower next time, still correct


def _name_weight(font, weight: int, tag: str = "") -> None:
    """Give a static instance a PostScript name of its own weight ("NotoSansKR-Bold").

    Why: instances keep the variable font's name (the Thin default), and ReportLab keeps one face
    per name, so regular and bold collapsed into whichever was registered first and headings in
    Korean, Chinese or Arabic printed regular. ``tag`` tells apart CJK fonts cut to different
    characters (two articles in one process). Risk: none beyond the name itself.
    """
    name = font["name"]
    family = str(name.getDebugName(6) or name.getDebugName(1) or "Noto").split("-")[0]
    ps = f"{family}-{'Bold' if weight >= 700 else 'Regular'}{tag}"
    for rec in name.names:
        if rec.nameID == 6:
            rec.string = ps


def _make_instance(src: Path, weight: int) -> bytes:
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.varLib import instancer

    font = FTFont(str(src))
    axes = {"wght": weight}
    if any(a.axisTag == "wdth" for a in font["fvar"].axes):
        axes["wdth"] = 100
    font = instancer.instantiateVariableFont(font, axes, updateFontNames=False)
    _name_weight(font, weight)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def is_mark(ch: str) -> bool:
    """Combining marks and joiners belong to the run of the letter before them."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"


# Imported last: cjk.py reads this module's scripts.
from . import cjk  # noqa: E402
