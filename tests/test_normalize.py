"""English text normalisation: each case is our own sentence and the exact words we want said."""
from __future__ import annotations

import re

import pytest

from bulletin.speech import normalize
from bulletin.speech.normalize import rules_for

CASES = [
    # phones, codes, identifiers
    ("Call 1-877-555-0142 today.", "Call one, eight seven seven, five five five, zero one four two today."),
    ("Ring (310) 555-0123.", "Ring three one zero, five five five, zero one two three."),
    ("Dial +1 (415) 555-0100 ext. 7", "Dial plus one, four one five, five five five, zero one zero zero, extension seven"),
    ("Free line 1-800-555-0000", "Free line one, eight hundred, five five five, zero zero zero zero"),
    ("In an emergency call 911.", "In an emergency call nine one one."),
    ("Dial 211 for food banks.", "Dial two one one for food banks."),
    ("Call or text 988 now.", "Call or text nine eight eight now."),
    ("Text SAFE to 45678.", "Text SAFE to four five six seven eight."),
    ("send a text to 80808", "send a text to eight zero eight zero eight"),
    ("text your ZIP code to 898-211.", "text your ZIP code to eight nine eight, two one one."),
    ("Ages 18-24 may apply.", "Ages eighteen to twenty four may apply."),
    ("Seniors 65 and older march in the 4 March parade.",
     "Seniors sixty five and older march in the fourth of March parade."),
    ("Call 1-800-FLOWERS", "Call one, eight hundred, FLOWERS"),
    ("the card ending in 4417", "the card ending in four four one seven"),
    ("Pasadena, CA 91101", "Pasadena, C A nine one one zero one"),
    ("UK office +44 20 7946 0958", "U K office plus four four, two zero, seven nine four six, zero nine five eight"),
    # numbers
    ("We fed 2,350 families.", "We fed two thousand three hundred fifty families."),
    ("She was 21st in line.", "She was twenty first in line."),
    ("the 103rd session", "the one hundred third session"),
    ("a 0.75 ratio and .5 more", "a zero point seven five ratio and point five more"),
    ("It fell to -3 overnight", "It fell to minus three overnight"),
    ("Serial 0042", "Serial zero zero four two"),
    ("Only 3/4 of us and 1/3 of them", "Only three quarters of us and one third of them"),
    ("Rates rose 7.5% this year.", "Rates rose seven point five percent this year."),
    ("between 10-15% of cases", "between ten to fifteen percent of cases"),
    ("youth ages 16-21", "youth ages sixteen to twenty one"),
    ("Version 2.10.3 is out", "Version two point ten point three is out"),
    # money
    ("a $4.75 fare", "a four dollars and seventy five cents fare"),
    ("a $3.1 billion plan", "a three point one billion dollars plan"),
    ("It costs $1.", "It costs one dollar."),
    ("grants of $5,000-$7,500", "grants of five thousand dollars to seven thousand five hundred dollars"),
    ("a €2.50 coffee and £3 tea", "a two euros and fifty cents coffee and three pounds tea"),
    ("rent of $900/mo", "rent of nine hundred dollars per month"),
    ("just 99¢", "just ninety nine cents"),
    ("US$40 million", "forty million U S dollars"),
    # dates and years
    ("on April 9, 2024", "on April ninth, twenty twenty four"),
    ("Due 2024-11-30.", "Due November thirtieth, twenty twenty four."),
    ("signed 7/4/1776", "signed July fourth, seventeen seventy six"),
    ("on 14 February 2023", "on the fourteenth of February, twenty twenty three"),
    ("Since Oct. 2 the line has", "Since October second the line has"),
    ("In the 1960s and the '70s", "In the nineteen sixties and the seventies"),
    ("Built in 1907 and rebuilt in 2003.", "Built in nineteen oh seven and rebuilt in two thousand three."),
    ("the 1800s", "the eighteen hundreds"),
    ("from 2019-2022", "from twenty nineteen to twenty twenty two"),
    ("the year 1066.", "the year ten sixty six."),
    ("In Q1 2026 sales", "In the first quarter of twenty twenty six sales"),
    # times
    ("Open 9 a.m. to 5 p.m. daily", "Open nine A M to five P M daily"),
    ("Doors at 6:45 p.m. Friday", "Doors at six forty five P M Friday"),
    ("Buses leave at 7:05", "Buses leave at seven oh five"),
    ("Lunch 11am-1pm", "Lunch eleven A M to one P M"),
    ("at 8:30 a.m. PST", "at eight thirty A M P S T"),
    # measures
    ("It was 104°F outside", "It was one hundred four degrees Fahrenheit outside"),
    ("a 3 mi walk and 1 km swim", "a three miles walk and one kilometer swim"),
    ("a 25 lb bag", "a twenty five pounds bag"),
    ("He is 6'2\" tall", "He is six feet two inches tall"),
    ("speeds up to 65 mph", "speeds up to sixty five miles per hour"),
    # web
    ("Email info@helpline.org.", "Email info at helpline dot org."),
    ("See https://www.cityhelp.gov/food-bank", "See W W W dot cityhelp dot gov slash food dash bank"),
    ("Go to findhelp.org today", "Go to findhelp dot org today"),
    ("Follow @CountyHelp", "Follow at CountyHelp"),
    # abbreviations, acronyms, numerals
    ("Dr. Patel met Mrs. Ruiz", "Doctor Patel met Missus Ruiz"),
    ("Meet on Sunset Blvd. near St. Anne's", "Meet on Sunset Boulevard near Saint Anne's"),
    ("She lives on Oak St.", "She lives on Oak Street."),
    ("the Dept. of Labor", "the Department of Labor"),
    ("Team No. 7 won", "Team number seven won"),
    ("Smith vs. Jones", "Smith versus Jones"),
    ("fruit, e.g. apples", "fruit, for example apples"),
    ("The CDC and FEMA and NASA", "The C D C and FEMA and NASA"),
    ("Two EMTs and the LAPD", "Two E M Ts and the L A P D"),
    ("The U.S. and the U.K. agreed", "The U S and the U K agreed"),
    ("after World War II", "after World War two"),
    ("Queen Elizabeth II and Chapter XII", "Queen Elizabeth the second and Chapter twelve"),
    ("I said I would", "I said I would"),
    ("Mt. Whitney is high", "Mount Whitney is high"),
    ("Open Mon.-Fri.", "Open Monday to Friday."),
    ("C. J. Walker", "C J Walker"),
    ("Help 24/7 & free", "Help twenty four seven and free"),
    ("COVID-19 shots", "COVID nineteen shots"),
    ("WATCH OUT FOR SCAMS", "WATCH OUT FOR SCAMS"),
]


@pytest.mark.parametrize("written, spoken", CASES)
def test_english_cases(written: str, spoken: str) -> None:
    assert normalize(written, "en") == spoken


def test_sample_article_has_no_digits_left_and_reads_hotline_in_groups() -> None:
    text = (
        "Call 1-888-373-7888 or text 233733. In an emergency call 911. "
        "Relay service 711 works. More than 1,500 residents took part in 2025."
    )
    said = normalize(text)
    assert not re.search(r"[0-9]", said)
    assert "one, eight eight eight, three seven three, seven eight eight eight" in said
    assert "two three three seven three three" in said
    assert "one thousand five hundred residents" in said
    assert "in twenty twenty five." in said


def test_pronunciations_first_whole_word_and_case_aware() -> None:
    table = {"Nguyen": "Win", "Reading": "Redding", "siobhan": "shiv-AWN", "Mt. Baldy": "Mount Baldy"}
    said = normalize("Nguyen and Nguyens read Reading, reading, Siobhan. Mt. Baldy", "en", table)
    assert said == "Win and Nguyens read Redding, reading, shiv-AWN. Mount Baldy"
    # a respelling in capitals is not spelled out as an acronym by later rules
    assert normalize("Ask Siobhan", "en", {"Siobhan": "SHIV AWN"}) == "Ask SHIV AWN"


def test_pronunciations_none_or_empty_changes_nothing() -> None:
    assert normalize("Call 911", "en", None) == normalize("Call 911", "en", {}) == "Call nine one one"


def test_unknown_language_gets_neutral_fixes_only() -> None:
    assert normalize("  Hola   25\u00a0x ", "xx") == "Hola 25 x"


def test_language_with_num2words_gets_numbers() -> None:
    said = normalize("Il a 25 ans, appelez le 01 23 45 67 89.", "fr-FR")
    assert "vingt-cinq ans" in said
    assert "zéro un, deux trois" in said


def test_english_variants_use_english_rules() -> None:
    assert rules_for("en-GB") is rules_for("en")
    assert normalize("call 911", "en_US") == "call nine one one"


def test_lines_are_kept_and_bullets_dropped() -> None:
    assert normalize("Signs:\n- owe a debt\n- no ID") == "Signs:\nowe a debt\nno I D"


def test_a_failing_rule_is_skipped_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    from bulletin.speech.normalize import en

    def broken(text: str, shield: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(en, "RULES", (broken,) + en.RULES)
    assert normalize("call 911") == "call nine one one"
