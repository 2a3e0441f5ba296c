"""The spoken version's files: mastered audio (MP3 or WAV), WebVTT captions and a transcript.

``write_audio`` takes the utterances as the voice speaks them, assembles one programme, brings
it to the profile's loudness under a true-peak ceiling, encodes and tags it. The captions and
the transcript are formats of their own (:mod:`.captions`, :mod:`.transcript`), made from the
timings and the script this writer reports.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..article import Article
from ..settings import Settings
from ..errors import BuildError
from ..speech.engines.base import Speech
from ..speech.utterance import Utterance


@dataclass
class AudioResult:
    """What ``write_audio`` wrote."""

    files: dict[str, Path] = field(default_factory=dict)
    """``mp3`` (or ``wav`` for the phone profile) to its path."""
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
    """The :class:`~bulletin.audio.assemble.Cue` list the captions are made from."""
    transcript: str = ""
    """Every word spoken, in paragraphs: the MP3's lyrics tag and the transcript file."""
    cover_png: bytes | None = None
    """The cover art embedded in the MP3 (None for the phone profile's WAV)."""
    voices: tuple[str, ...] = ()
    """Every voice that read the recording, e.g. ``piper en_US-joe-medium``, ``gtts es com.mx``
    (the MP3's ``voice`` frame; an EPUB's media:narrator)."""


def description(article: Article, organisation: str) -> str:
    """The ID3 comment: what this recording is, in one sentence."""
    when = f" ({article.date.isoformat()})" if isinstance(article.date, _dt.date) else ""
    source = f", from {organisation}" if organisation else ""
    return f"Spoken version of \u201c{article.title}\u201d{when}{source}."


def credited_name(article: Article, settings: Settings) -> str:
    """Who the recording is from: podcast apps list a recording under its artist, and without a
    settings file the credit or the writer is the best name there is."""
    return settings.organisation or article.credit or article.author or ""


def write_audio(article: Article, script: list[Utterance],
                spoken: Iterator[tuple[Utterance, Speech]], settings: Settings, folder: Path, slug: str,
                voices: Callable[[], Sequence[str]] | Sequence[str] = ()) -> AudioResult:
    """Write ``<slug>.mp3`` (or ``.wav``): mastered, tagged, with the transcript inside.

    The captions and the transcript file are written from the result by their own writers.
    ``voices`` names the voices that spoke; a callable is asked once the speech is all made.
    """
    from ..fileio import atomic_path
    from .assemble import assemble
    from .cover import cover_png
    from .languages import iso639_2
    from .master import render
    from .profiles import profile
    from .tags import TagSet, write_tags
    from .transcript import transcript

    prof = profile(settings.audio_profile)
    target = Path(folder) / f"{slug}.{prof.container}"
    organisation = credited_name(article, settings)
    cover = None
    if prof.container == "mp3":
        import concurrent.futures as cf

        # Drawn while the voice speaks: Pillow lets go of the interpreter for most of it.
        with cf.ThreadPoolExecutor(1) as pool:
            cover = pool.submit(cover_png, article.title, organisation, article.language)
            prog = assemble(spoken)
    else:
        prog = assemble(spoken)
    text = transcript(script, settings.pauses.paragraph)
    used = tuple(voices() if callable(voices) else voices)
    result = AudioResult(chapters=tuple(prog.chapters), cues=tuple(prog.cues), transcript=text, voices=used)
    try:
        with atomic_path(target) as tmp:
            rendered = render(prog, prof, tmp)
            if cover is not None:
                write_tags(tmp, TagSet(
                    title=article.title, artist=organisation,
                    album=settings.series or organisation, language=iso639_2(article.language),
                    date=article.date.isoformat() if isinstance(article.date, _dt.date) else None,
                    description=description(article, organisation), transcript=text,
                    cover_png=cover.result(),
                    chapters=tuple(prog.chapters), voices=used), rendered.duration)
    except OSError as e:
        raise BuildError(f"cannot write the audio in {folder}: {e.strerror or e}") from None
    result.files = {prof.container: target}
    result.cover_png = cover.result() if cover is not None else None
    result.warnings += rendered.warnings
    result.duration = rendered.duration
    result.loudness = rendered.measured.lufs
    result.true_peak = rendered.measured.true_peak_db
    return result


def write(job) -> "Written":
    """The writer table's entry: the spoken version, from the script through the voice."""
    from .. import stage_timings
    from ..speech.casting import Casting
    from ..speech.script import build_script
    from ..speech.synthesize import speak
    from ..writers import Written

    art, settings = job.article, job.settings
    with stage_timings.timed("script"):
        script = build_script(art, settings)
    casting = Casting(settings, art.language)
    cache_token = None
    if settings.cache:
        from ..speech.cache import SpeechCache
        from .master import CACHE

        cache_token = CACHE.set(SpeechCache(settings.cache_dir))
    try:
        made = write_audio(art, script, _timed(speak(script, casting, settings, art.language), "synthesis"),
                           settings, job.folder, job.slug, voices=lambda: casting.used)
    finally:
        if cache_token is not None:
            CACHE.reset(cache_token)
    files = dict(made.files)
    if "mp3" in files:  # what the podcast feed links beside the recording
        from .podcast_files import write_podcast_files

        files.update(write_podcast_files(job.folder, job.slug, made.chapters, made.duration, made.cover_png,
                                         art.title, credited_name(art, settings), settings.series or ""))
    return Written(files=files, warnings=tuple(casting.notes) + tuple(made.warnings),
                   facts={"voices": made.voices, "duration": made.duration, "cues": made.cues,
                          "chapters": made.chapters, "script": tuple(script), "transcript": made.transcript})


def _timed(items, stage: str):
    """Pass ``items`` through, adding the time spent producing them to ``stage``."""
    import time

    from .. import stage_timings

    it = iter(items)
    while True:
        t0 = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            stage_timings.add(stage, time.perf_counter() - t0)
            return
        stage_timings.add(stage, time.perf_counter() - t0)
        yield item
