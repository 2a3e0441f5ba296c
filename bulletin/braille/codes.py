"""Which braille code each language is written in, and how its cells become BRF.

A braille code is a liblouis translation table. Only tables that are the literary code readers
of that language learn are listed: a language without one gets no braille rather than braille
in another language's code. The grade picks contracted or uncontracted braille where a language
has both and its readers commonly read the contracted form.
"""
from __future__ import annotations

from dataclasses import dataclass

BRF = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
"""North American ASCII braille: the character for each six-dot cell, indexed by its dot bits
(dot 1 = 1, dot 2 = 2, ... dot 6 = 32). The same mapping as liblouis's ``en-us-brf.dis``."""


@dataclass(frozen=True)
class Code:
    """One braille code: a liblouis table, and what to call it in messages."""

    table: str
    """liblouis table list, e.g. ``en-ueb-g2.ctb``."""
    name: str
    """e.g. "Unified English Braille, contracted (grade 2)"."""


# language (BCP 47 primary subtag, or a script/region form for Chinese) -> (grade 2, grade 1)
_CODES: dict[str, tuple[Code, Code]] = {}


def _add(tags: str, contracted: Code, uncontracted: Code | None = None) -> None:
    for tag in tags.split():
        _CODES[tag] = (contracted, uncontracted or contracted)


_add("en", Code("en-ueb-g2.ctb", "Unified English Braille, contracted (grade 2)"),
     Code("en-ueb-g1.ctb", "Unified English Braille, uncontracted (grade 1)"))
# Contracted Spanish exists (es-g2) but Spanish readers read uncontracted braille.
_add("es", Code("es-g1.ctb", "Spanish braille (uncontracted)"))
_add("vi", Code("vi-vn-g1.ctb", "Vietnamese braille"))
_add("ru", Code("ru-litbrl.ctb", "Russian literary braille"))
_add("uk", Code("uk.utb", "Ukrainian braille"))
_add("ko", Code("ko-g2.ctb", "Korean braille, contracted"), Code("ko-g1.ctb", "Korean braille, uncontracted"))
_add("zh zh-Hans zh-CN zh-SG cmn", Code("zh-chn.ctb", "Chinese (Mandarin) braille"))
_add("zh-Hant zh-TW", Code("zh-tw.ctb", "Taiwanese Mandarin braille (bopomofo)"))
_add("zh-HK zh-MO yue", Code("zh-hk.ctb", "Cantonese braille"))
_add("ar", Code("ar-ar-g1.utb", "Arabic braille (uncontracted)"))
_add("fa", Code("fa-ir-g1.utb", "Persian braille (uncontracted)"))
_add("ur", Code("ur-pk-g1.utb", "Urdu braille (uncontracted)"))
_add("hy", Code("hy.ctb", "Armenian braille"))
_add("km", Code("km-g1.utb", "Khmer braille"))
_add("hi", Code("hi-in-g1.utb", "Hindi braille (Bharati)"))
_add("ta", Code("ta-ta-g1.ctb", "Tamil braille (Bharati)"))
_add("de", Code("de-g2.ctb", "German contracted braille"), Code("de-g1.ctb", "German braille, partly contracted"))
_add("fr", Code("fr-bfu-g2.ctb", "French contracted braille"), Code("fr-bfu-comp6.utb", "French uncontracted braille"))
_add("pt", Code("pt-pt-g1.utb", "Portuguese braille (uncontracted)"))
_add("sw", Code("sw-ke-g1.utb", "Swahili braille (uncontracted)"))

NAMES = {"en": "English", "es": "Spanish", "vi": "Vietnamese", "ru": "Russian", "ko": "Korean",
         "zh": "Chinese", "ar": "Arabic", "fa": "Farsi", "hy": "Armenian", "km": "Khmer",
         "hi": "Hindi", "tl": "Tagalog", "ja": "Japanese", "th": "Thai", "uk": "Ukrainian",
         "de": "German", "fr": "French", "pt": "Portuguese", "ur": "Urdu", "ta": "Tamil",
         "sw": "Swahili", "so": "Somali", "am": "Amharic", "ht": "Haitian Creole", "pl": "Polish"}


def language_name(tag: str) -> str:
    """"Tagalog (tl)" for messages; the tag alone when the name is not known."""
    base = tag.split("-")[0].lower()
    return f"{NAMES[base]} ({tag})" if base in NAMES else tag


def code_for(tag: str, grade: int = 2) -> Code | None:
    """The braille code of BCP 47 ``tag`` at ``grade`` (1 or 2), or None when liblouis has none.

    The most specific form wins: ``zh-TW`` before ``zh``; ``es-MX`` is Spanish.
    """
    parts = tag.replace("_", "-").split("-")
    base = parts[0].lower()
    for rest in parts[1:]:
        key = f"{base}-{rest.title() if len(rest) == 4 else rest.upper()}"
        if key in _CODES:
            return _CODES[key][0 if grade >= 2 else 1]
    pair = _CODES.get(base)
    return None if pair is None else pair[0 if grade >= 2 else 1]


def cell_to_brf(cell: str) -> str | None:
    """One Unicode braille cell as its BRF character; None for a cell with dot 7 or 8."""
    bits = ord(cell) - 0x2800
    if not 0 <= bits < 64:
        return None
    return BRF[bits]


def to_brf(cells: str) -> str:
    """Six-dot Unicode braille as BRF; raises ValueError on a cell BRF cannot hold."""
    out = []
    for c in cells:
        b = cell_to_brf(c)
        if b is None:
            raise ValueError(f"cell {c!r} has dot 7 or 8")
        out.append(b)
    return "".join(out)
