"""Character codes for glyphs whose text is not their own: shaped Arabic letters, mirrored brackets.

A PDF maps each character code of a font to text through the font's ToUnicode CMap, and that map
is all that ``pdfinfo -struct-text`` and most screen-reader pipelines read. ReportLab gives one
code per glyph, mapped to the glyph's own character (a presentation form, a dotless skeleton
letter, or a private-use point). That cannot be right for Noto Sans Arabic, where one skeleton
glyph draws beh, teh, theh, noon and yeh, and the dots are separate glyphs.

So every (font, glyph, text) a right-to-left line needs gets its own code point in plane 15's
private-use area (never used by ReportLab, which counts up from U+E000 per font), pointing at the
same glyph; ReportLab's subsetter merges codes that share a glyph, so the embedded font does not
grow. :func:`make_cmap` is the ToUnicode writer ReportLab is given while a handout is built
(:func:`.reportlab_patches.while_saving`): it writes the text of those code points.
"""
from __future__ import annotations

import threading

#: Plane 15 private use: U+F0000 .. U+FFFFD, shared by all fonts (the text table is global).
_FIRST, _LAST = 0xF0000, 0xFFFFD

_lock = threading.Lock()
_text: dict[int, str] = {}
"""Code point -> the text its glyph stands for."""
_codes: dict[tuple[str, int, str], int] = {}
"""(ReportLab font name, glyph id, text) -> code point."""


def code_for(font_name: str, gid: int, text: str) -> str:
    """A one-character string that draws glyph ``gid`` of ``font_name`` and reads as ``text``.

    ``text`` must be non-empty and free of U+0000 (validators reject both as mappings).
    The glyph's width is the font's own advance, as PDF/UA requires of /Widths.
    """
    from reportlab.pdfbase.pdfmetrics import getFont

    key = (font_name, gid, text)
    with _lock:
        cp = _codes.get(key)
        if cp is None:
            cp = _FIRST + len(_codes)
            if cp > _LAST:
                raise RuntimeError("out of private code points for shaped glyphs")
            ttf = getFont(font_name)
            face = ttf.face
            face.charToGlyph[cp] = gid
            face.charWidths[cp] = ttf.pdfScale(ttf.hbFont(1000).get_glyph_h_advance(gid)) \
                if getattr(ttf, "shapable", False) else _hmtx_width(face, gid)
            _codes[key] = cp
            _text[cp] = text
    return chr(cp)


def _hmtx_width(face, gid: int) -> float:
    """The advance of ``gid`` in a font ReportLab does not shape, from a character drawing it."""
    for ch, g in face.charToGlyph.items():
        if g == gid and ch in face.charWidths:
            return face.charWidths[ch]
    return face.defaultWidth


def text_of(cp: int) -> str | None:
    return _text.get(cp)


def _hex16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def make_cmap(fontname: str, subset) -> str:
    entries = ["<%02X> <%04X>" % (code, cp) if cp <= 0xFFFF and cp not in _text
               else "<%02X> <%s>" % (code, _hex16(_text.get(cp) or chr(cp)))
               for code, cp in enumerate(subset) if cp]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname,
        "/Supplement 0", ">> def", "/CMapName /%s def" % fontname, "/CMapType 2 def",
        "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        *(["%d beginbfchar" % len(entries), *entries, "endbfchar"] if entries else []), "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])

