"""Turning an article file's bytes into clean text.

Articles arrive as whatever a word processor, a browser's "save page" or an e-mail client wrote:
UTF-8 with or without a byte-order mark, UTF-16 from Windows tools, or old cp1252. Decoding must
never fail on text, and must refuse what is not text (a PDF, a picture) with one clear line.
Cleaning removes only characters nobody reads (control characters, soft hyphens, zero-width
spaces); curly quotes, dashes and accents are kept exactly as the author wrote them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

# Magic numbers of files people pick by mistake; named so the error can say what it was.
_BINARY_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP or Word (.docx) file"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) file"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a WAV or WebP file"),
    (b"\x1f\x8b", "a gzip file"),
    (b"{\\rtf", "an RTF file"),
)


def decode(data: bytes, name: str = "input") -> str:
    """Decode and clean ``data``; raise InputError if it is empty, blank or not text."""
    return decode_with_notes(data, name)[0]


def decode_with_notes(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Like :func:`decode`, also returning notes for the user about what was guessed or removed."""
    if not data:
        raise InputError(f"{name} is empty")
    notes: list[str] = []
    raw = _decode_bytes(data, name, notes)
    notes += removal_notes(raw)
    text = clean(raw)
    if not text.strip():
        raise InputError(f"{name} has no text (only spaces or blank lines)")
    return text, notes


def _decode_bytes(data: bytes, name: str, notes: list[str] | None = None) -> str:
    notes = [] if notes is None else notes
    # A BOM is the only reliable sign of UTF-16; check it before looking for NUL bytes.
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {codec.upper()} text but is damaged") from None
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is {what}, not an article; save it as text, Markdown or HTML")
    utf16 = _bomless_utf16(data)
    if utf16:
        notes.append(f"{name} has no byte-order mark; read as {utf16.upper()} text")
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
        notes.append(f"{name} is not UTF-8; read as Windows-1252 (check accented letters and symbols)")
    if _looks_binary(text):
        raise InputError(f"{name} looks like a binary file, not an article")
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without a byte-order mark, else None.

    Why: some Windows and phone tools write UTF-16 with no BOM; it is recognisable because text in
    Latin, Cyrillic or Greek letters has a NUL in every other byte. Risk: UTF-16 text entirely in
    CJK or other scripts above U+00FF has no NULs and is still refused as binary.
    """
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) == 0:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if not _looks_binary(text):
                return codec
    return None


def _decode_legacy(data: bytes) -> str:
    """cp1252 (what Windows tools write), with latin-1 for the five bytes cp1252 leaves undefined.

    Risk: a file in another legacy code page (cp1251, Shift-JIS) decodes to wrong letters rather
    than failing; those are rare today and UTF-8 is tried first.
    """
    return data.decode("cp1252", errors="replace_latin1")


def _replace_latin1(err: UnicodeDecodeError):
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("replace_latin1", _replace_latin1)


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (and more than two): not something a person typed."""
    sample = text[:8192]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return bad > max(2, 0.05 * len(sample))


# ------------------------------------------------------------------ cleaning, one fix each
def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac) become LF, and so do Unicode line/paragraph separators.

    Risk: none known; readers split on LF only.
    """
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


def nbsp_to_space(text: str) -> str:
    """No-break, narrow no-break and figure spaces become plain spaces.

    Why: they come from web pages and word processors and break word splitting and wrapping.
    Risk: French typography's thin space before ";:!?" becomes an ordinary space, which can wrap.
    """
    return re.sub(r"[\u00a0\u202f\u2007]", " ", text)


def remove_soft_hyphens(text: str) -> str:
    """Soft hyphens (U+00AD) are invisible hints that split words for speech and search.

    Risk: none; large-print wrapping does its own hyphenation decisions.
    """
    return text.replace("\u00ad", "")


def remove_zero_width(text: str) -> str:
    """Zero-width space, word joiner and stray byte-order marks are removed.

    Zero-width (non-)joiners are kept on purpose: they change spelling in Persian and Indic
    scripts and build emoji. Risk: a ZWSP used as a Thai/Khmer word-break hint is lost.
    """
    return re.sub(r"[\u200b\u2060\ufeff]", "", text)


_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def remove_bidi_controls(text: str) -> str:
    """Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are removed.

    Why: an override such as U+202E makes a viewer draw the following letters backwards
    ("gnp.exe" shows as "exe.png"), so pasted text could print something other than what it
    says; the handout and the voice lay out right-to-left scripts by themselves. The marks
    LRM, RLM and ALM (U+200E, U+200F, U+061C) only nudge neutral characters and are kept.
    Risk: a hand-made isolate around a right-to-left name inside English text is lost, so
    punctuation next to it may sit on the other side.
    """
    return text.translate({ord(c): None for c in _BIDI_CONTROLS})


def removal_notes(text: str) -> list[str]:
    """What cleaning will remove that the user may care about: bidi controls, control characters."""
    notes = []
    bidi = sorted({c for c in text if c in _BIDI_CONTROLS})
    if bidi:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bidi)
        notes.append(f"removed {sum(text.count(c) for c in bidi)} bidirectional control "
                     f"character(s) ({codes}) that could make text display in another order")
    ctrl = len(_NOTED_CONTROLS.findall(text))
    if ctrl:
        notes.append(f"removed {ctrl} control character(s) (not text; from copy-paste or old tools)")
    return notes


def remove_control_characters(text: str) -> str:
    """C0/C1 control characters other than newline and tab are removed; form feed becomes a newline.

    Why: they come from copy-paste and old tools and crash or garble PDF and speech writers.
    Risk: none for text; bidi marks (category Cf) are kept.
    """
    text = text.replace("\f", "\n").replace("\v", "\n")
    return _CONTROLS.sub("", text)


# Unicode category Cc is exactly U+0000-001F and U+007F-009F; a pattern finds them far faster
# than asking for each character's category (a saved web page has hundreds of thousands).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline
_NOTED_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


CLEANERS = (normalise_newlines, nbsp_to_space, remove_soft_hyphens, remove_zero_width,
            remove_bidi_controls, remove_control_characters)


def clean(text: str) -> str:
    """Apply every cleaner in order; the result keeps every visible character."""
    for fix in CLEANERS:
        text = fix(text)
    return text
