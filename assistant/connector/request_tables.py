"""Lists of tables or endpoints a request writes as structure: a Markdown pipe table (`| Method | Path |
Params |`, `| destination table | comes from | key |`, `| Config key | What it holds |`) or a YAML, TOML or
JSON sketch (`tables: {trips: {from: trips, key: id, cursor: row_version}}`, `streams: [{name, path,
paginate, incremental, primary_key}]`). Each row or entry is turned into the plain line it amounts to,
written below the original (whose comments often name configuration keys), so the rest of the reading
sees endpoints, keys and cursors in the form it already reads. A block that does not parse is left alone.
"""

from __future__ import annotations

import json
import re
from typing import Any

import tomllib
import yaml

_FENCE = re.compile(r"```[ \t]*(ya?ml|toml|json)?[ \t]*\n(.*?)```", re.S | re.I)
_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_RULE = re.compile(r"^[ \t]*\|?[ \t:\-|]+\|?[ \t]*$")
_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)$", re.I)
_CONTAINERS = ("tables", "streams", "endpoints", "resources", "reports", "report", "entities", "objects")


def rewrite(text: str) -> str:
    """The text with the lines each Markdown table and each sketch amounts to added after it."""
    return _sketches(_markdown(text))


# --- Markdown tables -------------------------------------------------------------------------------------


def _markdown(text: str) -> str:
    lines, out, index = text.split("\n"), [], 0
    while index < len(lines):
        if index + 1 < len(lines) and _ROW.match(lines[index]) and _RULE.match(lines[index + 1]) and \
                "-" in lines[index + 1]:
            header = _cells(lines[index])
            end = index + 2
            while end < len(lines) and _ROW.match(lines[end]):
                end += 1
            rows = [_cells(line) for line in lines[index + 2:end]]
            # a row that is an endpoint is said once, as its line below (with its notes), not twice
            kept = [line for line, row in zip(lines[index + 2:end], rows, strict=True) if not _endpoint_row(row)]
            out += lines[index:index + 2] + kept + [""] + [said for row in rows for said in [_row(header, row)] if said]
            index = end
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _endpoint_row(row: list[str]) -> bool:
    return any(_METHOD.match(c.strip("` ")) for c in row) and any(c.strip("` ").startswith("/") for c in row)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _row(header: list[str], row: list[str]) -> str:
    """One row as a line: an endpoint (`GET /api/teams ...`), a configuration key with its value, or a
    table with where it comes from, its key and cursor."""
    named = {h.lower(): c for h, c in zip(header, row, strict=False)}

    def cell(*words: str) -> str:
        return next((c for h, c in named.items() if any(w in h for w in words) and c), "")

    method = next((c for c in row if _METHOD.match(c.strip("` "))), "")
    path = next((c.strip("` ") for c in row if c.strip("` ").startswith("/")), "")
    if _endpoint_row(row):
        target = next((c for h, c in named.items() if re.search(r"table|destination", h)), None)
        if target is not None and re.fullmatch(r"[-–—]+|none|n/?a|skip(ped)?|\(none\)", target.strip("` ").lower()):
            return ""  # the sheet gives this endpoint no table: it is not synced
        rest = [f"{h}: {c}" for h, c in zip(header, row, strict=False) if c and c not in (method, path, target)
                and not _METHOD.match(c.strip("` ")) and c.strip("` ") != path]
        into = f" -> table `{_name(target)}`" if target and _name(target) else ""
        return f"{method.strip('` ').upper()} {path}{into}  " + "; ".join(rest)
    key = cell("config", "setting", "key name")
    if key and re.fullmatch(r"`?[A-Za-z_][\w.\-]*`?", key) and len(header) >= 2:
        value = next((c for h, c in zip(header, row, strict=False) if c and c != key), "")
        return f"Config key `{key.strip('`')}` (that's {value})"
    table = cell("destination", "table", "name")
    table_name = _name(table)
    if not table_name:
        return ""
    source = _name(cell("from", "source"))
    keys = [k for k in re.findall(r"`?([A-Za-z_]\w*)`?", cell("key", "primary")) if k.lower() not in ("and", "none")]
    cursor = _name(cell("cursor", "incremental"))
    notes = [c for h, c in zip(header, row, strict=False) if c and c not in (table, cell("from", "source"),
                                                                          cell("key", "primary"),
                                                                          cell("cursor", "incremental"))]
    return _table_line(table_name, source, keys, cursor, "; ".join(notes))


def _name(cell: str) -> str:
    """The identifier a cell gives: a back-ticked one, else the cell itself when it is one word."""
    ticked = re.findall(r"`([A-Za-z_][\w.]*)`", cell)
    if ticked:
        return ticked[0]
    return cell.strip() if re.fullmatch(r"[A-Za-z_][\w.]*", cell.strip()) else ""


def _table_line(name: str, source: str, keys: list[str], cursor: str, notes: str = "") -> str:
    said = [f"Table `{name}`"]
    if source and source != name:
        said.append(f"`{source}` -> `{name}`")
    if keys:
        said.append("keyed by " + " + ".join(f"`{k}`" for k in keys))
    if cursor:
        said.append(f"incremental on `{cursor}`")
    return ", ".join(said) + "." + (f" {notes}" if notes else "")


# --- sketches --------------------------------------------------------------------------------------------


def _sketches(text: str) -> str:
    def add(match: re.Match[str]) -> str:
        said = _sketch(match.group(1) or "", match.group(2))
        return match.group(0) + ("\n" + "\n".join(said) + "\n" if said else "")

    return _FENCE.sub(add, text)


def _sketch(kind: str, source: str) -> list[str]:
    try:
        doc = tomllib.loads(source) if kind.lower() == "toml" or re.search(r"^\s*\[[\w.]+\]\s*$", source, re.M) \
            else yaml.safe_load(source)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        return []
    if not isinstance(doc, dict) or "openapi" in doc or "swagger" in doc:
        return []
    lines = [f"The API root is {url}" for url in _urls(doc)[:1]]
    for name, entry in _entries(doc):
        lines += _entry(name, entry)
    for skipped in _skipped(doc):
        lines.append(f"Don't sync {skipped}.")
    return lines if len(lines) > 1 or (lines and not lines[0].startswith("The API root")) else []


def _urls(doc: Any) -> list[str]:
    if isinstance(doc, dict):
        return [u for v in doc.values() for u in _urls(v)]
    if isinstance(doc, list):
        return [u for v in doc for u in _urls(v)]
    return [doc] if isinstance(doc, str) and re.match(r"https?://\S+$", doc) else []


def _entries(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The tables or streams a sketch lists: a mapping of name -> settings, or a list of settings with a name."""
    out: list[tuple[str, dict[str, Any]]] = []
    for key, value in doc.items():
        if key.lower() not in _CONTAINERS:
            continue
        if isinstance(value, dict):
            out += [(str(n), e) for n, e in value.items() if isinstance(e, dict)]
        elif isinstance(value, list):
            out += [(str(e.get("name") or e.get("table") or ""), e) for e in value if isinstance(e, dict)]
    return [(n, e) for n, e in out if re.fullmatch(r"[A-Za-z_]\w*", n)]


def _skipped(doc: dict[str, Any]) -> list[str]:
    out = []
    for key, value in doc.items():
        if key.lower() in ("skip", "exclude", "ignore", "excluded", "skipped"):
            items = value if isinstance(value, list) else [value]
            out += [str(i) for i in items if re.fullmatch(r"[A-Za-z_]\w*", str(i))]
    return out


def _pick(entry: dict[str, Any], *names: str) -> Any:
    return next((entry[k] for k in entry if k.lower() in names), None)


def _entry(name: str, entry: dict[str, Any]) -> list[str]:
    """One table or stream as the lines the request would have said it in."""
    keys = _pick(entry, "primary_key", "key", "keys", "pk", "primary_keys")
    keys = [str(k) for k in (keys if isinstance(keys, list) else [keys] if keys else [])]
    incremental = _pick(entry, "incremental", "cursor", "cursor_field", "cursor_column")
    cursor = str(_pick(incremental, "cursor_field", "field", "cursor", "column") or "") \
        if isinstance(incremental, dict) else str(incremental) if isinstance(incremental, str) else ""
    since = str(_pick(incremental, "param", "parameter", "query_param") or "") if isinstance(incremental, dict) else ""
    origin = str(_pick(entry, "from", "source", "source_table") or "")
    path = str(_pick(entry, "path", "endpoint", "url") or "")
    lines = []
    nested = re.fullmatch(r"\$?\.?(\w+)\[\*\]\.(\w+)", origin)  # `invoices[*].lines`: a child table
    if nested:
        parent, array = nested.groups()
        lines.append(f"Table `{name}`: one row per item of each {parent} record's `{array}` array" +
                     (", keyed by " + " + ".join(f"`{k}`" for k in keys) if keys else "") + ".")
        return lines
    if path.startswith("/") or re.match(r"https?://", path):
        lines.append(_endpoint(name, path, entry, keys, since))
    else:
        lines.append(_table_line(name, origin if re.fullmatch(r"[A-Za-z_][\w.]*", origin) else "", keys, ""))
    if cursor:
        lines.append(f"`{name}` is incremental on `{cursor}`" + (f", sending it back as `{since}`." if since else "."))
    span = next((v for k, v in entry.items() if isinstance(v, int) and re.search(r"days?", k, re.I)
                 and re.search(r"max|per|window|span|chunk", k, re.I)), None)
    if span:  # `max_days_per_call = 31`
        lines.append(f"At most {span} days per call.")
    return lines


def _endpoint(name: str, path: str, entry: dict[str, Any], keys: list[str], since: str) -> str:
    """`GET /invoices?offset=0&limit=200` with the records where the sketch says they are."""
    method = str(_pick(entry, "method", "http_method") or "GET").upper()
    query: dict[str, Any] = {}
    params = _pick(entry, "params", "query", "parameters")
    if isinstance(params, dict):
        query.update({str(k): v for k, v in params.items()})
    paging = _pick(entry, "paginate", "pagination", "paging")
    if isinstance(paging, dict):
        size_param = str(_pick(paging, "limit_param", "size_param", "page_size_param", "per_page_param") or "")
        size = _pick(paging, "limit", "page_size", "size", "per_page", "max")
        offset = str(_pick(paging, "offset_param") or "")
        page = str(_pick(paging, "page_param") or "")
        cursor = str(_pick(paging, "cursor_param", "token_param") or "")
        for param, value in ((offset, 0), (page, 1), (cursor, "<cursor>"), (size_param, size)):
            if param:
                query[param] = value
    if since:
        query[since] = "<since>"
    records = str(_pick(entry, "records", "records_path", "data_path", "record_selector") or "").lstrip("$.")
    line = f"{method} {path}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    line += f" -> table `{name}`"
    if re.fullmatch(r"[\w.]+", records):
        example: Any = [{k: 1 for k in keys} or {"id": 1}]
        for part in reversed(records.split(".")):
            example = {part: example}
        line += f". It answers {json.dumps(example)}"
    if keys:
        line += ". Keyed by " + " + ".join(f"`{k}`" for k in keys)
    return line + "."
