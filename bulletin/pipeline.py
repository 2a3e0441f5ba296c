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
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage (read, pdf, audio), for the benchmark."""

    @contextlib.contextmanager
    def timed(self, stage: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t0


def slugify(text: str, fallback: str = "bulletin") -> str:
    """A file-name-safe, lower-case name that keeps letters of any script."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:60].rstrip("-") or fallback


def read_article(source: Path, config: Config, overrides: Overrides = Overrides()) -> model.Article:
    """Read ``source`` with the reader its content calls for, then apply overrides and defaults."""
    from . import readers

    art = readers.read(Path(source), default_language=config.language)
    return apply_overrides(art, overrides, config)


def apply_overrides(art: model.Article, ov: Overrides, config: Config) -> model.Article:
    from .readers.dates import parse_date

    changes: dict = {k: v for k, v in (("title", ov.title), ("subtitle", ov.subtitle),
                                        ("byline", ov.byline), ("language", ov.language)) if v}
    if ov.date:
        changes["date"] = parse_date(ov.date, strict=True)
    if changes.get("title") and art.warnings:
        changes["warnings"] = tuple(w for w in art.warnings if "--title" not in w)
    if ov.language:
        changes["warnings"] = tuple(w for w in changes.get("warnings", art.warnings) if "--lang" not in w)
    art = dataclasses.replace(art, **changes)
    if art.helpbox is None and config.helpbox is not None:
        art = dataclasses.replace(art, blocks=art.blocks + (config.helpbox,))
    return art


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

    from .handout import check_fonts

    check_fonts(art, config)  # a script without a font fails here, before anything is written
    path = folder / "article.json"
    write_text(path, json.dumps(model.to_dict(art), ensure_ascii=False, indent=1) + "\n")
    result.files["article"] = path

    from .handout import write_handout

    if not settings.audio_url and settings.base_url:
        from .web import page_url

        # With a publishing address, the handout's QR code leads to the bulletin's own page.
        settings = dataclasses.replace(settings, audio_url=page_url(settings.base_url, slug))

    path = folder / f"{slug}-large-print.pdf"
    progress("pdf")
    with result.timed("pdf"):
        result.warnings += write_handout(art, settings, config, path)
    result.files["pdf"] = path

    if settings.booklet:
        from .handout.booklet import write_booklet

        with result.timed("booklet"):
            booklet = write_booklet(art, settings, config, folder, slug, known=result.warnings)
        result.files.update(booklet.files)
        result.warnings += booklet.warnings

    no_voice = None
    if settings.audio:
        from .audio import write_audio
        from .speech.engines import NoVoiceError, select_engine
        from .speech.script import build_script
        from .speech.synthesize import speak

        progress("audio")
        with result.timed("audio"):
            script = build_script(art, config, settings)
            try:
                engine, notes = select_engine(settings, config, art.language)
            except NoVoiceError as e:
                no_voice = e  # the handout and page are still made; the build then fails
            else:
                result.warnings += notes
                audio = write_audio(art, script, speak(script, engine, settings, art.language),
                                    settings, config, folder, slug)
                result.files.update(audio.files)
                result.warnings += audio.warnings
                result.duration = audio.duration

    from .web import write_page

    progress("web")
    with result.timed("web"):
        result.files["page"] = write_page(result, settings, config, out_dir)
    if no_voice is not None:
        raise type(no_voice)(f"no audio: {no_voice} (the handout was written: {result.files['pdf']})")
    return result
