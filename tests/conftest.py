from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import corpus  # noqa: E402

# The runtime venv that `fivetran debug` runs in is made by the setup command; tests use it read-only.
RUNTIME_VENV = os.environ.get("ASSISTANT_RUNTIME_VENV") or str(
    Path(platformdirs.user_data_dir("csdk-assistant")) / "runtime-venv")


# Tests with these marks are also `slow`: `pytest -m "not slow"` is the quick loop while developing,
# and `make test` (what CI runs) runs them all.
SLOW = {"real_model", "real_embedder", "chroma_server", "fivetran_debug", "subprocess"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    no_runtime = not (Path(RUNTIME_VENV) / "bin" / "fivetran").exists()
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        if SLOW & marks:
            item.add_marker(pytest.mark.slow)
        if "fivetran_debug" in marks and no_runtime:
            item.add_marker(pytest.mark.skip(reason="no runtime venv: run `assistant runtime setup`"))


@pytest.fixture(autouse=True)
def assistant_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real home: data, cache and config live under tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "hash")
    monkeypatch.setenv("ASSISTANT_SDK_MODULE", "fake_fivetran_sdk")
    monkeypatch.setenv("ASSISTANT_MAX_FILE_BYTES", "2000000")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ASSISTANT_RUNTIME_VENV", RUNTIME_VENV)
    fake = corpus.write_fake_sdk(tmp_path / "sdk")
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.setenv("PYTHONPATH", str(fake))
    return home


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return corpus.write_repo(tmp_path / "fivetran_connector_sdk")


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    return corpus.write_docs(tmp_path / "saved_docs")


# The rule cards the UI and chat tests were written against. The card set grows with the docs it
# digests; a test of how the chat shows an answer must not change its route because a new card now
# matches "cursor based pagination". Tests of the cards themselves read them all (ingest.cards).
TEST_CARDS = {"configuration.md", "connector.md", "deletes.md", "errors.md", "logging.md", "operations.md",
              "project.md", "requirements.md", "schema.md", "sdk3.md", "state.md", "testing.md"}


@pytest.fixture(autouse=True)
def stable_cards(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not for `subprocess` tests: an ingest in a child process reads every card, and one in the
    test must read the same set to reuse what the child embedded."""
    if request.node.get_closest_marker("subprocess"):
        return
    from ingest import cards

    everything = cards.read_cards
    monkeypatch.setattr(cards, "read_cards", lambda version="": [
        c for c in everything(version) if c.path.removeprefix("cards/") in TEST_CARDS])
