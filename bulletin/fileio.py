"""Writing outputs so that a file either appears whole or not at all.

Every output is written to a hidden temporary name in its own folder and renamed into place,
so a killed build, a full disk or an error never leaves a truncated PDF or MP3 that looks good.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import BuildError

TEMP_PREFIX = ".bulletin-tmp-"


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it to ``target``.

    On any exception (including KeyboardInterrupt) the temporary file is removed.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, turning disk errors into one-line build errors."""
    try:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    except OSError as e:
        raise BuildError(f"cannot write {target}: {e.strerror or e}") from None


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def remove_stale_temps(folder: Path) -> None:
    """Remove temporary files an interrupted earlier build left behind."""
    for p in Path(folder).glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            p.unlink()
