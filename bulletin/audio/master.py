"""From the assembled programme to the published file at the right loudness and peak level.

Resample (if the profile asks) -> gain -> true-peak limiter -> encode, all block by block; then
decode what was written and measure it, because the MP3 encoder moves peaks and loudness a
little. If the decoded file misses, the ceiling and gain are corrected and it is encoded again.

For speed: the gain is first searched on a 20-second excerpt (a tenth of the cost), so the
whole programme needs one or two rounds; each whole round is fed to the encoder as it goes, so
the round that is published is mostly encoded when the search ends; and the encoder is two LAME
streams at once, joined in a pause near the middle (see :class:`.encode.Mp3Writer`).
"""
from __future__ import annotations

import concurrent.futures as cf
import contextvars
import hashlib
import json
import logging
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..cores import thread_budget
from .assemble import Programme
from .dsp import polyphase, resample_block
from .encode import JOIN_ROOM, Mp3Writer, decoded_blocks, save, write_mp3, write_wav
from .limiter import Master, Prepared, Reader, blocks
from .loudness import CACHE_SAMPLES, Measurement, find_gain, measure, measure_whole, raw_gain
from .profiles import Profile

log = logging.getLogger(__name__)

PEAK_LIMIT = -1.0
"""dBTP the decoded file must not exceed."""
PEAK_MARGIN = 0.15
"""Aim this far under the limit: other meters' oversampling filters read a little higher."""
LOUDNESS_TOLERANCE = 0.4
"""LU the decoded file may sit from the target before it is encoded again."""
ATTEMPTS = 3


@dataclass
class Rendered:
    rate: int
    frames: int
    measured: Measurement
    """Of the decoded output file."""
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.frames / self.rate


def source(prog: Programme, rate: int) -> tuple[Reader, int]:
    """A reader of the programme at ``rate``, and its length there."""
    if rate == prog.rate:
        return prog.read, prog.length
    pp = polyphase(prog.rate, rate)
    length = prog.length * pp.up // pp.down

    def read(a: int, b: int) -> np.ndarray:
        lo = (a * pp.down) // pp.up - pp.half - 1
        hi = (b * pp.down) // pp.up + pp.half + 2
        return resample_block(prog.read(lo, hi), pp, a, b - a, lo)

    return read, length


EXCERPT = 20.0
"""Seconds of the programme encoded first to learn how much loudness the codec takes away."""


def _encode(prof: Profile, path: Path, signal, rate: int, split: int | None = None) -> None:
    from .. import stagetimes

    with stagetimes.timed("encoding"):
        if prof.container == "mp3":
            write_mp3(path, signal, rate, prof.kbps or 64, split)
        else:
            write_wav(path, signal, rate)


def excerpt_trial(read: Reader, length: int, rate: int, gain: float, ceiling: float, target: float,
                  prof: Profile, path: Path) -> tuple[float, float, float]:
    """(codec shift in LU, gain in dB to start the search from, LU per dB there), learnt on a
    middle excerpt.

    The codec shift is decoded minus encoded loudness: MP3's low-pass removes the top octave,
    which K-weighting counts, so the file comes out about half an LU quieter. The starting gain
    is where the excerpt reaches the target through the limiter: the limiter takes more
    loudness the harder it works, which an excerpt of speech shows as well as the whole, for a
    tenth of the cost of a whole round.
    """
    if length < 2 * EXCERPT * rate:
        return 0.0, gain, 1.0  # short programmes: a whole round costs no more than an excerpt
    n = int(EXCERPT * rate)
    a = (length - n) // 2

    def excerpt(s: int, e: int) -> np.ndarray:
        return read(a + s, a + e)

    prepared = Prepared(excerpt, n, rate)
    shift = 0.0
    if prof.container == "mp3":
        piece = prepared.limit(0, n, Master(gain, ceiling))
        _encode(prof, path, [piece], rate)
        shift = measure(decoded_blocks(path), rate, peak=False).lufs - measure([piece], rate, peak=False).lufs
        shift = shift if math.isfinite(shift) else 0.0
    found = find_gain(excerpt, n, rate, target - shift, ceiling, gain - shift, prepared)
    return shift, found.master.gain_db, found.slope


CACHE: contextvars.ContextVar = contextvars.ContextVar("bulletin_render_cache", default=None)
"""The synthesis cache (:class:`bulletin.speech.cache.SpeechCache`) that also keeps finished
renders, set by the pipeline; None: no cache. One store, so `bulletin cache info/clear` see both."""
RENDER_VERSION = 3
"""Part of the render cache key: bump it when mastering or encoding changes what comes out."""


def render_key(prog: Programme, prof: Profile) -> str:
    """Everything that decides the file's bytes: the programme's samples, rate and the profile."""
    h = hashlib.sha256(json.dumps([RENDER_VERSION, PEAK_LIMIT, PEAK_MARGIN, LOUDNESS_TOLERANCE, prog.rate,
                                   prog.length, repr(prof)]).encode())
    for a in range(0, prog.length, 1 << 20):
        h.update(prog.read(a, min(prog.length, a + (1 << 20))).tobytes())
    return h.hexdigest()


def _cached(cache, key: str, path: Path) -> Rendered | None:
    data = cache.load_arrays(key)
    try:
        meta = json.loads(bytes(data["rendered"]).decode("utf-8"))
        path.write_bytes(data["encoded"].tobytes())
        return Rendered(int(meta["rate"]), int(meta["frames"]), Measurement(*meta["measured"]),
                        list(meta["warnings"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(cache, key: str, path: Path, out: Rendered) -> None:
    """Keep the file as encoded (before tags)."""
    meta = json.dumps({"rate": out.rate, "frames": out.frames, "warnings": out.warnings,
                       "measured": [out.measured.lufs, out.measured.true_peak_db]})
    try:
        encoded = np.frombuffer(path.read_bytes(), dtype=np.uint8)
    except OSError:
        return
    cache.save_arrays(key, encoded=encoded, rendered=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8))


def render(prog: Programme, prof: Profile, path: Path) -> Rendered:
    """Write ``path`` (a temporary name) and return what the decoded file measures.

    With a cache set (:data:`CACHE`), a programme rendered before with the same
    samples and profile is copied from the cache: mastering and encoding are deterministic, so
    the bytes are the ones a fresh render would write.
    """
    from .. import stagetimes

    t0 = time.perf_counter()
    before_enc = stagetimes.so_far("encoding")
    cache = CACHE.get()
    key = render_key(prog, prof) if cache is not None else None
    out = _cached(cache, key, path) if key else None
    if out is None:
        out = _render(prog, prof, path)
        if key:
            _store(cache, key, path, out)
    stagetimes.add("mastering", time.perf_counter() - t0 - (stagetimes.so_far("encoding") - before_enc))
    return out


SPLIT_MARGIN = 2048
"""Samples kept clear of speech either side of a join (the encoder's windows look this far)."""
SPLIT_SHORTEST = 30.0
"""Seconds below which one stream is encoded: two would save too little to matter."""


def quiet_split(prog: Programme, rate: int, length: int) -> int | None:
    """Where to join two MP3 streams encoded side by side: a sample in the pause nearest the
    middle that has room for the join after it, or None (short programme, no such pause)."""
    if length < SPLIT_SHORTEST * rate:
        return None
    best: tuple[int, int] | None = None
    for before, after in zip(prog.cues, prog.cues[1:]):
        start = math.ceil(before.end * rate) + SPLIT_MARGIN
        end = math.floor(after.start * rate) - SPLIT_MARGIN
        if end - start >= JOIN_ROOM and (best is None or abs(start - length // 2) < best[0]):
            best = (abs(start - length // 2), start)
    return best[1] if best else None


def measure_file(path: Path, rate: int, length: int) -> Measurement:
    """Loudness and true peak of the file as players decode it."""
    if length > CACHE_SAMPLES:  # beyond about 12 minutes at 22 kHz: stream it, in bounded memory
        return measure(decoded_blocks(path), rate)
    return measure_whole(np.concatenate(list(decoded_blocks(path))), rate)


def _render(prog: Programme, prof: Profile, path: Path) -> Rendered:
    from .. import stagetimes

    rate = prof.rate or prog.rate
    read, length = source(prog, rate)
    target, ceiling = prof.lufs, prof.ceiling_db
    gain = raw_gain(read, length, rate, target)
    # With two cores: the excerpt's trial (its own encoder and decoder) runs beside the whole
    # programme's peaks, each round is encoded as it is made, in two streams joined in a pause.
    # With one (a batch worker), all in turn: the other core has its own build to make.
    parallel = thread_budget() > 1
    with cf.ThreadPoolExecutor(1) as pool:
        trial = pool.submit(excerpt_trial, read, length, rate, gain, ceiling, target, prof, path) \
            if parallel else None
        prepared = Prepared(read, length, rate) if length <= CACHE_SAMPLES else None
        shift, start, slope = trial.result() if trial else \
            excerpt_trial(read, length, rate, gain, ceiling, target, prof, path)
    # Split or not depends on the programme alone, so the bytes do not depend on the cores.
    split = quiet_split(prog, rate, length) if length <= CACHE_SAMPLES else None
    speculate = (lambda: Mp3Writer(rate, prof.kbps or 64, bounded=False, split=split)) \
        if prof.container == "mp3" and parallel else None
    found = find_gain(read, length, rate, target - shift, ceiling, start, prepared, speculate, slope)
    for attempt in range(ATTEMPTS):
        if found.encoding is not None:
            with stagetimes.timed("encoding"):  # what is left of it: it ran beside the last round
                save(path, found.encoding.finish())
        else:
            signal = found.blocks if found.blocks is not None else \
                blocks(read, length, rate, found.master, prepared=prepared)
            _encode(prof, path, signal, rate, split)
        master, before, slope = found.master, found.measured, found.slope
        found = None  # its blocks are no longer needed: let them go before decoding
        got = measure_file(path, rate, length)
        log.debug("attempt %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, master.gain_db, ceiling, got.lufs, got.true_peak_db)
        peak_over = got.true_peak_db - (PEAK_LIMIT - PEAK_MARGIN)
        off = target - got.lufs
        if peak_over <= 0 and abs(off) <= LOUDNESS_TOLERANCE:
            break
        if attempt == ATTEMPTS - 1:
            break
        # the encoder's shift is the gap between what went in and what came out
        shift = got.lufs - before.lufs
        if peak_over > 0:
            ceiling -= peak_over + 0.1
        found = find_gain(read, length, rate, target - shift, ceiling, master.gain_db + off, prepared,
                          speculate, slope)
    out = Rendered(rate, length, got)
    if got.true_peak_db > PEAK_LIMIT:
        out.warnings.append(f"audio peaks at {got.true_peak_db:.1f} dBTP, above the {PEAK_LIMIT:g} dBTP limit")
    if not math.isfinite(got.lufs) or abs(target - got.lufs) > 0.5:
        out.warnings.append(f"audio loudness is {got.lufs:.1f} LUFS, not the {target:g} LUFS target")
    return out
