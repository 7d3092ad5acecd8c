"""Ask the source before writing code: with the user's configuration, request the first page of each
endpoint through the very engine the connector will carry, and settle from the real response what
the request left open: where the records sit, a primary key the records really have, and a
pagination the response shows. Bounded: one page per endpoint, few retries, short timeouts; what is
shown is masked like every other run. Files and databases are read by extract_local.py.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from assistant.connector import compose
from assistant.connector.extract_rest import singular
from assistant.connector.spec import Paging, Spec, Table
from core.secrets import mask_values, secret_values

UNREACHED = "not probed, the source could not be reached"
TOTALS = re.compile(r"total|total_?count|total_?results|total_?records|total_?items|count", re.I)


@dataclass
class Seen:
    """What a table's first page said about the whole: its row count, a total the source reported, and
    whether the source said more pages follow. A run is checked against it (mend.shortfall)."""

    first: int
    total: int | None = None
    more: bool = False
    sample: Any = None
    """The body, when no records could be found in it (`unparsed`): what a hook is written for."""
    unparsed: bool = False


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
    module.HEADERS = dict(spec.headers)
    module.COMPUTED_HEADERS = {name: header.model_dump() for name, header in spec.computed_headers.items()}
    module.BASE_URL_KEY, module.BASE_URL, module.REQUEST_TIMEOUT = spec.base_url_key, spec.base_url, 10
    module.TABLES = {t.name: compose.rest_table(t) for t in spec.tables}
    module.pause = lambda url, problem, attempt, delay: _pause(module, url, problem, attempt, delay)
    return module


def _pause(module: Any, url: str, problem: str, attempt: int, delay: Any) -> None:
    import time

    if attempt + 1 >= module.RETRY["attempts"]:
        raise RuntimeError(f"Could not reach {url}: {problem}")
    time.sleep(min(3.0, delay if delay is not None else 1.0))


def probe(spec: Spec, config: dict[str, str], seen: dict[str, Seen] | None = None) -> list[str]:
    """Check the spec against the source and settle what a response shows; returns what was checked,
    and fills `seen` with what each top-level table's first page said about the whole."""
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
        if table.parent and (table.parent.array or table.parent.included):
            continue
        if table.job is not None:  # one call would start an export left running: the sync itself checks it
            notes.append(f"{table.name}: an export job, not started by the probe")
            continue
        parent_row = first_rows.get(table.parent.table, {}) if table.parent else {}
        if table.parent and not parent_row:
            continue
        try:
            note = _table(module, session, spec, table, config, parent_row, first_rows, seen)
        except Exception as exc:  # an endpoint that fails is reported; the others are still checked
            message = mask_values(str(exc), secrets)[:200]
            if "could not connect" in message:
                return [f"{UNREACHED}: {message}; the connector was written from the request alone"]
            note = f"{table.name}: the source answered with an error ({message})"
        notes.append(note)
    return notes


def _table(module: Any, session: Any, spec: Spec, table: Table, config: dict[str, str], parent_row: dict[str, Any],
           first_rows: dict[str, dict[str, Any]], seen: dict[str, Seen] | None) -> str:
    values = {**parent_row, **{column: parent_row.get(field) for field, column in
                               (table.parent.keys.items() if table.parent else [])}}
    url = module.base_url(config) + module.fill(table.path, values)
    data = module.TABLES[table.name]
    params, body = module.request_parts(data, values)
    params, body = module.with_size(data, params, body) if data.get("pagination") else (params, body)
    if table.window:  # the first window, from the configured start or the source's first day
        try:
            start, end = module.window_bounds(session, data["window"], {})
            params.update(module.window_params(data["window"], start, min(start + timedelta(days=table.window.days),
                                                                          end + timedelta(days=1))))
        except (ValueError, RuntimeError):
            params.update(_first_window(table, config))
    payload, response = module.call(session, table.method, url, params, body)
    settled = []
    try:
        records = module.records_at(payload, data)
    except RuntimeError:  # the stated path holds no list
        records = []
    if not records and isinstance(payload, dict):
        found = _records_path(payload, table.name)
        if found is not None:
            table.records, records = found
            settled.append(f"records at `{table.records or '<top level>'}`")
    rows = [r for r in records if isinstance(r, dict)]
    if not rows and _holds_records(payload):
        if seen is not None:  # where the blocks stop: a model-written hook is tried on this very body
            seen[table.name] = Seen(first=0, sample=payload, unparsed=True)
        return f"{table.name}: the first page holds no list of records the blocks can read"
    if rows:
        first_rows[table.name] = rows[0]
        link = list(table.parent.keys.values()) if table.parent and not table.parent.array else []
        own = [k for k in table.primary_key if k not in link]  # the parent's columns are added when it syncs
        key = module.choose_key(rows, own, bool(table.window))
        key = [*link, *key] if link and key else key
        table.find_key = False
        if key != table.primary_key:
            table.primary_key = key
            settled.append(f"primary key {', '.join(key) or 'none (rows keyed by a hash)'}")
        spec.unresolved = [u for u in spec.unresolved if not u.startswith(f"{table.name}: ")]
    shown = _paging(payload, response, table)
    if table.pagination.kind == "none" and shown is not None:
        table.pagination = shown
        settled.append(f"{shown.kind} pagination")
    elif table.pagination.kind == "page" and shown is not None and shown.kind == "cursor" and rows:
        turned = dict(params, **{table.pagination.param: table.pagination.first + 1})
        if _first_of(module, session, table, url, turned, body, data) == _key(rows[0]):  # page 2 is page 1 again
            table.pagination = shown
            settled.append("cursor pagination (a second page number gave the first page again)")
    if table.pagination.kind == "cursor" and table.pagination.where == "query" and rows and table.pagination.next:
        param = _param_sent_back(module, session, table, url, params, body, data, payload, rows[0])
        if param and param != table.pagination.param:
            table.pagination.param = param
            settled.append(f"the next token goes back as `{param}`")
    if seen is not None and not table.parent and not table.window:
        seen[table.name] = _whole(payload, response, len(rows))
    elif seen is not None:
        seen[table.name] = Seen(first=len(rows))
    return (f"{table.name}: {len(rows)} records on the first page" + (f"; settled {', '.join(settled)}"
                                                                      if settled else "; as the request said"))


def _key(row: Any) -> str:
    import json

    return json.dumps(row, sort_keys=True, default=str)


def _first_of(module: Any, session: Any, table: Table, url: str, params: dict[str, Any], body: Any,
              data: dict[str, Any]) -> str | None:
    """The first record of one more page, asked for with these parameters (None when it fails or is empty)."""
    try:
        records = module.records_at(module.call(session, table.method, url, params, body)[0], data)
    except Exception:  # a refused name is simply not the one
        return None
    return _key(records[0]) if records else None


def _param_sent_back(module: Any, session: Any, table: Table, url: str, params: dict[str, Any], body: Any,
                     data: dict[str, Any], payload: Any, first: Any) -> str:
    """The query parameter the source takes the next token in, found by asking it: the stated or guessed
    name first, then names APIs use (`next_page_token` -> `page_token`, the field's own name, `cursor`);
    the first that gives another page. "" when none does or there is no token (a bounded few requests)."""
    token = module.value_at(payload, table.pagination.next) if isinstance(payload, dict) else None
    if not isinstance(token, (str, int)) or token in ("", None):
        return ""
    field = table.pagination.next.rsplit(".", 1)[-1]
    stem = re.sub(r"^next_?", "", field, flags=re.I)
    names = [table.pagination.param, stem, field, "page_token", "cursor", "pageToken", "after", "token"]
    for name in list(dict.fromkeys(n for n in names if n))[:6]:
        other = _first_of(module, session, table, url, dict(params, **{name: token}), body, data)
        if other is not None and other != _key(first):
            return name
    return ""


def _holds_records(payload: Any) -> bool:
    """Whether a body the blocks found nothing in still holds records in another shape: objects keyed
    by id (`{"u1": {...}, "u2": {...}}`) or rows as lists (`[["a", 1], ["b", 2]]`), at any depth."""
    if isinstance(payload, dict):
        if sum(isinstance(v, dict) for v in payload.values()) >= 2:
            return True
        return any(_holds_records(v) for v in payload.values())
    if isinstance(payload, list):
        return bool(payload) and (all(isinstance(v, list) for v in payload) or any(_holds_records(v) for v in payload))
    return False


def _whole(payload: Any, response: Any, count: int) -> Seen:
    """A total the first page reports (top level or one level down), and signs that more pages follow."""
    if not isinstance(payload, dict):
        return Seen(first=count, more=bool(response.links.get("next")))
    places = [payload, *(v for v in payload.values() if isinstance(v, dict))]

    def values(pattern: str) -> list[Any]:
        return [v for place in places for k, v in place.items() if re.fullmatch(pattern, k, re.I)]

    totals = [v for v in values(TOTALS.pattern) if isinstance(v, int) and not isinstance(v, bool)]
    flags = values(r"has_?more|hasNextPage|has_next")
    pages = [v for v in values(r"total_?pages|page_?count|last_?page") if isinstance(v, int)]
    nexts = values(r"next(_?(cursor|page_?token|token|url|page))?|nextPageToken|endCursor")
    more = bool(response.links.get("next") or any(v is True for v in flags) or any(p > 1 for p in pages)
                or (not flags and any(nexts)))
    total = next((t for t in totals if t >= count and (t > count or len(totals) == 1)), None)
    return Seen(first=count, total=total, more=more)


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


def _paging(payload: dict[str, Any], response: Any, table: Table) -> Paging | None:
    """A pagination the response itself shows: a Link header, a next URL or token, a page count."""
    if response.links.get("next"):
        return Paging(kind="link")
    if not isinstance(payload, dict):
        return None
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
