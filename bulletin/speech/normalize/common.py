"""Fixes every language shares: characters, the organisation's pronunciations table."""
from __future__ import annotations

import re
from collections.abc import Mapping

from .shield import Rule, Shield

_CHARS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00ba": "\u00b0",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "",
    "\ufeff": "", "\u00ad": "",
})
_DASH_BETWEEN_NUMBERS = re.compile(r"(?<=[0-9])\s?[\u2013\u2014]\s?(?=[$£€]?[0-9])")


def unify_characters(text: str, shield: Shield) -> str:
    """Curly quotes, primes, Unicode minus and odd spaces become their plain forms; an en dash
    between numbers becomes a hyphen so ranges ("9–5") are read as ranges.

    Why: every later rule then matches one spelling. Risks: a prime after a number (5′10″)
    becomes ' and " — which the measure rule reads as feet and inches, as intended.
    """
    return _DASH_BETWEEN_NUMBERS.sub("-", text.translate(_CHARS))


def pronunciation_rule(pronunciations: Mapping[str, str] | None) -> Rule:
    """Build the rule that swaps names for the organisation's respellings (``[pronunciations]``).

    Whole words only; the longest key wins. A key written with capitals matches only that
    spelling (so "Reading" the town is not "reading" the verb); an all-lowercase key matches any
    capitalisation. The respelling is shielded: later rules never spell it out or change it.
    """
    table = {k.strip(): v for k, v in (pronunciations or {}).items()
             if isinstance(k, str) and isinstance(v, str) and k.strip()}
    if not table:
        return lambda text, shield: text
    exact = {k: v for k, v in table.items() if k != k.lower()}
    loose = {k.lower(): v for k, v in table.items() if k == k.lower()}
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.IGNORECASE)

    def apply_pronunciations(text: str, shield: Shield) -> str:
        """Respell names from bulletin.toml before anything else sees them.

        Why: names are what voices get most wrong and what listeners notice. Risks: a key that
        is also a common word changes every occurrence; keep keys to names.
        """

        def swap(m: re.Match[str]) -> str:
            word = m.group(1)
            if word in exact:
                return shield(exact[word])
            if word.lower() in loose:
                return shield(loose[word.lower()])
            return word

        return pattern.sub(swap, text)

    return apply_pronunciations
