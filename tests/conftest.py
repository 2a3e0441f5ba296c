"""Shared fixtures, and the test run's environment: every test runs offline.

``--engine auto`` never probes Google's voice here.

$BULLETIN_OFFLINE is set before any test (and so in the environment of every subprocess a test
starts), so a default build in the tests is as deterministic as on a computer with no network.
The tests of the online choice take it away and fake the transport (``online`` below).
"""
from __future__ import annotations

import os
import socket

import pytest

os.environ["BULLETIN_OFFLINE"] = "1"


@pytest.fixture
def online(monkeypatch):
    """Network allowed for this test: the probe is asked afresh (and must be faked by the test)."""
    from bulletin.speech.engines import network

    monkeypatch.delenv("BULLETIN_OFFLINE", raising=False)
    monkeypatch.delenv(network.PROBE_FILE_ENV, raising=False)
    network.forget()
    yield
    network.forget()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test (and is recorded)."""
    attempts: list = []

    def refuse(self, address, *a, **kw):
        attempts.append(address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **kw: refuse(None, address))
    return attempts


# Tests that build whole bulletins with a voice, start browsers, validators or worker processes,
# or draw many examples: `pytest -m "not slow"` leaves them out for a quick run.
SLOW_FILES = {"test_batch.py", "test_batch_sharing.py", "test_clients.py", "test_epub.py", "test_daisy.py",
              "test_cli_interrupt.py", "test_gtts_network.py", "test_pipeline_size.py",
              "test_pipeline.py", "test_web_page_a11y.py", "test_casting.py", "test_handout_languages.py",
              "test_logical_lines.py", "test_fonts.py", "test_layout.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
