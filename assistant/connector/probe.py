"""Ask the source before writing code: with the user's configuration, request the first page of each
endpoint through the very engine the connector will carry, and settle from the real response what
the request left open: where the records sit, a primary key the records really have, and a
pagination the response shows. Bounded: one page per endpoint, few retries, short timeouts; what is
shown is masked like every other run. Files and databases are read by extract_local.py.
"""

from __future__ import annotations

import importlib.util
import re
from itertools import combinations
from typing import Any

from assistant.connector import compose
from assistant.connector.extract_rest import singular
from assistant.connector.spec import Paging, Spec, Table
from core.secrets import mask_values, secret_values

ID_LIKE = re.compile(r"^(id|uuid|key|sku|code|slug)$|(_id|Id|_no|_number|_code|_key|_uuid)$")
DATE_LIKE = re.compile(r"(date|day|time|_at|At|period|month|hour)$", re.I)


UNREACHED = "not probed, the source could not be reached"


class _Quiet:
    """The SDK's log only works inside a run: a probe's messages go nowhere."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def engine(spec: Spec) -> Any:
    """A private copy of the REST engine with the spec's constants, as connector.py will have them."""
    from importlib import resources

    path = resources.files("assistant.connector.blocks").joinpath("rest.py")
    loader = importlib.util.spec_from_file_location("csdk_probe_engine", str(path))
    assert loader and loader.loader
    module: Any = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    module.log = _Quiet()
    module.AUTH = {"kind": spec.auth.kind, **spec.auth.model_dump(include=set(compose.AUTH_FIELDS[spec.auth.kind]))}
    module.RETRY = {**spec.retry.model_dump(), "attempts": 3}
    module.BASE_URL_KEY, module.BASE_URL, module.REQUEST_TIMEOUT = spec.base_url_key, spec.base_url, 10
    module.TABLES = {t.name: compose.rest_table(t) for t in spec.tables}
    module.pause = lambda url, problem, attempt, delay: _pause(module, url, problem, attempt, delay)
    return module


def _pause(module: Any, url: str, problem: str, attempt: int, delay: Any) -> None:
    import time

    if attempt + 1 >= module.RETRY["attempts"]:
        raise RuntimeError(f"Could not reach {url}: {problem}")
    time.sleep(min(3.0, delay if delay is not None else 1.0))


def probe(spec: Spec, config: dict[str, str]) -> list[str]:
    """Check the spec against the source and settle what a response shows; returns what was checked."""
    if spec.source_type != "rest":
        return []
    secrets = sorted(secret_values(config))
    module = engine(spec)
    notes: list[str] = []
    try:
        session = module.build_session(config)
    except Exception as exc:  # any failure is reported, the spec stays as the request made it
        return [f"the source could not be checked (authentication: {mask_values(str(exc), secrets)[:200]})"]
    first_rows: dict[str, dict[str, Any]] = {}
    for table in spec.tables:
        if table.parent and table.parent.array:
            continue
        parent_row = first_rows.get(table.parent.table, {}) if table.parent else {}
        if table.parent and not parent_row:
            continue
        try:
            note = _table(module, session, spec, table, config, parent_row, first_rows)
        except Exception as exc:  # an endpoint that fails is reported; the others are still checked
            message = mask_values(str(exc), secrets)[:200]
            if "could not connect" in message:
                return [f"{UNREACHED}: {message}; the connector was written from the request alone"]
            note = f"{table.name}: the source answered with an error ({message})"
        notes.append(note)
    return notes


def _table(module: Any, session: Any, spec: Spec, table: Table, config: dict[str, str], parent_row: dict[str, Any],
           first_rows: dict[str, dict[str, Any]]) -> str:
    values = {**parent_row, **{column: parent_row.get(field) for field, column in
                               (table.parent.keys.items() if table.parent else [])}}
    url = module.base_url(config) + module.fill(table.path, values)
    data = module.TABLES[table.name]
    params, body = module.request_parts(data, values)
    params, body = module.with_size(data, params, body) if data.get("pagination") else (params, body)
    if table.window:  # the first window from the configured start
        params.update(_first_window(table, config))
    payload, response = module.call(session, table.method, url, params, body)
    settled = []
    records = module.records_at(payload, data)
    if not records and isinstance(payload, dict):
        found = _records_path(payload, table.name)
        if found is not None:
            table.records, records = found
            settled.append(f"records at `{table.records or '<top level>'}`")
    rows = [r for r in records if isinstance(r, dict)]
    if rows:
        first_rows[table.name] = rows[0]
        key = _key(table, rows, spec)
        if key != table.primary_key:
            table.primary_key = key
            settled.append(f"primary key {', '.join(key) or 'none (rows keyed by a hash)'}")
        spec.unresolved = [u for u in spec.unresolved if not u.startswith(f"{table.name}: ")]
    if table.pagination.kind == "none" and isinstance(payload, dict):
        paging = _paging(payload, response, table)
        if paging is not None:
            table.pagination = paging
            settled.append(f"{paging.kind} pagination")
    return (f"{table.name}: {len(rows)} records on the first page" + (f"; settled {', '.join(settled)}"
                                                                      if settled else "; as the request said"))


def _first_window(table: Table, config: dict[str, str]) -> dict[str, str]:
    from datetime import date, timedelta

    assert table.window is not None
    window = table.window
    try:
        start = date.fromisoformat(str(config.get(window.start_key, ""))[:10])
    except ValueError:
        start = date.today() - timedelta(days=window.days + 1)
    stop = start + timedelta(days=window.days) - timedelta(days=0 if window.to_exclusive else 1)
    return {window.from_param: start.isoformat(), window.to_param: stop.isoformat()}


def _records_path(payload: dict[str, Any], name: str, prefix: str = "") -> tuple[str, list[Any]] | None:
    """The list of objects in a response: the one named like the table, else the first."""
    lists = []
    for key, value in payload.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lists.append((path, value))
        elif isinstance(value, dict):
            inner = _records_path(value, name, path)
            if inner:
                lists.append(inner)
    named = [item for item in lists if item[0].split(".")[-1] in (name, singular(name))]
    return (named or lists)[0] if lists else None


def _key(table: Table, rows: list[dict[str, Any]], spec: Spec) -> list[str]:
    """The stated key when every row has it; else the best unique field (id-like names first), else a
    unique pair (an id-like field and a date), else none."""
    flat = [{k: v for k, v in row.items() if not isinstance(v, dict | list)} for row in rows]
    if table.primary_key and all(all(r.get(k) is not None for k in table.primary_key) for r in flat):
        return table.primary_key

    def unique(fields: tuple[str, ...]) -> bool:
        values = [tuple(r.get(f) for f in fields) for r in flat]
        return all(None not in v for v in values) and len(set(values)) == len(values)

    columns = list(flat[0])
    ranked = sorted(columns, key=lambda c: (c not in ("id", f"{singular(table.name)}_id"), not ID_LIKE.search(c)))
    singles = [[c] for c in ranked if ID_LIKE.search(c) and unique((c,))]
    pairs = [list(p) for p in combinations(ranked, 2) if ID_LIKE.search(p[0]) and DATE_LIKE.search(p[1])
             and len(flat) > 1 and unique(p)]
    # one window's rows share its date: an id unique there repeats in the next window, so the pair wins
    found = (pairs + singles) if table.window else (singles + pairs)
    return found[0] if found else []


def _paging(payload: dict[str, Any], response: Any, table: Table) -> Paging | None:
    """A pagination the response itself shows: a Link header, a next URL or token, a page count."""
    if response.links.get("next"):
        return Paging(kind="link")
    fields = {k.lower(): k for k in payload}
    for name in ("next_cursor", "next_page_token", "nextpagetoken", "next_token", "cursor"):
        if name in fields and payload[fields[name]]:
            return Paging(kind="cursor", param="cursor" if "cursor" in name else "page_token", next=fields[name],
                          has_more=next((fields[h] for h in ("has_more", "hasmore") if h in fields), ""))
    if "next" in fields and isinstance(payload[fields["next"]], str) and payload[fields["next"]].startswith(("http",
                                                                                                             "/")):
        return Paging(kind="link", next=fields["next"])
    if "total_pages" in fields or "totalpages" in fields:
        return Paging(kind="page", param="page", total_pages=fields.get("total_pages") or fields["totalpages"])
    return None
