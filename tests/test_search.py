from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ingest, run

from core.errors import UsageError


@pytest.fixture
def indexed(repo: Path, docs_dir: Path) -> None:
    ingest(repo, "--docs", str(docs_dir))


def results(*args: str) -> list[dict]:
    result = run("search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["results"]


@pytest.mark.parametrize(("query", "expected"), [
    ("cursor based pagination", "examples/common_patterns_for_connectors/pagination/cursor_based/"),
    ("page number pagination", "examples/common_patterns_for_connectors/pagination/page_number/"),
    ("HTTP basic auth username password", "examples/common_patterns_for_connectors/authentication/http_basic/"),
    ("sync orders from postgres incrementally", "connectors/postgres_orders/"),
    ("how do I reset state", "FAQ.md"),
])
def test_the_right_example_ranks_first(indexed: None, query: str, expected: str) -> None:
    assert results(query)[0]["source"].startswith(expected)


def test_json_shape(indexed: None) -> None:
    result = run("search", "checkpoint state", "-k", "3", "--json")
    data = json.loads(result.output)
    assert data["query"] == "checkpoint state" and len(data["results"]) == 3
    first = data["results"][0]
    assert set(first) == {"rank", "kind", "source", "repo", "url", "start_line", "end_line", "title", "example",
                          "tags", "score", "text"}
    assert [r["rank"] for r in data["results"]] == [1, 2, 3]


def test_docs_results_cite_url_or_page_and_anchor(indexed: None) -> None:
    hits = results("op.checkpoint resume saved state", "--kind", "doc")
    page = next(h for h in hits if h["source"] == "technical-reference.html")
    assert page["title"] == "Technical Reference > Checkpoint"


def test_kind_and_tag_filters(indexed: None) -> None:
    assert {h["kind"] for h in results("connector", "--kind", "community_connector")} == {"community_connector"}
    tagged = results("pagination", "--tag", "pagination:cursor", "-k", "10")
    assert tagged and all("pagination:cursor" in h["tags"] for h in tagged)
    sdk = results("checkpoint", "--kind", "sdk_api")
    assert sdk[0]["source"] == "fake_fivetran_sdk.Operations"
    assert "Operations.checkpoint(state: dict)" in sdk[0]["text"]


def test_agent_instructions_are_their_own_kind(indexed: None) -> None:
    hits = results("runtime memory limit", "--kind", "agent_instructions")
    assert hits[0]["source"] == "all_things_ai/ai_agents/AGENTS.md"
    everything = results("runtime memory limits 1 GB", "-k", "10")
    assert all(h["kind"] == "agent_instructions" for h in everything if h["source"].endswith("AGENTS.md"))


def test_plain_output_lists_path_lines_and_snippet(indexed: None) -> None:
    result = run("search", "cursor based pagination", "-k", "1")
    lines = result.output.splitlines()
    assert lines[0].startswith("1. examples/common_patterns_for_connectors/pagination/cursor_based/")
    assert "(pattern, pagination/cursor_based)" in lines[0]
    assert any(line.startswith("   | ") for line in lines)


def test_sdk_entries_fetch_the_named_class_or_member(indexed: None) -> None:
    from assistant.services import make_retriever
    from core import settings

    retriever = make_retriever(settings.load())
    hits = retriever.sdk_entries(["Connector.debug", "Operations", "Nope", "Connector.debug"])
    assert [h.metadata["path"] for h in hits] == ["fake_fivetran_sdk.Connector", "fake_fivetran_sdk.Operations"]
    assert "Connector.debug(" in hits[0].metadata["title"]


def test_an_indexed_file_reads_back_at_its_own_line_numbers(indexed: None, repo: Path) -> None:
    """What the MCP file resources serve: every non-blank line of the original, at its number."""
    from helpers import settings

    from assistant.services import Services

    retriever = Services(settings()).retriever()
    listed = {(f["repo"], f["path"]): f for f in retriever.files()}
    python = [key for key in listed if key[1].endswith("connector.py")]
    assert python
    for repo_name, path in python:
        original = (repo / path).read_text().split("\n")
        served = retriever.file_text(repo_name, path).split("\n")
        assert listed[(repo_name, path)]["lines"] <= len(original)
        for n, line in enumerate(original, start=1):
            assert not line.strip() or served[n - 1] == line, (path, n)
    with pytest.raises(UsageError, match="is not in the index"):
        retriever.file_text(python[0][0], "no/such.py")
