"""Local mock HTTP APIs for the rest11 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces what its task's request says (auth, signatures, cookies, page-size caps, job polling, query
syntax) and, where the request is silent, behaves as the kind of service it imitates would: an OData v4 service,
an async export API, a cookie-session web portal, an HMAC-signed payments API, a JSON:API CMS, an
Elasticsearch/OpenSearch cluster, a Spring-HATEOAS (HAL) API, a CSV endpoint, an ASMX SOAP 1.1 service and an
async reporting API behind HMAC. All data is seeded, so row counts are exact; r11-10 keeps its data relative to
today's UTC date, so its counts are too. Each source has expected() -> the row counts a correct connector makes.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime as dt
import fnmatch
import gzip
import hashlib
import hmac
import http.cookies
import io
import json
import pathlib
import random
import re
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from xml.sax.saxutils import escape

FIRST = ["ana", "ben", "chloe", "dev", "elif", "farid", "gina", "hugo", "ines", "jon", "kira", "lars", "mei",
         "nora", "omar", "pia", "quinn", "rosa", "sven", "tara", "uma", "vik", "wen", "yara", "zane"]
LAST = ["abbott", "berg", "costa", "dahl", "evans", "fischer", "garcia", "haas", "ito", "jensen", "kowalski",
        "lopez", "moreau", "nakamura", "olsen", "petrov", "quist", "rossi", "silva", "tanaka"]
WORDS = ["alpha", "bolt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kepler",
         "lumen", "maple", "nova", "onyx", "prism", "quartz", "raven", "sierra", "tundra", "umber", "vertex"]
CITIES = [("Rotterdam", "NL"), ("Antwerp", "BE"), ("Hamburg", "DE"), ("Lyon", "FR"), ("Milan", "IT"),
          ("Gdansk", "PL"), ("Porto", "PT"), ("Malmo", "SE"), ("Brno", "CZ"), ("Leeds", "GB"), ("Bilbao", "ES")]
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


def parse_iso(text: Any) -> dt.datetime | None:
    if not isinstance(text, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def parse_date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except (TypeError, ValueError):
        return None


class Req:
    def __init__(self, method: str, raw_path: str, headers: Any, body: bytes):
        parts = urllib.parse.urlsplit(raw_path)
        self.method, self.raw_path, self.headers, self.body = method, raw_path, headers, body
        self.path = urllib.parse.unquote(parts.path).rstrip("/") or "/"
        self.query_string = parts.query
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}
        self.cookies: dict[str, str] = {}
        raw = headers.get("Cookie") or ""
        try:
            jar = http.cookies.SimpleCookie()
            jar.load(raw)
            self.cookies = {k: m.value for k, m in jar.items()}
        except http.cookies.CookieError:
            pass

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
        return user, password

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


Resp = tuple  # (status, headers, body bytes); a header value may be a list (several Set-Cookie lines)
BAD_JSON = object()


def J(obj: Any, status: int = 200, headers: dict | None = None, ctype: str = "application/json") -> Resp:
    return status, {"Content-Type": ctype, **(headers or {})}, json.dumps(obj).encode()


def H(html: str, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "text/html; charset=utf-8", **(headers or {})}, html.encode()


def T(text: str, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, text.encode()


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


def qhash(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:10]


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

    def expected(self) -> dict[str, int]:
        raise NotImplementedError


# ============================================================================================== r11-01
class Corvid(Source):
    """Corvid ERP sales service, OData v4 at /odata/v4/sales. HTTP Basic. SalesOrders with the navigation
    properties Lines (order lines, key OrderID + LineNo) and Customer. Query options $filter (Field op literal
    [and ...]; DateTimeOffset literals are unquoted, a quoted one is a type error as in real OData), $select,
    $expand, $orderby, $top, $skip, $count, $skiptoken; unknown $-options are 400. Server-driven paging: 50 a page,
    `Prefer: odata.maxpagesize=n` honoured up to 100; the rest via an absolute `@odata.nextLink` whose $skiptoken
    is bound to the query."""
    seed = 1101
    ROOT = "/odata/v4/sales"
    FIELDS = {"OrderID": "Edm.Int32", "OrderNumber": "Edm.String", "CustomerID": "Edm.String",
              "Status": "Edm.String", "Currency": "Edm.String", "TotalAmount": "Edm.Decimal",
              "OrderDate": "Edm.Date", "SalesRep": "Edm.String", "CreatedAt": "Edm.DateTimeOffset",
              "ModifiedAt": "Edm.DateTimeOffset"}
    LINE_FIELDS = ["OrderID", "LineNo", "ItemCode", "Description", "Quantity", "UnitPrice", "Discount", "LineAmount"]
    CUST_FIELDS = ["CustomerID", "Name", "Country", "Segment"]
    OPTIONS = {"$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["svc_user"] = "svc_" + self.secret("", 6)
        self.values["svc_password"] = self.secret("Cv!", 18)
        self.customers = {}
        for i in range(35):
            cid = f"C{1000 + i * 7}"
            self.customers[cid] = {"CustomerID": cid, "Name": f"{self.rng.choice(WORDS).title()} "
                                   f"{self.rng.choice(['GmbH', 'BV', 'Ltd', 'SA', 'AB'])}",
                                   "Country": self.rng.choice(CITIES)[1],
                                   "Segment": self.rng.choice(["Retail", "Wholesale", "OEM"])}
        self.reps = [self.person()[0] for _ in range(6)]
        self.orders: dict[int, dict] = {}
        for i in range(240):
            created = i * 173 + self.rng.randint(0, 60)
            self._order(10001 + i, iso(created), iso(created + self.rng.randint(0, 40000)))
        self.next_id = 10241

    def _line(self, oid: int, n: int) -> dict:
        qty = self.rng.randint(1, 40)
        price = round(self.rng.uniform(2, 400), 2)
        disc = self.rng.choice([None, None, None, 0.05, 0.1])
        return {"OrderID": oid, "LineNo": n * 10, "ItemCode": f"IT-{self.rng.randint(100, 999)}",
                "Description": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['bracket', 'valve', 'panel', 'hose', 'sensor'])}",
                "Quantity": qty, "UnitPrice": price, "Discount": disc,
                "LineAmount": round(qty * price * (1 - (disc or 0)), 2)}

    def _order(self, oid: int, created: str, modified: str) -> None:
        lines = [self._line(oid, n) for n in range(1, self.rng.randint(1, 5) + 1)]
        self.orders[oid] = {"OrderID": oid, "OrderNumber": f"SO-{oid}", "CustomerID": self.rng.choice(sorted(self.customers)),
                            "Status": self.rng.choice(["Open", "Released", "Shipped", "Invoiced"]),
                            "Currency": self.rng.choice(["EUR", "EUR", "USD", "GBP"]),
                            "TotalAmount": round(sum(x["LineAmount"] for x in lines), 2),
                            "OrderDate": created[:10], "SalesRep": self.rng.choice(self.reps),
                            "CreatedAt": created, "ModifiedAt": modified, "Lines": lines}

    def expected(self) -> dict[str, int]:
        return {"sales_orders": len(self.orders), "order_lines": sum(len(o["Lines"]) for o in self.orders.values())}

    def advance(self) -> None:
        picked = self.rng.sample(sorted(self.orders), 10)
        for oid in picked:
            o = self.orders[oid]
            o["Status"] = "Invoiced"
            if oid in picked[:4]:
                o["Lines"].append(self._line(oid, len(o["Lines"]) + 1))
                o["TotalAmount"] = round(sum(x["LineAmount"] for x in o["Lines"]), 2)
            o["ModifiedAt"] = now_iso()
        for _ in range(8):
            self._order(self.next_id, now_iso(), now_iso())
            self.next_id += 1

    # ------------------------------------------------------------------ OData plumbing
    def _error(self, status: int, message: str, code: str = "") -> Resp:
        return J({"error": {"code": code, "message": message}}, status, {"OData-Version": "4.0"},
                 "application/json;odata.metadata=minimal;charset=utf-8")

    _LIT = (r"(?P<lit>'(?:[^']|'')*'|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})"
            r"|\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?(?:[mMdD])?|null|true|false)")
    _CLAUSE = re.compile(r"\s*(?P<field>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<op>eq|ne|gt|ge|lt|le)\s+" + _LIT + r"\s*")

    def _filter(self, text: str) -> list[tuple[str, str, Any]] | str:
        """Parses `Field op literal [and ...]`; returns the clauses or an error message."""
        clauses, pos = [], 0
        while True:
            m = self._CLAUSE.match(text, pos)
            if not m:
                return f"Syntax error at position {pos} in '{text}'."
            field, op_, lit = m.group("field"), m.group("op"), m.group("lit")
            if field not in self.FIELDS:
                return f"Could not find a property named '{field}' on type 'Corvid.Sales.SalesOrder'."
            ftype = self.FIELDS[field]
            if lit.startswith("'"):
                value: Any = lit[1:-1].replace("''", "'")
                if ftype != "Edm.String":
                    return f"The types '{ftype}' and 'Edm.String' are not compatible."
            elif lit == "null":
                value = None
            elif lit in ("true", "false"):
                return f"The types '{ftype}' and 'Edm.Boolean' are not compatible."
            elif "T" in lit:
                if ftype != "Edm.DateTimeOffset":
                    return f"The types '{ftype}' and 'Edm.DateTimeOffset' are not compatible."
                value = parse_iso(lit)
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", lit):
                if ftype not in ("Edm.Date", "Edm.DateTimeOffset"):
                    return f"The types '{ftype}' and 'Edm.Date' are not compatible."
                value = parse_iso(lit + "T00:00:00Z") if ftype == "Edm.DateTimeOffset" else lit
            else:
                if ftype not in ("Edm.Int32", "Edm.Decimal"):
                    return f"The types '{ftype}' and 'Edm.Int32' are not compatible."
                value = float(lit.rstrip("mMdD"))
            clauses.append((field, op_, value))
            pos = m.end()
            if pos >= len(text):
                return clauses
            m2 = re.compile(r"and\s+").match(text, pos)
            if not m2:
                return f"Syntax error at position {pos} in '{text}'."
            pos = m2.end()

    def _match(self, row: dict, clauses: list) -> bool:
        for field, op_, want in clauses:
            value = row.get(field)
            if self.FIELDS[field] == "Edm.DateTimeOffset" and value is not None:
                value = parse_iso(value)
            if want is None or value is None:
                ok = (value is None) == (want is None) if op_ == "eq" else (value is None) != (want is None) if op_ == "ne" else False
            else:
                ok = {"eq": value == want, "ne": value != want, "gt": value > want, "ge": value >= want,
                      "lt": value < want, "le": value <= want}[op_]
            if not ok:
                return False
        return True

    @staticmethod
    def _split_top(text: str) -> list[str]:
        out, depth, cur = [], 0, ""
        for ch in text:
            if ch == "," and depth == 0:
                out.append(cur.strip())
                cur = ""
                continue
            depth += ch == "("
            depth -= ch == ")"
            cur += ch
        if cur.strip():
            out.append(cur.strip())
        return out

    def _shape(self, row: dict, select: list[str] | None, expand: dict[str, list[str] | None]) -> dict:
        out: dict[str, Any] = {"@odata.etag": 'W/"' + hashlib.md5(json.dumps(row, sort_keys=True).encode()).hexdigest()[:16] + '"'}
        for k in (select or list(self.FIELDS)):
            out[k] = row[k]
        if "Lines" in expand:
            sel = expand["Lines"]
            out["Lines"] = [{k: ln[k] for k in (sel or self.LINE_FIELDS)} for ln in row["Lines"]]
        if "Customer" in expand:
            sel = expand["Customer"]
            c = self.customers[row["CustomerID"]]
            out["Customer"] = {k: c[k] for k in (sel or self.CUST_FIELDS)}
        return out

    METADATA = """<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Corvid.Sales" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="SalesOrder">
        <Key><PropertyRef Name="OrderID"/></Key>
        <Property Name="OrderID" Type="Edm.Int32" Nullable="false"/>
        <Property Name="OrderNumber" Type="Edm.String"/>
        <Property Name="CustomerID" Type="Edm.String"/>
        <Property Name="Status" Type="Edm.String"/>
        <Property Name="Currency" Type="Edm.String"/>
        <Property Name="TotalAmount" Type="Edm.Decimal" Scale="2"/>
        <Property Name="OrderDate" Type="Edm.Date"/>
        <Property Name="SalesRep" Type="Edm.String"/>
        <Property Name="CreatedAt" Type="Edm.DateTimeOffset"/>
        <Property Name="ModifiedAt" Type="Edm.DateTimeOffset"/>
        <NavigationProperty Name="Lines" Type="Collection(Corvid.Sales.SalesOrderLine)" ContainsTarget="true"/>
        <NavigationProperty Name="Customer" Type="Corvid.Sales.Customer"/>
      </EntityType>
      <EntityType Name="SalesOrderLine">
        <Key><PropertyRef Name="OrderID"/><PropertyRef Name="LineNo"/></Key>
        <Property Name="OrderID" Type="Edm.Int32" Nullable="false"/>
        <Property Name="LineNo" Type="Edm.Int32" Nullable="false"/>
        <Property Name="ItemCode" Type="Edm.String"/>
        <Property Name="Description" Type="Edm.String"/>
        <Property Name="Quantity" Type="Edm.Int32"/>
        <Property Name="UnitPrice" Type="Edm.Decimal" Scale="2"/>
        <Property Name="Discount" Type="Edm.Decimal" Scale="2" Nullable="true"/>
        <Property Name="LineAmount" Type="Edm.Decimal" Scale="2"/>
      </EntityType>
      <EntityType Name="Customer">
        <Key><PropertyRef Name="CustomerID"/></Key>
        <Property Name="CustomerID" Type="Edm.String" Nullable="false"/>
        <Property Name="Name" Type="Edm.String"/>
        <Property Name="Country" Type="Edm.String"/>
        <Property Name="Segment" Type="Edm.String"/>
      </EntityType>
      <EntityContainer Name="Sales">
        <EntitySet Name="SalesOrders" EntityType="Corvid.Sales.SalesOrder"/>
        <EntitySet Name="Customers" EntityType="Corvid.Sales.Customer"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["svc_user"], self.values["svc_password"]):
            return 401, {"Content-Type": "application/json", "WWW-Authenticate": 'Basic realm="Corvid ERP"'}, \
                json.dumps({"error": {"code": "Unauthorized", "message": "Authorization has been denied for this request."}}).encode()
        root = self.base_url + self.ROOT
        if not req.path.startswith(self.ROOT):
            return self._error(404, f"No HTTP resource was found that matches the request URI '{req.path}'.")
        rest = req.path[len(self.ROOT):]
        if req.method != "GET":
            return self._error(405, "The requested resource does not support http method '%s'." % req.method)
        if rest in ("", "/"):
            return J({"@odata.context": f"{root}/$metadata", "value": [
                {"name": "SalesOrders", "kind": "EntitySet", "url": "SalesOrders"},
                {"name": "Customers", "kind": "EntitySet", "url": "Customers"}]}, headers={"OData-Version": "4.0"})
        if rest == "/$metadata":
            return 200, {"Content-Type": "application/xml", "OData-Version": "4.0"}, self.METADATA.encode()
        if rest == "/Customers":
            return J({"@odata.context": f"{root}/$metadata#Customers", "value": list(self.customers.values())},
                     headers={"OData-Version": "4.0"})
        m = re.fullmatch(r"/SalesOrders(?:\((\d+)\))?", rest)
        if not m:
            return self._error(404, f"Resource not found for the segment '{rest.strip('/').split('/')[0]}'.")
        for k in req.query:
            if k.startswith("$") and k not in self.OPTIONS:
                return self._error(400, f"The query parameter '{k}' is not supported.")
        q = req.query
        clauses: list = []
        if q.get("$filter"):
            parsed = self._filter(q["$filter"])
            if isinstance(parsed, str):
                return self._error(400, parsed)
            clauses = parsed
        select = None
        if q.get("$select"):
            select = [s.strip() for s in q["$select"].split(",") if s.strip()]
            if select == ["*"]:
                select = list(self.FIELDS)
            for s in select:
                if s not in self.FIELDS:
                    return self._error(400, f"Could not find a property named '{s}' on type 'Corvid.Sales.SalesOrder'.")
        expand: dict[str, list[str] | None] = {}
        for item in self._split_top(q.get("$expand", "")):
            mm = re.fullmatch(r"(\w+)(?:\((.*)\))?", item)
            if not mm or mm.group(1) not in ("Lines", "Customer"):
                return self._error(400, f"Could not find a property named '{item}' on type 'Corvid.Sales.SalesOrder'.")
            sub = None
            if mm.group(2):
                sm = re.fullmatch(r"\$select=([\w,\s*]+)", mm.group(2).strip())
                allowed = self.LINE_FIELDS if mm.group(1) == "Lines" else self.CUST_FIELDS
                if not sm or any(s.strip() not in allowed + ["*"] for s in sm.group(1).split(",")):
                    return self._error(400, f"The query specified in the URI is not valid: '{item}'.")
                sub = [s.strip() for s in sm.group(1).split(",")]
                sub = None if "*" in sub else sub
            expand[mm.group(1)] = sub
        order: list[tuple[str, bool]] = []
        for item in (q.get("$orderby") or "").split(","):
            if not item.strip():
                continue
            parts = item.split()
            if parts[0] not in self.FIELDS or len(parts) > 2 or (len(parts) == 2 and parts[1] not in ("asc", "desc")):
                return self._error(400, f"The query specified in the URI is not valid: '$orderby={q['$orderby']}'.")
            order.append((parts[0], len(parts) == 2 and parts[1] == "desc"))
        order.append(("OrderID", False))
        top, skip = q.get("$top"), q.get("$skip")
        for name, raw in (("$top", top), ("$skip", skip)):
            if raw is not None and not re.fullmatch(r"\d+", raw):
                return self._error(400, f"Invalid value '{raw}' for {name} query option found.")
        rows = [o for o in self.orders.values() if self._match(o, clauses)]
        if m.group(1):
            rows = [o for o in rows if o["OrderID"] == int(m.group(1))]
            if not rows:
                return self._error(404, "Resource not found for the segment 'SalesOrders'.")
            body = self._shape(rows[0], select, expand)
            return J({"@odata.context": f"{root}/$metadata#SalesOrders/$entity", **body}, headers={"OData-Version": "4.0"})
        for field, desc in reversed(order):
            rows.sort(key=lambda r: (r[field] is None, r[field] if r[field] is not None else 0), reverse=desc)
        total = len(rows)
        rows = rows[int(skip or 0):]
        if top is not None:
            rows = rows[: int(top)]
        qh = qhash(q.get("$filter"), q.get("$select"), q.get("$expand"), q.get("$orderby"), top, skip)
        start = 0
        if "$skiptoken" in q:
            st = untoken(q["$skiptoken"])
            if not isinstance(st, dict) or st.get("q") != qh:
                return self._error(400, "The skip token is not valid for this request.")
            start = st["n"]
        size, applied = 50, {}
        pm = re.search(r"odata\.maxpagesize=(\d+)", req.header("Prefer"))
        if pm:
            size = max(1, min(int(pm.group(1)), 100))
            applied = {"Preference-Applied": f"odata.maxpagesize={size}"}
        page = rows[start: start + size]
        out: dict[str, Any] = {"@odata.context": f"{root}/$metadata#SalesOrders"
                               + (f"({','.join(select)})" if select else "")}
        if q.get("$count") == "true":
            out["@odata.count"] = total
        out["value"] = [self._shape(r, select, expand) for r in page]
        if start + size < len(rows):
            keep = [(k, v) for k, v in urllib.parse.parse_qsl(req.query_string, keep_blank_values=True) if k != "$skiptoken"]
            keep.append(("$skiptoken", token({"n": start + size, "q": qh})))
            out["@odata.nextLink"] = f"{root}/SalesOrders?" + urllib.parse.urlencode(keep, quote_via=urllib.parse.quote, safe="$,()'")
        return J(out, headers={"OData-Version": "4.0", **applied},
                 ctype="application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")


# ============================================================================================== r11-02
class Tallyhive(Source):
    """Tallyhive CRM bulk exports. X-Tallyhive-Token. POST /api/v1/exports {object: contacts|deals, updated_after?,
    format?: ndjson} -> 202 {"export": {...}}; one export at a time per workspace (409 while one runs). GET
    /api/v1/exports/{id}: queued -> processing -> processing -> completed, one step per poll, and a poll sooner than
    0.3 s after the last (or the creation) is a 429 with Retry-After. The completed export lists
    result.files[] (250 records a part) with presigned absolute URLs (no token needed) serving gzip NDJSON as
    application/gzip (not Content-Encoding, so clients do not inflate it by themselves)."""
    seed = 1102
    PART = 250
    MIN_POLL = 0.3

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["export_token"] = self.secret("thx_", 32)
        self.sign_key = self.secret("", 16).encode()
        self.owners = [{"id": 40 + i, "name": self.person()[0]} for i in range(7)]
        self.contacts: dict[int, dict] = {}
        self.deals: dict[int, dict] = {}
        for i in range(430):
            c = i * 211 + self.rng.randint(0, 100)
            self._contact(7001 + i, iso(c), iso(c + self.rng.randint(0, 30000)))
        for i in range(185):
            c = i * 480 + self.rng.randint(0, 100)
            self._deal(90001 + i, iso(c), iso(c + self.rng.randint(0, 30000)))
        self.next_contact, self.next_deal = 7431, 90186
        self.jobs: dict[str, dict] = {}
        self.files: dict[str, bytes] = {}

    def _contact(self, cid: int, created: str, updated: str) -> None:
        name, email = self.person()
        first, last = name.split()
        self.contacts[cid] = {"id": cid, "email": email, "first_name": first, "last_name": last,
                              "phone": self.rng.choice([None, f"+31 6 {self.rng.randint(10000000, 99999999)}"]),
                              "lifecycle_stage": self.rng.choice(["subscriber", "lead", "opportunity", "customer"]),
                              "owner": self.rng.choice(self.owners),
                              "tags": self.rng.sample(["vip", "newsletter", "trial", "partner", "churn-risk"], self.rng.randint(0, 2)),
                              "created_at": created, "updated_at": updated}

    def _deal(self, did: int, created: str, updated: str) -> None:
        self.deals[did] = {"id": did, "name": f"{self.rng.choice(WORDS).title()} renewal",
                           "amount": f"{self.rng.randint(500, 90000)}.00", "currency": "EUR",
                           "stage": self.rng.choice(["qualification", "proposal", "negotiation", "won", "lost"]),
                           "contact_id": self.rng.choice(sorted(self.contacts)) if self.contacts else None,
                           "expected_close": (EPOCH + dt.timedelta(days=self.rng.randint(30, 400))).strftime("%Y-%m-%d"),
                           "created_at": created, "updated_at": updated}

    def expected(self) -> dict[str, int]:
        return {"contacts": len(self.contacts), "deals": len(self.deals)}

    def advance(self) -> None:
        for cid in self.rng.sample(sorted(self.contacts), 15):
            self.contacts[cid].update(lifecycle_stage="customer", updated_at=now_iso())
        for did in self.rng.sample(sorted(self.deals), 6):
            self.deals[did].update(stage="won", updated_at=now_iso())
        for _ in range(12):
            self._contact(self.next_contact, now_iso(), now_iso())
            self.next_contact += 1
        for _ in range(4):
            self._deal(self.next_deal, now_iso(), now_iso())
            self.next_deal += 1

    def _public(self, job: dict) -> dict:
        status = job["status"]
        out = {"id": job["id"], "object": job["object"], "status": status, "format": "ndjson",
               "created_at": job["created_at"], "progress": {"queued": 0, "processing": job["progress"], "completed": 100}[status],
               "poll_after_ms": 400, "result": None}
        if status == "completed":
            exp = int(time.time()) + 600
            files = []
            for n, (path, count) in enumerate(job["parts"]):
                sig = hmac.new(self.sign_key, f"{path}:{exp}".encode(), hashlib.sha256).hexdigest()[:32]
                files.append({"part": n + 1, "url": f"{self.base_url}{path}?expires={exp}&sig={sig}",
                              "records": count, "bytes": len(self.files[path])})
            out["result"] = {"record_count": job["count"], "files": files, "expires_at":
                             dt.datetime.fromtimestamp(exp, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
            out["poll_after_ms"] = None
        return out

    def handle(self, req: Req) -> Resp:
        if req.path.startswith("/files/"):
            exp, sig = req.query.get("expires", ""), req.query.get("sig", "")
            good = hmac.new(self.sign_key, f"{req.path}:{exp}".encode(), hashlib.sha256).hexdigest()[:32]
            if req.path not in self.files or not hmac.compare_digest(sig, good):
                return J({"error": "invalid or missing signature"}, 403)
            if not exp.isdigit() or int(exp) < time.time():
                return J({"error": "link expired"}, 403)
            return 200, {"Content-Type": "application/gzip",
                         "Content-Disposition": f'attachment; filename="{req.path.rsplit("/", 1)[1]}"'}, self.files[req.path]
        if req.header("X-Tallyhive-Token") != self.values["export_token"]:
            return J({"error": "invalid or missing X-Tallyhive-Token"}, 401)
        if req.path == "/api/v1/exports" and req.method == "POST":
            body = req.json()
            if not isinstance(body, dict):
                return J({"error": "body must be a JSON object"}, 400)
            unknown = set(body) - {"object", "updated_after", "format"}
            if unknown:
                return J({"error": f"unknown field(s): {sorted(unknown)}"}, 422)
            if body.get("object") not in ("contacts", "deals"):
                return J({"error": "object must be one of: contacts, deals"}, 422)
            if body.get("format", "ndjson") != "ndjson":
                return J({"error": "format must be ndjson"}, 422)
            since = None
            if body.get("updated_after") is not None:
                since = parse_iso(body["updated_after"])
                if since is None:
                    return J({"error": "updated_after must be an ISO 8601 timestamp"}, 422)
            running = [j for j in self.jobs.values() if j["status"] != "completed"]
            if running:
                return J({"error": f"export {running[0]['id']} is still running; one export at a time"}, 409)
            rows = sorted((self.contacts if body["object"] == "contacts" else self.deals).values(), key=lambda r: r["id"])
            if since:
                rows = [r for r in rows if parse_iso(r["updated_at"]) > since]
            jid = "exp_" + hashlib.sha1(f"{len(self.jobs)}{time.time()}".encode()).hexdigest()[:12]
            parts = []
            for n in range(0, max(len(rows), 1), self.PART):
                chunk = rows[n: n + self.PART]
                path = f"/files/{jid}/part-{n // self.PART + 1:03d}.ndjson.gz"
                self.files[path] = gzip.compress("".join(json.dumps(r) + "\n" for r in chunk).encode())
                parts.append((path, len(chunk)))
            job = {"id": jid, "object": body["object"], "status": "queued", "progress": 0, "polls": 0,
                   "last": time.time(), "created_at": now_iso(), "parts": parts, "count": len(rows)}
            self.jobs[jid] = job
            return J({"export": self._public(job)}, 202, {"Location": f"{self.base_url}/api/v1/exports/{jid}"})
        m = re.fullmatch(r"/api/v1/exports/([\w-]+)", req.path)
        if m and req.method == "GET":
            job = self.jobs.get(m.group(1))
            if not job:
                return J({"error": "export not found"}, 404)
            now = time.time()
            if job["status"] != "completed":
                if now - job["last"] < self.MIN_POLL:
                    return J({"error": "polling too fast; wait poll_after_ms between polls"}, 429, {"Retry-After": "1"})
                job["last"] = now
                job["polls"] += 1
                job["status"], job["progress"] = {1: ("queued", 0), 2: ("processing", 35), 3: ("processing", 80)}.get(
                    job["polls"], ("completed", 100))
            return J({"export": self._public(job)})
        if req.path == "/api/v1/exports":
            return J({"error": "method not allowed"}, 405)
        return J({"error": "not found"}, 404)


# ============================================================================================== r11-03
class Planwell(Source):
    """Planwell, a legacy project portal with a cookie session. GET /login renders the form with a hidden
    csrf_token and sets the pw_csrf cookie; POST /login (form: username, password, csrf_token matching the cookie,
    single use) -> 302 to /home with Set-Cookie PWSESSION; wrong credentials re-render the form (200, no session);
    a missing/wrong CSRF token is a 403 page. A session serves 20 /api calls; after that (or without one) an /api
    call is a 302 to /login?next=... (a 401 JSON when the client sends Accept: application/json). /api/projects?page=
    (25 a page, fixed; total in the body) lists 62 projects; /api/projects/{id}/tasks is 404 for archived projects
    and 403 for restricted ones."""
    seed = 1103
    CALLS = 20
    PER_PAGE = 25

    def __init__(self, base_url: str):
        super().__init__(base_url)
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        self.values["username"] = f"{first}.{last}"
        self.values["password"] = self.secret("", 10) + "#9"
        self.csrf: set[str] = set()
        self.sessions: dict[str, int] = {}
        self.logins = 0
        people = [self.person()[0] for _ in range(9)]
        self.projects = []
        self.tasks: dict[int, list[dict]] = {}
        pids = [301 + i * 3 for i in range(62)]
        archived = set(self.rng.sample(pids, 8))
        restricted = set(self.rng.sample(sorted(set(pids) - archived), 5))
        tid = 5000
        for i, pid in enumerate(pids):
            status = "archived" if pid in archived else "active"
            self.projects.append({"id": pid, "key": f"{self.rng.choice(WORDS)[:3].upper()}{i}",
                                  "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['rollout', 'migration', 'audit', 'launch'])}",
                                  "status": status, "visibility": "restricted" if pid in restricted else "team",
                                  "lead": self.rng.choice(people), "created_at": iso(i * 900)})
            self.tasks[pid] = []
            for _ in range(self.rng.randint(2, 14)):
                tid += self.rng.randint(1, 4)
                self.tasks[pid].append({"id": tid, "project_id": pid,
                                        "title": f"{self.rng.choice(['Draft', 'Review', 'Fix', 'Ship', 'Plan'])} {self.rng.choice(WORDS)}",
                                        "state": self.rng.choice(["todo", "doing", "done"]),
                                        "assignee": self.rng.choice(people + [None]),
                                        "estimate_h": self.rng.choice([None, 1, 2, 4, 8, 16]),
                                        "due": day(self.rng.randint(30, 300)), "updated_at": iso(i * 900 + self.rng.randint(0, 9000))})
        self.archived, self.restricted = archived, restricted

    def expected(self) -> dict[str, int]:
        return {"projects": len(self.projects),
                "tasks": sum(len(t) for p, t in self.tasks.items() if p not in self.archived | self.restricted)}

    def _login_page(self, error: str = "") -> Resp:
        t = hashlib.sha1(f"{time.time()}{len(self.csrf)}{self.rng.random()}".encode()).hexdigest()[:24]
        self.csrf.add(t)
        html = ("<!doctype html><html><head><title>Sign in - Planwell</title></head><body>"
                + (f'<p class="error">{escape(error)}</p>' if error else "")
                + '<form method="post" action="/login">'
                f'<input type="hidden" name="csrf_token" value="{t}">'
                '<label>Username <input name="username" autocomplete="username"></label>'
                '<label>Password <input type="password" name="password"></label>'
                '<button type="submit">Sign in</button></form></body></html>')
        return H(html, 200, {"Set-Cookie": f"pw_csrf={t}; Path=/; HttpOnly; SameSite=Lax", "Cache-Control": "no-store"})

    def _bounce(self, req: Req) -> Resp:
        if "application/json" in req.header("Accept"):
            return J({"error": "not_authenticated", "message": "session expired or missing; sign in again"}, 401)
        nxt = urllib.parse.quote(req.raw_path, safe="")
        return H('<html><body>Redirecting to <a href="/login">/login</a></body></html>', 302,
                 {"Location": f"/login?next={nxt}"})

    def handle(self, req: Req) -> Resp:
        if req.path == "/login" and req.method == "GET":
            return self._login_page()
        if req.path == "/login" and req.method == "POST":
            form = req.form()
            if form is None:
                return H("<html><body><h1>400 Bad Request</h1></body></html>", 400)
            t = form.get("csrf_token", "")
            if not t or t != req.cookies.get("pw_csrf") or t not in self.csrf:
                return H("<html><body><h1>403 Forbidden</h1><p>CSRF verification failed. Request aborted.</p></body></html>", 403)
            self.csrf.discard(t)
            if (form.get("username"), form.get("password")) != (self.values["username"], self.values["password"]):
                return self._login_page("Invalid username or password.")
            self.logins += 1
            sid = hashlib.sha256(f"{self.logins}{time.time()}".encode()).hexdigest()[:32]
            self.sessions[sid] = self.CALLS
            return H('<html><body>Redirecting to <a href="/home">/home</a></body></html>', 302,
                     {"Location": "/home", "Set-Cookie": [f"PWSESSION={sid}; Path=/; HttpOnly; SameSite=Lax",
                                                          "pw_csrf=; Path=/; Max-Age=0"]})
        sid = req.cookies.get("PWSESSION", "")
        if req.path in ("/", "/home"):
            if sid not in self.sessions:
                return self._bounce(req)
            return H(f"<html><body><h1>Welcome back, {escape(self.values['username'])}</h1>"
                     '<a href="/projects">Projects</a></body></html>')
        if req.path == "/logout":
            self.sessions.pop(sid, None)
            return H("", 302, {"Location": "/login", "Set-Cookie": "PWSESSION=; Path=/; Max-Age=0"})
        if not req.path.startswith("/api/"):
            return H("<html><body><h1>Not Found</h1></body></html>", 404)
        if sid not in self.sessions:
            return self._bounce(req)
        self.sessions[sid] -= 1
        if self.sessions[sid] <= 0:
            del self.sessions[sid]
        if req.path == "/api/projects":
            page = int_arg(req, "page", 1)
            if page < 1:
                return J({"error": "page must be a positive integer"}, 400)
            start = (page - 1) * self.PER_PAGE
            return J({"items": self.projects[start: start + self.PER_PAGE], "page": page,
                      "per_page": self.PER_PAGE, "total": len(self.projects)})
        m = re.fullmatch(r"/api/projects/(\d+)/tasks", req.path)
        if m:
            pid = int(m.group(1))
            if pid not in self.tasks or pid in self.archived:
                return J({"error": "project not found"}, 404)
            if pid in self.restricted:
                return J({"error": "you do not have access to this project"}, 403)
            return J({"items": self.tasks[pid]})
        return J({"error": "not found"}, 404)


# ============================================================================================== r11-04
class Ledgerline(Source):
    """Ledgerline payments API, every request HMAC-signed: X-LL-Key (key id), X-LL-Timestamp (unix seconds, within
    300 s) and X-LL-Signature = hex HMAC-SHA256(secret, "{ts}\\n{METHOD}\\n{path}\\n{sha256 hex of the body}") where
    path is the request target as sent, query string included (a mismatch is a 401 that shows the string the
    server signed). GET /v2/transactions?limit=&starting_after=&updated_gte= (limit default 25, max 100; has_more);
    GET /v2/transactions/deleted?since= (required) lists {id, deleted_at}, same paging."""
    seed = 1104
    SKEW = 300

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["key_id"] = self.secret("llk_", 12)
        self.values["secret"] = self.secret("", 40)
        self.merchants = [{"id": f"mer_{self.secret('', 8)}", "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Cafe', 'Books', 'Cycles', 'Market'])}"}
                          for _ in range(12)]
        self.txns: dict[str, dict] = {}
        self.deleted: dict[str, str] = {}
        for i in range(383):
            c = i * 97 + self.rng.randint(0, 50)
            self._txn(i + 1, iso(c), iso(c + self.rng.choice([0, 0, 5, 60, self.rng.randint(100, 20000)])))
        for tid in self.rng.sample(sorted(self.txns), 3):
            del self.txns[tid]
            self.deleted[tid] = iso(60000)
        self.next_n = 384
        self.gone_after = 0

    def _txn(self, n: int, created: str, updated: str) -> None:
        tid = f"txn_{n:06d}"
        self.txns[tid] = {"id": tid, "object": "transaction", "amount": self.rng.randint(150, 250000),
                          "currency": self.rng.choice(["eur", "eur", "usd", "gbp"]),
                          "type": self.rng.choice(["charge", "charge", "charge", "refund", "payout"]),
                          "status": self.rng.choice(["succeeded", "succeeded", "pending", "failed"]),
                          "merchant": self.rng.choice(self.merchants),
                          "metadata": {"order_ref": f"ORD-{self.rng.randint(10000, 99999)}"} if self.rng.random() < 0.7 else {},
                          "fee": self.rng.choice([None, self.rng.randint(5, 400)]),
                          "created_at": created, "updated_at": updated}

    def expected(self) -> dict[str, int]:
        """Warehouse rows: live transactions plus those deleted after the first sync (kept, marked deleted)."""
        return {"transactions": len(self.txns) + self.gone_after}

    def advance(self) -> None:
        ids = sorted(self.txns)
        picked = self.rng.sample(ids, 18)
        for tid in picked[:12]:
            self.txns[tid].update(status="refunded", updated_at=now_iso())
        for tid in picked[12:]:
            del self.txns[tid]
            self.deleted[tid] = now_iso()
            self.gone_after += 1
        for _ in range(9):
            self._txn(self.next_n, now_iso(), now_iso())
            self.next_n += 1

    def _err(self, status: int, etype: str, message: str, **extra: Any) -> Resp:
        return J({"error": {"type": etype, "message": message, **extra}}, status)

    def _page(self, req: Req, rows: list[dict]) -> Resp:
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return self._err(400, "invalid_request_error", "limit must be an integer between 1 and 100")
        after = req.query.get("starting_after")
        if after:
            rows = [r for r in rows if r["id"] > after]
        out = rows[:limit]
        return J({"object": "list", "url": req.path, "data": out, "has_more": len(rows) > limit})

    def handle(self, req: Req) -> Resp:
        key, ts, sig = req.header("X-LL-Key"), req.header("X-LL-Timestamp"), req.header("X-LL-Signature")
        if not key or not ts or not sig:
            return self._err(401, "authentication_error", "X-LL-Key, X-LL-Timestamp and X-LL-Signature are required")
        if key != self.values["key_id"]:
            return self._err(401, "authentication_error", "unknown key id")
        if not ts.isdigit() or abs(time.time() - int(ts)) > self.SKEW:
            return self._err(401, "authentication_error", "X-LL-Timestamp must be unix seconds within 300 s of now")
        to_sign = f"{ts}\n{req.method}\n{req.raw_path}\n{hashlib.sha256(req.body).hexdigest()}"
        good = hmac.new(self.values["secret"].encode(), to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig.lower(), good):
            return self._err(401, "signature_mismatch", "the signature does not match the request",
                             string_to_sign=to_sign)
        if req.method != "GET":
            return self._err(405, "invalid_request_error", "method not allowed")
        if req.path == "/v2/transactions":
            rows = sorted(self.txns.values(), key=lambda r: r["id"])
            if req.query.get("updated_gte"):
                since = parse_iso(req.query["updated_gte"])
                if since is None:
                    return self._err(400, "invalid_request_error", "updated_gte must be an ISO 8601 timestamp")
                rows = [r for r in rows if parse_iso(r["updated_at"]) >= since]
            return self._page(req, rows)
        if req.path == "/v2/transactions/deleted":
            since = parse_iso(req.query.get("since", ""))
            if since is None:
                return self._err(400, "invalid_request_error", "since (ISO 8601) is required")
            rows = sorted(({"id": t, "object": "deleted_transaction", "deleted_at": d} for t, d in self.deleted.items()
                           if parse_iso(d) >= since), key=lambda r: r["id"])
            return self._page(req, rows)
        m = re.fullmatch(r"/v2/transactions/(txn_\d+)", req.path)
        if m:
            if m.group(1) in self.txns:
                return J(self.txns[m.group(1)])
            return self._err(404, "invalid_request_error", f"no such transaction: {m.group(1)}")
        return self._err(404, "invalid_request_error", "unrecognized request URL")


# ============================================================================================== r11-05
class Inkwell(Source):
    """Inkwell CMS, JSON:API at /jsonapi. Bearer. GET /jsonapi/articles with include (author, tags), page[size]
    (default 10, max 50), page[cursor] (from links.next, bound to the query), fields[...] and sort; other page[...]
    parameters and unknown include paths are 400 JSON:API error documents. Articles have string ids, attributes,
    relationships.author (data null for guest posts) and relationships.tags (possibly empty); `included` holds each
    page's people and tags once. links.next is absolute, null on the last page."""
    seed = 1105
    CT = "application/vnd.api+json"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["cms_token"] = self.secret("ink_", 36)
        self.people = {}
        for i in range(26):
            name, email = self.person()
            self.people[str(700 + i)] = {"name": name, "email": email,
                                         "bio": self.rng.choice([None, f"Writes about {self.rng.choice(WORDS)}."]),
                                         "twitter": self.rng.choice([None, "@" + name.split()[0].lower()])}
        self.tags = {str(30 + i): {"name": w, "slug": w} for i, w in enumerate(WORDS[:14])}
        authors = self.rng.sample(sorted(self.people), 19)
        self.articles = []
        for i in range(275):
            title = f"{self.rng.choice(WORDS).title()} {self.rng.choice(['notes', 'field guide', 'retrospective', 'primer', 'deep dive'])} {i}"
            pub = i * 330 + self.rng.randint(0, 200)
            self.articles.append({
                "id": str(1200 + i),
                "attributes": {"title": title, "slug": title.lower().replace(" ", "-"),
                               "status": self.rng.choice(["published", "published", "published", "draft"]),
                               "word_count": self.rng.randint(300, 4000), "published_at": iso(pub),
                               "updated_at": iso(pub + self.rng.randint(0, 5000)),
                               "seo": {"title": title, "description": None if self.rng.random() < 0.3 else f"All about {title}"}},
                "author": None if self.rng.random() < 0.08 else self.rng.choice(authors),
                "tags": sorted(self.rng.sample(sorted(self.tags), self.rng.choice([0, 1, 1, 2, 2, 3, 4])))})

    def expected(self) -> dict[str, int]:
        return {"articles": len(self.articles), "authors": len({a["author"] for a in self.articles if a["author"]}),
                "article_tags": sum(len(a["tags"]) for a in self.articles)}

    def _errors(self, status: int, title: str, detail: str, param: str | None = None) -> Resp:
        e: dict[str, Any] = {"status": str(status), "title": title, "detail": detail}
        if param:
            e["source"] = {"parameter": param}
        return J({"jsonapi": {"version": "1.1"}, "errors": [e]}, status, ctype=self.CT)

    def _resource(self, a: dict, fields: list[str] | None) -> dict:
        base = f"{self.base_url}/jsonapi/articles/{a['id']}"
        rel = {"author": {"links": {"related": base + "/author"},
                          "data": {"type": "people", "id": a["author"]} if a["author"] else None},
               "tags": {"links": {"related": base + "/tags"}, "data": [{"type": "tags", "id": t} for t in a["tags"]]}}
        attrs = {k: v for k, v in a["attributes"].items() if fields is None or k in fields}
        rels = {k: v for k, v in rel.items() if fields is None or k in fields}
        return {"type": "articles", "id": a["id"], "attributes": attrs, "relationships": rels, "links": {"self": base}}

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["cms_token"]:
            return self._errors(401, "Unauthorized", "A valid bearer token is required.")
        accept = req.header("Accept")
        if self.CT in accept and all(";" in part for part in accept.split(",") if self.CT in part) \
                and "*/*" not in accept and "application/json" not in accept:
            return self._errors(406, "Not Acceptable", "Media type parameters are not supported in Accept.")
        if req.path != "/jsonapi/articles":
            if re.fullmatch(r"/jsonapi/(people|tags)", req.path):
                return self._errors(403, "Forbidden", "Listing this resource type is not permitted for API tokens.")
            return self._errors(404, "Not Found", f"No route for {req.path}.")
        if req.method != "GET":
            return self._errors(405, "Method Not Allowed", "Only GET is supported.")
        q = req.query
        for k in q:
            if k.startswith("page[") and k not in ("page[size]", "page[cursor]"):
                return self._errors(400, "Invalid Query Parameter", f"{k} is not supported; use page[size] and page[cursor].", k)
            if not (k.startswith("page[") or k.startswith("fields[") or k.startswith("filter[") or k in ("include", "sort")):
                return self._errors(400, "Invalid Query Parameter", f"The query parameter {k} is not supported.", k)
        include = [s.strip() for s in q.get("include", "").split(",") if s.strip()]
        for s in include:
            if s not in ("author", "tags"):
                return self._errors(400, "Invalid Include Path", f"'{s}' is not a relationship of articles.", "include")
        size_raw = q.get("page[size]", "10")
        if not size_raw.isdigit() or not 1 <= int(size_raw) <= 50:
            return self._errors(400, "Invalid Page Size", "page[size] must be an integer between 1 and 50.", "page[size]")
        size = int(size_raw)
        fields = [s for s in q.get("fields[articles]", "").split(",") if s] or None
        sort = q.get("sort", "id")
        if sort.lstrip("-") not in ("id", "published_at", "updated_at"):
            return self._errors(400, "Invalid Sort", "sort must be one of id, published_at, updated_at (optionally -).", "sort")
        keyf = (lambda a: int(a["id"])) if sort.lstrip("-") == "id" else (lambda a: (a["attributes"][sort.lstrip("-")], int(a["id"])))
        rows = sorted(self.articles, key=keyf, reverse=sort.startswith("-"))
        qh = qhash(include, fields, sort, size, {k: v for k, v in q.items() if k.startswith("filter[") or k.startswith("fields[")})
        start = 0
        if "page[cursor]" in q:
            st = untoken(q["page[cursor]"])
            if not isinstance(st, dict) or st.get("q") != qh:
                return self._errors(400, "Invalid Cursor", "page[cursor] does not belong to this query.", "page[cursor]")
            start = st["n"]
        page = rows[start: start + size]
        data = [self._resource(a, fields) for a in page]
        included, seen = [], set()
        for a in page:
            refs = ([("people", a["author"])] if "author" in include and a["author"] else []) + \
                   ([("tags", t) for t in a["tags"]] if "tags" in include else [])
            for typ, rid in refs:
                if (typ, rid) in seen:
                    continue
                seen.add((typ, rid))
                attrs = self.people[rid] if typ == "people" else self.tags[rid]
                included.append({"type": typ, "id": rid, "attributes": attrs,
                                 "links": {"self": f"{self.base_url}/jsonapi/{typ}/{rid}"}})
        keep = [(k, v) for k, v in urllib.parse.parse_qsl(req.query_string, keep_blank_values=True) if k != "page[cursor]"]
        selfq = urllib.parse.urlencode(keep)
        links: dict[str, Any] = {"self": f"{self.base_url}/jsonapi/articles" + (f"?{selfq}" if selfq else "")}
        nxt = None
        if start + size < len(rows):
            nxt = f"{self.base_url}/jsonapi/articles?" + urllib.parse.urlencode(keep + [("page[cursor]", token({"n": start + size, "q": qh}))])
        links["next"] = nxt
        doc: dict[str, Any] = {"jsonapi": {"version": "1.1"}, "links": links, "data": data, "meta": {"page": {"size": size}}}
        if include:
            doc["included"] = included
        return J(doc, ctype=self.CT)


# ============================================================================================== r11-06
class Auditlog(Source):
    """An OpenSearch/Elasticsearch-style cluster with monthly audit-YYYY.MM indices. HTTP Basic. POST (or GET)
    /{index pattern}/_search with a JSON body: query (match_all, range, term, bool), sort, size, from, search_after,
    _source; `?scroll=` with /_search/scroll, and point-in-time (POST /{index}/_pit, then /_search with `pit`, which
    adds the implicit _shard_doc tiebreaker to the sort values) are supported too. index.max_result_window is 1000 (from + size above
    it is a 400); sorting on _id is refused (id field data disabled) and on the text field `message` too; hits carry
    `sort` values (epoch millis for @timestamp). Events come in bursts sharing one @timestamp to the millisecond, so
    paging needs a tiebreaker (event_id, a keyword)."""
    seed = 1106
    WINDOW = 1000
    KEYWORDS = {"event_id", "action", "outcome", "actor.id", "actor.type", "source.ip"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["es_user"] = "reader_" + self.secret("", 5)
        self.values["es_password"] = self.secret("", 20)
        self.actors = [{"id": f"u-{self.secret('', 6)}", "name": self.person()[0], "type": self.rng.choice(["user", "user", "service"])}
                       for _ in range(15)]
        self.docs: list[dict] = []
        ms = int((EPOCH + dt.timedelta(days=59)).timestamp() * 1000)
        self._burst_fill(ms, 1450, spread=(60000, 5400000))
        self.scrolls: dict[str, dict] = {}
        self.pits: dict[str, dict] = {}

    def _burst_fill(self, ms: int, n: int, spread: tuple[int, int]) -> int:
        while n > 0:
            ms += self.rng.randint(*spread)
            burst = min(n, self.rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 7]))
            for _ in range(burst):
                self._doc(ms)
            n -= burst
        return ms

    def _doc(self, ms: int) -> None:
        when = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc)
        actor = self.rng.choice(self.actors)
        action = self.rng.choice(["user.login", "user.logout", "file.read", "file.write", "role.grant", "token.create"])
        doc = {"@timestamp": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z",
               "event_id": "evt_" + "".join(self.rng.choice("0123456789abcdef") for _ in range(16)),
               "action": action, "outcome": self.rng.choice(["success", "success", "success", "failure"]),
               "actor": dict(actor), "source": {"ip": f"10.{self.rng.randint(0, 255)}.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}",
                                                "geo": {"country": self.rng.choice(["NL", "DE", "US", "IN", "BR"])}},
               "message": f"{actor['name']} {action.replace('.', ' ')}"}
        self.docs.append({"_ms": ms, "_id": self.secret("", 20), "_index": "audit-" + when.strftime("%Y.%m"),
                          "_doc": len(self.docs), "_source": doc})

    def expected(self) -> dict[str, int]:
        return {"audit_events": len(self.docs)}

    def advance(self) -> None:
        ms = max(int(time.time() * 1000) - 60000, max(d["_ms"] for d in self.docs))
        self._burst_fill(ms, 70, spread=(1, 700))

    def _es_error(self, status: int, etype: str, reason: str, outer: str | None = None) -> Resp:
        cause = {"type": etype, "reason": reason}
        return J({"error": {"root_cause": [cause], "type": outer or etype, "reason": reason if not outer else "all shards failed",
                            **({"phase": "query", "grouped": True, "failed_shards": [{"shard": 0, "index": "audit-2024.03", "reason": cause}]} if outer else {})},
                  "status": status}, status)

    def _value(self, d: dict, field: str) -> Any:
        if field == "@timestamp":
            return d["_ms"]
        if field == "_doc":
            return d["_doc"]
        if field == "_score":
            return 1.0
        cur: Any = d["_source"]
        for part in field.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        return cur

    def _query(self, q: Any) -> Any:
        """A predicate for the query DSL subset, or an error Resp."""
        if q is None:
            return lambda d: True
        if not isinstance(q, dict) or len(q) != 1:
            return self._es_error(400, "parsing_exception", "[query] malformed query, expected [END_OBJECT] but found [FIELD_NAME]")
        kind, body = next(iter(q.items()))
        if kind == "match_all":
            return lambda d: True
        if kind == "range":
            if not isinstance(body, dict) or len(body) != 1:
                return self._es_error(400, "parsing_exception", "[range] query doesn't support multiple fields")
            field, cond = next(iter(body.items()))
            if not isinstance(cond, dict):
                return self._es_error(400, "parsing_exception", "[range] query malformed, no start_object after query name")
            bounds = []
            for op_, v in cond.items():
                if op_ in ("format", "time_zone", "boost"):
                    continue
                if op_ not in ("gt", "gte", "lt", "lte"):
                    return self._es_error(400, "parsing_exception", f"[range] query does not support [{op_}]")
                if field == "@timestamp":
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        v = int(v)
                    else:
                        p = parse_iso(v) if isinstance(v, str) else None
                        if p is None:
                            return self._es_error(400, "parse_exception", f"failed to parse date field [{v}] with format [strict_date_optional_time||epoch_millis]")
                        v = int(p.timestamp() * 1000)
                bounds.append((op_, v))
            fn = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}
            return lambda d: all(self._value(d, field) is not None and fn[o](self._value(d, field), v) for o, v in bounds)
        if kind == "term":
            if not isinstance(body, dict) or len(body) != 1:
                return self._es_error(400, "parsing_exception", "[term] query doesn't support multiple fields")
            field, v = next(iter(body.items()))
            if isinstance(v, dict):
                v = v.get("value")
            return lambda d: self._value(d, field) == v
        if kind == "bool":
            preds = []
            if not isinstance(body, dict):
                return self._es_error(400, "parsing_exception", "[bool] malformed query")
            for clause in ("must", "filter"):
                items = body.get(clause) or []
                for item in items if isinstance(items, list) else [items]:
                    p = self._query(item)
                    if isinstance(p, tuple):
                        return p
                    preds.append(p)
            nots = []
            items = body.get("must_not") or []
            for item in items if isinstance(items, list) else [items]:
                p = self._query(item)
                if isinstance(p, tuple):
                    return p
                nots.append(p)
            return lambda d: all(p(d) for p in preds) and not any(p(d) for p in nots)
        return self._es_error(400, "parsing_exception", f"unknown query [{kind}]", "x_content_parse_exception")

    def _sort(self, spec: Any) -> list[tuple[str, bool]] | Resp:
        if spec is None:
            return []
        items = spec if isinstance(spec, list) else [spec]
        out = []
        for item in items:
            if isinstance(item, str):
                field, desc = item, item == "_score"
            elif isinstance(item, dict) and len(item) == 1:
                field, how = next(iter(item.items()))
                order = how.get("order", "desc" if field == "_score" else "asc") if isinstance(how, dict) else how
                if order not in ("asc", "desc"):
                    return self._es_error(400, "parsing_exception", f"[sort] unknown order [{order}]")
                desc = order == "desc"
            else:
                return self._es_error(400, "parsing_exception", "[sort] malformed sort")
            if field == "_id":
                return self._es_error(400, "illegal_argument_exception",
                                      "Fielddata access on the _id field is disallowed, you can re-enable it by updating "
                                      "the dynamic cluster setting: indices.id_field_data.enabled", "search_phase_execution_exception")
            if field == "message":
                return self._es_error(400, "illegal_argument_exception",
                                      "Text fields are not optimised for operations that require per-document field data like "
                                      "aggregations and sorting, so these operations are disabled by default. Please use a keyword "
                                      "field instead.", "search_phase_execution_exception")
            if field not in self.KEYWORDS | {"@timestamp", "_doc", "_score", "_shard_doc"}:
                return self._es_error(400, "query_shard_exception", f"No mapping found for [{field}] in order to sort on",
                                      "search_phase_execution_exception")
            out.append(("_doc" if field == "_shard_doc" else field, desc))
        return out

    @staticmethod
    def _cmp(a: tuple, b: tuple, order: list[tuple[str, bool]]) -> int:
        for x, y, (_, desc) in zip(a, b, order):
            if x == y:
                continue
            if x is None or y is None:
                return 1 if x is None else -1
            r = -1 if x < y else 1
            return -r if desc else r
        return 0

    def _hit(self, d: dict, order: list, source_filter: Any) -> dict:
        src = d["_source"]
        if source_filter is False:
            src = None
        elif isinstance(source_filter, list) or isinstance(source_filter, str):
            want = [source_filter] if isinstance(source_filter, str) else source_filter
            src = {k: v for k, v in src.items() if any(fnmatch.fnmatch(k, w) for w in want)}
        hit: dict[str, Any] = {"_index": d["_index"], "_id": d["_id"], "_score": None if order else 1.0}
        if src is not None:
            hit["_source"] = src
        if order:
            hit["sort"] = [self._value(d, f) for f, _ in order]
        return hit

    def _result(self, hits: list, total: int, scroll_id: str | None = None) -> Resp:
        out: dict[str, Any] = {}
        if scroll_id:
            out["_scroll_id"] = scroll_id
        out.update({"took": 3 + len(hits) // 100, "timed_out": False,
                    "_shards": {"total": 2, "successful": 2, "skipped": 0, "failed": 0},
                    "hits": {"total": {"value": min(total, 10000), "relation": "eq" if total <= 10000 else "gte"},
                             "max_score": None if hits and "sort" in hits[0] else (1.0 if hits else None), "hits": hits}})
        return J(out)

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["es_user"], self.values["es_password"]):
            return J({"error": {"root_cause": [{"type": "security_exception", "reason": "missing authentication credentials for REST request [" + req.path + "]"}],
                                "type": "security_exception", "reason": "missing authentication credentials for REST request [" + req.path + "]"},
                      "status": 401}, 401, {"WWW-Authenticate": 'Basic realm="security" charset="UTF-8"'})
        if req.path == "/":
            return J({"name": "audit-node-1", "cluster_name": "audit", "version": {"number": "8.11.3", "lucene_version": "9.8.0"},
                      "tagline": "You Know, for Search"})
        body = req.json() if req.body else {}
        if body is BAD_JSON or not isinstance(body, dict):
            return self._es_error(400, "parsing_exception", "request body or source parameter is required / malformed JSON")
        if req.path in ("/_search/scroll", "/_search/scroll/"):
            if req.method == "DELETE":
                sid = body.get("scroll_id")
                ids = sid if isinstance(sid, list) else [sid]
                n = sum(1 for s in ids if self.scrolls.pop(s, None) is not None)
                return J({"succeeded": True, "num_freed": n})
            sid = body.get("scroll_id") or req.query.get("scroll_id")
            sc = self.scrolls.get(sid or "")
            if not sc or sc["expires"] < time.time():
                return self._es_error(404, "search_context_missing_exception", f"No search context found for id [{sid}]")
            sc["expires"] = time.time() + 120
            page = sc["rows"][sc["pos"]: sc["pos"] + sc["size"]]
            sc["pos"] += len(page)
            return self._result([self._hit(d, sc["order"], sc["src"]) for d in page], len(sc["rows"]), sid)
        mp = re.fullmatch(r"/([^/_][^/]*)/_pit", req.path)
        if mp and req.method == "POST":
            if not req.query.get("keep_alive"):
                return self._es_error(400, "action_request_validation_exception", "Validation Failed: 1: [keep_alive] is not specified;")
            pats = mp.group(1).split(",")
            pid = token({"pit": len(self.pits), "t": round(time.time(), 3)})
            self.pits[pid] = {"docs": [d for d in self.docs if any(fnmatch.fnmatch(d["_index"], p) for p in pats)],
                              "expires": time.time() + 300}
            return J({"id": pid})
        if req.path == "/_pit" and req.method == "DELETE":
            n = 1 if self.pits.pop(body.get("id", ""), None) is not None else 0
            return J({"succeeded": True, "num_freed": n})
        pit = None
        if "pit" in body:
            pid = (body.get("pit") or {}).get("id") if isinstance(body.get("pit"), dict) else None
            pit = self.pits.get(pid or "")
            if req.path != "/_search":
                return self._es_error(400, "action_request_validation_exception",
                                      "Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;")
            if not pit or pit["expires"] < time.time():
                return self._es_error(404, "search_context_missing_exception", "No search context found for id [pit]")
        m = re.fullmatch(r"/([^/_][^/]*)/_search", req.path)
        if req.path == "/_search":
            pattern = "*"
        elif m:
            pattern = m.group(1)
        else:
            m2 = re.fullmatch(r"/([^/_][^/]*)/_mapping", req.path)
            if m2:
                props = {"@timestamp": {"type": "date"}, "event_id": {"type": "keyword"}, "action": {"type": "keyword"},
                         "outcome": {"type": "keyword"}, "message": {"type": "text"},
                         "actor": {"properties": {"id": {"type": "keyword"}, "name": {"type": "text"}, "type": {"type": "keyword"}}},
                         "source": {"properties": {"ip": {"type": "ip"}, "geo": {"properties": {"country": {"type": "keyword"}}}}}}
                idx = sorted({d["_index"] for d in self.docs if any(fnmatch.fnmatch(d["_index"], p) for p in m2.group(1).split(","))})
                return J({i: {"mappings": {"properties": props}} for i in idx})
            return self._es_error(400, "illegal_argument_exception", f"request [{req.path}] contains unrecognized parameter or path")
        patterns = pattern.split(",")
        docs = pit["docs"] if pit else [d for d in self.docs if any(fnmatch.fnmatch(d["_index"], p) for p in patterns)]
        if not docs and not any("*" in p for p in patterns):
            return self._es_error(404, "index_not_found_exception", f"no such index [{pattern}]")
        unknown = set(body) - {"query", "sort", "size", "from", "search_after", "_source", "track_total_hits", "timeout", "pit"}
        if unknown:
            return self._es_error(400, "parsing_exception", f"Unknown key for a START_OBJECT in [{sorted(unknown)[0]}].", "x_content_parse_exception")
        size = body.get("size", int_arg(req, "size", 10))
        frm = body.get("from", int_arg(req, "from", 0))
        if not isinstance(size, int) or not isinstance(frm, int) or size < 0 or frm < 0:
            return self._es_error(400, "illegal_argument_exception", "[size] and [from] must be non-negative integers")
        scroll = req.query.get("scroll")
        if (scroll is None and frm + size > self.WINDOW) or size > self.WINDOW:
            return self._es_error(400, "illegal_argument_exception",
                                  f"Result window is too large, from + size must be less than or equal to: [{self.WINDOW}] but was "
                                  f"[{frm + size}]. See the scroll api for a more efficient way to request large data sets. This limit "
                                  "can be set by changing the [index.max_result_window] index level setting.",
                                  "search_phase_execution_exception")
        pred = self._query(body.get("query"))
        if isinstance(pred, tuple):
            return pred
        order = self._sort(body.get("sort"))
        if isinstance(order, tuple):
            return order
        if pit and order and not any(f == "_doc" for f, _ in order):
            order = order + [("_doc", False)]  # the implicit _shard_doc tiebreaker of point-in-time searches
        rows = [d for d in docs if pred(d)]
        import functools
        key_order = order or [("_doc", False)]
        rows.sort(key=functools.cmp_to_key(lambda a, b: self._cmp(tuple(self._value(a, f) for f, _ in key_order),
                                                                   tuple(self._value(b, f) for f, _ in key_order), key_order)))
        total = len(rows)
        if "search_after" in body:
            after = body["search_after"]
            if not order:
                return self._es_error(400, "illegal_argument_exception", "Sort must contain at least one field.")
            if frm:
                return self._es_error(400, "illegal_argument_exception", "[from] parameter must be set to 0 when [search_after] is used.")
            if not isinstance(after, list) or len(after) != len(order):
                return self._es_error(400, "illegal_argument_exception",
                                      f"search_after has {len(after) if isinstance(after, list) else 0} value(s) but sort has {len(order)}.")
            vals = []
            for (f, _), v in zip(order, after):
                if f == "@timestamp":
                    if isinstance(v, str) and v.lstrip("-").isdigit():
                        v = int(v)
                    elif isinstance(v, str):
                        p = parse_iso(v)
                        if p is None:
                            return self._es_error(400, "parse_exception", f"failed to parse date field [{v}] with format [strict_date_optional_time||epoch_millis]")
                        v = int(p.timestamp() * 1000)
                    elif not isinstance(v, (int, float)):
                        return self._es_error(400, "illegal_argument_exception", f"Failed to parse search_after value for field [{f}].")
                    v = int(v)
                vals.append(v)
            rows = [d for d in rows if self._cmp(tuple(self._value(d, f) for f, _ in order), tuple(vals), order) > 0]
        if scroll is not None:
            sid = token({"s": len(self.scrolls), "t": time.time()})
            self.scrolls[sid] = {"rows": rows, "pos": size, "size": size, "order": order, "src": body.get("_source"),
                                 "expires": time.time() + 120}
            return self._result([self._hit(d, order, body.get("_source")) for d in rows[:size]], total, sid)
        page = rows[frm: frm + size]
        resp = self._result([self._hit(d, order, body.get("_source")) for d in page], total)
        if pit:
            pit["expires"] = time.time() + 300
            out = json.loads(resp[2])
            resp = J({"pit_id": body["pit"]["id"], **out})
        return resp


# ============================================================================================== r11-07
class Depotra(Source):
    """Depotra, a Spring-Data-REST style HAL API under /api. X-Depotra-Token. GET /api/warehouses?page=&size=
    (page 0-based, size default 20, silently capped at 50) -> {_embedded: {"dp:warehouses": [...]}, _links: {curies,
    self, first, next, last, ...}, page: {...}}; items carry no id field, only _links.self.href (the id is its
    last segment) and a templated dp:bins link. GET /api/warehouses/{id}/bins?page=&size= likewise with
    `dp:bins`; a warehouse without bins answers without any `_embedded`. Decommissioned warehouses answer 404 (empty
    body), partner-run ones 403."""
    seed = 1107
    HAL = "application/hal+json"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["depot_token"] = self.secret("dpt_", 30)
        self.warehouses = []
        self.bins: dict[int, list[dict]] = {}
        ids = sorted(self.rng.sample(range(3, 400), 47))
        self.gone = set(self.rng.sample(ids, 5))
        self.partner = set(self.rng.sample(sorted(set(ids) - self.gone), 4))
        empty = set(self.rng.sample(sorted(set(ids) - self.gone - self.partner), 3))
        bin_id = 10000
        for wid in ids:
            city, country = self.rng.choice(CITIES)
            self.warehouses.append({"id": wid, "code": f"WH-{wid:03d}", "name": f"{city} {self.rng.choice(['North', 'South', 'Port', 'Central'])}",
                                    "city": city, "country": country, "capacityM3": self.rng.randint(800, 40000),
                                    "operator": "partner" if wid in self.partner else "own",
                                    "openedOn": day(-self.rng.randint(100, 3000))})
            self.bins[wid] = []
            for n in range(0 if wid in empty else self.rng.randint(1, 75)):
                bin_id += self.rng.randint(1, 3)
                self.bins[wid].append({"id": bin_id, "label": f"{'ABCDEF'[n % 6]}-{n // 6 + 1:02d}-{self.rng.randint(1, 5)}",
                                       "zone": self.rng.choice(["ambient", "chilled", "frozen", "hazmat"]),
                                       "maxWeightKg": self.rng.choice([250, 500, 1000]), "occupied": self.rng.random() < 0.6})

    def expected(self) -> dict[str, int]:
        return {"warehouses": len(self.warehouses),
                "bins": sum(len(b) for w, b in self.bins.items() if w not in self.gone | self.partner)}

    def _links(self, path: str, page: int, size: int, total: int, extra: dict | None = None) -> dict:
        pages = max(1, -(-total // size))
        u = lambda p: f"{self.base_url}{path}?page={p}&size={size}"  # noqa: E731
        links = {"curies": [{"name": "dp", "href": f"{self.base_url}/api/docs/rels/{{rel}}", "templated": True}],
                 "first": {"href": u(0)}, "self": {"href": u(page)}}
        if page > 0:
            links["prev"] = {"href": u(page - 1)}
        if page + 1 < pages:
            links["next"] = {"href": u(page + 1)}
        links["last"] = {"href": u(pages - 1)}
        links.update(extra or {})
        return links

    def _paging(self, req: Req) -> tuple[int, int] | Resp:
        page, size = int_arg(req, "page", 0), int_arg(req, "size", 20)
        if page < 0 or size < 0:
            return J({"timestamp": now_iso(), "status": 400, "error": "Bad Request", "path": req.path}, 400)
        return page, min(size or 20, 50)

    def handle(self, req: Req) -> Resp:
        if req.header("X-Depotra-Token") != self.values["depot_token"]:
            return J({"timestamp": now_iso(), "status": 401, "error": "Unauthorized", "path": req.path}, 401)
        if req.method != "GET":
            return J({"timestamp": now_iso(), "status": 405, "error": "Method Not Allowed", "path": req.path}, 405)
        if req.path == "/api":
            return J({"_links": {"dp:warehouses": {"href": f"{self.base_url}/api/warehouses{{?page,size,sort}}", "templated": True},
                                 "profile": {"href": f"{self.base_url}/api/profile"}}}, ctype=self.HAL)
        if req.path == "/api/warehouses":
            pg = self._paging(req)
            if len(pg) == 3:  # an error response
                return pg  # type: ignore[return-value]
            page, size = pg
            rows = self.warehouses[page * size: page * size + size]
            items = []
            for w in rows:
                me = f"{self.base_url}/api/warehouses/{w['id']}"
                items.append({**{k: v for k, v in w.items() if k != "id"},
                              "_links": {"self": {"href": me}, "dp:warehouse": {"href": me},
                                         "dp:bins": {"href": me + "/bins{?page,size}", "templated": True}}})
            body: dict[str, Any] = {}
            if items:
                body["_embedded"] = {"dp:warehouses": items}
            body["_links"] = self._links("/api/warehouses", page, size, len(self.warehouses),
                                         {"profile": {"href": f"{self.base_url}/api/profile/warehouses"}})
            body["page"] = {"size": size, "totalElements": len(self.warehouses),
                            "totalPages": max(1, -(-len(self.warehouses) // size)), "number": page}
            return J(body, ctype=self.HAL)
        m = re.fullmatch(r"/api/warehouses/(\d+)(/bins)?", req.path)
        if m:
            wid = int(m.group(1))
            if wid not in self.bins or wid in self.gone:
                return 404, {}, b""
            if wid in self.partner:
                return J({"timestamp": now_iso(), "status": 403, "error": "Forbidden",
                          "message": "Access is denied", "path": req.path}, 403)
            if not m.group(2):
                w = next(x for x in self.warehouses if x["id"] == wid)
                me = f"{self.base_url}/api/warehouses/{wid}"
                return J({**{k: v for k, v in w.items() if k != "id"}, "_links": {"self": {"href": me}}}, ctype=self.HAL)
            pg = self._paging(req)
            if len(pg) == 3:  # an error response
                return pg  # type: ignore[return-value]
            page, size = pg
            all_bins = self.bins[wid]
            rows = all_bins[page * size: page * size + size]
            items = [{**{k: v for k, v in b.items() if k != "id"},
                      "_links": {"self": {"href": f"{self.base_url}/api/bins/{b['id']}"},
                                 "dp:warehouse": {"href": f"{self.base_url}/api/warehouses/{wid}"}}} for b in rows]
            body = {}
            if items:
                body["_embedded"] = {"dp:bins": items}
            body["_links"] = self._links(f"/api/warehouses/{wid}/bins", page, size, len(all_bins))
            body["page"] = {"size": size, "totalElements": len(all_bins),
                            "totalPages": max(1, -(-len(all_bins) // size)) if all_bins else 0, "number": page}
            return J(body, ctype=self.HAL)
        return J({"timestamp": now_iso(), "status": 404, "error": "Not Found", "path": req.path}, 404)


# ============================================================================================== r11-08
class Meterpoint(Source):
    """Meterpoint readings as CSV. GET /reports/readings.csv?api_token=&limit=&page_token= (limit default 250, max
    1000, above is a 400 in text/plain). text/csv; charset=utf-8 with a UTF-8 BOM, CRLF line ends, RFC 4180 quoting:
    the notes column holds commas, doubled quotes and line breaks; voltage is empty when unknown. The next page is
    in a `Link: <...>; rel="next"` header (absent on the last page); X-Total-Count holds the total. No id column:
    a reading is (meter_id, read_at)."""
    seed = 1108
    COLS = ["meter_id", "read_at", "kwh", "voltage", "status", "notes"]

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("mp_", 28)
        notes = ["", "", "", "", "", "", "Technician visit, seal replaced", 'Customer says "meter noisy"',
                 "Estimated: no access\nRetry scheduled", "Reset after outage, see ticket 4412", 'Display "E4", reading, approx.']
        self.rows = []
        for m in range(10):
            meter = f"MTR-{4100 + m * 13}"
            for i in range(134):
                self.rows.append({"meter_id": meter, "read_at": iso(i * 15 + m % 3),
                                  "kwh": f"{self.rng.uniform(0.05, 4.5):.3f}",
                                  "voltage": "" if self.rng.random() < 0.1 else f"{self.rng.uniform(225, 236):.1f}",
                                  "status": self.rng.choice(["ok", "ok", "ok", "ok", "estimated", "manual"]),
                                  "notes": self.rng.choice(notes)})
        self.rows.sort(key=lambda r: (r["read_at"], r["meter_id"]))

    def expected(self) -> dict[str, int]:
        return {"readings": len(self.rows)}

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_token") != self.values["api_token"]:
            return T("401 Unauthorized: missing or invalid api_token\n", 401)
        if req.path != "/reports/readings.csv":
            return T("404 Not Found\n", 404)
        limit = int_arg(req, "limit", 250)
        if limit < 1 or limit > 1000:
            return T("400 Bad Request: limit must be between 1 and 1000\n", 400)
        offset = 0
        if req.query.get("page_token"):
            st = untoken(req.query["page_token"])
            if not isinstance(st, dict) or "o" not in st:
                return T("400 Bad Request: invalid page_token\n", 400)
            offset = st["o"]
        page = self.rows[offset: offset + limit]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.COLS, lineterminator="\r\n")
        w.writeheader()
        w.writerows(page)
        headers = {"X-Total-Count": str(len(self.rows)), "Content-Disposition": 'inline; filename="readings.csv"'}
        if offset + limit < len(self.rows):
            q = urllib.parse.urlencode({"api_token": self.values["api_token"], "limit": limit,
                                        "page_token": token({"o": offset + limit})})
            headers["Link"] = f'<{self.base_url}/reports/readings.csv?{q}>; rel="next"'
        return 200, {"Content-Type": "text/csv; charset=utf-8", **headers}, b"\xef\xbb\xbf" + buf.getvalue().encode()


# ============================================================================================== r11-09
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
CN_NS = "http://cargonet.example/ws/"


class Cargonet(Source):
    """Cargonet ShipmentService, an ASMX-style SOAP 1.1 service: POST /services/ShipmentService.asmx, Content-Type
    text/xml, SOAPAction "http://cargonet.example/ws/GetShipments" (missing/other -> the ASMX fault), AuthHeader
    (ApiUser, ApiKey) in soap:Header. GetShipments/request: PageIndex (1-based), PageSize (default 50, max 250;
    else a fault), ModifiedSince (optional xs:dateTime, inclusive). The response uses a default namespace; Paging
    holds PageIndex, PageCount and TotalRecords; nulls are xsi:nil; Packages/Package is the child list. Faults are
    HTTP 500 with soap:Fault."""
    seed = 1109
    PATH = "/services/ShipmentService.asmx"
    ACTION = CN_NS + "GetShipments"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_user"] = "CN" + str(self.rng.randint(100000, 999999))
        self.values["api_key"] = self.secret("", 32).upper()
        self.ships: dict[int, dict] = {}
        for i in range(412):
            c = i * 150 + self.rng.randint(0, 90)
            self._ship(880001 + i, c, iso(c + self.rng.randint(0, 20000)))
        self.next_id = 880413

    def _pkg(self, n: int) -> dict:
        return {"PackageNo": n, "TrackingCode": "CN" + "".join(self.rng.choice("0123456789") for _ in range(12)),
                "WeightKg": f"{self.rng.uniform(0.3, 38):.2f}",
                "Dimensions": f"{self.rng.randint(10, 120)}x{self.rng.randint(10, 80)}x{self.rng.randint(5, 60)}"}

    def _ship(self, sid: int, created: float, modified: str) -> None:
        o, d = self.rng.sample(CITIES, 2)
        status = self.rng.choice(["Booked", "InTransit", "InTransit", "Delivered", "Delivered", "Exception"])
        pk = [self._pkg(n) for n in range(1, self.rng.randint(1, 4) + 1)]
        self.ships[sid] = {"ShipmentId": sid, "Reference": f"PO-{self.rng.randint(100000, 999999)}", "Status": status,
                           "Origin": o[0], "Destination": d[0], "Carrier": self.rng.choice(["CNX", "RoadLink", "EuroFreight"]),
                           "ServiceLevel": self.rng.choice(["Standard", "Express", "Economy"]),
                           "ShippedAt": iso(created), "DeliveredAt": iso(created + 2900) if status == "Delivered" else None,
                           "ModifiedAt": modified, "Packages": pk}

    def expected(self) -> dict[str, int]:
        return {"shipments": len(self.ships), "shipment_packages": sum(len(s["Packages"]) for s in self.ships.values())}

    def advance(self) -> None:
        picked = self.rng.sample(sorted(self.ships), 8)
        for sid in picked:
            s = self.ships[sid]
            s.update(Status="Delivered", DeliveredAt=now_iso(), ModifiedAt=now_iso())
            if sid in picked[:3]:
                s["Packages"].append(self._pkg(len(s["Packages"]) + 1))
        for _ in range(6):
            self._ship(self.next_id, 200000, now_iso())
            self.ships[self.next_id]["ModifiedAt"] = now_iso()
            self.next_id += 1

    def _fault(self, code: str, text: str) -> Resp:
        body = (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP_NS}" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
                f"<soap:Body><soap:Fault><faultcode>soap:{code}</faultcode><faultstring>{escape(text)}</faultstring>"
                "<detail /></soap:Fault></soap:Body></soap:Envelope>")
        return 500, {"Content-Type": "text/xml; charset=utf-8"}, body.encode()

    WSDL = f"""<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="{CN_NS}" targetNamespace="{CN_NS}">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="{CN_NS}">
      <s:element name="GetShipments"><s:complexType><s:sequence>
        <s:element minOccurs="0" maxOccurs="1" name="request" type="tns:ShipmentQuery"/>
      </s:sequence></s:complexType></s:element>
      <s:complexType name="ShipmentQuery"><s:sequence>
        <s:element minOccurs="1" maxOccurs="1" name="PageIndex" type="s:int"/>
        <s:element minOccurs="1" maxOccurs="1" name="PageSize" type="s:int"/>
        <s:element minOccurs="0" maxOccurs="1" name="ModifiedSince" nillable="true" type="s:dateTime"/>
      </s:sequence></s:complexType>
      <s:element name="AuthHeader"><s:complexType><s:sequence>
        <s:element minOccurs="0" maxOccurs="1" name="ApiUser" type="s:string"/>
        <s:element minOccurs="0" maxOccurs="1" name="ApiKey" type="s:string"/>
      </s:sequence></s:complexType></s:element>
    </s:schema>
  </wsdl:types>
  <wsdl:portType name="ShipmentServiceSoap"><wsdl:operation name="GetShipments"/></wsdl:portType>
  <wsdl:binding name="ShipmentServiceSoap" type="tns:ShipmentServiceSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="GetShipments"><soap:operation soapAction="{CN_NS}GetShipments" style="document"/></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
"""

    @staticmethod
    def _find(el: ET.Element | None, name: str) -> ET.Element | None:
        if el is None:
            return None
        for child in el:
            if child.tag.rsplit("}", 1)[-1] == name:
                return child
        return None

    def _xml_ship(self, s: dict) -> str:
        out = ["<Shipment>"]
        for k, v in s.items():
            if k == "Packages":
                out.append("<Packages>" + "".join(
                    "<Package>" + "".join(f"<{pk}>{escape(str(pv))}</{pk}>" for pk, pv in p.items()) + "</Package>"
                    for p in v) + "</Packages>")
            elif v is None:
                out.append(f'<{k} xsi:nil="true" />')
            else:
                out.append(f"<{k}>{escape(str(v))}</{k}>")
        out.append("</Shipment>")
        return "".join(out)

    def handle(self, req: Req) -> Resp:
        if req.path != self.PATH:
            return H("<html><body><h2>404 - File or directory not found.</h2></body></html>", 404)
        if req.method == "GET":
            if "wsdl" in {k.lower() for k in req.query}:
                return 200, {"Content-Type": "text/xml; charset=utf-8"}, self.WSDL.encode()
            return H("<html><body><h1>ShipmentService</h1><p>Operations: GetShipments</p></body></html>")
        if req.method != "POST":
            return H("<html><body>405</body></html>", 405)
        ctype = req.header("Content-Type").lower()
        if not ctype.startswith("text/xml"):
            return H("<html><body><h2>415 - Unsupported Media Type: expected text/xml (SOAP 1.1)</h2></body></html>", 415)
        action = req.header("SOAPAction").strip().strip('"')
        if action != self.ACTION:
            return self._fault("Client", f"System.Web.Services.Protocols.SoapException: Server did not recognize the value of "
                                         f"HTTP Header SOAPAction: {action}.")
        try:
            env = ET.fromstring(req.body)
        except ET.ParseError as e:
            return self._fault("Client", f"Server was unable to read request. ---> There is an error in XML document: {e}")
        if env.tag != f"{{{SOAP_NS}}}Envelope":
            return self._fault("VersionMismatch", "Possible SOAP version mismatch: Envelope namespace was unexpected. "
                                                  f"Expecting {SOAP_NS}.")
        header, body = self._find(env, "Header"), self._find(env, "Body")
        auth = self._find(header, "AuthHeader")
        user, key = self._find(auth, "ApiUser"), self._find(auth, "ApiKey")
        if user is None or key is None or (user.text, key.text) != (self.values["api_user"], self.values["api_key"]):
            return self._fault("Client", "Authentication failed: AuthHeader with a valid ApiUser and ApiKey is required.")
        op_el = self._find(body, "GetShipments")
        if op_el is None or op_el.tag != f"{{{CN_NS}}}GetShipments":
            return self._fault("Client", "Server did not recognize the body element; expected GetShipments in "
                                         f"namespace {CN_NS}.")
        rq = self._find(op_el, "request")
        pi, ps, ms = self._find(rq, "PageIndex"), self._find(rq, "PageSize"), self._find(rq, "ModifiedSince")
        try:
            page = int((pi.text or "").strip()) if pi is not None else 1
            size = int((ps.text or "").strip()) if ps is not None else 50
        except ValueError:
            return self._fault("Client", "Server was unable to read request. ---> Input string was not in a correct format.")
        if page < 1:
            return self._fault("Client", "PageIndex must be 1 or greater.")
        if size < 1 or size > 250:
            return self._fault("Client", "PageSize must be between 1 and 250.")
        since = None
        if ms is not None and (ms.text or "").strip() and ms.get("{http://www.w3.org/2001/XMLSchema-instance}nil") != "true":
            since = parse_iso(ms.text.strip())
            if since is None:
                return self._fault("Client", f"Server was unable to read request. ---> The string '{ms.text}' is not a valid AllXsd value.")
        rows = sorted((s for s in self.ships.values() if since is None or parse_iso(s["ModifiedAt"]) >= since),
                      key=lambda s: s["ShipmentId"])
        pages = -(-len(rows) // size)
        chunk = rows[(page - 1) * size: page * size]
        xml = (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP_NS}" '
               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
               f'<soap:Body><GetShipmentsResponse xmlns="{CN_NS}"><GetShipmentsResult>'
               f"<Paging><PageIndex>{page}</PageIndex><PageSize>{size}</PageSize><PageCount>{pages}</PageCount>"
               f"<TotalRecords>{len(rows)}</TotalRecords></Paging>"
               + ("<Shipments>" + "".join(self._xml_ship(s) for s in chunk) + "</Shipments>" if chunk else "<Shipments />")
               + "</GetShipmentsResult></GetShipmentsResponse></soap:Body></soap:Envelope>")
        return 200, {"Content-Type": "text/xml; charset=utf-8"}, xml.encode()


# ============================================================================================== r11-10
class Adtrove(Source):
    """Adtrove reporting API, async and HMAC-signed. Authorization: ADT1-HMAC-SHA256 Credential=<key>,
    Timestamp=<unix s>, Signature=<base64 HMAC-SHA256(secret, METHOD\\npath\\ntimestamp\\nbody)> (path without the
    query; body the exact bytes sent, empty for GET). POST /v3/accounts/{account}/reports {report_type:
    ad_performance, date_from, date_to, format: csv}: at most 31 days inclusive (RANGE_TOO_LARGE otherwise), date_to
    before today, data 90 days back. GET .../reports/{id}: PENDING, RUNNING, DONE on the third poll (a poll within
    0.25 s of the last is a 429); DONE carries a presigned download_url (gzip via Content-Encoding) that refuses any
    Authorization header, S3-style. Rows keyed (date, ad_id); some ads are paused on some days. Dates are relative
    to today's UTC date."""
    seed = 1110
    MIN_POLL = 0.25
    BACK = 90

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["account"] = "act_" + str(self.rng.randint(10 ** 8, 10 ** 9))
        self.values["adt_key"] = "AK" + self.secret("", 18).upper()
        self.values["adt_secret"] = self.secret("", 40)
        self.values["start_date"] = (utc_today() - dt.timedelta(days=45)).isoformat()
        self.ads = [(f"cmp_{c}", f"ad_{c}{a}") for c in (11, 12, 13) for a in (1, 2, 3)]
        self.reports: dict[str, dict] = {}
        self.blobs: dict[str, bytes] = {}
        self.dl_key = self.secret("", 16).encode()

    def _rows(self, frm: dt.date, to: dt.date) -> list[dict]:
        out = []
        d = frm
        while d <= to:
            offset = (utc_today() - d).days
            for cmp_, ad in self.ads:
                h = int(hashlib.sha1(f"{offset}:{ad}".encode()).hexdigest(), 16)
                if h % 6 == 0:
                    continue  # paused that day
                imp = 200 + h % 9000
                clicks = (h >> 8) % max(1, imp // 20)
                out.append({"date": d.isoformat(), "campaign_id": cmp_, "ad_id": ad, "impressions": imp, "clicks": clicks,
                            "spend": f"{clicks * (0.2 + (h >> 16) % 90 / 100):.2f}", "conversions": (h >> 24) % max(1, clicks // 10 + 1)})
            d += dt.timedelta(days=1)
        return out

    def expected(self) -> dict[str, int]:
        start = dt.date.fromisoformat(self.values["start_date"])
        return {"ad_performance": len(self._rows(start, utc_today() - dt.timedelta(days=1)))}

    def _err(self, status: int, code: str, message: str, headers: dict | None = None) -> Resp:
        return J({"code": code, "message": message}, status, headers)

    def handle(self, req: Req) -> Resp:
        if req.path.startswith("/dl/"):
            if req.header("Authorization"):
                xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>Only one auth '
                       "mechanism allowed; only the X-Signature query parameter or the Authorization header should be "
                       "specified</Message><ArgumentName>Authorization</ArgumentName></Error>")
                return 400, {"Content-Type": "application/xml"}, xml.encode()
            exp, sig = req.query.get("X-Expires", ""), req.query.get("X-Signature", "")
            good = hmac.new(self.dl_key, f"{req.path}:{exp}".encode(), hashlib.sha256).hexdigest()
            if req.path not in self.blobs or not hmac.compare_digest(sig, good) or not exp.isdigit() or int(exp) < time.time():
                xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired '
                       "or the signature does not match</Message></Error>")
                return 403, {"Content-Type": "application/xml"}, xml.encode()
            return 200, {"Content-Type": "text/csv", "Content-Encoding": "gzip"}, self.blobs[req.path]
        m = re.fullmatch(r"ADT1-HMAC-SHA256 Credential=([^,\s]+),\s*Timestamp=(\d+),\s*Signature=(\S+)", req.header("Authorization").strip())
        if not m:
            return self._err(401, "AUTH_MISSING", "Authorization: ADT1-HMAC-SHA256 Credential=..., Timestamp=..., Signature=... required")
        key, ts, sig = m.groups()
        if key != self.values["adt_key"]:
            return self._err(401, "UNKNOWN_CREDENTIAL", "unknown access key")
        if abs(time.time() - int(ts)) > 300:
            return self._err(401, "TIMESTAMP_SKEW", "timestamp is more than 300 s away from server time")
        to_sign = f"{req.method}\n{req.path}\n{ts}\n".encode() + req.body
        good = base64.b64encode(hmac.new(self.values["adt_secret"].encode(), to_sign, hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(sig, good):
            return self._err(401, "SIGNATURE_INVALID", "signature does not match")
        m = re.fullmatch(r"/v3/accounts/([^/]+)/reports(?:/([\w-]+))?", req.path)
        if not m:
            return self._err(404, "NOT_FOUND", "no such endpoint")
        if m.group(1) != self.values["account"]:
            return self._err(403, "ACCOUNT_FORBIDDEN", f"credential has no access to account {m.group(1)}")
        if not m.group(2):
            if req.method != "POST":
                return self._err(405, "METHOD_NOT_ALLOWED", "POST a report request")
            body = req.json()
            if not isinstance(body, dict):
                return self._err(400, "INVALID_BODY", "JSON object body required")
            if body.get("report_type") != "ad_performance":
                return self._err(400, "INVALID_REPORT_TYPE", "report_type must be ad_performance")
            if body.get("format", "csv") != "csv":
                return self._err(400, "INVALID_FORMAT", "format must be csv")
            frm, to = parse_date(body.get("date_from")), parse_date(body.get("date_to"))
            if not frm or not to or frm > to:
                return self._err(400, "INVALID_DATES", "date_from and date_to (YYYY-MM-DD, date_from <= date_to) required")
            today = utc_today()
            if to >= today:
                return self._err(400, "DATE_NOT_FINAL", "date_to must be before today; today's data is not final")
            if frm < today - dt.timedelta(days=self.BACK):
                return self._err(400, "DATE_TOO_OLD", f"data is kept for {self.BACK} days")
            if (to - frm).days + 1 > 31:
                return self._err(400, "RANGE_TOO_LARGE", "a report covers at most 31 days")
            rid = "rpt_" + hashlib.sha1(f"{len(self.reports)}{time.time()}".encode()).hexdigest()[:14]
            rows = self._rows(frm, to)
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=["date", "campaign_id", "ad_id", "impressions", "clicks", "spend", "conversions"],
                               lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
            self.blobs[f"/dl/{rid}.csv"] = gzip.compress(buf.getvalue().encode())
            self.reports[rid] = {"polls": 0, "last": time.time(), "rows": len(rows), "req": body}
            return J({"report_id": rid, "status": "PENDING"}, 202)
        rep = self.reports.get(m.group(2))
        if not rep or req.method != "GET":
            return self._err(404, "NOT_FOUND", "no such report")
        now = time.time()
        if rep["polls"] < 3:
            if now - rep["last"] < self.MIN_POLL:
                return self._err(429, "TOO_MANY_REQUESTS", "poll at most every 250 ms", {"Retry-After": "1"})
            rep["last"] = now
            rep["polls"] += 1
        status = {1: "PENDING", 2: "RUNNING"}.get(rep["polls"], "DONE")
        out: dict[str, Any] = {"report_id": m.group(2), "status": status, **rep["req"]}
        if status == "DONE":
            path = f"/dl/{m.group(2)}.csv"
            exp = int(time.time()) + 300
            sig = hmac.new(self.dl_key, f"{path}:{exp}".encode(), hashlib.sha256).hexdigest()
            out.update(row_count=rep["rows"], download_url=f"{self.base_url}{path}?X-Expires={exp}&X-Signature={sig}")
        return J(out)


SOURCES = {"corvid": Corvid, "tallyhive": Tallyhive, "planwell": Planwell, "ledgerline": Ledgerline,
           "inkwell": Inkwell, "auditlog": Auditlog, "depotra": Depotra, "meterpoint": Meterpoint,
           "cargonet": Cargonet, "adtrove": Adtrove}


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
                    src.requests += 1
                    status, headers, payload = src.handle(Req(self.command, self.path, self.headers, body))
            except Exception as e:  # a bug in a mock is a 500, never a hang
                status, headers, payload = 500, {"Content-Type": "text/plain"}, f"mock error: {e!r}".encode()
            self.send_response(status)
            for k, v in (headers or {}).items():
                for one in (v if isinstance(v, list) else [v]):
                    self.send_header(k, one)
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
