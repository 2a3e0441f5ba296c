"""Two MP3 streams encoded side by side and joined in a pause: every sample keeps its time."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from bulletin.audio.encode import Mp3Writer, join_length


def speech_like(rate: int, seconds: float, pause: tuple[float, float]) -> np.ndarray:
    """Noise with a digital-silence pause and two clicks to find again after decoding."""
    rng = np.random.default_rng(7)
    x = (rng.standard_normal(int(rate * seconds)) * 0.1).astype(np.float32)
    x[int(pause[0] * rate):int(pause[1] * rate)] = 0.0
    x[1000] = 0.9
    x[int((seconds - 1.5) * rate)] = -0.9
    return x


def decode(data: bytes, tmp_path) -> np.ndarray:
    path = tmp_path / "a.mp3"
    path.write_bytes(data)
    return sf.read(path, dtype="float32")[0]


def encode(x: np.ndarray, rate: int, kbps: int, split: int | None) -> bytes:
    w = Mp3Writer(rate, kbps, bounded=False, split=split)
    for a in range(0, len(x), 30000):
        w.feed(x[a:a + 30000])
    return w.finish()


@pytest.mark.parametrize("rate,kbps", [(22050, 64), (44100, 128)])
def test_split_keeps_length_and_timing(tmp_path, rate, kbps):
    x = speech_like(rate, 10.0, (4.0, 6.0))
    split = int(4.2 * rate)
    y = decode(encode(x, rate, kbps, split), tmp_path)
    assert len(y) == len(x)
    assert int(np.argmax(np.abs(y[:5000]))) == 1000
    late = int((10.0 - 1.5) * rate)
    assert int(np.argmax(np.abs(y[late - 3000:late + 3000]))) + late - 3000 == late
    assert np.abs(y[int(4.1 * rate):int(5.9 * rate)]).max() < 1e-3  # the join is silent
    # the two streams really were joined: not the same bytes as one stream
    assert encode(x, rate, kbps, split) != encode(x, rate, kbps, None)


def test_join_length_is_what_lame_adds(tmp_path):
    """Padding plus the next stream's delay: between one and two frames and a delay at 22.05 kHz."""
    for phase in (0, 1, 288, 575):
        assert 576 + 576 <= join_length(22050, 64, phase) <= 576 + 576 + 575


def test_sound_where_the_join_would_go_means_one_stream(tmp_path):
    """If the samples the join replaces are not silent, nothing is dropped: one stream is written."""
    rate = 22050
    x = speech_like(rate, 10.0, (4.0, 6.0))
    split = int(4.0 * rate) - 200  # the join would swallow the end of the speech before the pause
    assert encode(x, rate, 64, split) == encode(x, rate, 64, None)
    assert len(decode(encode(x, rate, 64, split), tmp_path)) == len(x)


def test_programme_split_is_in_a_pause():
    from bulletin.audio.assemble import Cue, Programme
    from bulletin.audio.encode import JOIN_ROOM
    from bulletin.audio.master import SPLIT_MARGIN, quiet_split

    prog = Programme(22050)
    prog.cues = [Cue(0.0, 20.0, "a", "s"), Cue(20.1, 30.0, "b", "s"), Cue(30.6, 60.0, "c", "s")]
    length = 60 * 22050
    split = quiet_split(prog, 22050, length)
    # the 0.1 s gap is too short; the 0.6 s one holds the join and its margins
    assert 30.0 * 22050 + SPLIT_MARGIN <= split and split + JOIN_ROOM <= 30.6 * 22050 - SPLIT_MARGIN
    assert quiet_split(prog, 22050, 20 * 22050) is None  # short programmes: one stream
