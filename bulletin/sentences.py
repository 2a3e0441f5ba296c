"""Splitting running text into sentences, in every script the tool prints.

Shared by the readers (a headline derived from the first sentence) and the spoken script (one
utterance, one caption per sentence), so "Dr." or "a.m." is handled the same way in both.
"""
from __future__ import annotations

import re
from typing import Iterable

# Never end a sentence: titles and short forms that are always followed by more words.
_ALWAYS_CONTINUES = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "jr", "sr", "sra", "srta", "dra", "gen",
    "gov", "sen", "rep", "lt", "col", "capt", "sgt", "rev", "hon", "dept", "no", "nos", "vol",
    "vs", "e.g", "i.e", "cf", "approx", "ave", "blvd", "rd", "apt", "ste", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel", "ext", "núm", "ud",
    "uds", "av", "pág",
}
# End a sentence only when the next word clearly starts one ("at 10 a.m. Monday" goes on;
# "at 10 a.m. The doors open" does not).
_AMBIGUOUS = {"a.m", "p.m", "u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp", "ee. uu", "uu"}
_STARTERS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "we", "they", "he", "she",
    "you", "i", "our", "their", "his", "her", "there", "in", "on", "at", "if", "but", "and", "so",
    "when", "after", "before", "call", "text", "most", "many", "some", "all", "people", "for",
    "el", "la", "los", "las", "un", "una", "en", "si", "pero", "y", "usted", "ellos", "nosotros",
    "llame", "para",
}
_CANDIDATE = re.compile(r"[.!?…։।؟]+[\"'”’»)\]]*(?=\s+)|[。！？]+[」』”’）)]*(?=\S)")
"""A full stop (Latin, Armenian ``։``, Devanagari ``।``, Arabic ``؟``) before a space, or a
full-width one (Chinese, Japanese), which needs no space after it."""
_FULL_WIDTH = "。！？"
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[¿¡]*([\w.]+)")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping every character but the spaces between them.

    Abbreviations (Dr., No., a.m., U.S., single initials) do not end a sentence unless the next
    word plainly starts one. Risk: "in the U.S. Officials said" stays one sentence (harmless: it
    is still read, only the caption is longer).
    """
    out, start = [], 0
    for m in _CANDIDATE.finditer(text):
        if m.group(0)[0] not in _FULL_WIDTH:
            nxt = _NEXT_WORD.match(text, m.end())
            if not nxt or not _ends_sentence(text[start:m.end()], m.group(0), nxt.group(1)):
                continue
        if _inside_quote(text[start:m.end()]):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def _inside_quote(text: str) -> bool:
    """Whether a quotation opened in ``text`` is still open: a quoted passage of several sentences
    stays one utterance, so no caption starts or ends mid-quote. Risk: an unclosed quote keeps
    the rest of its paragraph together (still read, only as one longer caption)."""
    return (text.count("“") > text.count("”") or text.count("«") > text.count("»")
            or text.count('"') % 2 == 1)


def _ends_sentence(before: str, punct: str, next_word: str) -> bool:
    if next_word[0].islower() or not (next_word[0].isalpha() or next_word[0].isdigit()):
        return False  # "e.g. a debt", "approx. two hours"; caseless scripts (Korean, Arabic) go on
    if punct[0] != ".":
        return True  # ! ? … end sentences
    word = re.search(r"([\w.]+?)\.[\"'”’»)\]]*$", before)
    token = (word.group(1) if word else "").lower()
    if token in _ALWAYS_CONTINUES:
        return False
    if len(token) == 1 and token.isalpha() and token.upper() != token:
        return False  # an initial: "J. Smith", "Ana M. Ruiz" (only cased scripts have them)
    if token in _AMBIGUOUS or re.fullmatch(r"(?:\w\.)+\w", token):
        return next_word.lower() in _STARTERS
    return True


def sentence_bounds(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Where each sentence of :func:`split_sentences` (run on ``text`` with its whitespace
    collapsed, as the spoken script does) sits in ``text`` itself, as (start, end) offsets.
    ``cuts`` are offsets no sentence runs across (where a passage in another language starts
    or ends: the script splits each such run on its own).

    Why: the talking books mark each spoken sentence in text that keeps its own spacing and
    links, so the spoken sentence must be found back in it.
    """
    edges = sorted({0, len(text)} | {c for c in cuts if 0 < c < len(text)})
    out = []
    for a, b in zip(edges, edges[1:]):
        piece = text[a:b]
        at = [i for i, c in enumerate(piece) if not c.isspace()]  # offset of each visible character
        n = 0
        for s in split_sentences(" ".join(piece.split())):
            visible = sum(1 for c in s if not c.isspace())
            if not visible:
                continue
            out.append((a + at[n], a + at[n + visible - 1] + 1))
            n += visible
    return out
