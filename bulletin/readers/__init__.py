"""Reading an article file into the document model, whatever it was saved as.

The reader is chosen by what the file contains, not only by its name: a saved web page named
``story.txt`` is still HTML, and a Markdown notice without an extension is still Markdown.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .decode import decode_with_notes

FORMATS = ("text", "markdown", "html")
_ALIASES = {"txt": "text", "text": "text", "plain": "text", "md": "markdown", "markdown": "markdown",
            "html": "html", "htm": "html"}
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a\s+href|h[1-6]|article|section|ul|li|table|meta|script)\b[^>]*>",
                       re.IGNORECASE)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?:[\w-]+[ \t]*:.*\n|[ \t#].*\n|\n)*?---[ \t]*(?:\n|$)")
_MD_STRUCTURE = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),             # ATX heading
    re.compile(r"\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)"),  # [link](url)
    re.compile(r"^(?:```|~~~)", re.MULTILINE),                 # fenced code
    re.compile(r"^\|.*\|[ \t]*\n\|[ \t:|-]+\|[ \t]*$", re.MULTILINE),  # table
    re.compile(r"^\S.*\n(?:=+|-{3,})[ \t]*$", re.MULTILINE),  # setext heading
)


def detect_format(text: str, suffix: str = "") -> str:
    """"html", "markdown" or "text" for decoded ``text``; the file suffix is only a hint.

    HTML needs a document start or several tags; Markdown needs its suffix, front matter or
    Markdown-only structure (``# heading``, ``[link](url)``, tables, code fences), so a plain
    notice with "- " lists stays plain text.
    """
    head = text[:4096]
    if _HTML_START.match(head):
        return "html"
    if len(_HTML_TAG.findall(head)) >= 3 and not _has_text_header(text):
        return "html"  # a pasted fragment; a "Title:" header says plain text with tags in it
    suffix = suffix.lower()
    if suffix in _HTML_SUFFIXES and _HTML_TAG.search(head):
        return "html"
    if suffix in _MD_SUFFIXES or _FRONT_MATTER.match(text):
        return "markdown"
    if any(rx.search(text) for rx in _MD_STRUCTURE) and not _has_text_header(text):
        return "markdown"
    return "text"


def _has_text_header(text: str) -> bool:
    """A ``Title:`` line first marks the plain-text format even if Markdown links follow."""
    first = text.lstrip().split("\n", 1)[0]
    return bool(re.match(r"(?i)(?:title|headline|t[íi]tulo)\s*:", first))


def read(source: bytes | Path | str | os.PathLike, *, default_language: str = "en",
         fmt: str | None = None, detect: bool = True) -> Article:
    """Read an article from a file path or from bytes, choosing the reader by content.

    Without ``detect`` (the language was given, e.g. ``--lang``), an article that does not say
    its language is read as ``default_language`` and the detector is not loaded.

    Raises InputError (exit 2) for missing, unreadable, empty, blank or binary input.
    """
    if isinstance(source, (bytes, bytearray)):
        data, suffix, name = bytes(source), "", "input"
    else:
        path = Path(source)
        name, suffix = str(path), path.suffix
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"no such file: {path}") from None
        except IsADirectoryError:
            raise InputError(f"{path} is a folder; give an article file") from None
        except OSError as e:
            raise InputError(f"cannot read {path}: {e.strerror or e}") from None
    text, notes = decode_with_notes(data, name)
    art = _read(text, suffix, name, fmt, default_language, detect)
    return art.with_warnings(*notes) if notes else art


def _read(text: str, suffix: str, name: str, fmt: str | None, default_language: str,
          detect_language: bool = True) -> Article:
    if fmt is not None:
        if fmt.lower() not in _ALIASES:
            raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        kind = _ALIASES[fmt.lower()]
    else:
        kind = detect_format(text, suffix)
    if not detect_language:
        return _read_as(kind, text, default_language, name)
    art = _read_as(kind, text, _UNSAID, name, detect=True)
    if art.language != _UNSAID:
        return art
    from ..article import article_text
    from .detect_language import detect, warning

    # Read again in the chosen language: readers word a byline ("Por …") by it.
    guess = blend_guess(art, detect(article_text(art)))
    art = _read_as(kind, text, guess.language if guess else default_language, name)
    if guess and guess.language.split("-")[0] != default_language.split("-")[0]:
        art = art.with_warnings(warning(guess))  # the default needs no news
    return art


def blend_guess(art: Article, guess):
    """The detector's guess for the whole text, unless it names a language none of the
    paragraphs is in.

    Why: a notice that repeats its help line in eight languages is a blend the detector scores
    as some ninth language (Guadeloupean Creole for an English, Spanish, Vietnamese and Tagalog
    mix). Its paragraphs, each in one language, are then counted instead, and the language most
    of the words are in is the article's. Risk: none for one-language articles: their paragraphs
    agree with the whole.
    """
    from ..article import block_text
    from .detect_language import Guess
    from .passages import block_languages

    if guess is None:
        return None  # too short to guess: the default language, as before
    words = block_languages([block_text(b) for b in art.blocks])
    if not words or guess.language.split("-")[0] in words:
        return guess
    top = max(words, key=words.get)
    share = words[top] / sum(words.values())
    return Guess({"zh": "zh-Hans"}.get(top, top), round(share, 2))


#: The language a reader reports when the article does not say one ("undetermined" in BCP 47).
_UNSAID = "und"


def _read_as(kind: str, text: str, default_language: str, name: str, *, detect: bool = False) -> Article:
    """With ``detect``, a web page's declared language is checked against its text."""
    if kind == "html":
        from .html import read_html

        return read_html(text, default_language=default_language, name=name, detect=detect)
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, default_language=default_language, name=name)
    from .text import read_text

    return read_text(text, default_language=default_language, name=name)


__all__ = ["read", "detect_format", "FORMATS"]
