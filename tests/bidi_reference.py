"""A character-level Unicode bidi algorithm for plain text, to check the word-level one against.

Written for the tests from the rules of UAX #9 for text with no explicit embeddings or isolates,
with the brackets ()[]{} only (rules P2-P3, W1-W7, N0-N2, I1-I2, L1-L2, L4); it works on
characters and ``unicodedata.bidirectional`` classes only, sharing no code with
bulletin.handout.bidi.
"""
from __future__ import annotations

import unicodedata

_MIRRORS = dict(zip("()[]{}<>«»", ")(][}{><»«"))


def paragraph_level(text: str) -> int:
    """Rules P2-P3: 1 when the first strong character is right-to-left, else 0."""
    for ch in text:
        k = unicodedata.bidirectional(ch)
        if k in ("R", "AL"):
            return 1
        if k == "L":
            return 0
    return 0


def levels(text: str, base: int) -> list[int]:
    """Each character's resolved level (one level run: sos = eos = the paragraph's), with
    trailing whitespace at the paragraph's level (L1)."""
    edge = "R" if base else "L"
    t = [unicodedata.bidirectional(c) for c in text]
    for i, k in enumerate(t):  # W1
        if k == "NSM":
            t[i] = t[i - 1] if i else edge
    strong = edge
    for i, k in enumerate(t):  # W2, W3
        if k in ("L", "R", "AL"):
            strong = k
        if k == "EN" and strong == "AL":
            t[i] = "AN"
        if k == "AL":
            t[i] = "R"
    for i in range(1, len(t) - 1):  # W4
        if t[i] == "ES" and t[i - 1] == t[i + 1] == "EN":
            t[i] = "EN"
        elif t[i] == "CS" and t[i - 1] == t[i + 1] and t[i - 1] in ("EN", "AN"):
            t[i] = t[i - 1]
    i = 0
    while i < len(t):  # W5
        if t[i] == "ET":
            j = i
            while j < len(t) and t[j] == "ET":
                j += 1
            if (i and t[i - 1] == "EN") or (j < len(t) and t[j] == "EN"):
                t[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    t = ["ON" if k in ("ES", "ET", "CS") else k for k in t]  # W6
    strong = edge
    for i, k in enumerate(t):  # W7
        if k in ("L", "R"):
            strong = k
        if k == "EN" and strong == "L":
            t[i] = "L"
    _paired_brackets(text, t, edge)
    acting = ["R" if k in ("EN", "AN") else k for k in t]
    neutral = ("B", "S", "WS", "ON", "BN")
    out_t = list(t)
    for i, k in enumerate(t):  # N1, N2
        if k in neutral:
            left = next((acting[j] for j in range(i - 1, -1, -1) if acting[j] not in neutral), edge)
            right = next((acting[j] for j in range(i + 1, len(t)) if acting[j] not in neutral), edge)
            out_t[i] = left if left == right else edge
    lv = []
    for k in out_t:  # I1, I2
        if base == 0:
            lv.append({"L": 0, "R": 1}.get(k, 2))
        else:
            lv.append({"R": 1}.get(k, 2))
    return _line_end_reset(text, lv, base)


_OPENS = {"(": ")", "[": "]", "{": "}"}


def _paired_brackets(text: str, t: list[str], edge: str) -> None:
    """Rule N0 (with BD16 pairing), in place on the classes ``t``."""
    stack, pairs = [], []
    for i, ch in enumerate(text):
        if t[i] != "ON":
            continue
        if ch in _OPENS:
            if len(stack) == 63:
                break
            stack.append((_OPENS[ch], i))
        elif ch in _OPENS.values():
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    strong = {"L": "L", "R": "R", "EN": "R", "AN": "R"}
    for a, b in sorted(pairs):
        inside = {strong[k] for k in t[a + 1:b] if k in strong}
        if edge in inside:
            t[a] = t[b] = edge
        elif inside:
            before = next((strong[t[j]] for j in range(a - 1, -1, -1) if t[j] in strong), edge)
            t[a] = t[b] = before


def visual(text: str, base: int | None = None) -> str:
    """``text`` (one line) in the order it is shown from left to right, mirrored where drawn
    right to left (rules L2 and L4)."""
    return visual_lines(text, [], base)[0]


def visual_lines(text: str, breaks: list[int], base: int | None = None) -> list[str]:
    """``text`` resolved as one paragraph, then broken at the spaces at the indexes ``breaks``
    (those spaces dropped) and each line reordered (rules L1, L2, L4)."""
    base = paragraph_level(text) if base is None else base
    lv = levels(text, base)
    out = []
    for a, b in zip([0] + [k + 1 for k in breaks], breaks + [len(text)]):
        seg = text[a:b]
        out.append(_reordered(seg, _line_end_reset(seg, lv[a:b], base)))
    return out


def _line_end_reset(seg: str, lv: list[int], base: int) -> list[int]:
    """Rule L1: whitespace at the end of a line goes to the paragraph's level."""
    lv = list(lv)
    j = len(seg)
    while j and unicodedata.bidirectional(seg[j - 1]) in ("WS", "S", "B", "BN"):
        j -= 1
        lv[j] = base
    return lv


def _reordered(text: str, lv: list[int]) -> str:
    order = list(range(len(text)))
    odd = [x for x in lv if x % 2]
    if odd:
        for level in range(max(lv), min(odd) - 1, -1):
            i = 0
            while i < len(order):
                if lv[order[i]] >= level:
                    j = i
                    while j < len(order) and lv[order[j]] >= level:
                        j += 1
                    order[i:j] = order[i:j][::-1]
                    i = j
                else:
                    i += 1
    return "".join(_MIRRORS.get(text[k], text[k]) if lv[k] % 2 else text[k] for k in order)


def is_rtl_letter(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL", "NSM") and not ch.isspace()


def comparable(shown: str) -> str:
    """Spaces dropped and each run of right-to-left letters put back in reading order: the
    order of words and punctuation that a page shows, whatever its glyphs inside a word."""
    shown = "".join(shown.split())
    out, run = [], []
    for ch in shown + "\0":
        if is_rtl_letter(ch):
            run.append(ch)
            continue
        out.extend(reversed(run))
        run = []
        out.append(ch)
    return "".join(out[:-1])
