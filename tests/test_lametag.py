"""The info frame bulletin puts in front of lameenc's frames: length and gapless playback."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from bulletin.audio import lametag
from bulletin.audio.encode import write_mp3
from bulletin.errors import BuildError


def clicks(rate: int, seconds: float, at: tuple[int, ...]) -> np.ndarray:
    x = np.zeros(int(rate * seconds), np.float32)
    for i in at:
        x[i] = 0.8
    return x


@pytest.mark.parametrize("rate,kbps", [(22050, 64), (16000, 32), (44100, 128), (24000, 48), (11025, 16)])
def test_decoders_trim_delay_and_padding_exactly(tmp_path, rate, kbps):
    """mpg123 (through soundfile) returns exactly the samples that went in, with a click where it was."""
    x = clicks(rate, 3.0, (5000, 30001))
    path = tmp_path / "a.mp3"
    write_mp3(path, [x[:7000], x[7000:]], rate, kbps)
    y, got_rate = sf.read(path, dtype="float32")
    assert got_rate == rate and len(y) == len(x)
    assert abs(int(np.argmax(np.abs(y[:20000]))) - 5000) <= 1
    assert abs(int(np.argmax(np.abs(y[20000:]))) + 20000 - 30001) <= 1


def test_mutagen_reads_length_bitrate_and_encoder(tmp_path):
    from mutagen.mp3 import MP3, BitrateMode

    x = np.sin(np.arange(22050 * 3) * 0.05).astype(np.float32) * 0.3
    path = tmp_path / "a.mp3"
    write_mp3(path, [x], 22050, 64)
    info = MP3(path).info
    assert abs(info.length - 3.0) < 1e-6
    assert round(info.bitrate / 1000) == 64 and info.bitrate_mode == BitrateMode.CBR
    assert info.encoder_info.startswith("LAME")


def test_info_frame_fields(tmp_path):
    """Frame count, byte count, delay/padding and the tag CRC, read back from the bytes."""
    x = np.zeros(22050, np.float32)
    path = tmp_path / "a.mp3"
    write_mp3(path, [x], 22050, 64)
    data = path.read_bytes()
    head = lametag.parse_header(data)
    tag = data[:head.size]
    audio = data[head.size:]
    at = 4 + head.side_info
    assert tag[at:at + 4] == b"Info"
    frames = int.from_bytes(tag[at + 8:at + 12], "big")
    assert frames == lametag.count_frames(audio)
    assert int.from_bytes(tag[at + 12:at + 16], "big") == len(data)
    ext = at + 120
    delay_padding = int.from_bytes(tag[ext + 21:ext + 24], "big")
    assert delay_padding >> 12 == lametag.ENCODER_DELAY
    assert frames * 576 - lametag.ENCODER_DELAY - (delay_padding & 0xFFF) == len(x)
    assert int.from_bytes(tag[ext + 34:ext + 36], "big") == lametag.crc16(tag[:ext + 34])


def test_crc16_is_the_arc_variant():
    assert lametag.crc16(b"123456789") == 0xBB3D  # CRC-16/ARC check value


def test_impossible_bitrate_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError, match="not possible"):
        write_mp3(tmp_path / "a.mp3", [np.zeros(100, np.float32)], 22050, 192)
    assert not (tmp_path / "a.mp3").exists()


def test_not_an_mp3_stream():
    with pytest.raises(ValueError):
        lametag.info_frame(b"\x00" * 500, 100)
