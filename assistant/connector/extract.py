"""Request text -> connector spec.

A deterministic pass reads what the text states outright: URLs, `GET /path` lines, query
parameters, JSON examples, header names, "primary key x", "incremental on y". What it leaves open
goes to the model (hints.py), and every value the model gives must appear in the request text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.connector.spec import Auth, Pagination, Spec, Table

_URL = re.compile(r"https?://[\w.\-]+(?::\d+)?")
_GET = re.compile(r"\bGET\s+(?:https?://[\w.\-]+(?::\d+)?)?(?:\{?\w*\}?)?(/[\w/{}\-.]*)(\?[^\s`]*)?", re.I)


@dataclass
class Extraction:
    spec: Spec
    decided: dict[str, str] = field(default_factory=dict)  # fact -> where it came from ("text" | "model" | "default")


def json_examples(text: str) -> list[Any]:
    """JSON objects written in the request, with `...` placeholders tolerated."""
    found = []
    for match in re.finditer(r"\{", text):
        depth, end = 0, None
        for i in range(match.start(), len(text)):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        if end is None:
            continue
        raw = text[match.start() : end]
        cleaned = re.sub(r"\[\s*\.\.\.\s*\]", "[{}]", raw)
        cleaned = re.sub(r"(?<=[:\[,])\s*\.\.\.\s*", " null", cleaned)
        cleaned = re.sub(r"<[^>]*>", "null", cleaned)
        try:
            found.append(json.loads(cleaned))
        except ValueError:
            continue
    return found


def _list_path(data: Any, prefix: str = "") -> str | None:
    if isinstance(data, list):
        return prefix
    if isinstance(data, dict):
        for key, value in data.items():
            path = _list_path(value, f"{prefix}.{key}" if prefix else key)
            if path is not None:
                return path
    return None


def list_paths(data: Any, prefix: str = "") -> list[str]:
    out = [prefix] if isinstance(data, list) and prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += list_paths(value, f"{prefix}.{key}" if prefix else key)
    return out


def _paths(data: Any, prefix: str = "") -> list[str]:
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            out.append(path)
            out += _paths(value, path)
    return out


def _snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return re.sub(r"[^a-z0-9_]+", "_", name).strip("_") or "records"


def _table_name(endpoint: str) -> str:
    parts = [p for p in endpoint.split("/") if p and not p.startswith("{") and p not in ("api", "v1", "v2", "v3")]
    return _snake(parts[-1]) if parts else "records"


def _auth(text: str, low: str) -> Auth:
    if "oauth" in low or "client credentials" in low:
        return Auth(kind="oauth2")
    if "bearer" in low:
        return Auth(kind="bearer")
    if re.search(r"basic auth|username and password|user/password|http basic", low):
        return Auth(kind="basic")
    header = re.search(r"header\s+`?([A-Za-z][\w-]*)`?", text)
    if re.search(r"api[ _-]?key", low):
        if re.search(r"query (param|parameter|string)", low):
            param = re.search(r"(?:param(?:eter)?|query string)\s+`?(\w+)`?", text)
            return Auth(kind="api_key_query", param_name=param.group(1) if param else "api_key")
        return Auth(kind="api_key_header", header_name=header.group(1) if header else "X-API-Key")
    return Auth(kind="none")


def _local_source(text: str, low: str) -> Extraction | None:
    """A folder of CSV/JSONL files, or a SQLite database, when the request says so."""
    key_pattern = r"(?:primary key(?:\s+is)?|identified by|keyed by)\s+`?(\w+)`?"
    unresolved: list[str] = []
    if re.search(r"\bsqlite\b", low):
        names = re.findall(r"\btable\s+`?(\w+)`?", text, re.I)
        cursor = re.search(r"(?:cursor column|incremental(?:ly)? (?:on|by))\s+`?(\w+)`?", text, re.I)
        key = re.search(key_pattern, text, re.I)
        if not names:
            return None
        if not key:
            unresolved.append("primary key not stated; assumed `id`")
        tables = [Table(name=_snake(n), source_table=n, primary_key=[key.group(1)] if key else ["id"],
                        cursor_column=cursor.group(1) if cursor else "") for n in dict.fromkeys(names)]
        spec = Spec(name="sqlite_connector", description=text.strip().split("\n")[0][:200], source_type="database",
                    tables=tables, unresolved=unresolved)
        return Extraction(spec, {"source_type": "text"})
    if re.search(r"\b(csv|jsonl|json lines)\b", low) and re.search(r"\b(folder|directory|files)\b", low):
        fmt: Literal["csv", "jsonl"] = "jsonl" if re.search(r"jsonl|json lines", low) else "csv"
        suffix = ".jsonl" if fmt == "jsonl" else ".csv"
        named = re.search(r"(?:into|as) (?:a |the )?(?:table )?`?(\w+)`?(?: table)?", text, re.I)
        key = re.search(key_pattern, text, re.I)
        if not named:
            unresolved.append("table name not stated; assumed `records`")
        if not key:
            unresolved.append("primary key not stated; assumed `id`")
        table = Table(name=_snake(named.group(1)) if named else "records", file_suffix=suffix, format=fmt,
                      primary_key=[key.group(1)] if key else ["id"])
        spec = Spec(name="files_connector", description=text.strip().split("\n")[0][:200], source_type="file",
                    tables=[table], unresolved=unresolved)
        return Extraction(spec, {"source_type": "text"})
    return None


def from_text(text: str) -> Extraction:
    """Everything the request states outright, and explicit defaults for the rest."""
    low = text.lower()
    if not re.search(r"\bGET\s+/|https?://", text):
        local = _local_source(text, low)
        if local is not None:
            return local
    decided: dict[str, str] = {}
    unresolved: list[str] = []
    url = _URL.search(text)
    base_url = url.group(0) if url else ""
    decided["base_url"] = "text" if base_url else "default"
    auth = _auth(text, low)
    decided["auth"] = "text" if auth.kind != "none" or re.search(r"no auth|public api", low) else "default"
    if decided["auth"] == "default":
        unresolved.append("authentication was not stated; assumed none")
    pagination = _pagination(text, low, unresolved)
    decided["pagination"] = "text" if pagination.kind != "none" else "default"
    tables, segments = _endpoint_tables(text, pagination, unresolved)
    if not tables:
        tables = _named_tables(text, unresolved)
    tables = _deletes(text, tables)
    _keys_and_cursors(text, tables, segments, unresolved)
    _parents(tables)
    nested: Literal["flatten", "json"] = "json" if re.search(r"json column|keep nested|as json", low) else "flatten"
    named_api = re.search(r"(\w+)\s+API", text)
    name = _snake(named_api.group(1) if named_api else tables[0].name if tables else
                  (re.search(r"(\w+)", text) or ["", "my"])[1])
    spec = Spec(name=f"{name}_connector", description=text.strip().split("\n")[0][:200], base_url=base_url,
                auth=auth, pagination=pagination, tables=tables or [Table(name="records", endpoint="/records")],
                nested=nested, unresolved=unresolved)
    if not tables:
        spec.unresolved.append("no endpoint or table was named; a placeholder table `records` at /records")
    return Extraction(spec, decided)


def _pagination(text: str, low: str, unresolved: list[str]) -> Pagination:
    """The pagination style the text names, and for cursors where the token sits."""
    pagination = Pagination()
    if re.search(r"\bcursor|next_token|next_cursor|page_token", low):
        pagination.kind = "cursor"
    elif re.search(r"link header|rel=.?next|next[_ ]page[_ ]url|next url", low):
        pagination.kind = "link"
    elif re.search(r"\boffset\b", low):
        pagination.kind = "offset"
    elif re.search(r"\bpage\b|page=|page number", low):
        pagination.kind = "page"
    if pagination.kind != "cursor":
        return pagination
    all_paths = [p for ex in json_examples(text) for p in _paths(ex)]
    token = next((p for p in all_paths if re.search(r"next_?cursor|next_?token|cursor$|next$|page_token", p, re.I)),
                 None)
    named = re.search(r"`?((?:\w+\.)*(?:next_cursor|next_token|nextPageToken|next_page_token))`?", text)
    pagination.cursor_field = token or (named.group(1) if named else "next_cursor")
    if not token and not named:
        unresolved.append("where the next cursor sits was not stated; assumed `next_cursor`")
    pagination.has_more_field = next((p for p in all_paths if re.search(r"has_?more|more$", p, re.I)), "")
    return pagination


def _endpoint_tables(text: str, pagination: Pagination, unresolved: list[str]) -> tuple[list[Table], dict[str, str]]:
    """One table per `GET /path` line, with the query parameters that tune the pagination; each
    table's segment is the text from its GET line to the next one."""
    tables: list[Table] = []
    segments: dict[str, str] = {}
    matches = list(_GET.finditer(text))
    for number, match in enumerate(matches):
        endpoint, query = match.group(1), match.group(2) or ""
        _query_params(query, pagination)
        after = text[match.end() : matches[number + 1].start() if number + 1 < len(matches) else len(text)]
        example = next(iter(json_examples(after)), None)
        records_path = _list_path(example) if example is not None else None
        name = _table_name(endpoint)
        segments[name] = after
        if records_path is None and re.search(r"returns? (?:a |an )?(?:json )?(?:list|array)\b", after, re.I):
            records_path = ""  # the response body is the list itself
        if records_path is None:
            records_path = name if re.search(rf'"{name}"\s*:', after) else ""
            unresolved.append(f"{name}: where the records sit in the response was not shown; assumed "
                              f"{('`' + records_path + '`') if records_path else 'a top-level list'}")
        tables.append(Table(name=name, endpoint=endpoint, records_path=records_path, primary_key=["id"]))
    return tables, segments


def _query_params(query: str, pagination: Pagination) -> None:
    """`?limit=<n>&cursor=<c>`: the names of the size, page, offset and cursor parameters."""
    params = [p.split("=")[0] for p in query.lstrip("?").split("&") if p]
    if pagination.kind == "cursor":
        cursor_param = next((p for p in params if "cursor" in p or "token" in p or p in ("after", "starting_after")),
                            None)
        pagination.cursor_param = cursor_param or pagination.cursor_param
    size = next((p for p in params if p in ("limit", "per_page", "page_size", "size", "count")), None)
    if size:
        pagination.size_param = size
        stated = re.search(rf"[?&]{size}=(\d+)", query)
        if stated and 0 < int(stated.group(1)) <= 10_000:
            pagination.page_size = int(stated.group(1))
    if pagination.kind == "page":
        pagination.page_param = next((p for p in params if "page" in p and p != size), "page")
    if pagination.kind == "offset":
        pagination.offset_param = next((p for p in params if "offset" in p or p in ("skip", "start")), "offset")


def _named_tables(text: str, unresolved: list[str]) -> list[Table]:
    """No GET line: "tables users and orders" gives placeholder endpoints."""
    tables = []
    named = re.search(r"tables?\s+((?:`?\w+`?(?:,\s*|\s+and\s+)?)+)", text, re.I)
    for raw in re.split(r",\s*|\s+and\s+", named.group(1)) if named else []:
        name = _snake(raw.strip("` "))
        if name:
            tables.append(Table(name=name, endpoint=f"/{name}", records_path=name))
            unresolved.append(f"{name}: endpoint not given; assumed GET /{name} with records under `{name}`")
    return tables


def _deletes(text: str, tables: list[Table]) -> list[Table]:
    """A `GET /.../deleted` endpoint is not a table: its ids become soft deletes of the table it extends."""
    deleted = re.search(r"GET\s+(/[\w/{}\-]*deleted[\w/{}\-]*)", text)
    if not deleted or not tables:
        return tables
    target = next((t for t in tables if deleted.group(1).startswith(t.endpoint)), tables[0])
    tables = [t for t in tables if t.endpoint != deleted.group(1)]
    target.deletes_endpoint = deleted.group(1)
    after = text[deleted.end() : deleted.end() + 300]
    example = next(iter(json_examples(after)), None)
    target.deletes_path = (_list_path(example) or "") if example is not None else ""
    return tables


def _keys_and_cursors(text: str, tables: list[Table], segments: dict[str, str], unresolved: list[str]) -> None:
    key_pattern = r"(?:primary key(?:\s+is|\s+of\s+\w+)?|identified by|keyed by|unique id(?:\s+is)?)\s+`?(\w+)`?"
    for table in tables:
        key = re.search(key_pattern, segments.get(table.name, ""), re.I) or (
            re.search(key_pattern, text, re.I) if len(tables) == 1 or table.name not in segments else None)
        if key:
            table.primary_key = [key.group(1)]
        else:
            unresolved.append(f"{table.name}: primary key not stated; assumed `id`")
        incremental = re.search(r"incremental(?:ly)?\s+(?:on|by|using)\s+`?(\w+)`?", text, re.I)
        if incremental:
            table.incremental_field = incremental.group(1)
            param = re.search(r"(?:via|with|using) (?:the )?`?(\w*(?:since|after|from|min)\w*)`?", text, re.I)
            table.incremental_param = param.group(1) if param else ""
            if not param:
                unresolved.append(f"{table.name}: no query parameter for the cursor was stated; the full table is "
                                  "read each sync and the cursor only tracks progress")


def _parents(tables: list[Table]) -> None:
    """/users/{id}/orders is fetched once per users row."""
    for table in tables:
        if "{" in table.endpoint:
            stem = table.endpoint.split("/{", 1)[0]
            parents = [t for t in tables if t is not table and "{" not in t.endpoint and stem == t.endpoint]
            if parents:
                table.parent = parents[0].name
                table.incremental_field = table.incremental_param = ""
