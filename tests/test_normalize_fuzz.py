"""normalize never raises and always returns text, whatever it is given."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.speech import normalize

# Characters the rules care about, so the fuzzer hits their edges often.
PIECES = st.sampled_from([
    "$", "£", "€", "¥", "%", "°F", "°", "'", '"', ":", ".", ",", ",,", "-", "–", "/", "(", ")", "+",
    "@", "#", "&", "a.m.", "p.m.", "St.", "Dr.", "No.", "U.S.", "LAPD", "II", "1st", "12:30",
    "1-800-", "555-0199", "911", "text", "2025", "1990s", "'80s", "million", "www.", ".com", "km",
    "mi", "lbs", "e.g.", " ", "\n", "😀", "\ue000", "\ue105", "\ue001", "999999999999999999999999999999999",
    "de", "marzo", "€1.500,25", "3 de marzo de 2025",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6), st.integers(-10**40, 10**40).map(str)),
                max_size=25).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(["en", "es", "fr", "xx", "", "en-US"]))
def test_normalize_always_returns_a_string(text: str, lang: str) -> None:
    out = normalize(text, lang)
    assert isinstance(out, str)
    assert not re.search("[\ue000-\uf8ff]", out), "a shield token leaked into the output"


@settings(max_examples=100, deadline=None)
@given(n=st.integers(0, 10**12))
def test_english_numbers_leave_no_digits(n: int) -> None:
    for written in (f"{n}", f"{n:,}", f"${n:,}", f"{n}%", f"the {n}th"):
        assert not re.search(r"[0-9]", normalize(written, "en")), written


def test_awkward_inputs() -> None:
    for text in ["12:30", "$", "1,,2", "9" * 60, "😀🎉", "", "\ue000\ue101\ue001", "-", "$.", "1/0",
                 "99:99", "0th", "32/13/2025", "$1e5", "--5", "....", "Mon.-", "St."]:
        assert isinstance(normalize(text, "en"), str)
        assert isinstance(normalize(text, "es"), str)
    assert normalize("12:30") == "twelve thirty"
    assert normalize("$") == "$"
