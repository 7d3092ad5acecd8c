"""Request text (and the user's configuration, when given) -> connector spec.

The request is read by its structure (request.py): endpoints, headers, examples, parameters, limits
and the configuration keys it names. A REST spec is assembled here from the pieces in
extract_rest.py; files and databases are in extract_local.py. What only the source can say is
settled by probe.py (and, where the blocks stop, a model-written hook: hooks.py).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from assistant.connector import extract_rest as rest
from assistant.connector import keys as keys_
from assistant.connector import request as rq
from assistant.connector import request_xml
from assistant.connector.computed import computed_headers
from assistant.connector.spec import (
    Auth,
    Computed,
    Deletes,
    Incremental,
    Job,
    Paging,
    Parent,
    RateLimit,
    Retry,
    Spec,
    Table,
    Window,
    WindowEnd,
    where,
)
from core.errors import UsageError

TABLE_WORDS = re.compile(r"\btables?\b\s*(?:names?\s*(?:is|are|:|=)?\s*)?(?:called|named|:)?\s*|"
                         r"\binto\s+(?:a\s+(?:separate\s+)?table\s+(?:called\s+|named\s+)?)?", re.I)


@dataclass
class Extraction:
    spec: Spec
    decided: dict[str, str] = field(default_factory=dict)  # fact -> where it came from ("text" | "model" | ...)


# A setup form asked for by its SDK name or as a form or test run at setup
_SETUP_FORM = re.compile(r"\bconfiguration_form\b|\b(?:set-?up|configuration|connection)[ _-](?:form|tests?)\b", re.I)


def asks_setup_form(text: str) -> bool:
    return bool(_SETUP_FORM.search(text or ""))


def from_text(text: str, config: dict[str, Any] | None = None) -> Extraction:
    """Everything the request states outright, and explicit defaults for the rest. `config` is the
    user's configuration, whose key names win over any default."""
    from assistant.connector import extract_local

    reading = rq.read(text)
    try:
        local = extract_local.from_reading(reading, config or {})
        return local if local is not None else rest_spec(reading, config or {})
    except ValidationError as exc:  # a piece of the request that no spec field can hold: one clear line
        raise UsageError(f"the request could not be read into a spec ({where(exc)}); write that part as a "
                         "method and path, or pass --spec FILE") from exc


_FUNCTION_WORDS = """a an the this that these those it its them they their our my your his her we you i
in into on onto at to from of for per by with within without over under about after before then than there here
when where while which what who whom whose how why and or but nor so if else also just not no yes all any some
each every both either neither such as is are was were be been being do does did done has have had will would
shall should can could may might must own other another"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
"""English words that are never a table's name, whatever precedes them ("goes into a temp file, then ...")."""
NO_TABLE = FUNCTION_WORDS | {"table", "tables", "one", "single", "separate", "warehouse", "called", "named",
                             "destination", "same", "new", "only"}


def stated_tables(reading: rq.Reading) -> list[str]:
    """Table names the request gives: after "table(s)", "into", or in back-ticks next to "table"."""
    names: list[str] = []
    # a folder or file path (`into /data/webshop/order_exports`) names no table
    unpathed = re.sub(r"(?<![\w:/])(?:~|\.)?/[\w.\-]+(?:/[\w.\-]+)+", " ", reading.text)
    unpathed = rq.DATA_FILE.sub(" ", unpathed)  # nor does a file's name (`go into shipments.jsonl`)
    reading = dataclasses.replace(reading, text=unpathed)
    for match in TABLE_WORDS.finditer(reading.text):
        tail = re.sub(r"(?:(?<=,|&)|(?<=\band))[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?=and\b|,|&)", " ",
                      reading.text[match.end():match.end() + 160])
        tail = re.sub(r"^\?\s+(?=`)", " ", tail)  # "as one table? `sales_lines` please"
        clause = re.split(r"[.!?](?=\s|$)", tail)[0]
        if re.match(r"\s*(?:[`'\"]?\w+[`'\"]?\s*(?:,|\band\b)\s*)*[`'\"]?\w+[`'\"]?\s+(?:columns?|fields?)\b",
                    clause):  # "flattened into a_id, a_name columns": a list of columns
            continue
        after_colon = re.match(r"[^`.!?]{0,40}:", clause) or \
            reading.text[match.start():match.end()].rstrip()[-1:] == ":"
        ticked = re.findall(r"`([A-Za-z_]\w*)`", re.sub(r"\([^()]*\)", " ", clause)) if after_colon else []
        if after_colon:  # "tables: `a`, one row per x, with `b` flat; and `c`, ...": each item's first name
            whole = re.split(r"[.!?](?=\s|$)|\n\s*\n", reading.text[match.end():match.end() + 800])[0]
            parts = re.sub(r"\([^()]*\)", " ", whole).split(";")
            if len(parts) > 1:
                ticked = [m.group(1) for part in parts if (m := re.search(r"`([A-Za-z_]\w*)`", part))]
        if not ticked and re.match(r"\s*`", tail):  # tables `a`, `b` (an aside) and `c` (another): a list of names
            plain = re.sub(r"\([^()]*\)", " ", reading.text[match.end():match.end() + 600])
            run = re.match(r"\s*`[A-Za-z_]\w*`(?:\s*(?:,\s*and|,|and|&|\+)\s*`[A-Za-z_]\w*`)*", plain)
            ticked = re.findall(r"`([A-Za-z_]\w*)`", run.group(0)) if run else []
        # `tables in the warehouse: `a` and `b``: the quoted names after the colon; else the words that follow
        listed = ticked or rq._listed(tail.split("\n")[0])  # a list may go on after a line ending in "and" or ","
        colon = re.match(r"[^.:\n`]{0,60}:[ \t]*(?=\S)", tail)
        if not listed and colon:  # "tables but we need only three of them: rooms, guests and bookings"
            listed = rq._listed(tail[colon.end():].split("\n")[0])
        # `table stock_items please`, `table products: the id is ...`
        snake_name = re.match(r"\s*([a-z][a-z0-9]*_[a-z0-9_]+)\b|\s*([a-z][a-z0-9_]*)\s*:", tail)
        bullets = _bulleted(reading.text[match.end():]) if reading.text[match.start():match.end()].rstrip().endswith(
            ":") else []
        names += bullets or listed or ([snake_name.group(1) or snake_name.group(2)] if snake_name else [])
    for match in re.finditer(r"`?([A-Za-z_]\w*)`?[ \t]+table\b", reading.text):  # on one line: not a YAML key
        names.append(match.group(1))
    for match in re.finditer(r"^[ \t]*(?:[\w ]{0,30}\s)?tables?[ \t]*:?[ \t]*\n((?:[ \t]+[a-z][a-z0-9_]*\b[^\n]*\n?)+)",
                             reading.text, re.I | re.M):  # a heading (`Target tables`), then indented rows
        names += re.findall(r"^[ \t]+([a-z][a-z0-9_]*)\b", match.group(1), re.M)
    # pasted code or pseudo-code that writes rows: `upsert("order_lines", row)`, `op.upsert(table="orders", ...)`
    names += re.findall(r"\bupsert\(\s*(?:table\s*=\s*)?[\"']([A-Za-z_]\w*)[\"']", reading.text)
    for match in re.finditer(r"\b(?:land|load|write|sav|stor|sync|put|nam|call)\w*\s+(?:[\w']+\s+){0,3}?"
                             r"(?:as|to|into)\s+(?:the\s+table\s+)?`([A-Za-z_]\w*)`", reading.text, re.I):
        names.append(match.group(1))  # "land it as `daily_pageviews`", "write a row to `order_lines`"
    # the subject of a grain: "purchase_orders should be one row per order", "`visits` has a row per visit"
    names += [a or b for a, b in re.findall(
        r"(?:`([A-Za-z_]\w*)`|\b([a-z][a-z0-9]*_[a-z0-9_]+))\s*(?:(?:should|will|must)\s+(?:be|have)\s+|is\s+|are\s+|"
        r"gets?\s+|has\s+)?(?:exactly\s+)?(?:one|a|1)\s+row\s+(?:per|for\s+(?:each|every))\b", reading.text)]
    # "the table keeps the same name (pricelist)", "table name is `orders`" (not "is called": often the source's)
    names += re.findall(r"\btables?\b[^.!?\n]{0,60}?\bname\s*(?:is\s*)?[(`\"']([A-Za-z_]\w*)[)`\"']",
                        reading.text, re.I)
    kept = list(dict.fromkeys(rq.snake(n) for n in names if n.lower() not in NO_TABLE and not n.isdigit()))
    lowered = reading.text.lower()
    return sorted(kept, key=lambda n: _written_at(n, lowered))


def renamed_tables(reading: rq.Reading, endpoints: list[rq.Endpoint], stated: list[str]) -> list[str]:
    """Marked names that qualify an endpoint's own noun: `clinic_visits` for /visits, green_coffee_lots for
    /v1/lots, `building_permits` for /permits/search. Whatever the sentence around them says ("must be
    named", "I want to call them", "land it in"), a user renaming a table keeps the source's noun and puts a
    qualifier before it, so the relation is read from the names themselves. Names with another role in the
    request (a configuration key, a parameter, a field of an example response) are not tables, and one
    that qualifies a per-parent endpoint by its parent's noun (`shipment_events`) is a child, which the
    other rules place."""
    marked = [*reading.identifiers, *re.findall(r"(?<![\w`/.{-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w`/}-]|\.\w)",
                                                   reading.text)]
    fields: set[str] = set()
    for example in reading.examples():
        fields |= _keys_in(example)
    taken = {*reading.config_keys, *rq.parameters(reading.text), *(q for e in endpoints for q in e.query), *fields}
    nouns = {n for e in endpoints for n in (rest.table_name(e.path), rest.singular(rest.table_name(e.path)))}
    out = []
    for name in dict.fromkeys(rq.snake(m) for m in marked):
        if name in taken or name in stated:
            continue
        for endpoint in endpoints:
            qualifier = _qualifier(name, rest.table_name(endpoint.path))
            if qualifier and not (endpoint.placeholders and qualifier in nouns):
                out.append(name)
                break
    return out


def _qualifier(name: str, noun: str) -> str:
    """What a name puts before a noun it ends with (`clinic` of `clinic_visits` for `visits` or `visit`), or ""."""
    return next((name[: -len(w) - 1] for w in (noun, rest.singular(noun))
                 if name.endswith("_" + w) and len(name) > len(w) + 1), "")


_DROP = r"(?:skip|drop|ignore|exclude|leave\s+out|leave|omit)"
_POINTER = r"(?:it|that(?:\s+one)?|this(?:\s+one)?)"  # one thing; "skip those" points at records
_NOT_WANTED = r"(?:(?:not\s+|n['’]t\s+)(?:needed|wanted|required|in\s+scope)|out\s+of\s+scope|(?:a\s+)?later\s+phase|" \
              r"unnecessary)"
_HAVE = r"(?:(?:we|i)\s+)?(?:already\s+(?:have|get|sync|pull|load)|(?:do\s+not|don'?t)\s+need|no\s+need\s+for)"


def declined(endpoint: rq.Endpoint, reading: rq.Reading) -> bool:
    """The request turns this endpoint down in a sentence of its own: "skip <it or its noun>", "<noun> ... not
    needed / out of scope / a later phase", "we already have <noun>". A pointer ("skip it") reaches back to
    the endpoint named last before it; any other object ("skip the archived ones") declines nothing."""
    forms = _mentions(endpoint)
    for sentence in re.split(r"(?<=[.!?])\s+|\n|;", reading.text):
        low = sentence.lower()
        spots = _said(forms, low)
        if not spots:
            continue
        others = [at for e in reading.endpoints if e is not endpoint for at in _said(_mentions(e), low)]
        for cue in re.finditer(rf"\b{_DROP}\s+(?:the\s+)?({_POINTER}\b|[\w/\-]+)|{_NOT_WANTED}|\b{_HAVE}\s+"
                               r"(?:the\s+|any\s+)?([\w/\-]+)", low):
            target = cue.group(1) or cue.group(2)
            if target is not None and not re.fullmatch(_POINTER, target):  # an object: this endpoint's, or none
                if any(target in (f, f.replace(" ", "_")) for f in forms):
                    return True
                continue
            before = [at for at in spots if at < cue.start()]
            if before and max(before) > max([o for o in others if o < cue.start()], default=-1):
                return True
    return False


def _said(forms: set[str], low: str) -> list[int]:
    """Where a (lowercased) sentence names an endpoint by any of its forms, as a whole word or path."""
    return [m.start() for form in forms for m in re.finditer(rf"(?<!\w){re.escape(form)}(?![\w/])", low)]


def _had(name: str, text: str) -> bool:
    """A name the user says they have elsewhere ("we already have a `rides` table from another vendor"):
    the reason for another name, not a table to make."""
    words = re.escape(name).replace("_", "[_ ]")
    return bool(re.search(rf"\b{_HAVE}\s+(?:\w+\s+){{0,3}}?[`'\"]?{words}\b", text, re.I))


def only_wanted(endpoints: list[rq.Endpoint], text: str) -> list[rq.Endpoint]:
    """The endpoints a sentence keeps alone: "only <a> and <b>" (or "just"), where the list of their nouns
    ends the clause; "only orders changed since ..." goes on, and restricts nothing. Empty: no such list."""
    forms = {id(e): _mentions(e) for e in endpoints}
    alternatives = "|".join(sorted({re.escape(f) for fs in forms.values() for f in fs}, key=len, reverse=True))
    if not alternatives:
        return []
    item = rf"(?:the\s+)?(?:{alternatives})"
    lead = r"\b(?:only|just)\s+(?:(?:need|want|sync|pull|care\s+about|the)\s+)*"
    for run in re.finditer(rf"{lead}({item}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){item})*)\s*(?=[.,;:!?)\n]|$)",
                           text.lower()):
        said = {m.group(0) for m in re.finditer(alternatives, run.group(1))}
        kept = [e for e in endpoints if forms[id(e)] & said]
        if kept and len(kept) < len(endpoints):
            return kept
    return []


def _mentions(endpoint: rq.Endpoint) -> set[str]:
    """How a request may name an endpoint in prose: its path, its noun, singular, with spaces for underscores."""
    noun = rest.table_name(endpoint.path)
    words = {noun, rest.singular(noun)}
    return {endpoint.path.lower(), *words, *(w.replace("_", " ") for w in words)} - {""}


def _keys_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {rq.snake(str(k)) for k in value} | {k for v in value.values() for k in _keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys_in(v)}
    return set()


def _written_at(name: str, lowered: str) -> int:
    """Where the (lowercased) text first gives a name: back-ticked, else as a word; names it never writes go last."""
    ticked = lowered.find(f"`{name}`")
    word = re.search(rf"\b{re.escape(name)}\b", lowered)
    return ticked if ticked >= 0 else word.start() if word else len(lowered)


def _bulleted(tail: str) -> list[str]:
    """`tables:` followed by a list, one table per item: the name each item opens with (`- orders: ...`)."""
    names = []
    for line in tail.lstrip("\n").split("\n"):
        item = re.match(r"\s*(?:[-*•]|\d+[.)])\s+[`\"']?([A-Za-z_]\w*)[`\"']?\s*(?:[:(—–-]|$)", line)
        if not item:
            break
        names.append(item.group(1))
    return names


def _name_for(endpoint: rq.Endpoint, stated: list[str], reading: rq.Reading, only: bool,
              taken: set[str] | None = None) -> str:
    """The stated name its path ends with, else a stated name written next to it (not another
    endpoint's), else its last path segment."""
    own = rest.table_name(endpoint.path)
    taken = taken or set()
    for name in stated:  # `clinic_visits` for /visits: the user's qualified name for the endpoint's own noun
        if _qualifier(name, own) and not endpoint.placeholders and name not in taken:
            return name
    for name in stated:
        if name in (own, rest.singular(own)) or rest.singular(name) == rest.singular(own):
            return name
    for name in stated:  # `shipment_events` for /shipments/{id}/events
        if name not in taken and endpoint.placeholders and name.endswith("_" + own):
            return name
    others = {rest.singular(rest.table_name(e.path)) for e in reading.endpoints if e is not endpoint}
    prefix = f"{rest.singular(own)}_"
    own_named = bool({i.lower() for i in [*reading.identifiers, *stated]} & {own, rest.singular(own)})

    def inside(name: str) -> bool:
        """Something inside the endpoint's records, not its name: `incident_assignments` beside /incidents and
        "an `assignments` array"; `invoice_lines` beside /invoices when `invoices` is written too;
        `contributors` when an example record holds a `"contributors": [...]` array."""
        if endpoint.placeholders:
            return False
        rest_of = name[len(prefix):] if name.startswith(prefix) else ""
        worded = bool(rest_of) and re.search(
            rf"\b{re.escape(rest_of)}[`\"']?\s+(?:array|list)\b|\b(?:array|list)\s+of\s+[`\"']?{re.escape(rest_of)}\b",
            reading.text, re.I)
        array = re.search(rf"[\"']{re.escape(name)}[\"']\s*:\s*\[", reading.text)
        return bool(worded or (rest_of and own_named) or array)

    free = [n for n in stated if n not in taken and rest.singular(n) not in others and not inside(n)]
    around = reading.text[max(0, endpoint.start - 60):endpoint.start + min(len(endpoint.segment), 160)]
    near = [n for n in free if re.search(rf"\b{re.escape(n)}\b", around)]
    if near:
        return near[0]
    return free[0] if only and len(free) == 1 else own


def _stated(reading: rq.Reading) -> list[str]:
    """The tables the request names, less a name it says it has elsewhere and a path placeholder's name
    (`{venue_id}` stands for a value, "add `venue_id` to each room" names a column)."""
    holders = {h.lower() for e in reading.endpoints for h in e.placeholders}
    return [n for n in stated_tables(reading) if not _had(n, reading.text) and n.lower() not in holders]


def rest_spec(reading: rq.Reading, config: dict[str, Any]) -> Extraction:
    found = rest.Found()
    keys = list(dict.fromkeys([*config, *reading.config_keys]))
    roles = rest.roles(reading)
    for role in ("table", "child"):
        kept = [e for e in roles[role] if not declined(e, reading)]
        roles[role] = kept if kept or role == "child" else roles[role]
    roles["table"] = only_wanted(roles["table"], reading.text) or roles["table"]
    stated = _stated(reading)
    stated += renamed_tables(reading, [*roles["table"], *roles["child"]], stated)
    roles["table"] = _listing_endpoints(roles["table"], stated)
    under = [e for e in roles["table"] if e.placeholders and _stated_stem(e.path.split("/{")[0], stated)]
    roles["child"] += under  # `GET /warehouses/{id}/bins` beside a stated `warehouses`: a child of that list
    roles["table"] = [e for e in roles["table"] if e not in under]
    tables = [_table(e, stated, reading, found, len(roles["table"]) == 1) for e in roles["table"]]
    if not roles["table"] and not roles["child"]:
        tables = [_assumed(name, reading, found) for name in stated]
    query, variables = rest.graphql_query(reading, stated)
    if query:
        _graphql(tables, query, variables, reading)
    tables += _implied_parents(roles["child"], tables, stated, reading, found)
    tables += _children(roles["child"], tables, reading, found)
    tables += _included_children(stated, tables, reading)
    tables += _array_children(stated, tables, reading, _xml_arrays(reading.text, tables))
    for table in tables:
        # a key assumed without seeing a record is settled by the data: the probe, or the connector itself
        open_key = (f"{table.name}: the records were not shown", f"{table.name}: no primary key stated or shown")
        table.find_key = any(u.startswith(open_key) for u in found.unresolved) or bool(table.parent and
                                                                                       table.parent.array)
    for table in tables:
        endpoint = next((d for d in roles["deletes"] if table.path and d.path.startswith(table.path.rstrip("/"))),
                        None)
        if endpoint is not None:
            table.deletes = _deletes_endpoint(endpoint, table)
    tables = _jobs(tables, reading, stated) or tables
    _odata(tables, reading, stated)
    _jsonapi(tables, reading, stated)
    posts = [e for e in reading.endpoints if e.method == "POST"]
    soap = request_xml.tables(reading, stated, keys, posts[0].path if posts else reading.base_path or "/")
    if soap:  # the envelope's tables replace what the endpoint lines suggested, and their notes
        gone = {t.name for t in tables} - {t.name for t in soap}
        found.unresolved = [u for u in found.unresolved if u.split(":", 1)[0] not in gone]
        tables = soap
    _window(tables, roles, keys, reading, found)
    _shared_paging(tables, roles["table"])
    base_key = next((k for k in keys if re.search(r"url|host|endpoint", k, re.I)), "base_url")
    _whole_url(tables, base_key, config, reading)
    for table in tables:  # `GET /jobs` under an API root of https://host/v1
        if reading.base_path and table.path and not table.path.startswith(reading.base_path + "/") and \
                table.path != reading.base_path:
            table.path = reading.base_path + table.path
    computed = computed_headers(reading.text, keys)
    unsigned = dataclasses.replace(reading, headers={k: v for k, v in reading.headers.items() if k not in computed})
    auth = rest.auth(unsigned, keys, roles["token"][0] if roles["token"] else None, found) \
        if "Authorization" not in computed else Auth()  # the credential is the computed Authorization header
    for header, key in rest.more_credential_headers(unsigned, auth, keys).items():
        computed[header] = Computed(parts=[f"config:{key}"])  # a second credential header, sent as it is
    spec = Spec(computed_headers=computed, name=_connector_name(reading, tables),
                description=reading.text.strip().split("\n")[0][:200],
                base_url_key=base_key, base_url=reading.base_url, auth=auth, retry=_retry(reading),
                tables=tables or [Table(name="records", path="/records")], unresolved=found.unresolved,
                nested="json" if re.search(r"json column|keep nested|as json", reading.text, re.I) else "flatten")
    if soap:  # a SOAP call says its content type and action; its credentials are in the envelope
        spec.headers, spec.auth, spec.computed_headers = request_xml.headers(reading.text), Auth(), {}
    if not tables:
        spec.unresolved.append("no endpoint or table was named; a placeholder table `records` at /records")
    named = list(config) or reading.config_keys
    in_paths = {p for t in tables if not t.parent for p in re.findall(r"\{(\w+)\}", t.path) if p in named}
    settled = keys_.settle(spec, named, {**keys_.shown_values(reading.text, named), **config}, in_paths)
    if settled:
        found.decided["configuration keys"] = "named: " + ", ".join(settled)
    _placeholders_to_keys(spec, named)
    used = set(spec.config_keys())
    spec.extra_config = [k for k in named if k not in used]
    accept = re.search(r"\bAccept\b\s*:?\s+(application/[\w.+\-]+)", reading.text)
    if accept and accept.group(1) not in ("application/json", "application/xml"):
        spec.headers = {"Accept": accept.group(1)}  # a media type the API insists on (JSON:API, vendor types)
    found.decided["base_url"] = "text" if reading.base_url else "default"
    return Extraction(spec, found.decided)


def _table(endpoint: rq.Endpoint, stated: list[str], reading: rq.Reading, found: rest.Found, only: bool) -> Table:
    name = _name_for(endpoint, stated, reading, only)
    example = rest.example_for(endpoint, reading)
    located = rest.records_path(example) if example is not None else None
    records = located[0] if located else ""
    record = next((i for i in (located[1] if located else []) if isinstance(i, dict) and i), None)
    if record is not None and example not in rq.json_examples(endpoint.segment):
        record = None  # a sibling's example shows the envelope they share, not this endpoint's records
    if located is None and isinstance(example, dict) and re.search(r"\[\s*\{", endpoint.segment) and \
            not rest.keyed_records(example):
        located = ("", [example])  # `[{...}, ...]`: the response is a list and this is one record
        record = example
    keyed = rest.keyed_records(example) if located is None else None
    if keyed:
        records, record = keyed[0], {keyed[1]: ""}
        located = (records, [record])
    if located is None:
        found.unresolved.append(f"{name}: where the records sit in the response was not shown; assumed a top-level "
                                "list (a probe of the source settles it)")
    table = Table(name=name, path=endpoint.path, method="POST" if endpoint.method == "POST" else "GET",
                  records=records, keyed_by=keyed[1] if keyed else "", pagination=_paging(endpoint, example, reading))
    if endpoint.method == "POST" and isinstance(endpoint.body, dict):
        table.body = _without(endpoint.body, {table.pagination.param, table.pagination.size_param})
    table.params = _fixed_params(endpoint, table)
    table.primary_key = rest.primary_key(name, endpoint.segment, reading, record, found, only)
    if keyed and found.decided.get(f"{name}.primary_key") != "text":
        table.primary_key = [keyed[1]]  # the object's keys are the records' ids
        found.unresolved = [u for u in found.unresolved if not u.startswith(f"{name}: no primary key")]
    skip = {table.pagination.param, table.pagination.size_param}
    table.incremental = rest.incremental(endpoint, record, reading, skip)
    if table.pagination.kind == "keyset" and table.incremental is None and \
            rest.asks_incremental(endpoint.segment + "\n" + reading.text):
        # the key that asks for the next page also asks the next sync for what came after the last one
        table.incremental = Incremental(field=table.pagination.field, param=table.pagination.param)
    flag = rest.delete_flag(record, endpoint.segment, reading)
    field_, value = rest.delete_value(record, endpoint, reading) if not flag else ("", "")
    if (flag or field_) and re.search(r"\bdelet", reading.text, re.I):
        table.deletes = Deletes(flag=flag or field_, flag_value=value)
        shown = [p for p in [*endpoint.query, *re.findall(r"`(\w+)`", endpoint.segment)]
                 if re.fullmatch(r"(?:with|include|show)_?(?:deleted|removed|archived)", p, re.I)]
        table.params.update({p: "true" for p in shown[:1]})  # deleted records are only listed when asked for
    table.skip_flag = rest.skip_flag(record, reading, table.deletes.flag if table.deletes else "")
    if endpoint.method == "POST" and endpoint.path.rstrip("/").endswith("/_search"):
        rest.search_index(table, reading)
        found.unresolved = [u for u in found.unresolved if not u.startswith(f"{name}: where the records sit")]
    atom = endpoint.path.endswith((".atom", ".rss")) or bool(re.search(r"\bAtom\b", reading.text))
    if re.search(r"<\?xml|<feed|xmlns|\bXML\b|\bAtom\b|<(\w+)[^<>]*>[^<>]*<(\w+)[^<>]*>.*?</\2>", endpoint.segment) \
            or endpoint.path.endswith((".xml", ".atom", ".rss")):
        table.xml_record = _xml_record(endpoint.segment) if not atom or "<entry" in endpoint.segment else "entry"
        table.records = ""
        shown = _xml_examples(endpoint.segment, {table.xml_record})
        if shown and record is None and not set(table.primary_key) <= set(shown[0]):  # keys the XML records lack
            table.primary_key = rest.primary_key(name, endpoint.segment, reading, shown[0], found, only)
        if "rel=\"next\"" in endpoint.segment or "rel='next'" in endpoint.segment:
            table.pagination = table.pagination.model_copy(update={"kind": "link"})
    return table


def _placeholders_to_keys(spec: Spec, named: list[str]) -> None:
    """A path placeholder no key is named after (`/forms/{form_id}/...`) reads the one named key that
    shares a word with it and nothing else reads (`qf_form`, "the form id in `qf_form`")."""
    used = set(spec.config_keys())
    for table in spec.tables:
        if table.parent:
            continue
        for holder in re.findall(r"\{(\w+)\}", table.path):
            words = {w for w in holder.lower().split("_") if w not in ("id", "key", "name")}
            free = [k for k in named if k not in used and words & set(k.lower().split("_"))]
            if holder not in named and len(free) == 1:
                table.path = table.path.replace("{" + holder + "}", "{" + free[0] + "}")
                used.add(free[0])
        if table.job is not None:  # the job's status path names the same placeholder the same way
            for holder in re.findall(r"\{(\w+)\}", table.job.status_path):
                renamed = [k for k in re.findall(r"\{(\w+)\}", table.path) if holder not in named and
                           k.lower().endswith("_" + holder.lower())]
                if len(renamed) == 1:
                    table.job.status_path = table.job.status_path.replace("{" + holder + "}", "{" + renamed[0] + "}")


def _without(body: dict[str, Any], paging: set[str], prefix: str = "") -> dict[str, Any]:
    """A POST body less the paging fields the connector sets on each page (`page.after` inside `page`)."""
    return {k: _without(v, paging, f"{prefix}{k}.") if isinstance(v, dict) else v for k, v in body.items()
            if f"{prefix}{k}" not in paging}


def _listing_endpoints(endpoints: list[rq.Endpoint], stated: list[str]) -> list[rq.Endpoint]:
    """The endpoints that list a table's records, from an API's whole endpoint list: not a POST that creates
    on a path another endpoint GETs, not an API version root (`/api/v1`), and, when the request names its
    tables, only those (and the parents of per-parent ones it names), nor the bare root beside others."""
    gets = {e.path.rstrip("/") for e in endpoints if e.method == "GET"}
    kept = [e for e in endpoints if not (e.method == "POST" and e.path.rstrip("/") in gets)
            and not re.search(r"/v\d+(?:\.\d+)?/?$", e.path)]
    if len(kept) > 1:  # the bare root (`GET /`) and `$metadata` describe the service, beside its lists
        kept = [e for e in kept if e.path.strip("/") and not e.path.rsplit("/", 1)[-1].startswith("$")] or kept
    names = {id(e): rest.table_name(e.path) for e in kept}
    wanted = {n for n in stated} | {rest.singular(n) for n in stated}
    named = [e for e in kept if names[id(e)] in wanted or rest.singular(names[id(e)]) in wanted]
    if not named or len(named) == len(kept):
        return kept or endpoints
    parents = {e.path.split("/{")[0].rstrip("/") for e in named if e.placeholders}
    return [e for e in kept if e in named or e.path.rstrip("/") in parents or
            any(n.endswith("_" + names[id(e)]) or n.endswith("_" + rest.singular(names[id(e)])) or
                _of_path_words(n, e.path) for n in stated)]


def _of_path_words(name: str, path: str) -> bool:
    """A name made of the path's own words in another order (`daily_stats` for /v1/stats/daily)."""
    words = {w for part in path.lower().split("/") if part and not part.startswith(("{", "<", ":"))
             for w in re.split(r"[_\-]", part)}
    parts = name.lower().split("_")
    return len(parts) > 1 and all(p in words or rest.singular(p) in words for p in parts)


def _shared_paging(tables: list[Table], endpoints: list[rq.Endpoint]) -> None:
    """An endpoint written with one of the API's paging parameters (`/comments?per_page=1`, or `per_page=1`
    in the words beside it) but no paging of its own pages the way the API's other endpoints do, when
    they all page one way."""
    kinds = {t.pagination.model_dump_json(): t.pagination for t in tables if t.pagination.kind != "none"}
    if len(kinds) != 1:
        return
    shared = next(iter(kinds.values()))
    said_of_all = re.search(r"\b(?:both|all|each|every)\b[^.\n]{0,40}\bpag(?:ed|inat\w*|es?)\b",
                            " ".join(e.segment for e in endpoints), re.I)  # "both are paged with page and page_size"
    for table, endpoint in zip(tables, endpoints, strict=False):
        written = {shared.param, shared.size_param} & set(endpoint.query) or any(  # "with `per_page=1`" beside it
            p and re.search(rf"\b{re.escape(p)}=", endpoint.segment) for p in (shared.param, shared.size_param))
        alike = re.search(r"\bpag(?:ed|inated|es?)\b[^.\n]{0,20}\b(?:the\s+)?same\s+way\b|\bsame\s+pag",
                          endpoint.segment.split("\n\n")[0], re.I)  # "contacts are paged the same way"
        if table.pagination.kind == "none" and (written or said_of_all or alike):
            table.pagination = shared.model_copy()


def _fixed_params(endpoint: rq.Endpoint, table: Table) -> dict[str, str]:
    """Query parameters written with a literal value that no block sets (`status=publish,draft`,
    `order=asc`): sent on every request. Paging, credentials, numbers, dates and placeholders are not."""
    taken = {table.pagination.param, table.pagination.size_param}
    literal = re.compile(r"^(?![\d.,\-]+$)(?!.*(?:\.\.\.|…|YYYY|\$|<|\{|\d{4}-\d\d))[\w.,:\-]+$")
    return {name: value for name, value in endpoint.query.items() if name not in taken and literal.match(value)
            and not re.search(r"key|token|secret|sig|pass|auth|page|offset|cursor|after|before|since|from|to$|"
                              r"limit|size|count", name, re.I)}


def _whole_url(tables: list[Table], base_key: str, config: dict[str, Any], reading: rq.Reading) -> None:
    """When the configured URL is the endpoint itself (`graphql_url`), the table's path is empty."""
    value = str(config.get(base_key) or "").rstrip("/")
    for table in tables:
        if table.path and value.endswith(table.path.rstrip("/")):
            table.path = ""


def _paging(endpoint: rq.Endpoint, example: Any, reading: rq.Reading) -> Any:
    """The endpoint's pagination; an endpoint listed together with the next one (`/a and /b both take
    ?page=N`) shares what the text says after them."""
    paging = rest.paging(endpoint, example, reading)
    following = [e for e in reading.endpoints if e.start > endpoint.start]
    if paging.kind == "none" and following and len(endpoint.segment.strip()) < 80:
        shared = rq.Endpoint(endpoint.method, endpoint.path, endpoint.query, endpoint.body,
                             segment=endpoint.segment + following[0].segment)
        paging = rest.paging(shared, example, reading)
    return paging


def _assumed(name: str, reading: rq.Reading, found: rest.Found) -> Table:
    """A table the request names without an endpoint: GET /name with records under `name`, noted."""
    found.unresolved.append(f"{name}: endpoint not given; assumed GET /{name} with records under `{name}`")
    endpoint = rq.Endpoint("GET", f"/{name}", segment=reading.text)
    return Table(name=name, path=f"/{name}", records=name, pagination=rest.paging(endpoint, None, reading),
                 primary_key=rest.primary_key(name, "", reading, None, found, False),
                 incremental=rest.incremental(endpoint, None, reading, set()))


def _xml_arrays(text: str, tables: list[Table]) -> list[str]:
    """The fields of an XML example's records that hold lists (`<Stock><Location .../>...</Stock>`), read the
    way the connector reads them (blocks.rest.xml_record), for child tables."""
    records = _xml_examples(text, {t.xml_record for t in tables if t.xml_record})
    return list(dict.fromkeys(k for r in records for k, v in r.items() if isinstance(v, list)))


def _xml_examples(text: str, tags: set[str]) -> list[dict[str, Any]]:
    """The records of the XML examples in the text (elements named `tags`), as the connector reads them."""
    import xml.etree.ElementTree as ElementTree

    from assistant.connector.blocks import rest as engine

    out: list[dict[str, Any]] = []
    for start in re.finditer(r"<([A-Za-z][\w:.\-]*)[^<>]*\bxmlns|<\?xml[^>]*>\s*<([A-Za-z][\w:.\-]*)", text):
        tag = start.group(1) or start.group(2)
        end = text.find(f"</{tag}>", start.end())
        if not tags or end < 0:
            continue
        example = re.sub(r"^<\?xml[^>]*>\s*", "", text[start.start():end + len(tag) + 3])
        example = re.sub(r"<(\w[\w:.\-]*)([^<>]*)>\s*\.\.\.\s*</\1>", r"<\1\2/>", example)  # `<x>...</x>`
        try:
            root = ElementTree.fromstring(example)
        except ElementTree.ParseError:
            continue
        out += [engine.xml_record(e) for e in root.iter() if engine.local_name(e.tag) in tags]
    return out


def _xml_record(segment: str) -> str:
    """The element that repeats inside an XML example's root: `entry` in an Atom feed."""
    openings = [m for m in re.finditer(r"(?m)^[ \t]*<([A-Za-z][\w:.\-]*)[^<>]*>", segment)
                if f"</{m.group(1)}>" in segment[m.end():]]  # the example starts a line; a <tag> in prose does not
    opening = openings[0] if openings else None
    if opening is not None:
        segment = segment[opening.start():segment.rindex(f"</{opening.group(1)}>") + len(opening.group(1)) + 3]
    depth, parents = 0, []  # parents: tags that hold elements
    seen: list[tuple[str, int]] = []  # (tag, depth) in document order
    for match in re.finditer(r"<(/?)([A-Za-z][\w:.\-]*)[^<>]*?(/?)>", segment):
        closing, tag, empty = match.group(1), match.group(2).split(":")[-1], match.group(3)
        if closing:
            depth = max(0, depth - 1)
            continue
        if seen and seen[-1][1] == depth - 1:
            parents.append(seen[-1][0])
        seen.append((tag, depth))
        depth += 0 if empty else 1
    tags = [t for t, _ in seen]
    if "entry" in tags or "item" in tags:
        return "entry" if "entry" in tags else "item"
    level_one = [t for t, d in seen if d == 1 and t != "link"]
    holders = [t for t in level_one if t in parents]
    return holders[0] if holders else (level_one[0] if level_one else (tags[1] if len(tags) > 1 else ""))


def _graphql(tables: list[Table], query: str, variables: dict[str, Any], reading: rq.Reading) -> None:
    records, page_info = rest.graphql_paths(query)
    cursor = re.search(r"\bafter\s*:\s*\$(\w+)", query)
    offset = re.search(r"\b(offset|skip)\s*:\s*\$(\w+)", query)
    stated = stated_tables(reading)
    name = stated[0] if stated else rq.snake(records.split(".")[-2]) if "." in records else "records"
    table = next((t for t in tables if t.method == "POST"), None) or next(
        (t for t in tables if "graphql" in t.path.lower()), None) or (tables[0] if len(tables) == 1 else None)
    if table is None:
        table = Table(name=name, method="POST")
        tables.append(table)
    table.name, table.method, table.graphql, table.records = name, "POST", query, records
    table.variables = {k: v for k, v in variables.items() if not cursor or k != cursor.group(1)}
    table.body = None
    if page_info and cursor:
        table.pagination = table.pagination.model_copy(update={"kind": "relay", "param": cursor.group(1),
                                                               "page_info": page_info, "where": "variables",
                                                               "size_param": "", "size": 0})
    elif offset:
        size_name = next((v for v in variables if v in rest.SIZE_PARAMS), "")
        size_value = min(int(variables.get(size_name) or 0), reading.limits.get(size_name, 10_000))
        total = re.sub(r"\.(nodes|edges|items)$", "", records) + ".totalCount" if "totalCount" in query else ""
        table.pagination = Paging(kind="offset", param=offset.group(1), where="variables", size_param=size_name,
                                  size=size_value, total=total)
        table.variables = {k: v for k, v in table.variables.items() if k not in (offset.group(1), size_name)}


_ROUTE = r"`?(?:\{\{?\w*\}?\}|<[\w ]*>)?(/[\w\-/{}<>.$]*)"


def _jobs(tables: list[Table], reading: rq.Reading, stated: list[str]) -> list[Table]:
    """Export jobs: a POST to a path and a GET of that path plus one id (`POST /exports`, then `GET
    /exports/<id>` until it is done): each table is a job started with the POST's body, the body's value
    that names a table (`{"object": "contacts"}`) set to each table's own. [] when the request shows none."""
    def route(raw: str) -> str:
        return re.sub(r"<(\w+)>", r"{\1}", raw).rstrip(".")

    posts = [(m.end(), route(m.group(1))) for m in re.finditer(rf"\bPOST\b(?:\s+(?:to|on))?\s+{_ROUTE}", reading.text)]
    gets = [route(m.group(1)) for m in re.finditer(rf"\bGET\b\s+{_ROUTE}", reading.text)]
    for at, post in posts:
        status = next((g for g in gets if re.fullmatch(re.escape(post.rstrip("/")) + r"/\{(\w+)\}", g)), "")
        if not status or post.rstrip("/") in {g.rstrip("/") for g in gets}:
            continue  # a resource the API also lists (`GET /shifts`, `POST /shifts` creates one) is no export
        placeholder = status.rsplit("{", 1)[1].rstrip("}")
        shown = next(iter(rq.json_examples(reading.text[at:at + 400])), None)
        names = stated or [t.name for t in tables if not t.parent] or [rest.table_name(post)]
        changes = next((t.incremental for t in tables if t.incremental is not None), None)
        out = []
        for name in names:
            old = next((t for t in tables if t.name == name), None)
            body = {k: (name if isinstance(v, str) and v in stated else v) for k, v in (shown or {}).items()}
            said = rest.Found()
            stated_key = rest.primary_key(name, "", reading, None, said, len(names) == 1)
            assumed = said.decided.get(f"{name}.primary_key") != "text"
            key, find = (old.primary_key, old.find_key) if old and (not old.find_key or assumed) else \
                (stated_key, assumed)
            table = Table(name=name, path=post, method="POST", primary_key=key, find_key=find,
                          body={k: v for k, v in body.items() if not re.search(
                              r"after|since|from|start", k) or k == "date_from"} if body else {},
                          job=Job(status_path=status, id_field=placeholder))
            if changes is not None:  # every export takes the same `updated_after`
                table.incremental = changes.model_copy()
                if re.search(rf"[\"']{re.escape(changes.param)}[\"']\s*:", reading.text):
                    table.incremental.where = "body"  # `"updated_after": "<ISO timestamp>"` goes in the body
            out.append(table)
        return out
    return []


def _stated_stem(prefix: str, stated: list[str]) -> str:
    """The stated table a path names (`/warehouses` -> `warehouses`), or ""."""
    own = rest.table_name(prefix)
    return next((n for n in stated if n in (own, rest.singular(own)) or rest.singular(n) == rest.singular(own)), "")


def _implied_parents(children: list[rq.Endpoint], tables: list[Table], stated: list[str], reading: rq.Reading,
                     found: rest.Found) -> list[Table]:
    """A stated table whose list the request gives only as the stem of a child's path (`warehouses` beside
    `GET /warehouses/{id}/bins`): GET /warehouses, read as the response shows it."""
    out: list[Table] = []
    for endpoint in children:
        prefix = endpoint.path.split("/{")[0]
        name = _stated_stem(prefix, stated)
        if name and not any(t.path == prefix or t.name == name for t in [*tables, *out]):
            listing = rq.Endpoint("GET", prefix, segment=endpoint.segment)
            table = _table(listing, stated, reading, found, False)
            table.name, table.records = name, ""  # where the list sits: the probe, or the connector, finds it
            out.append(table)
    return out


def _children(children: list[rq.Endpoint], tables: list[Table], reading: rq.Reading, found: rest.Found) -> list[Table]:
    """`/vehicles/{id}/trips`: one request per parent row, the parent's id in each child row."""
    if not children:
        return []
    out = []
    stated = _stated(reading)
    stated += renamed_tables(reading, children, stated)
    for endpoint in children:
        parent = next((t for t in tables if t.path == endpoint.path.split("/{")[0]), None)
        if parent is None:
            continue
        placeholder = endpoint.placeholders[0]
        field_ = placeholder if placeholder in parent.primary_key else (parent.primary_key or ["id"])[0]
        column = placeholder if placeholder.endswith("_id") and placeholder != "id" else \
            f"{rest.singular(parent.name)}_id"
        child = _table(endpoint, stated, reading, found, False)
        written = [e for e in reading.endpoints if e is not endpoint and child.pagination.param in e.query]
        if child.pagination.kind == "page" and child.pagination.param not in endpoint.query and written and \
                child.pagination.param not in endpoint.segment.split("\n")[0]:
            child.pagination = Paging()  # the page parameter is written on another endpoint only, not this one
        child.parent = Parent(table=parent.name, keys={field_: column})
        if child.primary_key and column not in child.primary_key:
            child.primary_key = [column, *child.primary_key]  # ids may start again under each parent
        child.incremental = None
        out.append(child)
    return out


def _included_children(stated: list[str], tables: list[Table], reading: rq.Reading) -> list[Table]:
    """A stated table no endpoint serves whose records an example shows in a second list of another
    table's response, marked with their `type` (JSON:API `included`)."""
    out = []
    for name in stated:
        if any(t.name == name for t in tables):
            continue
        found = next((found for table in tables if (found := _included_list(name, table, reading))), None)
        if found:
            parent, path, kind = found
            out.append(Table(name=name, primary_key=["id"], parent=Parent(table=parent, included=path, type=kind)))
    return out


def _included_list(name: str, table: Table, reading: rq.Reading) -> tuple[str, str, str] | None:
    """(table, list path, type) of a list beside `table`'s records whose items are of type `name`."""
    shown = [e for ep in reading.endpoints if ep.path == table.path for e in rq.json_examples(ep.segment)]
    if not shown and table.path:  # the example is shown apart from its request (a pasted response)
        shown = [e for e in rq.json_examples(reading.text) if isinstance(e, dict) and "included" in e]
    for example in shown:
        related = _related_types(example, name)  # `authors` are the `people` each record's `author` points to
        for path, items in rq.list_paths(example):
            kinds = {i.get("type") for i in items if isinstance(i, dict)} & {name, rest.singular(name), *related}
            if path != table.records and kinds:
                return table.name, path, str(next(iter(kinds)))
    return None


def _related_types(example: Any, name: str) -> set[str]:
    """The types a JSON:API record's relationship named like `name` (`author` for `authors`) points to."""
    records = example.get("data") if isinstance(example, dict) else None
    out: set[str] = set()
    for record in records if isinstance(records, list) else []:
        links = record.get("relationships") if isinstance(record, dict) else None
        for rel, value in (links or {}).items() if isinstance(links, dict) else []:
            if rel in (name, rest.singular(name)) and isinstance(value, dict):
                data = value.get("data")
                for item in data if isinstance(data, list) else [data]:
                    if isinstance(item, dict) and isinstance(item.get("type"), str):
                        out.add(item["type"])
    return out


def _array_children(stated: list[str], tables: list[Table], reading: rq.Reading,
                    known: list[str] | None = None) -> list[Table]:
    """A stated table with no endpoint whose rows are an array field of another table's records
    (`line_items`, or one of the `known` arrays the data holds that ends its name): one child row per
    item, with the parent's key."""
    out = []
    named = {t.name for t in tables}
    for name in stated:
        if name in named:
            continue
        parent = next((t for t in tables if any(a in name for a in _aliases(t))), tables[0] if tables else None)
        aliases = _aliases(parent) if parent else set()
        rest_of_name = re.sub(rf"^(?:{'|'.join(map(re.escape, sorted(aliases, key=len, reverse=True)))})_", "",
                              name) if parent else name
        arrays = [rest_of_name] if rest_of_name != name and re.search(  # `events`, or "each scan event"
            rf"\b(?:{re.escape(rest_of_name)}|{re.escape(rest.singular(rest_of_name))})\b", reading.text) else []
        arrays += [i for i in reading.identifiers if i != name and (i in name or rest.singular(i) in name
                                                                   or name.endswith(i)) and i not in aliases]
        written = re.findall(r"[\"'`]?(\w+)[\"'`]?\s*:?\s*\[\s*\{", reading.text)  # `channels [ {channel, kwh}`
        written += re.findall(r"\b([a-z]\w*)\[\]", reading.text)  # `line_items[]`: an array, as written in notes
        arrays += [f for f in [*(known or []), *written]  # `order_lines` from `lines`; `contributors` from itself
                   if name.endswith("_" + f.lower()) or name.endswith("_" + rest.singular(f.lower())) or f == name]
        others = [f for f in dict.fromkeys([*(known or []), *written]) if f not in named and f != name and
                  rest.singular(f) not in aliases and f not in ("data", "items", "results", "records")]
        prose_only = arrays == [rest_of_name] and rest_of_name not in written and not re.search(
            rf"[\"'`]{re.escape(rest_of_name)}[\"'`]\s*:", reading.text)  # a word in a sentence, never a field
        stems = {rest.singular(w) for w in rest_of_name.lower().split("_")}
        sharing = [f for f in others if stems & {rest.singular(w) for w in f.lower().split("_")}]
        others = sharing if len(sharing) == 1 else others  # `lines` <- `line_items[]`, not `discounts[]`
        if (not arrays or prose_only) and len(others) == 1 and parent is not None and \
                any(a in name for a in aliases):
            # `invoice_lines` from the one array an invoice holds (`line_items`)
            arrays = others
        if arrays and parent is not None:
            out.append(rest.array_child(name, parent, arrays[0]))
    return out


def _aliases(table: Table) -> set[str]:
    """What a table's records are called: its name and its endpoint's noun (`shop_orders` lists /orders),
    each also singular, so `order_lines` is read as a child of it."""
    own = rest.table_name(table.path) if table.path else table.name
    return {table.name, rest.singular(table.name), own, rest.singular(own)}


_JSONAPI = re.compile(r"JSON:?API|vnd\.api\+json", re.I)


def _jsonapi(tables: list[Table], reading: rq.Reading, stated: list[str]) -> None:
    """A JSON:API service, by its conventions: records in `data`, and a stated table no endpoint lists
    taken from the `included` resources of that type beside the first table's records (with no example
    that shows them; an example is read by `_included_children`)."""
    if not _JSONAPI.search(reading.text):
        return
    tops = [t for t in tables if not t.parent and not t.graphql]
    for table in tops:
        table.records = table.records or "data"
    listed = {t.name for t in tables}
    for name in [n for n in stated if n not in listed] if tops else []:
        tables.append(Table(name=name, primary_key=["id"], parent=Parent(table=tops[0].name, included="included",
                                                                         type=name)))


_ODATA = re.compile(r"\bOData\b|\$metadata\b|@odata\.|\$(?:filter|expand|skiptoken)=", re.I)


def _odata(tables: list[Table], reading: rq.Reading, stated: list[str]) -> None:
    """An OData service, by its conventions rather than by the request's words: records in `value`, the
    server's `@odata.nextLink` followed as given, a shown `$filter=<Field> gt <time>` as the incremental
    filter (its literal written the way the example writes it), and a `$expand=<Nav>` a stated table
    ends with as that table's rows, expanded into each parent record."""
    if not _ODATA.search(reading.text):
        return
    filtered = re.search(r"\$filter=\s*(\w+)\s+(gt|ge)\s+('?)[\d\-T:.Z+]+('?)", reading.text)
    expands = re.findall(r"\$expand=(\w+)", reading.text)
    for table in [t for t in tables if not t.parent and t.method == "GET" and not t.graphql]:
        table.records = table.records or "value"
        if table.pagination.kind in ("none", "page", "offset"):
            table.pagination = Paging(kind="link")
        if filtered and table.incremental is None:
            field, op, quote = filtered.group(1), filtered.group(2), filtered.group(3)
            table.incremental = Incremental(field=field, param="$filter",
                                            template=f"{field} {op} {quote}{{cursor}}{quote}")
        for nav in expands:
            child = next((n for n in stated if n not in {t.name for t in tables} and
                          (n.endswith("_" + nav.lower()) or n.endswith("_" + rest.singular(nav.lower())))), None)
            if child is None:
                continue
            table.params["$expand"] = nav
            tables.append(rest.array_child(child, table, nav, find_key=True))


def _deletes_endpoint(endpoint: rq.Endpoint, table: Table) -> Deletes:
    example = next(iter(rq.json_examples(endpoint.segment)), None)
    located = (rest.records_path(example) or next(iter(rq.list_paths(example)), None)) if example is not None else None
    since = next((p for p in endpoint.query if rest.SINCE.search(p)), "")  # ids are a list of strings
    return Deletes(path=endpoint.path, ids=located[0] if located else "", since_param=since)


def _window(tables: list[Table], roles: dict[str, list[rq.Endpoint]], keys: list[str], reading: rq.Reading,
            found: rest.Found) -> None:
    for table, endpoint in zip(tables, roles["table"], strict=False):
        params = rest.window_params(endpoint)
        if not params:
            continue
        end = roles["end"][0] if roles["end"] else None
        end_example: dict[str, Any] = next(iter(rq.json_examples(end.segment)), {}) if end else {}
        days = re.search(r"(\d+)\s*days?\s+(?:at a time|per (?:request|call|window))|(?:at most|max(?:imum)?|up to|"
                         r"more than|span\w*)\s+(\d+)\s+days?\b|\b(\d+)[- ]day\s+(?:windows?|range|span)",
                         reading.text, re.I)
        last, first = rest.window_fields(end_example)
        start_key = next((k for k in keys if re.search(r"start|from|since|begin|day", k, re.I)), "" if first else
                         "start_date")
        said = endpoint.segment + reading.text  # "to is inclusive", or "inclusive" with no end called exclusive
        inclusive = re.search(r"\bto\b[^.\n]{0,30}\binclusive", said, re.I) or (
            re.search(r"\binclusive\b", said, re.I) and not re.search(r"\bexclusive\b", said, re.I))
        same = re.search(rf"`?{re.escape(params[0])}`?\s+(?:\w+\s+){{0,3}}(?:equal|the\s+same\s+as|=)\w*\s+"
                         rf"(?:the\s+)?`?{re.escape(params[1])}\b", said, re.I)  # `start_date has to equal end_date`
        span = int(next(g for g in days.groups() if g)) if days else 1
        if same:
            days, inclusive, span = None, True, 1
        if days and span > 1 and not re.search(r"\b(?:in|ex)clusive\b", said, re.I):
            span -= 1  # whether `to` is included is unsaid: windows a day short of the cap, ends exclusive, fit both
        table.window = Window(from_param=params[0], to_param=params[1], days=span, start_key=start_key,
                              to_exclusive=not inclusive, ahead_days=_ahead(reading.text),
                              lookback_days=_lookback(reading.text),
                              end=WindowEnd(path=end.path if end else "", field=last, start_field=first))
        table.incremental = None


_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
          "twelve": 12, "fourteen": 14, "thirty": 30}
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|ten|twelve|fourteen|thirty)"
_UNIT = {"day": 1, "week": 7, "month": 31, "year": 366}


def _ahead(text: str) -> int:
    """Days of future data a source is said to hold (`booked up to one year in advance`, `6 months ahead`)."""
    said = re.search(r"\b(\d+|an?|one|two|three|six|twelve)\s+(day|week|month|year)s?\s+(?:in\s+advance|ahead|"
                     r"into\s+the\s+future|in\s+the\s+future)", text, re.I)
    if not said:
        return 0
    count = said.group(1).lower()
    return min(3660, (int(count) if count.isdigit() else _COUNT[count]) * _UNIT[said.group(2).lower()])


def _lookback(text: str) -> int:
    """Days read again each sync because the source still changes them (`re-pull the last 3 days`,
    `the last two days are restated`, `a 7-day lookback`)."""
    again = r"\b(?:re-?(?:pull|read|fetch|load|sync|request|query)\w*|again|refresh\w*|overlap\w*|restat\w*|revis\w*|" \
            r"correct\w*|chang\w*|updat\w*)\b"
    last = rf"\b(?:last|past|previous|trailing|recent|most\s+recent)\s+{_NUMBER}\s+days?\b"
    said = re.search(rf"{again}[^.\n]{{0,40}}{last}|{last}[^.\n]{{0,40}}{again}|\b{_NUMBER}[- ]days?\s+look-?\s?back",
                     text, re.I)
    if not said:
        return 0
    count = next(g for g in said.groups() if g).lower()
    return min(366, int(count) if count.isdigit() else _COUNT[count])


def _retry(reading: rq.Reading) -> Retry:
    remaining = next((h for h in reading.headers if re.search(r"remaining", h, re.I)), "")
    reset = next((h for h in reading.headers if re.search(r"reset|retry", h, re.I) and h != "Retry-After"), "")
    codes = re.findall(r"\b([A-Z][A-Z_]{4,})\b", reading.text)
    retryable = [c for c in codes if re.search(r"LIMIT|THROTTL|RETRY|TOO_MANY|BUSY|UNAVAILABLE", c)]
    retry = Retry(rate_limit=RateLimit(remaining=remaining, reset=reset))
    retry.graphql_retry = list(dict.fromkeys([*retry.graphql_retry, *retryable]))
    return retry


def _connector_name(reading: rq.Reading, tables: list[Table]) -> str:
    named = re.search(r"\b([A-Z][A-Za-z0-9]+)\s+(?:API|connector|service|export)\b", reading.text)
    name = rq.snake(named.group(1)) if named else tables[0].name if tables else "my"
    return f"{name}_connector" if re.match(r"^[a-z]", name) else "my_connector"
