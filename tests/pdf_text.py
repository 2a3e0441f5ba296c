"""Reading a handout's text back, for the tests: no poppler needed.

The text is taken from the content streams through each font's ToUnicode map, with ActualText
spans (shaped lines, characters without a font) read as the text they stand for.
tests/test_pdf_text.py checks the reader itself, so a broken helper cannot pass silently.
"""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf


def cmap(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", errors="replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(uni, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(first + i)
    return out


def _walk(page, actual_text: bool = True, kerning_spaces: bool = False):
    """(operator, operands, text) for each operator of ``page``'s content, in content order.

    ``text`` is what the operator shows: the characters of a text-showing operator through its
    font's ToUnicode map (with ``kerning_spaces``, a ``TJ`` move as wide as a space gives a
    space), or an ActualText span's text at its start; None for everything else. With
    ``actual_text``, glyphs inside an ActualText span show nothing, the span standing for them;
    without it the spans are ignored and the glyphs read instead.
    """
    fonts = {str(k): cmap(v) for k, v in page.Resources.get("/Font", {}).items()}
    current: dict[int, str] = {}
    actual: list[bool] = []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        text = None
        if op == "BDC":
            props = operands[1]
            at = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) else None
            actual.append(at is not None)
            if at is not None and actual_text:
                text = str(at)
        elif op == "BMC":
            actual.append(False)
        elif op == "EMC" and actual:
            actual.pop()
        elif op == "Tf":
            current = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"') and not (actual_text and any(actual)):
            text = ""
            for s in operands[0] if op == "TJ" else [operands[-1]]:
                if isinstance(s, pikepdf.String):
                    text += "".join(current.get(b, "\ufffd") for b in bytes(s))
                elif op == "TJ" and kerning_spaces and float(s) < -200:
                    text += " "
        yield op, operands, text


def pdf_text(path: Path, actual_text: bool = True) -> str:
    """Every character the PDF shows or stands for, in content order, pages joined by newlines.

    With ``actual_text`` False, ActualText spans are ignored and their glyphs read through the
    fonts' ToUnicode maps instead: the characters the glyphs drawn are (see :func:`drawn_text`).
    """
    pages = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            text: list[str] = []
            for op, _, shown in _walk(page, actual_text):
                if shown is not None:
                    text.append(shown)
                if shown is not None and op != "BDC" or op in ("Td", "TD", "T*", "ET"):
                    text.append(" ")
            pages.append("".join(text))
    return "\n".join(pages)


def drawn_text(path: Path) -> str:
    """The characters of the glyphs drawn, ActualText ignored: what the page shows.

    A shaped line is read through an ActualText span, so :func:`pdf_text` gives its letters
    even when wrong glyphs are drawn; this one does not.
    """
    return pdf_text(path, actual_text=False)


def squeeze(text: str) -> str:
    """Whitespace removed: line breaks split words anywhere, so compare the letters only."""
    return re.sub(r"\s+", "", text)


def actual_texts(path: Path) -> list[str]:
    """Every ActualText span of the content streams, in content order (what a screen reader reads
    in place of the shaped glyphs)."""
    found = []
    with pikepdf.open(path) as pdf:
        for pg in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(pg):
                if str(op) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/ActualText" in operands[1]:
                    found.append(str(operands[1].ActualText))
    return found


def pdf_lines(path: Path) -> list[str]:
    """The printed lines of every page, in content order, each as its text with spaces squeezed.

    A line ends where the text moves down (``T*``, ``'``, ``"``, a ``Td``/``TD`` with a vertical
    move, a new ``Tm`` or text object); a sideways ``Td`` (pieces of one shaped line) and a font
    change stay on the line. ActualText spans count as the text they stand for.
    """
    lines: list[str] = []
    line: list[str] = []

    def end_line() -> None:
        text = " ".join("".join(line).split())
        if text:
            lines.append(text)
        line.clear()

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for op, operands, shown in _walk(page, kerning_spaces=True):
                if op in ("T*", "'", '"', "Tm", "BT", "ET") or op in ("Td", "TD") and float(operands[1]):
                    end_line()
                if shown is not None:
                    line.append(shown)
            end_line()
    return lines
