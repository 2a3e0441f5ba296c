"""The talking book's own words (not the article's): navigation headings and the
accessibility summary, in the languages someone on the team can check.

Any other language gets the English words, marked ``lang="en"`` so a screen reader switches
voice (as on the web page: honest English beats an unchecked translation).
"""
from __future__ import annotations

_EN = {
    "contents": "Contents",
    "pages": "Pages",
    "summary_text": "The full text of the bulletin, with headings and a table of contents for "
                    "moving through it; pictures are described in words.",
    "summary_audio": "Each sentence is highlighted while a computer voice reads it aloud.",
    "summary_pages": "Page markers follow the pages of the large-print handout.",
    "page_source": "the large-print handout ({file})",
}

_ES = {
    "contents": "Contenido",
    "pages": "Páginas",
    "summary_text": "El texto completo del boletín, con títulos y una tabla de contenido para "
                    "recorrerlo; las imágenes se describen con palabras.",
    "summary_audio": "Cada oración se resalta mientras una voz de computadora la lee en voz alta.",
    "summary_pages": "Las marcas de página siguen las páginas de la hoja en letra grande.",
    "page_source": "la hoja en letra grande ({file})",
}

_TABLES = {"en": _EN, "es": _ES}


def words(language: str) -> tuple[dict[str, str], str]:
    """The words for a book in ``language``, and the language they are in (``en`` when the
    language has no table of its own)."""
    primary = (language or "en").split("-")[0].lower()
    if primary in _TABLES:
        return _TABLES[primary], language
    return _EN, "en"
