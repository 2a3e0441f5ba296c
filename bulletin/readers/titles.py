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
#: Words that open a phrase of place, time or manner. Not "to", "into" or "and": they too often
#: finish what comes before ("is set to", "turned into", "between the county and").
_PHRASE_WORDS = frozenset(
    "with for in on at from by about during over under through across along against among "
    "near without within amid despite following including like toward towards throughout "
    "beyond outside inside "
    "para con en por desde durante sin sobre entre hacia hasta según tras".split())
#: A contrast joins two clauses: the first stands alone.
_JOINING_WORDS = frozenset("but pero".split())
#: Words that make what follows them a relative clause: the sentence's verb may still be to come.
_RELATIVE = frozenset("who whom whose which quien quienes cuyo cuya".split())
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
#: A verb of saying: the clause after it ends only where a clause ends, not at any phrase.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|announced|reported|dijo|dijeron|informó)\b", re.IGNORECASE)
#: Punctuation after which a clause ends (Latin, CJK, Arabic and Armenian forms).
_CLAUSE_END = ",;:，；：、،؛"
#: A dateline before a wire story's first words: "LOS ANGELES (CNS) —", "WASHINGTON (AP) -",
#: "CLEVELAND, Ohio –", "DUBAI, United Arab Emirates —": a place in capitals, maybe its state.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{1,30}[A-Z](?:,(?:\s+[A-Z][\w.]*){1,3})?"
                       r"(?:\s*\([A-Za-z ]{2,30}\))?\s*[—–-]{1,2}\s+(?=\S)")
#: A closing attribution: ", officials said Wednesday", ", police said", ", according to the county".
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:\S+\s+){0,4}(?:said|says|announced|reported|confirmed)(?:\s+\S+){0,2}"
    r"|according\s+to(?:\s+\S+){1,6})\s*$", re.IGNORECASE)


def title_from_sentence(sentence: str) -> str:
    """A complete phrase from the start of ``sentence`` (see the module's docstring)."""
    text = without_dateline(" ".join(sentence.split()))
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
    # No phrase ends early enough: the first place one does, else the whole sentence (long, but
    # complete).
    return min((c for c in cuts if _measure(c) > LONG_WORDS), key=_measure, default=text)


def _opening_clause_only(head: str, words: list[str]) -> bool:
    """Whether ``head`` is only what comes before the sentence's main clause.

    "Hours before the game Tuesday" and "If you have done the course" open with a subordinate
    clause, and "Prince Andrew, the younger brother of the heir" with an aside: the main clause
    comes later. A head whose start is a phrase or clause set off by a comma ("After a month of
    talks, the county agreed") is whole.
    """
    opener = any(w in _CLAUSE_WORDS - _RELATIVE - {"that"} for w in words[:2])
    if opener:
        return "," not in head
    first = words[0]
    return "," in head and first not in _PHRASE_WORDS and first not in _CLAUSE_WORDS


def without_dateline(text: str) -> str:
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
        if not at_clause and _REPORTING.search(head):
            continue  # "police said the demonstrators inside …": what they said is still going on
        if head and _reads_complete(head):
            out.append(head)
    return out


def _reads_complete(head: str) -> bool:
    """Not ending on a word that needs more after it, not inside a clause or aside that is
    still open, and no quotation or bracket left open."""
    words = [w.lower().strip("\"'“”‘’(),") for w in head.split()]
    if not words or words[-1] in _DANGLING:
        return False
    aside = list(_ASIDE.finditer(head))
    if aside and "," not in head[aside[-1].end():]:
        return False  # inside ", who were …,": the sentence's own verb is still to come
    if not aside and any(w in _RELATIVE for w in words[1:]):
        return False  # "Photos which were released online": the verb of "Photos" is still to come
    if _opening_clause_only(head, words):
        return False
    return (head.count("“") == head.count("”") and head.count('"') % 2 == 0
            and head.count("(") == head.count(")"))
