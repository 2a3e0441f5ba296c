"""Score article-body extraction on the article-extraction corpus (saved news and blog pages).

    python benchmarks/article_extraction.py [--corpus DIR] [--extractor NAME ...] [--dump DIR]

The corpus (default ../shared/corpora/article-extraction beside the repository, read in place)
holds ``html/<key>.html.gz`` and ``ground-truth.json`` with each page's hand-checked body. The
score is the benchmark's own method: both texts are split into ``\\w+`` tokens; every run of four
consecutive tokens is a shingle; shingles in common are true positives, only in the output false
positives, only in the truth false negatives; the three counts are divided by their sum so each
page weighs the same; precision and recall are averaged over pages (a page with no output has no
precision and zero recall) and F1 is taken from the two means.

Each extractor is scored on all pages and on the two halves of the sorted keys (even and odd
positions), so a change developed while looking at one half can be checked on the other. Pages
scoring under 0.5 are listed. Extractors: ``bulletin`` (the project's reader), ``readability``
(readability-lxml alone) and ``trafilatura`` (alone); all three by default. All three are given
the same text, decoded by bulletin's decoder, so only extraction differs.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "article-extraction"

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Every run of ``n`` consecutive tokens (a shorter text is one shingle of what it has)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(truth: str, got: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, divided by their sum."""
    want, have = shingles(truth), shingles(got)
    tp = sum((want & have).values())
    fp = sum((have - want).values())
    fn = sum((want - have).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def page_f1(c: tuple[float, float, float]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if (tp + fp + fn) else 1.0


def summary(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    p = statistics.mean([precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# ---------------------------------------------------------------- extractors: text -> body text
def run_bulletin(html: str) -> str:
    from bulletin.article import block_text
    from bulletin.readers import read

    art = read(html.encode("utf-8"), fmt="html")
    return "\n\n".join(block_text(b) for b in art.blocks)


def run_readability(html: str) -> str:
    import lxml.html
    from readability import Document

    summary_html = Document(html).summary(html_partial=True)
    if not summary_html.strip():
        return ""
    root = lxml.html.fromstring(summary_html)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def run_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


EXTRACTORS = {"bulletin": run_bulletin, "readability": run_readability, "trafilatura": run_trafilatura}


def load(corpus: Path) -> list[tuple[str, str, str]]:
    """(key, page text, true body) for every page, keys sorted."""
    from bulletin.readers.decode import decode_with_notes

    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        data = gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes())
        text, _ = decode_with_notes(data, key)
        pages.append((key, text, truth[key].get("articleBody") or ""))
    return pages


def measure(pages, name: str, dump: Path | None) -> dict:
    run = EXTRACTORS[name]
    rows = []
    run(pages[0][1])  # imports and first-call set-up are not per-page cost
    started = time.perf_counter()
    for key, html, truth in pages:
        try:
            got = run(html)
        except Exception as e:  # noqa: BLE001 - a benchmark reports failures, it does not stop
            print(f"  {name} {key[:12]}: FAILED {type(e).__name__}: {e}", file=sys.stderr)
            got = ""
        if dump:
            (dump / name).mkdir(parents=True, exist_ok=True)
            (dump / name / f"{key}.txt").write_text(got, encoding="utf-8")
        rows.append((key, page_counts(truth, got)))
    seconds = time.perf_counter() - started
    return {"name": name, "rows": rows, "seconds": seconds}


def report(result: dict) -> None:
    rows = result["rows"]
    counts = [c for _, c in rows]
    halves = {"all": counts, "even": counts[0::2], "odd": counts[1::2]}
    per_page = result["seconds"] / len(rows) * 1000
    print(f"\n== {result['name']}  ({len(rows)} pages, {per_page:.0f} ms a page)")
    for label, part in halves.items():
        s = summary(part)
        low = sum(page_f1(c) < 0.5 for c in part)
        print(f"  {label:<5} n={len(part):<4} F1 {s['f1']:.3f}  precision {s['precision']:.3f}  "
              f"recall {s['recall']:.3f}  pages under 0.5: {low}")
    for i, (key, c) in enumerate(rows):
        if page_f1(c) < 0.5:
            print(f"    under 0.5: #{i:<3} {key[:16]}  F1 {page_f1(c):.2f}  "
                  f"P {precision(*c) if c[0] + c[1] else 0:.2f}  R {recall(*c):.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--extractor", action="append", choices=sorted(EXTRACTORS),
                    help="repeat to choose several; default: all three")
    ap.add_argument("--dump", type=Path, help="write each extracted body to DIR/EXTRACTOR/KEY.txt")
    args = ap.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    pages = load(args.corpus)
    for name in args.extractor or ["bulletin", "readability", "trafilatura"]:
        report(measure(pages, name, args.dump))
    return 0


if __name__ == "__main__":
    sys.exit(main())
