"""The ``bulletin`` command: parse options, call the library, report.

Heavy libraries are imported inside the commands that need them, so ``bulletin --help`` stays
fast. Every failure the user can act on is one line on stderr and exit 1 (a build failed) or
2 (unusable input or options); ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import BulletinError
from .fileio import abandon
from .settings import AUDIO_PROFILES, ENGINES, FALLBACK_ENGINES, PAPERS, SIZES
from .writers import NAMES as FORMAT_NAMES

EXIT_OK, EXIT_FAILED = 0, 1


def error(message: str) -> None:
    click.echo(f"bulletin: error: {message}", err=True)


def warn(message: str) -> None:
    if not click.get_current_context().find_root().params.get("quiet"):
        click.echo(f"bulletin: warning: {message}", err=True)


# A copy of the terminal's stderr, made before any work starts: the MP3 check sends descriptor 2
# to /dev/null around each read, and a stop landing there must still be reported.
_STDERR_FD: int | None = None


def _interrupt(signum, frame):
    """Ctrl-C or a closed terminal: remove this build's temporary files and stop at once.

    Outputs are renamed into place only when whole, so what remains is whole; the workers of a
    batch are stopped the same way.
    """
    abandon()
    multiprocessing = sys.modules.get("multiprocessing")  # nothing is imported in a handler
    for child in multiprocessing.active_children() if multiprocessing else ():
        child.terminate()
    with contextlib.suppress(OSError):
        os.write(2 if _STDERR_FD is None else _STDERR_FD,
                 b"bulletin: interrupted; no partial files were left\n")
    os._exit(130)


def _catch_stops() -> None:
    global _STDERR_FD
    if _STDERR_FD is None:
        with contextlib.suppress(OSError):
            _STDERR_FD = os.dup(2)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)


class BulletinGroup(click.Group):
    """Turns the tool's own errors, interrupts and surprises into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        _catch_stops()
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BulletinError as e:
            if ctx.params.get("debug"):
                traceback.print_exc()
            error(str(e))
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("bulletin: interrupted; no partial files were left", err=True)
            ctx.exit(130)
        except Exception as e:  # noqa: BLE001 - the last line of defence against tracebacks
            if ctx.params.get("debug"):
                traceback.print_exc()
            else:
                error(f"internal error: {type(e).__name__}: {e} (rerun with --debug for details)")
            ctx.exit(EXIT_FAILED)


@click.group(cls=BulletinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print the seconds each stage took.")
@click.option("-q", "--quiet", is_flag=True, help="Say only errors.")
def main(debug: bool, verbose: bool, quiet: bool) -> None:
    """Turn a news article or community notice into a large-print PDF and a spoken MP3.

    \b
    Start with:
      bulletin build article.txt -o out
    """


def article_options(f):
    """Options that correct what the reader found in the article."""
    for opt in reversed([
        click.option("--title", help="Use this headline instead of the one found."),
        click.option("--subtitle", help="Use this deck (the line under the headline)."),
        click.option("--byline", help="Use this byline, e.g. 'By Ana Ruiz'."),
        click.option("--date", help="The article's date, YYYY-MM-DD."),
        click.option("--lang", "language", help="The article's language, e.g. en, es, vi."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Settings file (default: ./bulletin.toml if present)."),
    ]):
        f = opt(f)
    return f


def build_options(f):
    """Options shared by every command that builds bulletins."""
    for opt in reversed([
        click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path("out"), show_default=True, help="Folder to write into."),
        click.option("--formats", metavar="LIST", callback=_formats_option,
                     help="Only these outputs, e.g. pdf,mp3 [every one this computer can make]: "
                          + ", ".join(FORMAT_NAMES) + "."),
        click.option("--no-audio", is_flag=True, help="Leave out the spoken version (mp3, vtt, transcript)."),
        click.option("--paper", type=click.Choice(PAPERS), help="Paper size [letter]."),
        click.option("--size", type=click.Choice([str(n) for n in SIZES]), help="Body text size in points [18]."),
        click.option("--audio-url", help="Where the QR code on the handout leads."),
        click.option("--base-url", help="Where the bulletins will be published (absolute links)."),
        click.option("--engine", type=click.Choice(ENGINES),
                     help="Voice engine [auto: a Piper voice for the language, else Google's if online, "
                          "else espeak-ng]."),
        click.option("--voice", type=click.Path(dir_okay=False, path_type=Path),
                     help="A Piper .onnx voice file of your own."),
        click.option("--rate", type=click.IntRange(80, 300), help="Speaking rate, words per minute [150]."),
        click.option("--tld", help="Google accent, e.g. com, co.uk, com.mx [the one --lang calls for]."),
        click.option("--offline", is_flag=True,
                     help="Never use the network: no Google voice, not even a check for it."),
        click.option("--fallback-engine", type=click.Choice(FALLBACK_ENGINES),
                     help="Offline voice to use if Google's fails."),
        click.option("--audio-profile", type=click.Choice(AUDIO_PROFILES),
                     help="podcast: MP3 -16 LUFS; radio: 44.1 kHz -23 LUFS; phone: 8 kHz WAV."),
        click.option("--max-audio-minutes", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
                     help="Refuse to make longer audio."),
        click.option("--deterministic", is_flag=True,
                     help="Byte-identical rebuilds (noise-free voice, fixed dates)."),
        click.option("--gtts-timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
                     help="Seconds to wait for Google's voice."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Where synthesised speech is kept for rebuilds [$BULLETIN_CACHE_DIR or the user cache]."),
        click.option("--no-cache", is_flag=True, help="Synthesise everything afresh; keep nothing."),
        click.option("--booklet", is_flag=True,
                     help="Also make a fold-and-staple booklet: half-size pages 2-up on each sheet."),
        click.option("--braille-size", metavar="CELLSxLINES", callback=_braille_size_option,
                     help="Braille page: cells a line by lines a page [40x25]."),
        click.option("--braille-grade", type=click.Choice(["1", "2"]),
                     help="Braille: 2 contracted where the language has it, 1 uncontracted [2]."),
    ]):
        f = opt(f)
    return f


def _settings(kw: dict, config_path: Path | None = None, near: Path | None = None):
    """The build's one settings value from the options given (see :func:`.settings.from_options`)."""
    from .settings import from_options

    return from_options(kw, config_path, near)


def _parsed_by(parser: str):
    """A click callback that parses an option with ``module:function``; its error is a usage error."""
    def callback(ctx, param, value):
        import importlib

        if value is None:
            return None
        module, _, func = parser.partition(":")
        try:
            return getattr(importlib.import_module(module), func)(value)
        except BulletinError as e:
            raise click.BadParameter(str(e), ctx=ctx, param=param) from None
    return callback


# --braille-size 40x25 as (40, 25); --formats as a tuple of known names, an unknown one named.
_braille_size_option = _parsed_by("bulletin.braille:parse_size")
_formats_option = _parsed_by("bulletin.writers:parse")


def _input_path(ctx, param, value):
    """Check article paths here so a missing file is one line and exit 2, like any bad input."""
    for p in value if isinstance(value, tuple) else (value,):
        if not p.exists():
            raise click.BadParameter(f"no such file: {p}", ctx=ctx, param=param)
        if p.is_dir():
            raise click.BadParameter(f"{p} is a folder; give article files", ctx=ctx, param=param)
    return value


article_argument = functools.partial(
    click.argument, type=click.Path(path_type=Path), callback=_input_path)


@main.command()
@article_argument("article")
@article_options
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def inspect(article: Path, as_json: bool, config_path, **kw) -> None:
    """Show how ARTICLE was read: title, byline, blocks and what was removed."""
    from .article import to_dict
    from .pipeline import read_article

    art = read_article(article, _settings(kw, config_path, article))
    if as_json:
        click.echo(json.dumps(to_dict(art), ensure_ascii=False, indent=2))
        return
    from .inspect_text import describe

    click.echo(describe(art))


@main.command()
@article_argument("articles", nargs=-1, required=True)
@article_options
@build_options
def build(articles: tuple[Path, ...], out_dir: Path, config_path, **kw) -> None:
    """Build a large-print PDF and a spoken MP3 for each ARTICLE.

    Each article gets a folder of its own in the output folder (default: out/).
    """
    from .readers.detect_language import preload

    preload()  # also with --lang: passages in other languages are told apart by it
    from .pipeline import build as build_one

    settings = _settings(kw, config_path, articles[0])
    worst = EXIT_OK
    for source in articles:
        try:
            result = build_one(source, out_dir, settings)
        except BulletinError as e:
            if len(articles) == 1:
                raise
            error(f"{source}: {e}")
            worst = max(worst, e.exit_code)
            continue
        for w in result.warnings:
            warn(f"{source.name}: {w}")
        report(result)
        if click.get_current_context().find_root().params.get("verbose"):
            click.echo(details(result))
    sys.exit(worst) if worst else None


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@article_options
@build_options
@click.option("--force", is_flag=True, help="Rebuild articles even when nothing changed.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Cores to use [all]: one article per core, each voice on one core.")
def batch(inputs: tuple[Path, ...], out_dir: Path, config_path, force: bool, jobs, **kw) -> None:
    """Build every article in INPUTS (files or folders) into one kit.

    Articles are built in parallel, one per core; a sentence several articles share (the help
    box, say) is spoken once for all of them. Unchanged articles are skipped (see manifest.json
    in the output folder). One failing article does not stop the others; the exit status is 1
    if any failed.
    """
    from . import batch as batch_mod

    settings = _settings(kw, config_path, inputs[0])
    batch_mod.prepare_out_dir(out_dir)  # an unwritable folder is one line, before the progress bar
    quiet = click.get_current_context().find_root().params.get("quiet")
    stages: dict[str, str] = {}
    import io

    # Quiet: the bar draws into nothing, so only errors reach the terminal.
    with click.progressbar(length=1, label="Building", file=io.StringIO() if quiet else sys.stderr,
                           show_eta=False, show_percent=False) as bar:
        def on_event(slug: str, stage: str, done: int, total: int) -> None:
            stages[slug] = stage
            counts = {s: sum(1 for v in stages.values() if v == s) for s in ("read", "pdf", "audio", "failed")}
            bar.length = total
            bar.label = (f"Built {done}/{total}  (" + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
                         + ")") if not quiet else ""
            bar.update(done - bar.pos)

        outcomes = batch_mod.run(inputs, out_dir, settings, force=force, jobs=jobs,
                                 on_event=None if quiet else on_event)
    notes = batch_mod.write_kit(outcomes, out_dir, settings)
    for n in notes:
        warn(n)
    failed = [o for o in outcomes if o.status == "failed"]
    if not quiet:
        click.echo(summary_table(outcomes))
    for o in failed:
        error(f"{o.source}: {o.message}")
    sys.exit(EXIT_FAILED) if failed else None


@main.group()
def cache() -> None:
    """Look at or empty the cache of synthesised speech."""


@cache.command("info")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Cache folder.")
def cache_info(cache_dir) -> None:
    """Where the cache is and how much it holds."""
    from .speech.cache import SpeechCache

    info = SpeechCache(cache_dir).info()
    click.echo(f"folder:  {info.folder}\nentries: {info.entries}\nsize:    {info.bytes / 1e6:.1f} MB")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Cache folder.")
def cache_clear(cache_dir) -> None:
    """Remove every cached utterance (the next builds synthesise afresh)."""
    from .speech.cache import SpeechCache

    c = SpeechCache(cache_dir)
    click.echo(f"removed {c.clear()} entries from {c.folder}")


def summary_table(outcomes) -> str:
    """A plain table people can read at a glance: one row per article."""
    rows = [("article", "status", "audio", "seconds", "note")]
    for o in outcomes:
        dur = (o.result.duration if o.result else o.entry.get("duration")) or 0
        rows.append((o.slug, o.status, f"{int(dur // 60)}:{int(dur % 60):02d}" if dur else "-",
                     f"{o.seconds:.1f}" if o.seconds else "-", o.message[:60]))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    n = {s: sum(o.status == s for o in outcomes) for s in ("built", "skipped", "failed")}
    lines.append(f"{n['built']} built, {n['skipped']} unchanged, {n['failed']} failed")
    return "\n".join(line.rstrip() for line in lines)


def report(result) -> None:
    """One line per file written, so users see where everything went."""
    if click.get_current_context().find_root().params.get("quiet"):
        return
    click.echo(f"{result.source.name} -> {result.folder}/")
    for kind, path in result.files.items():
        click.echo(f"  {kind:<14} {path.name}")
    if getattr(result, "voices", ()):
        click.echo(f"  {'read by':<14} {', '.join(result.voices)} (computer voices)"
                   if len(result.voices) > 1 else f"  {'read by':<14} {result.voices[0]} (a computer voice)")


def details(result) -> str:
    """What --verbose adds: the seconds each stage took (the voice is in the report already)."""
    return "\n".join(f"  {stage:<14} {seconds:.3f} s" for stage, seconds in result.timings.items())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the voices as JSON.")
@click.option("--voice", type=click.Path(dir_okay=False, path_type=Path),
              help="Also check this Piper .onnx voice file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Settings file (default: ./bulletin.toml if present).")
@click.option("--threshold", is_flag=True,
              help="One line per LA County threshold language: which engines speak it, offline and online.")
def voices(as_json: bool, voice, config_path, threshold: bool) -> None:
    """List every voice engine, its languages and whether it works offline, right now.

    Piper voices named under [voices] in bulletin.toml are loaded to prove they work. Nothing is
    fetched: Google's voices are listed as needing internet.
    """
    import dataclasses

    from .speech.voices import format_table, format_threshold, list_voices, threshold_languages

    settings = _settings({}, config_path)
    if threshold:
        langs = threshold_languages(voice or settings.voice, settings)
        click.echo(json.dumps([dataclasses.asdict(r) for r in langs], ensure_ascii=False, indent=1)
                   if as_json else format_threshold(langs))
        return
    rows = list_voices(voice or settings.voice, settings)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    click.echo(format_table(rows))


@main.command()
@article_argument("article")
@article_options
@click.option("--rate", type=click.IntRange(80, 300), help="Speaking rate, words per minute [150].")
@click.option("--written", is_flag=True, help="Also show each sentence as written.")
@click.option("--json", "as_json", is_flag=True, help="Print the utterances as JSON.")
def script(article: Path, config_path, written: bool, as_json: bool, **kw) -> None:
    """Print what the voice will say for ARTICLE, after numbers and names are spelled out.

    Read it before an event: every line is said exactly as printed, with the pause after it.
    """
    import dataclasses

    from .pipeline import read_article
    from .speech.script import build_script
    from .speech.synthesize import estimated_seconds

    settings = _settings(kw, config_path, article)
    art = read_article(article, settings)
    utterances = build_script(art, settings)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(u) for u in utterances], ensure_ascii=False, indent=1))
        return
    section = None
    for u in utterances:
        if u.section != section:
            section = u.section
            click.echo(f"\n== {section} ==")
        slow = " (slowly)" if u.rate_factor < 1 else ""
        lang = f"[{u.lang}] " if u.lang else ""
        click.echo(f"  {lang}{u.spoken}{slow}  [{u.pause_after:g} s]")
        if written and u.text.rstrip(".") != u.spoken.rstrip("."):
            click.echo(f"      written: {u.text}")
    seconds = estimated_seconds(utterances, settings.rate)
    click.echo(f"\n{len(utterances)} utterances, about {int(seconds // 60)}:{int(seconds % 60):02d} "
               f"at {settings.rate} words per minute")


def run() -> None:
    """The console script: click's own usage errors also become one line and exit 2."""
    try:
        rv = main.main(prog_name="bulletin", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("bulletin: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        hint = f" (see bulletin {e.ctx.command_path.partition(' ')[2]} --help)".replace("  ", " ") \
            if isinstance(e, click.UsageError) and e.ctx else ""
        error(e.format_message().replace("\n", " ") + hint)
        sys.exit(e.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
