"""The handout makes plain paragraphs' fragments itself; they must be ReportLab's own."""
from __future__ import annotations

import pytest
from reportlab.platypus.paraparser import ParaParser

from bulletin.handout import fonts, layout
from bulletin.handout.flowables import _plain_text, _text_frags


@pytest.mark.parametrize("size", [18, 28])
def test_plain_fragments_match_reportlabs_parser(size):
    fonts.load()
    text = "Call the hotline, any time: day or night."
    for name, style in vars(layout.make_styles(size)).items():
        _, parsed, _ = ParaParser().tt_parse(("para", None, [text]), style)
        _, fed, _ = ParaParser().parse(f"<para>{text}</para>", style)
        ours = _text_frags(text, style)
        assert [f.__dict__ for f in ours] == [f.__dict__ for f in parsed] == [f.__dict__ for f in fed], name


def test_markup_takes_the_parser():
    style = layout.make_styles(18).body
    assert _plain_text("Tom &amp; Jerry", style) is None
    assert _plain_text("Call <b>911</b>", style) is None
    assert _plain_text("  two\n lines ", style) == "two lines"
    assert _plain_text("   ", style) is None
