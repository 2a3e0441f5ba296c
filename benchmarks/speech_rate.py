"""Words per minute of the spoken version, counted several ways.

    python benchmarks/speech_rate.py                       # Piper, the English example, 150 wpm
    python benchmarks/speech_rate.py --engine espeak --rate 120
    python benchmarks/speech_rate.py --article assets/examples/aviso-trata.es.txt

``--rate`` means words said per minute over ordinary speech, pauses included. This prints that
figure and the others people quote: the whole programme (help box read twice, a little slower),
the body alone, and each with written words (a phone number is one written word but eleven
spoken ones) as well as spoken words. Synthesis only: no mastering or files.
"""
from __future__ import annotations

import dataclasses

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from bulletin import settings_file
    from bulletin.pipeline import read_article
    from bulletin.speech.engines import select_engine
    from bulletin.speech.script import build_script
    from bulletin.speech.synthesize import speak

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--article", type=Path, default=ROOT / "assets" / "examples" / "trafficking-awareness.txt")
    ap.add_argument("--engine", default="piper")
    ap.add_argument("--rate", type=int, default=150)
    a = ap.parse_args()
    cfg = settings_file.read(None, near=a.article)
    art = read_article(a.article, cfg)
    settings = dataclasses.replace(cfg, engine=a.engine, rate=a.rate, cache=False, deterministic=True)
    script = build_script(art, cfg, settings)
    engine, _ = select_engine(settings, art.language)
    t0 = time.perf_counter()
    rows = [(u, s.duration) for u, s in speak(script, engine, settings, art.language)]
    print(f"{a.article.name}, {engine.name} at --rate {a.rate}: synthesis {time.perf_counter() - t0:.1f} s wall")

    def line(name: str, sel, spoken: bool) -> None:
        words = sum(len((u.spoken if spoken else u.text).split()) for u, _ in sel)
        total = sum(d + u.pause_after for u, d in sel)
        print(f"  {name:<34} {words:4d} words {total:6.1f} s  {words / total * 60:6.1f} wpm")

    body = [r for r in rows if r[0].kind in ("paragraph", "item", "heading")]
    normal = [r for r in rows if r[0].rate_factor == 1.0]
    for spoken in (True, False):
        kind = "spoken" if spoken else "written"
        line(f"{kind} words, whole programme", rows, spoken)
        line(f"{kind} words, at normal pace", normal, spoken)
        line(f"{kind} words, body only", body, spoken)


if __name__ == "__main__":
    main()
