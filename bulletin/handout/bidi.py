"""Right-to-left and left-to-right words in one line: the order they are drawn in.

A word-level form of the Unicode bidi algorithm (rlbidi, which ReportLab would use, is not on
PyPI): the paragraph's direction from its first strong letter, the order of a line's words from
left to right, and the order of a word's characters as ReportLab must be given them.

A word's leading and trailing punctuation is cut off as pieces of its own (:func:`split_edges`),
because the algorithm may give it another direction than the word's letters: the stop after an
Arabic word that ends an English paragraph is drawn right of that word, not inside its
right-to-left run. Each piece and each space between words then gets a level (rules W2, W5,
W7, N0, N1, N2, I1, I2 of the algorithm, applied to pieces rather than characters, over the whole
paragraph) and each line is reordered by level (rule L2). One deliberate difference: a number
written as one word stays whole after Arabic letters, where rules W2 and W4 would reverse the
groups of "1-888-373-7888" (a hotline read backwards is a wrong number).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .words import MISSING, Token, width

#: Brackets swap when a run of left-to-right text sits in a right-to-left line.
MIRROR = dict(zip("()[]{}<>«»", ")(][}{><»«"))

#: Paired brackets (the Bidi_Paired_Bracket property, which unicodedata lacks): opener to closer.
OPENS = {"(": ")", "[": "]", "{": "}"}
PAIRED = frozenset(OPENS) | frozenset(OPENS.values())

#: Neutral and weak classes that a word's leading or trailing punctuation may have.
_EDGE_CLASSES = frozenset({"ON", "CS", "ES", "ET", "WS", "B", "S"})


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


def _edge_bounds(text: str) -> tuple[int, int]:
    """(start, end) of ``text``'s core: what is left once leading and trailing punctuation and
    signs ("$", "%") go. A word with no letter or digit is all core."""
    classes = [unicodedata.bidirectional(c) for c in text]
    a, b = 0, len(text)
    while a < b and classes[a] in _EDGE_CLASSES:
        a += 1
    while b > a and classes[b - 1] in _EDGE_CLASSES:
        b -= 1
    if a == b:
        return 0, len(text)
    return a, b


def _punctuation_cuts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``text[lo:hi]`` (punctuation) cut so that each paired bracket is a piece of its own, and
    signs (class ET: "$", "%") are apart from other punctuation.

    Why: rule N0 pairs brackets one by one, and rule W5 joins a sign to the number it touches
    ("50%") but not the stop after it.
    """
    cuts: list[tuple[int, int]] = []
    run = lo
    for i in range(lo, hi):
        if text[i] in PAIRED:
            if run < i:
                cuts.append((run, i))
            cuts.append((i, i + 1))
            run = i + 1
        elif run < i and _is_sign(text[i]) != _is_sign(text[i - 1]):
            cuts.append((run, i))
            run = i
    if run < hi:
        cuts.append((run, hi))
    return cuts


def _is_sign(ch: str) -> bool:
    return unicodedata.bidirectional(ch) == "ET"


def _cuts(tok: Token, direction: str) -> list[tuple[int, int]]:
    """Where ``tok`` is cut by :func:`split_edges`: (start, end) pieces covering it in order."""
    text = tok.text
    if kind(tok) == "N":  # no letter or digit: a dash, a lone bracket, "):"
        return _punctuation_cuts(text, 0, len(text))
    a, b = _edge_bounds(text)
    against = kind(tok) != ("R" if direction == "rtl" else "L")
    lead, trail = _punctuation_cuts(text, 0, a), _punctuation_cuts(text, b, len(text))
    if not against:  # punctuation other than brackets stays on a word of the paragraph's direction
        while lead and text[lead[-1][0]] not in PAIRED:
            a = lead.pop()[0]
        while trail and text[trail[0][0]] not in PAIRED:
            b = trail.pop(0)[1]
    return lead + [(a, b)] + trail


def split_edges(line: list[Token], direction: str, size: float | None = None) -> list[Token]:
    """``line`` with words' leading and trailing punctuation cut off as glued pieces.

    Why: a word was ordered as one unit, so "سلام." at the end of an English paragraph drew its
    stop on the left, inside the Arabic run; the bidi algorithm gives punctuation between a
    right-to-left word and the paragraph's end (or a left-to-right word) the paragraph's
    direction, so it belongs on the right. All punctuation is cut off a word that runs against
    the paragraph (``direction``) or a number; a word of the paragraph's own direction loses
    only its brackets (which rule N0 resolves as pairs), as its other punctuation always
    resolves to its direction (rules N1, N2). The pieces keep the word's font, so the word
    still looks the same. With ``size`` each piece is measured, else it gets its share of the
    word's width. Idempotent: a line already split comes back unchanged. Risk: a piece is
    shaped apart from its word, so no kerning between a letter and the stop after it.
    """
    out: list[Token] = []
    for tok in line:
        cuts = [] if tok.missing else _cuts(tok, direction)
        if len(cuts) < 2:
            out.append(tok)
            continue
        for n, (lo, hi) in enumerate(cuts):
            piece = Token(tok.chars[lo:hi], glued=tok.glued if n == 0 else True, font=tok.font,
                          bound=tok.bound if n == 0 else False)
            piece.width = width(piece, size) if size else tok.width * (hi - lo) / len(tok.chars)
            out.append(piece)
    return out


@dataclass(frozen=True)
class Placed:
    """One token of a line, in the order the line is drawn from left to right."""

    index: int
    """The token's index in the line (logical order)."""
    space_before: bool
    """Whether a word space is drawn between it and the token drawn left of it."""
    direction: str
    """"rtl" when its characters run right to left (its resolved level is odd), else "ltr"."""


def _weak_classes(kinds: list[str], texts: list[str], arabic: list[bool], direction: str) -> list[str]:
    """Each item's class after rules W2, W5 and W7: "L", "R", "EN" (a number) or "N".

    Why: a number after Arabic letters is an Arabic number (W2), which a sign does not join, so
    "50%" in an Arabic line is drawn "%50" (W5 joins it to any other number, so not in Hebrew);
    a number after left-to-right letters (or at the start of a left-to-right paragraph) counts
    as a left-to-right word (W7); any other number keeps its own level and acts as
    right-to-left on the punctuation around it (N1). Items are adjacent when glued (no space
    item between them).
    """
    out = list(kinds)
    last = "L" if direction == "ltr" else "R"
    for i, k in enumerate(kinds):  # W2
        if k == "R":
            last = "AL" if arabic[i] else "R"
        elif k == "L":
            last = "L"
        elif k == "EN" and last == "AL":
            out[i] = "AN"
    signs = [k == "N" and bool(t) and all(map(_is_sign, t)) for k, t in zip(kinds, texts)]
    i = 0
    while i < len(out):  # W5
        if not signs[i]:
            i += 1
            continue
        j = i
        while j < len(out) and signs[j]:
            j += 1
        if (i and out[i - 1] == "EN") or (j < len(out) and out[j] == "EN"):
            out[i:j] = ["EN"] * (j - i)
        i = j
    last = "L" if direction == "ltr" else "R"
    for i, k in enumerate(out):  # W7
        if k in ("L", "R"):
            last = k
        elif k == "EN" and last == "L":
            out[i] = "L"
    # From here an Arabic number is ordered as any other (rules N1, I1, I2 treat them alike).
    return ["EN" if k == "AN" else k for k in out]


def _bracket_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """(opener, closer) item indexes of matching bracket pieces, by opener (rule BD16)."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, t in enumerate(texts):
        if t in OPENS:
            if len(stack) == 63:
                break
            stack.append((OPENS[t], i))
        elif t in PAIRED:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == t:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_brackets(classes: list[str], texts: list[str], direction: str) -> list[str]:
    """Bracket pieces resolved as pairs by rule N0: "L" or "R", or "N" when nothing is inside.

    Why: "(USA)" after English words in an Arabic line must keep both brackets with the English;
    one at a time (N1) the closing one would take the Arabic that follows and be drawn apart
    ("(National Hotline (USA"). A pair takes the paragraph's direction when a word of that
    direction is inside; else the other direction when that is inside and also before it.
    """
    edge = "L" if direction == "ltr" else "R"
    out = list(classes)
    for a, b in _bracket_pairs(texts):
        inside = {"R" if c == "EN" else c for c in out[a + 1:b]} - {"N"}
        if edge in inside:
            found = edge
        elif inside:
            before = next(("R" if out[j] == "EN" else out[j] for j in range(a - 1, -1, -1)
                           if out[j] != "N"), edge)
            found = before  # the other direction only when it stands before the pair too
        else:
            continue
        out[a] = out[b] = found
    return out


def _resolve_neutrals(classes: list[str], direction: str) -> list[str]:
    """Neutral items resolved by rules N1 and N2: "L" or "R" each.

    Why: punctuation and spaces between two words of one direction take that direction (a
    number counts as right-to-left here); any other neutral takes the paragraph's direction,
    which is also what stands at the line's two ends.
    """
    edge = "L" if direction == "ltr" else "R"
    acting = ["R" if c == "EN" else c for c in classes]
    out = list(classes)
    for i, c in enumerate(classes):
        if c != "N":
            continue
        left = next((acting[j] for j in range(i - 1, -1, -1) if acting[j] != "N"), edge)
        right = next((acting[j] for j in range(i + 1, len(acting)) if acting[j] != "N"), edge)
        out[i] = left if left == right else edge
    return out


def _levels(classes: list[str], direction: str) -> list[int]:
    """Embedding levels by rules I1 and I2 (a right-to-left paragraph is level 1)."""
    base = 0 if direction == "ltr" else 1
    out = []
    for c in classes:
        if base == 0:
            out.append({"L": 0, "R": 1, "EN": 2}[c])
        else:
            out.append({"L": 2, "R": 1, "EN": 2}[c])
    return out


def _reorder(levels: list[int]) -> list[int]:
    """Item indexes from left to right by rule L2: from the highest level down to the lowest
    odd one, each run at that level or higher is reversed."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min((lv for lv in levels if lv % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def _items(line: list[Token]) -> list[tuple[str, int]]:
    """The line's tokens and the word spaces between them: ("tok", index) or ("gap", index of
    the token after the space)."""
    items: list[tuple[str, int]] = []
    for i, tok in enumerate(line):
        if i and not tok.glued:
            items.append(("gap", i))
        items.append(("tok", i))
    return items


def paragraph_levels(lines: list[list[Token]], direction: str) -> list[list[int]]:
    """Each line's item levels (see :func:`visual_layout`), resolved over the whole paragraph.

    Why: the algorithm resolves a paragraph before it is broken into lines, so a number at the
    start of a line after Arabic words on the line before keeps its own level, and punctuation
    that ends a line takes the direction of the word that follows on the next line. Lines from
    :func:`split_edges`.
    """
    kinds: list[str] = []
    texts: list[str] = []
    arabic: list[bool] = []
    sizes: list[int] = []
    for n, line in enumerate(lines):
        items = _items(line)
        if n:
            items = [("gap", -1)] + items  # the space where the line was broken
        kinds += ["N" if what == "gap" else kind(line[i]) for what, i in items]
        texts += [" " if what == "gap" else line[i].text for what, i in items]
        arabic += [what == "tok" and any(unicodedata.bidirectional(c) == "AL" for c in line[i].text)
                   for what, i in items]
        sizes.append(len(items) - (1 if n else 0))
    classes = _resolve_brackets(_weak_classes(kinds, texts, arabic, direction), texts, direction)
    levels = _levels(_resolve_neutrals(classes, direction), direction)
    out, at = [], 0
    for n, size in enumerate(sizes):
        at += 1 if n else 0
        out.append(levels[at:at + size])
        at += size
    return out


def visual_layout(line: list[Token], direction: str, levels: list[int] | None = None) -> list[Placed]:
    """``line``'s tokens from left to right, each with its space and its drawing direction.

    The spaces between words are items of the line too: a space is resolved like punctuation,
    so after reordering it may stand on the other side of a word than in reading order ("Call
    رقم الهاتف, then": the comma touches the Arabic run's right end, the space follows it).
    ``levels`` are the line's from :func:`paragraph_levels`; without them the line is resolved
    as a paragraph of its own (a one-line label). ``line`` should have been through
    :func:`split_edges`. Risk: explicit embedding controls (RLE, LRI …) are ignored (the reader
    removes them); only the brackets ()[]{} are paired (rule N0).
    """
    if not line:
        return []
    items = _items(line)
    if levels is None or len(levels) != len(items):
        levels = paragraph_levels([line], direction)[0]
    out: list[Placed] = []
    space = False
    for n in _reorder(levels):
        what, i = items[n]
        if what == "gap":
            space = bool(out)
            continue
        out.append(Placed(i, space, "rtl" if levels[n] % 2 else "ltr"))
        space = False
    return out


def visual_order(line: list[Token], direction: str) -> list[int]:
    """Indexes of ``line``'s tokens from left to right (see :func:`visual_layout`)."""
    return [p.index for p in visual_layout(line, direction)]


def inner_order(tok: Token, direction: str) -> list:
    """The token's characters in the order ReportLab must be given them.

    ``direction`` is the way the token itself is drawn (:attr:`Placed.direction`), not the
    paragraph's. A right-to-left
    word stays logical (HarfBuzz shapes and reverses it) except for its digit runs, which are
    pre-reversed because HarfBuzz reverses the whole word. Punctuation drawn right to left is
    reversed and its brackets mirrored, as the bidi algorithm draws it (HarfBuzz would take it
    for left-to-right text). A left-to-right word or number is drawn as written.
    """
    if tok.missing:
        return [(MISSING, bold, href) for _, bold, href in tok.chars]
    chars = list(tok.chars)
    k = kind(tok)
    if k == "R":
        return _digit_runs_reversed(chars)
    if k == "N" and direction == "rtl":
        return [(MIRROR.get(c, c), bold, href) for c, bold, href in reversed(chars)]
    return chars


def _digit_runs_reversed(chars: list) -> list:
    """A right-to-left word's characters with each run of digits (and the separators inside it)
    reversed, so that HarfBuzz, reversing the whole word, draws the digits left to right."""
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


def neutral(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in _EDGE_CLASSES
