"""Languages without their own rules: numbers through num2words if it knows the language."""
from __future__ import annotations

import re
from functools import lru_cache

from .common import unify_characters
from .shield import Rule, Shield

_PHONE_LIKE = re.compile(r"(?<![\w])\+?[0-9]{2,}(?:[ .-][0-9]{2,}){2,}(?![\w])")
_INTEGER = re.compile(r"(?<![\w.,])[0-9]{1,9}(?![\w]|[.,][0-9])")


@lru_cache(maxsize=64)
def rules_for_language(lang: str) -> tuple[Rule, ...]:
    try:
        from num2words import num2words
        num2words(1, lang=lang)
    except Exception:  # noqa: BLE001 - NotImplementedError, or anything a converter raises
        return (unify_characters,)

    def say(n: str) -> str:
        return num2words(int(n), lang=lang)

    def speak_phone_like_digits(text: str, shield: Shield) -> str:
        """Groups of digits with separators (phone numbers) are read digit by digit.

        Why: a number to dial is not a quantity. Risks: a date like 2025-03-03 is read digits.
        """
        return _PHONE_LIKE.sub(lambda m: shield(", ".join(
            " ".join(say(c) for c in g) for g in re.findall(r"[0-9]+", m.group()))), text)

    def speak_integers(text: str, shield: Shield) -> str:
        """Plain integers up to nine digits in the language's words (num2words).

        Risks: separators differ by language, so '1.500' or '1,5' are left to the voice.
        """
        return _INTEGER.sub(lambda m: shield(say(m.group())), text)

    return (unify_characters, speak_phone_like_digits, speak_integers)
