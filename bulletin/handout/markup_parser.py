"""ReportLab paragraphs made from markup this package wrote, without ReportLab's HTML parser.

Why: ReportLab reads paragraph markup with ``html.parser``, which was most of the cost of making
a paragraph. The markup here comes from :mod:`.markup` and :mod:`.shaped`: a few tags with
double-quoted attributes, and no entity unless the article's text needed one. Such markup is cut
into ReportLab's tuple tree with one regular expression and given to ``ParaParser.tt_parse``,
ReportLab's own reader of that form; the commonest case, plain text, becomes its single
fragment directly. Anything else (an entity, a stray ``<``) goes to ReportLab's parser as before.
Risk: relies on ``tt_parse`` and on the attributes of a plain-text fragment;
tests/test_handout_perf_frags.py compares both with ReportLab's parser.
"""
from __future__ import annotations

import re

_TAG = re.compile(r'<(/?)([a-z]+)((?:\s+[A-Za-z]+="[^"<>]*")*)\s*(/?)>')
_ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')


def paragraph(cls, markup: str, style):
    """``cls(markup, style)`` (a ReportLab Paragraph class), made the quick way when it can be."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    text = cleanBlockQuotedText(markup)
    tree = _tree(text) if text and "&" not in text and not getattr(style, "textTransform", None) else None
    if tree is None:
        return cls(markup, style)
    if len(tree[2]) == 1 and isinstance(tree[2][0], str) and not tree[1]:
        return cls(text, style, frags=text_frags(text, style))
    from reportlab.platypus.paraparser import ParaParser

    used, frags, bullets = ParaParser().tt_parse(tree, style)
    if frags is None or bullets:
        return cls(markup, style)
    return cls(text, used, frags=frags)


def _tree(text: str):
    """``text`` as ("para", attributes, children), or None when it is not markup written here."""
    stack: list[list] = []
    at = 0
    if not text.startswith("<para"):
        stack.append(["para", {}, []])
    for m in _TAG.finditer(text):
        if m.start() > at:
            if not stack or "<" in text[at:m.start()] or ">" in text[at:m.start()]:
                return None
            stack[-1][2].append(text[at:m.start()])
        at = m.end()
        closing, tag, attrs, empty = m.groups()
        if closing:
            if not stack or stack[-1][0] != tag or attrs or empty:
                return None
            node = stack.pop()
            if not stack:
                return (node[0], node[1], node[2]) if at == len(text) else None
            stack[-1][2].append((node[0], node[1], node[2]))
            continue
        # html.parser lower-cases attribute names (fontName -> fontname), and so does this.
        node = [tag, {k.lower(): v for k, v in _ATTR.findall(attrs)}, []]
        if empty:
            if not stack:
                return None
            stack[-1][2].append((tag, node[1], None))
        else:
            stack.append(node)
    rest = text[at:]
    if len(stack) != 1 or stack[0][0] != "para" or "<" in rest or ">" in rest or text.startswith("<para"):
        return None
    if rest:
        stack[0][2].append(rest)
    return (stack[0][0], stack[0][1], stack[0][2])


def text_frags(text: str, style) -> list:
    """The one fragment ReportLab's parser makes of plain ``text`` in ``style``."""
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.platypus.paraparser import ParaFrag

    family, bold, italic = ps2tt(style.fontName)
    return [ParaFrag(rise=0, greek=0, link=[], fontName=tt2ps(family, bold, italic), bold=bold, italic=italic,
                     fontSize=style.fontSize, textColor=style.textColor, us_lines=[], __tag__="para",
                     text=text)]
