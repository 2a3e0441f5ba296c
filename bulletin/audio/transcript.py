"""The transcript: the spoken script as plain text, in paragraphs where the voice pauses longest.

It holds what the voice says (after normalisation: "one, eight eight eight, …"), word for word,
so it matches the audio for people who read along and its word count matches what is heard.
The captions keep the text as written, which is quicker to read at a glance.
"""
from __future__ import annotations

from ..speech.utterance import Utterance


def transcript(script: list[Utterance], paragraph_pause: float) -> str:
    """Utterances joined with spaces; a blank line after a paragraph-long pause or a new section."""
    paras: list[list[str]] = [[]]
    for i, utt in enumerate(script):
        text = " ".join(utt.spoken.split())
        if text:
            paras[-1].append(text)
        nxt = script[i + 1] if i + 1 < len(script) else None
        if paras[-1] and (nxt is None or nxt.section != utt.section
                          or utt.pause_after >= paragraph_pause - 1e-6
                          or utt.kind in ("title", "heading")):
            paras.append([])
    return "\n\n".join(" ".join(p) for p in paras if p) + "\n"


def write(job):
    """The writer table's entry: ``<slug>-transcript.txt``, every word the voice said."""
    from ..fileio import write_text
    from ..writers import Written

    path = job.path("-transcript.txt")
    write_text(path, job.fact("transcript"))
    return Written(files={"transcript": path})
