"""The writer table: every output format, what it needs, and the one function that writes it.

Each format is one module (or package) with an entry point ``write(job: Job) -> Written``. The
build walks :data:`FORMATS` in order, so a format comes after every format it reads from; adding
a format means writing its module and adding one line here.

A writer receives the article, the build's settings and what the writers before it produced
(:attr:`Job.earlier`), and reports back in one shape (:class:`Written`): the files it wrote, what
the user should be told, and facts later writers use (page count, audio timings, durations).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping, Protocol

from .article import Article
from .errors import BuildError, InputError


@dataclass(frozen=True)
class Written:
    """What one writer produced."""

    files: Mapping[str, Path] = field(default_factory=dict)
    """Kind of file (``pdf``, ``booklet``, ``mp3``, ``cover``, …) to its path, in the order written."""
    warnings: tuple[str, ...] = ()
    """What the user should know, one line each."""
    facts: Mapping[str, Any] = field(default_factory=dict)
    """What later writers may use. Known keys: ``pages`` (pdf: page count), ``duration`` (mp3:
    seconds of audio in the file), ``cues`` and ``chapters`` (mp3: the programme's timings),
    ``script`` (mp3: the utterances spoken), ``transcript`` (mp3: every word said, in paragraphs),
    ``voices`` (mp3: the voices that spoke, named), ``page_starts`` (pdf: where each page begins
    in the article, see handout/pagestarts.py)."""


@dataclass(frozen=True)
class Job:
    """One format's share of a build: everything its writer may read."""

    article: Article
    settings: Any
    """The build's :class:`~bulletin.settings.Settings`: defaults, bulletin.toml, command line."""
    folder: Path
    """The bulletin's own folder, where every file of this build goes."""
    slug: str
    """The bulletin's name: files are ``<slug>.<ext>`` or ``<slug>-<what>.<ext>``."""
    out_dir: Path
    """The kit's folder (the bulletin folder's parent), which ``--base-url`` stands for."""
    earlier: Mapping[str, Written] = field(default_factory=lambda: MappingProxyType({}))
    """What the formats already written produced, by format name."""

    def path(self, suffix: str) -> Path:
        """``<folder>/<slug><suffix>``, e.g. ``job.path(".brf")``."""
        return self.folder / f"{self.slug}{suffix}"

    def fact(self, name: str, default: Any = None) -> Any:
        """A fact any earlier writer reported, e.g. ``job.fact("pages")``."""
        for written in self.earlier.values():
            if name in written.facts:
                return written.facts[name]
        return default

    def files(self) -> dict[str, Path]:
        """Every file the earlier writers wrote, by kind."""
        out: dict[str, Path] = {}
        for written in self.earlier.values():
            out.update(written.files)
        return out


class Writer(Protocol):
    def __call__(self, job: Job) -> Written: ...


class Unavailable(BuildError):
    """This computer cannot make the format now (a system library or a voice is missing).

    A build without the format named on the command line skips it with a note; one that asked
    for it by name writes everything else and then fails with this message (exit 1).
    """


@dataclass(frozen=True)
class Format:
    """One line of the writer table."""

    name: str
    """What ``--formats`` calls it."""
    label: str
    """What it is, for people."""
    entry: str
    """``module:function`` of its writer; imported only when the format is written."""
    needs: tuple[str, ...] = ()
    """Formats it cannot be made without: asking for this one brings them along."""
    uses: tuple[str, ...] = ()
    """Formats whose files or facts it uses when they are made (read after them); ``*``: all."""
    audio: bool = False
    """Part of the spoken version: ``--no-audio`` leaves it out."""
    beside: bool = False
    """May be written in a thread beside the others: it reads nothing they make, and lets the
    voice (which runs with the interpreter released) use the time it spends."""
    check: str | None = None
    """``module:function`` returning why this computer cannot make it now, or None when it can."""

    def writer(self) -> Writer:
        module, _, func = self.entry.partition(":")
        return getattr(importlib.import_module(module), func)

    def unavailable(self) -> str | None:
        if self.check is None:
            return None
        module, _, func = self.check.partition(":")
        check: Callable[[], str | None] = getattr(importlib.import_module(module), func)
        return check()


FORMATS: tuple[Format, ...] = (
    Format("pdf", "large-print handout (PDF)", "bulletin.handout:write", beside=True),
    Format("mp3", "spoken version (MP3)", "bulletin.audio:write", audio=True),
    Format("vtt", "captions (WebVTT)", "bulletin.audio.captions:write", needs=("mp3",), audio=True),
    Format("transcript", "transcript (text)", "bulletin.audio.transcript:write", needs=("mp3",),
           audio=True),
    Format("brf", "braille file for embossers (BRF)", "bulletin.braille:write", beside=True,
           check="bulletin.braille:check"),
    Format("epub", "talking book (EPUB 3)", "bulletin.epub:write", uses=("pdf", "mp3")),
    Format("daisy", "DAISY 2.02 book", "bulletin.daisy:write", needs=("mp3",), uses=("pdf",)),
    Format("web", "web page (HTML)", "bulletin.web:write", uses=("*",)),
)
"""Every output, in the order a build writes them: each after the formats it needs or uses."""

NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}


def parse(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``"pdf, mp3"`` (or a list of names) as a tuple of known format names, in table order.

    An unknown name is a usage error naming it and listing the valid ones.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    names = [n.strip().lower() for n in items if n.strip()]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise InputError(f"unknown format {', '.join(map(repr, unknown))} "
                         f"(formats: {', '.join(NAMES)})")
    if not names:
        raise InputError(f"no format given (formats: {', '.join(NAMES)})")
    return tuple(n for n in NAMES if n in names)


@dataclass(frozen=True)
class Plan:
    """What one build will write, in order, and what it leaves out and why."""

    formats: tuple[Format, ...]
    skipped: tuple[str, ...] = ()
    """One line per format this computer cannot make and nobody asked for by name."""
    refused: tuple[str, ...] = ()
    """One line per format asked for by name that this computer cannot make."""


def plan(asked: tuple[str, ...] | None, audio: bool = True) -> Plan:
    """The formats to write: ``asked`` (None: every format) with what they need, in table order.

    ``audio=False`` (``--no-audio``) leaves out the spoken version and everything that needs it;
    naming such a format together with ``--no-audio`` is a usage error.
    """
    wanted = set(NAMES if asked is None else asked)
    if not audio:
        clash = sorted(n for n in wanted if _needs_audio(BY_NAME[n])) if asked is not None else []
        if clash:
            raise InputError(f"--no-audio leaves out {', '.join(clash)}: drop one or the other")
        wanted = {n for n in wanted if not _needs_audio(BY_NAME[n])}
    for name in list(wanted):
        wanted |= _closure(BY_NAME[name])
    named = set(asked or ())
    chosen, skipped, refused = [], [], []
    out: set[str] = set()
    for fmt in FORMATS:
        if fmt.name not in wanted:
            continue
        missing = [n for n in fmt.needs if n in out]
        why = fmt.unavailable() if not missing else f"it needs {', '.join(missing)}"
        if why:
            out.add(fmt.name)
            line = f"no {fmt.label}: {why}"
            (refused if fmt.name in named else skipped).append(line)
            continue
        chosen.append(fmt)
    return Plan(tuple(chosen), tuple(skipped), tuple(refused))


def _closure(fmt: Format) -> set[str]:
    found: set[str] = set()
    for n in fmt.needs:
        found |= {n} | _closure(BY_NAME[n])
    return found


def _needs_audio(fmt: Format) -> bool:
    return fmt.audio or any(_needs_audio(BY_NAME[n]) for n in fmt.needs)


def check_table() -> None:
    """Every name unique, and every format after those it needs or uses (for the tests)."""
    seen: set[str] = set()
    for fmt in FORMATS:
        assert fmt.name not in seen, f"format {fmt.name} twice in the table"
        for n in fmt.needs + tuple(u for u in fmt.uses if u != "*"):
            assert n in seen, f"format {fmt.name} comes before {n}, which it reads"
        seen.add(fmt.name)
