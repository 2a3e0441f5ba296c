"""Seconds of speech for the passages in other languages, each in a voice for its language
against all in the article's voice; and what one network probe costs here.

    python benchmarks/passage_voices.py                      # the eight-language notice, offline
    python benchmarks/passage_voices.py --article NOTICE.txt

Synthesis only, offline (the probe is timed on its own): each passage utterance as the build
speaks it, trimmed of the engine's own silence, so the figure is sound, not pauses.
"""
from __future__ import annotations

import dataclasses

import argparse
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from bulletin.settings_file import read as load
    from bulletin.pipeline import read_article
    from bulletin.speech.casting import Casting
    from bulletin.speech.script import build_script
    from bulletin.speech.synthesize import speak

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--article", type=Path, default=ROOT / "assets" / "examples" / "help-line-eight-languages.txt")
    a = ap.parse_args()
    cfg = load(near=a.article)
    art = read_article(a.article, cfg)
    settings = dataclasses.replace(cfg, offline=True, cache=False)
    script = build_script(art, settings)
    passages = [u for u in script if u.lang]
    casting = Casting(settings, art.language)
    print(f"{a.article.name}: {len({u.lang for u in passages})} passage languages, {len(passages)} utterances")
    for mode, voices in (("a voice per language", casting), ("the article's voice", casting.main.engine)):
        per: Counter = Counter()
        t0 = time.perf_counter()
        for u, s in speak(passages, voices, settings, art.language):
            per[u.lang] += s.duration
        print(f"  {mode:<22} {sum(per.values()):6.1f} s of speech "
              f"({time.perf_counter() - t0:.1f} s to make): "
              + ", ".join(f"{k} {v:.1f}" for k, v in per.items()))
    print("  voices:", ", ".join(casting.used))

    from bulletin.speech.engines import network

    network.forget()
    t0 = time.perf_counter()
    answer = network.google_answers()
    print(f"network probe: {'answers' if answer else 'no answer'} in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
