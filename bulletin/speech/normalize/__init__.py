"""Text normalisation: turn written text into the words a voice should say.

``normalize(text, lang, pronunciations)`` runs a language's ordered list of small, named
fixes (see ``en.RULES``, ``es.RULES``). Each fix is a function whose docstring says why it
exists and what it risks. Nothing here raises: a fix that fails is skipped, and any input
returns a string.
"""
from __future__ import annotations

from collections.abc import Mapping

from .common import pronunciation_rule
from .shield import Rule, run, tidy_spaces

__all__ = ["normalize", "rules_for"]


def rules_for(lang: str) -> tuple[Rule, ...]:
    """The ordered fixes for a language tag ('en', 'en-GB', 'es-MX', anything else)."""
    primary = (lang or "en").replace("_", "-").split("-")[0].lower()
    if primary == "en":
        from .en import RULES
        return RULES
    if primary == "es":
        from .es import RULES
        return RULES
    from .generic import rules_for_language
    return rules_for_language(primary)


def normalize(text: str, lang: str = "en", pronunciations: Mapping[str, str] | None = None) -> str:
    """Return ``text`` as speakable words: numbers, phones, dates, money, abbreviations.

    ``pronunciations`` maps names to respellings (bulletin.toml's ``[pronunciations]``) and is
    applied first, to whole words.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        rules = (pronunciation_rule(pronunciations),) + rules_for(lang if isinstance(lang, str) else "en")
        return run(text, rules)
    except Exception:  # noqa: BLE001 - a spoken bulletin with raw text beats no bulletin
        return tidy_spaces(text)
