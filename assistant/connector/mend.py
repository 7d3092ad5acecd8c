"""Repairs to the spec, before any to the code: an invalid spec is mended rather than refused, and a
failed run whose cause the spec can express (a primary key the records lack, records that sit
elsewhere, a page size the API refuses) changes the spec, and the project is composed again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.connector import probe
from assistant.connector.spec import Paging, Spec
from assistant.connector.validate import RunResult


def mend(spec: Spec) -> list[str]:
    """Make a spec that fails its own checks usable; returns what was changed."""
    notes = []
    seen: dict[str, int] = {}
    for table in spec.tables:
        if table.name in seen:
            seen[table.name] += 1
            new = f"{table.name}_{seen[table.name]}"
            notes.append(f"two tables were named {table.name}; the second is now {new}")
            table.name = new
        else:
            seen[table.name] = 1
    names = {t.name for t in spec.tables}
    for table in spec.tables:
        if table.parent and table.parent.table not in names and spec.catalog != "match":  # match: found when it runs
            notes.append(f"{table.name}: its parent {table.parent.table} is not a table; it is read on its own")
            table.parent = None
    if spec.source_type == "rest":
        empty = [t for t in spec.tables if not t.has_request()]
        if empty and len(empty) < len(spec.tables):
            spec.tables = [t for t in spec.tables if t not in empty]
            notes += [f"{t.name}: no endpoint was given for it; left out" for t in empty]
    return notes


def after_run(spec: Spec, result: RunResult, config: dict[str, str]) -> str:
    """A change to the spec that fixes the failed run, or "" when the cause is not the spec's."""
    reason = result.reason + "\n" + "\n".join(result.log_tail)
    missing_key = re.search(r"Null primary key found while syncing table \w+\.(\w+)\. Primary Key (\w+)", reason)
    if missing_key:
        return _key(spec, missing_key.group(1), config)
    if re.search(r"Expected a list of records at", reason):
        for table in spec.tables:
            if table.records:
                table.records = ""
        return "records are found in each response (the stated path held no list)"
    stuck = re.search(r"Pagination is not advancing at (\S+):", reason)
    if stuck:
        return _repage(spec, stuck.group(1), config)
    never = re.search(r"(\w+): the incremental cursor never advanced", reason)
    if never:
        table = next(t for t in spec.tables if t.name == never.group(1))
        field = table.incremental.field if table.incremental else ""
        table.incremental = None
        return f"{table.name}: the records have no `{field}`; the table is now read in full each sync"
    refused = re.search(r"refused the request \(HTTP 400\)", reason)
    sized = [t for t in spec.tables if t.pagination.size_param]
    if refused and sized:
        for table in sized:
            table.pagination.size_param, table.pagination.size = "", 0
        return "the page size parameter is no longer sent (the API refused it)"
    return ""


def _key(spec: Spec, name: str, config: dict[str, str]) -> str:
    table = next((t for t in spec.tables if t.name == name), None)
    if table is None:
        return ""
    before = list(table.primary_key)
    table.primary_key = []
    if config:
        probe.probe(spec, config)  # the records' own key, if they have one
    if table.primary_key == before:
        table.primary_key = []
    key = ", ".join(table.primary_key) or "none (rows keyed by a hash of their values)"
    return f"{name}: the records have no {', '.join(before)}; primary key now {key}"


def shortfall(spec: Spec, result: RunResult, seen: dict[str, probe.Seen], project: Path) -> str:
    """What a run that exited cleanly still got wrong, checked against what the probe saw: fewer rows
    than the source's own total, a sync that stopped on the first page although more followed, or an
    incremental cursor that never advanced. "" when nothing is wrong."""
    rows = {t.name: t.rows for t in result.tables}
    for table in spec.tables:
        got, saw = rows.get(table.name, 0), seen.get(table.name)
        if saw is None:
            continue
        if saw.total is not None and got < saw.total:
            return f"{table.name}: {got} rows, but the source reported a total of {saw.total}"
        if saw.more and got <= saw.first:
            return (f"{table.name}: the sync stopped after the first page ({got} rows), though the source said more "
                    "pages follow")
    try:
        state = json.loads((project / "files" / "state.json").read_text("utf-8"))
    except (OSError, ValueError):
        state = {}
    for table in spec.tables:
        cursor = (state.get(table.name) or {}).get("cursor") if isinstance(state, dict) else None
        if table.incremental and table.incremental.field and rows.get(table.name) and cursor is None:
            return (f"{table.name}: the incremental cursor never advanced: no record had "
                    f"`{table.incremental.field}`")
    return ""


def _repage(spec: Spec, url: str, config: dict[str, str]) -> str:
    """A pagination that repeats itself: ask the source's first page how it pages instead."""
    table = next((t for t in spec.tables if t.path and url.split("?")[0].endswith(t.path)), None)
    if table is None or not config:
        return ""
    before = table.pagination
    table.pagination = Paging()
    probe.probe(spec, config)  # fills in a pagination the response shows
    if table.pagination.kind == "none" or table.pagination == before:
        table.pagination = before
        return ""
    return f"{table.name}: {before.kind} pagination repeated itself; the response shows {table.pagination.kind}"
