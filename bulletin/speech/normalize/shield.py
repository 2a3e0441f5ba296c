"""Hiding finished spans from later rules, and running rules in order without ever failing.

Each rule replaces what it recognises with a *shielded* token (characters from Unicode's
private-use area), so a later rule cannot re-read "one, eight eight eight" as something else or
spell out the capitals of a vanity number. The tokens are swapped back at the very end.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

OPEN, CLOSE = "\ue000", "\ue001"
_DIGIT0 = 0xE100  # token digits live in U+E100..U+E109: never letters, digits or spaces
_TOKEN = re.compile(OPEN + "([\ue100-\ue109]+)" + CLOSE)
_PRIVATE = re.compile("[\ue000-\uf8ff]")

Rule = Callable[[str, "Shield"], str]


class Shield:
    """Stores finished spoken spans; :meth:`__call__` returns the token standing for one."""

    def __init__(self) -> None:
        self.spans: list[str] = []

    def __call__(self, spoken: str) -> str:
        self.spans.append(spoken)
        index = str(len(self.spans) - 1)
        return OPEN + "".join(chr(_DIGIT0 + int(d)) for d in index) + CLOSE

    def restore(self, text: str) -> str:
        """Put every span back (spans may hold tokens of earlier spans, so repeat)."""

        def back(m: re.Match[str]) -> str:
            i = int("".join(str(ord(c) - _DIGIT0) for c in m.group(1)))
            return self.spans[i] if i < len(self.spans) else ""

        for _ in range(8):
            text, count = _TOKEN.subn(back, text)
            if not count:
                break
        return _PRIVATE.sub("", text)


def drop_private_use(text: str) -> str:
    """Remove private-use characters (icon fonts) before shielding starts.

    Why: they cannot be spoken and would collide with shield tokens. Risks: none known.
    """
    return _PRIVATE.sub("", text)


def run(text: str, rules: Sequence[Rule]) -> str:
    """Apply ``rules`` in order; a rule that raises is skipped, so the result is always a str."""
    shield = Shield()
    text = drop_private_use(text)
    for rule in rules:
        try:
            out = rule(text, shield)
        except Exception:  # noqa: BLE001 - one faulty fix must never cost the whole bulletin
            continue
        if isinstance(out, str):
            text = out
    return tidy_spaces(shield.restore(text))


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?])(?=\s|$)")


def tidy_spaces(text: str) -> str:
    """Collapse runs of spaces (keeping line breaks) and drop spaces before punctuation.

    Why: replacements leave double spaces; engines pause oddly on " ,". Risks: none known.
    """
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.splitlines()]
    return _SPACE_BEFORE_PUNCT.sub(r"\1", "\n".join(lines)).strip()
