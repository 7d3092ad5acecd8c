from __future__ import annotations

from corpus import CURSOR, DOC_PAGE, MALFORMED, PAGE_NUMBER, POSTGRES

from index import tags
from ingest import html


def test_extract_keeps_content_code_and_tables_and_drops_navigation() -> None:
    page = html.extract(DOC_PAGE)
    assert page.title == "Technical Reference"
    assert "navbar" not in page.text and "Copyright" not in page.text and "Setup" not in page.text
    assert "## Checkpoint" in page.text
    assert '```python\nop.checkpoint(state={"cursor": "2024-01-01"})\n```' in page.text
    assert "| STRING | Text |" in page.text
    lines = page.text.split("\n")
    assert page.anchors[lines.index("## Checkpoint") + 1] == "checkpoint"


def test_malformed_html_still_yields_text() -> None:
    page = html.extract(MALFORMED)
    assert "Retry 429 responses" in page.text and page.title.startswith("Best practices")


def test_tags_are_derived_from_code() -> None:
    assert tags.derive(CURSOR) == {"auth": ["bearer"], "pagination": ["cursor"], "sync": ["incremental"],
                                   "source": ["rest"]}
    page = tags.derive(PAGE_NUMBER)
    assert page["auth"] == ["api_key"] and page["pagination"] == ["page"] and page["sync"] == ["full"]
    pg = tags.derive(POSTGRES)
    assert pg["source"][0] == "database" and pg["sync"] == ["incremental"]
