"""The spoken version's files: mastered audio (MP3 or WAV), WebVTT captions and a transcript.

``write_audio`` takes the utterances as the voice speaks them, assembles one programme, brings
it to the profile's loudness under a true-peak ceiling, encodes, tags, and writes the captions
and transcript. All the files appear together or none do.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..article import Article
from ..config import Config
from ..errors import BuildError
from ..settings import BuildSettings
from ..speech.engines.base import Speech
from ..speech.model import Utterance


@dataclass
class AudioResult:
    """What ``write_audio`` wrote."""

    files: dict[str, Path] = field(default_factory=dict)
    """``mp3`` (or ``wav`` for the phone profile), ``vtt`` and ``transcript`` to their paths."""
    warnings: list[str] = field(default_factory=list)
    duration: float = 0.0
    """Seconds of audio in the written file."""
    loudness: float | None = None
    """Integrated loudness of the decoded file, LUFS."""
    true_peak: float | None = None
    """Highest true peak of the decoded file, dBTP."""
    chapters: tuple = ()
    """The :class:`~bulletin.audio.assemble.Chapter` list written to the MP3."""
    cues: tuple = ()
    """The :class:`~bulletin.audio.assemble.Cue` list the captions were made from."""
    voices: tuple[str, ...] = ()
    """Every voice that read the recording, e.g. ``piper en_US-joe-medium``, ``gtts es com.mx``
    (the MP3's ``voice`` frame; an EPUB's media:narrator)."""


def description(article: Article, organisation: str) -> str:
    """The ID3 comment: what this recording is, in one sentence."""
    when = f" ({article.date.isoformat()})" if isinstance(article.date, _dt.date) else ""
    source = f", from {organisation}" if organisation else ""
    return f"Spoken version of \u201c{article.title}\u201d{when}{source}."


def write_audio(article: Article, script: list[Utterance],
                spoken: Iterator[tuple[Utterance, Speech]], settings: BuildSettings,
                config: Config, folder: Path, slug: str,
                voices: Callable[[], Sequence[str]] | Sequence[str] = ()) -> AudioResult:
    """Write ``<slug>.mp3`` (or ``.wav``), ``<slug>.vtt`` and ``<slug>-transcript.txt``.

    ``voices`` names the voices that spoke; a callable is asked once the speech is all made.
    """
    from ..fileio import atomic_path
    from .assemble import assemble
    from .captions import webvtt
    from .cover import cover_png
    from .languages import iso639_2
    from .master import render
    from .profiles import profile
    from .tags import TagSet, write_tags
    from .transcript import transcript

    prof = profile(settings.audio_profile)
    folder = Path(folder)
    targets = {prof.container: folder / f"{slug}.{prof.container}",
               "vtt": folder / f"{slug}.vtt",
               "transcript": folder / f"{slug}-transcript.txt"}
    # Podcast apps list a recording under its artist: without a settings file, the credit or the
    # writer is the best name there is.
    organisation = config.organisation or article.credit or article.author or ""
    cover = None
    if prof.container == "mp3":
        import concurrent.futures as cf

        # Drawn while the voice speaks: Pillow lets go of the interpreter for most of it.
        with cf.ThreadPoolExecutor(1) as pool:
            cover = pool.submit(cover_png, article.title, organisation)
            prog = assemble(spoken)
    else:
        prog = assemble(spoken)
    text = transcript(script, config.pauses.paragraph)
    used = tuple(voices() if callable(voices) else voices)
    result = AudioResult(chapters=tuple(prog.chapters), cues=tuple(prog.cues), voices=used)
    renaming = False
    try:
        with contextlib.ExitStack() as stack:
            tmp = {k: stack.enter_context(atomic_path(p)) for k, p in targets.items()}
            rendered = render(prog, prof, tmp[prof.container])
            if cover is not None:
                write_tags(tmp["mp3"], TagSet(
                    title=article.title, artist=organisation,
                    album=config.series or organisation, language=iso639_2(article.language),
                    date=article.date.isoformat() if isinstance(article.date, _dt.date) else None,
                    description=description(article, organisation), transcript=text,
                    cover_png=cover.result(),
                    chapters=tuple(prog.chapters), voices=used), rendered.duration)
            tmp["vtt"].write_text(webvtt(prog.cues, rendered.duration), encoding="utf-8")
            tmp["transcript"].write_text(text, encoding="utf-8")
            renaming = True
    except BaseException as e:
        if renaming:  # some renames may have happened: take them back so none of the set remains
            for p in targets.values():
                with contextlib.suppress(OSError):
                    p.unlink()
        if isinstance(e, OSError):
            raise BuildError(f"cannot write the audio files in {folder}: {e.strerror or e}") from None
        raise
    result.files = dict(targets)
    result.warnings += rendered.warnings
    result.duration = rendered.duration
    result.loudness = rendered.measured.lufs
    result.true_peak = rendered.measured.true_peak_db
    return result
