"""Every bad input gets one clear line on stderr, a non-zero exit, and loses nothing indexed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ingest, run, run_proc

from core import paths

pytestmark = pytest.mark.subprocess


def err(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_search_without_an_index() -> None:
    result = run_proc("search", "checkpoint")
    assert err(result) == f"no index: no index at {paths.index_dir()} (run `assistant ingest`)"
    assert result.returncode == 1
    assert not paths.index_dir().exists()


def test_status_without_an_index() -> None:
    assert err(run_proc("index", "status")).startswith("no index: ")


@pytest.mark.parametrize(("args", "message"), [
    (["search", "   "], "bad input: the query is empty"),
    (["search", "x", "--kind", "blog"], "bad input: unknown kind 'blog'; use one of doc, example, community_connector, "
     "pattern, template, tutorial, agent_instructions, sdk_api, rule"),
])
def test_bad_search_arguments(args: list[str], message: str) -> None:
    result = run_proc(*args)
    assert err(result) == message and result.returncode == 2


def test_bad_tag() -> None:
    assert err(run_proc("search", "x", "--tag", "pagination:infinite")).startswith(
        "bad input: unknown tag 'pagination:infinite'; use one of auth:api_key")


def test_missing_and_empty_sources(tmp_path: Path) -> None:
    assert err(run_proc("ingest", "--repo", str(tmp_path / "nope"))) == (
        f"source error: {tmp_path / 'nope'}: no such file or folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert err(run_proc("ingest", "--repo", str(empty))) == f"source error: {empty}: the folder is empty"
    (tmp_path / "plain.txt").write_text("x")
    assert "not a folder, git URL or .zip/.tar.gz archive" in err(run_proc("ingest", "--repo", str(tmp_path / "plain.txt")))
    assert err(run_proc("ingest", "--docs", str(empty))) == f"source error: {empty}: no .html or .md files in it"


def test_folder_with_only_binary_files(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01")
    assert "no indexable files" in err(run_proc("ingest", "--repo", str(folder)))


def test_unreachable_url_while_offline() -> None:
    line = err(run_proc("ingest", "--repo", "http://127.0.0.1:9/fivetran/fivetran_connector_sdk.git"))
    assert line.startswith("offline: cannot reach http://127.0.0.1:9/fivetran/fivetran_connector_sdk.git")
    assert line.endswith("(offline? pass a local clone with --repo DIR)")


def test_bad_input_never_loses_the_index(repo: Path, tmp_path: Path) -> None:
    ingest(repo)
    before = json.loads(run("index", "status", "--json").output)
    run_proc("ingest", "--repo", str(tmp_path / "nope"))
    run_proc("ingest", "--repo", "http://127.0.0.1:9/x/y.git")
    after = json.loads(run("index", "status", "--json").output)
    assert after == before
    assert run("search", "cursor").exit_code == 0


def test_corrupt_index(repo: Path) -> None:
    ingest(repo)
    (paths.index_dir() / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    line = err(run_proc("search", "cursor"))
    assert line.startswith("index unreadable: ") and line.endswith("(run `assistant ingest --rebuild`)")
    result = run_proc("ingest", "--repo", str(repo), "--rebuild", "-q")
    assert result.returncode == 0, result.stderr
    assert run_proc("search", "cursor").returncode == 0


def test_different_embedding_model_is_refused(repo: Path) -> None:
    ingest(repo)
    env = {"ASSISTANT_EMBEDDER": "minilm"}
    line = err(run_proc("search", "cursor", env=env))
    assert line.startswith("incompatible index: the index was embedded with hash-bow-256")
    assert "sentence-transformers/all-MiniLM-L6-v2" in line
    assert err(run_proc("ingest", "--repo", str(repo), env=env)).startswith("incompatible index:")
    assert run_proc("search", "cursor").returncode == 0  # the original index is intact


def test_unknown_embedder_setting() -> None:
    assert err(run_proc("search", "x", env={"ASSISTANT_EMBEDDER": "bert"})) == (
        "bad input: setting embedder (ASSISTANT_EMBEDDER): Input should be 'minilm' or 'hash'")
