"""The tool's own words (page labels, help-box heading, QR caption, spoken intro and outro) per language.

One TOML file per language in ``messages/``, keys grouped by where they are used
(``handout.page``, ``speech.intro`` …). A key a language lacks falls back to English, so a new
key never breaks a build; :func:`missing_keys` lists such gaps for the tests.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_DIR = Path(__file__).parent / "messages"
DEFAULT = "en"


@functools.lru_cache(maxsize=None)
def _catalogue(code: str) -> dict[str, str]:
    path = _DIR / f"{code}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {f"{section}.{key}": value for section, table in data.items() for key, value in table.items()}


@functools.lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Every language code that has a catalogue, e.g. ``("ar", "en", …, "zh-Hant")``."""
    return tuple(sorted(p.stem for p in _DIR.glob("*.toml")))


def catalogue_for(lang: str) -> str:
    """The catalogue that serves BCP 47 tag ``lang``: exact, then script or region, then base.

    ``zh``, ``zh-CN`` and ``zh-SG`` get Simplified Chinese; ``zh-TW``, ``zh-HK`` and ``zh-MO``
    Traditional; ``es-MX`` Spanish; ``pes`` / ``prs`` (Persian, Dari) Farsi; unknown: English.
    """
    parts = (lang or DEFAULT).replace("_", "-").split("-")
    base = parts[0].lower()
    rest = [p.lower() for p in parts[1:]]
    known = set(languages())
    if base == "zh":
        return "zh-Hant" if any(p in ("hant", "tw", "hk", "mo") for p in rest) else "zh-Hans"
    if base == "yue":  # Cantonese is written in Traditional characters
        return "zh-Hant"
    if base == "cmn":  # Mandarin (espeak's tag): Simplified, like plain "zh"
        return "zh-Hans"
    if base in ("pes", "prs", "per"):
        base = "fa"
    if base in ("fil",):
        base = "tl"
    return base if base in known else DEFAULT


def t(lang: str, key: str, **fmt) -> str:
    """The message ``key`` in ``lang`` (falling back to English), with ``{name}`` fields filled."""
    text = _catalogue(catalogue_for(lang)).get(key)
    if text is None:
        text = _catalogue(DEFAULT).get(key)
    if text is None:
        raise KeyError(f"no message {key!r}")
    return text.format(**fmt) if fmt else text


def keys() -> tuple[str, ...]:
    """Every key of the English catalogue."""
    return tuple(_catalogue(DEFAULT))


def missing_keys(code: str) -> list[str]:
    """Keys of the English catalogue that language ``code``'s own file lacks."""
    own = _catalogue(code)
    return [k for k in keys() if k not in own]


def format_date(d, lang: str) -> str:
    """``d`` (a date) written as readers of ``lang`` write it: "5 января 2026 г.", "2026年1月5日"."""
    cat = _catalogue(catalogue_for(lang))
    fmt = cat.get("date.format") or _catalogue(DEFAULT)["date.format"]
    months = cat.get("date.months") or _catalogue(DEFAULT)["date.months"]
    return fmt.format(day=d.day, month=months[d.month - 1], year=d.year)


def help_titles() -> tuple[str, ...]:
    """Every language's help-box heading (e.g. "Get help", "احصل على المساعدة"), for readers
    that recognise a hotline paragraph by its heading."""
    return tuple(dict.fromkeys(_catalogue(code)[key] for code in languages()
                               for key in ("handout.help_title", "speech.help_section")
                               if key in _catalogue(code)))


__all__ = ["t", "languages", "catalogue_for", "keys", "missing_keys", "has", "format_date", "help_titles"]
