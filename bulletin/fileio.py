"""Writing outputs so that a file either appears whole or not at all.

Every output is written to a hidden temporary name in its own folder and renamed into place,
so a killed build, a full disk or an error never leaves a truncated PDF or MP3 that looks good.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from pathlib import Path
from typing import Iterator

from .errors import BuildError

TEMP_PREFIX = ".bulletin-tmp-"

# Temporary files are made under this lock, and every folder that holds one is remembered, so
# that a stop by signal (:func:`abandon`) can remove them all and let no new one be made.
_MAKING = threading.RLock()
_FOLDERS: set[Path] = set()
_STOPPING = False


def user_cache(name: str) -> Path:
    """Folder ``name`` in ``$BULLETIN_CACHE_DIR``, else in this OS's user cache folder for bulletin
    (the speech cache, which predates this, uses ``$BULLETIN_CACHE_DIR`` itself)."""
    import platformdirs

    return Path(os.environ.get("BULLETIN_CACHE_DIR") or platformdirs.user_cache_dir("bulletin")) / name


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it to ``target``.

    On any exception (including KeyboardInterrupt) the temporary file is removed.
    """
    target = Path(target)
    with _MAKING:
        if _STOPPING:
            raise KeyboardInterrupt
        _FOLDERS.add(target.parent)
        # The process id in the name lets another build in the same folder tell live files from
        # stale ones.
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=target.suffix,
                                   dir=target.parent)
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


def abandon() -> None:
    """Remove every temporary file this process made, and make no more: for a stop by signal.

    Why: a signal turned into an exception can land inside an import in one thread while
    others wait on that import's lock, and the process then hangs instead of stopping. So the
    signal handler calls this and leaves at once; what is already renamed into place is whole,
    and nothing else of this build is left behind. The lock is kept until the process ends.
    """
    global _STOPPING
    _MAKING.acquire()
    _STOPPING = True
    mine = f"{TEMP_PREFIX}{os.getpid()}-*"
    for folder in list(_FOLDERS):
        for p in folder.glob(mine):
            with contextlib.suppress(OSError):
                p.unlink()


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
    """Remove temporary files an interrupted earlier build left behind.

    A file whose writer is still running (another build into the same folder at the same time)
    is left alone: deleting it would make that build fail at its rename. Risk: a stale file
    whose process id has since been reused by a live process stays until a later build.
    """
    for p in Path(folder).glob(TEMP_PREFIX + "*"):
        if _writer_alive(p.name[len(TEMP_PREFIX):].split("-", 1)[0]):
            continue
        with contextlib.suppress(OSError):
            p.unlink()


def _writer_alive(pid_text: str) -> bool:
    """Whether the process that named a temporary file is still running (never this one's own)."""
    if not pid_text.isdigit():
        return False  # a name from before process ids were recorded: stale
    pid = int(pid_text)
    if pid == os.getpid() or pid <= 0:
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, owned by someone else
        return True
    return True
