"""Word-level bidi: the order of a line's words and of a word's characters."""
from __future__ import annotations

import unicodedata

import pytest

from bidi_reference import comparable, visual, visual_lines
from bulletin.handout.bidi import (base_direction, inner_order, kind, paragraph_levels, split_edges,
                                   visual_layout, visual_order)
from bulletin.handout.words import Token


def _line(text: str, direction: str | None = None) -> list[Token]:
    return split_edges([Token([(c, False, None) for c in w]) for w in text.split()],
                       direction or base_direction(text))


def _shown(text: str) -> str:
    """The line as the handout draws it, left to right."""
    return _drawn(_line(text), base_direction(text))


def _drawn(line: list[Token], direction: str, levels: list[int] | None = None) -> str:
    """A line's characters as drawn from left to right: a right-to-left word's are reversed by
    HarfBuzz, everything else is drawn in the order it is handed over."""
    out = []
    for placed in visual_layout(line, direction, levels):
        tok = line[placed.index]
        chars = "".join(c for c, _, _ in inner_order(tok, placed.direction))
        out.append((" " if placed.space_before else "")
                   + (_harfbuzz_rtl(chars) if kind(tok) == "R" else chars))
    return "".join(out)


def _harfbuzz_rtl(chars: str) -> str:
    """A right-to-left word as HarfBuzz draws it: reversed, its mirrored characters swapped."""
    return "".join(unicodedata.mirrored(c) and _MIRRORED.get(c, c) or c for c in reversed(chars))


_MIRRORED = dict(zip("()[]{}<>«»", ")(][}{><»«"))


@pytest.mark.parametrize("words,direction,order", [
    (["اتصل", "بالرقم", "1-888-373-7888", "أو"], "rtl", [3, 2, 1, 0]),
    (["قال", "National", "Hotline", "اليوم"], "rtl", [3, 1, 2, 0]),
    (["Call", "مرحبا", "بكم", "now"], "ltr", [0, 2, 1, 3]),
])
def test_word_level_bidi_order(words, direction, order):
    line = [Token([(c, False, None) for c in w]) for w in words]
    assert visual_order(line, direction) == order


SENTENCES = [
    "Please read this Notice سلام.",
    "Call رقم الهاتف, then wait.",
    "Call رقم الهاتف; then wait!",
    "The word «سلام» means peace.",
    "Ask for שלום, or call.",
    "He said: سلام عليكم.",
    "اتصل بالخط الساخن الوطني English.",
    "قال National Hotline, اليوم.",
    "قال (National Hotline) اليوم",
    "الرقم 911.",
    "اتصلوا بـ Polaris Project، الآن.",
    "Room 12, مكتب 4.",
    "نحن هنا - Hotline - كل يوم",
    "تماس با خط: Help Line.",
    "اتصل بـ National Hotline (USA) اليوم",
    "Ask for مكتب (الخدمات) today.",
    "Call (رقم الهاتف).",
    "قال [Hotline (USA)]. اليوم",
    "Visit (the office) today.",
    "Call us (today). Thanks",
    "قال (اليوم). شكرا",
    "قال «سلام». Hello",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_order_matches_the_character_level_algorithm(text):
    """Words and punctuation come out where Unicode bidi (checked by a character-level version
    written for the tests, tests/bidi_reference.py) puts them."""
    assert comparable(_shown(text)) == comparable(visual(text))


@pytest.mark.parametrize("text,words_per_line", [
    ("Call رقم - الهاتف now please", [3, 3]),
    ("Call رقم الهاتف 123 مكتب now", [3, 3]),
    ("قال National - Hotline اليوم", [3, 2]),
    ("The office مكتب, and 4 more", [3, 3]),
])
def test_lines_of_a_paragraph_are_resolved_together(text, words_per_line):
    """Punctuation ending a line takes the direction of the word starting the next, and a number
    starting a line remembers the Arabic before it: the paragraph is resolved before breaking."""
    words = text.split()
    direction = base_direction(text)
    cuts, at = [], 0
    for n in words_per_line[:-1]:
        at += n
        cuts.append(len(" ".join(words[:at])))
    lines, start = [], 0
    for n in words_per_line:
        lines.append(_line(" ".join(words[start:start + n]), direction))
        start += n
    shown = [comparable(_drawn(line, direction, levels))
             for line, levels in zip(lines, paragraph_levels(lines, direction))]
    assert shown == [comparable(v) for v in visual_lines(text, cuts)]


def test_stop_after_arabic_word_ends_an_english_line_on_the_right():
    assert comparable(_shown("Notice سلام.")) == "Noticeسلام."


def test_phone_number_after_arabic_words_stays_whole():
    """Deliberately not the strict algorithm: after Arabic letters it makes the digits Arabic
    numbers (W2), and a hyphen between those is not part of the number, so it would show
    "7888-373-888-1". A number written as one word is kept whole: a hotline read backwards is
    a wrong number. Its stop still goes to the far left."""
    text = "اتصل على 1-888-373-7888."
    assert comparable(_shown(text)) == ".1-888-373-7888اتصلعلى"
    assert "7888-373-888-1" in visual(text)  # the reference really differs here


def test_split_edges_cuts_signs_and_brackets_apart_and_is_idempotent():
    line = _line("($5) 50%, «نعم».", "ltr")
    assert [t.text for t in line] == ["(", "$", "5", ")", "50", "%", ",", "«", "نعم", "»."]
    assert [t.glued for t in line] == [False, True, True, True, False, True, True, False, True, True]
    assert [t.text for t in split_edges(line, "ltr")] == [t.text for t in line]


@pytest.mark.parametrize("text,shown", [
    # After Arabic letters an Arabic number, which the sign does not join; after Hebrew it does.
    ("الخصم 50% اليوم", "اليوم%50الخصم"),
    ("הנחה 50% היום", "היום50%הנחה"),
    ("Pay $5 now", "Pay$5now"),
])
def test_a_sign_joins_a_number_as_unicode_bidi_says(text, shown):
    assert comparable(_shown(text)) == shown == comparable(visual(text))


def test_punctuation_inside_a_word_stays_in_it():
    assert [t.text for t in _line("رقم#1 a(b) x%y.", "ltr")] == ["رقم#1", "a(b", ")", "x%y."]


def test_words_of_the_paragraphs_direction_keep_their_punctuation():
    """Their punctuation always resolves to their own direction: no need to shape it apart."""
    assert [t.text for t in _line("«نعم». Hello,", "rtl")] == ["«نعم».", "Hello", ","]
    assert [t.text for t in _line("«نعم». Hello,", "ltr")] == ["«", "نعم", "».", "Hello,"]


def test_number_in_right_to_left_line_keeps_its_digits_and_its_stop_goes_left():
    line = _line("الرقم 911.")
    assert [line[p.index].text for p in visual_layout(line, "rtl")] == [".", "911", "الرقم"]
    mixed = Token([(c, False, None) for c in "و12"])
    # HarfBuzz reverses the whole right-to-left word, so digit runs are handed over reversed.
    assert "".join(c for c, _, _ in inner_order(mixed, "rtl")) == "و21"


def test_punctuation_drawn_right_to_left_is_mirrored():
    bracket = Token([(c, False, None) for c in "»."])
    assert "".join(c for c, _, _ in inner_order(bracket, "rtl")) == ".«"
    assert "".join(c for c, _, _ in inner_order(bracket, "ltr")) == "»."


def test_reference_draws_right_to_left_letters_reversed():
    """The reference itself: a check of it, so a broken reference cannot pass silently."""
    assert visual("Notice سلام.") == "Notice مالس."
    assert visual("سلام Hi.") == ".Hi مالس"


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_split_edges_loses_no_character(direction):
    """Every character of every word comes back in its pieces, in order."""
    words = [pre + core + post for core in ["office", "سلام", "911", "$5", "50%", "—", "..."]
             for pre in ["", "(", "«(", "[\"", "-"] for post in ["", ").", ")", "»،", "!?", ")].", ":("]]
    line = split_edges([Token([(c, False, None) for c in w]) for w in words], direction)
    assert "".join(t.text for t in line) == "".join(words)
    assert sum(not t.glued for t in line) == len(words)
