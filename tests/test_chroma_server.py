"""The same ingest and retrieval against a Chroma server started with `chroma run` on loopback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port, run, wait_until_up

pytestmark = pytest.mark.chroma_server


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/v2/heartbeat", proc, 60)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_ingest_search_status_and_export_against_a_server(repo: Path, chroma_url: str, tmp_path: Path) -> None:
    result = run("ingest", "--repo", str(repo), "--chroma-url", chroma_url, "-q")
    assert result.exit_code == 0, result.output
    hits = json.loads(run("search", "cursor based pagination", "--chroma-url", chroma_url, "--json").output)
    assert hits["results"][0]["source"].startswith("examples/common_patterns_for_connectors/pagination/cursor_based/")
    status = json.loads(run("index", "status", "--chroma-url", chroma_url, "--json").output)
    assert status["counts"]["pattern"] > 0
    again = run("ingest", "--repo", str(repo), "--chroma-url", chroma_url, "-q")
    assert again.output.rstrip().endswith("index unchanged")
    assert run("index", "export", str(tmp_path / "kb.csdk"), "--chroma-url", chroma_url).exit_code == 0
    # the local store was never touched
    assert "no index" in run("index", "status").output


def test_unreachable_server_is_one_line() -> None:
    from helpers import run_proc

    result = run_proc("search", "x", "--chroma-url", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.startswith("source error: cannot reach the Chroma server at http://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
