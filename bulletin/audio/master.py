"""From the assembled programme to the published file at the right loudness and peak level.

One straight line, each step one function, in the order it runs (see :func:`master`):

1. :func:`measure`: the programme's own loudness, and where its true peaks are (the limiter's
   look-ahead, found once for every gain tried);
2. :func:`~.loudness.set_gain`: the gain that brings the limited programme to the target,
   searched from :func:`~.loudness.first_guess`, the limiter's own estimate of what it takes;
3. :func:`limit`: the programme at that gain through the true-peak limiter, span by span;
4. :func:`encode`: MP3 (or WAV) of those spans as the encoder asks for them;
5. :func:`verify`: decode the file and measure it as a player will hear it (libebur128's
   loudness, and the limiter's 4x interpolator for the peaks).

The MP3 encoder takes a little loudness away and moves peaks, which only the decoded file shows.
When it misses, :func:`master` corrects the target and ceiling by what the file showed and runs
steps 2 to 5 again: that loop is written out in :func:`master`, no step calls an earlier one.
"""
from __future__ import annotations

import contextvars
import functools
import hashlib
import json
import logging
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import BuildError
from .assemble import Programme
from .dsp import polyphase, resample_block
from .encode import decoded_blocks, write_mp3, write_wav
from .limiter import BLOCK, KEEP_SAMPLES, Limiter, PeakMeter, Reader
from .loudness import Gain, Measurement, first_guess, measure as measure_signal, set_gain
from .profiles import Profile

log = logging.getLogger(__name__)

PEAK_LIMIT = -1.0
"""dBTP the decoded file must not exceed."""
PEAK_MARGIN = 0.15
"""Aim this far under the limit: other meters' oversampling filters read a little higher."""
LOUDNESS_TOLERANCE = 0.4
"""LU the decoded file may sit from the target before it is encoded again."""
ATTEMPTS = 3
CODEC_LOSS = {"mp3": 0.5, "wav": 0.0}
"""LU the container is first expected to take away: MP3's low-pass removes the top octave,
which K-weighting counts. Only a first guess: :func:`master` learns the real figure from the
decoded file when the guess misses by more than ``LOUDNESS_TOLERANCE``."""


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
    """A reader of the programme at ``rate``, and its length there.

    At another rate, a programme the limiter keeps (``KEEP_SAMPLES``) is resampled once into
    one array, so the passes of the gain search read it rather than resample it each time.
    """
    if rate == prog.rate:
        return prog.read, prog.length
    pp = polyphase(prog.rate, rate)
    length = prog.length * pp.up // pp.down

    def read(a: int, b: int) -> np.ndarray:
        lo = (a * pp.down) // pp.up - pp.half - 1
        hi = (b * pp.down) // pp.up + pp.half + 2
        return resample_block(prog.read(lo, hi), pp, a, b - a, lo)

    if length > KEEP_SAMPLES:
        return read, length
    whole = np.empty(length, dtype=np.float32)
    for a in range(0, length, BLOCK):
        whole[a:a + BLOCK] = read(a, min(length, a + BLOCK))

    def read_whole(a: int, b: int) -> np.ndarray:
        out = np.zeros(max(0, b - a), dtype=np.float32)
        lo, hi = max(a, 0), min(b, length)
        if hi > lo:
            out[lo - a:hi - a] = whole[lo:hi]
        return out

    return read_whole, length


def measure(read: Reader, length: int, rate: int) -> tuple[Measurement, Limiter]:
    """Step 1: the programme's loudness as it is, and its true peaks for the limiter."""
    raw = measure_signal((read(a, min(length, a + BLOCK)) for a in range(0, length, BLOCK)), rate, peak=False)
    if not math.isfinite(raw.lufs):
        raise BuildError("the spoken version is silent: nothing to make louder")
    return raw, Limiter(read, length, rate)


def limit(limiter: Limiter, gain: Gain) -> Reader:
    """Step 3: the programme at the gain found, through the true-peak limiter; any span of it
    is worked out when the encoder asks for it."""
    return functools.partial(limiter.limit, master=gain.master)


def encode(prof: Profile, path: Path, limited: Reader, limiter: Limiter) -> None:
    """Step 4: write the limited programme; the MP3 encoder looks for its joins in the pauses
    of the programme as it was (see :func:`~.encode.write_mp3`)."""
    if prof.container == "mp3":
        write_mp3(path, limited, limiter.length, limiter.rate, prof.kbps or 64, source=limiter.read)
    else:
        from .. import stage_timings

        with stage_timings.timed("encoding"):
            write_wav(path, (limited(a, min(limiter.length, a + BLOCK)) for a in range(0, limiter.length, BLOCK)),
                      limiter.rate)


def verify(path: Path, rate: int) -> Measurement:
    """Step 5: loudness and true peak of the file as players decode it, streamed block by block."""
    peaks = PeakMeter(rate)
    lufs = measure_signal((peaks.add(x) for x in decoded_blocks(path)), rate, peak=False).lufs
    return Measurement(lufs, peaks.db())


def master(prog: Programme, prof: Profile, path: Path) -> Rendered:
    """Write ``path`` at the profile's loudness under the peak limit; what the decoded file measures."""
    rate = prof.rate or prog.rate
    read, length = source(prog, rate)
    target, ceiling = prof.lufs, prof.ceiling_db
    loss = CODEC_LOSS[prof.container]
    raw, limiter = measure(read, length, rate)
    start, slope = first_guess(limiter, raw.lufs, target + loss, ceiling)
    for attempt in range(ATTEMPTS):
        gain = set_gain(limiter, target + loss, ceiling, start, slope)
        encode(prof, path, limit(limiter, gain), limiter)
        got = verify(path, rate)
        log.debug("attempt %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, gain.master.gain_db, ceiling, got.lufs, got.true_peak_db)
        peak_over = got.true_peak_db - (PEAK_LIMIT - PEAK_MARGIN)
        if peak_over <= 0 and abs(target - got.lufs) <= LOUDNESS_TOLERANCE:
            break
        # What the encoder took is the gap between what went in and what came out.
        loss = gain.lufs - got.lufs if math.isfinite(got.lufs) else loss
        if peak_over > 0:
            ceiling -= peak_over + 0.1
        start, slope = gain.master.gain_db + (target + loss - gain.lufs) / gain.slope, gain.slope
    out = Rendered(rate, length, got)
    if got.true_peak_db > PEAK_LIMIT:
        out.warnings.append(f"audio peaks at {got.true_peak_db:.1f} dBTP, above the {PEAK_LIMIT:g} dBTP limit")
    if not math.isfinite(got.lufs) or abs(target - got.lufs) > 0.5:
        out.warnings.append(f"audio loudness is {got.lufs:.1f} LUFS, not the {target:g} LUFS target")
    return out


CACHE: contextvars.ContextVar = contextvars.ContextVar("bulletin_render_cache", default=None)
"""The synthesis cache (:class:`bulletin.speech.cache.SpeechCache`) that also keeps finished
renders, set by the pipeline; None: no cache. One store, so `bulletin cache info/clear` see both."""
RENDER_VERSION = 6
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
    from .. import stage_timings

    t0 = time.perf_counter()
    before_enc = stage_timings.so_far("encoding")
    cache = CACHE.get()
    key = render_key(prog, prof) if cache is not None else None
    out = _cached(cache, key, path) if key else None
    if out is None:
        out = master(prog, prof, path)
        if key:
            _store(cache, key, path, out)
    stage_timings.add("mastering", time.perf_counter() - t0 - (stage_timings.so_far("encoding") - before_enc))
    return out
