"""Every name a request gives is accounted for: used by the spec, found in an example response, part of
the protocol, or listed as unresolved with a reason; the report prints where each one went."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.connector import coverage, extract, probe
from cli.main import cli

DOC = """Widgets API (excerpt)
Auth: send `Authorization: Token <api_key>` on every call. Config keys: base_url, api_key, region.

GET {base_url}/v3/widgets?page=<n>&per_page=<m>
  `per_page` may be at most 25. Keep requesting until page `total_pages`.
  {"widgets": [ {widget}, ... ], "total_pages": 4}
  where each widget looks like {"widget_id": "w-1", "colour": "red", "frobnicate": true}
The `legacy_flag` field is obsolete.
"""

CURL = """curl -H "X-Api-Key: $KEY" "https://api.example.com/v1/tickets?cursor=abc&limit=50"
returns {"tickets": [{"ticket_id": 1}], "next_cursor": "xyz"}; keep going while next_cursor is set.
Configuration: base_url and key."""


def where(text: str) -> dict[str, coverage.Named]:
    spec = extract.from_text(text).spec
    return {n.name: n for n in coverage.account(text, spec)} | {"_spec": spec}  # type: ignore[dict-item]


def test_a_pasted_doc_excerpt_is_accounted_for_name_by_name() -> None:
    found = where(DOC)
    spec = found.pop("_spec")
    assert found["api_key"].place == "spec" and found["api_key"].where == "auth.template"
    assert found["per_page"].where == "tables.widgets.pagination.size_param"
    assert found["total_pages"].where == "tables.widgets.pagination.total_pages"
    assert found["page"].where == "tables.widgets.pagination.param"
    assert found["region"].where.startswith("extra_config")  # a key the request names is required, not dropped
    assert found["legacy_flag"].place == "unresolved" and any("`legacy_flag`" in u for u in spec.unresolved)
    assert {n.place for n in found.values()} <= {"spec", "record field", "protocol", "unresolved"}
    assert spec.tables[0].pagination.size == 25 and spec.auth.template == "Token {api_key}"


def test_a_curl_example_is_accounted_for() -> None:
    found = where(CURL)
    found.pop("_spec")
    assert found["cursor"].where == "tables.tickets.pagination.param"
    assert found["limit"].where == "tables.tickets.pagination.size_param"
    assert found["key"].where == "auth.template"
    assert all(n.place != "unresolved" for n in found.values()), [n.render() for n in found.values()]


def test_the_report_prints_the_coverage_and_says_the_source_was_not_asked(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", DOC, "--out", str(tmp_path / "w"), "--no-model"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "- Names the request gives (" in out
    assert "  - `per_page` (parameter) -> tables.widgets.pagination.size_param" in out
    assert "  - `legacy_flag` (identifier) -> unresolved: `legacy_flag` is named in the request" in out
    assert "- Checked against the source: no (pass --config FILE" in out
    data = json.loads(CliRunner().invoke(cli, ["generate", DOC, "--out", str(tmp_path / "w"), "--no-model",
                                               "--force", "--json"]).stdout)
    assert {"name": "region", "kind": "configuration key", "place": "spec", "where": "extra_config.0"} in \
        data["coverage"]


def test_a_probe_that_cannot_reach_the_source_says_so_once() -> None:
    spec = extract.from_text(CURL).spec
    notes = probe.probe(spec, {"base_url": "http://127.0.0.1:9", "key": "k-secret-123456"})
    assert len(notes) == 1 and notes[0].startswith(probe.UNREACHED) and "k-secret" not in notes[0]
    assert notes[0].endswith("the connector was written from the request alone")


@pytest.mark.fivetran_debug
def test_generate_with_an_unreachable_source_carries_on_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"base_url": "http://127.0.0.1:9", "key": "k-secret-123456"}))
    result = CliRunner().invoke(cli, ["generate", CURL, "--out", str(tmp_path / "t"), "--no-model",
                                      "--config", str(config)])
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("note: not probed, the source could not be "
                                                                        "reached")
    assert (tmp_path / "t" / "connector.py").exists() and "Traceback" not in result.output
    assert result.exit_code == 1 and "FAIL" in result.stdout  # the run against it fails, and says why
