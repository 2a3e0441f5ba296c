"""Builds running side by side share a synthesis cache without speaking anything twice.

A batch runs one build per core; articles that share utterances (the help box, a notice sent
again under a new headline) must not each pay for them while they are still uncached.
"""
from __future__ import annotations


import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.settings import Settings
from bulletin.speech.engines.base import Speech
from bulletin.speech.utterance import Utterance
from bulletin.speech.synthesize import CLAIMS, speak

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "assets" / "examples" / "trafficking-awareness.txt"


class SlowCounting:
    """Slow enough that two builds overlap on every utterance; counts what it is asked to say."""

    name, sample_rate, cache_key, concurrency = "slow", 1000, "slow:1", 1

    def __init__(self) -> None:
        self.said: list[str] = []
        self.lock = threading.Lock()

    def synthesize(self, text: str, lang: str, rate_wpm: float) -> Speech:
        with self.lock:
            self.said.append(text)
        time.sleep(0.02)
        return Speech(np.full(100 + len(text), 0.5, np.float32), self.sample_rate)


def _utt(text: str) -> Utterance:
    return Utterance(text, text, 0.2, "Article")


def test_two_builds_at_once_speak_each_shared_utterance_once(tmp_path):
    engine = SlowCounting()
    shared = [_utt(f"Shared sentence number {i}.") for i in range(12)]
    scripts = [[_utt("Headline one.")] + shared, [_utt("Headline two.")] + shared]
    settings = Settings(cache_dir=tmp_path / "cache")
    start = threading.Barrier(2)
    results: list[list] = [[], []]

    def build(i: int) -> None:
        start.wait()
        results[i] = list(speak(scripts[i], engine, settings, "en"))

    threads = [threading.Thread(target=build, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(engine.said) == sorted({u.spoken for s in scripts for u in s})
    for script, got in zip(scripts, results):
        assert [u for u, _ in got] == script  # still in script order
        assert [len(s.samples) for _, s in got] == [100 + len(u.spoken) for u in script]
    assert not any((tmp_path / "cache" / CLAIMS).iterdir())  # claims do not pile up


def test_a_claim_left_by_a_dead_build_does_not_block(tmp_path):
    """The claim is a lock, not the file: a stale file from a killed build is ignored."""
    engine = SlowCounting()
    settings = Settings(cache_dir=tmp_path / "cache")
    script = [_utt("One."), _utt("Two.")]
    from bulletin.speech.cache import SpeechCache

    cache = SpeechCache(settings.cache_dir)
    stale = cache.folder / CLAIMS / cache.key(engine, "One.", "en", settings.rate)
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"")
    assert [u for u, _ in speak(script, engine, settings, "en")] == script
    assert engine.said == ["One.", "Two."]


def test_batch_workers_split_a_shared_article_between_them(tmp_path, monkeypatch):
    """Two articles with the same body on two workers: every sentence is spoken once in all."""
    from bulletin.speech.engines import espeak

    log = tmp_path / "said.log"
    real = espeak.EspeakEngine.synthesize

    def logging(self, text, lang, rate_wpm):
        # Workers are forked processes: one O_APPEND write per line keeps their lines whole.
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            os.write(fd, (text.replace("\n", " ") + "\n").encode("utf-8"))
        finally:
            os.close(fd)
        return real(self, text, lang, rate_wpm)

    monkeypatch.setattr(espeak.EspeakEngine, "synthesize", logging)
    src = tmp_path / "in"
    src.mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    (src / "first.txt").write_text(text, encoding="utf-8")
    (src / "second.txt").write_text(text.replace("Know the Signs", "Know the Signs Again"), encoding="utf-8")
    shutil.copy(ROOT / "assets" / "examples" / "bulletin.toml", src / "bulletin.toml")
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--engine", "espeak",
                                    "--cache-dir", str(tmp_path / "cache"), "--jobs", "2", "--deterministic"])
    assert res.exit_code == 0, res.output
    said = log.read_text(encoding="utf-8").splitlines()
    assert len(said) > 20 and len(said) == len(set(said))


def test_each_worker_voice_uses_the_threads_the_plan_gives_it(monkeypatch):
    """--jobs 2 on 2 cores: two workers, and the Piper voice in each speaks one sentence at a time."""
    from bulletin import batch
    from bulletin.speech.engines.piper import PiperEngine, bundled_voice

    monkeypatch.delenv(batch.THREADS_ENV, raising=False)  # and removed again after the test
    assert PiperEngine(bundled_voice()).concurrency == (os.cpu_count() or 1)  # a lone build: every core
    workers, threads = batch.plan_workers(20, cpus=2)
    assert (workers, threads) == (2, 1)
    batch._worker_init(threads, None)  # what each worker process runs first
    assert PiperEngine(bundled_voice()).concurrency == 1
