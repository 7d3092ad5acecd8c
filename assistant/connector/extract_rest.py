"""A REST spec from a request read by structure (request.py): which endpoint is a table, a token
endpoint, a deletes endpoint or the end of a time window; where records sit; how each endpoint pages;
authentication; keys; incremental parameters; child tables.

Words are only consulted for what has no structure of its own (whether a request asks for
incremental syncs, or names a table): everything else comes from endpoints, parameters, headers and
examples. What stays open is listed in `unresolved`, for the probe (probe.py) or the user to settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.connector import graphql as gql
from assistant.connector import request as rq
from assistant.connector.spec import Auth, Incremental, Paging, Parent, Table

SIZE_PARAMS = ("limit", "per_page", "page_size", "pagesize", "size", "count", "max_results", "maxresults",
               "first", "take", "top", "results_per_page", "rows")
CURSOR_PARAMS = ("cursor", "page_token", "pagetoken", "next_token", "continuation", "starting_after", "token",
                 "after", "scroll_id", "next", "page_cursor")
CURSOR_FIELDS = re.compile(r"(^|\.)(next_?cursor|next_?page_?token|next_?token|nextPageToken|cursor|next|"
                           r"continuation(_token)?|scroll_id|endCursor|next\.(?:after|cursor|token|page_?token))$",
                           re.I)
KEYSET = re.compile(r"(after|since|from|min|last|start_after|greater_than|gt)_?(\w*id)", re.I)  # after_id=<last id>
SINCE = re.compile(r"(since|after|modified|updated|changed|from|start)", re.I)
KEY_PHRASE = re.compile(r"(?:keyed\s+(?:by|on)|primary\s+key\b(?:\s+(?:of|for)\s+\w+)?(?:\s+is|\s*[:=])?|"
                        r"unique\s+(?:id|key)(?:\s+is)?|"
                        r"identified\s+by|key(?:ed)?\s+on|unique\s+(?:by|on)|(?<![?&])\bkey(?:\s+=|\s*=\s)|"
                        r"\b(?:a|each|one)\s+row\s+is(?=\s+`?\w+`?\s*\+))"  # `a row is store + day + ticket`
                        r"\s*(?:(?:the|its|their|each|every)\s+)?"
                        r"(?:(?:combination|pair|tuple|set|composite)\s+of\s+(?:the\s+)?)?"  # "the pair of a and b"
                        r"[`\"']?([A-Za-z_]\w*(?:\.\w+)*)"
                        r"(?:[`\"']?\s+[`\"']?(id)\b)?", re.I)  # `key = the entry id`, "the item `id`": its `id`
KEY_AFTER = re.compile(r"[`\"']?(?!(?:which|that|it|this|what|who|there)\b)([A-Za-z_]\w*)[`\"']?"
                       r"(?:,?\s+(?:which|that))?\s+is\s+(?:the\s+)?"
                       r"(?:unique\b(?:\s+(?:id|key))?|id|key|primary key)\b",
                       re.I)


@dataclass
class Found:
    """What the request settled, and how: fact -> "text" or "default"; the unresolved notes."""

    decided: dict[str, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def singular(name: str) -> str:
    for plural, one in (("ies", "y"), ("sses", "ss"), ("ouses", "ouse"), ("ses", "s"), ("s", "")):
        if name.endswith(plural) and len(name) > len(plural) + 2:
            return name[: -len(plural)] + one
    return name


def array_child(name: str, parent: Table, array: str, find_key: bool = False) -> Table:
    """A child table whose rows are the items of an array field of each parent record, each with the
    parent's key as a column (`order_id`); `find_key`: its own key is found in the data."""
    key = (parent.primary_key or ["id"])[0]
    return Table(name=name, primary_key=["id"], find_key=find_key, parent=Parent(
        table=parent.name, keys={key: f"{singular(parent.name)}_{key}"}, array=array))


def table_name(path: str) -> str:
    # `{id}` placeholders, versions and action segments (`_search`, `$batch`) do not name what is listed
    parts = [p for p in path.split("/") if p and not p.startswith(("{", "_", "$")) and not re.match(r"^v\d+$|^api$", p)]
    if len(parts) > 1 and parts[-1].lower() in ACTIONS:  # `/reservations/search`: what is searched names it
        parts = parts[:-1]
    return rq.snake(parts[-1]) if parts else "records"


# REST action segments after a collection's path: they say what is done to it, not what it holds
ACTIONS = {"search", "query", "list", "find", "filter", "lookup", "scan", "export", "all", "bulk", "batch"}


# --- which endpoint is what -------------------------------------------------------------------------------


def roles(reading: rq.Reading) -> dict[str, list[rq.Endpoint]]:
    """Endpoints by role: token, deletes, window end, children (a parent's path plus {id}), tables, and
    service paths beside tables (a key check, health, the caller's profile)."""
    seen: dict[tuple[str, str], rq.Endpoint] = {}
    for endpoint in reading.endpoints:
        key = (endpoint.method, endpoint.path)
        if key in seen:
            seen[key].query = {**endpoint.query, **seen[key].query}
        else:
            seen[key] = endpoint
    out: dict[str, list[rq.Endpoint]] = {"token": [], "deletes": [], "end": [], "child": [], "table": [],
                                         "service": []}
    paths = {e.path for e in seen.values()}
    for endpoint in seen.values():  # `/shows/312/episodes` beside `/shows`: an example id of a parent record
        literal = re.match(r"^(.+?)/([0-9]+|[0-9a-f]{8}-[0-9a-f\-]{27}|[A-Za-z]+[_-]?[0-9]+)(/[^{}]+)$", endpoint.path)
        if literal and literal.group(1) in paths:
            endpoint.path = f"{literal.group(1)}/{{id}}{literal.group(3)}"
    for endpoint in seen.values():
        path = endpoint.path.lower()
        if re.search(r"/(oauth2?|token|auth|login|sign_?in|sessions?)(/|$)", path) and endpoint.method == "POST" \
                or re.search(r"/(oauth2?|token)(/|$)", path):
            out["token"].append(endpoint)
        elif re.search(r"delet|removed", path):
            out["deletes"].append(endpoint)
        elif endpoint.placeholders and endpoint.path.split("/{")[0] in paths:  # a POST there acts on one record
            out["service" if endpoint.method == "POST" else "child"].append(endpoint)
        elif _is_window_end(endpoint, reading):
            out["end"].append(endpoint)
        else:
            out["table"].append(endpoint)
    service = [e for e in out["table"] if _SERVICE.search(e.path.lower())]
    if service and len(service) < len(out["table"]):  # a key check or health probe beside the lists: no table
        out["service"] = service
        out["table"] = [e for e in out["table"] if e not in service]
    return out


# Paths an API serves about itself or the caller, not records: a credential check, health, the caller's profile
_SERVICE = re.compile(r"/auth(?:/[^/{]*)?/?$|/(?:health|healthz|ping|whoami|me)/?$|^/?(?:status|version)/?$")


def _is_window_end(endpoint: rq.Endpoint, reading: rq.Reading) -> bool:
    """An endpoint whose example is a single date (`{"latest_complete_day": "2024-03-20"}`) while another
    endpoint takes a from/to window."""
    examples = rq.json_examples(endpoint.segment)
    dated = examples and 1 <= len(examples[0]) <= 2 and all(re.match(r"^(\d{4}-\d\d-\d\d|YYYY)", str(v))
                                                            for v in examples[0].values())
    return bool(dated) and any(window_params(e) for e in reading.endpoints if e is not endpoint)


def window_fields(example: dict[str, Any]) -> tuple[str, str]:
    """(last complete day, first day) fields of a window-end example: `latest_complete_date`, `earliest_date`."""
    names = list(example)
    first = next((n for n in names if re.search(r"earliest|first|start|min|from|begin", n, re.I)), "")
    last = next((n for n in names if n != first), "")
    return last, first


DATE_PAIRS = (("from", "to"), ("start", "end"), ("since", "until"), ("start_date", "end_date"),
              ("date_from", "date_to"), ("from_date", "to_date"), ("begin", "end"), ("after", "before"))


def window_params(endpoint: rq.Endpoint) -> tuple[str, str] | None:
    """Two query parameters that take dates (`from=YYYY-MM-DD&to=YYYY-MM-DD`), or a pair of date
    parameters named in the endpoint's sentence next to a date format (`with from and to (YYYY-MM-DD)`)."""
    dates = [name for name, value in endpoint.query.items()
             if re.search(r"YYYY|\d{4}-\d\d-\d\d|date|day", value, re.I)]
    if len(dates) >= 2:
        return dates[0], dates[1]
    sentence = re.split(r"(?<=[.!?])\s", endpoint.segment)[0]
    if endpoint.query:
        return None
    if re.search(r"YYYY|yyyy", sentence):
        words = {w.lower() for w in re.findall(r"[A-Za-z_]+", sentence)}
        pair = next(((a, b) for a, b in DATE_PAIRS if a in words and b in words), None)
        if pair:
            return pair
    return _affixed_pair(endpoint.segment) if re.search(r"YYYY|yyyy", endpoint.segment) else None


def _affixed_pair(segment: str) -> tuple[str, str] | None:
    """Two back-ticked parameters that differ only in a from/to word (`arrival_from`, `arrival_to`), in an
    endpoint's text that writes a date format."""
    names = list(dict.fromkeys(re.findall(r"`([A-Za-z_]\w*)`", segment)))
    for first in names:
        for a, b in DATE_PAIRS[:3] + DATE_PAIRS[-2:]:
            for stem in (first.removesuffix("_" + a), first.removeprefix(a + "_")):
                if stem == first:
                    continue
                partner = first.replace(a, b) if first.endswith("_" + a) or first.startswith(a + "_") else ""
                if stem and partner in names:
                    return first, partner
    return None


# --- one table ------------------------------------------------------------------------------------------------


def example_for(endpoint: rq.Endpoint, reading: rq.Reading) -> dict[str, Any] | None:
    """The response example of an endpoint: in its own text, else the one example of a sibling list
    ("both return ..."); a body example is not a response."""
    own = [e for e in rq.json_examples(endpoint.segment) if e != endpoint.body]
    if own:
        return own[0]
    if endpoint.placeholders or re.search(r"\b(array|list)\b", endpoint.segment[:200], re.I):
        return None  # a child's response, or one the text says is a plain list
    table_examples = [e for other in reading.endpoints if other is not endpoint
                      for e in rq.json_examples(other.segment) if e != other.body]
    shapes = {tuple(sorted(e)) for e in table_examples}
    return table_examples[0] if len(shapes) == 1 else None


def keyed_records(example: Any, prefix: str = "") -> tuple[str, str] | None:
    """(path, key column) of records written as an object keyed by a placeholder id:
    `{"data": {"<person_id>": {...}}}` -> ("data", "person_id")."""
    if not isinstance(example, dict):
        return None
    for key, value in example.items():
        name = re.fullmatch(r"<\s*(\w+)\s*>|\{\s*(\w+)\s*\}|:(\w+)", key)
        if name and isinstance(value, dict):
            return prefix, rq.snake(next(g for g in name.groups() if g))
        found = keyed_records(value, f"{prefix}.{key}" if prefix else key)
        if found:
            return found
    return None


def records_path(example: Any) -> tuple[str, list[Any]] | None:
    """The list of records in an example: the first list of objects (or of placeholders), outermost first."""
    lists = rq.list_paths(example)
    objects = [(path, items) for path, items in lists if items and all(isinstance(i, dict) for i in items)]
    rows = [(path, items) for path, items in lists if items and all(isinstance(i, list) for i in items)]
    unknown = [(path, items) for path, items in lists if all(  # `[...]`, `[<item>]`: a list not written out
        isinstance(i, str) and re.fullmatch(r"\.\.\.|…|<[^<>]*>|\{[^{}]*\}", i.strip()) for i in items)]
    return objects[0] if objects else rows[0] if rows else (unknown[0] if unknown else None)


def paging(endpoint: rq.Endpoint, example: dict[str, Any] | None, reading: rq.Reading) -> Paging:
    """The pagination style, from the parameters the endpoint takes and the fields its example returns."""
    shared = _shared_text(reading)
    around = endpoint.segment + " " + shared  # what is said of this endpoint: its own lines and the shared ones
    words = {w.lower() for w in re.findall(r"[A-Za-z_]\w*", around)} | \
        {q.lower() for q in endpoint.query}
    body_keys = _body_fields(endpoint.body)
    named = [*reading.identifiers, *re.findall(r"\b[a-z]+_[a-z_]+\b", endpoint.segment + " " + reading.text),
             *re.findall(r"(?<![\w./])[a-z_]+(?:\.[A-Za-z_]+)*\.next\.[a-z_]+\b", reading.text)]  # paging.next.after
    said = list(dict.fromkeys(i for i in named if re.search(r"next|cursor|token|more|total_|pages", i, re.I)))
    fields = rq.paths(example) if example else said  # no example: the response fields it names
    if example and not any(re.search(r"next|cursor|token|more|total|pages|links?$", f, re.I) for f in fields):
        fields += said  # an example of the records alone: the paging fields the text names
    has_more = next((f for f in fields if re.search(r"(^|\.)(has_?more|hasMore|more|has_next)$", f, re.I)), "")
    size_param = next((p for p in [*endpoint.query, *body_keys, *SIZE_PARAMS] if _leaf(p) in SIZE_PARAMS
                       and (p in endpoint.query or p in body_keys or p.lower() in words)), "")
    size = reading.limits.get(size_param) or _number(endpoint.query.get(size_param)) or \
        _number(rq_value(endpoint.body, size_param) if isinstance(endpoint.body, dict) else None)
    base = Paging(size_param=size_param if size else "", size=size or 0, has_more=has_more)
    if re.search(r"link header|rel=\W?next|\blinks?\b[^.\n]{0,40}\bnext\b", around, re.I):
        return _paging(base, kind="link")
    # outermost first in an example; named without one, a name that says `next` (`paging.next_cursor`) first
    order = (lambda f: f.count(".")) if example else (lambda f: ("next" not in f.lower(), -f.count(".")))
    token_field = next((f for f in sorted(fields, key=order) if CURSOR_FIELDS.search(f)), "")
    written = set(body_keys) | set(endpoint.query)
    echoed = [_leaf(token_field)] if "." in token_field and _leaf(token_field) in CURSOR_PARAMS and \
        _leaf(token_field) != "next" else []  # `paging.next.after` is sent back as `after`
    cursor_param = next((p for p in [*body_keys, *endpoint.query, *echoed, *reading.params, *CURSOR_PARAMS]
                         if _leaf(p) in CURSOR_PARAMS and (p in written or p.lower() in words)), "")
    header = next((h for h in reading.headers if re.search(r"cursor|next|continuation|page.?token", h, re.I)), "")
    if header and cursor_param and not token_field:
        return _paging(base, kind="cursor", param=cursor_param, next_header=header)
    next_value = rq_value(example, token_field) if token_field else None
    url_named = bool(token_field) and bool(re.search(  # "`next` field with the full URL of the next page"
        rf"`{re.escape(token_field)}`[^.\n]{{0,60}}\b(?:url|link|href)\b", reading.text, re.I))
    url_field = url_named or bool(token_field) and bool(re.search(r"(^|\.)links?\.|(url|href|link)$", token_field,
                                                                    re.I))
    if url_field or isinstance(next_value, str) and (next_value.startswith(("http", "/")) or re.search(
            r"\b(url|link|href)\b", next_value, re.I)):
        return _paging(base, kind="link", next=token_field)
    if token_field and cursor_param:
        where = "body" if cursor_param in body_keys else "query"
        return _paging(base, kind="cursor", param=cursor_param, next=token_field, where=where)
    keyset = next((p for p in [*endpoint.query, *reading.params] if KEYSET.fullmatch(p)), "")
    if not keyset and cursor_param.lower() in ("starting_after", "start_after") and not token_field:
        keyset = cursor_param  # no next token to send back: `starting_after=<the last id>`
    if keyset:
        found_ = KEYSET.fullmatch(keyset)
        field_ = found_.group(2) if found_ else "id"
        record = (records_path(example) or ("", [{}]))[1][:1] if example else []
        known = record[0] if record and isinstance(record[0], dict) else {}
        field_ = field_ if field_ in known or not known else next((f for f in known if f.endswith("id")), field_)
        return _paging(base, kind="keyset", param=keyset, field=field_.lstrip("_") or "id")
    # an offset written as a parameter (`offset=`, "limit/offset"), not the word in prose ("the UTC offset")
    offset = any(_leaf(p) == "offset" for p in [*endpoint.query, *body_keys]) or bool(re.search(
        r"`offset`|[?&]offset=|[:=]\s*[\"']?offset\b|\boffset[\"']?\s*[:=]|\boffset\s*(?:param|parameter|"
        r"(?:and|/|&|\+|,)\s*limit|[- ]based|pagination|paging)|\blimit\s*(?:and|/|&|\+|,)\s*offset\b|"
        r"\bpaginat\w*[^.\n]{0,30}\boffset\b", around, re.I))
    if offset or "skip" in written or "skip" in reading.params:  # "just skip them" is no parameter
        total = next((f for f in fields if re.search(r"(^|\.)(total|count|total_count|totalCount)$", f)), "")
        param = "offset" if offset else "skip"
        param = next((q for q in endpoint.query if _leaf(q).lower() == param), param)  # `page[offset]` as written
        return _paging(base, kind="offset", param=param, total=total, where="body" if param in body_keys else "query")
    # a page parameter written as one (`?page=`, `page`, "page number"), not the word in prose ("page stats")
    as_param = r"`page(?:_?(?:number|no|num|index))?`|[?&]page(?:_?(?:number|no|num|index))?=|" \
               r"\bpage(?:_?number)?\s*(?:=|number|param|parameter|query)|\bpages?\s+through" \
               r"|\bpaginat\w*|\bpaged\b|\b(?:next|each|every|per|first|last|another)\s+page\b"
    paging_said = re.search(as_param, around, re.I) or \
        {"page", "page_number", "pagenumber"} & {p.lower() for p in [*reading.params, *reading.identifiers]}
    page_param = next((p for p in [*endpoint.query, "page", "page_number", "pageNumber"] if p.lower() in words
                       and p.lower().startswith("page") and p != size_param and
                       (p in endpoint.query or p in body_keys or paging_said)),
                      "")
    if page_param:
        total_pages = next((f for f in fields if re.search(r"(^|\.)(total_?pages|totalPages|page_?count|pages|"
                                                           r"last_?page)$", f)), "")
        return _paging(base, kind="page", param=page_param, total_pages=total_pages,
                       where="body" if page_param in body_keys else "query")
    stated = next((p for p in reading.limits if p.lower() in ("per_page", "page_size", "pagesize", "perpage")), "")
    if stated and not endpoint.query and len(reading.endpoints) == 1:  # `per_page max is 100`, said apart
        return _paging(base, kind="page", param="page", size_param=stated, size=reading.limits[stated])
    return Paging()


def _shared_text(reading: rq.Reading) -> str:
    """What is said of every endpoint: the text before the first, and, when several are listed, the paragraphs
    after the last one's own (its segment runs to the end, yet "Pass `cursor=<next_cursor>` for the next page"
    written below a list of endpoints is said of the list)."""
    if not reading.endpoints:
        return ""
    first = min(e.start for e in reading.endpoints)
    last = max(reading.endpoints, key=lambda e: e.start)
    after = re.split(r"\n[ \t]*\n", last.segment, maxsplit=1)
    trailing = after[1] if len(reading.endpoints) > 1 and len(after) > 1 else ""
    return reading.text[:first] + "\n" + trailing


def _body_fields(body: Any) -> set[str]:
    """The fields a JSON body gives values, nested ones dotted (`page.after` in `{"page": {"after": ...}}`)."""
    if not isinstance(body, dict):
        return set()
    return {p for p in rq.paths(body) if not isinstance(rq_value(body, p), dict)}


def _leaf(name: str) -> str:
    """`page.size`, `page[size]` -> `size`: what a nested parameter is called where it sits."""
    return re.split(r"[.\[]", name.rstrip("]"))[-1].lower()


def _paging(base: Paging, **facts: Any) -> Paging:
    return Paging.model_validate({**base.model_dump(), **facts})


def rq_value(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _number(value: Any) -> int:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else 0


KEY_NOTED = re.compile(r"\b([A-Za-z_]\w*)`?\s*\((?:[^(),\n]+,\s*)+(?:(?:primary\s+)?(?:key|pk)|unique)\s*\)", re.I)


# a row of a field list, its columns apart by runs of spaces, that says the field is unique
KEY_ROW = re.compile(r"^[ \t]*([A-Za-z_]\w*)[ \t]{2,}\S[^\n]*?\b(?:unique|primary\s+key|pk)\b", re.I | re.M)


def stated_keys(text: str) -> list[tuple[int, str]]:
    """Every primary key the text states, with where it says so: in words, or as a field's note in a
    property list (`OrderID (Edm.Int32, key)`, `id (int, PK)`)."""
    found = [(m.start(), _said_key(m)) for m in KEY_PHRASE.finditer(text)]
    found += [(m.start(), m.group(1)) for m in KEY_AFTER.finditer(text)]
    found += [(m.start(), m.group(1)) for m in KEY_NOTED.finditer(text)]
    found += [(m.start(), m.group(1)) for m in KEY_ROW.finditer(text)]
    return sorted(found)


def _said_key(match: re.Match[str]) -> str:
    """`order id` -> `order_id` (or `order.id` where the text writes that); the id of what a feed or list
    holds (`entry id`, `record id`) -> `id`."""
    name = match.group(1)
    if not match.group(2):
        return name
    if re.search(rf"\b{re.escape(name)}\.id\b", match.string):  # `event.id` written elsewhere: that field
        return f"{name}.id"
    return "id" if name.lower() in ("entry", "item", "record", "row", "object", "document", "node") else f"{name}_id"


_MORE_KEYS = re.compile(r"\s*(?:\+|,|&)\s*[`\"']?([A-Za-z_]\w*)[`\"']?|\s+and\s+(?:`([A-Za-z_]\w*)`|([A-Za-z]\w*_\w+))")


def stated_composite(text: str) -> list[tuple[int, list[str]]]:
    """Keys stated as several fields joined by `+`, `,` or `and` (`identified by student_id + course_code + term`)."""
    out = []
    for match in KEY_PHRASE.finditer(text):
        names, at = [_said_key(match)], match.end()
        at += text[at:at + 1] in "`\"'" and at < len(text)  # the first name's closing quote
        while more := _MORE_KEYS.match(text, at):
            names.append(more.group(1) or more.group(2) or more.group(3))
            at = more.end()
        if len(names) > 1:
            out.append((match.start(), names))
    return out


def _of_another(name: str, text: str, at: int) -> bool:
    """Whether a key stated at `at` is said on a line that introduces another table (`- table variants: ...
    sku is unique`)."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    tables = re.findall(r"\btable\s+[`\"']?(\w+)", line, re.I)
    tables += re.findall(r"^\s*(?:[-*•]|\d+[.)])\s*[`\"']?([a-z][a-z0-9]*_[a-z0-9_]+)[`\"']?\s*:", line)  # `- x_y: ..`
    return bool(tables) and all(t not in (name, singular(name)) for t in tables)


def _of_child(name: str, text: str, at: int, keys: list[str]) -> bool:
    """Whether a key stated at `at` is said of a table inside this one: the last table-like name before it
    in its sentence, other than the key's own fields, extends this table's name (`purchase_order_lines ...,
    keyed on order_id + line_no` is not the key of purchase_orders)."""
    sentence = re.split(r"[.!?](?=\s)|\n", text[:at])[-1]
    names = [n for n in re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", sentence) if n not in keys]
    return bool(names) and names[-1].startswith(singular(name) + "_")


def _grain_of(name: str, grain: re.Match[str]) -> bool:
    """Whether "one row per ..." is said of this table: its name is the last table-like name on the line
    before it (`table: ad_performance, one row per date + ad_id`, not `projects and project_members (one
    row per ...)`)."""
    text = grain.string
    line = text[text.rfind("\n", 0, grain.start()) + 1:grain.start()]
    names = re.findall(r"[A-Za-z_]\w*", line)
    own = [i for i, n in enumerate(names) if n in (name, singular(name))]
    return bool(own) and not any(n.startswith(singular(name) + "_") for n in names[own[-1] + 1:])


def primary_key(name: str, segment: str, reading: rq.Reading, record: dict[str, Any] | None,
                found: Found, single: bool) -> list[str]:
    """The key the table's text states; else `id` in its example record, or the record's own `<table>_id`."""
    held = set(rq.paths(record)) if record else set()
    here = [(at, k) for at, k in stated_keys(segment) if (not held or k in held)  # a shown record has the key
            and not _of_another(name, segment, at) and not _of_child(name, segment, at, [k])]
    anywhere = [(at, k) for at, k in stated_keys(reading.text) if (not held or k in held)
                and not _of_another(name, reading.text, at) and not _of_child(name, reading.text, at, [k])]
    named = [k for at, k in anywhere if re.search(rf"\b{re.escape(name)}\b", reading.text[max(0, at - 80):at + 40])]
    grain = re.search(r"\bone\s+row\s+(?:per|for\s+each|for\s+every)\s+`?(\w+)`?((?:\s*(?:\+|,|and|/|&)\s*`?\w+`?)*)",
                      reading.text if single else segment, re.I)
    parts = [grain.group(1), *re.findall(r"`?(\w+)`?", grain.group(2))] if grain else []
    parts = [p for p in parts if p.lower() not in ("and",)]
    joined = grain is not None and "+" in grain.group(2) and _grain_of(name, grain)  # `date + ad_id`, said of it
    if parts and ((record and all(p in record for p in parts)) or (not record and joined)):
        # only fields the records are shown to have, or (no record shown) a key written as one
        found.decided[f"{name}.primary_key"] = "text"
        return parts  # "one row per date + metric": the row's grain is its key
    start = reading.text.find(segment) if segment else -1
    composite = [(at, k) for at, k in stated_composite(reading.text) if not _of_another(name, reading.text, at)
                 and not _of_child(name, reading.text, at, k) and (
                 (segment and start <= at < start + len(segment)) or re.search(
                     rf"\b{re.escape(singular(name))}(?:e?s)?(?!\w)", reading.text[max(0, at - 40):at], re.I))]
    if composite and (not record or all(k in record for k in composite[0][1])):
        found.decided[f"{name}.primary_key"] = "text"
        return composite[0][1]  # `a grade is identified by student_id + course_code + term`
    key = (here or [(0, named[0])] if named else here or (anywhere if single else []))
    if key:
        found.decided[f"{name}.primary_key"] = "text"
        return [key[0][1]]
    fields = list(record) if record else []
    for candidate in ("id", f"{singular(name)}_id", f"{singular(name)}Id", "uuid", "key"):
        if candidate in fields:
            found.decided[f"{name}.primary_key"] = "example"
            return [candidate]
    if not fields:
        found.unresolved.append(f"{name}: the records were not shown; the primary key is taken from the data (a "
                                "probe, or the connector's first page when it runs), `id` if the records have it")
        return ["id"]
    found.unresolved.append(f"{name}: no primary key stated or shown; the key is taken from the data (a probe, or "
                            "the connector's first page when it runs), else rows are keyed by a hash of their values")
    return []


def incremental(endpoint: rq.Endpoint, record: dict[str, Any] | None, reading: rq.Reading,
                skip: set[str]) -> Incremental | None:
    """A parameter that asks for changes since a time (`updated_since=`, `modified_after`) and the record
    field that holds that time; only when the request asks for incremental syncs or names such a field."""
    text = endpoint.segment + "\n" + reading.text
    named = re.search(r"\bincremental(?:ly)?\s+(?:on|by|using)\s+(?:the\s+)?[`\"']?(\w+)", text, re.I)
    if named:  # "incremental on `created`": the field, and the parameter that compares with it
        compare = [p for p in [*endpoint.query, *reading.params] if p not in skip and named.group(1) in p
                   and re.search(r"gt|gte|after|since|from|min|start", p.replace(named.group(1), ""), re.I)]
        if compare:
            return Incremental(field=named.group(1), param=compare[0])
    written = re.findall(r"\b[a-z]+(?:_[a-z]+)*_(?:since|after)\b|\b(?:since|modified_after|updated_after)\b", text)
    others = " ".join(e.segment for e in reading.endpoints if e is not endpoint and e.segment != endpoint.segment)
    params = [p for p in [*endpoint.query, *reading.params, *written] if SINCE.search(p) and p not in skip
              and not p.lower().startswith(("from_", "start_")) and p.lower() not in ("from", "to", "start")
              and (p in endpoint.query or re.search(rf"\b{re.escape(p)}\b", endpoint.segment)
                   or not re.search(rf"\b{re.escape(p)}\b", others))]  # not a parameter of another endpoint
    fields = [f for f in [*(record or {}), *reading.identifiers, *re.findall(r"\b\w+_at\b|\b\w+At\b", text)]
              if re.search(r"(updated|modified|changed|last_?modified)(_?at|At|_time|_on|_date|_gmt|_utc|_ts)?$", f,
                           re.I)]
    if not params or not (asks_incremental(text) or fields):
        return None
    said = " ".join(s for s in re.split(r"(?<=[.!?\n])\s+", text) if params[0] in s)  # the parameter's sentences
    unix = re.search(r"\bunix|\bepoch|seconds\s+since\s+1970", said, re.I) and not re.search(
        r"\bnot\s+(?:a\s+)?unix|\bnot\s+(?:in\s+)?(?:epoch|seconds)", said, re.I)
    return Incremental(field=fields[0] if fields else "updated_at", param=params[0], sent_as="unix" if unix else "iso")


def asks_incremental(text: str) -> bool:
    """Whether the request asks later syncs to read only what is new or changed."""
    return bool(re.search(r"\bincremental|\bonly\b[^.\n]{0,60}\b(changed|new|updated)|high.water|since the last|"
                          r"\bchanges?\b[^.\n]{0,40}\bsince|\b(next|later|following|subsequent)\s+syncs?\b|"
                          r"\b(continue|resume)s?\b[^.\n]{0,30}\b(from|where|after)\b", text, re.I))


def deletes_for(table: rq.Endpoint, deletes: list[rq.Endpoint], record: dict[str, Any] | None,
                reading: rq.Reading) -> rq.Endpoint | None:
    return next((d for d in deletes if d.path.startswith(table.path.rstrip("/"))), None)


def delete_flag(record: dict[str, Any] | None, segment: str, reading: rq.Reading) -> str:
    """A boolean field that marks deleted records (`is_deleted: true`), from an example or the text."""
    candidates = [*rq.paths(record or {}), *[p for e in rq.json_examples(segment) for p in rq.paths(e)],
                  *reading.identifiers,  # "deleted" in prose is no field; `is_deleted` is
                  *re.findall(r"\b(is_deleted|isDeleted|_deleted)\b", reading.text)]
    named = next((c for c in candidates if re.fullmatch(r"(is_?)?deleted|isDeleted|_deleted", c, re.I)), "")
    asking = " ".join(s for s in re.split(r"(?<=[.!?;\n])\s*", segment + "\n" + reading.text)
                      if re.search(r"delet|remov", s, re.I))
    stamped = [c for c in re.findall(r"`(\w+)`", asking)
               if re.fullmatch(r"(deleted|removed|archived)_?(at|on)", c, re.I)]
    named = named or (stamped[0] if stamped else "")  # "removed members have `removed_at` set"
    for match in re.finditer(r"[`\"']?(\w+)[`\"']?\s*[:=]\s*true\b", reading.text):
        line = reading.text[reading.text.rfind("\n", 0, match.start()) + 1:reading.text.find("\n", match.end())]
        sentence = re.split(r"(?<=[.!?])\s", reading.text[match.start():match.start() + 200])[0]
        if not named and re.search(r"delet|remov", line + sentence, re.I):
            return match.group(1)  # `archived: true` ... must be marked deleted
    return named


_TURNED_DOWN = re.compile(r"\b(?:skip|ignore|exclude|drop|leave\s+out|(?:don'?t|do\s+not)\s+(?:want|need|sync|load|"
                          r"include)|not\s+(?:wanted|needed)|without)\b", re.I)


def skip_flag(record: dict[str, Any] | None, reading: rq.Reading, taken: str = "") -> str:
    """A yes/no field of the example records (`"refunded": "false"`) that a sentence turning records down names
    by its word ("refunded receipts we don't want, please skip them"): records with it set are not synced.
    A sentence that also negates the word ("not active") is no such statement; a delete flag is no skip."""
    if not record:
        return ""
    flags = [p for p in rq.paths(record) if p != taken and not re.search(r"delet|remov", p, re.I) and
             (isinstance(rq_value(record, p), bool) or str(rq_value(record, p)).lower() in ("true", "false"))]
    for sentence in re.split(r"(?<=[.!?])\s+|\n", reading.text):
        if not _TURNED_DOWN.search(sentence):
            continue
        for path in flags:
            word = re.sub(r"^(?:is|has)_?", "", path.rsplit(".", 1)[-1], flags=re.I)
            said = re.search(rf"(?<![\w-])({re.escape(word)})\b", sentence, re.I)
            if len(word) > 3 and said and not re.search(rf"\b(?:not|non|un)[\s-]*{re.escape(word)}\b", sentence, re.I):
                return path
    return ""


def delete_value(record: dict[str, Any] | None, endpoint: rq.Endpoint, reading: rq.Reading) -> tuple[str, str]:
    """(field, value) when deletion is a value of a field: the sentence that asks for deletes names a
    value the field is shown to take (`status=publish,draft,trash` and "an editor trashes a post")."""
    asking = " ".join(s for s in re.split(r"(?<=[.!?\n])\s+", reading.text) if re.search(r"delet|remov", s, re.I))
    said = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", asking)}
    shown = {**{k: str(v) for k, v in (record or {}).items() if isinstance(v, str)}, **endpoint.query}
    for field_, values in shown.items():
        for value in re.split(r"[,|\s]+", values):
            if len(value) >= 4 and value.isalpha() and any(w.startswith(value.lower()) for w in said) \
                    and not re.search(r"delet|remov", value, re.I) or value.lower() in ("deleted", "removed"):
                return field_, value
    return "", ""


def graphql_query(reading: rq.Reading, wanted: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """A GraphQL query the request shows, whole: in a JSON body's "query" (one that pages a connection, not
    `"..."` or `{ viewer { login } }` from the docs), or written out on its own; else one built from the SDL."""
    defined = gql.types(reading.text)
    for endpoint in reading.endpoints:
        query = endpoint.body.get("query") if isinstance(endpoint.body, dict) else None
        pages = isinstance(query, str) and re.search(r"pageInfo|\bnodes\b|\bedges\b", query)
        if isinstance(query, str) and "{" in query and (pages or not defined):
            variables = endpoint.body.get("variables")
            return " ".join(endpoint.body["query"].split()), variables if isinstance(variables, dict) else {}
    for match in re.finditer(r"\b(?:query|mutation)\b\s*\w*\s*(?:\([^()]*\))?\s*\{|\{", reading.text):
        end = rq._balanced(reading.text, match.end() - 1, "{", "}")
        body = reading.text[match.start():end] if end else ""
        if re.search(r"pageInfo|\bnodes\b|\bedges\b", body) and not re.search(r'"\w+"\s*:', body) \
                and not gql.is_schema(body):
            return gql.literals_to_variables(" ".join(body.split()))
    if defined:
        return gql.from_schema(reading.text, reading.limits, wanted)
    return "", {}


def graphql_paths(query: str) -> tuple[str, str]:
    """(records path, pageInfo path) of the first connection in a query: `data.viewer.repositories.nodes`."""
    body = re.sub(r"\([^()]*\)", "", query[query.index("{"):]) if "{" in query else ""
    stack: list[str | None] = []
    last: str | None = None
    records = page_info = ""
    for token in re.findall(r"[A-Za-z_]\w*|[{}]", body):
        if token == "{":
            stack.append(last)
            last = None
        elif token == "}":
            if stack:
                stack.pop()
        else:
            last = token
            names = [s for s in stack if s]
            if token in ("nodes", "edges") and not records:
                records = ".".join(["data", *names, token])
            if token == "pageInfo" and not page_info:
                page_info = ".".join(["data", *names, token])
    return records, page_info


_SHORT = {"user": ("usr", "uid"), "pass": ("pwd", "pw")}  # the short forms keys are often given


def credential_key(keys: list[str], *hints: str, default: str) -> str:
    """The configuration key that holds a credential: the first stated key containing a hint."""
    secret_like = [k for k in keys if not re.search(r"url|host|base|start|date|dir|path|folder|file|db", k, re.I)]
    for hint in hints:
        for key in secret_like:
            if hint in key.lower() or any(re.search(rf"(?:^|_){a}(?:$|_)", key.lower()) for a in _SHORT.get(hint, ())):
                return key
    return secret_like[0] if len(secret_like) == 1 and not hints[0].startswith("client") else default


def _named_key(written: str, keys: list[str]) -> str:
    """The configuration key a written variable stands for: `$ANALYTICS_KEY`, `<api_key>`, `{user}`."""
    name = rq.snake(re.sub(r"[${}<>]", "", written))
    if keys:  # the configuration's own names win; a variable they do not have says nothing
        return next((k for k in keys if rq.snake(k) == name), "")
    return name if re.fullmatch(r"[a-z_]\w*", name) else ""


def _basic(value: str, keys: list[str]) -> Auth:
    """Basic auth; `user:password` as written (`$KEY:` has an empty password) names the keys."""
    user, colon, password = value.strip().partition(":")
    username_key = _named_key(user, keys) if re.search(r"[$<{]|^[a-z_]+$", user) else ""
    if colon and not password.strip():
        return Auth(kind="basic", username_key=username_key or credential_key(keys, "key", "user", default="username"),
                    password_key="")
    password_key = _named_key(password, keys) if re.search(r"[$<{]", password) else ""
    return _basic_keys(username_key or credential_key(keys, "user", default="username"),
                       password_key or credential_key(keys, "pass", "secret", default="password"))


def _basic_keys(username_key: str, password_key: str) -> Auth:
    """Basic auth from two keys; one credential found for both is the user name, with an empty password."""
    return Auth(kind="basic", username_key=username_key, password_key="" if password_key == username_key else
                password_key)


def _login_key(name: str, value: str, keys: list[str]) -> str:
    """The configuration key that fills a login field: the placeholder its example value names, else
    the field's own name."""
    named = _named_key(value, keys) if re.search(r"[<{$]", value) else ""
    if named in keys:
        return named
    return name if name in keys or not keys else credential_key(keys, name, default=name)


def _form_fields(segment: str, keys: list[str]) -> dict[str, str]:
    """A login form's fields the request names (`username` and `password`, not configuration keys), each
    filled from the key of its kind: the name from a user/login key, the password from a secret one."""
    named = [n for n in re.findall(r"`([A-Za-z_][\w\-]*)`", segment) if n not in keys]
    user = next((n for n in named if re.search(r"user|login|email|name", n, re.I)), "")
    password = next((n for n in named if re.search(r"pass|pwd|^pw$|secret", n, re.I)), "")
    if not (user and password and len(keys) >= 2):
        return {}
    user_key = credential_key(keys, "user", "login", "name", "email", default=keys[0])
    rest_of = [k for k in keys if k != user_key]
    return {user: user_key, password: credential_key(rest_of, "pass", "secret", "pwd", default=rest_of[0])}


def _session(login: rq.Endpoint, reading: rq.Reading, keys: list[str]) -> Auth:
    """A login endpoint that answers with a session token: the body's fields (an example body, else the
    credential keys), where the token sits (a response example, or a dotted name with `token`), and the
    header that carries it (a header the request names, else `Authorization: Bearer`)."""
    secret_like = [k for k in keys if not re.search(r"url|host|base|start|date|dir|path|folder|file|db", k, re.I)]
    if isinstance(login.body, dict) and login.body:
        fields = {name: _login_key(name, str(value), keys) for name, value in login.body.items()}
    else:
        fields = _form_fields(login.segment[:400], secret_like) or \
            {k: k for k in secret_like} or {"username": "username", "password": "password"}
    responses = [e for e in rq.json_examples(login.segment) if e != login.body]
    dotted = [p for e in responses for p in rq.paths(e) if re.search(r"token", p.rsplit(".", 1)[-1], re.I)]
    dotted += re.findall(r"\b(\w+(?:\.\w+)*\.\w*token\w*)\b", login.segment, re.I)
    header = next((h for h in reading.headers if h.lower() != "authorization" and re.search(
        r"session|token|auth", h, re.I)), "")
    written = reading.headers.get("Authorization", "")
    scheme = written.split()[0] if written.split() and not rq._PLACEHOLDER.match(written.split()[0]) else "Bearer"
    style = "form" if re.search(r"\bform\b", login.segment[:300], re.I) else "json"
    return Auth(kind="session", token_url=login.path, style=style, login=fields,  # type: ignore[arg-type]
                token_field=dotted[0] if dotted else "token", header_name=header or "Authorization",
                template="{token}" if header else f"{scheme} {{token}}")


def auth(reading: rq.Reading, keys: list[str], token: rq.Endpoint | None, found: Found) -> Auth:
    """Authentication from header lines, a token endpoint, then what the text names (bearer, basic, a key
    in the query)."""
    text, low = reading.text, reading.text.lower()
    found.decided["auth"] = "text"
    if token is not None and not re.search(r"oauth|client.credentials|client_id|grant_type", low):
        return _session(token, reading, keys)
    if token is not None or re.search(r"oauth|client.credentials", low):
        segment = token.segment if token else text
        style = "json" if re.search(r"\bjson\b", segment[:300], re.I) and not re.search(r"form", segment[:300]) \
            else "basic" if re.search(r"basic", segment[:300], re.I) else "form"
        scope = re.search(r"\bscope[`\"']?\s*(?:=|:|\bis\b)\s*[`\"']?([\w:./\- ]+?)[`\"']?(?=[\s,;)&`]|\.(?:\s|$)|$)",
                          text)  # `vehicles.read`: a dot inside the scope is part of it
        extra = {k: v for k, v in re.findall(r"\b([a-z_]+)=([^\s&,;`'\"]+[^\s&,;`'\".])", segment)
                 if k not in ("grant_type", "client_id", "client_secret", "scope") and not rq._PLACEHOLDER.search(v)}
        return Auth(kind="oauth2", token_url=token.path if token else "", style=style,  # type: ignore[arg-type]
                    scope=scope.group(1) if scope else "", token_params=extra,
                    client_id_key=credential_key(keys, "client_id", "id", default="client_id"),
                    client_secret_key=credential_key(keys, "secret", default="client_secret"))
    for name, value in reading.headers.items():
        scheme, _, rest = value.strip().partition(" ")
        if name.lower() == "authorization" and value:
            if scheme.lower() == "bearer":
                return Auth(kind="bearer", token_key=credential_key(keys, "token", "key", default="api_token"))
            if scheme.lower() == "basic":
                return _basic(rest, keys)
            key = credential_key(keys, "token", "key", default="api_key")
            holes = list(rq._PLACEHOLDER.finditer(rest))
            if len(holes) == 1 and rest.strip() != holes[0].group(0):  # `Token token="<token>"`: kept around the key
                around = rest[:holes[0].start()] + "{" + key + "}" + rest[holes[0].end():]
                return Auth(kind="header", header_name="Authorization", template=f"{scheme} {around}")
            return Auth(kind="header", header_name="Authorization", template=f"{scheme} {{{key}}}" if rest else
                        f"{{{key}}}")
    for name, value, written in [h for h in credential_headers(reading) if not _refuted(h[0], text)][:1]:
        key = _named_key(written.group(0), keys) if written else ""
        several = len([h for h in reading.headers if CREDENTIAL_HEADER.search(h) and h.lower() != "authorization"])
        if key not in keys and keys:
            key = _header_key(name, keys) or ("" if several > 1 else credential_key(keys, "key", "token", "secret",
                                                                                     default="api_key"))
        key = key or rq.snake(re.sub(r"^x-", "", name, flags=re.I))  # nothing named: after the header
        template = value.replace(written.group(0), "{" + key + "}") if written else "{" + key + "}"
        return Auth(kind="header", header_name=name, template=template)
    if re.search(r"\bbearer\b", low):
        return Auth(kind="bearer", token_key=credential_key(keys, "token", "key", default="api_token"))
    if re.search(r"\bbasic\b|username\b.{0,20}\bpassword", low):
        user = credential_key(keys, "user", default="username")
        literal = re.search(r"\bpassword\b[^.\n]{0,40}?\bliteral\w*\b[^.\n`\"']{0,30}[`\"']([^`\"'\s]+)[`\"']",
                            text, re.I)
        if literal:  # "the password is literally the string `api_token`"
            return Auth(kind="basic", username_key=user, password_key="", password_value=literal.group(1))
        return _basic_keys(user, credential_key(keys, "pass", "secret", default="password"))
    query_key = next((p for p in reading.params if re.fullmatch(r"(api_?)?key|apikey|access_key|token|api_token", p,
                                                                re.I)), "")
    if query_key or re.search(r"query (param|parameter|string)", low):
        param = query_key or "api_key"
        return Auth(kind="query", param_name=param, token_key=param if param in keys or not keys else credential_key(
            keys, "key", "token", default="api_key"))
    found.decided["auth"] = "default"
    found.unresolved.append("authentication was not stated; assumed none")
    return Auth()


CREDENTIAL_HEADER = re.compile(r"key|token|auth|secret|signature|pass|credential|account|client", re.I)
_FAILED = re.compile(r"\b(?:40[13]|unauthori[sz]ed|forbidden|rejected|refused|did(?:n'?t| not) work|not it|wrong)\b",
                     re.I)
_NEEDED = re.compile(r"\b(?:without|missing|unless|omit\w*|no)\b", re.I)


def _refuted(header: str, text: str) -> bool:
    """A header every mention of which reports it failing ("tried `X-Api-Key` and got a 401, so that's not
    it"), not one said to be needed ("without `X-Api-Key` you get a 401")."""
    said = [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if re.search(rf"\b{re.escape(header)}\b", s, re.I)]
    return bool(said) and all(_FAILED.search(s) and not _NEEDED.search(s) for s in said)


def credential_headers(reading: rq.Reading) -> list[tuple[str, str, re.Match[str] | None]]:
    """(header, value, the variable written in it) for each header that carries a credential: one whose value
    is a placeholder or whose name says so. `Authorization` is read apart; paging headers are answers."""
    out = []
    for name, value in reading.headers.items():
        parts = name.lower().split("-")  # by its words: `X-Pagerline-Token` is no paging header
        paging = ("cursor", "next", "page", "pages", "total", "link", "links", "rate", "retry", "request")
        if name.lower() == "authorization" or any(p in paging or p.startswith(("ratelimit", "continuation"))
                                                  for p in parts):
            continue
        written = rq._PLACEHOLDER.search(value) or re.search(r"\$\{?(\w+)", value)
        if written or CREDENTIAL_HEADER.search(name):
            out.append((name, value, written))
    return out


def more_credential_headers(reading: rq.Reading, auth: Auth, keys: list[str]) -> dict[str, str]:
    """Header -> configuration key for each credential header beyond the one the auth sends (`X-Account-Id`
    with `X-Account-Secret`): every request carries them all."""
    if auth.kind != "header":
        return {}
    out: dict[str, str] = {}
    for name, _, written in credential_headers(reading):
        if name != auth.header_name:
            key = _named_key(written.group(0), keys) if written else ""
            out[name] = key or _header_key(name, keys) or rq.snake(re.sub(r"^x-", "", name, flags=re.I))
    return out


def _header_key(header: str, keys: list[str]) -> str:
    """The named key that shares a word with the header (`X-Account-Secret` -> `signing_secret`)."""
    words = [w for w in re.split(r"[^a-z]+", header.lower()) if len(w) > 2 and w not in ("api", "x")]
    return next((k for w in reversed(words) for k in keys if w in k.lower()), "")


def search_index(table: Table, reading: rq.Reading) -> None:
    """An Elasticsearch or OpenSearch `_search`: the hits at `hits.hits`, read past any result window with
    `search_after` over a total order (the time field, then the unique key as a tie-breaker, since
    timestamps repeat), pages within the size the request allows, and the last hit's sort values as the
    next sync's start when it asks for new documents only."""
    dotted = list(dict.fromkeys(re.findall(r"(?<![\w.])@?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", reading.text)))
    said = [k for _, k in stated_keys(reading.text)]
    stated = [k for k in said if "." in k] + [k for k in said if "." not in k and re.search(
        rf"[\"']{re.escape(k)}[\"']\s*:", reading.text)]  # a field the shown documents carry
    stated += re.findall(r"\bone\s+row\s+(?:per|for\s+each)\s+`?(@?\w+(?:\.\w+)+)", reading.text, re.I)
    key = table.primary_key[0] if table.primary_key else "id"
    key = stated[0] if stated else next((d for d in dotted if d.startswith(key + ".") and d.rsplit(".", 1)[1] in (
        "id", "uuid", "key")), key)
    clock = next((w for w in re.findall(r"@timestamp|\btimestamp\b", reading.text)), "")
    order = [f for f in (clock, key) if f]
    numbers = [n for n in reading.limits.values() if 0 < n <= 10_000]
    size = reading.limits.get("size") or (min(numbers) if numbers else 100)
    table.records = "hits.hits"
    table.primary_key = [key.replace(".", "_").lstrip("@")]
    table.body = {**(table.body or {}), "sort": [{field: "asc"} for field in order]}
    table.pagination = Paging(kind="keyset", param="search_after", where="body", field="sort", size_param="size",
                              size=size)
    if asks_incremental(reading.text):
        table.incremental = Incremental(field="sort", param="search_after", where="body")
