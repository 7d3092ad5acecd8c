"""Spec repairs and the checks beyond the exit code: a spec that fails its own checks is mended, and a
clean run is compared with what the probe saw of the source."""

from __future__ import annotations

import json
from pathlib import Path

from apiserver import N_ITEMS, TOKEN, Api

from assistant.connector import mend, probe
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult, TableInfo


def spec(**table: object) -> Spec:
    return Spec.model_validate({"auth": {"kind": "bearer", "token_key": "api_token"},
                                "tables": [{"name": "items", "path": "/bearer/offset/items", **table}]})


def passed(rows: int) -> RunResult:
    return RunResult("PASS", "", "fivetran debug succeeded", 0, tables=[TableInfo("items", rows, ["sku"], [])])


def test_a_spec_that_fails_its_checks_is_mended_not_refused() -> None:
    broken = Spec.model_validate({"tables": [
        {"name": "orders", "path": "/orders"}, {"name": "orders", "path": "/orders/archive"},
        {"name": "lines", "path": "/lines", "parent": {"table": "order"}}, {"name": "ghost"}]})
    notes = mend.mend(broken)
    assert [t.name for t in broken.tables] == ["orders", "orders_2", "lines"]
    assert broken.tables[2].parent is None and broken.check() is broken
    assert notes == ["two tables were named orders; the second is now orders_2",
                     "lines: its parent order is not a table; it is read on its own",
                     "ghost: no endpoint was given for it; left out"]


def test_the_probe_sees_totals_and_more_pages() -> None:
    offset = spec(records="results", primary_key=["sku"],
                  pagination={"kind": "offset", "param": "offset", "size_param": "limit", "size": 10})
    link = Spec.model_validate({"auth": {"kind": "bearer", "token_key": "api_token"}, "tables": [
        {"name": "items", "path": "/bearer/link/items", "primary_key": ["sku"],
         "pagination": {"kind": "link", "size_param": "limit", "size": 10}}]})
    with Api() as api:
        config = {"base_url": api.url, "api_token": TOKEN}
        seen: dict[str, probe.Seen] = {}
        probe.probe(offset, config, seen)
        assert (seen["items"].first, seen["items"].total) == (10, N_ITEMS)
        probe.probe(link, config, seen)
        assert seen["items"].more and seen["items"].total is None


def test_a_clean_exit_that_fell_short_is_a_failure(tmp_path: Path) -> None:
    table = spec(primary_key=["sku"], incremental={"field": "changed", "param": "since"})
    assert mend.shortfall(table, passed(20), {"items": probe.Seen(first=10, total=57)}, tmp_path) == \
        "items: 20 rows, but the source reported a total of 57"
    assert mend.shortfall(table, passed(10), {"items": probe.Seen(first=10, more=True)}, tmp_path).startswith(
        "items: the sync stopped after the first page (10 rows), though the source said more pages follow")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "state.json").write_text(json.dumps({"items": {"cursor": None}}))
    never = mend.shortfall(table, passed(57), {"items": probe.Seen(first=10, total=57)}, tmp_path)
    assert never == "items: the incremental cursor never advanced: no record had `changed`"
    failed = RunResult("FAIL", "CODE", never)
    assert mend.after_run(table, failed, {}) == "items: the records have no `changed`; the table is now read in full " \
                                                "each sync"
    assert table.tables[0].incremental is None
    assert mend.shortfall(table, passed(57), {"items": probe.Seen(first=10, total=57)}, tmp_path) == ""


def test_a_pagination_that_repeats_itself_is_asked_of_the_source() -> None:
    wrong = Spec.model_validate({"auth": {"kind": "bearer", "token_key": "api_token"}, "tables": [
        {"name": "users", "path": "/bearer/api/users", "records": "users",
         "pagination": {"kind": "page", "param": "pg"}}]})
    with Api() as api:
        stuck = RunResult("FAIL", "CODE", f"exception at connector.py:9: RuntimeError: Pagination is not advancing "
                                          f"at {api.url}/bearer/api/users: the same page of records came back twice")
        change = mend.after_run(wrong, stuck, {"base_url": api.url, "api_token": TOKEN})
    assert change == "users: page pagination repeated itself; the response shows cursor"
    assert (wrong.tables[0].pagination.param, wrong.tables[0].pagination.next) == ("cursor", "next_cursor")



def test_the_probe_asks_the_source_which_name_takes_the_next_token() -> None:
    from mockapi import Call, MockApi, Reply, reply

    def stats(call: Call) -> Reply:
        start = int(call.query.get("next_page_token") or 0)  # the API takes the field's own name only
        rows = [{"day": "2024-01-01", "path": f"/p{start + i}", "views": 1} for i in range(2)]
        return reply({"rows": rows, "next_page_token": str(start + 2) if start < 4 else None})

    words = Spec.model_validate({"auth": {"kind": "none"}, "tables": [
        {"name": "stats", "path": "/stats", "records": "rows", "find_key": True,
         "pagination": {"kind": "page", "param": "page"}}]})  # "daily page stats" once read as page numbers
    with MockApi({"/stats": stats}) as api:
        notes = probe.probe(words, {"base_url": api.url})
    paging = words.tables[0].pagination
    assert (paging.kind, paging.param, paging.next) == ("cursor", "next_page_token", "next_page_token")
    assert "the next token goes back as `next_page_token`" in notes[0]
