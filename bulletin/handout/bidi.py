"""Right-to-left and left-to-right words in one line: the order they are drawn in.

A word-level form of the Unicode bidi algorithm (rlbidi, which ReportLab would use, is not on
PyPI): the paragraph's direction from its first strong letter, the order of a line's words from
left to right, and the order of a word's characters as ReportLab must be given them.
"""
from __future__ import annotations

import unicodedata

from .words import MISSING, Token

#: Brackets swap when a run of left-to-right text sits in a right-to-left line.
MIRROR = dict(zip("()[]{}<>«»", ")(][}{><»«"))


def base_direction(text: str) -> str:
    """"rtl" when the first strong letter is right-to-left (the paragraph rule of Unicode bidi)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def kind(tok: Token) -> str:
    """"R" (right-to-left letters), "L" (left-to-right letters), "EN" (numbers) or "N"."""
    kinds = {unicodedata.bidirectional(c) for c in tok.text}
    if kinds & {"R", "AL"}:
        return "R"
    if "L" in kinds:
        return "L"
    if kinds & {"EN", "AN"}:
        return "EN"
    return "N"


def visual_order(line: list[Token], direction: str) -> list[int]:
    """Indexes of ``line``'s tokens from left to right.

    Word-level Unicode bidi: in a right-to-left line, runs of left-to-right words and numbers
    keep their order while the runs (and right-to-left words) are laid out from the right; in a
    left-to-right line, runs of right-to-left words are reversed. A neutral word (a dash) takes
    the direction of its neighbours when both agree, else the line's. Risk: explicit embedding
    controls (RLE, LRI …) are ignored; articles rarely carry them.
    """
    if not line:
        return []
    kinds = [kind(t) for t in line]
    other = {"L", "EN"} if direction == "rtl" else {"R"}
    strong = [k in other for k in kinds]
    for i, k in enumerate(kinds):
        if k == "N":
            left = next((strong[j] for j in range(i - 1, -1, -1) if kinds[j] != "N"), False)
            right = next((strong[j] for j in range(i + 1, len(kinds)) if kinds[j] != "N"), False)
            strong[i] = left and right
    runs: list[list[int]] = []
    for i, s in enumerate(strong):
        if s and runs and strong[runs[-1][-1]]:
            runs[-1].append(i)
        else:
            runs.append([i])
    if direction == "rtl":
        order = [i for run in reversed(runs) for i in run]
    else:
        order = [i for run in runs for i in (reversed(run) if strong[run[0]] else run)]
    return order


def inner_order(tok: Token, direction: str) -> list:
    """The token's characters in the order ReportLab must be given them.

    A right-to-left word stays logical (HarfBuzz shapes and reverses it) except for its digit
    runs, which are pre-reversed because HarfBuzz reverses the whole word. A left-to-right word
    or number in a right-to-left line has its leading and trailing punctuation moved to the
    other side and mirrored ("911." is drawn ".911"), as the bidi algorithm resolves them.
    """
    if tok.missing:
        return [(MISSING, bold, href) for _, bold, href in tok.chars]
    chars = list(tok.chars)
    if kind(tok) == "R":
        out, i = [], 0
        while i < len(chars):
            j = i
            while j < len(chars) and unicodedata.bidirectional(chars[j][0]) in ("EN", "AN") or (
                    i < j < len(chars) - 1 and chars[j][0] in ".,:/-"
                    and unicodedata.bidirectional(chars[j + 1][0]) in ("EN", "AN")):
                j += 1
            if j > i:
                out.extend(reversed(chars[i:j]))
                i = j
            else:
                out.append(chars[i])
                i += 1
        return out
    if direction != "rtl":
        return chars
    a, b = 0, len(chars)
    while a < b and neutral(chars[a][0]):
        a += 1
    while b > a and neutral(chars[b - 1][0]):
        b -= 1

    def mirrored(seq):
        return [(MIRROR.get(c, c), bold, href) for c, bold, href in reversed(seq)]

    return mirrored(chars[b:]) + chars[a:b] + mirrored(chars[:a])


def neutral(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("ON", "CS", "ES", "ET", "WS", "B", "S")
