"""Score bulletin's English text normalisation on NeMo's test cases, and time it.

    python benchmarks/nemo_tn.py [CORPUS_DIR] [--show-failures CATEGORY] [--speed]

CORPUS_DIR defaults to ../shared/corpora/nemo-tn-en next to the repository. The corpus is read
where it lies and never copied. A case passes when our output equals NeMo's spoken form after
lowercasing, turning punctuation into spaces, dropping the word "and" and then every space
(so "a m" and "AM", "L A P D" and "LAPD" count as the same). Some NeMo expectations are
stylistic choices a news reader does not share; see the report for the differences we chose.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpora" / "nemo-tn-en"
ARTICLE = REPO / "assets" / "examples" / "trafficking-awareness.txt"
TARGETS = {"telephone": 90, "ordinal": 90, "decimal": 90, "money": 90, "date": 90, "time": 90,
           "cardinal": 80, "measure": 70, "electronic": 70}


def canonical(text: str) -> str:
    words = re.sub(r"[^\w\s]|_", " ", text.lower()).split()
    return "".join(w for w in words if w != "and")


def read_cases(path: Path) -> list[tuple[str, str]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "~" in line:
            written, spoken = line.split("~", 1)
            cases.append((written, spoken))
    return cases


def score(corpus: Path, show: str | None) -> int:
    from bulletin.speech.normalize import normalize

    files = sorted(corpus.glob("test_cases_*.txt"))
    if not files:
        print(f"no test_cases_*.txt in {corpus}", file=sys.stderr)
        return 2
    print(f"{'category':<12}{'passed':>8}{'cases':>7}{'score':>8}{'target':>8}")
    failed_target = False
    total_pass = total = 0
    for f in files:
        cat = f.stem.removeprefix("test_cases_")
        cases = read_cases(f)
        passed = 0
        for written, spoken in cases:
            got = normalize(written, "en")
            ok = canonical(got) == canonical(spoken)
            passed += ok
            if not ok and show in (cat, "all"):
                print(f"  [{cat}] {written!r}\n      want {spoken!r}\n      got  {got!r}")
        pct = 100.0 * passed / len(cases) if cases else 0.0
        target = TARGETS.get(cat)
        mark = "" if target is None else (" ok" if pct >= target else " BELOW")
        failed_target |= target is not None and pct < target
        print(f"{cat:<12}{passed:>8}{len(cases):>7}{pct:>7.1f}%{(str(target) + '%') if target else '-':>8}{mark}")
        total_pass += passed
        total += len(cases)
    print(f"{'all':<12}{total_pass:>8}{total:>7}{100.0 * total_pass / max(total, 1):>7.1f}%")
    return 1 if failed_target else 0


def speed(runs: int = 15) -> None:
    import subprocess

    def import_ms(module: str) -> float:
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        runs_ms = [1000 * float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                               text=True, check=True).stdout) for _ in range(5)]
        return statistics.median(runs_ms)

    imports = {m: import_ms(m) for m in ("num2words", "bulletin.speech",
                                         "bulletin.speech.normalize.en", "bulletin.speech.normalize.es")}
    from bulletin.speech.normalize import normalize

    text = ARTICLE.read_text(encoding="utf-8")
    normalize(text, "en")  # warm: lazy imports and regex compilation
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        normalize(text, "en")
        times.append(time.perf_counter() - t)
    for module, ms in imports.items():
        print(f"import {module} (fresh interpreter, median of 5): {ms:.1f} ms")
    print(f"normalise {ARTICLE.name} ({len(text.split())} words), median of {runs}: "
          f"{statistics.median(times) * 1000:.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--show-failures", metavar="CATEGORY", help="a category name, or 'all'")
    ap.add_argument("--speed", action="store_true", help="also time import and the sample article")
    args = ap.parse_args()
    rc = score(args.corpus.resolve(), args.show_failures)
    if args.speed:
        speed()
    return rc


if __name__ == "__main__":
    sys.exit(main())
