"""Writing the mastered signal: MP3 through libsndfile (LAME with a Xing/LAME header), or WAV.

libsndfile writes the LAME info frame, so players know the exact length and skip the encoder's
delay and padding (gapless); lameenc writes none. Both are fed block by block.
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..errors import BuildError

LAYER3_BITRATES = {  # (lowest, highest) kbps libsndfile maps its compression level onto
    "mpeg1": (32, 320),   # 32 kHz and up
    "mpeg2": (8, 160),    # 16 to 24 kHz
    "mpeg25": (8, 64),    # below 16 kHz
}


def compression_for(kbps: int, rate: int) -> float:
    """libsndfile's compression level (0..1) that selects ``kbps`` in constant-bitrate mode.

    libsndfile computes ``highest - level * (highest - lowest)`` and truncates it; aiming half a
    kbps high keeps the truncation from landing one step below.
    """
    band = "mpeg1" if rate >= 32000 else "mpeg2" if rate >= 16000 else "mpeg25"
    lo, hi = LAYER3_BITRATES[band]
    if not lo <= kbps <= hi:
        raise BuildError(f"{kbps} kbps is not possible at {rate} Hz")
    return min(1.0, max(0.0, (hi - kbps - 0.5) / (hi - lo)))


def write_mp3(path: Path, signal: Iterable[np.ndarray], rate: int, kbps: int) -> None:
    import soundfile as sf

    try:
        with sf.SoundFile(str(path), "w", samplerate=rate, channels=1, format="MP3",
                          subtype="MPEG_LAYER_III", bitrate_mode="CONSTANT",
                          compression_level=compression_for(kbps, rate)) as f:
            for x in signal:
                f.write(np.clip(x, -1.0, 1.0))
    except (sf.LibsndfileError, RuntimeError, OSError) as e:
        raise BuildError(f"cannot write {path.name}: {e}") from None


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


