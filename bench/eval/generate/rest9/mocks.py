"""Local mock HTTP APIs for the rest9 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config: `base_url` plus the credentials, and for the report API
a `start_date` relative to today) and .advance() (the changes seen by a second sync, stamped with the current time).
Every mock enforces what its task's request says (auth, page-size caps, pagination, windows, rate limits) and, where
the request is silent, behaves as an ordinary API would. All data is seeded, so row counts are exact; the report
API (r9-03) keeps its data relative to today's UTC date, so its counts are too.

The GraphQL API (r9-06) runs a small GraphQL executor: queries are parsed (variables, aliases, fragments,
@skip/@include), validated against a fixed schema and answered with only the selected fields; parse and validation
errors come back as HTTP 200 with an `errors` array, as do field errors such as a too-large `first` or a bad cursor.

Rate limits (r9-03, r9-09) are counted in requests, not in time: every Nth request is a 429 with `Retry-After: 2`,
and any request within 1.5 s of that 429 is another 429, so only a client that honours Retry-After gets through.
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




def link_header(urls: dict[str, str]) -> str:
    return ", ".join(f'<{u}>; rel="{rel}"' for rel, u in urls.items())


class Throttle:
    """Every `every`-th served request is answered 429 with Retry-After: 2; any request within 1.5 s of a 429 is
    another 429 (not counted). Only waiting as told gets through; waiting longer is always fine."""

    def __init__(self, every: int, retry_after: int = 2, grace: float = 1.5):
        self.every, self.retry_after, self.grace = every, retry_after, grace
        self.served = 0
        self.blocked_until = 0.0
        self.sent = 0

    def check(self) -> bool:
        """True when this request must be answered 429."""
        now = time.monotonic()
        if now < self.blocked_until:
            self.sent += 1
            return True
        self.served += 1
        if self.served % self.every == 0:
            self.blocked_until = now + self.grace
            self.sent += 1
            return True
        return False


# ---------------------------------------------------------------------------------------------- r9-01
class Crewdesk(Source):
    """Helpdesk. Header `X-Crewdesk-Key`. GET /api/v2/tickets (per_page default 30, max 100) and
    GET /api/v2/tickets/{id}/comments (per_page default 30, max 50), both paged by `page` with an RFC 8288 Link
    header (first/prev/next/last, absolute URLs). Comments do not carry their ticket id; a few tickets have more
    than 50 comments, many have none."""
    seed = 901

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("cdk_", 32)
        agents = [{"id": 90 + n, "name": f"{f.title()} {self.rng.choice(LAST).title()}"} for n, f in enumerate(FIRST[:7])]
        self.tickets: list[dict] = []
        self.comments: dict[int, list[dict]] = {}
        heavy = set(self.rng.sample(range(240), 4))
        cid = 55000
        for i in range(240):
            tid = 3100 + i
            created = i * 180 + self.rng.randint(0, 90)
            name, email = self.person()
            n = self.rng.randint(52, 79) if i in heavy else self.rng.choice([0, 0, 1, 1, 2, 2, 3, 4, 5, 7])
            comments = []
            for j in range(n):
                cid += self.rng.randint(1, 4)
                public = self.rng.random() < 0.7
                author = self.rng.choice(agents) if j % 2 else {"id": 10000 + i, "name": name}
                comments.append({"id": cid, "author": {"id": author["id"], "name": author["name"],
                                                       "role": "agent" if j % 2 else "end_user"},
                                 "body": self.rng.choice(["Thanks, looking into it.", "Any update?", "Fixed on our side.",
                                                          "Can you send a screenshot?", "Closing this one."]),
                                 "public": public, "created_at": iso(created + 5 + j * 11)})
            self.comments[tid] = comments
            self.tickets.append({
                "id": tid, "subject": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['not syncing', 'refund request', 'login loop', 'invoice missing', 'slow dashboard'])}",
                "status": self.rng.choice(["new", "open", "pending", "solved", "closed"]),
                "priority": self.rng.choice(["low", "normal", "normal", "high", "urgent"]),
                "requester": {"id": 10000 + i, "name": name, "email": email},
                "assignee_id": self.rng.choice([a["id"] for a in agents] + [None]),
                "tags": self.rng.sample(["billing", "bug", "vip", "mobile", "sso", "export"], self.rng.randint(0, 3)),
                "comment_count": n, "created_at": iso(created), "updated_at": iso(created + 5 + n * 11 + 30)})

    def _page(self, req: Req, rows: list[dict], cap: int, key: str) -> Resp:
        page, per_page = int_arg(req, "page", 1), int_arg(req, "per_page", 30)
        if per_page < 1 or per_page > cap:
            return J({"error": "invalid_parameter", "message": f"per_page must be between 1 and {cap}"}, 400)
        if page < 1:
            return J({"error": "invalid_parameter", "message": "page must be >= 1"}, 400)
        last = max(1, math.ceil(len(rows) / per_page))
        url = lambda p: f"{self.base_url}{req.path}?" + urllib.parse.urlencode({"page": p, "per_page": per_page})  # noqa: E731
        links = {"first": url(1)}
        if page > 1:
            links["prev"] = url(min(page - 1, last))
        if page < last:
            links["next"] = url(page + 1)
        links["last"] = url(last)
        return J({key: rows[(page - 1) * per_page: page * per_page]},
                 headers={"Link": link_header(links), "X-Total-Count": str(len(rows))})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Crewdesk-Key") != self.values["api_key"]:
            return J({"error": "unauthorized", "message": "missing or invalid X-Crewdesk-Key"}, 401)
        if req.path == "/api/v2/tickets":
            return self._page(req, self.tickets, 100, "tickets")
        m = re.fullmatch(r"/api/v2/tickets/(\d+)(/comments)?", req.path)
        if m and int(m.group(1)) in self.comments:
            tid = int(m.group(1))
            if m.group(2):
                return self._page(req, self.comments[tid], 50, "comments")
            return J({"ticket": next(t for t in self.tickets if t["id"] == tid)})
        return J({"error": "not_found", "message": "no such resource"}, 404)


# ---------------------------------------------------------------------------------------------- r9-02
class Invoicely(Source):
    """Basic auth (account id : API secret). GET /v1/invoices?offset=&limit=&updated_since= (limit default 50, max
    200; updated_since ISO 8601, inclusive), ordered by id, with total. Each invoice nests `lines` (line_no 1..n).
    advance(): 14 invoices updated (4 of them gain a line), 11 new."""
    seed = 902

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["account_id"] = "AC" + "".join(self.rng.choice("0123456789") for _ in range(8))
        self.values["api_secret"] = self.secret("isk_", 32)
        self.customers = []
        for n in range(40):
            name, email = self.person()
            self.customers.append({"id": f"cus_{700 + n}", "name": name, "email": email})
        self.invoices: list[dict] = []
        for i in range(430):
            self._invoice(iso(i * 250 + self.rng.randint(0, 200)))

    def _line(self, n: int) -> dict:
        sku = self.rng.choice(["SEAT-STD", "SEAT-PRO", "ADDON-SSO", "ADDON-API", "SUPPORT-PLUS", "ONBOARD"])
        qty = self.rng.randint(1, 25)
        price = {"SEAT-STD": 12.0, "SEAT-PRO": 29.0, "ADDON-SSO": 99.0, "ADDON-API": 49.0, "SUPPORT-PLUS": 199.0,
                 "ONBOARD": 500.0}[sku]
        return {"line_no": n, "sku": sku, "description": sku.replace("-", " ").title(), "quantity": qty,
                "unit_price": price, "amount": round(qty * price, 2)}

    def _invoice(self, when: str) -> None:
        i = len(self.invoices)
        lines = [self._line(n + 1) for n in range(self.rng.randint(1, 5))]
        self.invoices.append({
            "id": f"INV-{20000 + i}", "number": f"2024-{i + 1:05d}", "customer": self.rng.choice(self.customers),
            "status": self.rng.choice(["draft", "open", "open", "paid", "paid", "paid", "void"]), "currency": "USD",
            "issued_on": when[:10], "due_on": (parse_iso(when) + dt.timedelta(days=30)).strftime("%Y-%m-%d"),
            "total": round(sum(x["amount"] for x in lines), 2), "lines": lines, "created_at": when, "updated_at": when})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["account_id"], self.values["api_secret"]):
            return J({"error": "unauthorized", "message": "use HTTP basic auth: account id and API secret"}, 401,
                     {"WWW-Authenticate": 'Basic realm="invoicely"'})
        if req.path != "/v1/invoices":
            return J({"error": "not_found"}, 404)
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 50)
        if limit < 1 or limit > 200:
            return J({"error": "bad_request", "message": "limit must be between 1 and 200"}, 400)
        if offset < 0:
            return J({"error": "bad_request", "message": "offset must be >= 0"}, 400)
        raw = req.query.get("updated_since") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return J({"error": "bad_request", "message": "updated_since must be an ISO 8601 timestamp"}, 400)
        rows = [v for v in self.invoices if since is None or parse_iso(v["updated_at"]) >= since]
        return J({"invoices": rows[offset: offset + limit], "offset": offset, "limit": limit, "total": len(rows)})

    def advance(self) -> None:
        picked = self.rng.sample(range(len(self.invoices)), 14)
        for n, i in enumerate(picked):
            inv = self.invoices[i]
            if n < 4:
                inv["lines"].append(self._line(len(inv["lines"]) + 1))
                inv["total"] = round(sum(x["amount"] for x in inv["lines"]), 2)
            inv.update(status="paid", updated_at=now_iso())
        for _ in range(11):
            self._invoice(now_iso())


# ---------------------------------------------------------------------------------------------- r9-03
class Beaconly(Source):
    """Email campaign report. GET /v2/reports/campaign-daily?access_key=&since=&until= (YYYY-MM-DD, both inclusive,
    at most 31 days a call, until before today). Rows (date, campaign_id) relative to today: data for the last 130
    days. Rate limit: every 3rd request a 429 with Retry-After: 2 (see Throttle)."""
    seed = 903
    SPAN = 31

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["access_key"] = self.secret("bk_", 28)
        self.today = utc_today()
        self.values["start_date"] = (self.today - dt.timedelta(days=75)).isoformat()
        self.throttle = Throttle(3)
        campaigns = []
        for n in range(9):
            first = self.rng.randint(1, 130)
            campaigns.append({"id": f"cmp_{4100 + n * 13}", "name": f"{self.rng.choice(WORDS).title()} "
                              f"{self.rng.choice(['Newsletter', 'Promo', 'Onboarding', 'Winback'])}",
                              "from": first, "to": max(1, first - self.rng.randint(20, 110))})
        self.rows: dict[str, list[dict]] = {}
        for back in range(130, 0, -1):
            d = (self.today - dt.timedelta(days=back)).isoformat()
            rows = []
            for c in campaigns:
                if c["to"] <= back <= c["from"] and self.rng.random() < 0.85:
                    sends = self.rng.randint(200, 9000)
                    opens = int(sends * self.rng.uniform(0.15, 0.5))
                    clicks = int(opens * self.rng.uniform(0.05, 0.3))
                    rows.append({"date": d, "campaign_id": c["id"], "campaign_name": c["name"], "sends": sends,
                                 "opens": opens, "clicks": clicks, "unsubscribes": self.rng.randint(0, 30),
                                 "revenue": round(clicks * self.rng.uniform(0.5, 4.0), 2)})
            self.rows[d] = rows

    def count_from(self, start: dt.date) -> int:
        return sum(len(r) for d, r in self.rows.items() if dt.date.fromisoformat(d) >= start)

    def handle(self, req: Req) -> Resp:
        if req.query.get("access_key") != self.values["access_key"]:
            return J({"error": {"code": 401, "message": "invalid or missing access_key"}}, 401)
        if req.path != "/v2/reports/campaign-daily":
            return J({"error": {"code": 404, "message": "unknown report"}}, 404)
        if self.throttle.check():
            return J({"error": {"code": 429, "message": "Too many requests, slow down"}}, 429, {"Retry-After": "2"})
        since, until = parse_date(req.query.get("since")), parse_date(req.query.get("until"))
        if since is None or until is None:
            return J({"error": {"code": 400, "message": "since and until are required, as YYYY-MM-DD"}}, 400)
        if since > until:
            return J({"error": {"code": 400, "message": "since must not be after until"}}, 400)
        if (until - since).days + 1 > self.SPAN:
            return J({"error": {"code": 400, "message": f"the range may span at most {self.SPAN} days "
                                f"(since and until are inclusive)"}}, 400)
        if until >= utc_today():
            return J({"error": {"code": 400, "message": "until must be before today; today's numbers are not final"}},
                     400)
        out = []
        d = since
        while d <= until:
            out += self.rows.get(d.isoformat(), [])
            d += dt.timedelta(days=1)
        return J({"report": "campaign-daily", "since": since.isoformat(), "until": until.isoformat(),
                  "row_count": len(out), "rows": out})


# ---------------------------------------------------------------------------------------------- r9-04
class Stockroom(Source):
    """OAuth2 client credentials at POST /oauth/token (form; tokens live an hour). GET /api/products?limit=&cursor=
    (default 25, max 100) -> {data, meta.next_cursor}; GET /api/products/deleted?since=&limit=&cursor= (since
    required, ISO 8601, inclusive) lists hard-deleted product ids with deleted_at (140 old deletions of products
    never listed). advance(): 9 products deleted, 6 updated, 12 new."""
    seed = 904

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = self.secret("sr_app_", 16)
        self.values["client_secret"] = self.secret("", 40)
        self.oauth = ClientCredentials(self, self.values["client_id"], self.values["client_secret"], 3600, "srat_")
        self.products: dict[int, dict] = {}
        self.deleted: list[dict] = []
        for n in range(140):
            self.deleted.append({"id": 10000 + n * 11, "deleted_at": iso(n * 300)})
        self.next_id = 40000
        for i in range(330):
            self._product(iso(50000 + i * 120))

    def _product(self, when: str) -> None:
        pid = self.next_id
        self.next_id += 7
        cat = self.rng.choice(["fasteners", "adhesives", "tools", "safety", "electrical"])
        self.products[pid] = {"id": pid, "sku": f"{cat[:3].upper()}-{pid}", "name": f"{self.rng.choice(WORDS).title()} "
                              f"{self.rng.choice(['bolt M8', 'epoxy 50ml', 'torque wrench', 'gloves L', 'cable tie'])}",
                              "category": cat, "price": round(self.rng.uniform(0.5, 180), 2),
                              "stock": {"on_hand": self.rng.randint(0, 900), "reserved": self.rng.randint(0, 40)},
                              "active": self.rng.random() < 0.9, "updated_at": when}

    def _list(self, req: Req, rows: list[dict], kind: str) -> Resp:
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return J({"error": "invalid_request", "message": "limit must be between 1 and 100"}, 400)
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or state.get("k") != kind:
                return J({"error": "invalid_request", "message": "invalid cursor"}, 400)
            offset = state["o"]
        nxt = token({"k": kind, "o": offset + limit}) if offset + limit < len(rows) else None
        page = rows[offset: offset + limit]
        return J({"data": page, "meta": {"count": len(page), "next_cursor": nxt}})

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            return self.oauth.issue(req, {"scope": "catalog:read"})
        status = self.oauth.check(req.bearer())
        if status != "ok":
            return J({"error": "invalid_token", "message": f"access token {status}"}, 401,
                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if req.path == "/api/products":
            return self._list(req, [p for _, p in sorted(self.products.items())], "products")
        if req.path == "/api/products/deleted":
            raw = req.query.get("since") or ""
            since = parse_iso(raw) if raw else None
            if since is None:
                return J({"error": "invalid_request", "message": "since is required (ISO 8601 timestamp)"}, 400)
            rows = [d for d in self.deleted if parse_iso(d["deleted_at"]) >= since]
            return self._list(req, rows, "deleted")
        return J({"error": "not_found"}, 404)

    def advance(self) -> None:
        ids = sorted(self.products)
        picked = self.rng.sample(ids, 15)
        for pid in picked[:9]:
            del self.products[pid]
            self.deleted.append({"id": pid, "deleted_at": now_iso()})
        for pid in picked[9:]:
            self.products[pid].update(price=round(self.products[pid]["price"] * 1.1, 2), updated_at=now_iso())
        for _ in range(12):
            self._product(now_iso())


# ---------------------------------------------------------------------------------------------- r9-05
class Rosterly(Source):
    """Login: POST /api/session with JSON {username, password} -> session_token (header X-Session-Token). GET
    /api/members?page=&page_size=&changed_since=&with_deleted= and /api/teams?page=&page_size= (page_size default 25,
    max 100) with total_pages. Removed members carry removed_at and are listed only with with_deleted=true.
    advance(): 10 members changed, 15 new, 7 removed."""
    seed = 905

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["username"] = "sync-bot@" + self.rng.choice(WORDS) + ".example"
        self.values["password"] = self.secret("", 18)
        self.sessions: set[str] = set()
        self.teams = [{"id": 300 + n, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['U9', 'U11', 'U13', 'Seniors', 'Masters'])}",
                       "sport": self.rng.choice(["football", "hockey", "netball"]), "season": "2024"} for n in range(130)]
        self.members: list[dict] = []
        for i in range(560):
            self._member(iso(i * 200 + self.rng.randint(0, 150)))
        for m in self.rng.sample(self.members, 12):
            m.update(removed_at=iso(150000), changed_at=iso(150000))

    def _member(self, when: str) -> None:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        self.members.append({"id": 7000 + len(self.members), "first_name": first.title(), "last_name": last.title(),
                             "email": f"{first}.{last}{self.rng.randint(1, 99)}@example.com",
                             "team_id": self.rng.choice(self.teams)["id"],
                             "role": self.rng.choice(["player", "player", "player", "coach", "parent"]),
                             "joined_on": when[:10], "changed_at": when, "removed_at": None})

    def _paged(self, req: Req, rows: list[dict], key: str) -> Resp:
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 25)
        if size < 1 or size > 100:
            return J({"ok": False, "error": "page_size must be between 1 and 100"}, 400)
        if page < 1:
            return J({"ok": False, "error": "page must be >= 1"}, 400)
        return J({"ok": True, key: rows[(page - 1) * size: page * size], "page": page, "page_size": size,
                  "total_pages": math.ceil(len(rows) / size), "total": len(rows)})

    def handle(self, req: Req) -> Resp:
        if req.path == "/api/session":
            if req.method != "POST":
                return J({"ok": False, "error": "POST your username and password as JSON"}, 405)
            body = req.json()
            if not isinstance(body, dict):
                return J({"ok": False, "error": "expected a JSON body {\"username\": ..., \"password\": ...}"}, 400)
            if (body.get("username"), body.get("password")) != (self.values["username"], self.values["password"]):
                return J({"ok": False, "error": "invalid username or password"}, 401)
            tok = self.secret("sess_", 40)
            self.sessions.add(tok)
            expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=30)
            return J({"ok": True, "session_token": tok, "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ")})
        if req.header("X-Session-Token") not in self.sessions:
            return J({"ok": False, "error": "not logged in: send X-Session-Token from POST /api/session"}, 401)
        if req.path == "/api/teams":
            return self._paged(req, self.teams, "teams")
        if req.path == "/api/members":
            raw = req.query.get("changed_since") or ""
            since = parse_iso(raw) if raw else None
            if raw and since is None:
                return J({"ok": False, "error": "changed_since must be an ISO 8601 timestamp"}, 400)
            with_deleted = (req.query.get("with_deleted") or "").lower() in ("true", "1", "yes")
            rows = [m for m in self.members if (with_deleted or not m["removed_at"])
                    and (since is None or parse_iso(m["changed_at"]) >= since)]
            return self._paged(req, rows, "members")
        return J({"ok": False, "error": "not found"}, 404)

    def advance(self) -> None:
        live = [m for m in self.members if not m["removed_at"]]
        picked = self.rng.sample(live, 17)
        for m in picked[:10]:
            m.update(role="coach", changed_at=now_iso())
        for m in picked[10:]:
            m.update(removed_at=now_iso(), changed_at=now_iso())
        for _ in range(15):
            self._member(now_iso())


# ---------------------------------------------------------------------------------------------- r9-06
class Ledgerline(Source):
    """GraphQL at POST /graphql, `Authorization: Bearer`. Query.payouts(first: Int!, after, updatedSince: DateTime)
    Relay connection ordered by id, first capped at 100 (a field error in HTTP 200, payouts null); updatedSince is
    inclusive; a cursor that is not an endCursor is a field error. advance(): 18 payouts updated, 25 new."""
    seed = 906

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("llk_live_", 32)
        self.merchants = [{"id": f"M{100 + n}", "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Coffee', 'Books', 'Bikes', 'Studio'])}",
                           "country": self.rng.choice(["NL", "DE", "FR", "BE"])} for n in range(20)]
        self.payouts: list[dict] = []
        for i in range(420):
            self._payout(iso(i * 330 + self.rng.randint(0, 200)))
        types = {
            "Query": {"payouts": ("PayoutConnection!", {"first": "Int!", "after": "String", "updatedSince": "DateTime"}),
                      "merchant": ("Merchant", {"id": "ID!"})},
            "Payout": {"id": ("ID!", {}), "reference": ("String!", {}), "status": ("PayoutStatus!", {}),
                       "amount": ("Float!", {}), "currency": ("String!", {}), "fee": ("Float", {}),
                       "arrivalDate": ("String", {}), "createdAt": ("DateTime!", {}), "updatedAt": ("DateTime!", {}),
                       "merchant": ("Merchant!", {}), "bankAccount": ("BankAccount", {})},
            "Merchant": {"id": ("ID!", {}), "name": ("String!", {}), "country": ("String!", {})},
            "BankAccount": {"last4": ("String!", {}), "bankName": ("String", {})},
            "PageInfo": PAGE_INFO, **conn_types("Payout")}
        self.gql = GraphQL(types, {"PayoutStatus": {"PENDING", "IN_TRANSIT", "PAID", "FAILED"}}, {
            "payouts": self._payouts,
            "merchant": lambda a: next((m for m in self.merchants if m["id"] == a.get("id")), None)})

    def _payout(self, when: str) -> None:
        n = len(self.payouts)
        amount = round(self.rng.uniform(20, 9000), 2)
        self.payouts.append({
            "id": f"po_{100000 + n}", "reference": f"PO-{self.secret('', 8).upper()}",
            "status": self.rng.choice(["PENDING", "IN_TRANSIT", "PAID", "PAID", "PAID", "FAILED"]),
            "amount": amount, "currency": "EUR", "fee": round(amount * 0.01, 2) if self.rng.random() < 0.8 else None,
            "arrivalDate": (parse_iso(when) + dt.timedelta(days=2)).strftime("%Y-%m-%d"), "createdAt": when,
            "updatedAt": when, "merchant": self.rng.choice(self.merchants),
            "bankAccount": {"last4": f"{self.rng.randint(0, 9999):04d}", "bankName": self.rng.choice(["ING", "Rabobank", None])}
            if self.rng.random() < 0.9 else None})

    def _payouts(self, args: dict) -> dict:
        rows = self.payouts
        if args.get("updatedSince") is not None:
            since = parse_iso(args["updatedSince"])
            rows = [p for p in rows if parse_iso(p["updatedAt"]) >= since]
        return connection(rows, args, "payouts", 100, lambda r: r["id"])

    def handle(self, req: Req) -> Resp:
        if req.path != "/graphql":
            return J({"errors": [{"message": "Not found"}]}, 404)
        if req.bearer() != self.values["token"]:
            return J({"errors": [{"message": "Unauthorized: send 'Authorization: Bearer <api token>'",
                                  "extensions": {"code": "UNAUTHENTICATED"}}]}, 401)
        return self.gql.http(req)

    def advance(self) -> None:
        for p in self.rng.sample(self.payouts, 18):
            p.update(status="PAID", updatedAt=now_iso())
        for _ in range(25):
            self._payout(now_iso())


# ---------------------------------------------------------------------------------------------- r9-07
class Hirewise(Source):
    """GET / (no auth) is an index describing the API. Bearer (401 with WWW-Authenticate: Bearer). GET /v3/jobs and
    /v3/candidates: `limit` (default 20, max 100) -> {data, links: {self, next}} where links.next is an absolute URL
    (with an opaque page_token) or null. Candidates embed `scorecards` (a list, [] or null)."""
    seed = 907

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("hw_at_", 36)
        self.jobs = []
        for n in range(130):
            self.jobs.append({"id": f"job_{2000 + n}", "title": f"{self.rng.choice(['Senior', 'Junior', 'Staff', 'Lead'])} "
                              f"{self.rng.choice(['Backend Engineer', 'Designer', 'Recruiter', 'Data Analyst', 'Account Executive'])}",
                              "department": self.rng.choice(["Engineering", "Design", "People", "Sales", "Data"]),
                              "location": self.rng.choice(["Remote", "Berlin", "Lisbon", "Amsterdam"]),
                              "status": self.rng.choice(["open", "open", "on_hold", "closed"]), "opened_at": iso(n * 900)})
        self.candidates = []
        sc = 0
        for n in range(380):
            name, email = self.person()
            applied = n * 310 + self.rng.randint(0, 200)
            k = self.rng.choice([None, 0, 1, 1, 2, 3, 4])
            cards = None if k is None else []
            for j in range(k or 0):
                sc += 1
                cards.append({"id": f"sc_{90000 + sc * 3}", "interviewer": self.person()[0],
                              "stage": ["phone_screen", "technical", "onsite", "final"][j % 4],
                              "rating": self.rng.randint(1, 4),
                              "recommendation": self.rng.choice(["strong_yes", "yes", "no", "strong_no"]),
                              "submitted_at": iso(applied + 1440 * (j + 1))})
            self.candidates.append({"id": f"cand_{self.secret('', 10)}", "name": name, "email": email,
                                    "job_id": self.rng.choice(self.jobs)["id"],
                                    "stage": self.rng.choice(["applied", "screening", "interviewing", "offer", "hired", "rejected"]),
                                    "source": self.rng.choice(["referral", "linkedin", "careers_page", None]),
                                    "applied_at": iso(applied), "scorecards": cards})

    def index(self) -> dict:
        return {"name": "Hirewise API", "version": "v3",
                "authentication": "Every /v3 request needs 'Authorization: Bearer <access token>'.",
                "resources": {"jobs": f"{self.base_url}/v3/jobs", "candidates": f"{self.base_url}/v3/candidates"},
                "pagination": "Lists return {\"data\": [...], \"links\": {\"self\": ..., \"next\": ...}}. Follow "
                              "links.next (an absolute URL, null on the last page). `limit` sets the page size: "
                              "default 20, at most 100.",
                "embedding": "A candidate embeds its interview scorecards in `scorecards`."}

    def handle(self, req: Req) -> Resp:
        if req.path == "/":
            return J(self.index())
        if req.bearer() != self.values["token"]:
            return J({"error": {"code": "unauthorized", "message": "a valid bearer token is required"}}, 401,
                     {"WWW-Authenticate": 'Bearer realm="hirewise"'})
        rows = {"/v3/jobs": self.jobs, "/v3/candidates": self.candidates}.get(req.path)
        if rows is None:
            return J({"error": {"code": "not_found", "message": "see GET / for the resources"}}, 404)
        limit = int_arg(req, "limit", 20)
        if limit < 1 or limit > 100:
            return J({"error": {"code": "invalid_limit", "message": "limit must be between 1 and 100"}}, 400)
        offset = 0
        if req.query.get("page_token"):
            state = untoken(req.query["page_token"])
            if not isinstance(state, dict) or state.get("p") != req.path:
                return J({"error": {"code": "invalid_page_token", "message": "page_token is not valid here"}}, 400)
            offset = state["o"]
        url = f"{self.base_url}{req.path}"
        nxt = None
        if offset + limit < len(rows):
            nxt = url + "?" + urllib.parse.urlencode({"limit": limit, "page_token": token({"p": req.path, "o": offset + limit})})
        return J({"data": rows[offset: offset + limit], "links": {"self": url + "?" + urllib.parse.urlencode(req.query),
                                                                    "next": nxt}})


# ---------------------------------------------------------------------------------------------- r9-08
class Cargonaut(Source):
    """XML. GET /api/v1/shipments.xml?api_key=&page=&per_page= (default 25, max 100); root <shipments page per_page
    total_pages total>; <shipment id> with child elements and attributes, <packages><package seq> (possibly empty)."""
    seed = 908

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("cgn_", 30)
        carriers = [("DHL", "DHL Express"), ("UPS", "UPS"), ("DSV", "DSV Road"), ("MSK", "Maersk")]
        places = [("NL", "Rotterdam"), ("DE", "Hamburg"), ("BE", "Antwerp"), ("FR", "Lyon"), ("PL", "Poznan")]
        self.shipments = []
        for i in range(412):
            packages = []
            for s in range(self.rng.choice([0, 1, 1, 2, 2, 3, 4])):
                packages.append({"seq": s + 1, "weight": round(self.rng.uniform(0.4, 40), 1),
                                 "dims": f"{self.rng.randint(10, 80)}x{self.rng.randint(10, 60)}x{self.rng.randint(5, 50)}",
                                 "tracking": self.secret("JD", 14).upper() if self.rng.random() < 0.85 else None})
            o, d = self.rng.sample(places, 2)
            c = self.rng.choice(carriers)
            self.shipments.append({"id": f"SHP-{10001 + i}", "reference": f"PO-{self.rng.randint(10000, 99999)}",
                                   "status": self.rng.choice(["booked", "in_transit", "delivered", "delivered", "exception"]),
                                   "carrier": c, "origin": o, "destination": d, "shipped_at": iso(i * 200 + 30),
                                   "packages": packages})

    @staticmethod
    def _error(status: int, message: str) -> Resp:
        return X(f'<?xml version="1.0" encoding="UTF-8"?>\n<error code="{status}"><message>{escape(message)}</message></error>\n',
                 status)

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_key") != self.values["api_key"]:
            return self._error(401, "missing or invalid api_key")
        if req.path != "/api/v1/shipments.xml":
            return self._error(404, "not found")
        page, per_page = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per_page < 1 or per_page > 100:
            return self._error(400, "per_page must be between 1 and 100")
        if page < 1:
            return self._error(400, "page must be >= 1")
        total = len(self.shipments)
        pages = math.ceil(total / per_page)
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<shipments page="{page}" per_page="{per_page}" total_pages="{pages}" total="{total}">']
        for s in self.shipments[(page - 1) * per_page: page * per_page]:
            out += [f'  <shipment id="{s["id"]}">', f"    <reference>{s['reference']}</reference>",
                    f"    <status>{s['status']}</status>",
                    f'    <carrier code="{s["carrier"][0]}">{escape(s["carrier"][1])}</carrier>',
                    f'    <origin country="{s["origin"][0]}">{s["origin"][1]}</origin>',
                    f'    <destination country="{s["destination"][0]}">{s["destination"][1]}</destination>',
                    f"    <shipped_at>{s['shipped_at']}</shipped_at>"]
            if not s["packages"]:
                out.append("    <packages/>")
            else:
                out.append("    <packages>")
                for p in s["packages"]:
                    tracking = f"<tracking>{p['tracking']}</tracking>" if p["tracking"] else ""
                    out.append(f'      <package seq="{p["seq"]}"><weight unit="kg">{p["weight"]}</weight>'
                               f"<dims>{p['dims']}</dims>{tracking}</package>")
                out.append("    </packages>")
            out.append("  </shipment>")
        out.append("</shipments>")
        return X("\n".join(out) + "\n")


# ---------------------------------------------------------------------------------------------- r9-09
class Billow(Source):
    """Stripe-like. Bearer secret key. GET /v1/customers?limit=&starting_after= (default 10, max 100) -> {object:
    list, data, has_more, url}. Rate limit: every 3rd request a 429 with Retry-After: 2 (see Throttle)."""
    seed = 909

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["secret_key"] = self.secret("sk_test_", 40)
        self.throttle = Throttle(3)
        self.customers = []
        for i in range(520):
            name, email = self.person()
            self.customers.append({
                "id": f"cus_{self.secret('', 14)}", "object": "customer", "name": name, "email": email,
                "created": 1704067200 + i * 5400 + self.rng.randint(0, 3000), "currency": self.rng.choice(["usd", "eur", None]),
                "balance": self.rng.choice([0, 0, 0, -500, 1200]), "delinquent": self.rng.random() < 0.08,
                "address": {"country": self.rng.choice(["US", "DE", "NL"]), "postal_code": str(self.rng.randint(10000, 99999))}
                if self.rng.random() < 0.6 else None, "metadata": {}})

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["secret_key"]:
            return J({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided."}}, 401)
        if req.path != "/v1/customers":
            return J({"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL (GET: {req.path})"}}, 404)
        if self.throttle.check():
            return J({"error": {"type": "rate_limit_error", "message": "Too many requests hit the API too quickly."}},
                     429, {"Retry-After": "2"})
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return J({"error": {"type": "invalid_request_error", "param": "limit",
                                "message": "Invalid limit: must be an integer between 1 and 100"}}, 400)
        start = 0
        if req.query.get("starting_after"):
            ids = [c["id"] for c in self.customers]
            if req.query["starting_after"] not in ids:
                return J({"error": {"type": "invalid_request_error", "param": "starting_after",
                                    "message": "No such customer: " + req.query["starting_after"]}}, 400)
            start = ids.index(req.query["starting_after"]) + 1
        page = self.customers[start: start + limit]
        return J({"object": "list", "url": "/v1/customers", "has_more": start + limit < len(self.customers), "data": page})


# ---------------------------------------------------------------------------------------------- r9-10
class Tallyroll(Source):
    """Time tracking. Header X-Tally-Key. GET /api/projects and /api/time_entries with page/page_size (default 20, max
    50) -> {items, page, page_size, has_more}; time_entries take modified_since as unix seconds (anything else is
    400), inclusive, while the payload's modified_at is ISO 8601. /api/projects/{id}/entries is gone (410).
    advance(): 2 new projects; 20 entries modified, 30 new."""
    seed = 910

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("tly_", 26)
        self.projects: list[dict] = []
        for n in range(75):
            self._project()
        self.entries: list[dict] = []
        for i in range(640):
            self._entry(iso(i * 160 + self.rng.randint(0, 120)))

    def _project(self) -> None:
        n = len(self.projects)
        self.projects.append({"id": 600 + n, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Redesign', 'Migration', 'Audit', 'Retainer'])}",
                              "client": self.rng.choice(["Acme", "Globex", "Initech", "Umbrella"]),
                              "billable": self.rng.random() < 0.75, "archived": self.rng.random() < 0.15})

    def _entry(self, when: str) -> None:
        n = len(self.entries)
        self.entries.append({"id": 880000 + n, "project_id": self.rng.choice(self.projects)["id"],
                             "user": self.rng.choice(FIRST), "date": when[:10],
                             "minutes": self.rng.choice([15, 30, 45, 60, 90, 120, 240]),
                             "note": self.rng.choice(["", "standup", "client call", "implementation", "review"]),
                             "billable": self.rng.random() < 0.8, "modified_at": when})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Tally-Key") != self.values["api_key"]:
            return J({"message": "Unauthorized: missing or invalid X-Tally-Key"}, 401)
        if re.fullmatch(r"/api/projects/\d+/entries", req.path):
            return J({"message": "Gone: time entries moved to /api/time_entries"}, 410)
        if req.path == "/api/projects":
            rows = self.projects
        elif req.path == "/api/time_entries":
            raw = req.query.get("modified_since")
            if raw is not None and not re.fullmatch(r"\d{1,12}", raw):
                return J({"message": "modified_since must be a unix timestamp in seconds"}, 400)
            rows = self.entries if raw is None else [
                e for e in self.entries if parse_iso(e["modified_at"]).timestamp() >= int(raw)]
        else:
            return J({"message": "Not found"}, 404)
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 20)
        if size < 1 or size > 50:
            return J({"message": "page_size must be between 1 and 50"}, 400)
        if page < 1:
            return J({"message": "page must be >= 1"}, 400)
        return J({"items": rows[(page - 1) * size: page * size], "page": page, "page_size": size,
                  "has_more": page * size < len(rows)})

    def advance(self) -> None:
        for _ in range(2):
            self._project()
        for e in self.rng.sample(self.entries, 20):
            e.update(minutes=e["minutes"] + 15, modified_at=now_iso())
        for _ in range(30):
            self._entry(now_iso())


SOURCES = {"crewdesk": Crewdesk, "invoicely": Invoicely, "beaconly": Beaconly, "stockroom": Stockroom,
           "rosterly": Rosterly, "ledgerline": Ledgerline, "hirewise": Hirewise, "cargonaut": Cargonaut,
           "billow": Billow, "tallyroll": Tallyroll}


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
