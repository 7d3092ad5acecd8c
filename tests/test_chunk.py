from __future__ import annotations

import json

from corpus import CURSOR

from ingest.chunk import MAX_CHARS, chunk_document
from ingest.model import Document


def doc(text: str, language: str, path: str = "x/connector.py", **kw: object) -> Document:
    return Document(source="r", path=path, kind="pattern", text=text, language=language, **kw)  # type: ignore[arg-type]


def test_python_is_cut_by_function_with_the_comments_above_it() -> None:
    chunks = chunk_document(doc(CURSOR, "python", example="pagination/cursor_based", title="Cursor Example"))
    headings = [c.heading for c in chunks]
    assert headings[0] == "module docstring"
    assert "def fetch_page" in headings and "def update" in headings and "def schema" in headings
    fetch = next(c for c in chunks if c.heading == "def fetch_page")
    assert fetch.body.startswith("# Fetch one page of events")
    lines = CURSOR.split("\n")
    assert "\n".join(lines[fetch.start_line - 1 : fetch.end_line]) == fetch.body
    tail = chunks[-1]
    assert "connector = Connector(update=update, schema=schema)" in tail.body
    assert tail.end_line == len(lines)
    # location, example and title are carried in the indexed text
    assert fetch.indexed_text().startswith(
        f"pattern | pagination/cursor_based | x/connector.py:{fetch.start_line}-{fetch.end_line}\n"
        "Cursor Example | def fetch_page\n")


def test_long_functions_are_split_with_overlap() -> None:
    body = "\n".join(f"    value_{i} = compute({i})  # step {i}" for i in range(200))
    text = f"def big():\n{body}\n    return 1\n"
    chunks = chunk_document(doc(text, "python"))
    assert len(chunks) > 2
    assert all(len(c.body) <= MAX_CHARS * 1.5 for c in chunks)
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start_line <= a.end_line  # windows overlap
    assert chunks[0].start_line == 1 and chunks[-1].end_line == len(text.rstrip("\n").split("\n"))


def test_syntax_errors_fall_back_to_line_windows() -> None:
    chunks = chunk_document(doc("def broken(:\n    pass\n", "python"))
    assert len(chunks) == 1 and chunks[0].heading == ""


def test_markdown_is_cut_by_heading_and_ignores_hashes_in_code() -> None:
    text = "# Title\n\nIntro.\n\n## Setup\n\n```bash\n# not a heading\npip install x\n```\n\n### Auth\n\nUse a token.\n"
    chunks = chunk_document(doc(text, "markdown", path="README.md"))
    assert [c.heading for c in chunks] == ["Title", "Title > Setup", "Title > Setup > Auth"]
    assert "# not a heading" in chunks[1].body
    assert chunks[2].anchor == "auth"
    assert (chunks[2].start_line, chunks[2].end_line) == (12, 15)


def test_heading_without_body_joins_the_next_section() -> None:
    text = "# Guide\n## Part\n\nBody text.\n"
    chunks = chunk_document(doc(text, "markdown", path="g.md"))
    assert len(chunks) == 1 and chunks[0].start_line == 1 and chunks[0].heading == "Guide > Part"


def test_configuration_json_is_one_chunk() -> None:
    text = json.dumps({"api_key": "<KEY>", "base_url": "<URL>"}, indent=2)
    chunks = chunk_document(doc(text, "json", path="x/configuration.json"))
    assert len(chunks) == 1 and chunks[0].body == text


def test_chunk_ids_are_stable_and_content_addressed() -> None:
    a = chunk_document(doc(CURSOR, "python"))
    b = chunk_document(doc(CURSOR, "python"))
    assert [c.chunk_id() for c in a] == [c.chunk_id() for c in b]
    changed = chunk_document(doc(CURSOR.replace("has_more", "more_pages"), "python"))
    assert {c.chunk_id() for c in a} != {c.chunk_id() for c in changed}
