"""The handout reads its own paragraph markup without ReportLab's HTML parser; the fragments
(and the style a ``<para>`` tag makes) must be exactly what ReportLab's parser makes."""
from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from bulletin.handout import fonts, layout, markup_parser
from bulletin.handout.tagging import ACTUAL_END, ACTUAL_START, LINK_END, LINK_START

MARKUP = [
    "Call the hotline, any time: day or night.",
    "Call the National Human Trafficking Hotline: <b>1-888-373-7888</b>",
    f'Read <ondraw name="{LINK_START}" label="https://example.org/a"/><a href="https://example.org/a">'
    f'the guide</a><ondraw name="{LINK_END}"/> today.',
    'Ask for <font name="NotoSans">Đặng</font> at the desk<br/>or call <b>911</b>',
    f'<para fontName="Atkinson" align="right"><ondraw name="{ACTUAL_START}" label="x y "/>'
    f'<font name="Atkinson">x</font> <font name="Atkinson">y</font><ondraw name="{ACTUAL_END}"/></para>',
]


def _frags(frags):
    return [{k: v for k, v in f.__dict__.items() if k != "cbDefn"} | (
        {"cb": vars(f.cbDefn)} if hasattr(f, "cbDefn") else {}) for f in frags]


@pytest.mark.parametrize("markup", MARKUP)
@pytest.mark.parametrize("size", [18, 28])
def test_fragments_match_reportlabs_parser(markup, size):
    fonts.load_fallback()
    for name, style in vars(layout.make_styles(size)).items():
        theirs = Paragraph(markup, style)
        ours = markup_parser.paragraph(Paragraph, markup, style)
        assert _frags(ours.frags) == _frags(theirs.frags), name
        assert ours.text == theirs.text
        assert _style(ours.style) == _style(theirs.style), name


def _style(style) -> dict:
    """A style's settings; a <para> tag's style is a deep copy, so its parent is compared by name."""
    return {k: getattr(v, "name", v) if k == "parent" else v for k, v in vars(style).items()}


def test_plain_text_is_one_fragment():
    fonts.load()
    style = layout.make_styles(18).body
    text = "Call the hotline, any time."
    _, parsed, _ = ParaParser().tt_parse(("para", None, [text]), style)
    assert [f.__dict__ for f in markup_parser.text_frags(text, style)] == [f.__dict__ for f in parsed]


def test_what_only_reportlab_can_read_goes_to_reportlab():
    assert markup_parser._tree("a < b") is None
    assert markup_parser._tree("<b>open") is None
    assert markup_parser._tree("<b>x</i>") is None
    assert markup_parser._tree("  two lines ") == ("para", {}, ["  two lines "])
