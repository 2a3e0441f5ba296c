"""The spoken script: what is said, in which order, with which silences.

intro -> headline, deck, byline and date -> body (headings announced, list items one by one,
quotes, pictures by their alt text) -> the help box, read slowly -> closing -> the help box
once more, so the hotline is the last thing a listener hears -> thank you.

One utterance per sentence: captions follow sentences, and a voice reads one sentence with
better intonation than a paragraph it has to split itself.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .. import anchors
from ..article import Article, Heading, HelpBox, Image, ListBlock, Paragraph, Quote, unhandled
from ..settings import Settings, spoken_text
from ..sentences import split_sentences
from .utterance import Utterance
from .normalize import normalize

HELPBOX_RATE = 0.9
"""The help box is read at 90% of the rate: numbers people must write down."""
RUN_PAUSE = 0.15
"""Seconds between a run in another language and the rest of its sentence: the voice changes."""
_SENTENCE_END = ".!?…。！？։؟"


def language_runs(p: Paragraph) -> list[tuple[str, str | None]]:
    """The paragraph as (text, language) pieces: the whole of it in its own language, or cut
    where a run in another language starts and ends (None: the article's language)."""
    if p.lang is not None:
        return [(p.text, p.lang)]
    spans = sorted((s for s in p.spans if s.kind == "lang" and s.lang and 0 <= s.start < s.end <= len(p.text)),
                   key=lambda s: s.start)
    out, pos = [], 0
    for s in spans:
        if s.start < pos:
            continue
        if p.text[pos:s.start].strip():
            out.append((p.text[pos:s.start], None))
        out.append((p.text[s.start:s.end], s.lang))
        pos = s.end
    if p.text[pos:].strip() or not out:
        out.append((p.text[pos:], None))
    return out


@dataclass(frozen=True)
class Wording:
    """The tool's own spoken phrases in one language, from the message catalogue (``speech.*``)."""

    catalogue: str
    """The catalogue they come from, e.g. ``es`` or ``zh-Hant``; dates are written by it."""
    intro: str
    """``{organisation}`` is replaced."""
    outro: str
    thanks: str
    again: str
    """Said before the help box is repeated at the end."""
    published: str
    """``{date}`` is replaced by the spoken date."""
    by: str
    """The byline pattern, ``{name}`` replaced: "By {name}", "Por {name}", "Tác giả: {name}"."""
    image: str
    intro_section: str
    closing_section: str
    help_section: str
    continued: str
    """Added to a section's name when it resumes after the help box."""

    def date(self, d: dt.date) -> str:
        from ..i18n import format_date

        return format_date(d, self.catalogue)

    def byline(self, name: str) -> str:
        """``name`` in the byline pattern, unless the article already wrote it that way."""
        head = self.by.split("{name}")[0].strip()
        if head and re.match(re.escape(head) + r"(?!\w)", name, re.IGNORECASE):
            return name
        return self.by.replace("{name}", name)


def catalogue_code(lang: str) -> str | None:
    """The message catalogue whose phrases a voice speaking ``lang`` should say; None when the
    language has no catalogue of its own (English words read by, say, a French voice would be
    worse than silence, so the fixed phrases are then left out)."""
    from ..i18n import DEFAULT, catalogue_for

    tag = (lang or DEFAULT).replace("_", "-")
    primary = tag.split("-")[0].lower()
    code = catalogue_for(tag)
    if code == DEFAULT and primary != DEFAULT:
        return None
    return code


def wording(lang: str) -> Wording | None:
    """The catalogue's spoken phrases for ``lang``; None for languages without a catalogue (the
    intro and outro then come only from ``[voice.intro]`` / ``[voice.outro]``)."""
    code = catalogue_code(lang)
    if code is None:
        return None
    from ..i18n import t

    def say(key: str) -> str:
        return t(code, f"speech.{key}")

    return Wording(
        catalogue=code, intro=say("intro"), outro=say("outro"), thanks=say("thanks"),
        again=say("again"), published=say("published"), by=t(code, "handout.by"),
        image=say("image"), intro_section=say("intro_section"),
        closing_section=say("closing_section"), help_section=say("help_section"),
        continued=say("continued"))


def _fallback_titles() -> Wording:
    """Chapter titles for a language without a catalogue: English, because a chapter title is
    read on a screen, not heard."""
    return wording("en")  # type: ignore[return-value]


def _spoken_end(text: str) -> str:
    """Give a line without final punctuation a full stop, so the voice's pitch falls at its end;
    the caption keeps the line as written."""
    t = text.rstrip()
    return t if not t or t[-1] in ".!?…:;\"”’»。！？：；։؟" else t + "."


# ----------------------------------------------------------------------------- the script
class _Builder:
    def __init__(self, settings: Settings, lang: str) -> None:
        self.settings = settings
        self.lang = lang
        self.pauses = settings.pauses
        self.out: list[Utterance] = []

    def say(self, text: str, section: str, kind: str, pause: float, rate_factor: float = 1.0,
            spoken: str | None = None, lang: str | None = None, anchor: str | None = None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        said = speakable(spoken if spoken is not None else _spoken_end(text), lang or self.lang,
                         self.settings.pronunciations)
        if said.strip():
            self.out.append(Utterance(text, said, pause, section, kind, rate_factor, lang, anchor))

    def sentences(self, text: str, section: str, kind: str, last_pause: float,
                  rate_factor: float = 1.0, lang: str | None = None, anchor: str | None = None,
                  first: int = 0) -> int:
        """One utterance per sentence; ``anchor`` names the printed text, whose sentences are
        then anchored as ``anchors.sentence(anchor, first + i)`` (``first``: sentences of the
        same text said before, in the runs of other languages before it). Returns how many."""
        parts = split_sentences(" ".join(text.split()))
        for i, s in enumerate(parts):
            pause = last_pause if i == len(parts) - 1 else self.pauses.sentence
            self.say(s, section, kind, pause, rate_factor, lang=lang,
                     anchor=anchors.sentence(anchor, first + i) if anchor else None)
        return len(parts)

    def paragraph(self, p: Paragraph, section: str, kind: str, last_pause: float,
                  anchor: str | None = None) -> None:
        """A paragraph sentence by sentence, each passage in another language in its own voice;
        its sentences are numbered across the runs (as :func:`bulletin.sentences.sentence_bounds`
        numbers them with the runs' edges as cuts)."""
        runs = language_runs(p)
        said = 0
        for i, (text, lang) in enumerate(runs):
            if i == len(runs) - 1:
                pause = last_pause
            else:
                pause = self.pauses.sentence if text.rstrip()[-1:] in _SENTENCE_END else RUN_PAUSE
            said += self.sentences(text, section, kind, pause, lang=lang, anchor=anchor, first=said)

    def end_part(self, pause: float) -> None:
        """Make the silence after the last utterance at least ``pause``."""
        if self.out and self.out[-1].pause_after < pause:
            self.out[-1] = replace(self.out[-1], pause_after=pause)


def build_script(article: Article, settings: Settings) -> list[Utterance]:
    """Everything the voice will say about ``article``, one utterance per sentence."""
    lang = article.language or settings.language
    words = wording(lang)
    p = settings.pauses
    b = _Builder(settings, lang)
    org = settings.organisation

    titles = words or _fallback_titles()
    intro = spoken_text(settings.intro, lang, words.intro if words and org else "")
    b.sentences(intro.replace("{organisation}", org), titles.intro_section, "intro", p.section)

    head = article.title
    if not article.title_derived:
        # A title made from the first sentence is not read: the body starts with that sentence.
        b.say(article.title, head, "title", p.paragraph, anchor=anchors.TITLE)
    if article.subtitle:
        b.sentences(article.subtitle, head, "title", p.paragraph, anchor=anchors.SUBTITLE)
    if article.byline:
        byline = article.byline
        if words:
            byline = words.byline(byline)
        b.say(byline, head, "meta", p.sentence, anchor=anchors.BYLINE)
    if article.credit:
        b.say(article.credit, head, "meta", p.sentence, anchor=anchors.CREDIT)
    if article.date and words:
        b.say(_fill_date(words.published, words.date(article.date)), head, "meta", p.sentence,
              anchor=anchors.DATE)
    b.end_part(p.section)

    section = head
    helpboxes = []
    for n, block in enumerate(article.blocks):
        if isinstance(block, Heading):
            b.end_part(p.paragraph)
            section = " ".join(block.text.split())
            b.say(block.text, section, "heading", p.heading, lang=block.lang, anchor=anchors.block(n))
        elif isinstance(block, Paragraph):
            b.paragraph(block, section, "paragraph", p.paragraph, anchor=anchors.block(n))
        elif isinstance(block, ListBlock):
            _list(b, block, section, n)
        elif isinstance(block, Quote):
            for k, para in enumerate(block.paragraphs):
                b.paragraph(para, section, "quote", p.paragraph, anchor=anchors.quote_paragraph(n, k))
            if block.attribution:
                b.say(block.attribution, section, "quote", p.paragraph, anchor=anchors.attribution(n))
        elif isinstance(block, Image):
            _image(b, block, section, words, n)
        elif isinstance(block, HelpBox):
            b.end_part(p.section)
            _helpbox(b, block, words.help_section if words else block.title, n)
            b.end_part(p.section)
            helpboxes.append(block)
            # Text after a mid-article help box gets a chapter of its own, not a second one
            # with the same name as the chapter before the box.
            section = f"{section} {titles.continued}"
        else:
            unhandled(block)
    b.end_part(p.section)

    # One closing chapter: who made it, the help box once more (the last thing heard), thanks.
    closing = titles.closing_section
    outro = spoken_text(settings.outro, lang, words.outro if words and org else "")
    b.sentences(outro.replace("{organisation}", org), closing, "outro", p.paragraph)
    if helpboxes:
        if words:
            b.say(words.again, closing, "outro", p.paragraph)
        for box in helpboxes:
            _helpbox(b, box, closing)
        b.end_part(p.section)
    if words:
        b.say(words.thanks, closing, "outro", p.paragraph)
    if b.out:
        b.out[-1] = replace(b.out[-1], pause_after=0.0)  # the mastering adds the tail silence
    return b.out


def _fill_date(pattern: str, date: str) -> str:
    """Put ``date`` in ``pattern``, with one full stop where a date that ends in an abbreviation
    ("2026 г.") meets the sentence's own. Risk: none; only a doubled "." is merged."""
    return pattern.replace("{date}", date).replace("..", ".")


def _list(b: _Builder, block: ListBlock, section: str, at: int) -> None:
    n = len(block.items)
    for i, item in enumerate(block.items):
        anchor = anchors.item(at, i)
        last = b.pauses.paragraph if i == n - 1 else b.pauses.sentence
        if block.ordered:
            # Said as "1. Call the hotline." so the number is read; the caption shows the item.
            parts = split_sentences(" ".join(item.text.split()))
            for j, s in enumerate(parts):
                spoken = f"{block.start + i}. {_spoken_end(s)}" if j == 0 else None
                b.say(s, section, "item", last if j == len(parts) - 1 else b.pauses.sentence,
                      spoken=spoken, lang=item.lang, anchor=anchors.sentence(anchor, j))
        else:
            b.paragraph(item, section, "item", last, anchor=anchor)


def _image(b: _Builder, block: Image, section: str, words: Wording | None, at: int) -> None:
    for text, anchor in ((block.alt, anchors.image_alt(at)), (block.caption, anchors.image_caption(at))):
        if text and text.strip():
            label = f"{words.image} " if words and text is block.alt else ""
            b.say(text, section, "image", b.pauses.paragraph, spoken=label + _spoken_end(text),
                  anchor=anchor)


def _helpbox(b: _Builder, box: HelpBox, section: str, at: int | None = None) -> None:
    """The help box read once; ``at`` is its block's index when this reading is the printed
    box's (anchored), None for the repeat at the end, which only the listener hears."""
    b.say(box.title, section, "helpbox", b.pauses.paragraph, HELPBOX_RATE,
          anchor=anchors.help_title(at) if at is not None else None)
    for k, line in enumerate(box.lines):
        b.sentences(line.text, section, "helpbox", b.pauses.paragraph, HELPBOX_RATE,
                    anchor=anchors.help_line(at, k) if at is not None else None)


# ----------------------------------------------------------------------------- normalisation
def speakable(text: str, lang: str, pronunciations: dict[str, str]) -> str:
    """What the engine is given: respellings first, then numbers, dates and abbreviations.

    ``normalize`` applies the ``[pronunciations]`` table itself (case-aware, and protected from
    the rules after it, so a respelling in capitals is not spelled out as an acronym).
    """
    return normalize(text, lang, pronunciations or None)
