"""The spoken version: script (what is said), normalisation (how), engines (which voice)."""


def normalize(text: str, lang: str = "en") -> str:
    """Return ``text`` as speakable words: numbers, phones, dates, money, abbreviations."""
    from .normalize import normalize as _normalize

    return _normalize(text, lang)
