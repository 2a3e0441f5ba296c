"""Google's voice against a real HTTP server on 127.0.0.1 that misbehaves in every way we know.

gTTS builds its address from the Google domain; the tests point that address at a local socket
server (gtts.tts._translate_url is replaced, gtts itself is not edited), so requests, urllib3 and
the sockets underneath all run for real. Each fault must end as one BuildError line and no MP3,
or, with --fallback-engine, in the offline voice. A watchdog thread only guards against a hang.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bulletin.errors import BuildError
from bulletin.settings import Settings
from bulletin.speech.engines import select_engine_named
from bulletin.speech.engines.gtts import GttsEngine
from fake_voices import google_body, tiny_mp3

TIMEOUT = 1.0


def _http(status: int, body: bytes, length: int | None = None) -> bytes:
    head = (f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body) if length is None else length}\r\nConnection: close\r\n\r\n")
    return head.encode() + body


class Server:
    """A one-behaviour HTTP server on a free local port; counts the requests it got."""

    def __init__(self, behaviour: str):
        self.behaviour = behaviour
        self.requests = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket):
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(next((ln.split(b":")[1] for ln in head.split(b"\r\n")
                                   if ln.lower().startswith(b"content-length")), b"0"))
                while len(body) < length:
                    body += conn.recv(65536)
            except OSError:
                return
            self.requests += 1
            b = self.behaviour
            if b == "hang":
                self.stop.wait(30)
                return
            if b in ("429", "500", "503"):
                conn.sendall(_http(int(b), b"busy"))
            elif b == "ok":
                conn.sendall(_http(200, google_body(tiny_mp3(0.3, 330))))
            elif b == "truncated":
                answer = google_body(tiny_mp3(0.3, 330))
                conn.sendall(_http(200, answer[: len(answer) // 3], length=len(answer)))
            elif b == "malformed":
                conn.sendall(_http(200, b")]}'\n\n[[\"wrb.fr\",\"jQ1olc\",\"not json at all"))
            elif b == "garbage":
                conn.sendall(_http(200, b"<html>Sorry, something went wrong</html>"))
            elif b == "not-mp3":
                conn.sendall(_http(200, google_body(b"ID3 this is no audio" * 50)))
            elif b == "close":
                return  # accept, read, hang up without a word

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.fixture
def local_google(monkeypatch):
    """Point gTTS at a local server with the given behaviour; no proxy may intercept it."""
    import gtts.tts

    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    servers = []

    def start(behaviour: str, port: int | None = None) -> Server | None:
        server = Server(behaviour) if port is None else None
        servers.append(server)
        target = port if port is not None else server.port
        monkeypatch.setattr(gtts.tts, "_translate_url",
                            lambda tld="com", path="": f"http://127.0.0.1:{target}/{path}")
        return server

    yield start
    for s in servers:
        if s:
            s.close()


def _finishes(fn, limit: float):
    """Run ``fn`` in a thread; fail (not hang) if it has not returned after ``limit`` seconds."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(limit)
    assert not t.is_alive(), f"still waiting after {limit} s: the timeout was not honoured"
    return out


def engine() -> GttsEngine:
    return GttsEngine(timeout=TIMEOUT, sleep=lambda s: None)


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now: connecting is refused
    return port


def test_a_working_local_server_gives_speech(local_google):
    server = local_google("ok")
    speech = engine().synthesize("Hello there.", "en", 150)
    assert server.requests == 1 and len(speech.samples) > 1000


@pytest.mark.parametrize("behaviour,words,requests", [
    ("hang", "timed out", 1),
    ("429", "rate limited", 4),
    ("500", "HTTP 500", 4),
    ("truncated", "malformed answer", 1),
    ("malformed", "malformed answer", 1),
    ("garbage", "malformed answer", 1),
    ("not-mp3", "not MP3", 1),
    ("close", "no answer", 1),
])
def test_each_server_fault_is_one_line_within_the_timeout(local_google, behaviour, words, requests):
    server = local_google(behaviour)
    out = _finishes(lambda: engine().synthesize("Hello there.", "en", 150), 10 * TIMEOUT + 5)
    err = out.get("error")
    assert isinstance(err, BuildError), err
    msg = str(err)
    assert words in msg and "\n" not in msg and "--engine piper" in msg, msg
    assert server.requests == requests


def test_connection_refused_is_named(local_google):
    local_google("refused", port=_free_port())
    out = _finishes(lambda: engine().synthesize("Hello.", "en", 150), 10)
    assert isinstance(out.get("error"), BuildError) and "no network" in str(out["error"])


def test_dns_failure_is_named(monkeypatch):
    import gtts.tts

    asked = []

    def no_dns(host, *a, **kw):
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(gtts.tts, "_translate_url",
                        lambda tld="com", path="": f"http://tts.nowhere.invalid/{path}")
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    out = _finishes(lambda: engine().synthesize("Hello.", "en", 150), 10)
    assert isinstance(out.get("error"), BuildError) and "no network" in str(out["error"])
    assert asked and asked[0] == "tts.nowhere.invalid"


@pytest.mark.parametrize("behaviour", ["hang", "500"])
def test_fallback_engine_takes_over(local_google, behaviour):
    local_google(behaviour)
    settings = Settings(engine="gtts", fallback_engine="espeak", gtts_timeout=TIMEOUT)
    out = _finishes(lambda: select_engine_named("gtts", settings, "en"), 30)
    chosen, notes = out["value"]
    assert chosen.name == "espeak"
    assert any("--fallback-engine" in n for n in notes)


ARTICLE = "Title: Clinic notice\n\nThe clinic opens at nine on Monday.\n"

# Runs the real console-script function with gTTS pointed at the local port given in argv[1].
_RUNNER = """
import sys, gtts.tts
port = sys.argv.pop(1)
gtts.tts._translate_url = lambda tld="com", path="": f"http://127.0.0.1:{port}/{path}"
sys.argv[0] = "bulletin"
from bulletin.cli import run
run()
"""


def _cli(tmp_path: Path, port: int, *extra: str) -> subprocess.CompletedProcess:
    src = tmp_path / "notice.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-c", _RUNNER, str(port), "build", str(src), "-o", str(tmp_path / "out"),
                           "--engine", "gtts", "--gtts-timeout", str(TIMEOUT), "--no-cache", *extra],
                          capture_output=True, text=True, timeout=120, env=env)


def test_build_with_a_hanging_server_fails_in_one_line_and_leaves_no_mp3(local_google, tmp_path):
    server = local_google("hang")
    r = _cli(tmp_path, server.port)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletin: error: Google's voice failed: timed out"), r.stderr
    folder = tmp_path / "out" / "notice"
    assert not list(folder.glob("*.mp3")) and not list(folder.glob(".bulletin-tmp-*"))
    assert (folder / "notice-large-print.pdf").is_file()  # the handout was made before the voice


def test_build_with_fallback_makes_the_mp3_with_the_offline_voice(local_google, tmp_path):
    import soundfile as sf

    server = local_google("429")
    r = _cli(tmp_path, server.port, "--fallback-engine", "espeak")
    assert r.returncode == 0, r.stderr
    assert "using espeak instead (--fallback-engine)" in r.stderr
    mp3 = tmp_path / "out" / "notice" / "notice.mp3"
    assert sf.info(str(mp3)).frames > 0
