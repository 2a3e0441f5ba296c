"""The page's own words (not the article's), per language, and names of languages.

Only languages someone on the team can check are translated. Any other language gets the English
words marked ``lang="en"``, so a screen reader switches voice instead of reading English with,
say, a Vietnamese voice: honest English beats an unchecked translation.
"""
from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"})

# Each language's name in itself, for the captions track label and the folder index.
LANGUAGE_NAMES = {
    "am": "አማርኛ", "ar": "العربية", "bn": "বাংলা", "de": "Deutsch", "en": "English",
    "es": "Español", "fa": "فارسی", "fr": "Français", "he": "עברית", "hi": "हिन्दी",
    "hmn": "Hmoob", "ht": "Kreyòl ayisyen", "it": "Italiano", "ja": "日本語", "km": "ខ្មែរ",
    "ko": "한국어", "ne": "नेपाली", "pl": "Polski", "ps": "پښتو", "pt": "Português",
    "ru": "Русский", "so": "Soomaali", "sw": "Kiswahili", "tl": "Tagalog", "uk": "Українська",
    "ur": "اردو", "vi": "Tiếng Việt", "zh": "中文",
}

_EN = {
    "skip": "Skip to the bulletin",
    "listen": "Listen",
    "listen_note": "Press play to hear this bulletin read aloud ({duration}).",
    "read_by": "Read aloud by a computer voice, not a person: {voices}.",
    "no_audio_support": "Your browser cannot play the recording here:",
    "download_mp3": "Download the recording",
    "print": "Large print",
    "pdf_link": "Large-print handout to print",
    "braille": "Braille",
    "brf_link": "Braille file for embossers (BRF)",
    "braille_page": "{n} braille page", "braille_pages": "{n} braille pages",
    "transcript": "Transcript",
    "show_transcript": "Show the words of the recording",
    "picture": "Picture:",
    "made_with": "Made with bulletin {version}.",
    "bulletins": "Bulletins",
    "published": "Date:",
    "language": "Language:",
    "podcast": "Podcast feed (RSS)",
    "page": "{n} page", "pages": "{n} pages",
    "minute": "{n} minute", "minutes": "{n} minutes",
    "second": "{n} second", "seconds": "{n} seconds",
    "books": "Talking book",
    "books_note": "Text and voice together: reading apps and DAISY players highlight each "
                  "sentence as it is read, and move by heading and by page.",
    "ebook": "E-book",
    "ebook_note": "The text for reading apps, with its headings and the handout's pages.",
    "epub_link": "Talking book for reading apps",
    "ebook_link": "E-book for reading apps",
    "daisy_link": "Talking book for DAISY players",
}

_ES = {
    "skip": "Ir al boletín",
    "listen": "Escuchar",
    "listen_note": "Pulse el botón de reproducir para escuchar este boletín ({duration}).",
    "read_by": "Lo lee en voz alta una voz de computadora, no una persona: {voices}.",
    "no_audio_support": "Su navegador no puede reproducir la grabación aquí:",
    "download_mp3": "Descargar la grabación",
    "print": "Letra grande",
    "pdf_link": "Hoja en letra grande para imprimir",
    "braille": "Braille",
    "brf_link": "Archivo braille para impresoras braille (BRF)",
    "braille_page": "{n} página braille", "braille_pages": "{n} páginas braille",
    "transcript": "Transcripción",
    "show_transcript": "Mostrar las palabras de la grabación",
    "picture": "Imagen:",
    "made_with": "Hecho con bulletin {version}.",
    "bulletins": "Boletines",
    "published": "Fecha:",
    "language": "Idioma:",
    "podcast": "Canal de pódcast (RSS)",
    "page": "{n} página", "pages": "{n} páginas",
    "minute": "{n} minuto", "minutes": "{n} minutos",
    "second": "{n} segundo", "seconds": "{n} segundos",
    "books": "Libro hablado",
    "books_note": "Texto y voz juntos: las aplicaciones de lectura y los reproductores DAISY "
                  "resaltan cada oración mientras se lee, y permiten ir por títulos y por páginas.",
    "ebook": "Libro electrónico",
    "ebook_note": "El texto para aplicaciones de lectura, con sus títulos y las páginas de la hoja impresa.",
    "epub_link": "Libro hablado para aplicaciones de lectura",
    "ebook_link": "Libro electrónico para aplicaciones de lectura",
    "daisy_link": "Libro hablado para reproductores DAISY",
}

_TABLES = {"en": _EN, "es": _ES}


def primary(language: str) -> str:
    """``es-MX`` -> ``es``; the part of a BCP 47 tag that picks words and direction."""
    return (language or "en").split("-")[0].lower()


def direction(language: str) -> str:
    return "rtl" if primary(language) in RTL_LANGUAGES else "ltr"


def language_name(language: str) -> str:
    """The language's own name, or the tag itself when we do not know it."""
    return LANGUAGE_NAMES.get(primary(language), language)


@dataclass(frozen=True)
class Labels:
    """The page's words in one language, ready for HTML."""

    page_language: str
    """The ``lang`` of the page these words go on."""

    @property
    def table(self) -> dict:
        return _TABLES.get(primary(self.page_language), _EN)

    @property
    def fallback(self) -> bool:
        """True when the page's language has no table and the words are English."""
        return primary(self.page_language) not in _TABLES

    def text(self, key: str, **fmt) -> str:
        """Plain text (for attributes and joining); never marked with a language."""
        return self.table[key].format(**fmt)

    def html(self, key: str, **fmt) -> str:
        """Escaped text, wrapped in ``<span lang="en">`` when it is English on a foreign page."""
        return self.mark(html.escape(self.text(key, **fmt)))

    def mark(self, escaped: str) -> str:
        return f'<span lang="en" dir="ltr">{escaped}</span>' if self.fallback else escaped

    def count(self, singular: str, plural: str, n: int) -> str:
        return self.text(singular if n == 1 else plural, n=n)

    def duration(self, seconds: float) -> str:
        """"4 minutes 10 seconds": read out well by screen readers, unlike "4:10"."""
        total = max(1, round(seconds))
        m, s = divmod(total, 60)
        parts = ([self.count("minute", "minutes", m)] if m else []) + \
                ([self.count("second", "seconds", s)] if s else [])
        return " ".join(parts)

    def date(self, day: _dt.date) -> str:
        """As the handout and the voice write it, from the shared catalogue (15 languages)."""
        from ..i18n import format_date

        return format_date(day, self.page_language)

