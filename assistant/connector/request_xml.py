"""Requests whose body is XML (a SOAP envelope), read from the example the request pastes.

The example is kept as the body's template; its leaf elements are read by what their values and
names are: a whole number in a page-like element moves through the pages, one in a size-like
element is the page size, a date-time is the incremental filter (left out on a first sync), and a
placeholder value (`string`, `?`, `...`) in a credential-like element is filled from the
configuration key of its kind. The records are the elements named like the table (`Shipment` for
`shipments`); a stated `<table>_<things>` is a child table from each record's `<Things>` list.
"""

from __future__ import annotations

import re

from assistant.connector import extract_rest as rest
from assistant.connector import request as rq
from assistant.connector.spec import Incremental, Paging, Table

_ENVELOPE = re.compile(r"(?:<\?xml[^>]*>\s*)?<(?:\w+:)?Envelope\b.*?</(?:\w+:)?Envelope>", re.S)
_LEAF = re.compile(r"<(?:\w+:)?(\w+)(?:\s[^<>]*)?>([^<]*)</(?:\w+:)?\1>")
_PAGE = re.compile(r"^page(?:_?(?:index|number|no|num))?$", re.I)
_SIZE = re.compile(r"^(?:page_?size|per_?page|limit|max_?(?:records|results|rows)|batch_?size)$", re.I)
_SINCE = re.compile(r"since|after|from|modified|updated|changed", re.I)
_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+\-]\d\d:?\d\d)?)?$")
_USER = re.compile(r"user|login|account|client_?id|name$", re.I)
_SECRET = re.compile(r"key|pass|secret|token|pwd", re.I)
_BLANK = re.compile(r"^(?:string|\?|\.\.\.|x+|\*+|<[^>]*>|)$", re.I)


def envelope(text: str) -> str:
    """The pasted SOAP envelope, or ""."""
    found = _ENVELOPE.search(text)
    return found.group(0).strip() if found else ""


def headers(text: str) -> dict[str, str]:
    """The headers a SOAP call carries: its content type and the SOAPAction as written."""
    out = {"Content-Type": "text/xml; charset=utf-8"}
    kind = re.search(r"Content-Type:\s*((?:text|application)/[\w+.\-]*xml[^\n]*)", text, re.I)
    if kind:
        out["Content-Type"] = kind.group(1).strip()
    action = re.search(r"SOAPAction:\s*(\"[^\"\n]*\"|\S+)", text)
    if action:
        out["SOAPAction"] = action.group(1)
    return out


def tables(reading: rq.Reading, stated: list[str], keys: list[str], path: str) -> list[Table]:
    """The tables a SOAP request reads, [] when the request pastes no envelope."""
    body_text = envelope(reading.text)
    if not body_text:
        return []
    values: dict[str, object] = {}
    paging, incremental = Paging(), None
    secrets = [k for k in keys if not re.search(r"url|host|base|endpoint|root|start|date", k, re.I)]
    for name, value in _LEAF.findall(body_text):
        value = value.strip()
        if _PAGE.match(name) and value.isdigit():
            paging = paging.model_copy(update={"kind": "page", "param": name, "where": "body", "first": int(value)})
        elif _SIZE.match(name) and value.isdigit():
            paging = paging.model_copy(update={"size_param": name, "size": int(value)})
        elif _SINCE.search(name) and _DATE_TIME.match(value):
            incremental = Incremental(field="", param=name, where="body")
            values[name] = None  # left out until there is a cursor
        elif _BLANK.match(value) and (_USER.search(name) or _SECRET.search(name)) and secrets:
            kind = ("user", "login", "name") if _USER.search(name) and not _SECRET.search(name) else \
                ("key", "pass", "secret", "token")
            values[name] = "{" + rest.credential_key(secrets, *kind, default=secrets[0]) + "}"
    out = []
    parents = [n for n in stated if not any(n != p and n.startswith(rest.singular(p) + "_") for p in stated)]
    for name in parents or ["records"]:
        record = _written(reading.text, rest.singular(name)) or rest.singular(name)
        key = _written(reading.text, rest.singular(name) + "id") or _written(reading.text, rest.singular(name) + "_id")
        out.append(Table(name=name, path=path, method="POST", xml_body=body_text, body=values, xml_record=record,
                         pagination=paging, incremental=incremental, primary_key=[key] if key else ["id"],
                         find_key=not key))
    for name in stated:
        parent = next((t for t in out if name != t.name and name.startswith(rest.singular(t.name) + "_")), None)
        if parent is None:
            continue
        array = _written(reading.text, name[len(rest.singular(parent.name)) + 1:]) or name
        out.append(rest.array_child(name, parent, array, find_key=True))
    return out


def _written(text: str, word: str) -> str:
    """How the text writes a word, whatever its case or underscores (`shipmentid` -> `ShipmentId`)."""
    wanted = word.replace("_", "").lower()
    found = [w for w in re.findall(r"[A-Za-z_]\w*", text) if w.replace("_", "").lower() == wanted]
    return next((w for w in found if not w.islower()), found[0] if found else "")  # XML names are often CamelCase
