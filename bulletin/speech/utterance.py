"""What the spoken script is made of: utterances with the pause that follows each."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Utterance:
    """One sentence (or short line) of the spoken version."""

    text: str
    """As written: what captions and the transcript show."""
    spoken: str
    """After normalisation: what the engine is given to say."""
    pause_after: float
    """Silence after it, in seconds."""
    section: str
    """Title of the chapter it belongs to (intro, the headline, a heading, help box, outro)."""
    kind: str = "paragraph"
    """intro, title, meta, heading, paragraph, item, quote, image, helpbox, outro."""
    rate_factor: float = 1.0
    """Multiplies the words-per-minute rate: the help box is read more slowly."""
    lang: str | None = None
    """The language of a passage in another language than the article's; None: the article's."""
    anchor: str | None = None
    """Which printed text it reads, as an id of :mod:`bulletin.anchors` (``b3s1``: block 3,
    sentence 1), so the talking book can highlight it; None for what is only spoken (intro,
    outro, the help box repeated at the end)."""
