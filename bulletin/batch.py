"""Many articles at once: parallel, incremental, resumable.

A manifest in the output folder records, per article, a hash of its input bytes and of every
setting that shapes the outputs. An article whose hashes match and whose outputs are all still
there is skipped, so re-running a batch after editing one file rebuilds only that file, and a
batch that was interrupted picks up where it stopped.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import errno
import hashlib
import json
import multiprocessing
import os
import queue as queue_mod
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .settings import Settings
from .thread_budget import THREADS_ENV
from .errors import BuildError, BulletinError, InputError
from .fileio import write_text
from .pipeline import BuildResult, build, slugify

MANIFEST = "manifest.json"
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
OUTPUTS_VERSION = 2
"""Part of every article's settings hash: bump it when a build writes other files or other bytes
(2: chapters file and cover beside the MP3, chapters in time order), so a kit made by an earlier
version is rebuilt rather than skipped."""


@dataclass
class Outcome:
    """One article's fate in a batch."""

    source: Path
    slug: str
    status: str
    """built, skipped or failed."""
    message: str = ""
    seconds: float = 0.0
    result: BuildResult | None = None
    entry: dict = field(default_factory=dict)
    """Its manifest entry."""


def find_articles(inputs: tuple[Path, ...]) -> list[Path]:
    """Files as given, folders searched (recursively) for article files, in a stable order."""
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found += sorted(q for q in p.rglob("*")
                            if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES
                            and not any(part.startswith(".") for part in q.relative_to(p).parts))
        elif p.is_file():
            found.append(p)
        else:
            raise InputError(f"no such file or folder: {p}")
    unique = list(dict.fromkeys(q.resolve() for q in found))
    slugs: dict[str, Path] = {}
    for q in unique:
        other = slugs.setdefault(slugify(q.stem), q)
        if other != q:
            raise InputError(f"{q} and {other} would share the output folder {slugify(q.stem)!r}; rename one")
    if not unique:
        raise InputError("no article files (.txt, .md, .html) found in the inputs")
    return unique


def settings_hash(settings: Settings) -> str:
    """Everything besides the article that changes the outputs, hashed."""
    h = hashlib.sha256(f"{__version__} {OUTPUTS_VERSION}".encode())
    h.update(json.dumps(dataclasses.asdict(settings), default=str, sort_keys=True).encode())
    for path in (settings.source, settings.logo, settings.voice):
        if path and Path(path).is_file():
            h.update(Path(path).read_bytes() if Path(path).stat().st_size < 5_000_000 else str(path).encode())
    return h.hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_manifest(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("articles"), dict) else {"articles": {}}
    except (OSError, ValueError):
        return {"articles": {}}


def is_current(entry: dict | None, input_sha: str, settings_sha: str, out_dir: Path) -> bool:
    """True when the recorded build used the same input and settings and its files are intact."""
    if not entry or entry.get("status") != "built" or "kinds" not in entry:
        return False  # never built, failed, or recorded before file kinds were kept
    if entry.get("input") != input_sha or entry.get("settings") != settings_sha:
        return False
    files = entry.get("files", {})
    return bool(files) and all((out_dir / rel).is_file() and (out_dir / rel).stat().st_size == size
                               for rel, size in files.items())


def _worker_init(threads: int, events) -> None:
    os.environ[THREADS_ENV] = str(threads)
    global _EVENTS
    _EVENTS = events


_EVENTS = None


def _build_one(source: Path, out_dir: Path, settings: Settings) -> tuple[str, object]:
    """Runs in a worker: never raises, so one bad article cannot stop the others."""
    slug = slugify(source.stem)

    def progress(stage: str) -> None:
        if _EVENTS is not None:
            _EVENTS.put((slug, stage))

    try:
        return "built", build(source, out_dir, settings, progress=progress)
    except BulletinError as e:
        return "failed", str(e)
    except Exception as e:  # noqa: BLE001 - reported in the summary, the batch goes on
        return "failed", f"internal error: {type(e).__name__}: {e}"


def plan_workers(n_articles: int, cpus: int | None = None) -> tuple[int, int]:
    """(processes, threads per process) that fill the cores without oversubscribing them."""
    cpus = cpus or os.cpu_count() or 1
    workers = max(1, min(n_articles, cpus))
    return workers, max(1, cpus // workers)


def prepare_out_dir(out_dir: Path) -> None:
    """Make the batch's folder, or stop in one line before any work when it cannot be written.

    Why: every article would fail alike, and the manifest could not be kept; the line is worded
    as ``build`` words it, with the system's own reason. ``os.access`` answers for a read-only
    file system even to root; the folder is not written to here.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"cannot create output folder {out_dir}: {e.strerror or e}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        read_only = hasattr(os, "statvfs") and bool(os.statvfs(out_dir).f_flag & os.ST_RDONLY)
        why = os.strerror(errno.EROFS if read_only else errno.EACCES)
        raise BuildError(f"cannot create output folder {out_dir}: {why}")


def run(inputs: tuple[Path, ...], out_dir: Path, settings: Settings, force: bool = False,
        jobs: int | None = None,
        on_event: Callable[[str, str, int, int], None] | None = None) -> list[Outcome]:
    """Build every article under ``inputs`` into ``out_dir``; returns one outcome per article.

    ``on_event(slug, stage, done, total)`` is called as articles move through their stages.
    """
    sources = find_articles(inputs)
    prepare_out_dir(out_dir)
    manifest = load_manifest(out_dir)
    s_sha = settings_hash(settings)
    outcomes: dict[Path, Outcome] = {}
    todo: list[tuple[Path, str]] = []
    for src in sources:
        slug, i_sha = slugify(src.stem), file_hash(src)
        entry = manifest["articles"].get(slug)
        if not force and is_current(entry, i_sha, s_sha, out_dir):
            outcomes[src] = Outcome(src, slug, "skipped", "unchanged", entry=entry)
        else:
            todo.append((src, i_sha))

    if todo:
        workers, threads = plan_workers(len(todo), jobs)
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        events = ctx.Manager().Queue() if on_event else None
        done = 0
        from .speech.casting import may_ask_google
        from .speech.engines.network import shared_probe

        # One network probe for the whole batch: the first worker that needs it asks, the rest read.
        probe = shared_probe() if may_ask_google(settings) else contextlib.nullcontext()
        with probe, \
                cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init,
                                       initargs=(threads, events)) as pool:
            started = {pool.submit(_build_one, src, out_dir, settings): (src, sha, time.perf_counter())
                       for src, sha in todo}
            pending = set(started)
            while pending:
                finished, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
                _drain(events, on_event, done, len(todo))
                for fut in finished:
                    src, i_sha, t0 = started[fut]
                    status, payload = fut.result()
                    slug = slugify(src.stem)
                    done += 1
                    if status == "built":
                        res: BuildResult = payload
                        files = {str(p.relative_to(out_dir)): p.stat().st_size for p in res.files.values()}
                        kinds = {kind: str(p.relative_to(out_dir)) for kind, p in res.files.items()}
                        entry = {"source": str(src), "input": i_sha, "settings": s_sha, "status": "built",
                                 "files": files, "kinds": kinds, "title": res.article.title,
                                 "duration": res.duration}
                        outcomes[src] = Outcome(src, slug, "built", "; ".join(res.warnings[:1]),
                                                time.perf_counter() - t0, res, entry)
                    else:
                        entry = {"source": str(src), "input": i_sha, "settings": s_sha, "status": "failed",
                                 "error": payload}
                        outcomes[src] = Outcome(src, slug, "failed", payload, time.perf_counter() - t0, entry=entry)
                    manifest["articles"][slug] = entry
                    # Saved after every article, so an interrupted batch resumes where it stopped.
                    write_text(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
                    if on_event:
                        on_event(slug, status, done, len(todo))
    return [outcomes[s] for s in sources]


def _drain(events, on_event, done: int, total: int) -> None:
    if events is None or on_event is None:
        return
    while True:
        try:
            slug, stage = events.get_nowait()
        except (queue_mod.Empty, OSError, EOFError):
            return
        on_event(slug, stage, done, total)


def result_from_folder(out_dir: Path, outcome: Outcome) -> BuildResult | None:
    """Rebuild what an earlier run wrote for a skipped article, from its folder and manifest entry."""
    from .article import from_dict

    folder = out_dir / outcome.slug
    try:
        art = from_dict(json.loads((folder / "article.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        return None
    files = {kind: out_dir / rel for kind, rel in outcome.entry["kinds"].items()}
    return BuildResult(source=outcome.source, folder=folder, slug=outcome.slug, article=art, files=files,
                       duration=outcome.entry.get("duration"))


def write_kit(outcomes: list[Outcome], out_dir: Path, settings: Settings) -> list[str]:
    """The folder index and the podcast feed over every bulletin built now or before."""
    from .web import write_feed, write_index

    results = [o.result or result_from_folder(out_dir, o) for o in outcomes if o.status != "failed"]
    results = [r for r in results if r is not None]
    notes: list[str] = []
    if results:
        write_feed(results, out_dir, settings, notes)
        write_index(results, out_dir, settings)
    return notes
