"""One build: read an article, then write each output beside the others.

Data flows one way: reader -> Article -> writers. Each writer writes atomically; this module
only decides the folder, the names and the order.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import article as model
from .config import Config
from .errors import BuildError
from .fileio import remove_stale_temps, write_text
from .settings import BuildSettings


@dataclass(frozen=True)
class Overrides:
    """Article fields given on the command line; they win over what the reader found."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass
class BuildResult:
    """What one build wrote, for the CLI's report and the batch manifest."""

    source: Path
    folder: Path
    slug: str
    article: model.Article
    files: dict[str, Path] = field(default_factory=dict)
    """Output kind (article, pdf, mp3, vtt, transcript, …) to path."""
    warnings: list[str] = field(default_factory=list)
    duration: float | None = None
    """Length of the audio in seconds, when audio was made."""
    voices: tuple[str, ...] = ()
    """The voices that read the audio, e.g. ``piper en_US-joe-medium``, ``espeak es-419``."""
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage, for the benchmark: read, script, synthesis, mastering, encoding,
    pdf (tagging included), tagging, audio (script to tagged MP3), web; see stagetimes.py."""


def slugify(text: str, fallback: str = "bulletin") -> str:
    """A file-name-safe, lower-case name that keeps letters of any script."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:60].rstrip("-") or fallback


WRITER_MODULES = ("bulletin.handout.layout", "bulletin.handout.fonts", "bulletin.speech.script",
                  "bulletin.speech.normalize.en", "bulletin.web")
AUDIO_MODULES = ("bulletin.audio.master", "bulletin.audio.tags", "bulletin.audio.cover",
                 "bulletin.speech.synthesize", "bulletin.speech.engines.espeak")


def import_writers(settings: BuildSettings) -> None:
    """Import what the writers need now instead of on first use.

    Why: ``bulletin build`` calls this while the language model loads on another thread (numpy,
    and on a machine's first build 0.3 s of unpacking with the interpreter released), so these
    imports fill time the build would otherwise spend waiting.
    """
    import importlib

    for name in WRITER_MODULES + (AUDIO_MODULES if settings.audio else ()):
        importlib.import_module(name)


def read_article(source: Path, config: Config, overrides: Overrides = Overrides()) -> model.Article:
    """Read ``source`` with the reader its content calls for, then apply overrides and defaults."""
    from . import readers

    # A language given on the command line is not guessed (the detector still tells passages apart).
    lang = model.language_tag(overrides.language) if overrides.language else None
    from .readers.passages import mark_passages

    art = readers.read(Path(source), default_language=lang or config.language,
                       detect=not lang)
    # Marked after --lang is applied: a passage is "another language" relative to the final one.
    return mark_passages(apply_overrides(art, overrides, config))


def apply_overrides(art: model.Article, ov: Overrides, config: Config) -> model.Article:
    from .readers.dates import parse_date

    changes: dict = {k: v for k, v in (("title", ov.title), ("subtitle", ov.subtitle),
                                        ("byline", ov.byline)) if v}
    if ov.language:
        changes["language"] = model.language_tag(ov.language)
    if ov.date:
        changes["date"] = parse_date(ov.date, strict=True)
    if changes.get("title") and art.warnings:
        changes["warnings"] = tuple(w for w in art.warnings if "--title" not in w)
    art = dataclasses.replace(art, **changes)
    if art.helpbox is None and config.helpbox is not None:
        art = dataclasses.replace(art, blocks=art.blocks + (config.helpbox,))
    return art


class _Printing:
    """Runs the handout (and booklet) in a thread, keeping its timings and any error for the caller."""

    def __init__(self, work: Callable[[], tuple[dict, list[str]]]) -> None:
        import contextvars
        import threading

        self.work = work
        self.value: tuple[dict, list[str]] = ({}, [])
        self.error: BaseException | None = None
        ctx = contextvars.copy_context()  # the stage timings collection travels with it
        self.thread = threading.Thread(target=lambda: ctx.run(self.run), name="handout", daemon=True)
        self.started = False

    def run(self) -> None:
        try:
            self.value = self.work()
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            self.error = e

    def start(self) -> None:
        self.started = True
        self.thread.start()

    def join(self) -> None:
        if self.started:
            self.thread.join()


def _print(art: model.Article, settings: BuildSettings, config: Config, folder: Path, slug: str,
           path: Path, known: list[str]) -> tuple[dict, list[str]]:
    """The handout, and the booklet when asked: (files, warnings)."""
    from . import stagetimes
    from .handout import write_handout

    files: dict[str, Path] = {}
    with stagetimes.timed("pdf"):
        warnings = write_handout(art, settings, config, path)
    files["pdf"] = path
    if settings.booklet:
        from .handout.booklet import write_booklet

        with stagetimes.timed("booklet"):
            booklet = write_booklet(art, settings, config, folder, slug, known=known + warnings)
        files.update(booklet.files)
        warnings += booklet.warnings
    return files, warnings


def _audio(art: model.Article, settings: BuildSettings, config: Config, folder: Path, slug: str,
           progress: Callable[[str], None]):
    """(AudioResult or None, NoVoiceError or None, notes): the spoken version, its stages timed."""
    from . import stagetimes
    from .audio import write_audio
    from .speech.casting import Casting
    from .speech.engines import NoVoiceError
    from .speech.script import build_script
    from .speech.synthesize import speak

    progress("audio")
    t0 = time.perf_counter()
    with stagetimes.timed("script"):
        script = build_script(art, config, settings)
    try:
        casting = Casting(settings, config, art.language)
    except NoVoiceError as e:
        return None, e, []  # the handout and page are still made; the build then fails
    cache_token = None
    if settings.cache:
        from .audio.master import CACHE
        from .speech.cache import SpeechCache

        cache_token = CACHE.set(SpeechCache(settings.cache_dir))
    try:
        audio = write_audio(art, script, _timed_iter(speak(script, casting, settings, art.language), "synthesis"),
                            settings, config, folder, slug, voices=lambda: casting.used)
    finally:
        if cache_token is not None:
            CACHE.reset(cache_token)
    stagetimes.add("audio", time.perf_counter() - t0)
    return audio, None, casting.notes


def _timed_iter(items, stage: str):
    """Pass ``items`` through, adding the time spent producing them to ``stage``."""
    from . import stagetimes

    it = iter(items)
    while True:
        t0 = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            stagetimes.add(stage, time.perf_counter() - t0)
            return
        stagetimes.add(stage, time.perf_counter() - t0)
        yield item


def build(source: Path, out_dir: Path, settings: BuildSettings, config: Config,
          overrides: Overrides = Overrides(), progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build every output for ``source`` into ``out_dir/<slug>/``.

    ``progress(stage)`` is told when each stage (read, pdf, audio) starts.
    """
    progress = progress or (lambda stage: None)
    progress("read")
    t0 = time.perf_counter()
    art = read_article(source, config, overrides)
    read_s = time.perf_counter() - t0
    slug = slugify(Path(source).stem)
    folder = Path(out_dir) / slug
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"cannot create output folder {folder}: {e.strerror or e}") from None
    remove_stale_temps(folder)
    result = BuildResult(source=Path(source), folder=folder, slug=slug, article=art,
                         warnings=list(art.warnings), timings={"read": read_s})

    from . import stagetimes

    with stagetimes.collecting(result.timings):
        from .handout import check_fonts

        check_fonts(art, config)  # a script without a font fails here, before anything is written
        path = folder / "article.json"
        write_text(path, json.dumps(model.to_dict(art), ensure_ascii=False, indent=1) + "\n")
        result.files["article"] = path

        if not settings.audio_url and settings.base_url:
            from .web import page_url

            # With a publishing address, the handout's QR code leads to the bulletin's own page.
            settings = dataclasses.replace(settings, audio_url=page_url(settings.base_url, slug))

        path = folder / f"{slug}-large-print.pdf"
        progress("pdf")
        # The handout is drawn in a thread while the voice speaks: ReportLab holds the interpreter
        # but synthesis and encoding run in C with it released, so the print costs almost nothing.
        printed = _Printing(lambda: _print(art, settings, config, folder, slug, path, result.warnings))
        if not settings.audio:
            printed.run()
        else:
            printed.start()

        no_voice, audio, notes = None, None, []
        try:
            if settings.audio:
                audio, no_voice, notes = _audio(art, settings, config, folder, slug, progress)
        finally:
            printed.join()
        if printed.error is not None:
            if audio is not None:  # the set is all or nothing: the audio goes with the failed print
                for p in audio.files.values():
                    with contextlib.suppress(OSError):
                        p.unlink()
            raise printed.error
        files, warnings = printed.value
        result.files.update(files)
        result.warnings += warnings + notes
        if audio is not None:
            result.files.update(audio.files)
            result.warnings += audio.warnings
            result.duration = audio.duration
            result.voices = audio.voices

        from .web import write_page

        progress("web")
        with stagetimes.timed("web"):
            result.files["page"] = write_page(result, settings, config, out_dir)
        if no_voice is not None:
            raise type(no_voice)(f"no audio: {no_voice} (the handout was written: {result.files['pdf']})")
        return result
