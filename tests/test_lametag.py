"""The info frame bulletin puts in front of lameenc's frames: length and gapless playback."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from bulletin.audio import lametag
from bulletin.audio.encode import write_mp3
from bulletin.errors import BuildError
from signals import reader


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
    write_mp3(path, reader(x), len(x), rate, kbps)
    y, got_rate = sf.read(path, dtype="float32")
    assert got_rate == rate and len(y) == len(x)
    assert abs(int(np.argmax(np.abs(y[:20000]))) - 5000) <= 1
    assert abs(int(np.argmax(np.abs(y[20000:]))) + 20000 - 30001) <= 1


def test_mutagen_reads_length_bitrate_and_encoder(tmp_path):
    from mutagen.mp3 import MP3, BitrateMode

    x = np.sin(np.arange(22050 * 3) * 0.05).astype(np.float32) * 0.3
    path = tmp_path / "a.mp3"
    write_mp3(path, reader(x), len(x), 22050, 64)
    info = MP3(path).info
    assert abs(info.length - 3.0) < 1e-6
    assert round(info.bitrate / 1000) == 64 and info.bitrate_mode == BitrateMode.CBR
    assert info.encoder_info.startswith("LAME")


def test_info_frame_fields(tmp_path):
    """Frame count, byte count, delay/padding and the tag CRC, read back from the bytes."""
    x = np.zeros(22050, np.float32)
    path = tmp_path / "a.mp3"
    write_mp3(path, reader(x), len(x), 22050, 64)
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
        write_mp3(tmp_path / "a.mp3", reader(np.zeros(100, np.float32)), 100, 22050, 192)
    assert not (tmp_path / "a.mp3").exists()


def test_not_an_mp3_stream():
    with pytest.raises(ValueError):
        lametag.info_frame(b"\x00" * 500, 100)


def spoken_like(rate: int, seconds: float, seed: int = 0) -> tuple[np.ndarray, list[int]]:
    """Bursts of tone and noise between exact-silence pauses, as the assembled programme has;
    returns the signal and where each burst starts."""
    rng = np.random.default_rng(seed)
    x = np.zeros(int(rate * seconds), np.float32)
    onsets, at = [], int(0.3 * rate)
    while at < len(x) - rate:
        n = min(int(rng.uniform(1.0, 3.0) * rate), len(x) - at)
        t = np.arange(n) / rate
        x[at:at + n] = (0.3 * np.sin(2 * np.pi * rng.uniform(120, 400) * t) * np.hanning(n)
                        + 0.05 * rng.standard_normal(n) * np.hanning(n))
        x[at] = 0.9  # a click at each onset, to find it again in the decoded file
        onsets.append(at)
        at += n + int(rng.uniform(0.3, 0.8) * rate)
    return x, onsets


@pytest.mark.parametrize("rate,kbps", [(22050, 64), (44100, 128)])
def test_a_long_programme_is_encoded_in_parts_joined_inaudibly_in_pauses(tmp_path, rate, kbps, monkeypatch):
    """Four encoders, joined at frame boundaries inside pauses: every sample stays where it was
    (the clicks come back at their places, the length is exact), the joins are silent, and the
    sound is as good as one encoder's."""
    from bulletin.audio import encode

    x, onsets = spoken_like(rate, 130)
    frame = lametag.frame_samples(rate)
    cut = encode.seams(reader(x), len(x), rate, frame)
    assert len(cut) == 3 and all(c % frame == 0 for c in cut)
    for c in cut:
        assert not np.any(x[c - lametag.ENCODER_DELAY - 2 * frame:c + 3 * frame])
    parts = tmp_path / "parts.mp3"
    write_mp3(parts, reader(x), len(x), rate, kbps)
    monkeypatch.setattr(encode, "PART_SECONDS", 1e9)
    whole = tmp_path / "whole.mp3"
    write_mp3(whole, reader(x), len(x), rate, kbps)

    y, _ = sf.read(parts, dtype="float32")
    z, _ = sf.read(whole, dtype="float32")
    assert len(y) == len(x) == len(z)
    for c in cut:
        assert np.max(np.abs(y[c - 2 * frame:c + 2 * frame])) < 1e-3
    for at in onsets:
        window = slice(max(0, at - 200), at + 200)
        assert abs(int(np.argmax(np.abs(y[window]))) + window.start - at) <= 1

    def snr(decoded):
        return 10 * np.log10(np.sum(x.astype(np.float64) ** 2) / np.sum((decoded - x).astype(np.float64) ** 2))

    assert snr(y) > snr(z) - 0.3


def test_the_parts_do_not_depend_on_the_number_of_cores(tmp_path, monkeypatch):
    """--deterministic builds must give the same bytes on a laptop and on a server."""
    x, _ = spoken_like(22050, 70, seed=4)
    made = []
    for cores in ("1", "2", "3"):
        monkeypatch.setenv("BULLETIN_THREADS", cores)
        path = tmp_path / f"{cores}.mp3"
        write_mp3(path, reader(x), len(x), 22050, 64)
        made.append(path.read_bytes())
    assert made[0] == made[1] == made[2]


def test_without_pauses_there_is_one_encoder(tmp_path):
    """A programme with no silence long enough (a music bed, say) has no join anywhere."""
    from bulletin.audio import encode

    rate = 22050
    x = (0.2 * np.sin(np.arange(rate * 65) * 0.07)).astype(np.float32)
    x[::rate] = 0  # single silent samples are no pause
    assert encode.seams(reader(x), len(x), rate, 576) == []
    path = tmp_path / "a.mp3"
    write_mp3(path, reader(x), len(x), rate, 64)
    assert len(sf.read(path, dtype="float32")[0]) == len(x)
