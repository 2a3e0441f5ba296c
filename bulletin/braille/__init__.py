"""The braille edition: ``<slug>.brf``, North American ASCII braille for embossers and displays.

Translation is liblouis's (through :mod:`.louis`); the layout follows BANA's Braille Formats.
Each language is written in its own braille code (:mod:`.codes`); a language or script without
one gets no braille file and a one-line reason, never braille in another language's code.
"""
from __future__ import annotations

import re

from ..errors import InputError

DEFAULT_SIZE = (40, 25)
"""Cells a line, lines a page: the common embosser default (BANA sets no page size)."""
CELLS = (12, 100)
LINES = (4, 100)


def parse_size(text: str) -> tuple[int, int]:
    """``"40x25"`` -> (40, 25): cells a line by lines a page; anything else is a usage error."""
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", str(text))
    if not m:
        raise InputError(f"braille size {text!r}: expected CELLSxLINES such as 40x25")
    cells, lines = int(m.group(1)), int(m.group(2))
    if not (CELLS[0] <= cells <= CELLS[1] and LINES[0] <= lines <= LINES[1]):
        raise InputError(f"braille size {text!r}: {CELLS[0]} to {CELLS[1]} cells by "
                         f"{LINES[0]} to {LINES[1]} lines")
    return cells, lines


def check() -> str | None:
    """Why this computer cannot make braille, in one line (how to install liblouis); None if it can."""
    from .louis import missing

    return missing()


def write(job):
    """The writer table's entry: ``<slug>.brf``.

    An article whose language (or a passage's) has no braille code here gets no file: a note in
    a build that did not ask for braille by name, a failure (after the rest) in one that did.
    """
    from ..fileio import write_bytes
    from ..writers import BY_NAME, Unavailable, Written
    from .louis import load, missing
    from .transcribe import NoBraille, Options, transcribe

    why = missing()
    if why:
        raise Unavailable(why)
    cells, lines = getattr(job.settings, "braille_size", None) or DEFAULT_SIZE
    options = Options(cells, lines, getattr(job.settings, "braille_grade", None) or 2)
    try:
        data, pages, warnings = transcribe(job.article, load(), options)
    except NoBraille as e:
        if "brf" in (job.settings.formats or ()):
            raise Unavailable(str(e)) from None
        return Written(warnings=(f"no {BY_NAME['brf'].label}: {e}",))
    path = job.path(".brf")
    write_bytes(path, data)
    return Written(files={"brf": path}, warnings=tuple(warnings), facts={"braille_pages": pages})
