"""Writing the mastered signal: MP3 through lameenc (LAME) with our own info frame, or WAV.

lameenc encodes about 4x faster than libsndfile at the same bitrate and lets us choose LAME's
quality; it writes no info frame, so :mod:`.lametag` adds one (exact length, gapless playback).
"""
from __future__ import annotations

import contextlib
import functools
import os
import queue
import sys
import threading
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..errors import BuildError
from . import lametag

QUALITY = 5
"""LAME's algorithm quality, 0 (best, slowest) to 9. 5 is LAME's "good quality, fast": 0.38 s
for 209 s of speech at 64 kbps, where 2 takes 0.73 s and libsndfile's LAME (not settable) 1.23 s.
7 ("ok quality, really fast" in LAME's words) would save another 0.14 s per espeak build; at
64 kbps we keep the better setting."""


def check_bitrate(kbps: int, rate: int) -> None:
    """A constant bitrate that MPEG Layer III allows at ``rate``; LAME would quietly pick another."""
    version = 1 if rate >= 32000 else 2 if rate >= 16000 else 25
    allowed = lametag.bitrates(version)
    if kbps not in allowed or rate not in lametag.rates(version):
        raise BuildError(f"{kbps} kbps at {rate} Hz is not possible in an MP3 "
                         f"(at that rate: {', '.join(map(str, allowed))} kbps)")


def pcm16(x: np.ndarray) -> bytes:
    return np.round(np.clip(x, -1.0, 1.0) * 32767).astype("<i2").tobytes()


class _Lame:
    """One LAME stream fed through a queue and encoded on a thread of its own."""

    def __init__(self, rate: int, kbps: int, bounded: bool) -> None:
        self.rate, self.kbps = rate, kbps
        self._queue: queue.Queue = queue.Queue(maxsize=4 if bounded else 0)
        self.stream = bytearray()
        self.error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="mp3-encoder", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Errors are kept for the caller's thread; the queue is drained to its end either way,
        # so a feeder waiting on a bounded queue is never stuck.
        enc = None
        try:
            enc = lame_encoder(self.rate, self.kbps)
        except BaseException as e:  # noqa: BLE001
            self.error = e
        while (x := self._queue.get()) is not None:
            if self._cancelled or self.error is not None:
                continue
            try:
                self.stream += enc.encode(pcm16(x))
            except BaseException as e:  # noqa: BLE001
                self.error = e
        if not self._cancelled and self.error is None:
            try:
                self.stream += enc.flush()
            except BaseException as e:  # noqa: BLE001
                self.error = e

    def feed(self, x: np.ndarray) -> None:
        self._queue.put(x)

    def cancel(self) -> None:
        self._cancelled = True
        self._queue.put(None)

    def close(self) -> bytearray:
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise BuildError(f"cannot encode the MP3: {self.error}")
        return self.stream


def lame_encoder(rate: int, kbps: int):
    import lameenc

    enc = lameenc.Encoder()
    enc.set_bit_rate(kbps)
    enc.set_in_sample_rate(rate)
    enc.set_out_sample_rate(rate)  # else LAME may resample to a rate it prefers
    enc.set_channels(1)
    enc.set_quality(QUALITY)
    return enc


@functools.lru_cache(maxsize=64)
def join_length(rate: int, kbps: int, phase: int) -> int:
    """Samples a stream of ``phase`` samples (mod one frame) grows by when it is encoded on its
    own and a second stream follows: LAME's end padding plus the second stream's start delay.
    Equivalently, where the second stream's first sample lands: the first stream's frames hold
    the start delay, its samples and the padding, so the total is frames times frame length.

    Learnt by encoding a little silence of the same phase: LAME pads by a rule that depends on
    the length only (checked on speech and noise), and the writer checks the real figure too.
    """
    spf = 1152 if rate >= 32000 else 576
    n = 2 * spf + phase % spf
    enc = lame_encoder(rate, kbps)
    probe = bytes(enc.encode(np.zeros(n, "<i2").tobytes())) + bytes(enc.flush())
    return lametag.count_frames(probe) * spf - n


JOIN_ROOM = 4096
"""Silent samples a split needs after its start: more than any :func:`join_length`."""


class Mp3Writer:
    """An MP3 encoded on other threads while the caller masters the next blocks.

    Why: lameenc releases the interpreter while it encodes, so encoding runs on another core at
    the same time as the limiter. With ``split``, the programme is encoded as two streams at once
    (one per core), joined inside a pause that starts at sample ``split``: the first stream's end
    padding and the second's start delay take the place of that much of the pause's silence, so
    every sample keeps its time. If the samples it drops are not silent, or LAME pads otherwise
    than foreseen, the writer encodes the programme again as one stream.

    ``bounded`` makes :meth:`feed` wait when the encoder falls behind (memory stays flat for
    long programmes); unbounded, the caller never waits, which a speculative encode of a
    loudness round needs (it is cancelled if the round misses).
    """

    def __init__(self, rate: int, kbps: int, bounded: bool = True, split: int | None = None) -> None:
        check_bitrate(kbps, rate)
        self.rate, self.kbps, self.bounded = rate, kbps, bounded
        self._pos = 0
        self._dropped_sound = False
        self._kept: list[np.ndarray] | None = None
        self._cut: tuple[int, int] | None = None
        self._streams = [_Lame(rate, kbps, bounded)]
        if split is not None and split > 0:
            self._cut = (split, split + join_length(rate, kbps, split))
            self._streams.append(_Lame(rate, kbps, bounded))
            self._kept = []  # to start again as one stream if the join fails

    def feed(self, x: np.ndarray) -> None:
        """Encode ``x`` next; the caller must not change it afterwards."""
        a, b = self._pos, self._pos + len(x)
        self._pos = b
        if self._cut is None:
            self._streams[0].feed(x)
            return
        self._kept.append(x)
        s, e = self._cut
        if a < s:
            self._streams[0].feed(x[:s - a])
        if b > s and a < e and np.any(x[max(s - a, 0):e - a]):
            self._dropped_sound = True
        if b > e:
            self._streams[1].feed(x[max(e - a, 0):])

    def cancel(self) -> None:
        for st in self._streams:
            st.cancel()

    def finish(self) -> bytes:
        """The whole file: the info frame, then the audio frames."""
        parts = [bytes(st.close()) for st in self._streams]
        frames = None
        if self._cut is not None:
            e = self._cut[1]
            counts = [lametag.count_frames(p) for p in parts]
            joined = bool(parts[0]) and counts[0] * lametag.parse_header(parts[0]).samples == e
            if self._dropped_sound or not joined or self._pos < e:
                return self._as_one_stream()
            frames = sum(counts)
        stream = b"".join(parts)
        if not stream:
            raise BuildError("cannot encode the MP3: no audio")
        return lametag.info_frame(stream, self._pos, QUALITY, frames) + stream

    def _as_one_stream(self) -> bytes:
        one = Mp3Writer(self.rate, self.kbps, self.bounded)
        for x in self._kept:
            one.feed(x)
        return one.finish()


def save(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise BuildError(f"cannot write {Path(path).name}: {e.strerror or e}") from None


def write_mp3(path: Path, signal: Iterable[np.ndarray], rate: int, kbps: int, split: int | None = None) -> None:
    writer = Mp3Writer(rate, kbps, split=split)
    try:
        for x in signal:
            writer.feed(x)
    except BaseException:
        writer.cancel()
        raise
    save(path, writer.finish())


def write_wav(path: Path, signal: Iterable[np.ndarray], rate: int) -> None:
    """16-bit PCM WAV with no extra chunks: what phone systems and hold-music boxes accept."""
    import soundfile as sf

    try:
        with sf.SoundFile(str(path), "w", samplerate=rate, channels=1, format="WAV",
                          subtype="PCM_16") as f:
            for x in signal:
                f.write(np.round(np.clip(x, -1.0, 1.0) * 32767).astype(np.int16))
    except (sf.LibsndfileError, RuntimeError, OSError) as e:
        raise BuildError(f"cannot write {path.name}: {e}") from None


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration.

    libsndfile's MP3 reader makes mpg123 print ``part2_3_length (…) too large`` to the C
    stderr at some read boundaries, although the samples are identical to a single whole-file
    read (checked). Users must not see that noise after every build. Risk: anything else this
    process writes to stderr meanwhile is lost too; the window covers only one read at a time.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all: nothing to hide
        yield
        return
    try:
        sys.stderr.flush()
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def decoded_blocks(path: Path, block: int = 1 << 20) -> Iterator[np.ndarray]:
    """The file as players will hear it, block by block (plain sequential reads)."""
    import soundfile as sf

    # stderr is silenced around each read only, never across a yield: the consumer may fail or be
    # interrupted while this generator is suspended, and its one-line error must still be seen.
    with quiet_stderr():
        f = sf.SoundFile(str(path))
    with f:
        while True:
            with quiet_stderr():
                x = f.read(block, dtype="float32", always_2d=True)
            if not len(x):
                break
            yield x[:, 0] if x.shape[1] == 1 else x.mean(axis=1)


