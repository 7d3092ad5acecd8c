"""Local mock HTTP APIs for the rest8 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces what its task's request says (auth, page-size caps, pagination, windows, token expiry, rate
limits) and, where the request is silent, behaves as an ordinary API would. All data is seeded, so row counts are
exact; the report APIs (r8-02, r8-05) keep their data relative to today's UTC date, so their counts are too.

The GraphQL APIs (r8-01, r8-09) run a small GraphQL executor: queries are parsed (variables, aliases, fragments,
@skip/@include), validated against a fixed schema and answered with only the selected fields; parse and validation
errors come back as HTTP 200 with an `errors` array, as do field errors such as a too-large `first`.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import math
import pathlib
import random
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

FIRST = ["ana", "ben", "chloe", "dev", "elif", "farid", "gina", "hugo", "ines", "jon", "kira", "lars", "mei",
         "nora", "omar", "pia", "quinn", "rosa", "sven", "tara", "uma", "vik", "wen", "yara", "zane"]
LAST = ["abbott", "berg", "costa", "dahl", "evans", "fischer", "garcia", "haas", "ito", "jensen", "kowalski",
        "lopez", "moreau", "nakamura", "olsen", "petrov", "quist", "rossi", "silva", "tanaka"]
WORDS = ["alpha", "bolt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kepler",
         "lumen", "maple", "nova", "onyx", "prism", "quartz", "raven", "sierra", "tundra", "umber", "vertex"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(days: float) -> str:
    return (EPOCH + dt.timedelta(days=days)).strftime("%Y-%m-%d")


def now_iso() -> str:
    """Changes made by advance() happen 'now', so a connector may keep either the newest timestamp it saw or
    the time its sync started as its cursor."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def parse_iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except (ValueError, AttributeError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


class Req:
    def __init__(self, method: str, raw_path: str, headers: Any, body: bytes):
        parts = urllib.parse.urlsplit(raw_path)
        self.method, self.path, self.headers, self.body = method, parts.path.rstrip("/") or "/", headers, body
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def basic(self) -> tuple[str, str] | None:
        auth = self.header("Authorization")
        if not auth.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(auth[6:].strip()).decode().partition(":")
        except Exception:
            return None
        return urllib.parse.unquote(user), urllib.parse.unquote(password)

    def bearer(self) -> str | None:
        auth = self.header("Authorization")
        return auth[7:].strip() if auth.lower().startswith("bearer ") else None

    def form(self) -> dict[str, str] | None:
        if "application/x-www-form-urlencoded" not in self.header("Content-Type").lower():
            return None
        try:
            return {k: v[-1] for k, v in urllib.parse.parse_qs(self.body.decode(), keep_blank_values=True).items()}
        except Exception:
            return None

    def json(self) -> Any:
        """The JSON body (None when empty, BAD_JSON when it does not parse)."""
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return BAD_JSON


Resp = tuple  # (status, headers, body bytes)
BAD_JSON = object()


def J(obj: Any, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode()


def err(status: int, message: str, headers: dict | None = None) -> Resp:
    return J({"error": {"status": status, "message": message}}, status, headers)


def X(text: str, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/xml; charset=utf-8", **(headers or {})}, text.encode()


def truncated(resp: Resp) -> Resp:
    """The same response cut off part-way (Content-Length matches the short body): a flaky proxy."""
    status, headers, body = resp
    return status, headers, body[: max(1, len(body) * 2 // 5)]


def int_arg(req: Req, name: str, default: int) -> int:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        return -1


def token(obj: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def untoken(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except Exception:
        return None


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}
        self.requests = 0

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice(ALNUM) for _ in range(n))

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first.title()} {last.title()}", f"{first}.{last}{self.rng.randint(1, 99)}@example.com"

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass


# ============================================================================================ GraphQL
class GQLError(Exception):
    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message, self.code = message, code


class Var:
    def __init__(self, name: str):
        self.name = name


_GQL_TOKEN = re.compile(r'(?P<skip>[\s,\ufeff]+|#[^\n\r]*)|(?P<spread>\.\.\.)|(?P<punct>[!$&()\:=@\[\]{}|])'
                        r'|(?P<block>"""(?:\\"""|[^"]|"(?!""))*""")|(?P<str>"(?:\\.|[^"\\\n])*")'
                        r'|(?P<num>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(?P<name>[_A-Za-z][_0-9A-Za-z]*)')


def _gql_lex(text: str) -> list[tuple[str, Any]]:
    out, pos = [], 0
    while pos < len(text):
        m = _GQL_TOKEN.match(text, pos)
        if not m:
            raise GQLError(f"Syntax Error: Unexpected character {text[pos]!r}.", "GRAPHQL_PARSE_FAILED")
        pos, kind, val = m.end(), m.lastgroup or "", m.group()
        if kind == "skip":
            continue
        if kind == "str":
            try:
                val = json.loads(val)
            except ValueError:
                raise GQLError("Syntax Error: Invalid string.", "GRAPHQL_PARSE_FAILED")
        elif kind == "block":
            kind, val = "str", val[3:-3].replace('\\"""', '"""')
        out.append((kind, val))
    out.append(("eof", "<EOF>"))
    return out


class _GQLParser:
    def __init__(self, text: str):
        self.t, self.i = _gql_lex(text), 0

    def peek(self, kind: str | None = None, val: str | None = None) -> bool:
        k, v = self.t[self.i]
        return (kind is None or k == kind) and (val is None or v == val)

    def take(self, kind: str | None = None, val: str | None = None) -> Any:
        k, v = self.t[self.i]
        if (kind and k != kind) or (val is not None and v != val):
            raise GQLError(f"Syntax Error: Expected {val or kind}, found {v!r}.", "GRAPHQL_PARSE_FAILED")
        self.i += 1
        return v

    def document(self) -> tuple[list[dict], dict[str, dict]]:
        ops, frags = [], {}
        while not self.peek("eof"):
            if self.peek("punct", "{"):
                ops.append({"kind": "query", "name": None, "vars": {}, "sel": self.selection_set()})
            elif self.peek("name", "fragment"):
                self.take()
                name = self.take("name")
                self.take("name", "on")
                on = self.take("name")
                self.directives()
                frags[name] = {"on": on, "sel": self.selection_set()}
            elif self.peek("name") and self.t[self.i][1] in ("query", "mutation", "subscription"):
                kind = self.take()
                name = self.take("name") if self.peek("name") else None
                defs = self.var_defs() if self.peek("punct", "(") else {}
                self.directives()
                ops.append({"kind": kind, "name": name, "vars": defs, "sel": self.selection_set()})
            else:
                raise GQLError(f"Syntax Error: Unexpected {self.t[self.i][1]!r}.", "GRAPHQL_PARSE_FAILED")
        return ops, frags

    def var_defs(self) -> dict[str, dict]:
        self.take("punct", "(")
        out = {}
        while not self.peek("punct", ")"):
            self.take("punct", "$")
            name = self.take("name")
            self.take("punct", ":")
            typ = self.type_ref()
            entry: dict[str, Any] = {"type": typ, "has_default": False, "default": None}
            if self.peek("punct", "="):
                self.take()
                entry.update(has_default=True, default=self.value(const=True))
            self.directives()
            out[name] = entry
        self.take("punct", ")")
        return out

    def type_ref(self) -> str:
        if self.peek("punct", "["):
            self.take()
            t = f"[{self.type_ref()}]"
            self.take("punct", "]")
        else:
            t = self.take("name")
        if self.peek("punct", "!"):
            self.take()
            t += "!"
        return t

    def directives(self) -> list[tuple[str, dict]]:
        out = []
        while self.peek("punct", "@"):
            self.take()
            name = self.take("name")
            out.append((name, self.arguments() if self.peek("punct", "(") else {}))
        return out

    def arguments(self) -> dict[str, Any]:
        self.take("punct", "(")
        out = {}
        while not self.peek("punct", ")"):
            name = self.take("name")
            self.take("punct", ":")
            out[name] = self.value()
        self.take("punct", ")")
        return out

    def value(self, const: bool = False) -> Any:
        k, v = self.t[self.i]
        if k == "punct" and v == "$" and not const:
            self.take()
            return Var(self.take("name"))
        if k == "num":
            self.take()
            return float(v) if any(c in v for c in ".eE") else int(v)
        if k == "str":
            self.take()
            return v
        if k == "name":
            self.take()
            return {"true": True, "false": False, "null": None}[v] if v in ("true", "false", "null") else v
        if k == "punct" and v == "[":
            self.take()
            items = []
            while not self.peek("punct", "]"):
                items.append(self.value(const))
            self.take("punct", "]")
            return items
        if k == "punct" and v == "{":
            self.take()
            obj = {}
            while not self.peek("punct", "}"):
                name = self.take("name")
                self.take("punct", ":")
                obj[name] = self.value(const)
            self.take("punct", "}")
            return obj
        raise GQLError(f"Syntax Error: Unexpected {v!r}.", "GRAPHQL_PARSE_FAILED")

    def selection_set(self) -> list[dict]:
        self.take("punct", "{")
        sel: list[dict] = []
        while not self.peek("punct", "}"):
            if self.peek("spread"):
                self.take()
                if self.peek("name", "on"):
                    self.take()
                    on = self.take("name")
                    dirs = self.directives()
                    sel.append({"kind": "inline", "on": on, "dirs": dirs, "sel": self.selection_set()})
                elif self.peek("punct", "{") or self.peek("punct", "@"):
                    dirs = self.directives()
                    sel.append({"kind": "inline", "on": None, "dirs": dirs, "sel": self.selection_set()})
                else:
                    sel.append({"kind": "spread", "name": self.take("name"), "dirs": self.directives()})
            else:
                alias = name = self.take("name")
                if self.peek("punct", ":"):
                    self.take()
                    name = self.take("name")
                args = self.arguments() if self.peek("punct", "(") else {}
                dirs = self.directives()
                sub = self.selection_set() if self.peek("punct", "{") else None
                sel.append({"kind": "field", "alias": alias, "name": name, "args": args, "dirs": dirs, "sel": sub})
        self.take("punct", "}")
        if not sel:
            raise GQLError('Syntax Error: Expected Name, found "}".', "GRAPHQL_PARSE_FAILED")
        return sel


def _resolve(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, Var):
        return values.get(value.name)
    if isinstance(value, list):
        return [_resolve(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, values) for k, v in value.items()}
    return value


def _vars_in(value: Any) -> Iterator[str]:
    if isinstance(value, Var):
        yield value.name
    elif isinstance(value, list):
        for v in value:
            yield from _vars_in(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _vars_in(v)


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _merge(out[k], v) if k in out else v
        return out
    return b


class GraphQL:
    """A fixed schema: types maps a type name to {field: (type ref, {arg: type ref})}; resolvers answer the fields
    of Query (args -> value); other fields are read from the dicts the resolvers return."""

    SCALARS = {"ID", "String", "Int", "Float", "Boolean", "DateTime"}

    def __init__(self, types: dict[str, dict[str, tuple[str, dict[str, str]]]], enums: dict[str, set[str]],
                 resolvers: dict[str, Callable[[dict], Any]]):
        self.types, self.enums, self.resolvers = types, enums, resolvers

    def http(self, req: Req) -> Resp:
        if req.method != "POST":
            return J({"errors": [{"message": "GraphQL requests must be POST with a JSON body"}]}, 405)
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("query"), str) or not body["query"].strip():
            return J({"errors": [{"message": "Must provide query string.", "extensions": {"code": "BAD_REQUEST"}}]}, 400)
        variables = body.get("variables")
        if isinstance(variables, str):
            try:
                variables = json.loads(variables or "null")
            except ValueError:
                return J({"errors": [{"message": "Variables are invalid JSON."}]}, 400)
        if variables is not None and not isinstance(variables, dict):
            return J({"errors": [{"message": "Variables must be an object."}]}, 400)
        return J(self.run(body["query"], variables or {}, body.get("operationName")))

    def run(self, query: str, variables: dict, op_name: str | None) -> dict:
        def failed(messages: list[str], code: str) -> dict:
            return {"errors": [{"message": m, "extensions": {"code": code}} for m in messages]}

        try:
            ops, frags = _GQLParser(query).document()
        except GQLError as e:
            return failed([e.message], "GRAPHQL_PARSE_FAILED")
        if op_name:
            ops = [o for o in ops if o["name"] == op_name]
            if not ops:
                return failed([f'Unknown operation named "{op_name}".'], "GRAPHQL_VALIDATION_FAILED")
        if not ops:
            return failed(["Must provide an operation."], "GRAPHQL_VALIDATION_FAILED")
        if len(ops) > 1:
            return failed(["Must provide operation name if query contains multiple operations."], "BAD_REQUEST")
        op = ops[0]
        if op["kind"] != "query":
            return failed([f"Schema is not configured to execute {op['kind']} operation."], "GRAPHQL_VALIDATION_FAILED")
        errors: list[str] = []
        self._validate(op["sel"], "Query", frags, op["vars"], errors, frozenset())
        for name in frags:
            if not any(name == s for s in self._spreads(op["sel"], frags, frozenset())):
                errors.append(f'Fragment "{name}" is never used.')
        values = {}
        for name, d in op["vars"].items():
            if name in variables:
                values[name] = variables[name]
                problem = self._bad_value(variables[name], d["type"])
                if problem:
                    errors.append(f'Variable "${name}" got invalid value {json.dumps(variables[name])}; {problem}')
            elif d["has_default"]:
                values[name] = d["default"]
            elif d["type"].endswith("!"):
                errors.append(f'Variable "${name}" of required type "{d["type"]}" was not provided.')
        if errors:
            return failed(errors, "GRAPHQL_VALIDATION_FAILED")
        exec_errors: list[dict] = []
        data = self._execute(op["sel"], "Query", None, frags, values, [], exec_errors)
        return {"data": data, "errors": exec_errors} if exec_errors else {"data": data}

    def _spreads(self, sel: list[dict], frags: dict, seen: frozenset) -> Iterator[str]:
        for s in sel:
            if s["kind"] == "spread":
                yield s["name"]
                if s["name"] in frags and s["name"] not in seen:
                    yield from self._spreads(frags[s["name"]]["sel"], frags, seen | {s["name"]})
            elif s.get("sel"):
                yield from self._spreads(s["sel"], frags, seen)

    def _bad_value(self, value: Any, typ: str) -> str | None:
        if value is None:
            return f'Expected non-nullable type "{typ}" not to be null.' if typ.endswith("!") else None
        base = typ.rstrip("!")
        if base.startswith("["):
            items = value if isinstance(value, list) else [value]
            return next((p for p in (self._bad_value(v, base[1:-1]) for v in items) if p), None)
        ok = {"Int": isinstance(value, int) and not isinstance(value, bool),
              "Float": isinstance(value, (int, float)) and not isinstance(value, bool),
              "Boolean": isinstance(value, bool), "String": isinstance(value, str),
              "ID": isinstance(value, (str, int)) and not isinstance(value, bool),
              "DateTime": isinstance(value, str) and parse_iso(value) is not None}.get(base)
        if ok is None and base in self.enums:
            ok = value in self.enums[base]
        return None if ok or ok is None else f'"{base}" cannot represent value: {json.dumps(value)}'

    def _validate(self, sel: list[dict], typ: str, frags: dict, defs: dict, errors: list[str], seen: frozenset) -> None:
        fields = self.types[typ]
        for s in sel:
            for _, dargs in s.get("dirs", []):
                errors += [f'Variable "${v}" is not defined.' for v in _vars_in(dargs) if v not in defs]
            if s["kind"] == "spread":
                frag = frags.get(s["name"])
                if frag is None:
                    errors.append(f'Unknown fragment "{s["name"]}".')
                elif frag["on"] != typ:
                    errors.append(f'Fragment "{s["name"]}" cannot be spread here as objects of type "{typ}" can never '
                                  f'be of type "{frag["on"]}".')
                elif s["name"] in seen:
                    errors.append(f'Cannot spread fragment "{s["name"]}" within itself.')
                else:
                    self._validate(frag["sel"], typ, frags, defs, errors, seen | {s["name"]})
                continue
            if s["kind"] == "inline":
                if s["on"] and s["on"] != typ:
                    errors.append(f'Fragment cannot be spread here as objects of type "{typ}" can never be of type '
                                  f'"{s["on"]}".')
                else:
                    self._validate(s["sel"], typ, frags, defs, errors, seen)
                continue
            name = s["name"]
            errors += [f'Variable "${v}" is not defined.' for v in _vars_in(s["args"]) if v not in defs]
            if name == "__typename":
                continue
            if name in ("__schema", "__type"):
                errors.append("GraphQL introspection is not allowed, but the query contained __schema or __type")
                continue
            if name not in fields:
                errors.append(f'Cannot query field "{name}" on type "{typ}".')
                continue
            ftype, fargs = fields[name]
            for a, v in s["args"].items():
                if a not in fargs:
                    errors.append(f'Unknown argument "{a}" on field "{typ}.{name}".')
                elif not isinstance(v, Var) and not list(_vars_in(v)):
                    problem = self._bad_value(v, fargs[a])
                    if problem:
                        errors.append(f'Argument "{a}" has invalid value {json.dumps(v)}: {problem}')
            for a, at in fargs.items():
                if at.endswith("!") and a not in s["args"]:
                    errors.append(f'Field "{name}" argument "{a}" of type "{at}" is required, but it was not provided.')
            base = ftype.strip("[]!")
            if base in self.types:
                if not s["sel"]:
                    errors.append(f'Field "{name}" of type "{ftype}" must have a selection of subfields. '
                                  f'Did you mean "{name} {{ ... }}"?')
                else:
                    self._validate(s["sel"], base, frags, defs, errors, seen)
            elif s["sel"]:
                errors.append(f'Field "{name}" must not have a selection since type "{ftype}" has no subfields.')

    def _collect(self, sel: list[dict], frags: dict, values: dict) -> list[dict]:
        out = []
        for s in sel:
            skip = any(n == "skip" and _resolve(a.get("if"), values) for n, a in s.get("dirs", []))
            drop = any(n == "include" and not _resolve(a.get("if"), values) for n, a in s.get("dirs", []))
            if skip or drop:
                continue
            if s["kind"] == "spread":
                out += self._collect(frags[s["name"]]["sel"], frags, values)
            elif s["kind"] == "inline":
                out += self._collect(s["sel"], frags, values)
            else:
                out.append(s)
        return out

    def _execute(self, sel: list[dict], typ: str, obj: Any, frags: dict, values: dict, path: list,
                 errors: list[dict]) -> dict:
        result: dict[str, Any] = {}
        for s in self._collect(sel, frags, values):
            key, name = s["alias"], s["name"]
            if name == "__typename":
                result[key] = typ
                continue
            ftype = self.types[typ][name][0]
            if typ == "Query":
                try:
                    value = self.resolvers[name]({a: _resolve(v, values) for a, v in s["args"].items()})
                except GQLError as e:
                    errors.append({"message": e.message, "path": path + [key],
                                   "extensions": {"code": e.code or "INTERNAL_SERVER_ERROR"}})
                    result[key] = None
                    continue
            else:
                value = obj.get(name)
            done = self._complete(value, ftype, s, frags, values, path + [key], errors)
            result[key] = _merge(result[key], done) if key in result else done
        return result

    def _complete(self, value: Any, ftype: str, s: dict, frags: dict, values: dict, path: list,
                  errors: list[dict]) -> Any:
        if value is None:
            return None
        t = ftype.rstrip("!")
        if t.startswith("["):
            return [self._complete(v, t[1:-1], s, frags, values, path + [i], errors) for i, v in enumerate(value)]
        if t in self.types:
            return self._execute(s["sel"], t, value, frags, values, path, errors)
        return value


def connection(rows: list[dict], args: dict, name: str, cap: int, key: Callable[[dict], Any],
               need_first: bool = True) -> dict:
    """A Relay connection over rows (in key order): first/after, cursors bound to the row's key."""
    first, after = args.get("first"), args.get("after")
    if first is None and need_first:
        raise GQLError(f"You must provide a `first` value to properly paginate the `{name}` connection.",
                       "MISSING_PAGINATION_BOUNDARIES")
    if first is not None and (isinstance(first, bool) or not isinstance(first, int) or first < 1):
        raise GQLError(f"`first` on the `{name}` connection must be a positive integer.", "BAD_USER_INPUT")
    if first is not None and first > cap:
        raise GQLError(f"Requesting {first} records on the `{name}` connection exceeds the `first` limit of {cap} "
                       f"records.", "MAX_PAGE_SIZE_EXCEEDED")
    first = first or cap
    start = 0
    if after is not None:
        state = untoken(after)
        if not isinstance(state, dict) or state.get("c") != name:
            raise GQLError(f"`{after}` does not appear to be a valid cursor.", "BAD_USER_INPUT")
        start = next((i for i, r in enumerate(rows) if key(r) > state["k"]), len(rows))
    page = rows[start: start + first]
    cursor = lambda r: token({"c": name, "k": key(r)})  # noqa: E731
    return {"nodes": page, "edges": [{"cursor": cursor(r), "node": r} for r in page], "totalCount": len(rows),
            "pageInfo": {"hasNextPage": start + first < len(rows), "hasPreviousPage": start > 0,
                         "startCursor": cursor(page[0]) if page else None,
                         "endCursor": cursor(page[-1]) if page else None}}


PAGE_INFO = {"hasNextPage": ("Boolean!", {}), "hasPreviousPage": ("Boolean!", {}), "startCursor": ("String", {}),
             "endCursor": ("String", {})}


def conn_types(node: str) -> dict[str, dict[str, tuple[str, dict[str, str]]]]:
    return {f"{node}Connection": {"nodes": (f"[{node}!]!", {}), "edges": (f"[{node}Edge!]!", {}),
                                  "pageInfo": ("PageInfo!", {}), "totalCount": ("Int!", {})},
            f"{node}Edge": {"cursor": ("String!", {}), "node": (f"{node}!", {})}}


# ============================================================================================ OAuth2
class ClientCredentials:
    """An OAuth2 token endpoint (client_credentials, form-encoded; client id/secret in the form or in HTTP basic)
    whose tokens really expire after expires_in seconds."""

    def __init__(self, src: Source, client_id: str, client_secret: str, lifetime: float, prefix: str):
        self.src, self.client_id, self.client_secret = src, client_id, client_secret
        self.lifetime, self.prefix = lifetime, prefix
        self.tokens: dict[str, float] = {}
        self.issued = 0

    def issue(self, req: Req, extra: dict | None = None) -> Resp:
        if req.method != "POST":
            return J({"error": "invalid_request", "error_description": "token requests must be POST"}, 405)
        form = req.form()
        if form is None:
            return J({"error": "invalid_request", "error_description": "the token request must be "
                      "application/x-www-form-urlencoded"}, 400)
        if form.get("grant_type") != "client_credentials":
            return J({"error": "unsupported_grant_type",
                      "error_description": "grant_type must be client_credentials"}, 400)
        creds = req.basic() or (form.get("client_id"), form.get("client_secret"))
        if creds != (self.client_id, self.client_secret):
            return J({"error": "invalid_client", "error_description": "client authentication failed"}, 401)
        self.issued += 1
        tok = self.src.secret(self.prefix, 32)
        self.tokens[tok] = time.monotonic() + self.lifetime
        return J({"access_token": tok, "token_type": "Bearer", "expires_in": int(self.lifetime), **(extra or {})},
                 headers={"Cache-Control": "no-store"})

    def check(self, tok: str | None) -> str:
        """'ok', 'missing', 'invalid' or 'expired'."""
        if not tok:
            return "missing"
        if tok not in self.tokens:
            return "invalid"
        return "ok" if time.monotonic() <= self.tokens[tok] else "expired"


# ---------------------------------------------------------------------------------------------- r8-01
class Trackly(Source):
    """GraphQL at POST /graphql, bearer PAT. Query.issues(first, after, states) Relay connection, first capped at
    50 (a larger first is a field error in HTTP 200 `errors`, issues null), first required; all states by default."""
    seed = 801

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("tkp_", 36)
        self.users = [{"id": f"U_{self.secret('', 8)}", "login": f"{f}{self.rng.randint(1, 99)}",
                       "name": f"{f.title()} {self.rng.choice(LAST).title()}"} for f in FIRST[:9]]
        self.projects = [{"id": f"P_{self.secret('', 8)}", "key": k, "name": f"{w.title()} {k.title()}"}
                         for k, w in zip(["web", "api", "ios", "ops", "data", "infra"], WORDS)]
        labels = [{"name": n, "color": c} for n, c in [("bug", "d73a4a"), ("feature", "a2eeef"), ("ux", "7057ff"),
                                                       ("p1", "b60205"), ("tech-debt", "fbca04"), ("docs", "0075ca")]]
        self.issues = []
        for i in range(230):
            created = i * 170 + self.rng.randint(0, 60)
            state = self.rng.choice(["OPEN", "OPEN", "CLOSED"])
            self.issues.append({
                "id": f"I_{self.secret('', 12)}", "number": i + 1,
                "title": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['crashes on save', 'slow search', 'add export', 'typo in footer', 'flaky login', 'dark mode'])}",
                "body": self.rng.choice([None, "", "Steps to reproduce: ...", "See attached log."]),
                "state": state, "priority": self.rng.choice([None, 1, 2, 3]),
                "createdAt": iso(created), "updatedAt": iso(created + self.rng.randint(0, 4000)),
                "closedAt": iso(created + 4100) if state == "CLOSED" else None,
                "assignee": self.rng.choice(self.users + [None, None]),
                "labels": self.rng.sample(labels, self.rng.randint(0, 3)), "project": self.rng.choice(self.projects)})
        types = {
            "Query": {"issues": ("IssueConnection!", {"first": "Int", "after": "String", "states": "[IssueState!]"}),
                      "projects": ("ProjectConnection!", {"first": "Int", "after": "String"}), "viewer": ("User!", {})},
            "Issue": {"id": ("ID!", {}), "number": ("Int!", {}), "title": ("String!", {}), "body": ("String", {}),
                      "state": ("IssueState!", {}), "priority": ("Int", {}), "createdAt": ("DateTime!", {}),
                      "updatedAt": ("DateTime!", {}), "closedAt": ("DateTime", {}), "assignee": ("User", {}),
                      "labels": ("[Label!]!", {}), "project": ("Project", {})},
            "User": {"id": ("ID!", {}), "login": ("String!", {}), "name": ("String", {})},
            "Label": {"name": ("String!", {}), "color": ("String!", {})},
            "Project": {"id": ("ID!", {}), "key": ("String!", {}), "name": ("String!", {})},
            "PageInfo": PAGE_INFO, **conn_types("Issue"), **conn_types("Project")}
        self.gql = GraphQL(types, {"IssueState": {"OPEN", "CLOSED"}}, {
            "issues": self._issues,
            "projects": lambda a: connection(self.projects, a, "projects", 50, lambda r: r["key"]),
            "viewer": lambda a: self.users[0]})

    def _issues(self, args: dict) -> dict:
        rows = self.issues
        if args.get("states"):
            rows = [r for r in rows if r["state"] in args["states"]]
        return connection(rows, args, "issues", 50, lambda r: r["number"])

    def handle(self, req: Req) -> Resp:
        if req.path != "/graphql":
            return J({"message": "Not Found"}, 404)
        if req.bearer() != self.values["token"]:
            return J({"message": "Bad credentials", "documentation_url": "https://docs.trackly.example/graphql#auth"},
                     401)
        return self.gql.http(req)


# ---------------------------------------------------------------------------------------------- r8-02
class Adreach(Source):
    """OAuth2 client credentials (POST /oauth/token, form-encoded; tokens live 3 s and an expired one is a 401).
    GET /v2/reports/campaign-daily?start_date=&end_date= serves exactly one day per call (start_date == end_date),
    0.1 s per call; today is empty, future dates are 400. Data for the 70 days before today; conversions arrive
    late, so advance() adds rows for a new campaign on the two most recent days and changes the last three."""
    seed = 802

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = f"adr-{self.secret('', 10)}"
        self.values["client_secret"] = self.secret("", 40)
        self.today = utc_today()
        self.values["start_date"] = (self.today - dt.timedelta(days=40)).isoformat()
        self.oauth = ClientCredentials(self, self.values["client_id"], self.values["client_secret"], 3, "adr_at_")
        self.campaigns = [{"id": 4100 + i, "name": f"{w.title()} - {k}"}
                          for i, (w, k) in enumerate(zip(WORDS[3:], ["search", "display", "social", "video",
                                                                    "search", "shopping", "display"]))]
        self.rows: dict[int, list[dict]] = {}
        for off in range(-70, 0):
            self.rows[off] = [self._row(off, c) for c in self.campaigns if self.rng.random() < 0.7]

    def _row(self, off: int, campaign: dict) -> dict:
        imp = self.rng.randint(400, 25000)
        clicks = int(imp * self.rng.uniform(0.004, 0.04))
        return {"date": (self.today + dt.timedelta(days=off)).isoformat(), "campaign_id": campaign["id"],
                "campaign_name": campaign["name"], "impressions": imp, "clicks": clicks,
                "spend": f"{clicks * self.rng.uniform(0.2, 1.6):.2f}",
                "conversions": self.rng.randint(0, max(1, clicks // 25))}

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            return self.oauth.issue(req)
        if req.path != "/v2/reports/campaign-daily":
            return J({"error": "not_found", "message": "no such endpoint"}, 404)
        status = self.oauth.check(req.bearer())
        if status != "ok":
            desc = {"missing": "missing bearer token", "invalid": "invalid access token",
                    "expired": "the access token expired"}[status]
            return J({"error": "invalid_token", "error_description": desc}, 401,
                     {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{desc}"'})
        time.sleep(0.1)
        start, end = parse_date(req.query.get("start_date")), parse_date(req.query.get("end_date"))
        if start is None or end is None:
            return J({"error": "bad_request", "message": "start_date and end_date (YYYY-MM-DD) are required"}, 400)
        if start != end:
            return J({"error": "bad_request", "message": "this report is limited to one day per request: "
                      "start_date must equal end_date"}, 400)
        if start > self.today:
            return J({"error": "bad_request", "message": "date is in the future"}, 400)
        off = (start - self.today).days
        return J({"report": "campaign-daily", "start_date": start.isoformat(), "end_date": end.isoformat(),
                  "currency": "EUR", "rows": self.rows.get(off, []), "row_count": len(self.rows.get(off, []))})

    def advance(self) -> None:
        late = {"id": 4107, "name": "Retargeting - spring"}
        for off in (-2, -1):
            self.rows[off].append(self._row(off, late))
        for off in (-3, -2, -1):
            for r in self.rows[off]:
                r["conversions"] += 1


# ---------------------------------------------------------------------------------------------- r8-03
NS_SW = "urn:shelfware:catalog:2"


class Shelfware(Source):
    """XML with namespace urn:shelfware:catalog:2; X-Feed-Key header; ?page=&pageSize= (default 25, max 100);
    totalPages on the root element; each Item nests Stock/Location elements (0-4)."""
    seed = 803

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["feed_key"] = self.secret("swk_", 28)
        cats = ["Garden", "Kitchen", "Tools", "Lighting", "", "Bath"]
        self.items = []
        for i in range(260):
            locs = self.rng.sample(["AMS", "RTM", "UTR", "EIN", "GRO"], self.rng.randint(0, 4))
            self.items.append({"id": 10200 + i * 3 + self.rng.randint(0, 2), "status": self.rng.choice(["active", "active", "discontinued"]),
                               "sku": f"SW-{self.rng.randint(100000, 999999)}",
                               "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['lamp', 'kettle', 'rake', 'shelf', 'hose', 'towel'])}",
                               "category": self.rng.choice(cats), "price": f"{self.rng.uniform(3, 300):.2f}",
                               "currency": "EUR", "updated": iso(i * 500 + self.rng.randint(0, 400)),
                               "stock": [(loc, self.rng.randint(0, 80)) for loc in locs]})

    def _err(self, status: int, code: str, message: str) -> Resp:
        return X(f'<?xml version="1.0" encoding="UTF-8"?>\n<sw:Error xmlns:sw="{NS_SW}" code="{code}">'
                 f'<sw:Message>{escape(message)}</sw:Message></sw:Error>', status)

    def handle(self, req: Req) -> Resp:
        if req.header("X-Feed-Key") != self.values["feed_key"]:
            return self._err(401, "unauthorized", "missing or invalid X-Feed-Key")
        if req.path != "/catalog/v2/items":
            return self._err(404, "not_found", "no such resource")
        page, size = int_arg(req, "page", 1), int_arg(req, "pageSize", 25)
        if size < 1 or size > 100:
            return self._err(400, "bad_request", "pageSize must be between 1 and 100")
        if page < 1:
            return self._err(400, "bad_request", "page must be >= 1")
        pages = math.ceil(len(self.items) / size)
        out = [f'<?xml version="1.0" encoding="UTF-8"?>',
               f'<sw:ItemList xmlns:sw="{NS_SW}" page="{page}" pageSize="{size}" totalPages="{pages}" '
               f'totalItems="{len(self.items)}">']
        for it in self.items[(page - 1) * size: page * size]:
            out.append(f'  <sw:Item id="{it["id"]}" status="{it["status"]}">')
            out.append(f'    <sw:Sku>{it["sku"]}</sw:Sku>')
            out.append(f'    <sw:Name>{escape(it["name"])}</sw:Name>')
            out.append(f'    <sw:Category>{escape(it["category"])}</sw:Category>' if it["category"] else "    <sw:Category/>")
            out.append(f'    <sw:Price currency="{it["currency"]}">{it["price"]}</sw:Price>')
            out.append(f'    <sw:UpdatedAt>{it["updated"]}</sw:UpdatedAt>')
            if it["stock"]:
                out.append("    <sw:Stock>")
                out += [f'      <sw:Location code="{c}" qty="{q}"/>' for c, q in it["stock"]]
                out.append("    </sw:Stock>")
            else:
                out.append("    <sw:Stock/>")
            out.append("  </sw:Item>")
        out.append("</sw:ItemList>")
        return X("\n".join(out) + "\n")


# ---------------------------------------------------------------------------------------------- r8-04
class Leadbase(Source):
    """POST /api/v2/leads/search with a JSON body {filter, include_deleted, sort, page: {size, after}};
    Authorization: Token <key>; size default 20, max 100; page.after is bound to the query; deleted leads are
    tombstones {id, is_deleted: true, updated_at, deleted_at} and only come back with include_deleted."""
    seed = 804
    FIELDS = {"updated_at": "time", "created_at": "time", "status": "str", "owner_id": "int", "id": "int"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["search_key"] = self.secret("lb_", 32)
        self.owners = [{"id": 30 + i, "name": self.person()[0]} for i in range(5)]
        self.leads: dict[int, dict] = {}
        for i in range(310):
            self._lead(5000 + i, iso(i * 120), iso(i * 120 + self.rng.randint(0, 20000)))
        for lid in self.rng.sample(sorted(self.leads), 4):
            self._delete(lid, iso(200000))
        self.next_id = 5310

    def _lead(self, lid: int, created: str, updated: str) -> None:
        name, email = self.person()
        self.leads[lid] = {"id": lid, "full_name": name, "email": email,
                           "company": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Labs', 'AG', 'Group', 'Co'])}",
                           "status": self.rng.choice(["new", "contacted", "qualified", "lost"]),
                           "score": self.rng.randint(0, 100), "source": self.rng.choice(["web", "event", "referral"]),
                           "owner": self.rng.choice(self.owners), "created_at": created, "updated_at": updated,
                           "is_deleted": False}

    def _delete(self, lid: int, when: str) -> None:
        self.leads[lid] = {"id": lid, "is_deleted": True, "updated_at": when, "deleted_at": when}

    def _bad(self, message: str) -> Resp:
        return J({"error": {"code": "invalid_request", "message": message}}, 400)

    def _match(self, lead: dict, field: str, cond: dict) -> bool:
        value = lead["owner"]["id"] if field == "owner_id" and "owner" in lead else lead.get(field)
        if value is None:
            return False
        if self.FIELDS[field] == "time":
            value = parse_iso(value)
        for op_, want in cond.items():
            w = parse_iso(want) if self.FIELDS[field] == "time" and op_ != "in" else want
            ok = {"eq": lambda: value == w, "gt": lambda: value > w, "gte": lambda: value >= w,
                  "lt": lambda: value < w, "lte": lambda: value <= w, "in": lambda: value in w}[op_]()
            if not ok:
                return False
        return True

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token {self.values['search_key']}":
            return J({"error": {"code": "unauthorized", "message": "Authorization: Token <key> required"}}, 401)
        if req.path == "/api/v2/leads":
            return J({"error": {"code": "gone", "message": "listing is retired; use POST /api/v2/leads/search"}}, 410)
        if req.path != "/api/v2/leads/search":
            return J({"error": {"code": "not_found", "message": "not found"}}, 404)
        if req.method != "POST":
            return J({"error": {"code": "method_not_allowed", "message": "use POST with a JSON body"}}, 405)
        body = req.json()
        if body is None:
            body = {}
        if not isinstance(body, dict):
            return self._bad("the body must be a JSON object")
        unknown = set(body) - {"filter", "include_deleted", "sort", "page"}
        if unknown:
            return self._bad(f"unknown field(s) {sorted(unknown)}; allowed: filter, include_deleted, sort, page")
        filt = body.get("filter") or {}
        if not isinstance(filt, dict):
            return self._bad("filter must be an object like {\"updated_at\": {\"gte\": \"2024-01-01T00:00:00Z\"}}")
        for field, cond in filt.items():
            if field not in self.FIELDS:
                return self._bad(f"cannot filter on {field!r}; filterable: {sorted(self.FIELDS)}")
            if not isinstance(cond, dict) or not cond or set(cond) - {"eq", "gt", "gte", "lt", "lte", "in"}:
                return self._bad(f"filter.{field} must be an object of operators (eq, gt, gte, lt, lte, in)")
            if self.FIELDS[field] == "time" and any(op_ != "in" and parse_iso(str(v)) is None for op_, v in cond.items()):
                return self._bad(f"filter.{field} needs ISO 8601 timestamps")
        include_deleted = body.get("include_deleted", False)
        if not isinstance(include_deleted, bool):
            return self._bad("include_deleted must be a boolean")
        sort = body.get("sort") or {"field": "id", "order": "asc"}
        if isinstance(sort, list) and len(sort) == 1:
            sort = sort[0]
        if (not isinstance(sort, dict) or sort.get("field") not in ("id", "updated_at", "created_at")
                or sort.get("order", "asc") not in ("asc", "desc")):
            return self._bad("sort must be {\"field\": \"id\"|\"updated_at\"|\"created_at\", \"order\": \"asc\"|\"desc\"}")
        page = body.get("page") or {}
        if not isinstance(page, dict) or set(page) - {"size", "after"}:
            return self._bad("page must be {\"size\": n, \"after\": \"<page.next from the previous response>\"}")
        size = page.get("size", 20)
        if isinstance(size, bool) or not isinstance(size, int) or size < 1 or size > 100:
            return self._bad("page.size must be an integer between 1 and 100")
        qhash = hashlib.sha1(json.dumps([filt, include_deleted, sort], sort_keys=True).encode()).hexdigest()[:12]
        field, desc = sort["field"], sort.get("order", "asc") == "desc"
        key = lambda r: (r.get(field) or "", r["id"])  # noqa: E731
        rows = [r for r in self.leads.values() if (include_deleted or not r["is_deleted"])
                and all(self._match(r, f, c) for f, c in filt.items())]
        rows.sort(key=key, reverse=desc)
        if page.get("after") is not None:
            state = untoken(page["after"])
            if not isinstance(state, dict) or "k" not in state:
                return self._bad("page.after is not a valid cursor")
            if state.get("q") != qhash:
                return self._bad("page.after was issued for a different query; send the same filter, sort and "
                                 "include_deleted with every page")
            last = tuple(state["k"])
            rows = [r for r in rows if (key(r) < last if desc else key(r) > last)]
        out = rows[:size]
        nxt = token({"k": list(key(out[-1])), "q": qhash}) if len(rows) > size else None
        return J({"data": out, "page": {"size": size, "next": nxt}, "total": len(rows)})

    def advance(self) -> None:
        live = [lid for lid, r in sorted(self.leads.items()) if not r["is_deleted"]]
        picked = self.rng.sample(live, 14)
        for lid in picked[:8]:
            self.leads[lid].update(status="qualified", score=99, updated_at=now_iso())
        for lid in picked[8:]:
            self._delete(lid, now_iso())
        for _ in range(10):
            self._lead(self.next_id, now_iso(), now_iso())
            self.next_id += 1


# ---------------------------------------------------------------------------------------------- r8-05
class Pagepulse(Source):
    """X-Site-Key; GET /v1/stats/pages?from=&to= (inclusive dates, at most 7 days per call) with limit (default 50,
    max 100) and next_page_token (bound to the window); 105-140 rows a day, keyed (date, path). Days up to two
    days ago are published; yesterday is empty until advance() publishes it and revises the day before."""
    seed = 805

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["site_key"] = f"pp_{self.secret('', 26)}"
        self.today = utc_today()
        self.values["start_date"] = (self.today - dt.timedelta(days=45)).isoformat()
        sections = ["blog", "docs", "pricing", "careers", "changelog", "guides", "help"]
        self.paths = sorted({"/"} | {f"/{s}/{w}-{n}" for s in sections for w in WORDS for n in (1, 2)})
        self.days: dict[int, list[dict]] = {}
        for off in range(-90, 0):
            chosen = sorted(self.rng.sample(self.paths, self.rng.randint(105, 140)))
            self.days[off] = [self._row(off, p) for p in chosen]
        self.published = -2

    def _row(self, off: int, path: str) -> dict:
        views = self.rng.randint(1, 4000)
        return {"date": (self.today + dt.timedelta(days=off)).isoformat(), "path": path, "views": views,
                "visitors": max(1, int(views * self.rng.uniform(0.4, 0.9))),
                "avg_time_s": round(self.rng.uniform(5, 300), 1), "bounce_rate": round(self.rng.uniform(0.1, 0.9), 3)}

    def handle(self, req: Req) -> Resp:
        if req.header("X-Site-Key") != self.values["site_key"]:
            return J({"error": "unauthorized", "detail": "X-Site-Key header missing or wrong"}, 401)
        if req.path != "/v1/stats/pages":
            return J({"error": "not_found"}, 404)
        start, end = parse_date(req.query.get("from")), parse_date(req.query.get("to"))
        if start is None or end is None:
            return J({"error": "bad_request", "detail": "from and to are required (YYYY-MM-DD)"}, 400)
        if end < start:
            return J({"error": "bad_request", "detail": "to is before from"}, 400)
        if (end - start).days > 6:
            return J({"error": "bad_request", "detail": "date range too long: at most 7 days per request "
                      "(from and to are both inclusive)"}, 400)
        limit = int_arg(req, "limit", 50)
        if limit < 1 or limit > 100:
            return J({"error": "bad_request", "detail": "limit must be between 1 and 100"}, 400)
        offset = 0
        if req.query.get("next_page_token"):
            state = untoken(req.query["next_page_token"])
            if not isinstance(state, dict) or state.get("w") != [start.isoformat(), end.isoformat()]:
                return J({"error": "bad_request", "detail": "next_page_token does not belong to this from/to"}, 400)
            offset = state["o"]
        rows = []
        d = start
        while d <= end:
            off = (d - self.today).days
            if off <= self.published:
                rows += self.days.get(off, [])
            d += dt.timedelta(days=1)
        nxt = token({"w": [start.isoformat(), end.isoformat()], "o": offset + limit}) if offset + limit < len(rows) else None
        return J({"from": start.isoformat(), "to": end.isoformat(), "rows": rows[offset: offset + limit],
                  "next_page_token": nxt})

    def advance(self) -> None:
        self.published = -1
        for r in self.days[-2]:
            r["views"] += 7


# ---------------------------------------------------------------------------------------------- r8-06
class Fleetbeat(Source):
    """Bearer; GET /api/v1/trips?limit=&cursor= (default 20, max 50), next_cursor. Flaky: every 5th request (k % 5 ==
    2) is a 503 with an HTML body, every k % 7 == 4 otherwise a 200 whose JSON body is cut off. Rate limit: 6
    requests per 3 s window, X-RateLimit-Limit/Remaining/Reset (Reset = unix epoch seconds); over it a 429 without
    Retry-After."""
    seed = 806
    LIMIT, WINDOW = 6, 3.0

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("fb_", 40)
        self.window_start: float | None = None
        self.used = 0
        vehicles = [f"VAN-{n:03d}" for n in range(1, 19)]
        self.trips = []
        for i in range(420):
            start = i * 47 + self.rng.randint(0, 30)
            km = round(self.rng.uniform(2, 180), 1)
            self.trips.append({"id": f"trp_{self.secret('', 12)}", "vehicle": self.rng.choice(vehicles),
                               "driver_id": 800 + self.rng.randint(0, 25), "started_at": iso(start),
                               "ended_at": iso(start + int(km * 1.4) + 5), "distance_km": km,
                               "fuel_l": round(km * self.rng.uniform(0.06, 0.11), 2),
                               "start": {"lat": round(self.rng.uniform(51, 53), 5), "lon": round(self.rng.uniform(4, 6.5), 5)},
                               "harsh_events": self.rng.randint(0, 4)})

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["token"]:
            return J({"error": "unauthorized"}, 401)
        if req.path != "/api/v1/trips":
            return J({"error": "not_found"}, 404)
        now = time.time()
        if self.window_start is None or now >= self.window_start + self.WINDOW:
            self.window_start, self.used = now, 0
        reset = str(math.ceil(self.window_start + self.WINDOW))
        if self.used >= self.LIMIT:
            return J({"error": "rate_limited", "message": "rate limit exceeded"}, 429,
                     {"X-RateLimit-Limit": str(self.LIMIT), "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
        self.used += 1
        rl = {"X-RateLimit-Limit": str(self.LIMIT), "X-RateLimit-Remaining": str(self.LIMIT - self.used),
              "X-RateLimit-Reset": reset}
        self.requests += 1
        k = self.requests
        if k % 5 == 2:
            return 503, {"Content-Type": "text/html", **rl}, (
                b"<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>"
                b"<h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>")
        limit = int_arg(req, "limit", 20)
        if limit < 1 or limit > 50:
            return J({"error": "bad_request", "message": "limit must be between 1 and 50"}, 400, rl)
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or "o" not in state:
                return J({"error": "bad_request", "message": "invalid cursor"}, 400, rl)
            offset = state["o"]
        nxt = token({"o": offset + limit}) if offset + limit < len(self.trips) else None
        resp = J({"trips": self.trips[offset: offset + limit], "next_cursor": nxt}, headers=rl)
        return truncated(resp) if k % 7 == 4 else resp


# ---------------------------------------------------------------------------------------------- r8-07
class Eventix(Source):
    """Api-Key header. /api/events: page/page_size (default 10, max 25) with pagination.pages; /api/orders:
    limit (default 20, max 100) + cursor with next_cursor; orders nest a tickets array whose items have no id
    (seat is null for general admission)."""
    seed = 807

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("evx_", 30)
        venues = [{"name": n, "city": c} for n, c in [("Paradiso", "Amsterdam"), ("Tivoli", "Utrecht"),
                                                      ("013", "Tilburg"), ("Melkweg", "Amsterdam")]]
        self.events = []
        for i in range(80):
            self.events.append({"id": 700 + i, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Live', 'Night', 'Festival', 'Tour'])}",
                                "venue": self.rng.choice(venues), "starts_at": iso(i * 2000 + 1200),
                                "capacity": self.rng.choice([300, 800, 1500]), "seated": self.rng.random() < 0.4,
                                "status": self.rng.choice(["on_sale", "on_sale", "sold_out", "cancelled"])})
        self.orders = []
        for i in range(350):
            ev = self.rng.choice(self.events)
            tickets = []
            for _ in range(self.rng.randint(1, 5)):
                seat = f"{self.rng.choice('ABCDEFGH')}{self.rng.randint(1, 30)}" if ev["seated"] else None
                tickets.append({"type": self.rng.choice(["adult", "adult", "child", "vip"]), "seat": seat,
                                "price": self.rng.choice(["25.00", "35.00", "12.50", "80.00"]),
                                "checked_in": self.rng.random() < 0.3})
            name, email = self.person()
            self.orders.append({"id": f"O-{24000 + i * 7}", "event_id": ev["id"], "buyer": {"name": name, "email": email},
                                "created_at": iso(i * 300), "currency": "EUR", "tickets": tickets,
                                "total": f"{sum(float(t['price']) for t in tickets):.2f}"})

    def handle(self, req: Req) -> Resp:
        if req.header("Api-Key") != self.values["api_key"]:
            return J({"message": "invalid or missing Api-Key"}, 401)
        if req.path == "/api/events":
            page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 10)
            if size < 1 or size > 25:
                return J({"message": "page_size must be between 1 and 25"}, 400)
            if page < 1:
                return J({"message": "page must be >= 1"}, 400)
            total = len(self.events)
            return J({"events": self.events[(page - 1) * size: page * size],
                      "pagination": {"page": page, "page_size": size, "pages": math.ceil(total / size), "total": total}})
        if req.path == "/api/orders":
            limit = int_arg(req, "limit", 20)
            if limit < 1 or limit > 100:
                return J({"message": "limit must be between 1 and 100"}, 400)
            offset = 0
            if req.query.get("cursor"):
                state = untoken(req.query["cursor"])
                if not isinstance(state, dict) or "after" not in state:
                    return J({"message": "invalid cursor"}, 400)
                offset = state["after"]
            nxt = token({"after": offset + limit}) if offset + limit < len(self.orders) else None
            return J({"orders": self.orders[offset: offset + limit], "next_cursor": nxt})
        return J({"message": "not found"}, 404)


# ---------------------------------------------------------------------------------------------- r8-08
class Assetly(Source):
    """Bearer; GET /v1/devices?offset=&limit= (default 25, max 100) with total; modified_since (>=); archived devices
    come back with archived: true. advance() switches the payload to v2: owner_id becomes a string id for every
    device and os_build, warranty and tags appear; 20 devices change, 12 are new, 5 are archived."""
    seed = 808

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("ast_", 32)
        self.v2 = False
        self.devices: dict[int, dict] = {}
        for i in range(265):
            self._device(100000 + i * 3, iso(i * 400 + self.rng.randint(0, 3000)))
        for did in self.rng.sample(sorted(self.devices), 6):
            self.devices[did].update(archived=True, status="retired", modified_at=iso(150000))
        self.next_id = 100000 + 265 * 3

    def _device(self, did: int, modified: str) -> None:
        owner = self.rng.randint(200, 260)
        self.devices[did] = {"id": did, "hostname": f"{self.rng.choice(WORDS)}-{did % 1000:03d}",
                             "serial": self.secret("", 10).upper(),
                             "model": self.rng.choice(["ThinkPad T14", "MacBook Air", "Latitude 5440", "Surface 9"]),
                             "os": self.rng.choice(["windows", "macos", "linux"]), "owner_id": owner,
                             "owner_v2": f"usr_{self.secret('', 8)}", "site_id": self.rng.choice([11, 12, 14, 20]),
                             "status": self.rng.choice(["active", "active", "in_repair", "spare"]), "archived": False,
                             "last_seen_at": modified, "modified_at": modified,
                             "os_build": self.rng.choice(["22H2", "23H2", "14.4.1", "6.5.0"]),
                             "warranty": {"until": day(self.rng.randint(400, 1400)),
                                          "tier": self.rng.choice(["basic", "onsite"])},
                             "tags": self.rng.sample(["finance", "dev", "loaner", "vip", "remote"], self.rng.randint(0, 2))}

    def _out(self, d: dict) -> dict:
        row = {k: v for k, v in d.items() if k not in ("owner_v2", "os_build", "warranty", "tags")}
        if self.v2:
            row.update(owner_id=d["owner_v2"], os_build=d["os_build"], warranty=d["warranty"], tags=d["tags"])
        return row

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["token"]:
            return J({"error": "unauthorized", "message": "invalid bearer token"}, 401)
        if req.path != "/v1/devices":
            return J({"error": "not_found"}, 404)
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return J({"error": "bad_request", "message": "limit must be between 1 and 100"}, 400)
        if offset < 0:
            return J({"error": "bad_request", "message": "offset must be >= 0"}, 400)
        raw = req.query.get("modified_since") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return J({"error": "bad_request", "message": "modified_since must be an ISO 8601 timestamp"}, 400)
        rows = [self._out(d) for _, d in sorted(self.devices.items())
                if since is None or parse_iso(d["modified_at"]) >= since]
        return J({"devices": rows[offset: offset + limit], "total": len(rows), "offset": offset, "limit": limit,
                  "api_version": "2" if self.v2 else "1"})

    def advance(self) -> None:
        self.v2 = True
        live = [did for did, d in sorted(self.devices.items()) if not d["archived"]]
        picked = self.rng.sample(live, 25)
        for did in picked[:20]:
            self.devices[did].update(status="active", last_seen_at=now_iso(), modified_at=now_iso())
        for did in picked[20:]:
            self.devices[did].update(archived=True, status="retired", modified_at=now_iso())
        for _ in range(12):
            self._device(self.next_id, now_iso())
            self.next_id += 3


# ---------------------------------------------------------------------------------------------- r8-09
class Shopwell(Source):
    """OAuth2 client credentials at POST /oauth2/token (tokens live 2 s); GraphQL at POST /graphql/v1 (0.25 s a
    call). Query.orders(first: Int!, after, updatedAfter) capped at 25 (field error in HTTP 200). An expired or
    unknown token is HTTP 200 with errors[].extensions.code UNAUTHENTICATED; no Authorization header is a 401."""
    seed = 809

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = self.secret("", 20)
        self.values["client_secret"] = self.secret("shs_", 36)
        self.oauth = ClientCredentials(self, self.values["client_id"], self.values["client_secret"], 2, "shpat_")
        self.customers = []
        for i in range(70):
            name, email = self.person()
            self.customers.append({"id": f"gid://shopwell/Customer/{61000 + i}", "firstName": name.split()[0],
                                   "lastName": name.split()[1], "email": email})
        self.products = [(f"SKU-{300 + i}", f"{w.title()} {k}", f"{p:.2f}") for i, (w, k, p) in enumerate(
            zip(WORDS, ["mug", "tee", "cap", "poster", "tote", "socks"] * 4, [12, 25, 18, 9.5, 15, 7] * 4))]
        self.orders: dict[int, dict] = {}
        for i in range(300):
            self._order(1001 + i, iso(i * 150), iso(i * 150 + self.rng.randint(0, 6000)))
        self.next_no = 1301
        types = {
            "Query": {"orders": ("OrderConnection!", {"first": "Int!", "after": "String", "updatedAfter": "DateTime"}),
                      "shop": ("Shop!", {})},
            "Order": {"id": ("ID!", {}), "name": ("String!", {}), "email": ("String", {}),
                      "financialStatus": ("String!", {}), "fulfillmentStatus": ("String", {}),
                      "totalPrice": ("Money!", {}), "createdAt": ("DateTime!", {}), "updatedAt": ("DateTime!", {}),
                      "customer": ("Customer", {}), "lineItems": ("[LineItem!]!", {}), "tags": ("[String!]!", {})},
            "Money": {"amount": ("String!", {}), "currencyCode": ("String!", {})},
            "Customer": {"id": ("ID!", {}), "firstName": ("String", {}), "lastName": ("String", {}),
                         "email": ("String", {})},
            "LineItem": {"sku": ("String", {}), "title": ("String!", {}), "quantity": ("Int!", {}),
                         "price": ("Money!", {})},
            "Shop": {"name": ("String!", {}), "currencyCode": ("String!", {})},
            "PageInfo": PAGE_INFO, **conn_types("Order")}
        self.gql = GraphQL(types, {}, {"orders": self._orders,
                                       "shop": lambda a: {"name": "Shopwell Demo", "currencyCode": "EUR"}})

    def _order(self, no: int, created: str, updated: str) -> None:
        lines = []
        for sku, title, price in self.rng.sample(self.products, self.rng.randint(1, 4)):
            lines.append({"sku": sku, "title": title, "quantity": self.rng.randint(1, 3),
                          "price": {"amount": price, "currencyCode": "EUR"}})
        cust = self.rng.choice(self.customers + [None])
        total = sum(float(line["price"]["amount"]) * line["quantity"] for line in lines)
        self.orders[no] = {"id": f"gid://shopwell/Order/{no}", "no": no, "name": f"#{no}",
                           "email": cust["email"] if cust else None,
                           "financialStatus": self.rng.choice(["PAID", "PAID", "PENDING", "REFUNDED"]),
                           "fulfillmentStatus": self.rng.choice([None, "FULFILLED", "PARTIAL"]),
                           "totalPrice": {"amount": f"{total:.2f}", "currencyCode": "EUR"},
                           "createdAt": created, "updatedAt": updated, "customer": cust, "lineItems": lines,
                           "tags": self.rng.sample(["gift", "wholesale", "repeat", "promo"], self.rng.randint(0, 2))}

    def _orders(self, args: dict) -> dict:
        rows = [o for _, o in sorted(self.orders.items())]
        if args.get("updatedAfter") is not None:
            since = parse_iso(args["updatedAfter"])
            if since is None:
                raise GQLError("updatedAfter must be an ISO 8601 date-time", "BAD_USER_INPUT")
            rows = [o for o in rows if parse_iso(o["updatedAt"]) >= since]
        return connection(rows, args, "orders", 25, lambda r: r["no"])

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth2/token":
            return self.oauth.issue(req, {"scope": "read_orders"})
        if req.path != "/graphql/v1":
            return J({"errors": [{"message": "Not Found"}]}, 404)
        if not req.header("Authorization"):
            return J({"errors": [{"message": "[API] Missing access token"}]}, 401)
        time.sleep(0.25)
        status = self.oauth.check(req.bearer())
        if status != "ok":
            message = "Access token expired" if status == "expired" else "Invalid access token"
            return J({"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]})
        return self.gql.http(req)

    def advance(self) -> None:
        for no in self.rng.sample(sorted(self.orders), 6):
            self.orders[no].update(fulfillmentStatus="FULFILLED", updatedAt=now_iso())
        for _ in range(9):
            self._order(self.next_no, now_iso(), now_iso())
            self.next_no += 1


# ---------------------------------------------------------------------------------------------- r8-10
NS_ATOM, NS_OBS = "http://www.w3.org/2005/Atom", "urn:x-meteo:observation:1"


class Meteofeed(Source):
    """Atom feed with an obs: extension namespace; ?key= in the query; count (default 50, max 200); paging only by
    <link rel="next"> (absolute, keeps key and count). Flaky: every k % 4 == 2 request is a 503 (Retry-After: 1),
    every k % 5 == 3 otherwise a 200 whose XML is cut off."""
    seed = 810

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["key"] = self.secret("", 24)
        stations = [("06240", "Schiphol"), ("06260", "De Bilt"), ("06280", "Eelde"), ("06310", "Vlissingen"),
                    ("06370", "Eindhoven"), ("06380", "Maastricht")]
        self.entries = []
        for i in range(520):
            code, name = stations[i % len(stations)]
            when = iso((i // len(stations)) * 60)
            self.entries.append({"id": f"urn:meteo:obs:{code}:{when.replace('-', '').replace(':', '')}",
                                 "station": code, "station_name": name, "time": when,
                                 "temp": round(self.rng.uniform(-5, 28), 1), "humidity": self.rng.randint(35, 100),
                                 "pressure": round(self.rng.uniform(985, 1035), 1),
                                 "wind_speed": round(self.rng.uniform(0, 22), 1), "wind_dir": self.rng.randint(0, 359)})

    def handle(self, req: Req) -> Resp:
        if req.query.get("key") != self.values["key"]:
            return X(f'<?xml version="1.0"?><error xmlns="{NS_OBS}"><status>401</status>'
                     f'<message>missing or invalid key</message></error>', 401)
        if req.path != "/feeds/observations.atom":
            return X(f'<?xml version="1.0"?><error xmlns="{NS_OBS}"><status>404</status></error>', 404)
        self.requests += 1
        k = self.requests
        if k % 4 == 2:
            return 503, {"Content-Type": "text/plain", "Retry-After": "1"}, b"503 Service Unavailable: backend busy"
        count = int_arg(req, "count", 50)
        if count < 1 or count > 200:
            return X(f'<?xml version="1.0"?><error xmlns="{NS_OBS}"><status>400</status>'
                     f'<message>count must be between 1 and 200</message></error>', 400)
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or "s" not in state:
                return X(f'<?xml version="1.0"?><error xmlns="{NS_OBS}"><status>400</status>'
                         f'<message>bad cursor</message></error>', 400)
            offset = state["s"]
        base = f"{self.base_url}/feeds/observations.atom"
        page = self.entries[offset: offset + count]
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               f'<feed xmlns="{NS_ATOM}" xmlns:obs="{NS_OBS}">',
               "  <title>Station observations</title>", f"  <id>urn:meteo:feed:observations</id>",
               f"  <updated>{iso(100000)}</updated>",
               f'  <link rel="self" href={quoteattr(req.path)}/>']
        if offset + count < len(self.entries):
            q = urllib.parse.urlencode({"key": self.values["key"], "count": count, "cursor": token({"s": offset + count})})
            out.append(f'  <link rel="next" href={quoteattr(base + "?" + q)}/>')
        for e in page:
            out += ["  <entry>", f"    <id>{e['id']}</id>",
                    f"    <title>{escape(e['station_name'])} {e['time']}</title>", f"    <updated>{e['time']}</updated>",
                    f'    <obs:station code="{e["station"]}">{escape(e["station_name"])}</obs:station>',
                    f'    <obs:temperature unit="C">{e["temp"]}</obs:temperature>',
                    f"    <obs:humidity>{e['humidity']}</obs:humidity>",
                    f'    <obs:pressure unit="hPa">{e["pressure"]}</obs:pressure>',
                    f'    <obs:wind speed="{e["wind_speed"]}" direction="{e["wind_dir"]}"/>', "  </entry>"]
        out.append("</feed>")
        resp = X("\n".join(out) + "\n")
        return truncated(resp) if k % 5 == 3 else resp


SOURCES = {"trackly": Trackly, "adreach": Adreach, "shelfware": Shelfware, "leadbase": Leadbase,
           "pagepulse": Pagepulse, "fleetbeat": Fleetbeat, "eventix": Eventix, "assetly": Assetly,
           "shopwell": Shopwell, "meteofeed": Meteofeed}


class Running:
    def __init__(self, src: Source):
        self._src = src
        self.values = dict(src.values)

    def advance(self) -> None:
        with _lock(self._src):
            self._src.advance()


def _lock(src: Source) -> threading.Lock:
    if not hasattr(src, "_lock"):
        src._lock = threading.Lock()  # type: ignore[attr-defined]
    return src._lock  # type: ignore[attr-defined]


@contextlib.contextmanager
def serve(source: str, workdir: pathlib.Path) -> Iterator[Running]:
    """Runs the mock API `source` on 127.0.0.1 for the duration of the block."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}")
    holder: dict[str, Source] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def dispatch(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            src = holder["src"]
            try:
                with _lock(src):
                    status, headers, payload = src.handle(Req(self.command, self.path, self.headers, body))
            except Exception as e:  # a bug in a mock is a 500, never a hang
                status, headers, payload = 500, {"Content-Type": "text/plain"}, f"mock error: {e}".encode()
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = dispatch

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["src"] = SOURCES[source](f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(holder["src"])
    finally:
        server.shutdown()
        server.server_close()
