"""A phone number and a month with its day stay on one line where they fit: on the handout
(read back line by line from the PDF) and in braille.

Each notice is worded so that the line would end inside the number or the date; the control run
with the rule switched off shows that it does, so a test that passes is not passing by luck.
"""
from __future__ import annotations

import pytest

from bulletin import kept_together
from bulletin.article import Article, Paragraph
from bulletin.handout import write_handout
from bulletin.settings import Settings
from pdf_text import pdf_lines

PHONE_NOTICE = "Volunteers are always welcome. To sign up, call us at (555) 213-4870 on a weekday."
DATE_NOTICE = "The winter coat drive at the church hall opens on October 15 at nine."
ARABIC_NOTICE = "نرحب بالمتطوعين دائما. للتسجيل اتصلوا بنا على الرقم (555) 213-4870 في أي يوم."


@pytest.mark.parametrize("text, runs", [
    ("Call (555) 213-4870 now", ["(555) 213-4870"]),
    ("Call +1 213 555 0199 or 1-888-373-7888", ["+1 213 555 0199"]),  # no space in the second
    ("It opens October 15 at nine", ["October 15"]),
    ("from Oct. 15 to Sept 3", ["Oct. 15", "Sept 3"]),
    ("abre el 15 de octubre", ["15 de octubre"]),
    ("с 15 октября", ["15 октября"]),
    ("in October 2026, to our dismay 3 times", []),  # a year is not a day; "may" inside a word
])
def test_runs_are_phone_numbers_and_a_month_with_its_day(text, runs):
    assert [text[a:b] for a, b in kept_together.runs(text)] == runs


def test_only_the_spaces_of_runs_that_fit_become_no_break_spaces():
    text = "Call (555) 213-4870 on October 15."
    kept = kept_together.with_no_break_spaces(text)
    assert kept == "Call (555)\u00a0213-4870 on October\u00a015." and len(kept) == len(text)
    assert kept_together.with_no_break_spaces(text, fits=lambda run: run.startswith("Oct")) == \
        "Call (555) 213-4870 on October\u00a015."


def _lines(tmp_path, text: str, lang: str = "en") -> list[str]:
    target = tmp_path / "notice.pdf"
    write_handout(Article(title="Food bank", blocks=(Paragraph(text),), language=lang),
                  Settings(audio=False), target)
    return pdf_lines(target)


def _rule_off(monkeypatch):
    monkeypatch.setattr(kept_together, "with_no_break_spaces", lambda text, fits=None: text)


@pytest.mark.parametrize("text, run", [(PHONE_NOTICE, "(555) 213-4870"), (DATE_NOTICE, "October 15"),
                                       (ARABIC_NOTICE, "(555) 213-4870")])
def test_the_handout_keeps_a_phone_number_and_a_date_on_one_line(tmp_path, monkeypatch, text, run):
    lang = "ar" if text == ARABIC_NOTICE else "en"  # Arabic: the shaped path (handout/words.py)
    lines = _lines(tmp_path, text, lang)
    assert any(run in line for line in lines), lines
    with monkeypatch.context() as m:
        _rule_off(m)
        control = _lines(tmp_path, text, lang)
    assert not any(run in line for line in control), control  # the notice is worded to part it
    assert lines[0] == "Food bank" and len(lines) == len(control)
    assert " ".join(lines[1:-1]) == " ".join(text.split())  # nothing lost, nothing doubled (last: page label)


def test_a_run_wider_than_the_line_still_breaks_rather_than_overflow(tmp_path):
    from bulletin.handout import fonts
    from bulletin.handout.markup import MarkupContext, runs_kept_whole

    ctx = MarkupContext(fonts.load(), 60, 18)  # a column narrower than "(555) 213-4870"
    assert runs_kept_whole("call (555) 213-4870", ctx, False) == "call (555) 213-4870"
    wide = MarkupContext(fonts.load(), 400, 18)
    assert runs_kept_whole("call (555) 213-4870", wide, False) == "call (555)\u00a0213-4870"


def test_the_shaped_line_breaker_moves_a_bound_run_whole():
    from bulletin.handout import fonts
    from bulletin.handout.markup import MarkupContext
    from bulletin.handout.words import break_lines, tokens
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ctx = MarkupContext(fonts.load(), 1000, 18)
    toks = tokens([(c, False, None) for c in "call us at +1\u00a0213\u00a0555\u00a00199 today"], ctx, 18)
    assert [t.bound for t in toks] == [False, False, False, False, True, True, True, False]
    space = stringWidth(" ", toks[0].font, 18)
    run = sum(t.width for t in toks[3:7]) + 3 * space
    for room in range(int(run) + 1, 400, 5):
        lines = [" ".join(t.text for t in line) for line in break_lines(toks, room, 18)]
        assert any("+1 213 555 0199" in line for line in lines), (room, lines)


LOUIS = pytest.importorskip("bulletin.braille.louis").load()


@pytest.mark.skipif(LOUIS is None, reason="liblouis is not installed")
def test_braille_keeps_the_phone_number_and_the_date_whole_wherever_the_line_ends():
    from bulletin.braille import layout
    from bulletin.braille.transcribe import Transcriber

    tr = Transcriber(LOUIS, "en")
    for width in range(20, 41):
        for pad in range(9):
            text = ("Please remember that you can " + "ask " * pad
                    + "call (555) 213-4870 today. It opens October 15 at nine.")
            wrapped = layout.wrap(tr.words(text), width, 2, 0)
            assert any('"<#EEE"> #BAC-#DHGJ' in ln for ln in wrapped), (width, wrapped)  # (555) 213-4870
            assert any(",OCTOB] #AE" in ln for ln in wrapped), (width, wrapped)  # October 15
            assert all(len(ln) <= width for ln in wrapped)
