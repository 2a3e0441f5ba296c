"""Whether Google's voice can be reached: one short probe per build or batch, remembered.

``--engine auto`` asks only when a language has no Piper voice and Google speaks it, so an
English build never touches the network. The probe is one HEAD request with a deadline of
``PROBE_SECONDS`` for the whole of it, name lookup included (a lookup that hangs is left behind
in a daemon thread): a computer without a network answers at once (the lookup fails), and a
network that swallows packets costs the deadline once, not once per sentence.

A batch shares one answer between its worker processes through a small temporary file named by
``$BULLETIN_PROBE_FILE``: the first worker that needs it probes under a lock, the others read it.
A batch whose settings can never ask Google (``casting.may_ask_google``) makes no such file.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

PROBE_URL = "https://translate.google.com/"
PROBE_SECONDS = 3.0
PROBE_FILE_ENV = "BULLETIN_PROBE_FILE"

_LOCK = threading.Lock()
_ANSWER: list[bool] = []
"""This process's answer, once probed."""


def _probe(timeout: float) -> bool:
    """One HEAD request; True when any HTTP answer comes back in time."""
    answered: list[bool] = []

    def ask() -> None:
        try:
            import requests

            r = requests.head(PROBE_URL, timeout=timeout, allow_redirects=False)
            answered.append(r.status_code < 500)
        except Exception:  # noqa: BLE001 - no network, a refused connection, a bad certificate: all "no"
            answered.append(False)

    t = threading.Thread(target=ask, name="network-probe", daemon=True)
    t.start()
    t.join(timeout)
    return bool(answered and answered[0])


def _shared(timeout: float) -> bool | None:
    """The batch's answer through ``$BULLETIN_PROBE_FILE``; None when there is no such file."""
    name = os.environ.get(PROBE_FILE_ENV)
    if not name:
        return None
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fd = os.open(name, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        seen = os.read(fd, 8).decode("ascii", "replace").strip()
        if seen in ("up", "down"):
            return seen == "up"
        answer = _probe(timeout)
        with contextlib.suppress(OSError):
            os.write(fd, b"up" if answer else b"down")
        return answer
    finally:
        os.close(fd)


def google_answers(timeout: float = PROBE_SECONDS) -> bool:
    """Whether Google's voice answered a probe (asked once per process, or per batch)."""
    with _LOCK:
        if not _ANSWER:
            shared = _shared(timeout)
            _ANSWER.append(_probe(timeout) if shared is None else shared)
        return _ANSWER[0]


def forget() -> None:
    """Probe again next time (tests; a long-running process whose network changed)."""
    with _LOCK:
        _ANSWER.clear()


@contextlib.contextmanager
def shared_probe():
    """Let the worker processes of a batch share one probe, through a file of the system's
    temporary folder (never the user's output folder: it may be read-only, and a stray file
    there would be published with the kit). Yields the file's name, or None when no such file
    can be made: each worker then probes on its own, which costs time, not correctness."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix="bulletin-network-probe-")
    except OSError:
        yield None
        return
    os.close(fd)
    before = os.environ.get(PROBE_FILE_ENV)
    os.environ[PROBE_FILE_ENV] = name
    try:
        yield name
    finally:
        if before is None:
            os.environ.pop(PROBE_FILE_ENV, None)
        else:
            os.environ[PROBE_FILE_ENV] = before
        with contextlib.suppress(OSError):
            os.unlink(name)
