from __future__ import annotations

import json
from pathlib import Path

from helpers import ingest, run

from index.store import connect


def status() -> dict:
    result = run("index", "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_first_ingest_indexes_every_kind_and_counts_skips(repo: Path, docs_dir: Path) -> None:
    result = ingest(repo, "--docs", str(docs_dir))
    assert "skipped 4 (binary 1, encoding 1, huge 1, unsupported 1)" in result.output
    meta = status()
    assert set(meta["counts"]) == {"doc", "example", "pattern", "community_connector", "template", "tutorial",
                                   "agent_instructions", "sdk_api", "rule"}
    assert meta["sdk_version"] == "9.9.9"
    ids = {s["id"]: s for s in meta["sources"]}
    assert ids["fivetran/fivetran_connector_sdk"]["commit"]
    assert "docs:saved_docs" in ids and ids["sdk"]["commit"] == "9.9.9"
    assert meta["embedder"]["name"] == "hash-bow-256"
    # the .github workflow is not indexed, the copilot instructions are
    _, collection = connect().current()
    paths = {m["path"] for m in collection.get(include=["metadatas"])["metadatas"]}
    assert ".github/copilot-instructions.md" in paths and ".github/workflows/ci.yml" not in paths


def test_every_chunk_carries_location_title_and_tags(repo: Path) -> None:
    ingest(repo)
    _, collection = connect().current()
    got = collection.get(include=["metadatas", "documents"])
    for meta, document in zip(got["metadatas"], got["documents"], strict=True):
        assert meta["kind"] and meta["path"] and meta["start_line"] >= 1 and meta["end_line"] >= meta["start_line"]
        assert document.startswith(meta["kind"])
    cursor = [m for m in got["metadatas"] if m["example"] == "pagination/cursor_based"]
    assert cursor and all(m["tag_pagination_cursor"] and m["tag_auth_bearer"] for m in cursor)
    assert all(m["doc_title"] == "Cursor-Based Pagination Example" for m in cursor)
    update = next(m for m in cursor if m["title"] == "def update")
    assert update["url"].startswith("https://github.com/fivetran/fivetran_connector_sdk/blob/")


def test_rerun_with_nothing_changed_embeds_nothing(repo: Path) -> None:
    ingest(repo)
    before = status()
    result = ingest(repo)
    assert "new 0, changed 0, removed 0" in result.output and "embedded 0" in result.output
    assert result.output.rstrip().endswith("index unchanged")
    assert status()["generation"] == before["generation"]


def test_rerun_embeds_only_changed_chunks_and_removes_deleted_files(repo: Path) -> None:
    ingest(repo)
    before = status()["chunk_count"]
    target = repo / "examples/common_patterns_for_connectors/pagination/cursor_based/connector.py"
    target.write_text(target.read_text().replace("has_more", "more_pages_left"))
    (repo / "FAQ.md").unlink()
    result = ingest(repo)
    # has_more sits in the module docstring and in update(); FAQ.md was one chunk
    assert "(new 0, changed 2, removed 1, unchanged " in result.output, result.output
    assert "embedded 2," in result.output
    assert status()["chunk_count"] == before - 1
    hits = json.loads(run("search", "more_pages_left", "--json").output)["results"]
    assert hits[0]["source"].endswith("cursor_based/connector.py")


def test_other_sources_are_kept_unless_replace(repo: Path, docs_dir: Path) -> None:
    ingest(repo)
    result = run("ingest", "--docs", str(docs_dir), "--no-sdk", "-q")
    assert result.exit_code == 0, result.output
    ids = {s["id"] for s in status()["sources"]}
    assert {"fivetran/fivetran_connector_sdk", "docs:saved_docs", "sdk"} <= ids
    result = run("ingest", "--docs", str(docs_dir), "--no-sdk", "--replace", "-q")
    assert result.exit_code == 0
    assert {s["id"] for s in status()["sources"]} == {"docs:saved_docs", "rules"}  # the rule cards always come
    assert set(status()["counts"]) == {"doc", "rule"}


def test_archive_source(repo: Path, tmp_path: Path) -> None:
    import shutil

    archive = shutil.make_archive(str(tmp_path / "fivetran_connector_sdk-main"), "gztar", root_dir=repo.parent,
                                  base_dir=repo.name)
    result = run("ingest", "--repo", archive, "-q", "--no-sdk")
    assert result.exit_code == 0, result.output
    source = status()["sources"][0]
    assert source["id"] == "fivetran_connector_sdk" and source["commit"].startswith("sha256:")


def test_both_2026_repositories_are_read_by_their_tree(tmp_path: Path) -> None:
    """connector_sdk (renamed sections, examples/ai) and community_connectors (one folder per connector)
    ingested together: every kind is found from the layout, and paths are the repositories' own."""
    from corpus import COMMUNITY, FILES_2026, write_files

    sdk_repo = write_files(tmp_path / "connector_sdk", FILES_2026, "https://github.com/fivetran/connector_sdk.git")
    community = write_files(tmp_path / "cc", COMMUNITY, "https://github.com/fivetran/community_connectors.git")
    ingest(sdk_repo, "--repo", str(community))
    meta = status()
    assert {"pattern", "example", "community_connector", "template", "tutorial", "agent_instructions",
            "doc", "sdk_api"} <= set(meta["counts"])
    sources = {s["id"]: s for s in meta["sources"]}
    assert sources["fivetran/connector_sdk"]["commit"] and sources["fivetran/community_connectors"]["commit"]
    _, collection = connect().current()
    where = {(m["source"], m["path"]): (m["kind"], m["example"])
             for m in collection.get(include=["metadatas"])["metadatas"]}
    assert where["fivetran/connector_sdk", "examples/common_patterns/pagination/keyset/connector.py"] == (
        "pattern", "pagination/keyset")
    assert where["fivetran/community_connectors", "apache_hive/using_pyhive/connector.py"] == (
        "community_connector", "apache_hive/using_pyhive")
    assert where["fivetran/community_connectors", "_template_connector/connector.py"][0] == "template"
    assert where["fivetran/connector_sdk", "examples/ai/claude/CLAUDE.md"][0] == "agent_instructions"

    found = run("search", "keyset pagination", "--kind", "pattern", "--json")
    assert json.loads(found.output)["results"][0]["source"].startswith("examples/common_patterns/pagination/keyset/")
    hive = run("search", "Apache Hive", "--kind", "community_connector", "--json")
    assert json.loads(hive.output)["results"][0]["source"].startswith("apache_hive/")
    shown = run("index", "status")
    assert "fivetran/connector_sdk" in shown.output and "fivetran/community_connectors" in shown.output
