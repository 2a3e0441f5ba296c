"""Atomic writes: a file appears whole or not at all, and no temporary file is left."""
import pytest

from bulletin import fileio
from bulletin.errors import BuildError


def test_write_replaces_whole(tmp_path):
    target = tmp_path / "a.txt"
    fileio.write_text(target, "old")
    fileio.write_text(target, "new")
    assert target.read_text() == "new"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_leaves_nothing(tmp_path):
    target = tmp_path / "a.pdf"
    with pytest.raises(RuntimeError):
        with fileio.atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_one_line_error(tmp_path):
    with pytest.raises(BuildError, match="cannot write"):
        fileio.write_text(tmp_path / "missing" / "a.txt", "x")


def test_stale_temps_removed(tmp_path):
    (tmp_path / (fileio.TEMP_PREFIX + "x.mp3")).write_bytes(b"")
    keep = tmp_path / "keep.mp3"
    keep.write_bytes(b"1")
    fileio.remove_stale_temps(tmp_path)
    assert list(tmp_path.iterdir()) == [keep]
