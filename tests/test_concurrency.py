"""Two writers, and a writer killed with kill -9: the index stays usable and the re-run completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from corpus import HELLO
from helpers import ROOT, ingest, run, run_proc

from ingest import pipeline

pytestmark = pytest.mark.subprocess

SLOW_INGEST = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from core import settings
    from ingest import pipeline
    from index.embed import HashEmbedder

    class Slow(HashEmbedder):
        calls = 0
        def embed(self, texts):
            Slow.calls += 1
            if Slow.calls == 2:
                Path(sys.argv[2]).write_text("embedding")
            time.sleep(0.3)
            return super().embed(texts)

    plan = pipeline.Plan(repos=[sys.argv[1]], sdk=False)
    pipeline.run(plan, settings.load(), Slow())
''')


SLOW_WRITE = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from core import settings
    from ingest import pipeline
    from index.embed import HashEmbedder
    from index.store import Store

    def slow_add(self, *args, **kwargs):
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)

    Store.add = slow_add
    pipeline.run(pipeline.Plan(repos=[sys.argv[1]], sdk=False, rebuild=True), settings.load(), HashEmbedder())
''')


def status() -> dict:
    return json.loads(run("index", "status", "--json").output)


def test_a_second_writer_is_refused_with_a_clear_message(repo: Path) -> None:
    ingest(repo)
    with pipeline.exclusive():
        result = run_proc("ingest", "--repo", str(repo))
    assert result.returncode == 1
    assert result.stderr == ("ingest busy: another `assistant ingest` is writing this index "
                             "(wait for it to finish; the current index stays usable)\n")
    assert run_proc("search", "cursor").returncode == 0  # readers are never blocked


def _kill_9_at_marker(source: str, repo: Path, tmp_path: Path, never: str) -> subprocess.Popen[bytes]:
    """Run an ingest script in its own session and kill -9 it once it writes its marker file."""
    marker = tmp_path / "marker"
    script = tmp_path / "slow.py"
    script.write_text(source)
    proc = subprocess.Popen([sys.executable, str(script), str(repo), str(marker)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), never
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc


def _grow(repo: Path, n: int) -> None:
    for i in range(n):
        folder = repo / f"examples/quickstart_examples/generated_{i}"
        folder.mkdir(parents=True)
        (folder / "connector.py").write_text(HELLO.replace("hello, world", f"row {i}"))
        (folder / "README.md").write_text(f"# Generated {i}\n\n## Overview\n\nExample number {i}.\n")


def test_kill_9_mid_ingest_leaves_the_old_index_and_the_rerun_completes(repo: Path, tmp_path: Path) -> None:
    ingest(repo, "--no-sdk")
    before = status()
    _grow(repo, 40)
    proc = _kill_9_at_marker(SLOW_INGEST, repo, tmp_path, "the slow ingest never reached the embedding stage")
    assert proc.returncode == -signal.SIGKILL
    # the previous index is intact and usable
    assert status() == before
    assert json.loads(run("search", "cursor based pagination", "--json").output)["results"]
    # the re-run finishes the job, reusing what the killed run had embedded
    result = ingest(repo, "--no-sdk")
    assert "new 200, changed 0, removed 0" in result.output, result.output
    embedded = int(result.output.split("embedded ")[1].split(",")[0])
    assert embedded <= 200 - 64  # at least one batch survived the kill
    after = status()
    assert after["chunk_count"] == before["chunk_count"] + 200
    from index.store import connect

    _, collection = connect().current()
    ids = collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids)) == after["chunk_count"]


def _generations() -> set[str]:
    from index.store import CHUNKS_PREFIX, connect

    return {c.name.removeprefix(CHUNKS_PREFIX) for c in connect().client.list_collections()
            if c.name.startswith(CHUNKS_PREFIX)}


def test_a_reader_keeps_its_generation_while_another_process_publishes(repo: Path) -> None:
    from assistant.services import make_retriever
    from core import paths, settings

    ingest(repo, "--no-sdk")
    reader = make_retriever(settings.load())  # holds a lease on the generation it opened
    _grow(repo, 3)
    assert run_proc("ingest", "--repo", str(repo), "--no-sdk", "-q").returncode == 0
    assert status()["generation"] != reader.meta.generation
    assert reader.search("cursor based pagination")  # its collection was not dropped under it
    assert _generations() == {reader.meta.generation, status()["generation"]}
    for lease in (paths.index_dir() / "readers").iterdir():  # the reader ends
        lease.rename(lease.with_name(lease.name.rpartition(".")[0] + ".999999999"))
    assert run_proc("ingest", "--repo", str(repo), "--no-sdk", "-q").returncode == 0
    assert _generations() == {status()["generation"]}  # and its generation goes with the next run


def test_kill_9_mid_rebuild_leaves_the_old_index(repo: Path, tmp_path: Path) -> None:
    ingest(repo, "--no-sdk")
    before = status()
    _grow(repo, 40)
    # killed while the new generation is being written
    _kill_9_at_marker(SLOW_WRITE, repo, tmp_path, "the slow rebuild never reached the write stage")
    assert status() == before
    assert json.loads(run("search", "cursor based pagination", "--json").output)["results"]


def test_disk_use_stays_flat_over_repeated_ingests(repo: Path) -> None:
    from core import paths

    def folders() -> list[Path]:
        return [p for p in paths.index_dir().iterdir() if p.is_dir() and p.name != "readers"]

    ingest(repo, "--no-sdk")
    sizes = []
    for i in range(4):
        (repo / "README.md").write_text(f"# Examples\n\nRound {i} of changes.\n")
        assert run_proc("ingest", "--repo", str(repo), "--no-sdk", "-q").returncode == 0
        sizes.append(sum(f.stat().st_size for d in folders() for f in d.rglob("*") if f.is_file()))
    assert len(folders()) <= 2  # the meta collection's and the current generation's vector folders
    assert sizes[-1] <= sizes[0] * 1.2
