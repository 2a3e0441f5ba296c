"""Killing a build at any moment leaves only whole files and no temporary ones; the rerun finishes.

The real console script is started with the espeak voice and sent SIGTERM (what a closed
terminal, a service manager or a timeout sends) or SIGINT (Ctrl-C) after several delays, so
the signal lands while reading, while the handout is written, during synthesis and while the
audio set is encoded and renamed. Every file present afterwards must be complete and valid.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

# The console script installed beside this interpreter (the venv's bin/), else the one on PATH.
BULLETIN = str(Path(sys.executable).with_name("bulletin")) if Path(sys.executable).with_name("bulletin").exists() \
    else shutil.which("bulletin") or "bulletin"

SENTENCE = ("Residents can ask for help with rent and with water bills at the library on Tuesday "
            "and Thursday afternoons, and staff will help fill in the form.")
ARTICLE = "Title: Help with bills\n\n" + "\n\n".join(
    " ".join([SENTENCE] * 2) for _ in range(4)) + "\n"


def _env() -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def _command(src: Path, out: Path, cache: Path) -> list[str]:
    return [BULLETIN, "build", str(src), "-o", str(out), "--engine", "espeak", "--cache-dir", str(cache)]


def check_outputs(folder: Path) -> set[str]:
    """Assert every file in ``folder`` is whole; return the kinds of output present."""
    import soundfile as sf

    assert not list(folder.glob(".bulletin-tmp-*")), "temporary files left behind"
    kinds = set()
    for p in folder.iterdir():
        if p.suffix == ".pdf":
            with pikepdf.open(p) as pdf:
                assert len(pdf.pages) >= 1 and pdf.Root.get("/StructTreeRoot") is not None
            kinds.add("pdf")
        elif p.suffix == ".mp3":
            info = sf.info(str(p))
            assert info.duration > 10, info
            data, _ = sf.read(str(p), frames=info.frames, dtype="float32")
            assert len(data) > 0.95 * info.frames
            kinds.add("mp3")
        elif p.suffix == ".json":
            assert json.loads(p.read_text(encoding="utf-8"))["title"] == "Help with bills"
            kinds.add("json")
        elif p.suffix == ".vtt":
            text = p.read_text(encoding="utf-8")
            assert text.startswith("WEBVTT") and text.rstrip().endswith(".")
            kinds.add("vtt")
        elif p.name.endswith("-transcript.txt"):
            assert "Help with bills" in p.read_text(encoding="utf-8")
            kinds.add("transcript")
        elif p.suffix == ".html":
            assert p.read_text(encoding="utf-8").rstrip().endswith("</html>")
            kinds.add("html")
    # The audio files appear as a set or not at all.
    assert len(kinds & {"mp3", "vtt", "transcript"}) in (0, 3), kinds
    return kinds


@pytest.fixture(scope="module")
def full_build_seconds(tmp_path_factory) -> float:
    """One uninterrupted build (also warms the cache folder layout); the delays scale with it."""
    tmp = tmp_path_factory.mktemp("whole")
    src = tmp / "bills.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    t0 = time.monotonic()
    r = subprocess.run(_command(src, tmp / "out", tmp / "cache"), capture_output=True, text=True,
                       env=_env(), timeout=300)
    assert r.returncode == 0, r.stderr
    assert check_outputs(tmp / "out" / "bills") == {"pdf", "mp3", "json", "vtt", "transcript", "html"}
    return time.monotonic() - t0


@pytest.mark.parametrize("signum,fraction", [
    (signal.SIGTERM, 0.2), (signal.SIGTERM, 0.55), (signal.SIGTERM, 0.9), (signal.SIGINT, 0.7),
], ids=["SIGTERM-starting", "SIGTERM-handout", "SIGTERM-audio", "SIGINT-audio"])
def test_interrupted_build_leaves_only_whole_files_and_the_rerun_completes(tmp_path, full_build_seconds,
                                                                           fraction, signum):
    src = tmp_path / "bills.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cmd = _command(src, tmp_path / "out", tmp_path / "cache")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    time.sleep(full_build_seconds * fraction)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 130, -signum), (proc.returncode, err)
    if proc.returncode == 130:
        assert err.strip().splitlines()[-1] == "bulletin: interrupted; no partial files were left"
        assert "Traceback" not in err
    folder = tmp_path / "out" / "bills"
    if folder.exists():
        check_outputs(folder)
    assert not [p for p in (tmp_path / "cache").rglob(".bulletin-tmp-*")] if (tmp_path / "cache").exists() else True

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert check_outputs(folder) == {"pdf", "mp3", "json", "vtt", "transcript", "html"}


def test_a_stop_while_stderr_is_silenced_is_still_reported():
    """The MP3 check sends descriptor 2 to /dev/null around each read; a stop landing there
    must still print its line (it once exited 130 in silence)."""
    code = ("import os, signal\n"
            "from bulletin import cli\n"
            "from bulletin.audio.encode import quiet_stderr\n"
            "cli._catch_stops()\n"
            "with quiet_stderr():\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    signal.pause()\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 130
    assert r.stderr.strip().splitlines() == ["bulletin: interrupted; no partial files were left"]
