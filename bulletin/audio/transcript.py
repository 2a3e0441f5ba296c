"""The transcript: the spoken script as plain text, in paragraphs where the voice pauses longest."""
from __future__ import annotations

from ..speech.model import Utterance


def transcript(script: list[Utterance], paragraph_pause: float) -> str:
    """Utterances joined with spaces; a blank line after a paragraph-long pause or a new section."""
    paras: list[list[str]] = [[]]
    for i, utt in enumerate(script):
        text = " ".join(utt.text.split())
        if text:
            paras[-1].append(text)
        nxt = script[i + 1] if i + 1 < len(script) else None
        if paras[-1] and (nxt is None or nxt.section != utt.section
                          or utt.pause_after >= paragraph_pause - 1e-6
                          or utt.kind in ("title", "heading")):
            paras.append([])
    return "\n\n".join(" ".join(p) for p in paras if p) + "\n"
