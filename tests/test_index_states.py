"""The index under any interleaving: ingest, ingest --rebuild, kill -9 at a random moment, import,
export and searches while an ingest runs, each in its own process, with the invariants checked
after every step (the way Chroma's own persistence tests drive a state machine).

The model keeps, for the index, the set of corpus versions it may hold: a completed ingest or
import makes it one version; a killed one makes it "the old one or the new one". A version's chunk
count is learned from a completed ingest (or, after a kill, from a reference ingest of the same
corpus in a separate home), so the check is exact, not "some number".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from corpus import HELLO, write_repo
from helpers import ROOT
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

pytestmark = pytest.mark.subprocess

NONE = -1  # "no index at all" as a possible state
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "ASSISTANT_HOME": str(home)}, timeout=timeout)


# The CLI with every stage that writes the index made slow, so that a kill at a random moment lands
# in any stage (embedding, writing, publishing, dropping the old generation, installing a bundle)
# rather than almost always in Python's start-up.
SLOW_CLI = """
import sys, time
from index import bundle
from index.embed import HashEmbedder
from index.store import Store

def slow(call):
    def wrapper(*args, **kwargs):
        time.sleep(0.25)
        return call(*args, **kwargs)
    return wrapper

for owner, name in ((Store, "add"), (Store, "publish"), (Store, "drop_stale"), (HashEmbedder, "embed"),
                    (bundle, "install")):
    setattr(owner, name, slow(getattr(owner, name)))
from cli.main import cli
cli(sys.argv[1:], prog_name="assistant")
"""


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    """The CLI, slowed down (SLOW_CLI), in its own session so that a kill takes all of it."""
    return subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env={**os.environ, "ASSISTANT_HOME": str(home),
                                                      "PYTHONPATH": str(ROOT)}, start_new_session=True)


def no_traceback(result: subprocess.CompletedProcess[str] | tuple[int, str]) -> None:
    stderr = result[1] if isinstance(result, tuple) else result.stderr
    assert "Traceback" not in stderr, stderr


class IndexStates(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="csdk-states-"))
        self.home = self.base / "home"
        self.repo = write_repo(self.base / "fivetran_connector_sdk")
        self.version = 0
        self.counts: dict[int, int] = {}  # corpus version -> chunk count of a complete index of it
        self.possible: set[int] = {NONE}  # the versions the index may hold now
        self.bundles: list[tuple[Path, int]] = []
        self.settled = True  # no killed run since the last completed one: orphans must be gone
        self.seconds = 0.0  # how long a complete, slowed-down ingest takes here, to aim the kills inside one

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    # --- steps -------------------------------------------------------------------------------------
    @initialize()
    def first_ingest(self) -> None:
        self._ingest_to_the_end()

    @rule()
    def change_the_corpus(self) -> None:
        self.version += 1
        folder = self.repo / f"examples/quickstart_examples/generated_{self.version}"
        folder.mkdir(parents=True)
        (folder / "connector.py").write_text(HELLO.replace("hello, world", f"row {self.version}"))
        (folder / "README.md").write_text(f"# Generated {self.version}\n\n## Overview\n\nExample {self.version}.\n")

    @rule(rebuild=st.booleans())
    def ingest(self, rebuild: bool) -> None:
        self._ingest_to_the_end(*(["--rebuild"] if rebuild else []))

    @rule(rebuild=st.booleans(), at=st.floats(0.2, 1.0))
    def kill_an_ingest(self, rebuild: bool, at: float) -> None:
        """kill -9 at a share `at` of a complete run's time (the first part is Python starting up)."""
        if not self.seconds:  # measure one complete slowed-down run first
            started = time.monotonic()
            assert start(self.home, "ingest", "--repo", str(self.repo), "--no-sdk", "-q", "--rebuild").wait() == 0
            self.seconds = time.monotonic() - started
            self._completed()
        proc = start(self.home, "ingest", "--repo", str(self.repo), "--no-sdk", "-q", *(["--rebuild"] * rebuild))
        self._kill(proc, at * self.seconds)
        self._learn(self.version)
        self.possible |= {self.version}
        self.settled = False

    @rule()
    def search_while_an_ingest_runs(self) -> None:
        writer = start(self.home, "ingest", "--repo", str(self.repo), "--no-sdk", "-q")
        readers = [cli(self.home, "search", "cursor based pagination", "--json") for _ in range(3)]
        assert writer.wait(timeout=120) == 0, writer.stderr.read() if writer.stderr else ""
        for result in readers:
            no_traceback(result)
            if NONE not in self.possible:
                assert result.returncode == 0, result.stderr
                assert json.loads(result.stdout)["results"]
        self._completed()

    @precondition(lambda self: NONE not in self.possible and len(self.possible) == 1)
    @rule()
    def export(self) -> None:
        bundle = self.base / f"kb-{len(self.bundles)}.csdk"
        result = cli(self.home, "index", "export", str(bundle))
        assert result.returncode == 0, result.stderr
        self.bundles.append((bundle, next(iter(self.possible))))

    @precondition(lambda self: bool(self.bundles))
    @rule(data=st.data(), kill_after=st.one_of(st.none(), st.floats(0.0, 2.0)))
    def import_a_bundle(self, data: st.DataObject, kill_after: float | None) -> None:
        bundle, version = data.draw(st.sampled_from(self.bundles))
        if kill_after is None:
            result = cli(self.home, "index", "import", str(bundle))
            assert result.returncode == 0, result.stderr
            self.possible = {version}
            self.settled = True
        else:
            self._kill(start(self.home, "index", "import", str(bundle)), kill_after)
            self.possible |= {version}
            self.settled = False

    # --- invariants --------------------------------------------------------------------------------
    @invariant()
    def the_index_holds_a_possible_version(self) -> None:
        result = cli(self.home, "index", "status", "--json")
        no_traceback(result)
        if result.returncode != 0:
            assert NONE in self.possible and result.stderr.startswith("no index"), result.stderr
            return
        count = json.loads(result.stdout)["chunk_count"]
        assert count in {self.counts[v] for v in self.possible if v != NONE}, (count, self.possible, self.counts)

    @invariant()
    def a_search_answers(self) -> None:
        result = cli(self.home, "search", "cursor based pagination", "--json")
        no_traceback(result)
        if NONE not in self.possible:
            assert result.returncode == 0 and json.loads(result.stdout)["results"], result.stderr

    @invariant()
    def no_orphaned_vector_folders_once_settled(self) -> None:
        index = self.home / "data" / "index"
        if not self.settled or not (index / "chroma.sqlite3").exists():
            return
        with sqlite3.connect(f"file:{index / 'chroma.sqlite3'}?mode=ro", uri=True) as db:
            used = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
        folders = {p.name for p in index.iterdir() if p.is_dir() and UUID.match(p.name)}
        assert folders <= used, folders - used

    # --- helpers -----------------------------------------------------------------------------------
    def _ingest_to_the_end(self, *extra: str) -> None:
        result = cli(self.home, "ingest", "--repo", str(self.repo), "--no-sdk", "-q", *extra)
        assert result.returncode == 0, result.stderr
        self._completed()

    def _completed(self) -> None:
        """A run finished: the index is the current corpus, with the count every complete run gives."""
        count = json.loads(cli(self.home, "index", "status", "--json").stdout)["chunk_count"]
        assert self.counts.setdefault(self.version, count) == count, (self.version, self.counts, count)
        self.possible = {self.version}
        self.settled = True

    def _learn(self, version: int) -> None:
        """The chunk count of a complete index of this corpus version, from an ingest elsewhere."""
        if version in self.counts:
            return
        reference = self.base / "reference"
        shutil.rmtree(reference, ignore_errors=True)
        assert cli(reference, "ingest", "--repo", str(self.repo), "--no-sdk", "-q").returncode == 0
        self.counts[version] = json.loads(cli(reference, "index", "status", "--json").stdout)["chunk_count"]

    @staticmethod
    def _kill(proc: subprocess.Popen[str], after: float) -> None:
        deadline = time.monotonic() + after
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        no_traceback((proc.returncode, proc.stderr.read() if proc.stderr else ""))


def test_the_index_survives_any_interleaving() -> None:
    IndexStates.TestCase.settings = settings(max_examples=5, stateful_step_count=8, deadline=None,
                                             suppress_health_check=list(HealthCheck))
    IndexStates.TestCase().runTest()
