"""Builds of the examples for the talking-book tests (tests/test_epub.py, tests/test_daisy.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bulletin import settings_file
from bulletin.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "examples"


def make(out: Path, article: Path, **overrides):
    cfg = settings_file.read(EXAMPLES / "bulletin.toml")
    settings = replace(cfg, engine="espeak", deterministic=True, cache=False,
                                         **overrides)
    return build(article, out, settings), settings, cfg


def anchored(result) -> list:
    return [c for c in result.written["mp3"].facts["cues"] if c.anchor]
