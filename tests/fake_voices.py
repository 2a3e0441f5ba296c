"""Stand-ins for voices the tests cannot have: Google's answer, and a Spanish Piper voice file.

Nothing here touches the network; no Spanish Piper voice ships on PyPI.
"""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest

RATE = 24000


def tiny_mp3(seconds: float = 0.25, freq: float = 440.0) -> bytes:
    """A short tone as MP3 bytes, as Google's voice sends back."""
    import soundfile as sf

    t = np.arange(int(RATE * seconds)) / RATE
    buf = io.BytesIO()
    sf.write(buf, (0.3 * np.sin(2 * np.pi * freq * t)).astype("float32"), RATE, format="MP3")
    return buf.getvalue()


def google_body(mp3: bytes) -> bytes:
    """The batchexecute answer gTTS parses: the MP3 base64-encoded inside a JSON string."""
    inner = json.dumps([base64.b64encode(mp3).decode("ascii")])
    answer = [["wrb.fr", "jQ1olc", inner, None, None, None, "generic"]]
    return (")]}'\n\n" + json.dumps(answer, separators=(",", ":"))).encode()


def spanish_piper_voice(folder: Path) -> Path:
    """The bundled English network under a Spanish description: what an office's own es_MX voice
    file looks like to the tool. It proves the mechanism, not the accent."""
    from bulletin.speech.engines.piper import bundled_voice

    joe = bundled_voice()
    if joe is None:
        pytest.skip("the bundled Piper voice is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / "es_MX-prueba-medium.onnx"
    model.symlink_to(joe.model)
    data = json.loads(joe.config.read_text(encoding="utf-8"))
    data.setdefault("language", {})["code"] = "es_MX"
    data.setdefault("espeak", {})["voice"] = "es-419"
    model.with_name(model.name + ".json").write_text(json.dumps(data), encoding="utf-8")
    return model
