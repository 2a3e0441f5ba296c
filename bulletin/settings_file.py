"""The organisation's settings file, ``bulletin.toml``: found, read and checked.

Found in the working directory, beside the article, or named with ``--config``. Every key is
optional; unknown keys and wrong types are errors naming the file and the key, because a
silently ignored typo in a hotline number is worse than a refusal. What it holds is merged with
the defaults and the command line once, into :class:`~bulletin.settings.Settings`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .article import HelpBox, language_tag
from .errors import InputError
from .helplines import parse_help_line
from .settings import AUDIO_PROFILES, ENGINES, PAPERS, SIZES, Pauses

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FILE_NAME = "bulletin.toml"


# section -> key -> (types accepted, what is expected, in words)
_STR, _INT, _NUM = (str,), (int,), (int, float)
_SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], str]]] = {
    "organisation": {"name": (_STR, "text"), "logo": (_STR, "a file path"),
                     "series": (_STR, "text"), "base_url": (_STR, "a URL"),
                     "language": (_STR, "a language tag such as en or es")},
    "print": {"paper": (_STR, " or ".join(PAPERS)), "size": (_INT, "one of 18, 20, 24, 28")},
    "voice": {"engine": (_STR, " or ".join(ENGINES)), "voice": (_STR, "a path to a .onnx voice"),
              "rate": (_INT, "words per minute"), "audio_profile": (_STR, " or ".join(AUDIO_PROFILES)),
              "tld": (_STR, "a Google domain such as com or co.uk"),
              "online": ((bool,), "true or false"),
              "intro": ((str, dict), "text or a table of language = text"),
              "outro": ((str, dict), "text or a table of language = text")},
    "pauses": {k: (_NUM, "seconds") for k in ("sentence", "paragraph", "heading", "section")},
    "helpbox": {"title": (_STR, "text"), "lines": ((list,), "a list of lines of text")},
    "pronunciations": {},  # free keys, string values
    "output": {"formats": ((list,), "a list of format names such as [\"pdf\", \"mp3\"]")},
    "braille": {"size": (_STR, "cells x lines such as \"40x25\""), "grade": (_INT, "1 or 2")},
    "voices": {},  # free keys (language tags), paths to Piper .onnx voices
}


def _fail(path: Path, key: str, msg: str) -> InputError:
    return InputError(f"{path}: {key}: {msg}")


def _typed(path: Path, key: str, value: Any, types: tuple[type, ...], want: str) -> Any:
    if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
        raise _fail(path, key, f"expected {want}, got {type(value).__name__} {value!r}")
    return value


def _per_language(path: Path, key: str, value: str | dict) -> dict[str, str]:
    if isinstance(value, str):
        return {"*": value}
    for lang, text in value.items():
        _typed(path, f"{key}.{lang}", text, _STR, "text")
    return dict(value)


def load(path: Path | None = None, cwd: Path | None = None, near: Path | None = None) -> dict[str, Any]:
    """The settings in ``path``; else in ``bulletin.toml`` in ``cwd``; else beside ``near`` (the
    article, or a folder of articles); else none. Keys are :class:`~bulletin.settings.Settings`
    fields, plus ``online``."""
    if path is None:
        places = [cwd or Path.cwd()]
        if near is not None:
            places.append(near if near.is_dir() else near.parent)
        path = next((p / FILE_NAME for p in places if (p / FILE_NAME).is_file()), None)
        if path is None:
            return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read config: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: not valid TOML: {e}") from None
    return from_mapping(data, Path(path))


def from_mapping(data: dict, path: Path) -> dict[str, Any]:
    """Validate a parsed TOML document against the schema: the settings it gives, by field."""
    kw: dict[str, Any] = {"source": path}
    for section, table in data.items():
        if section not in _SCHEMA:
            raise _fail(path, section, f"unknown section (known: {', '.join(_SCHEMA)})")
        if not isinstance(table, dict):
            raise _fail(path, section, "expected a [table]")
        schema = _SCHEMA[section]
        if section == "pronunciations":
            kw["pronunciations"] = {
                k: _typed(path, f"pronunciations.{k}", v, _STR, "text") for k, v in table.items()}
            continue
        if section == "voices":
            kw["voices"] = {language_tag(k): _voice_file(path, f"voices.{k}", v) for k, v in table.items()}
            continue
        for key, value in table.items():
            dotted = f"{section}.{key}"
            if key not in schema:
                raise _fail(path, dotted, f"unknown key (known in [{section}]: {', '.join(schema)})")
            types, want = schema[key]
            _typed(path, dotted, value, types, want)
            kw.update(_convert(path, section, key, dotted, value, want))
    pauses = {k: float(v) for k, v in data.get("pauses", {}).items()}
    if pauses:
        kw["pauses"] = Pauses(**pauses)
    help_table = data.get("helpbox")
    if help_table:
        lines = help_table.get("lines", [])
        for i, ln in enumerate(lines):
            _typed(path, f"helpbox.lines[{i}]", ln, _STR, "text")
        kw["helpbox"] = HelpBox(help_table.get("title", "Get help"),
                                tuple(parse_help_line(ln) for ln in lines))
    return kw


def _convert(path: Path, section: str, key: str, dotted: str, value: Any, want: str) -> dict[str, Any]:
    if section == "organisation":
        if key == "name":
            return {"organisation": value}
        if key == "logo":
            logo = (path.parent / value).resolve()
            if not logo.is_file():
                raise _fail(path, dotted, f"logo file not found: {logo}")
            return {"logo": logo}
        if key == "language":
            return {"language": language_tag(value)}
        return {key: value}
    if section == "print":
        if key == "paper" and value.lower() not in PAPERS:
            raise _fail(path, dotted, f"expected {want}, got {value!r}")
        if key == "size" and value not in SIZES:
            raise _fail(path, dotted, f"expected {want}, got {value!r}")
        return {key: value.lower() if key == "paper" else value}
    if section == "voice":
        if key == "engine" and value not in ENGINES:
            raise _fail(path, dotted, f"expected {want}, got {value!r}")
        if key == "audio_profile" and value not in AUDIO_PROFILES:
            raise _fail(path, dotted, f"expected {want}, got {value!r}")
        if key == "rate" and not 80 <= value <= 300:
            raise _fail(path, dotted, f"expected 80 to 300 words per minute, got {value}")
        if key == "voice":
            return {"voice": (path.parent / value).resolve()}
        if key in ("intro", "outro"):
            return {key: _per_language(path, dotted, value)}
        return {key: value}
    if section == "output":
        from .writers import parse

        try:
            return {"formats": parse([str(v) for v in value])}
        except InputError as e:
            raise _fail(path, dotted, str(e)) from None
    if section == "braille":
        if key == "grade" and value not in (1, 2):
            raise _fail(path, dotted, f"expected {want}, got {value!r}")
        if key == "size":
            from .braille import parse_size

            try:
                return {"braille_size": parse_size(value)}
            except InputError as e:
                raise _fail(path, dotted, str(e)) from None
        return {"braille_grade": value}
    if section == "pauses":
        if not 0 <= value <= 10:
            raise _fail(path, dotted, f"expected 0 to 10 seconds, got {value}")
        return {}
    return {}  # helpbox is assembled after the loop


def _voice_file(path: Path, key: str, value: Any) -> Path:
    """A ``[voices]`` entry: a Piper ``.onnx`` file (relative to the settings file) with its
    ``.onnx.json`` beside it; anything else is a one-line error naming the file and the key."""
    import json

    _typed(path, key, value, _STR, "a path to a Piper .onnx voice")
    import os

    # Not resolved: a voice linked into place keeps its own name and the .json beside the link.
    voice = Path(os.path.normpath(path.parent.absolute() / value))
    if voice.suffix != ".onnx":
        raise _fail(path, key, f"{voice} is not a Piper voice (expected a .onnx file)")
    if not voice.is_file():
        raise _fail(path, key, f"voice file not found: {voice}")
    described = voice.with_name(voice.name + ".json")
    try:
        json.loads(described.read_text(encoding="utf-8"))["audio"]["sample_rate"]
    except FileNotFoundError:
        raise _fail(path, key, f"{described.name} is missing beside {voice}; a Piper voice needs both") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
        raise _fail(path, key, f"{described} is not a Piper voice description: {e}") from None
    return voice


def read(path: Path | None = None, cwd: Path | None = None, near: Path | None = None):
    """The :class:`~bulletin.settings.Settings` the file found as :func:`load` does gives, with no
    command line (for ``bulletin voices`` and for tests)."""
    from .settings import merge

    return merge(load(path, cwd, near))
