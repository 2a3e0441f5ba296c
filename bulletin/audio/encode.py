"""Writing the mastered signal: MP3 through lameenc (LAME) with our own info frame, or WAV.

lameenc encodes faster than libsndfile at the same bitrate (docs/decisions.md) and lets us
choose LAME's quality; it writes no info frame, so :mod:`.lametag` adds one (exact length, gapless playback).
A long programme is encoded in parts joined inside pauses, one encoder per core (:func:`seams`).
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

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


Reader = Callable[[int, int], np.ndarray]
"""Samples ``a .. b`` of a signal (zeros outside it)."""
BLOCK = 1 << 16
"""Samples handed to the encoder at a time."""
PART_SECONDS = 30.0
"""A programme is encoded in up to four parts of at least this length (see :func:`seams`)."""
MAX_PARTS = 4
SEAM_REACH_SECONDS = 60.0
"""How far from an even split a seam is looked for: the search reads that much of the programme."""


def write_mp3(path: Path, read: Reader, length: int, rate: int, kbps: int,
              source: Reader | None = None) -> None:
    """Constant-bitrate LAME frames of samples ``0 .. length``, with the info frame in front.

    A long programme is encoded as parts, each by its own encoder on its own core, joined in
    the middle of a pause (see :func:`seams`): LAME is the slowest step of a build, and it lets
    other threads run while it works. ``source`` is where pauses are looked for (the programme
    before gain and limiting, which leave silence silent); the parts depend on the programme
    alone, never on the number of cores, so the bytes are the same on every computer.
    """
    from .. import stage_timings
    from ..thread_budget import thread_budget

    check_bitrate(kbps, rate)
    frame = lametag.frame_samples(rate)
    starts = [0, *seams(source or read, length, rate, frame), length]
    t0 = time.perf_counter()
    if len(starts) == 2:
        parts = [_encode_part(read, 0, length, rate, kbps)]
    else:
        import concurrent.futures as cf

        ends = [b + 2 * frame if b < length else b for b in starts[1:]]  # a little past the seam
        with cf.ThreadPoolExecutor(min(thread_budget(), len(starts) - 1)) as pool:
            parts = list(pool.map(lambda a, b: _encode_part(read, a, b, rate, kbps), starts[:-1], ends))
        # Each part but the last keeps the frames up to its seam: those after it decode the
        # pause, which the next part's own first frames (its encoder delay) play instead.
        parts = [lametag.first_frames(p, (b - a) // frame) for p, a, b in zip(parts[:-1], starts, starts[1:])] \
            + parts[-1:]
    stage_timings.add("encoding", time.perf_counter() - t0)
    stream = b"".join(parts)
    if not stream:
        raise BuildError("cannot encode the MP3: no audio")
    save(path, lametag.info_frame(stream, length, QUALITY) + stream)


def _encode_part(read: Reader, a: int, b: int, rate: int, kbps: int) -> bytes:
    enc = lame_encoder(rate, kbps)
    out = bytearray()
    for x in range(a, b, BLOCK):
        out += enc.encode(pcm16(read(x, min(b, x + BLOCK))))
    return bytes(out + enc.flush())


def seams(read: Reader, length: int, rate: int, frame: int) -> list[int]:
    """Where the parts of a long programme start: frame boundaries inside pauses.

    A part's encoder starts afresh, with LAME's delay of silence in front and an empty bit
    reservoir, so a join is inaudible only where the programme is silent for the delay and a
    few frames either side: the seam is the frame boundary nearest each even split point with
    that much exact silence around it, within a part's length; none found, no seam there.
    """
    parts = min(MAX_PARTS, int(length / rate // PART_SECONDS))
    if parts < 2:
        return []
    parts = 4 if parts >= 4 else 2  # halves or quarters, so two or four cores share them evenly
    before, after = lametag.ENCODER_DELAY + 2 * frame, 3 * frame  # silence the join needs
    found = []
    reach = int(min(length / parts / 4, SEAM_REACH_SECONDS * rate))  # how far a seam may move
    for k in range(1, parts):
        ideal = length * k // parts
        lo, hi = max(0, ideal - reach), min(length, ideal + reach)
        silent = read(lo, hi) == 0
        edges = np.flatnonzero(np.diff(np.concatenate([[False], silent, [False]]).astype(np.int8)))
        best = None
        for start, stop in zip(edges[::2] + lo, edges[1::2] + lo):
            first = -(-(start + before) // frame)  # the first frame boundary with room before it
            last = (stop - after) // frame
            if first > last:
                continue
            at = min(max(ideal // frame, first), last) * frame
            if best is None or abs(at - ideal) < abs(best - ideal):
                best = at
        if best is not None and (not found or best > found[-1]):
            found.append(int(best))
    return found


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


