"""The synthesis cache: same key, same sound; a different word, a different key."""
import numpy as np

from bulletin.speech.cache import SpeechCache, default_dir
from bulletin.speech.engines.base import SentenceTiming, Speech


class FakeEngine:
    name = "fake"
    cache_key = "fake:voice-a"


def test_round_trip_and_keys(tmp_path):
    cache = SpeechCache(tmp_path)
    e = FakeEngine()
    k = cache.key(e, "Call now.", "en", 150)
    assert k == cache.key(e, "Call now.", "en", 150)
    assert len({k, cache.key(e, "Call today.", "en", 150), cache.key(e, "Call now.", "es", 150),
                cache.key(e, "Call now.", "en", 140)}) == 4
    assert cache.get(k) is None and cache.misses == 1
    sp = Speech(np.linspace(-0.5, 0.5, 2205, dtype=np.float32), 22050, (SentenceTiming(0.0, 0.1, "Call now."),))
    cache.put(k, sp)
    got = cache.get(k)
    assert got.sample_rate == 22050 and np.array_equal(got.samples, sp.samples) and got.sentences == sp.sentences
    info = cache.info()
    assert info.entries == 1 and info.bytes > 2205 * 4
    assert cache.clear() == 1 and cache.info().entries == 0


def test_corrupt_entry_is_a_miss(tmp_path):
    cache = SpeechCache(tmp_path)
    k = cache.key(FakeEngine(), "x", "en", 150)
    p = tmp_path / k[:2] / f"{k}.npz"
    p.parent.mkdir(parents=True)
    p.write_bytes(b"not a zip")
    assert cache.get(k) is None


def test_env_overrides_location(tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "c"))
    assert default_dir() == tmp_path / "c"


def test_reads_take_turns_and_a_failed_header_parse_is_a_miss(tmp_path, monkeypatch):
    """np.load parses headers with the AST builder, which CPython 3.11 does not keep per thread:
    two reads never overlap, and the SystemError that race raises is a miss, not a failed build."""
    import threading

    import bulletin.speech.cache as cache_module

    cache = SpeechCache(tmp_path)
    k = cache.key(FakeEngine(), "Call now.", "en", 150)
    cache.put(k, Speech(np.zeros(100, np.float32), 22050, ()))
    inside, most = [0], [0]
    lock = threading.Lock()
    real_load = np.load

    def counting_load(*a, **kw):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        try:
            threading.Event().wait(0.01)
            return real_load(*a, **kw)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(cache_module.np, "load", counting_load)
    threads = [threading.Thread(target=cache.get, args=(k,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1

    def racing_load(*a, **kw):
        raise SystemError("AST constructor recursion depth mismatch (before=48, after=45)")

    monkeypatch.setattr(cache_module.np, "load", racing_load)
    assert cache.get(k) is None
