"""Marking paragraphs and runs written in another language than the article's.

A notice that repeats its help line in Spanish, Vietnamese, Armenian and Korean must have each
line read by a voice for its language, tagged for screen readers in the PDF and the web page, and
brailled with its table. The script decides where it can (Hangul is Korean, Armenian letters are
Armenian); Latin-script passages, which the script cannot tell apart, go to the language detector
only when they are long enough for it to be right.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..article import Article, Heading, HelpBox, Image, ListBlock, Paragraph, Quote, Span, passages, unhandled

MIN_LATIN_WORDS = 6
"""Fewer words than this in a Latin-script paragraph and its language is not guessed: names,
addresses and slogans would be mislabelled."""
MIN_CONFIDENCE = 0.95
"""How sure the detector must be before a Latin-script paragraph is marked as another language."""
COMMON_LATIN = frozenset(
    "en es fr pt de it nl tl vi id ms pl ro ca sv da no nb fi cs sk hu tr sw so ht hr sl lt lv et "
    "sq is ga cy eu gl af mt".split())
"""Latin-script languages a passage is compared among. The detector knows hundreds, many of them
close kin of these (Extremaduran beside Spanish, Pidgin beside English) that split its confidence
on a short passage; a passage in a notice is far likelier to be in one of these."""
LATIN_KIN = (frozenset({"es", "gl", "ca"}), frozenset({"pt", "gl"}), frozenset({"no", "nb", "nn", "da"}),
             frozenset({"cs", "sk"}), frozenset({"ms", "id"}))
"""Close kin among ``COMMON_LATIN`` that a short passage splits the detector's confidence
between: a sure guess of the family is a sure guess of its likeliest member."""
MIN_RUN_LETTERS = 2
"""A run in another script inside a paragraph is marked when it has at least this many letters."""

# Unicode script of a letter, from the first word of its character name: only scripts that name
# one language (or one language this tool serves) are listed; Latin is decided by the detector.
_SCRIPT_WORDS = {
    "HANGUL": "Hangul", "ARMENIAN": "Armenian", "CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana",
    "CYRILLIC": "Cyrillic", "ARABIC": "Arabic", "HEBREW": "Hebrew", "GREEK": "Greek", "THAI": "Thai",
    "KHMER": "Khmer", "LAO": "Lao", "DEVANAGARI": "Devanagari", "BENGALI": "Bengali",
    "GURMUKHI": "Gurmukhi", "GUJARATI": "Gujarati", "TAMIL": "Tamil", "TELUGU": "Telugu",
    "KANNADA": "Kannada", "MALAYALAM": "Malayalam", "GEORGIAN": "Georgian", "ETHIOPIC": "Ethiopic",
    "MYANMAR": "Myanmar", "SINHALA": "Sinhala", "LATIN": "Latin",
}
SCRIPT_LANGUAGE = {
    "Hangul": "ko", "Armenian": "hy", "Kana": "ja", "Cyrillic": "ru", "Arabic": "ar", "Hebrew": "he",
    "Greek": "el", "Thai": "th", "Khmer": "km", "Lao": "lo", "Devanagari": "hi", "Bengali": "bn",
    "Gurmukhi": "pa", "Gujarati": "gu", "Tamil": "ta", "Telugu": "te", "Kannada": "kn",
    "Malayalam": "ml", "Georgian": "ka", "Ethiopic": "am", "Myanmar": "my", "Sinhala": "si",
}
"""The language a passage in a script is taken to be when nothing more specific is found."""

# The script each language is written in, for languages whose script is not Latin.
_LANGUAGE_SCRIPT = {lang: script for script, lang in SCRIPT_LANGUAGE.items()}
_LANGUAGE_SCRIPT.update({"zh": "Han", "yue": "Han", "cmn": "Han", "fa": "Arabic", "ur": "Arabic",
                         "ps": "Arabic", "uk": "Cyrillic", "bg": "Cyrillic", "sr": "Cyrillic",
                         "mk": "Cyrillic", "be": "Cyrillic", "kk": "Cyrillic", "ky": "Cyrillic",
                         "mn": "Cyrillic", "mr": "Devanagari", "ne": "Devanagari", "yi": "Hebrew"})

# Letters only Persian (and Urdu) write among Arabic-script languages; Urdu's own letters.
_FARSI = set("پچژگکی")
_URDU = set("ٹڈڑںھےۓ")
_UKRAINIAN = set("іїєґІЇЄҐ")
# Vietnamese: letters with the horn or breve and the stacked tone marks no other language uses.
_VIETNAMESE = set("ơưăđƠƯĂĐ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
# Frequent characters written differently in Traditional and Simplified Chinese, pair by pair.
_TRADITIONAL = set("們這個來說時會對發與國過還點問關電話線門開學體長語當無請聯絡資協區內認識變應該實經給見錢幫務簡訊護")
_SIMPLIFIED = set("们这个来说时会对发与国过还点问关电话线门开学体长语当无请联络资协区内认识变应该实经给见钱帮务简讯护")


def script_of(ch: str) -> str | None:
    """The script of a letter (see ``_SCRIPT_WORDS``); None for digits, marks and punctuation."""
    if not ch.isalpha():
        return None
    try:
        word = unicodedata.name(ch).split(" ")[0]
    except ValueError:
        return None
    if word == "HALFWIDTH" or word == "FULLWIDTH":
        return None
    return _SCRIPT_WORDS.get(word, "Other")


def language_script(lang: str) -> str:
    """The script a language is written in: Latin unless listed."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    if primary == "ja":
        return "Japanese"
    return _LANGUAGE_SCRIPT.get(primary, "Latin")


def _same_language(a: str, b: str) -> bool:
    pa, pb = (x.replace("_", "-").split("-")[0].lower() for x in (a, b))
    chinese = {"zh", "yue", "cmn"}
    return pa == pb or (pa in chinese and pb in chinese)


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        s = script_of(ch)
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
    return counts


def _chinese(text: str) -> str:
    """zh-Hant or zh-Hans by the characters that differ between them; Simplified when unsure."""
    trad = sum(ch in _TRADITIONAL for ch in text)
    simp = sum(ch in _SIMPLIFIED for ch in text)
    return "zh-Hant" if trad > simp else "zh-Hans"


def _by_letters(script: str, text: str) -> str | None:
    """The language of a passage in a non-Latin script, refined by letters only one language uses."""
    if script == "Han":
        return _chinese(text)
    if script == "Arabic":
        if any(ch in _URDU for ch in text):
            return "ur"
        if any(ch in _FARSI for ch in text):
            return "fa"
        return "ar"
    if script == "Cyrillic" and any(ch in _UKRAINIAN for ch in text):
        return "uk"
    return SCRIPT_LANGUAGE.get(script)


def _latin_language(text: str) -> str | None:
    """The language of a Latin-script passage: Vietnamese by its letters, else the detector when
    the passage is long enough and the guess sure; None when it cannot be told."""
    if sum(ch in _VIETNAMESE for ch in text) >= 2:
        return "vi"
    if len(text.split()) < MIN_LATIN_WORDS:
        return None
    from .detect_language import _identifier

    ranked = [(code, p) for code, p in _identifier().rank(text) if code in COMMON_LATIN]
    total = sum(p for _, p in ranked)
    if not ranked or total <= 0:
        return None
    top = str(ranked[0][0])
    kin = set().union(*(group for group in LATIN_KIN if top in group)) | {top}
    if sum(p for code, p in ranked if code in kin) / total < MIN_CONFIDENCE:
        return None
    return top


def block_languages(texts: list[str]) -> dict[str, int]:
    """Words per language over ``texts`` (one per paragraph), for those whose language can be
    told; a mixed notice is then known by the language most of its words are in."""
    from .detect_language import _word_count

    words: dict[str, int] = {}
    for t in texts:
        lang = text_language(t, "und")
        if lang is not None:
            lang = _primary(lang)
            words[lang] = words.get(lang, 0) + _word_count(t)
    return words


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+|\b[\w-]+(?:\.[\w-]+)+\.[a-z]{2,}\b",
                      re.IGNORECASE)


def without_addresses(text: str) -> str:
    """The text without web and e-mail addresses, @handles and #tags.

    Why: they are Latin letters in any language ("Аккаунт: @olga_n_photo" is a Russian line), so
    counted as words they would mark a line as English. Risk: none for the marking; the text
    itself is not changed.
    """
    return _ADDRESS.sub(" ", text)


def text_language(text: str, article_lang: str) -> str | None:
    """The language ``text`` is written in when it is not the article's; None when it is the
    article's or cannot be told."""
    text = without_addresses(text)
    counts = _script_counts(text)
    letters = sum(counts.values())
    if not letters:
        return None
    if counts.get("Kana") and (counts.get("Kana", 0) + counts.get("Han", 0)) * 2 >= letters:
        lang = "ja"
    else:
        script, n = max(counts.items(), key=lambda kv: kv[1])
        if n * 2 < letters:
            return None  # no script holds most of the letters: a mixed line is left alone
        if script == "Latin":
            lang = _latin_language(text)
        elif script == "Other":
            return None
        elif script == language_script(article_lang):
            return None  # the article's own script: Cyrillic in a Russian notice is Russian
        else:
            lang = _by_letters(script, text)
    if lang is None or _same_language(lang, article_lang):
        return None
    return lang


def _runs(text: str, article_lang: str) -> tuple[Span, ...]:
    """Spans over runs of another script inside a paragraph in the article's language: letters of
    one non-Latin script, with the spaces and punctuation between them."""
    own = language_script(article_lang)
    spans, start, script, last = [], None, None, 0
    letters = 0

    def close():
        if start is not None and letters >= MIN_RUN_LETTERS:
            piece = text[start:last]
            lang = _by_letters(script, piece) if script != "Kana" else "ja"
            if lang and not _same_language(lang, article_lang):
                spans.append(Span(start, last, "lang", lang=lang))

    for i, ch in enumerate(text):
        s = script_of(ch)
        if s == "Han" and own in ("Japanese", "Hangul"):
            s = None  # kanji and hanja are part of Japanese and Korean writing
        if s is None:
            continue
        if s in ("Latin", "Other", own) or (own == "Japanese" and s == "Kana"):
            close()
            start, script, letters = None, None, 0
            continue
        if s == "Han" and script == "Kana" or s == "Kana" and script == "Han":
            s = "Kana"  # Japanese mixes kanji and kana in one run
            script = "Kana"
        if script != s:
            close()
            start, script, letters = i, s, 0
        letters += 1
        last = i + 1
    close()
    return tuple(spans)


def mark_paragraph(p: Paragraph, article_lang: str) -> Paragraph:
    """``p`` with its language when it differs from the article's, or with spans over runs of
    another script inside it."""
    if p.lang is not None:
        return p
    lang = text_language(p.text, article_lang)
    if lang is not None:
        return replace(p, lang=lang)
    if any(s.kind == "lang" for s in p.spans):
        return p
    runs = _runs(p.text, article_lang)
    return replace(p, spans=p.spans + runs) if runs else p


def mark_passages(article: Article) -> Article:
    """The article with every paragraph, heading and list item in another language marked."""
    lang = article.language
    blocks = []
    for b in article.blocks:
        if isinstance(b, Paragraph):
            b = mark_paragraph(b, lang)
        elif isinstance(b, Heading) and b.lang is None:
            found = text_language(b.text, lang)
            b = replace(b, lang=found) if found else b
        elif isinstance(b, ListBlock):
            b = replace(b, items=tuple(mark_paragraph(i, lang) for i in b.items))
        elif isinstance(b, Quote):
            b = replace(b, paragraphs=tuple(mark_paragraph(p, lang) for p in b.paragraphs))
        elif not isinstance(b, (Heading, HelpBox, Image)):
            unhandled(b)
        blocks.append(b)
    return replace(article, blocks=tuple(blocks))


def marked(article: Article) -> list[tuple[str, str]]:
    """(language, text) of every marked passage, in reading order: for reports and tests."""
    return passages(article)
