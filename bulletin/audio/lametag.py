"""The LAME info frame in front of a constant-bitrate MP3 stream that lameenc wrote without one.

Why: lameenc is the fastest encoder we can install from PyPI (several times libsndfile's at the
same bitrate), but it writes bare audio frames. Without the info frame players guess the
length, and they play the encoder's delay (1105 samples, 50 ms at 22.05 kHz) and end padding
as silence, so the captions drift. The frame is silent audio to a decoder that does not know
it, so adding it is always safe.

Layout: the Xing "Info" tag (frame count, byte count, seek table, quality), then LAME's 36-byte
extension with the encoder delay and padding that gapless decoders (mpg123, ffmpeg, mutagen)
read. The extension's music CRC is left 0: no decoder checks it, and computing it in Python
would cost more than the encoding saves.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass

ENCODER_DELAY = 576
"""Samples LAME puts before the first input sample (decoders add their own 529 to it)."""
TAG_BYTES = 120 + 36
"""The Xing tag with its seek table, then LAME's extension."""

_KBPS = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 25: (11025, 12000, 8000)}
_VERSION_BITS = {3: 1, 2: 2, 0: 25}  # header bits 19-20; 1 is reserved


def bitrates(version: int) -> tuple[int, ...]:
    """Constant bitrates (kbps) MPEG ``version`` (1, 2 or 25) allows for Layer III."""
    return _KBPS[min(version, 2)][1:]


def rates(version: int) -> tuple[int, ...]:
    return _RATES[version]


@dataclass(frozen=True)
class FrameHeader:
    """The four bytes in front of every MPEG audio Layer III frame."""

    raw: int
    version: int
    """1, 2 or 25 (MPEG-2.5)."""
    kbps: int
    rate: int
    padded: bool
    mono: bool

    @property
    def samples(self) -> int:
        return 1152 if self.version == 1 else 576

    @property
    def size(self) -> int:
        return self.samples // 8 * self.kbps * 1000 // self.rate + self.padded

    @property
    def side_info(self) -> int:
        """Bytes of side information after the header: the Xing tag starts after them."""
        if self.version == 1:
            return 17 if self.mono else 32
        return 9 if self.mono else 17


def parse_header(data: bytes, at: int = 0) -> FrameHeader:
    if len(data) < at + 4:
        raise ValueError("MP3 stream ends inside a frame header")
    h = int.from_bytes(data[at:at + 4], "big")
    version = _VERSION_BITS.get((h >> 19) & 3)
    layer = (h >> 17) & 3
    kbps_index, rate_index = (h >> 12) & 15, (h >> 10) & 3
    if h >> 21 != 0x7FF or version is None or layer != 1 or kbps_index in (0, 15) or rate_index == 3:
        raise ValueError(f"no MPEG Layer III frame header at byte {at}")
    return FrameHeader(h, version, _KBPS[min(version, 2)][kbps_index], _RATES[version][rate_index],
                       bool(h >> 9 & 1), (h >> 6) & 3 == 3)


def count_frames(data: bytes) -> int:
    """Frames in a stream of back-to-back frames (what an encoder writes, no tags)."""
    at = count = 0
    while at < len(data):
        at += parse_header(data, at).size
        count += 1
    if at != len(data):
        raise ValueError("MP3 stream ends inside a frame")
    return count


def frame_samples(rate: int) -> int:
    """Samples per Layer III frame at ``rate``: 1152 for MPEG-1 rates, 576 below 32 kHz."""
    return 1152 if rate >= 32000 else 576


def first_frames(data: bytes, count: int) -> bytes:
    """The first ``count`` frames of a stream of back-to-back frames."""
    at = 0
    for _ in range(count):
        at += parse_header(data, at).size
    if at > len(data):
        raise ValueError("MP3 stream has fewer frames than asked for")
    return data[:at]


def crc16(data: bytes, crc: int = 0) -> int:
    """CRC-16 with the reflected 0x8005 polynomial (CRC-16/ARC), which LAME uses for its tag."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def encoder_version(stream: bytes) -> bytes:
    """The short version LAME writes into its first frames' spare bits ("LAME3.100"), 9 bytes."""
    found = re.search(rb"LAME[0-9.]{1,5}", stream[:4096])
    return (found.group() if found else b"LAME")[:9].ljust(9, b"\0")


def info_frame(stream: bytes, samples: int, quality: int = 5, frames: int | None = None) -> bytes:
    """The info frame for ``stream`` (constant-bitrate frames, no tags) holding ``samples``
    input samples per channel: put it in front of the stream. ``frames``: the stream's frame
    count, when the caller has counted them already."""
    first = parse_header(stream)
    frames = count_frames(stream) if frames is None else frames
    # Same stream parameters as the audio, unpadded and without CRC protection; at low bitrates a
    # frame is too small for the tag, so the tag frame alone takes the lowest bitrate that holds it
    # (decoders skip it, so its bitrate plays no part).
    raw = (first.raw | 1 << 16) & ~(1 << 9)
    head = parse_header(raw.to_bytes(4, "big"))
    while head.size < 4 + head.side_info + TAG_BYTES and (raw >> 12) & 15 < 14:
        raw += 1 << 12
        head = parse_header(raw.to_bytes(4, "big"))
    padding = frames * first.samples - ENCODER_DELAY - samples
    if not 0 <= padding < 1 << 12:
        raise ValueError(f"{samples} samples do not fit {frames} frames")
    frame = bytearray(head.size)
    frame[:4] = raw.to_bytes(4, "big")
    at = 4 + head.side_info
    total = len(stream) + head.size
    toc = bytes(256 * i // 100 for i in range(100))  # constant bitrate: bytes grow with time
    # LAME's quality figure for a constant bitrate: 100 - 10 * (its unused VBR level, 4) - quality.
    xing = b"Info" + struct.pack(">III", 0x0F, frames, total) + toc + struct.pack(">I", 60 - quality)
    lame = (encoder_version(stream)
            + bytes([1])                       # tag revision 0, constant bitrate
            + bytes(1)                         # lowpass unknown
            + bytes(4 + 2 + 2)                 # peak, radio and audiophile replay gain unknown
            + bytes(1)                         # encoding flags, ATH type
            + bytes([min(255, first.kbps)])
            + (ENCODER_DELAY << 12 | padding).to_bytes(3, "big")
            + bytes(1 + 1 + 2)                 # misc, MP3 gain, preset
            + struct.pack(">I", total)
            + bytes(2))                        # music CRC: not computed (see the module's note)
    end = at + len(xing) + len(lame)
    if end + 2 > len(frame):
        raise ValueError(f"a {head.kbps} kbps frame is too small for the info tag")
    frame[at:end] = xing + lame
    frame[end:end + 2] = crc16(bytes(frame[:end])).to_bytes(2, "big")
    return bytes(frame)
