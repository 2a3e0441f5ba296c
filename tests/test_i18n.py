"""The message catalogue: every language has every message, with the same fields, and its dates."""
from __future__ import annotations

import datetime as dt
import string

import pytest

from bulletin import i18n
from bulletin.readers.text import read_text

LANGS = i18n.languages()


def fields(text) -> set[str]:
    if isinstance(text, list):
        return set()
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_threshold_languages_have_catalogues():
    for code in ("en", "es", "hy", "zh-Hans", "zh-Hant", "ko", "vi", "tl", "ru", "fa", "ar",
                 "km", "ja", "th", "hi"):
        assert code in LANGS


@pytest.mark.parametrize("code", LANGS)
def test_every_key_in_every_language_with_the_same_fields(code):
    assert i18n.missing_keys(code) == []
    own = i18n._catalogue(code)
    for key in i18n.keys():
        assert fields(own[key]) == fields(i18n._catalogue("en")[key]), (code, key)
    assert len(own["date.months"]) == 12 and len(set(own["date.months"])) == 12


@pytest.mark.parametrize("lang,expected", [
    ("en", "January 5, 2026"), ("es", "5 de enero de 2026"), ("ru", "5 января 2026 г."),
    ("zh-Hans", "2026年1月5日"), ("ko", "2026년 1월 5일"), ("es-MX", "5 de enero de 2026"),
    ("xx", "January 5, 2026"),
])
def test_dates_per_language(lang, expected):
    assert i18n.format_date(dt.date(2026, 1, 5), lang) == expected


@pytest.mark.parametrize("code", LANGS)
def test_help_heading_of_every_language_makes_a_help_box(code):
    title = i18n.t(code, "handout.help_title")
    art = read_text(f"Notice\n\nSome text here.\n\n{title}:\n1-888-373-7888\n233733\n")
    assert art.helpbox is not None and art.helpbox.title == title


def test_catalogue_lookup_falls_back_by_script_region_and_base():
    assert i18n.catalogue_for("zh-TW") == "zh-Hant"
    assert i18n.catalogue_for("zh") == "zh-Hans"
    assert i18n.catalogue_for("pes") == "fa"
    assert i18n.catalogue_for("de") == "en"
    assert i18n.t("ar", "handout.by", name="X") == "بقلم X"


def test_cantonese_gets_traditional_chinese():
    from bulletin.i18n import catalogue_for

    assert catalogue_for("yue") == "zh-Hant" and catalogue_for("yue-HK") == "zh-Hant"


def test_mandarin_gets_simplified_chinese():
    from bulletin.i18n import catalogue_for
    from bulletin.speech.script import catalogue_code

    assert catalogue_for("cmn") == catalogue_code("cmn") == "zh-Hans"
    assert catalogue_code("yue") == "zh-Hant" and catalogue_code("fr") is None
