"""Weighing a web page's declared language against the language its text is written in.

Site templates set ``<html lang>`` once for the whole site, so a German post on a site whose
theme says ``lang="en"`` declares English; read as English, its title, closing words, PDF and
MP3 language and braille table were all wrong while its paragraphs were tagged German. The
declaration is kept unless the text clearly says otherwise: enough words, a confident
detection, most paragraphs in the detected language. A second declaration that agrees with the
text (``<meta http-equiv="content-language">``) lets a shorter text decide. Short notices and
mixed-language help lines never have enough evidence, so they keep what the page says.
"""
from __future__ import annotations

from .detect_language import Guess, _word_count, detect
from .passages import block_languages

#: Words of body text the detection needs to overrule the page's only declaration…
MIN_WORDS = 80
#: …and how sure it must be.
MIN_CONFIDENCE = 0.99
#: With a second declaration agreeing with the text, the detector's own bar is enough.
SECONDED_MIN_WORDS = 20
SECONDED_MIN_CONFIDENCE = 0.9
#: Share of the words of paragraphs whose language can be told that must be in the detected one.
MIN_PARAGRAPH_SHARE = 0.6

# Languages the detector cannot reliably tell apart: a declaration of one is never overruled by
# a detection of its kin (a Bokmål page detected as "no", a Serbian one as Croatian).
_KIN = (frozenset({"no", "nb", "nn"}), frozenset({"hr", "sr", "bs", "sh"}),
        frozenset({"ms", "id"}), frozenset({"zh", "yue", "cmn"}))


def primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def same_or_kin(a: str, b: str) -> bool:
    pa, pb = primary(a), primary(b)
    return pa == pb or any(pa in kin and pb in kin for kin in _KIN)


def weigh(declared: str, others: list[str], texts: list[str]) -> tuple[str, str | None]:
    """The article's language and a warning when it is not ``declared``.

    ``declared`` is what the page's markup says (``<html lang>``), ``others`` any further
    declarations (content-language), ``texts`` the article's paragraphs, headings and items.
    """
    text = "\n".join(texts)
    guess = detect(text)
    if guess is None or same_or_kin(guess.language, declared):
        return declared, None
    seconding = next((o for o in others if same_or_kin(o, guess.language)), None)
    need_words, need_confidence = ((SECONDED_MIN_WORDS, SECONDED_MIN_CONFIDENCE) if seconding
                                   else (MIN_WORDS, MIN_CONFIDENCE))
    if _word_count(text) < need_words or guess.confidence < need_confidence:
        return declared, None
    if _paragraph_share(texts, guess) < MIN_PARAGRAPH_SHARE:
        return declared, None  # a bilingual page: the declaration stands
    language = seconding or guess.language
    also = f", as the page's content-language says" if seconding else ""
    return language, (f"the page declares its language as {declared}, but its text is in "
                      f"{language} (detected with confidence {guess.confidence:.2f}{also}); "
                      f"read as {language}; use --lang to change")


def _paragraph_share(texts: list[str], guess: Guess) -> float:
    """The share of the words, over paragraphs whose language can be told, in ``guess``'s."""
    words = block_languages(texts)
    total = sum(words.values())
    mine = sum(n for lang, n in words.items() if same_or_kin(lang, guess.language))
    return mine / total if total else 0.0
