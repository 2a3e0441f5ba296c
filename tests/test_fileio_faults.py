"""Files and folders: missing, unwritable and full output folders, odd names, two builds at once.

Tests run as root, which ignores permission bits, so an unwritable folder and a full disk are
simulated by making the system calls fail the way the kernel would (PermissionError, ENOSPC);
where the test process may mount file systems, a real 8 KB tmpfs and a read-only tmpfs are
used as well. Every failure is one BuildError line, and no output or temporary file is left.
"""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pikepdf
import pytest

from bulletin.settings import Settings
from bulletin.errors import BuildError
from bulletin.pipeline import build

HANDOUT_ONLY = Settings(audio=False, deterministic=True)
ARTICLE = "Title: Food bank hours\n\nThe food bank opens on Saturday from nine to noon.\n"
BULLETIN = str(Path(sys.executable).with_name("bulletin"))


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "food.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".bulletin-tmp-")] if folder.exists() else []


def test_missing_output_folder_is_created(article, tmp_path):
    out = tmp_path / "not" / "there" / "yet"
    r = build(article, out, HANDOUT_ONLY)
    assert r.folder == out / "food" and r.files["pdf"].is_file()


def test_output_folder_that_cannot_be_created_is_one_line(article, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(BuildError) as e:
        build(article, blocker / "out", HANDOUT_ONLY)
    assert "cannot create output folder" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("call", ["mkstemp", "replace"])
def test_unwritable_folder_is_one_line_and_leaves_nothing(article, tmp_path, monkeypatch, call):
    out = tmp_path / "out"
    (out / "food").mkdir(parents=True)
    denied = PermissionError(errno.EACCES, "Permission denied")
    if call == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **kw: (_ for _ in ()).throw(denied))
    else:
        monkeypatch.setattr(os, "replace", lambda *a, **kw: (_ for _ in ()).throw(denied))
    with pytest.raises(BuildError) as e:
        build(article, out, HANDOUT_ONLY)
    assert "Permission denied" in str(e.value) and "\n" not in str(e.value)
    assert list((out / "food").iterdir()) == []


def _full_disk_after(limit: int, monkeypatch):
    """Writes through Path.write_bytes/write_text and soundfile fail with ENOSPC past ``limit`` bytes."""
    import soundfile as sf

    written = {"n": 0}
    real_write_bytes, real_sf_write = Path.write_bytes, sf.SoundFile.write

    def write_bytes(self, data):
        if written["n"] + len(data) > limit:
            real_write_bytes(self, data[: max(0, limit - written["n"])])  # what fitted stays on disk
            raise OSError(errno.ENOSPC, "No space left on device")
        written["n"] += len(data)
        return real_write_bytes(self, data)

    def sf_write(self, data):
        written["n"] += data.nbytes // 8  # roughly the MP3's size
        if written["n"] > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_sf_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(Path, "write_text", lambda self, text, encoding=None, **kw:
                        write_bytes(self, text.encode(encoding or "utf-8")))
    monkeypatch.setattr(sf.SoundFile, "write", sf_write)


@pytest.mark.parametrize("limit", [10, 20_000, 60_000], ids=["json", "pdf", "audio"])
def test_full_disk_is_one_line_and_leaves_no_partial_file(article, tmp_path, monkeypatch, limit):
    out = tmp_path / "out"
    _full_disk_after(limit, monkeypatch)
    with pytest.raises(BuildError) as e:
        build(article, out, Settings(engine="espeak", deterministic=True, cache=False))
    monkeypatch.undo()
    assert "No space left on device" in str(e.value) and "\n" not in str(e.value)
    assert not leftovers(out)
    for p in (out / "food").iterdir():  # whatever finished before the disk filled is whole
        if p.suffix == ".pdf":
            pikepdf.open(p).close()
        if p.suffix == ".json":
            assert p.read_text(encoding="utf-8").rstrip().endswith("}")
    assert not list((out / "food").glob("*.mp3"))


def _mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return r.returncode == 0


@pytest.mark.parametrize("options,words", [("size=8k", "No space left"), ("ro,size=8k", "Read-only")],
                         ids=["full", "read-only"])
def test_real_small_or_read_only_file_system(article, tmp_path, options, words):
    where = tmp_path / "mnt"
    if not _mount_tmpfs(where, options):
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); simulated above")
    try:
        r = subprocess.run([BULLETIN, "build", str(article), "-o", str(where / "out"), "--no-audio"],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 1, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("bulletin: error:") and words in lines[0], r.stderr
        assert not leftovers(where)
        for p in where.rglob("*.pdf"):
            pikepdf.open(p).close()
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def test_names_with_spaces_and_non_ascii(tmp_path):
    src = tmp_path / "Avisos de la clínica" / "Horario nuevo — ñandú (copia 2).txt"
    src.parent.mkdir()
    src.write_text("Title: Horario nuevo\nLanguage: es\n\nLa clínica abre el lunes a las nueve.\n", encoding="utf-8")
    out = tmp_path / "salida con espacios" / "año 2025"
    r = subprocess.run([BULLETIN, "build", str(src), "-o", str(out), "--no-audio"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    folder = out / "horario-nuevo-ñandú-copia-2"
    pdf = folder / "horario-nuevo-ñandú-copia-2-large-print.pdf"
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo["/Title"]) == "Horario nuevo"
    assert "horario-nuevo-ñandú-copia-2-large-print.pdf" in (folder / "index.html").read_text(encoding="utf-8") \
        or "horario-nuevo-%C3%B1and%C3%BA-copia-2-large-print.pdf" in (folder / "index.html").read_text(encoding="utf-8")


def test_two_builds_into_the_same_folder_at_once(article, tmp_path):
    out = tmp_path / "shared"
    cmd = [BULLETIN, "build", str(article), "-o", str(out), "--engine", "espeak",
           "--cache-dir", str(tmp_path / "cache")]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [rc for rc, _ in results] == [0, 0], results
    folder = out / "food"
    assert not leftovers(out)
    with pikepdf.open(folder / "food-large-print.pdf") as pdf:
        assert len(pdf.pages) == 1
    import soundfile as sf

    assert sf.info(str(folder / "food.mp3")).duration > 2
    assert (folder / "food.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["article.json", "food-large-print.pdf", "food.mp3", "food.vtt", "food-transcript.txt", "food.brf",
         "index.html", "food.chapters.json", "food-cover.png", "food.epub", "food-daisy202.zip"])


def test_a_live_builds_temporary_file_is_not_removed_by_another_build(tmp_path):
    from bulletin import fileio

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = tmp_path / f"{fileio.TEMP_PREFIX}{sleeper.pid}-abc.pdf"
        dead = tmp_path / f"{fileio.TEMP_PREFIX}999999999-abc.pdf"
        old = tmp_path / f"{fileio.TEMP_PREFIX}{uuid.uuid4().hex[:8]}.mp3"
        for p in (live, dead, old):
            p.write_bytes(b"x")
        fileio.remove_stale_temps(tmp_path)
        assert sorted(tmp_path.iterdir()) == [live]
    finally:
        sleeper.kill()
        sleeper.wait()
