"""A title for an article that has none, made from its first sentence.

Wire stories copied from news sites often lose their headline. The title made in its place is
printed as the handout's heading, named in the web page and the MP3 tags, so it must read as a
phrase: the whole first sentence when it is short, else the sentence cut where a clause or a
phrase ends (before "to", "with", "after", "which" …, or at a comma), never in the middle of a
phrase and never with an ellipsis.
"""
from __future__ import annotations

import re

#: A first sentence this short (in words) is the title as it stands.
WHOLE_WORDS = 14
#: Cuts are looked for at up to this many words, then (if none reads well) up to the longer limit.
SHORT_WORDS = 12
LONG_WORDS = 16
#: A cut shorter than this is a fragment ("Los Angeles County officials"), not a title.
MIN_WORDS = 4
#: A short cut is kept only from this many words on; shorter, a longer cut says more.
GOOD_WORDS = 6

# The word lists are English and Spanish, the languages the readers write bylines and help
# boxes in; in other languages a title is cut at clause punctuation only.
#: Words that open a clause: the words before them can stand alone.
_CLAUSE_WORDS = frozenset(
    "that which who whose whom where when while after before because since until unless although "
    "though as if so whereas once "
    "que cuando donde mientras porque después antes aunque si".split())
#: Words that open a phrase of place, time, manner or purpose (and the infinitive's "to").
_PHRASE_WORDS = frozenset(
    "to with for in on at from by about during over under through across along against among "
    "between into near without within amid despite following including like toward towards "
    "throughout beyond outside inside "
    "para con en por desde durante sin sobre entre hacia hasta según tras".split())
#: Coordinating words: a cut there keeps a whole first part, often only the subject.
_JOINING_WORDS = frozenset("and or but y e o u pero".split())
#: Words a phrase cannot end on: articles, possessives, prepositions, auxiliaries, conjunctions.
_DANGLING = frozenset(
    "a an the this that these those his her its their our your my of to in on at for with by from "
    "and or but nor is are was were be been being has have had will would can could may might must "
    "shall should do does did not no very more most less than as into about over after before "
    "which who whose whom where when while if so such "
    "el la los las un una unos unas lo de del al y e o u que en con por para su sus es son fue "
    "ha han muy más se le les".split())
#: The start of an aside set off by commas (", who …,", ", which …,", ", que …,").
_ASIDE = re.compile(r",\s+(?:who|whom|whose|which|where|que|quien|quienes|donde)\b", re.IGNORECASE)
#: Punctuation after which a clause ends (Latin, CJK, Arabic and Armenian forms).
_CLAUSE_END = ",;:，；：、،؛"
#: A dateline before a wire story's first words: "LOS ANGELES (CNS) —", "WASHINGTON (AP) -".
_DATELINE = re.compile(r"^[A-Z][A-Z.,'’ -]{2,40}?(?:\s*\([A-Za-z ]{2,30}\))?\s*[—–-]{1,2}\s+(?=\S)")
#: A closing attribution: ", officials said Wednesday", ", police said", ", according to the county".
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:\S+\s+){0,4}(?:said|says|announced|reported|confirmed)(?:\s+\S+){0,2}"
    r"|according\s+to(?:\s+\S+){1,6})\s*$", re.IGNORECASE)


def title_from_sentence(sentence: str) -> str:
    """A complete phrase from the start of ``sentence`` (see the module's docstring)."""
    text = _without_dateline(" ".join(sentence.split()))
    text = text.rstrip(".").rstrip()
    bare = _without_attribution(text)
    if _measure(bare) >= MIN_WORDS:
        text = bare
    if _measure(text) <= WHOLE_WORDS:
        return text
    cuts = _cuts(text)
    for limit, least in ((SHORT_WORDS, GOOD_WORDS), (LONG_WORDS, MIN_WORDS)):
        fitting = [c for c in cuts if least <= _measure(c) <= limit]
        if fitting:
            return max(fitting, key=_measure)
    return text  # no phrase ends early enough: the whole sentence, long but complete


def _without_dateline(text: str) -> str:
    """"LOS ANGELES (CNS) — Metro's Line 4 …" -> "Metro's Line 4 …".

    Why: the dateline is where the story was filed, not what it is about. Risk: a sentence that
    opens with a word in capitals and a dash ("NOTICE — …") loses that word in the title only.
    """
    m = _DATELINE.match(text)
    return text[m.end():] if m and any(c.islower() for c in text[m.end():]) else text


def _without_attribution(text: str) -> str:
    """"… south of downtown, officials said Wednesday" -> "… south of downtown".

    Why: who said it belongs to the story, not to its headline. Risk: a sentence whose last
    clause is a quotation's speaker loses that clause in the title only.
    """
    return _ATTRIBUTION.sub("", text)


def _measure(text: str) -> float:
    """Length in words; Chinese and Japanese, written without spaces, count two characters a word."""
    spaced = re.sub(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]", " ", text)
    unspaced = len(text) - len(re.sub(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]", "", text))
    return len(spaced.split()) + unspaced / 2


def _cuts(text: str) -> list[str]:
    """Every start of ``text`` that ends where a clause or phrase ends, and reads as complete."""
    out = []
    # A comma ends a clause only before a space ("1,000" does not); CJK and Arabic commas always.
    for m in re.finditer(r"[,;:](?=\s)|[，；：、،؛]|\s+(?=[—–]\s)|\s+(?=(\S+))", text):
        head = text[:m.start()].rstrip(_CLAUSE_END + " ")
        nxt = (m.group(1) or "").lower().strip("\"'“”‘’(")
        at_clause = m.group(0)[0] in _CLAUSE_END or not m.group(1) or nxt in _CLAUSE_WORDS
        if not (at_clause or nxt in _PHRASE_WORDS or nxt in _JOINING_WORDS):
            continue
        if head and _reads_complete(head):
            out.append(head)
    return out


def _reads_complete(head: str) -> bool:
    """Not ending on a word that needs more after it, and no quotation or bracket left open."""
    words = head.split()
    last = words[-1].lower().strip("\"'“”‘’()") if words else ""
    if last in _DANGLING:
        return False
    aside = list(_ASIDE.finditer(head))
    if aside and "," not in head[aside[-1].end():]:
        return False  # inside ", who were …,": the sentence's own verb is still to come
    return (head.count("“") == head.count("”") and head.count('"') % 2 == 0
            and head.count("(") == head.count(")"))
