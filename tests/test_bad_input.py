"""The bad-input table: every case gives one clear line on stderr, exit code 2, no traceback, no hang.

Each row names the command line and what to put on disk first. A row's message is the part of the
line that tells the user what to fix; the table is the list of inputs that once gave a traceback, a
hang or a silent acceptance, plus their neighbours.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.subprocess

BINARY = b"\xff\xfe\x00\x81binary\x00"
CONNECTOR = """from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "t", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    yield op.upsert(table="t", data={"id": 1})
    yield op.checkpoint(state={})


connector = Connector(update=update, schema=schema)
"""


def project(root: Path, **files: bytes | str) -> Path:
    folder = root / "proj"
    folder.mkdir(exist_ok=True)
    contents: dict[str, bytes | str] = {"connector.py": CONNECTOR, "requirements.txt": "",
                                        "configuration.json": "{}", **files}
    for name, body in contents.items():
        (folder / name).write_bytes(body if isinstance(body, bytes) else body.encode())
    return folder


def binary(root: Path, name: str = "bin.dat") -> Path:
    (root / name).write_bytes(BINARY)
    return root / name


# (id, argv builder from tmp_path, extra environment, the words the one line must contain)
Case = tuple[str, Callable[[Path], list[str]], dict[str, str], str]
CASES: list[Case] = [
    ("prompt-file not UTF-8", lambda t: ["generate", "--prompt-file", str(binary(t)), "--out", str(t / "o")], {},
     "not UTF-8"),
    ("prompt-file missing", lambda t: ["generate", "--prompt-file", str(t / "nope.txt"), "--out", str(t / "o")], {},
     "nope.txt"),
    ("spec not UTF-8", lambda t: ["generate", "--spec", str(binary(t)), "--out", str(t / "o")], {}, "not UTF-8"),
    ("spec not a mapping", lambda t: ["generate", "--spec", str(_text(t, "s.json", "[1, 2]")), "--out", str(t / "o")],
     {}, "spec"),
    ("spec with a cursor template of other braces", lambda t: ["generate", "--spec", str(_text(t, "s.json", (
        '{"name": "x", "tables": [{"name": "t", "path": "/t", "incremental": '
        '{"field": "a", "param": "f", "template": "a gt {x}"}}]}'))), "--out", str(t / "o")], {}, "template"),
    ("spec with a schema name of spaces", lambda t: ["generate", "--spec", str(_text(t, "s.json", (
        '{"name": "x", "source_type": "database", "tables": [{"name": "t", "source_table": "a.t", '
        '"schemas": ["a b"]}]}'))), "--out", str(t / "o")], {}, "schema"),
    ("config not UTF-8", lambda t: ["generate", "an API", "--out", str(t / "o"), "--no-model",
                                    "--config", str(binary(t))], {}, "not UTF-8"),
    ("save-spec is a folder", lambda t: ["generate", "Items API at http://127.0.0.1:9/items, no auth.",
                                         "--out", str(t / "o"), "--no-model", "--save-spec", str(t)], {}, "folder"),
    ("out name too long", lambda t: ["generate", "an API", "--no-model", "--out", str(t / ("x" * 300))], {},
     "too long"),
    ("out is a file", lambda t: ["generate", "an API", "--no-model", "--out", str(binary(t))], {}, "not a folder"),
    ("lint connector.py not UTF-8", lambda t: ["lint", str(project(t, **{"connector.py": BINARY}))], {},
     "not UTF-8"),
    ("lint missing folder", lambda t: ["lint", str(t / "nope")], {}, "no such project folder"),
    ("validate configuration.json not UTF-8", lambda t: ["validate", str(project(t, **{"configuration.json": BINARY}))],
     {}, "not UTF-8"),
    ("validate configuration.json not JSON", lambda t: ["validate", str(project(t, **{"configuration.json": "{"}))],
     {}, "configuration"),
    ("validate --timeout nan", lambda t: ["validate", str(project(t)), "--timeout", "nan"], {}, "--timeout"),
    ("validate --timeout inf", lambda t: ["validate", str(project(t)), "--timeout", "inf"], {}, "--timeout"),
    ("validate --timeout -1", lambda t: ["validate", str(project(t)), "--timeout", "-1"], {}, "--timeout"),
    ("fix --log not UTF-8", lambda t: ["fix", str(project(t)), "--no-model", "--log", str(binary(t))], {},
     "not UTF-8"),
    ("fix --attempts 0", lambda t: ["fix", str(project(t)), "--attempts", "0"], {}, "--attempts"),
    ("revise with an empty request", lambda t: ["revise", str(project(t)), "  "], {}, "empty"),
    ("crawl --out a file", lambda t: ["crawl", "--out", str(binary(t))], {}, "not a folder"),
    ("index export to an unwritable place", lambda t: ["index", "export", "/proc/nope/x.bundle"], {}, "/proc/nope"),
    ("index import not a bundle", lambda t: ["index", "import", str(binary(t))], {}, "bundle"),
    ("ingest --docs empty", lambda t: ["ingest", "--docs", ""], {}, "empty"),
    ("ingest --repo empty", lambda t: ["ingest", "--repo", ""], {}, "empty"),
    ("ingest --repo missing", lambda t: ["ingest", "--repo", str(t / "nope")], {}, "no such file or folder"),
    ("search with an empty query", lambda t: ["search", "  "], {}, "the query is empty"),
    ("search -k 0", lambda t: ["search", "x", "-k", "0"], {}, "-k"),
    ("ask with an empty question", lambda t: ["ask", " "], {}, "empty"),
    ("chat --project missing", lambda t: ["chat", "--plain", "--project", str(t / "nope")], {}, "nope"),
    ("chat --session unknown", lambda t: ["chat", "--plain", "--session", "nope"], {}, "nope"),
    ("models add missing file", lambda t: ["models", "add", str(t / "m.gguf"), "--name", "m"], {}, "m.gguf"),
    ("models add empty name", lambda t: ["models", "add", str(binary(t, "m.gguf")), "--name", ""], {}, "name"),
    ("models add not GGUF", lambda t: ["models", "add", str(binary(t, "m.gguf")), "--name", "m"], {}, "GGUF"),
    ("models use empty name", lambda t: ["models", "use", ""], {}, "name"),
    ("models use unknown", lambda t: ["models", "use", "nope"], {}, "nope"),
    ("runtime setup with a bad venv path", lambda t: ["runtime", "setup"],
     {"ASSISTANT_RUNTIME_VENV": "/proc/nope/venv"}, "/proc/nope/venv"),
    ("mcp --allow missing", lambda t: ["mcp", "--allow", str(t / "nope")], {}, "nope"),
    ("an unknown option", lambda t: ["search", "x", "--bogus"], {}, "No such option '--bogus'"),
    ("a missing required option", lambda t: ["generate", "an API"], {}, "Missing option '--out'"),
    ("a value of the wrong type", lambda t: ["search", "x", "-k", "abc"], {}, "'abc' is not a valid integer"),
    ("an unknown command", lambda t: ["bogus"], {}, "No such command 'bogus'"),
    ("validate timeout setting not a number", lambda t: ["search", "x"], {"ASSISTANT_VALIDATE_TIMEOUT": "abc"},
     "ASSISTANT_VALIDATE_TIMEOUT"),
    ("passages setting negative", lambda t: ["search", "x"], {"ASSISTANT_PASSAGES": "-3"}, "ASSISTANT_PASSAGES"),
    ("embedder setting empty", lambda t: ["search", "x"], {"ASSISTANT_EMBEDDER": ""}, "ASSISTANT_EMBEDDER"),
    ("validate timeout setting infinite", lambda t: ["search", "x"], {"ASSISTANT_VALIDATE_TIMEOUT": "inf"},
     "ASSISTANT_VALIDATE_TIMEOUT"),
    ("threads setting zero", lambda t: ["search", "x"], {"ASSISTANT_THREADS": "0"}, "ASSISTANT_THREADS"),
]


def _text(root: Path, name: str, body: str) -> Path:
    (root / name).write_text(body)
    return root / name


@pytest.mark.parametrize(("argv", "env", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line_and_exit_2(argv: Callable[[Path], list[str]], env: dict[str, str], words: str,
                                             tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    try:
        result = subprocess.run([sys.executable, "-m", "cli", *argv(work)], capture_output=True, text=True,
                                env={**os.environ, **env}, timeout=60, cwd=ROOT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail("hung for 60 s")
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0], lines[0]
    assert result.returncode == 2, (result.returncode, lines[0])
