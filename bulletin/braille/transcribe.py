"""The article in braille: each block translated whole by its language's code, then laid out.

Print is never wrapped before translation: contractions and indicators span words, so each
paragraph goes to liblouis whole and its braille is broken into lines afterwards, at the places
the print positions liblouis reports say a space or a word's own hyphen stood.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import article as model
from .. import kept_together
from ..helplines import PHONE, URL
from . import codes, layout
from .layout import Line, Word
from .louis import NO_UNDEFINED, Louis

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HYPHENS = "-\u2010"


class NoBraille(Exception):
    """This article cannot be written in braille here; the message says why, in one line."""


@dataclass(frozen=True)
class Options:
    cells: int = 40
    lines: int = 25
    grade: int = 2


@dataclass
class Transcriber:
    """Translates text a block at a time, for one article, and remembers what it left out."""

    louis: Louis
    language: str
    grade: int = 2
    _defined: dict[tuple[str, str], bool] = field(default_factory=dict)
    _dropped: dict[str, str] = field(default_factory=dict)

    def code(self, lang: str | None) -> codes.Code:
        tag = lang or self.language
        code = codes.code_for(tag, self.grade)
        if code is None:
            raise NoBraille(f"liblouis has no braille table for {codes.language_name(tag)}")
        if not self.louis.has_table(code.table):
            raise NoBraille(f"this liblouis has no {code.table} for {codes.language_name(tag)}")
        return code

    def defined(self, table: str, ch: str) -> bool:
        """True when the table has a sign for ``ch``: alone, with NO_UNDEFINED, it gives a cell.
        (Asked one character at a time: between other characters, number and letter rules can
        carry a cell's print position to its neighbour.)"""
        key = (table, ch)
        if key not in self._defined:
            self._defined[key] = bool(self.louis.translate(table, ch, NO_UNDEFINED).cells)
        return self._defined[key]

    def check_characters(self, code: codes.Code, text: str, lang: str) -> None:
        """Letters and digits the code has no sign for mean the passage is in a script it
        cannot write: refuse rather than braille it in the wrong code. Other symbols (emoji, a
        star) are left out and named in a warning."""
        for ch in dict.fromkeys(text):
            if ch.isspace() or self.defined(code.table, ch):
                continue
            if unicodedata.category(ch)[0] in "LN":
                raise NoBraille(f"the {code.name} table ({code.table}) cannot write "
                                f"{ch!r} (U+{ord(ch):04X}) in this {codes.language_name(lang)} text")
            self._dropped.setdefault(ch, unicodedata.name(ch, f"U+{ord(ch):04X}"))

    def words(self, text: str, lang: str | None = None, spans: tuple = ()) -> list[Word]:
        """``text`` (one block) in braille, as words with the places a line may end.

        Passages marked in another language are cut out first (their spans count in the text
        as written), then each run is made ready for braille and translated by its own code."""
        cells: list[str] = []
        source: list[int] = []
        ready = ""
        for start, end, seg_lang in segments(text, spans, lang):
            piece = for_braille(text[start:end], seg_lang or lang or self.language)
            code = self.code(seg_lang)
            self.check_characters(code, piece, seg_lang or lang or self.language)
            out = self.louis.translate(code.table, piece, NO_UNDEFINED)
            try:
                cells.append(codes.to_brf(out.cells))
            except ValueError:
                raise NoBraille(f"liblouis's {code.name} table ({code.table}) writes 8-dot cells, "
                                "which a BRF file cannot hold") from None
            source += [len(ready) + p for p in out.source]
            ready += piece
        return split_words("".join(cells), source, ready)

    def left_out(self) -> list[str]:
        if not self._dropped:
            return []
        named = ", ".join(f"{ch} ({name.lower()})" for ch, name in self._dropped.items())
        return [f"braille: no braille sign for {named}; left out of the BRF file"]


def for_braille(text: str, lang: str) -> str:
    """Each whitespace run as one space; letters composed (NFC), since tables define "é", not "e"
    followed by a combining accent; zero-width format characters (joiners, direction marks)
    removed: they shape print and have no braille sign. Persian's half-space (ZWNJ) becomes a
    space, as liblouis's Persian table writes it (as a blank cell)."""
    text = unicodedata.normalize("NFC", text)
    if lang.split("-")[0].lower() == "fa":
        text = text.replace("\u200c", " ")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text)


def segments(text: str, spans: tuple, lang: str | None) -> list[tuple[int, int, str | None]]:
    """(start, end, language) runs of ``text``: the block's language, and passages marked as
    another language (``lang`` spans) in theirs."""
    marks = sorted((s.start, s.end, s.lang) for s in spans
                   if getattr(s, "kind", None) == "lang" and getattr(s, "lang", None)
                   and 0 <= s.start < s.end <= len(text))
    out, at = [], 0
    for start, end, other in marks:
        if start < at:
            continue
        if start > at:
            out.append((at, start, lang))
        out.append((start, end, other))
        at = end
    if at < len(text) or not out:
        out.append((at, len(text), lang))
    return out


def kept_whole(text: str) -> list[tuple[int, int]]:
    """Print ranges that stay on one line where they fit: phone numbers, a month with its day
    (as the handout keeps them: :mod:`bulletin.kept_together`), web and email addresses."""
    return [m.span() for rx in (PHONE, URL, EMAIL) for m in rx.finditer(text)] + kept_together.runs(text)


def split_words(brf: str, source: list[int], text: str) -> list[Word]:
    """The braille cut at blank cells and after a word's own hyphen; cuts inside a phone number
    or address are marked ``bound``."""
    keep = kept_whole(text)

    def inside(p: int) -> bool:
        return any(a <= p < b for a, b in keep)

    words: list[Word] = []
    cur, joiner, bound = "", " ", False
    for i, cell in enumerate(brf):
        p = source[i] if i < len(source) else len(text) - 1
        if cell == " ":
            if cur:
                words.append(Word(cur, joiner, bound))
                cur, bound = "", False
            joiner = " "
            bound = bound or inside(p)
            continue
        cur += cell
        if (text[p] in HYPHENS and 0 < p < len(text) - 1 and text[p - 1].isalnum()
                and text[p + 1].isalnum() and i + 1 < len(brf) and brf[i + 1] != " "
                and (i + 1 >= len(source) or source[i + 1] != p)):
            words.append(Word(cur, joiner, bound))
            cur, joiner, bound = "", "", inside(p)
    if cur:
        words.append(Word(cur, joiner, bound))
    return [w if i else Word(w.cells, w.joiner, False) for i, w in enumerate(words)]


def byline(text: str, lang: str) -> str:
    """"Ana Ruiz" -> "By Ana Ruiz" in the article's language, as the handout prints it."""
    from ..i18n import t

    word = t(lang, "handout.by", name="").strip()
    if not word or text.lower().startswith(("by ", word.lower() + " ")):
        return text
    return t(lang, "handout.by", name=text)


def lines_of(article: model.Article, tr: Transcriber, width: int) -> list[Line]:
    """Every line of the edition in reading order, before pages are made."""
    from ..i18n import format_date, t

    lang = article.language
    out: list[Line] = []

    def blank(keep: bool = False) -> None:
        if out and not out[-1].blank:
            out.append(Line("", keep_next=keep))

    def para(words: list[Word], first: int = 2, rest: int = 0) -> None:
        out.extend(Line(s) for s in layout.wrap(words, width, first, rest))

    def heading(words: list[Word], level: int) -> None:
        blank()
        if level <= 2:  # a centred heading, a blank line before and after
            out.extend(Line(s, keep_next=True, plain=False) for s in layout.centred(words, width))
            out.append(Line("", keep_next=True))
        else:  # a cell-5 heading: a blank line before, its text right after
            out.extend(Line(s, keep_next=True, plain=False) for s in layout.wrap(words, width, 4, 4))

    out.extend(Line(s, keep_next=True, plain=False) for s in layout.centred(tr.words(article.title), width))
    out.append(Line(""))
    if article.subtitle:
        para(tr.words(article.subtitle))
    for text in (byline(article.byline, lang) if article.byline else None, article.credit,
                 format_date(article.date, lang) if article.date else None):
        if text:
            para(tr.words(text), 0, 2)
    blank()
    for b in article.blocks:
        blang = getattr(b, "lang", None)
        if isinstance(b, model.Heading):
            heading(tr.words(b.text, blang), b.level)
        elif isinstance(b, model.Paragraph):
            para(tr.words(b.text, blang, b.spans))
        elif isinstance(b, model.ListBlock):
            blank()
            for n, item in enumerate(b.items, b.start):
                text = f"{n}. {item.text}" if b.ordered else item.text
                shift = len(text) - len(item.text)
                spans = tuple(_moved(s, shift) for s in item.spans)
                para(tr.words(text, getattr(item, "lang", None), spans), 0, 2)
            blank()
        elif isinstance(b, model.Quote):
            blank()
            for p in b.paragraphs:
                para(tr.words(p.text, getattr(p, "lang", None), p.spans))
            if b.attribution:
                para(tr.words(b.attribution), 4, 4)
            blank()
        elif isinstance(b, model.HelpBox):
            box = [Line(layout.TOP_BOX_LINE * width, keep_next=True, plain=False)]
            box += [Line(s, keep_next=True, plain=False) for s in layout.centred(tr.words(b.title), width)]
            for hl in b.lines:
                box += [Line(s, keep_next=True) for s in layout.wrap(tr.words(hl.text), width, 0, 2)]
            box.append(Line(layout.BOTTOM_BOX_LINE * width, plain=False))
            out.extend(box)
        elif isinstance(b, model.Image):
            text = " ".join([t(lang, "handout.picture"), b.alt.strip() or t(lang, "handout.no_description")]
                            + ([b.caption] if b.caption else []))
            para(tr.words(text))
        else:
            model.unhandled(b)
    while out and out[-1].blank:
        out.pop()
    return out


def _moved(span, shift: int):
    import dataclasses

    return dataclasses.replace(span, start=span.start + shift, end=span.end + shift)


def transcribe(article: model.Article, louis: Louis, options: Options = Options()) -> tuple[bytes, int, list[str]]:
    """(BRF file, braille pages, warnings) for ``article``; NoBraille when it cannot be written."""
    tr = Transcriber(louis, article.language, options.grade)
    pages = layout.paginate(lines_of(article, tr, options.cells), options.cells, options.lines)
    return layout.brf_bytes(pages), len(pages), tr.left_out()
