"""One build: read an article, then write each output beside the others.

Data flows one way: reader -> Article -> writers. Each writer writes atomically; this module
only decides the folder, the names and the order.
"""
from __future__ import annotations

import dataclasses
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import article as model
from .settings import Overrides, Settings
from .errors import BuildError
from .fileio import remove_stale_temps, write_text


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
    pages: int | None = None
    """Pages of the large-print handout, when it was made."""
    written: dict = field(default_factory=dict)
    """Format name to its :class:`~bulletin.writers.Written`, in the order written."""
    voices: tuple[str, ...] = ()
    """The voices that read the audio, e.g. ``piper en_US-joe-medium``, ``espeak es-419``."""
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage, for the benchmark: read, each format by name (pdf with its
    tagging, mp3 with script, synthesis, mastering and encoding), see stage_timings.py."""


def slugify(text: str, fallback: str = "bulletin") -> str:
    """A file-name-safe, lower-case name that keeps letters of any script."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:60].rstrip("-") or fallback


def read_article(source: Path, settings: Settings = Settings()) -> model.Article:
    """Read ``source`` with the reader its content calls for, then apply the command line's
    corrections and the settings' defaults."""
    from . import readers
    from .readers.passages import mark_passages

    overrides = settings.overrides
    # A language given on the command line is not guessed (the detector still tells passages apart).
    lang = model.language_tag(overrides.language) if overrides.language else None
    art = readers.read(Path(source), default_language=lang or settings.language,
                       detect=not lang)
    # Marked after --lang is applied: a passage is "another language" relative to the final one.
    return mark_passages(apply_overrides(art, overrides, settings))


def apply_overrides(art: model.Article, ov: Overrides, settings: Settings) -> model.Article:
    from .readers.dates import parse_date

    changes: dict = {k: v for k, v in (("title", ov.title), ("subtitle", ov.subtitle),
                                        ("byline", ov.byline)) if v}
    if ov.language:
        changes["language"] = model.language_tag(ov.language)
    if ov.date:
        changes["date"] = parse_date(ov.date, strict=True)
    if changes.get("title"):
        changes["title_derived"] = False
        if art.warnings:
            changes["warnings"] = tuple(w for w in art.warnings if "--title" not in w)
    art = dataclasses.replace(art, **changes)
    if art.helpbox is None and settings.helpbox is not None:
        art = dataclasses.replace(art, blocks=art.blocks + (settings.helpbox,))
    return art


def prepare_folder(out_dir: Path, slug: str) -> Path:
    """The bulletin's folder, made if needed, without temporary files an interrupted build left."""
    folder = Path(out_dir) / slug
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"cannot create output folder {folder}: {e.strerror or e}") from None
    remove_stale_temps(folder)
    return folder


def write_article_json(art: model.Article, folder: Path) -> Path:
    """``article.json``: how the article was read, for checking."""
    path = folder / "article.json"
    write_text(path, json.dumps(model.to_dict(art), ensure_ascii=False, indent=1) + "\n")
    return path


def build(source: Path, out_dir: Path, settings: Settings,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build every output for ``source`` into ``out_dir/<slug>/``.

    ``progress(stage)`` is told when reading and each format starts.
    """
    from . import stage_timings, writers

    progress = progress or (lambda stage: None)
    plan = writers.plan(settings.formats, audio=settings.audio)
    progress("read")
    t0 = time.perf_counter()
    art = read_article(source, settings)
    read_s = time.perf_counter() - t0
    slug = slugify(Path(source).stem)
    if "pdf" in {f.name for f in plan.formats}:
        from .handout import check_fonts

        check_fonts(art, settings)  # a script without a font fails here, before anything is written
    folder = prepare_folder(out_dir, slug)
    result = BuildResult(source=Path(source), folder=folder, slug=slug, article=art,
                         warnings=list(art.warnings) + list(plan.skipped), timings={"read": read_s})
    if not settings.audio_url and settings.base_url:
        from .web import page_url

        # With a publishing address, the handout's QR code leads to the bulletin's own page.
        settings = dataclasses.replace(settings, audio_url=page_url(settings.base_url, slug))
    job = writers.Job(article=art, settings=settings, folder=folder, slug=slug,
                      out_dir=Path(out_dir))
    with stage_timings.collecting(result.timings):
        result.files["article"] = write_article_json(art, folder)
        written, failed = write_formats(plan.formats, job, progress)
    for w in written.values():
        result.files.update(w.files)
        result.warnings += w.warnings
    result.written = written
    result.duration = job_fact(written, "duration")
    result.pages = job_fact(written, "pages")
    result.voices = tuple(job_fact(written, "voices") or ())
    problems = failed + list(plan.refused)
    if problems:
        made = ", ".join(p.name for p in result.files.values()) or "nothing"
        raise BuildError("; ".join(problems) + f" (written: {made})")
    return result


def job_fact(written: dict, name: str):
    """A fact any of the writers reported (see :class:`~bulletin.writers.Written`), or None."""
    return next((w.facts[name] for w in written.values() if name in w.facts), None)


def write_formats(formats, job, progress: Callable[[str], None]):
    """Write each format in table order: ({name: Written}, [what could not be made]).

    Formats marked ``beside`` are written in order in one thread next to the others; a format
    that reads one of them waits for that thread first. A format this computer turns out to be
    unable to make (:class:`~bulletin.writers.Unavailable`: no voice for the language) is left
    out with the formats that need it, and reported by the caller once the rest is written. Any
    other failure stops the build; each file already written is whole (written under a
    temporary name and renamed), and none is half-written.
    """
    import contextvars
    import threading

    from . import stage_timings
    from .writers import Unavailable

    done: dict = {}
    failed: list[str] = []
    side = [f for f in formats if f.beside]
    side_done: dict = {}
    side_error: list[BaseException] = []

    def write_one(fmt, into: dict) -> None:
        if any(n not in into and n not in done and n not in side_done for n in fmt.needs):
            return  # what it needs could not be made; that failure is already reported
        progress(fmt.name)
        earlier = {**done, **side_done} if into is done else dict(into)
        with stage_timings.timed(fmt.name):
            try:
                into[fmt.name] = fmt.writer()(dataclasses.replace(job, earlier=earlier))
            except Unavailable as e:
                failed.append(f"no {fmt.label}: {e}")

    def run_side() -> None:
        try:
            for fmt in side:
                write_one(fmt, side_done)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            side_error.append(e)

    ctx = contextvars.copy_context()  # the stage timings collection travels with it
    thread = threading.Thread(target=lambda: ctx.run(run_side), name="beside", daemon=True)
    joined = not side
    if side:
        thread.start()
    try:
        for fmt in formats:
            if fmt.beside:
                continue
            if not joined and ("*" in fmt.uses or set(fmt.uses + fmt.needs) & {f.name for f in side}):
                thread.join()
                joined = True
                if side_error:
                    raise side_error[0]
                done.update(side_done)
            write_one(fmt, done)
        if not joined:
            thread.join()
            if side_error:
                raise side_error[0]
            done.update(side_done)
    except BaseException:
        if not joined:  # let the other lane finish or fail its file whole before leaving
            thread.join()
        raise
    order = [f.name for f in formats]
    return {n: done[n] for n in order if n in done}, failed
