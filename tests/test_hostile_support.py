"""Shared helpers for the hostile-input, fault and property tests: read a handout's text back.

The text is taken from the content streams through each font's ToUnicode map, with ActualText
spans (shaped lines, characters without a font) read as the text they stand for, so nothing here
needs poppler. The one test checks the reader itself, so a broken helper cannot pass silently.
"""
from __future__ import annotations

from dataclasses import replace

import re
import socket
from pathlib import Path

import pikepdf
import pytest


def _cmap(font) -> dict[int, str]:
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


def pdf_text(path: Path) -> str:
    """Every character the PDF shows or stands for, in content order, pages joined by newlines."""
    pages = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = {str(k): _cmap(v) for k, v in page.Resources.get("/Font", {}).items()}
            cmap: dict[int, str] = {}
            actual: list[bool] = []
            text: list[str] = []
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "BDC":
                    props = operands[1]
                    at = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) else None
                    actual.append(at is not None)
                    if at is not None:
                        text.append(str(at))
                elif op == "BMC":
                    actual.append(False)
                elif op == "EMC" and actual:
                    actual.pop()
                elif op == "Tf":
                    cmap = fonts.get(str(operands[0]), {})
                elif op in ("Tj", "TJ", "'", '"') and not any(actual):
                    items = operands[0] if op == "TJ" else [operands[-1]]
                    for s in items:
                        if isinstance(s, pikepdf.String):
                            text.append("".join(cmap.get(b, "\ufffd") for b in bytes(s)))
                    text.append(" ")
                elif op in ("Td", "TD", "T*", "ET"):
                    text.append(" ")
            pages.append("".join(text))
    return "\n".join(pages)


def squeeze(text: str) -> str:
    """Whitespace removed: line breaks split words anywhere, so compare the letters only."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test (and is recorded)."""
    attempts: list = []

    def refuse(self, address, *a, **kw):
        attempts.append(address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **kw: refuse(None, address))
    return attempts


def test_pdf_text_reads_back_what_was_written(tmp_path):
    from bulletin.article import Article, Paragraph
    from bulletin.settings import Settings
    from bulletin.handout import write_handout

    target = tmp_path / "probe.pdf"
    art = Article(title="Probe headline", blocks=(Paragraph("Café señal 42 <b>&amp;"),), language="en")
    write_handout(art, replace(Settings(), audio=False), target)
    text = squeeze(pdf_text(target))
    assert "Probeheadline" in text and "Caféseñal42<b>&amp;" in text
    assert "Nothere" not in text
