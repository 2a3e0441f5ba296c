"""Help-box lines whose breaks are certain are drawn without a Paragraph; the PDF must be the same."""
from __future__ import annotations

import datetime as dt

import pytest

from bulletin.article import Article, HelpBox, Paragraph
from bulletin.settings import Settings
from bulletin.handout import flowables, layout, render_pdf
from bulletin.helplines import parse_help_line

LINES = ("Call the National Human Trafficking Hotline: 1-888-373-7888", "Text 233733",
         "Deaf or hard of hearing: relay 711", "In immediate danger, call 911",
         "Call 911 now if you are in danger", "Visit www.example.org or call 1-800-555-0100",
         "911", "Llame a la Línea Nacional: 1-888-373-7888")


def _article() -> Article:
    box = HelpBox("Get help: free, confidential, 24/7", tuple(parse_help_line(t) for t in LINES))
    return Article(title="Help lines", blocks=(Paragraph("Before the box."), box), date=dt.date(2026, 2, 6))


@pytest.mark.parametrize("size", [18, 24, 28])
def test_help_lines_print_as_their_paragraphs(monkeypatch, size):
    drawn = []
    monkeypatch.setattr(flowables.RunsLines, "drawOn",
                        lambda self, *a, _f=flowables.RunsLines.drawOn: drawn.append(self) or _f(self, *a))
    settings = Settings(organisation="County Outreach", deterministic=True, size=size)
    quick, _ = render_pdf(_article(), settings)
    assert len(drawn) >= 4  # the short lines took the quick way, and some long ones
    assert any(len(d.lines) == 2 for d in drawn)
    monkeypatch.setattr(layout.StoryBuilder, "help_line_runs", lambda self, line, style: None)
    slow, _ = render_pdf(_article(), settings)
    assert quick == slow
