"""`bulletin inspect` on the readers' output: the JSON shape and one-line errors with exit 2."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin.cli import main

EXAMPLES = Path(__file__).parent.parent / "assets" / "examples"
KEYS = {"title", "title_derived", "subtitle", "byline", "credit", "date", "language", "blocks", "warnings"}


@pytest.fixture()
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./bulletin.toml: the built-in defaults
    try:  # click < 8.2 mixes stderr into output unless told not to; 8.2 always separates them
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.mark.parametrize("name", ["trafficking-awareness.txt", "aviso-trata.es.txt", "library-hours.md"])
def test_inspect_json_shape(runner, name):
    res = runner.invoke(main, ["inspect", "--json", str(EXAMPLES / name)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == KEYS
    assert data["title"] and isinstance(data["blocks"], list) and isinstance(data["warnings"], list)
    types = {b["type"] for b in data["blocks"]}
    assert types <= {"paragraph", "heading", "list", "quote", "helpbox", "image"}
    assert {"paragraph", "heading", "list"} <= types
    for b in data["blocks"]:
        assert ("text" in b) or ("items" in b) or ("lines" in b) or ("alt" in b)


def test_inspect_json_of_spanish_notice(runner):
    data = json.loads(runner.invoke(main, ["inspect", "--json", str(EXAMPLES / "aviso-trata.es.txt")]).stdout)
    assert data["language"] == "es" and data["date"] == "2026-01-05"
    box = [b for b in data["blocks"] if b["type"] == "helpbox"][0]
    assert box["lines"][0]["phone"] == "1-888-373-7888"


def test_inspect_text_output_names_removed_clutter(runner):
    res = runner.invoke(main, ["inspect", str(Path(__file__).parent / "data" / "wire-story.txt")])
    assert res.exit_code == 0
    assert "Credit:   City News Service" in res.stdout
    assert "removed comment form" in res.stdout


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  ", b"\x00\x01\x02\x03\xff\xfe\x00\x10binary"],
                         ids=["empty", "whitespace", "binary"])
def test_unusable_file_is_one_line_error_exit_2(runner, tmp_path, content):
    p = tmp_path / "article.txt"
    p.write_bytes(content)
    res = runner.invoke(main, ["inspect", "--json", str(p)])
    assert res.exit_code == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletin: error: ")
    assert "Traceback" not in res.output


def test_missing_file_exit_2(runner, tmp_path):
    res = runner.invoke(main, ["inspect", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2
    assert "no such file" in res.stderr


@pytest.mark.parametrize("args", [["inspect", "NOPE"], ["build", "NOPE"], ["build", "--paper", "b5", "x"],
                                  ["frobnicate"]])
def test_usage_errors_are_one_line(tmp_path, args):
    """The console script (bulletin.cli:run) turns click's usage blocks into one line, exit 2."""
    import subprocess
    import sys

    args = [str(tmp_path / "nope.txt") if a == "NOPE" else a for a in args]
    p = subprocess.run([sys.executable, "-c", "from bulletin.cli import run; run()", *args],
                       capture_output=True, text=True)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and lines[0].startswith("bulletin: error: "), p.stderr
