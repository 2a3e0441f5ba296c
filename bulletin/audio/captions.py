"""WebVTT captions: one cue per spoken sentence, from the real timings, text as written."""
from __future__ import annotations

import textwrap

from .assemble import Cue

LINE = 42
"""Characters per caption line: the common broadcast and web guideline."""


def clock_parts(seconds: float) -> tuple[int, int, int, int]:
    """Hours, minutes, seconds and milliseconds of ``seconds`` (never negative), rounded to the ms."""
    ms = int(round(max(0.0, seconds) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return h, m, s, ms


def timestamp(seconds: float) -> str:
    h, m, s, ms = clock_parts(seconds)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def escape(text: str) -> str:
    """WebVTT cue text treats ``&`` and ``<`` as markup, and ``-->`` ends nothing only if escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lines(text: str) -> list[str]:
    """Wrap at word boundaries; never split or hyphenate a word, so the words stay as written."""
    flat = " ".join(text.split())
    return textwrap.wrap(flat, LINE, break_long_words=False, break_on_hyphens=False) or [flat]


def webvtt(cues: list[Cue], duration: float) -> str:
    """The captions file. Cues are clipped to the audio and never overlap the next one."""
    out = ["WEBVTT", ""]
    n = 0
    for i, cue in enumerate(cues):
        start = max(0.0, cue.start)
        end = min(cue.end, duration)
        if i + 1 < len(cues):
            end = min(end, cues[i + 1].start)
        # compare as printed: rounding to milliseconds must not make a cue empty or overlap
        if timestamp(end) <= timestamp(start):
            continue
        n += 1
        out += [str(n), f"{timestamp(start)} --> {timestamp(end)}",
                *(escape(ln) for ln in lines(cue.text)), ""]
    return "\n".join(out)


def write(job):
    """The writer table's entry: ``<slug>.vtt`` from the spoken version's timings."""
    from ..fileio import write_text
    from ..writers import Written

    path = job.path(".vtt")
    write_text(path, webvtt(job.fact("cues"), job.fact("duration")))
    return Written(files={"vtt": path})
