"""Audio stage timings and memory: mastering + encoding + tagging, and peak RSS for an hour.

    /root/dev/bin/python benchmarks/bench_audio.py            # ~130 s programme, median of 5
    /root/dev/bin/python benchmarks/bench_audio.py --hour     # 60-minute programme, peak RSS

Synthetic speech-like input (tests/test_audio.py's generator), so no voice is needed.
"""
from __future__ import annotations

import dataclasses

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_audio import ARTICLE, CONFIG, RATE, voice  # noqa: E402

from bulletin.audio import write_audio  # noqa: E402
from bulletin.speech.engines.base import Speech  # noqa: E402
from bulletin.speech.utterance import Utterance  # noqa: E402


def pairs(seconds: float, distinct: int = 24):
    """Utterances of ~3 s with sentence/paragraph pauses until ``seconds`` of programme."""
    bank = [voice(2.5 + 0.1 * (i % 7), i) for i in range(distinct)]
    total, i = 0.0, 0
    while total < seconds:
        x = bank[i % distinct].copy()  # a fresh array per utterance, as an engine returns
        pause = 0.7 if i % 4 == 3 else 0.35
        utt = Utterance(f"Sentence {i}.", f"sentence {i}", pause, f"Section {i // 40}")
        yield utt, Speech(x, RATE)
        total += len(x) / RATE + pause
        i += 1


def one(seconds: float, profile: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as d:
        items = list(pairs(seconds))
        t = time.perf_counter()
        r = write_audio(ARTICLE, [u for u, _ in items], iter(items), dataclasses.replace(CONFIG, audio_profile=profile),
                        Path(d), "bench")
        return time.perf_counter() - t, r.duration


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hour", action="store_true")
    ap.add_argument("--profile", default="podcast")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if a.hour:
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            gen = pairs(3600)
            script = []  # the script (text only) is tiny; audio arrives one utterance at a time

            def spoken():
                for u, s in gen:
                    script.append(u)
                    yield u, s

            r = write_audio(ARTICLE, script, spoken(), dataclasses.replace(CONFIG, audio_profile=a.profile),
                            Path(d), "bench")
            wall = time.perf_counter() - t
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{a.profile}: {r.duration / 60:.1f} min programme, {wall:.1f} s, peak RSS {rss:.0f} MB, "
              f"{r.loudness:.2f} LUFS, {r.true_peak:.2f} dBTP")
        return
    times = []
    for _ in range(a.runs):
        el, dur = one(130, a.profile)
        times.append(el)
    print(f"{a.profile}: {dur:.1f} s programme: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}) over {a.runs} runs")


if __name__ == "__main__":
    main()
