"""Writing the mastered signal: MP3 through lameenc (LAME) with our own info frame, or WAV.

lameenc encodes about 4x faster than libsndfile at the same bitrate and lets us choose LAME's
quality; it writes no info frame, so :mod:`.lametag` adds one (exact length, gapless playback).
"""
from __future__ import annotations

import contextlib
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
"""LAME's algorithm quality, 0 (best, slowest) to 9. 5 is LAME's "good speed, reasonable
quality": 0.38 s for 209 s of speech at 64 kbps, where 2 (what libsndfile uses) takes 0.73 s."""


def check_bitrate(kbps: int, rate: int) -> None:
    """A constant bitrate that MPEG Layer III allows at ``rate``; LAME would quietly pick another."""
    version = 1 if rate >= 32000 else 2 if rate >= 16000 else 25
    allowed = lametag.bitrates(version)
    if kbps not in allowed or rate not in lametag.rates(version):
        raise BuildError(f"{kbps} kbps at {rate} Hz is not possible in an MP3 "
                         f"(at that rate: {', '.join(map(str, allowed))} kbps)")


def pcm16(x: np.ndarray) -> bytes:
    return np.round(np.clip(x, -1.0, 1.0) * 32767).astype("<i2").tobytes()


class Mp3Writer:
    """An MP3 encoded on a thread of its own while the caller masters the next blocks.

    Why: lameenc releases the interpreter while it encodes, so encoding runs on the second core
    at the same time as the limiter. ``bounded`` makes :meth:`feed` wait when the encoder falls
    behind (memory stays flat for long programmes); unbounded, the caller never waits, which is
    what a speculative encode of a loudness round needs (it is cancelled if the round misses).
    """

    def __init__(self, rate: int, kbps: int, bounded: bool = True) -> None:
        check_bitrate(kbps, rate)
        self.rate, self.kbps = rate, kbps
        self._queue: queue.Queue = queue.Queue(maxsize=4 if bounded else 0)
        self._stream = bytearray()
        self._samples = 0
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="mp3-encoder", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Errors are kept for finish() in the caller's thread; the queue is drained to its end
        # either way, so a feeder waiting on a bounded queue is never stuck.
        enc = None
        try:
            enc = self._encoder()
        except BaseException as e:  # noqa: BLE001
            self._error = e
        while (x := self._queue.get()) is not None:
            if self._cancelled or self._error is not None:
                continue
            try:
                self._samples += len(x)
                self._stream += enc.encode(pcm16(x))
            except BaseException as e:  # noqa: BLE001
                self._error = e
        if not self._cancelled and self._error is None:
            try:
                self._stream += enc.flush()
            except BaseException as e:  # noqa: BLE001
                self._error = e

    def _encoder(self):
        import lameenc

        enc = lameenc.Encoder()
        enc.set_bit_rate(self.kbps)
        enc.set_in_sample_rate(self.rate)
        enc.set_out_sample_rate(self.rate)  # else LAME may resample to a rate it prefers
        enc.set_channels(1)
        enc.set_quality(QUALITY)
        return enc

    def feed(self, x: np.ndarray) -> None:
        """Encode ``x`` next; the caller must not change it afterwards."""
        self._queue.put(x)

    def cancel(self) -> None:
        self._cancelled = True
        self._queue.put(None)

    def finish(self) -> bytes:
        """The whole file: the info frame, then the audio frames."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise BuildError(f"cannot encode the MP3: {self._error}")
        if not self._stream:
            raise BuildError("cannot encode the MP3: no audio")
        return lametag.info_frame(bytes(self._stream), self._samples, QUALITY) + self._stream


def save(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise BuildError(f"cannot write {Path(path).name}: {e.strerror or e}") from None


def write_mp3(path: Path, signal: Iterable[np.ndarray], rate: int, kbps: int) -> None:
    writer = Mp3Writer(rate, kbps)
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


