"""Measure HTML main-content extraction on the readability corpus (saved news pages).

    /root/dev/bin/python benchmarks/readability_corpus.py [CORPUS] [--extractor NAME ...]

CORPUS defaults to ../shared/corpora/readability next to the repository; it is read in place and
never copied. For each page it prints whether the title matches expected-metadata.json, and the
body-word recall and precision against expected.html, then the means.

Words are lower-cased runs of letters and digits. "In order" scores count the words of the
longest matching sequence (difflib's matching blocks, so order matters and repeated boilerplate
elsewhere on the page does not count); "bag" scores count multiset overlap regardless of order.
A title matches when, after folding case, quotes and spaces, it equals the expected title or one
is the other plus a " | Site" / " - Site" suffix.

Extractors: ``bulletin`` (the project's HTML reader, the default), ``trafilatura`` and
``readability`` (each library used directly, HTML output converted to text the same way).
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "readability"

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def html_text(html: str) -> str:
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return " ".join(root.itertext())


def fold_title(t: str) -> str:
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(t.casefold().split())


def title_match(got: str | None, want: str | None) -> bool:
    if not want:
        return True
    if not got:
        return False
    g, w = fold_title(got), fold_title(want)
    if g == w:
        return True
    for longer, shorter in ((g, w), (w, g)):
        if longer.startswith(shorter) and re.match(r"^\s*[|\-–—:·]\s*\S", longer[len(shorter):]):
            return True
    return False


def scores(got: list[str], want: list[str]) -> dict[str, float]:
    sm = difflib.SequenceMatcher(None, got, want, autojunk=False)
    ordered = sum(b.size for b in sm.get_matching_blocks())
    bag = sum((Counter(got) & Counter(want)).values())
    return {
        "recall": ordered / len(want) if want else 1.0,
        "precision": ordered / len(got) if got else 0.0,
        "bag_recall": bag / len(want) if want else 1.0,
        "bag_precision": bag / len(got) if got else 0.0,
    }


# ---------------------------------------------------------------- extractors: (title, body text)
#: Byline and date found by the last run_bulletin call (the other extractors give none).
FOUND: dict[str, str | None] = {}


def run_bulletin(src: bytes) -> tuple[str, str]:
    from bulletin.article import block_text
    from bulletin.readers import read

    art = read(src, fmt="html")
    FOUND.update(byline=art.byline, date=art.date.isoformat() if art.date else None)
    return art.title, "\n".join(block_text(b) for b in art.blocks)


def byline_match(got: str | None, want: str | None) -> bool | None:
    """None when the page names no byline; else whether the names agree (see module doc)."""
    if not want:
        return None
    fold = lambda t: [w for w in words(t or "") if w not in ("by", "por", "par")]  # noqa: E731
    g, w = fold(got), fold(want)
    if not g:
        return False
    shorter, longer = sorted((g, w), key=len)
    return all(x in longer for x in shorter)


def run_trafilatura(src: bytes) -> tuple[str, str]:
    import trafilatura

    html = src.decode("utf-8", "replace")
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                      include_images=True, with_metadata=True, as_dict=True)
    body = trafilatura.extract(html, output_format="html", include_comments=False,
                               include_tables=True, include_images=True) or ""
    title = (doc or {}).get("title") if isinstance(doc, dict) else getattr(doc, "title", None)
    return title or "", html_text(body)


def run_readability(src: bytes) -> tuple[str, str]:
    from readability import Document

    doc = Document(src.decode("utf-8", "replace"))
    return doc.short_title(), html_text(doc.summary(html_partial=True))


EXTRACTORS = {"bulletin": run_bulletin, "trafilatura": run_trafilatura, "readability": run_readability}


def measure(corpus: Path, name: str) -> dict:
    run = EXTRACTORS[name]
    rows = []
    started = time.perf_counter()
    for page in sorted(p for p in corpus.iterdir() if (p / "source.html").exists()):
        meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        want = words(html_text((page / "expected.html").read_text(encoding="utf-8")))
        FOUND.clear()
        try:
            title, body = run((page / "source.html").read_bytes())
        except Exception as e:  # noqa: BLE001 - a benchmark reports failures, it does not stop
            print(f"  {page.name}: FAILED {type(e).__name__}: {e}", file=sys.stderr)
            title, body = "", ""
        s = scores(words(body), want)
        want_date = (meta.get("publishedTime") or "")[:10] or None
        rows.append({"page": page.name, "title_ok": title_match(title, meta.get("title")),
                     "title": title, **s,
                     "byline_ok": byline_match(FOUND.get("byline"), meta.get("byline")) if FOUND else None,
                     "date_ok": (FOUND.get("date") == want_date) if FOUND and want_date else None})
    elapsed = time.perf_counter() - started
    return {"extractor": name, "rows": rows, "seconds": elapsed}


def report(result: dict) -> None:
    rows = result["rows"]
    print(f"\n== {result['extractor']}  ({len(rows)} pages, {result['seconds']:.1f} s)")
    print(f"{'page':<18} {'title':<5} {'recall':>7} {'prec':>7} {'bagR':>7} {'bagP':>7}")
    for r in rows:
        print(f"{r['page']:<18} {'yes' if r['title_ok'] else 'NO':<5} {r['recall']:7.3f} "
              f"{r['precision']:7.3f} {r['bag_recall']:7.3f} {r['bag_precision']:7.3f}"
              + ("" if r["title_ok"] else f"   got: {r['title'][:60]!r}"))
    mean = {k: statistics.mean(r[k] for r in rows) for k in ("recall", "precision", "bag_recall", "bag_precision")}
    titles = sum(r["title_ok"] for r in rows) / len(rows)
    print(f"{'MEAN':<18} {titles:5.0%} {mean['recall']:7.3f} {mean['precision']:7.3f} "
          f"{mean['bag_recall']:7.3f} {mean['bag_precision']:7.3f}")
    for field in ("byline", "date"):
        judged = [r for r in rows if r[f"{field}_ok"] is not None]
        if judged:
            ok = sum(r[f"{field}_ok"] for r in judged)
            missed = ", ".join(r["page"] for r in judged if not r[f"{field}_ok"])
            print(f"{field}: {ok} of {len(judged)} pages match" + (f" (not: {missed})" if missed else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--extractor", action="append", choices=sorted(EXTRACTORS),
                    help="repeat to compare; default: bulletin")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    for name in args.extractor or ["bulletin"]:
        report(measure(args.corpus, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
