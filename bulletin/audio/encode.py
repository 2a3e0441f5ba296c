"""Writing the mastered signal: MP3 through lameenc (LAME) with our own info frame, or WAV.

lameenc encodes faster than libsndfile at the same bitrate (docs/decisions.md) and lets us
choose LAME's quality; it writes no info frame, so :mod:`.lametag` adds one (exact length, gapless playback).
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..errors import BuildError
from . import lametag

QUALITY = 5
"""LAME's algorithm quality, 0 (best, slowest) to 9. 5 is LAME's "good quality, fast"; lower
numbers take much longer for speech at 64 kbps; 7 ("ok quality, really fast") is LAME's step
down in quality, and at 64 kbps we keep the better setting."""


def check_bitrate(kbps: int, rate: int) -> None:
    """A constant bitrate that MPEG Layer III allows at ``rate``; LAME would quietly pick another."""
    version = 1 if rate >= 32000 else 2 if rate >= 16000 else 25
    allowed = lametag.bitrates(version)
    if kbps not in allowed or rate not in lametag.rates(version):
        raise BuildError(f"{kbps} kbps at {rate} Hz is not possible in an MP3 "
                         f"(at that rate: {', '.join(map(str, allowed))} kbps)")


def pcm16(x: np.ndarray) -> bytes:
    return np.round(np.clip(x, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def lame_encoder(rate: int, kbps: int):
    import lameenc

    enc = lameenc.Encoder()
    enc.set_bit_rate(kbps)
    enc.set_in_sample_rate(rate)
    enc.set_out_sample_rate(rate)  # else LAME may resample to a rate it prefers
    enc.set_channels(1)
    enc.set_quality(QUALITY)
    return enc


def save(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise BuildError(f"cannot write {Path(path).name}: {e.strerror or e}") from None


def write_mp3(path: Path, signal: Iterable[np.ndarray], rate: int, kbps: int) -> None:
    """One constant-bitrate LAME stream of ``signal``, with the info frame in front."""
    from .. import stage_timings

    check_bitrate(kbps, rate)
    enc = lame_encoder(rate, kbps)
    stream = bytearray()
    samples = 0
    spent = 0.0  # in LAME itself: the blocks are limited as they are asked for, which is mastering
    for x in signal:
        samples += len(x)
        t0 = time.perf_counter()
        stream += enc.encode(pcm16(x))
        spent += time.perf_counter() - t0
    t0 = time.perf_counter()
    stream += enc.flush()
    stage_timings.add("encoding", spent + time.perf_counter() - t0)
    if not stream:
        raise BuildError("cannot encode the MP3: no audio")
    stream = bytes(stream)
    save(path, lametag.info_frame(stream, samples, QUALITY) + stream)


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


