"""Local mock HTTP APIs for the rest12 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces what its task's request says (auth, signatures, cookies, page-size caps, cursors bound to
their query, job polling) and, where the request is silent, behaves as the kind of service it imitates would: a
Taobao-style signed "router" gateway, an SAP Gateway OData v2 service, a JSON:API events API, an OpenSearch
cluster with scroll, an async export API, a cookie-session SPA backend (rolling session, XSRF cookie), an OAuth2
client-credentials inventory API with a deletions feed, a basic-auth LMS with per-course children, a helpdesk API
with the key in the query and Link paging, and a purchase-order API with nested line items and a soft-delete flag.
All data is seeded, so row counts are exact. Each source has expected() -> the row counts a correct connector
makes, and expected_deleted() -> the rows it marks _fivetran_deleted.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gzip
import hashlib
import hmac
import http.cookies
import json
import pathlib
import random
import re
import threading
import time
import urllib.parse
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
CN_CITIES = ["Hangzhou", "Shanghai", "Shenzhen", "Chengdu", "Wuhan", "Suzhou", "Nanjing", "Xiamen"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"
GMT8 = dt.timezone(dt.timedelta(hours=8))


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(days: float) -> str:
    return (EPOCH + dt.timedelta(days=days)).strftime("%Y-%m-%d")


def now_iso() -> str:
    """Changes made by advance() happen 'now', so a connector may keep either the newest timestamp it saw or
    the time its sync started as its cursor."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: Any) -> dt.datetime | None:
    if not isinstance(text, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


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

    def expected_deleted(self) -> dict[str, int]:
        return {}


# ============================================================================================== r12-01
def gmt8(when: dt.datetime) -> str:
    return when.astimezone(GMT8).strftime("%Y-%m-%d %H:%M:%S")


class Lotus(Source):
    """Lotus Mall open platform, a Taobao-style "router" gateway: GET (or POST form) /router/rest with the system
    parameters method, app_key, timestamp ("yyyy-MM-dd HH:mm:ss" in GMT+8, within 10 minutes), format=json
    (anything else is XML), v=2.0, sign_method=hmac-sha256 and sign = upper-case hex HMAC-SHA256(app_secret,
    key1value1key2value2... over every other parameter sorted by name, raw values, not URL-encoded). Errors come as
    HTTP 200 with an `error_response` body, as on the real platforms. lotus.orders.search pages with page_no /
    page_size (default 40, max 100; above is error 40) and filters on start_modified (inclusive, GMT+8 text);
    the answer is wrapped as lotus_orders_search_response.orders.order[] with total_results and has_next."""
    seed = 1201
    SYSTEM = {"method", "app_key", "timestamp", "format", "v", "sign_method", "sign", "session", "partner_id"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["app_key"] = str(self.rng.randint(20000000, 29999999))
        self.values["app_secret"] = self.secret("", 32)
        self.orders: dict[int, dict] = {}
        for i in range(420):
            created = EPOCH + dt.timedelta(minutes=i * 131 + self.rng.randint(0, 60))
            self._order(3402000000000 + i * 7919, created, created + dt.timedelta(minutes=self.rng.randint(0, 20000)))
        self.next_i = 420

    def _order(self, tid: int, created: dt.datetime, modified: dt.datetime) -> None:
        items = [{"sku_id": str(self.rng.randint(10 ** 11, 10 ** 12)), "title": f"{self.rng.choice(WORDS).title()} tea set",
                  "num": self.rng.randint(1, 4), "price": f"{self.rng.randint(9, 899)}.{self.rng.choice(['00', '50', '90'])}"}
                 for _ in range(self.rng.randint(1, 3))]
        pay = sum(float(x["price"]) * x["num"] for x in items)
        self.orders[tid] = {"tid": tid, "status": self.rng.choice(["WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS",
                                                                   "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED"]),
                            "buyer_nick": self.rng.choice(FIRST) + "_" + str(self.rng.randint(100, 999)),
                            "payment": f"{pay:.2f}", "post_fee": self.rng.choice(["0.00", "8.00", "12.00"]),
                            "receiver_city": self.rng.choice(CN_CITIES), "created": gmt8(created), "modified": gmt8(modified),
                            "items": {"item": items}}

    def expected(self) -> dict[str, int]:
        return {"orders": len(self.orders)}

    def advance(self) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        for tid in self.rng.sample(sorted(self.orders), 10):
            self.orders[tid].update(status="TRADE_FINISHED", modified=gmt8(now))
        for _ in range(7):
            self._order(3402000000000 + self.next_i * 7919, now, now)
            self.next_i += 1

    def sign(self, params: dict[str, str]) -> str:
        text = "".join(k + v for k, v in sorted(params.items()) if k != "sign")
        return hmac.new(self.values["app_secret"].encode(), text.encode(), hashlib.sha256).hexdigest().upper()

    def _err(self, code: int, msg: str, sub_code: str = "", sub_msg: str = "", xml: bool = False) -> Resp:
        rid = hashlib.md5(f"{time.time()}{self.requests}".encode()).hexdigest()[:13]
        body = {"code": code, "msg": msg, **({"sub_code": sub_code, "sub_msg": sub_msg} if sub_code else {}), "request_id": rid}
        if xml:
            inner = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in body.items())
            return 200, {"Content-Type": "text/xml;charset=UTF-8"}, f'<?xml version="1.0" encoding="utf-8"?><error_response>{inner}</error_response>'.encode()
        return J({"error_response": body}, ctype="application/json;charset=UTF-8")

    def handle(self, req: Req) -> Resp:
        if req.path != "/router/rest":
            return T("404 Not Found", 404)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(req.query_string, keep_blank_values=True).items()}
        if req.method == "POST":
            form = req.form()
            if form is None and req.body:
                return self._err(15, "Remote service error", "isv.invalid-content-type", "use application/x-www-form-urlencoded")
            params.update(form or {})
        elif req.method != "GET":
            return T("405 Method Not Allowed", 405)
        xml = params.get("format", "xml") != "json"
        for name in ("method", "app_key", "timestamp", "sign", "sign_method", "v"):
            if not params.get(name):
                code = {"method": 21, "app_key": 28, "timestamp": 31, "sign": 25, "sign_method": 25, "v": 31}[name]
                return self._err(code, f"Missing {name}" if name != "sign" else "Missing signature", xml=xml)
        if params["app_key"] != self.values["app_key"]:
            return self._err(29, "Invalid app Key", xml=xml)
        if params["sign_method"].lower() != "hmac-sha256":
            return self._err(25, "Invalid signature", "isv.invalid-sign-method", "sign_method must be hmac-sha256", xml)
        if params["v"] != "2.0":
            return self._err(32, "Invalid version", xml=xml)
        try:
            ts = dt.datetime.strptime(params["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=GMT8)
        except ValueError:
            return self._err(31, "Invalid timestamp", "isv.invalid-timestamp", "timestamp must be yyyy-MM-dd HH:mm:ss (GMT+8)", xml)
        if abs((dt.datetime.now(dt.timezone.utc) - ts).total_seconds()) > 600:
            return self._err(31, "Invalid timestamp", "isv.timestamp-out-of-range",
                             "timestamp is more than 10 minutes from server time (GMT+8)", xml)
        if params["sign"].upper() != self.sign(params):
            return self._err(25, "Invalid signature", "isv.invalid-signature", "signature mismatch", xml)
        if params["method"] != "lotus.orders.search":
            return self._err(22, "Invalid method", xml=xml)
        for k in params:
            if k not in self.SYSTEM and k not in ("page_no", "page_size", "start_modified", "end_modified", "status", "fields"):
                return self._err(40, "Invalid arguments", "isv.invalid-parameter", f"unknown parameter {k}", xml)
        try:
            page_no = int(params.get("page_no") or 1)
            page_size = int(params.get("page_size") or 40)
        except ValueError:
            return self._err(40, "Invalid arguments", "isv.invalid-parameter:page_no", "page_no and page_size must be numbers", xml)
        if page_no < 1:
            return self._err(40, "Invalid arguments", "isv.invalid-parameter:page_no", "page_no must be >= 1", xml)
        if not 1 <= page_size <= 100:
            return self._err(40, "Invalid arguments", "isv.invalid-parameter:page_size", "page_size must be between 1 and 100", xml)
        rows = sorted(self.orders.values(), key=lambda o: (o["modified"], o["tid"]))
        for name, keep in (("start_modified", lambda o, t: o["modified"] >= t), ("end_modified", lambda o, t: o["modified"] <= t)):
            if params.get(name):
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", params[name]):
                    return self._err(40, "Invalid arguments", f"isv.invalid-parameter:{name}",
                                     f"{name} must be yyyy-MM-dd HH:mm:ss (GMT+8)", xml)
                rows = [o for o in rows if keep(o, params[name])]
        if params.get("status"):
            rows = [o for o in rows if o["status"] == params["status"]]
        start = (page_no - 1) * page_size
        page = rows[start: start + page_size]
        if xml:
            return 200, {"Content-Type": "text/xml;charset=UTF-8"}, (
                '<?xml version="1.0" encoding="utf-8"?><lotus_orders_search_response>'
                f"<total_results>{len(rows)}</total_results><has_next>{str(start + page_size < len(rows)).lower()}</has_next>"
                "<orders>" + "".join(f"<order><tid>{o['tid']}</tid></order>" for o in page) + "</orders></lotus_orders_search_response>").encode()
        return J({"lotus_orders_search_response": {"total_results": len(rows), "has_next": start + page_size < len(rows),
                                                   "orders": {"order": page},
                                                   "request_id": hashlib.md5(f"{time.time()}".encode()).hexdigest()[:13]}},
                 ctype="application/json;charset=UTF-8")


# ============================================================================================== r12-02
def sap_date(when: dt.datetime) -> str:
    return f"/Date({int(when.timestamp() * 1000)})/"


class Gateway(Source):
    """An SAP Gateway OData v2 service ZPUR_PO_SRV at /sap/opu/odata/sap/ZPUR_PO_SRV. HTTP Basic plus the
    `sap-client` query parameter (a missing or other client is a 401 logon page: the service user only exists in
    client values['sap_client']). Atom XML unless `$format=json` or Accept: application/json.
    Entity sets PurchaseOrderSet (server-paged 100, `d.__next` absolute with a $skiptoken bound to the query) and
    PurchaseOrderItemSet (200 a page); navigation to_Items (deferred unless $expand=to_Items, then
    {"results": [...]}). System query options of v2 only: $filter (ChangedOn/CreatedOn gt|ge|lt|le datetime'...',
    Field eq '...'), $select, $expand, $orderby, $top, $skip, $inlinecount, $skiptoken, $format; v4 options such
    as $count or $search are 400. Dates are /Date(ms)/, decimals are strings."""
    seed = 1202
    ROOT = "/sap/opu/odata/sap/ZPUR_PO_SRV"
    NS = "ZPUR_PO_SRV"
    PO_FIELDS = ["PurchaseOrder", "CompanyCode", "PurchasingOrg", "Supplier", "SupplierName", "DocumentCurrency",
                 "NetAmount", "Status", "CreatedBy", "CreatedOn", "ChangedOn"]
    ITEM_FIELDS = ["PurchaseOrder", "PurchaseOrderItem", "Material", "ShortText", "Plant", "Quantity", "OrderUnit",
                   "NetPrice", "DeliveryDate"]
    OPTIONS = {"$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$inlinecount", "$skiptoken", "$format"}
    PAGE = {"PurchaseOrderSet": 100, "PurchaseOrderItemSet": 200}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["sap_user"] = "RFC_" + self.secret("", 6).upper()
        self.values["sap_password"] = self.secret("Sg#", 16)
        self.values["sap_client"] = "200"
        suppliers = [(str(100000 + self.rng.randint(0, 89999)), f"{self.rng.choice(WORDS).title()} {self.rng.choice(['GmbH', 'AG', 'SE', 'KG'])}")
                     for _ in range(24)]
        users = [self.rng.choice(FIRST).upper() + self.rng.choice(LAST)[:3].upper() for _ in range(6)]
        self.pos: list[dict] = []
        for i in range(310):
            created = EPOCH + dt.timedelta(minutes=i * 160 + self.rng.randint(0, 90))
            sup = self.rng.choice(suppliers)
            po = {"PurchaseOrder": str(4500000100 + i * 3), "CompanyCode": self.rng.choice(["1000", "1010", "2000"]),
                  "PurchasingOrg": self.rng.choice(["1000", "1100"]), "Supplier": sup[0], "SupplierName": sup[1],
                  "DocumentCurrency": self.rng.choice(["EUR", "EUR", "USD"]), "Status": self.rng.choice(["01", "02", "05", "08"]),
                  "CreatedBy": self.rng.choice(users), "CreatedOn": created,
                  "ChangedOn": created + dt.timedelta(minutes=self.rng.randint(0, 9000)), "items": []}
            for n in range(1, self.rng.randint(1, 6) + 1):
                qty, price = self.rng.randint(1, 500), self.rng.randint(100, 90000) / 100
                po["items"].append({"PurchaseOrder": po["PurchaseOrder"], "PurchaseOrderItem": f"{n * 10:05d}",
                                    "Material": f"MAT-{self.rng.randint(1000, 9999)}",
                                    "ShortText": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['bolt', 'gasket', 'bearing', 'valve'])}",
                                    "Plant": self.rng.choice(["1000", "1010"]), "Quantity": f"{qty}.000",
                                    "OrderUnit": self.rng.choice(["EA", "PC", "KG"]), "NetPrice": f"{price:.2f}",
                                    "DeliveryDate": created + dt.timedelta(days=self.rng.randint(5, 60))})
            po["NetAmount"] = f"{sum(float(x['NetPrice']) * float(x['Quantity']) for x in po['items']):.2f}"
            self.pos.append(po)

    def expected(self) -> dict[str, int]:
        return {"purchase_orders": len(self.pos), "purchase_order_items": sum(len(p["items"]) for p in self.pos)}

    # ------------------------------------------------------------------ plumbing
    def _error(self, status: int, code: str, message: str, as_json: bool) -> Resp:
        if as_json:
            return J({"error": {"code": code, "message": {"lang": "en", "value": message},
                                "innererror": {"transactionid": hashlib.md5(message.encode()).hexdigest().upper()}}}, status)
        return status, {"Content-Type": "application/xml"}, (
            '<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">'
            f'<code>{escape(code)}</code><message xml:lang="en">{escape(message)}</message></error>').encode()

    def _uri(self, eset: str, row: dict) -> str:
        if eset == "PurchaseOrderSet":
            return f"{self.base_url}{self.ROOT}/PurchaseOrderSet('{row['PurchaseOrder']}')"
        return f"{self.base_url}{self.ROOT}/PurchaseOrderItemSet(PurchaseOrder='{row['PurchaseOrder']}',PurchaseOrderItem='{row['PurchaseOrderItem']}')"

    def _value(self, v: Any) -> Any:
        return sap_date(v) if isinstance(v, dt.datetime) else v

    def _shape(self, eset: str, row: dict, select: list[str] | None, expand: bool) -> dict:
        fields = self.PO_FIELDS if eset == "PurchaseOrderSet" else self.ITEM_FIELDS
        uri = self._uri(eset, row)
        out: dict[str, Any] = {"__metadata": {"id": uri, "uri": uri, "type": f"{self.NS}.{'PurchaseOrder' if eset == 'PurchaseOrderSet' else 'PurchaseOrderItem'}"}}
        for k in (select or fields):
            if k in fields:
                out[k] = self._value(row[k])
        if eset == "PurchaseOrderSet" and (select is None or "to_Items" in select or expand):
            out["to_Items"] = ({"results": [self._shape("PurchaseOrderItemSet", x, None, False) for x in row["items"]]}
                               if expand else {"__deferred": {"uri": uri + "/to_Items"}})
        return out

    _CLAUSE = re.compile(r"\s*(?P<f>\w+)\s+(?P<op>eq|ne|gt|ge|lt|le)\s+(?P<lit>datetime'[^']*'|'(?:[^']|'')*'|-?\d+(?:\.\d+)?[mM]?)\s*")

    def _filter(self, text: str, fields: list[str]) -> list | str:
        out, pos = [], 0
        while True:
            m = self._CLAUSE.match(text, pos)
            if not m:
                return f"Invalid filter expression: '{text}'"
            f, op_, lit = m.group("f"), m.group("op"), m.group("lit")
            if f not in fields:
                return f"Property '{f}' is invalid"
            if lit.startswith("datetime'"):
                try:
                    val: Any = dt.datetime.fromisoformat(lit[9:-1]).replace(tzinfo=dt.timezone.utc)
                except ValueError:
                    return f"Invalid literal '{lit}'"
                if f not in ("CreatedOn", "ChangedOn", "DeliveryDate"):
                    return f"Operator '{op_}' incompatible with operand types 'Edm.String' and 'Edm.DateTime'"
            elif lit.startswith("'"):
                val = lit[1:-1].replace("''", "'")
                if f in ("CreatedOn", "ChangedOn", "DeliveryDate"):
                    return f"Operator '{op_}' incompatible with operand types 'Edm.DateTime' and 'Edm.String'"
            else:
                return f"Operator '{op_}' incompatible with operand types 'Edm.String' and 'Edm.Int32'"
            out.append((f, op_, val))
            pos = m.end()
            if pos >= len(text):
                return out
            m2 = re.compile(r"and\s+").match(text, pos)
            if not m2:
                return f"Invalid filter expression: '{text}'"
            pos = m2.end()

    def _atom(self, eset: str, rows: list[dict]) -> Resp:
        entries = "".join(f"<entry><id>{escape(self._uri(eset, r))}</id><content type=\"application/xml\"><m:properties>"
                          + "".join(f"<d:{k}>{escape(str(self._value(r[k])))}</d:{k}>" for k in (self.PO_FIELDS if eset == "PurchaseOrderSet" else self.ITEM_FIELDS))
                          + "</m:properties></content></entry>" for r in rows)
        xml = ('<?xml version="1.0" encoding="utf-8"?><feed xml:base="' + self.base_url + self.ROOT + '/" '
               'xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" '
               f'xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><id>{self.base_url}{self.ROOT}/{eset}</id>'
               f'<title type="text">{eset}</title>{entries}</feed>')
        return 200, {"Content-Type": "application/atom+xml;type=feed; charset=utf-8", "dataserviceversion": "2.0"}, xml.encode()

    def handle(self, req: Req) -> Resp:
        as_json = req.query.get("$format") == "json" or "application/json" in req.header("Accept")
        if req.basic() != (self.values["sap_user"], self.values["sap_password"]) or req.query.get("sap-client") != self.values["sap_client"]:
            return H("<html><head><title>Logon Error Message</title></head><body><h1>Anmeldung fehlgeschlagen / Logon failed</h1>"
                     "<p>Logon performed in system GWP client " + escape(req.query.get("sap-client", "100")) + "</p></body></html>", 401,
                     {"WWW-Authenticate": 'Basic realm="SAP NetWeaver Application Server [GWP/' + escape(req.query.get("sap-client", "100")) + ']"',
                      "sap-system": "GWP"})
        if req.method != "GET":
            return self._error(405, "/IWFND/CM_MGW/004", "Method not allowed", as_json)
        if req.query.get("$format") not in (None, "json", "xml", "atom"):
            return self._error(400, "/IWFND/CM_MGW/004", f"Unsupported format '{req.query['$format']}'", as_json)
        if not req.path.startswith(self.ROOT):
            return H("<html><body><h1>404 Not found</h1></body></html>", 404)
        rest = req.path[len(self.ROOT):]
        if rest in ("", "/"):
            if as_json:
                return J({"d": {"EntitySets": ["PurchaseOrderSet", "PurchaseOrderItemSet"]}})
            return 200, {"Content-Type": "application/atomsvc+xml"}, b'<?xml version="1.0"?><service><workspace><collection href="PurchaseOrderSet"/><collection href="PurchaseOrderItemSet"/></workspace></service>'
        if rest == "/$metadata":
            props = lambda fs: "".join(f'<Property Name="{f}" Type="{"Edm.DateTime" if f in ("CreatedOn", "ChangedOn", "DeliveryDate") else "Edm.Decimal" if f in ("NetAmount", "NetPrice", "Quantity") else "Edm.String"}"/>' for f in fs)
            return 200, {"Content-Type": "application/xml"}, (
                '<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">'
                '<edmx:DataServices m:DataServiceVersion="2.0" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">'
                f'<Schema Namespace="{self.NS}" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">'
                f'<EntityType Name="PurchaseOrder"><Key><PropertyRef Name="PurchaseOrder"/></Key>{props(self.PO_FIELDS)}'
                '<NavigationProperty Name="to_Items" Relationship="ZPUR_PO_SRV.PO_Items" FromRole="FromRole_PO" ToRole="ToRole_Item"/></EntityType>'
                f'<EntityType Name="PurchaseOrderItem"><Key><PropertyRef Name="PurchaseOrder"/><PropertyRef Name="PurchaseOrderItem"/></Key>{props(self.ITEM_FIELDS)}</EntityType>'
                '<EntityContainer Name="ZPUR_PO_SRV_Entities" m:IsDefaultEntityContainer="true">'
                '<EntitySet Name="PurchaseOrderSet" EntityType="ZPUR_PO_SRV.PurchaseOrder"/>'
                '<EntitySet Name="PurchaseOrderItemSet" EntityType="ZPUR_PO_SRV.PurchaseOrderItem"/></EntityContainer>'
                '</Schema></edmx:DataServices></edmx:Edmx>').encode()
        for k in req.query:
            if k.startswith("$") and k not in self.OPTIONS:
                return self._error(400, "/IWFND/CM_MGW/004", f"System query option '{k}' is not supported", as_json)
        m = re.fullmatch(r"/(PurchaseOrderSet|PurchaseOrderItemSet)(?:\('(\d+)'\))?(/to_Items|/\$count)?", rest)
        if not m:
            return self._error(404, "/IWFND/CM_MGW/025", f"Resource not found for segment '{rest.strip('/')}'", as_json)
        eset, key, tail = m.group(1), m.group(2), m.group(3)
        q = req.query
        if eset == "PurchaseOrderSet":
            rows = list(self.pos)
            if key:
                rows = [p for p in rows if p["PurchaseOrder"] == key]
                if not rows:
                    return self._error(404, "/IWBEP/CM_MGW_RT/020", f"Resource not found for segment 'PurchaseOrder'", as_json)
                if tail == "/to_Items":
                    eset, rows = "PurchaseOrderItemSet", list(rows[0]["items"])
                elif tail is None:
                    return J({"d": self._shape(eset, rows[0], None, q.get("$expand") == "to_Items")})
        else:
            if key:
                return self._error(400, "/IWBEP/CM_MGW_RT/021", "Key must name PurchaseOrder and PurchaseOrderItem", as_json)
            rows = [x for p in self.pos for x in p["items"]]
        fields = self.PO_FIELDS if eset == "PurchaseOrderSet" else self.ITEM_FIELDS
        if q.get("$filter"):
            parsed = self._filter(q["$filter"], fields)
            if isinstance(parsed, str):
                return self._error(400, "/IWBEP/CM_MGW_RT/022", parsed, as_json)
            ops = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "gt": lambda a, b: a > b,
                   "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b}
            rows = [r for r in rows if all(ops[o](r[f], v) for f, o, v in parsed)]
        if tail == "/$count":
            return T(str(len(rows)))
        select = None
        if q.get("$select"):
            select = [s.strip() for s in q["$select"].split(",") if s.strip()]
            for s in select:
                if s not in fields and s not in ("to_Items", "*"):
                    return self._error(400, "/IWBEP/CM_MGW_RT/022", f"Property '{s}' is invalid", as_json)
            if "*" in select:
                select = None
        expand = False
        if q.get("$expand"):
            if q["$expand"] != "to_Items" or eset != "PurchaseOrderSet":
                return self._error(400, "/IWBEP/CM_MGW_RT/022", f"Navigation property '{q['$expand']}' is invalid", as_json)
            expand = True
        if q.get("$orderby"):
            parts = q["$orderby"].split()
            if parts[0] not in fields or len(parts) > 2:
                return self._error(400, "/IWBEP/CM_MGW_RT/022", f"Invalid $orderby '{q['$orderby']}'", as_json)
            rows.sort(key=lambda r: r[parts[0]], reverse=len(parts) == 2 and parts[1] == "desc")
        for name in ("$top", "$skip"):
            if q.get(name) is not None and not re.fullmatch(r"\d+", q[name]):
                return self._error(400, "/IWBEP/CM_MGW_RT/022", f"Invalid value for {name}", as_json)
        total = len(rows)
        rows = rows[int(q.get("$skip") or 0):]
        if q.get("$top") is not None:
            rows = rows[: int(q["$top"])]
        qh = qhash(eset, key, {k: v for k, v in q.items() if k not in ("$skiptoken", "$format")})
        start = 0
        if "$skiptoken" in q:
            st = untoken(q["$skiptoken"])
            if not isinstance(st, dict) or st.get("q") != qh:
                return self._error(400, "/IWBEP/CM_MGW_RT/022", "Invalid skiptoken", as_json)
            start = st["n"]
        size = self.PAGE[eset]
        page = rows[start: start + size]
        if not as_json:
            return self._atom(eset, page)
        d: dict[str, Any] = {"results": [self._shape(eset, r, select, expand) for r in page]}
        if q.get("$inlinecount") == "allpages":
            d["__count"] = str(total)
        if start + size < len(rows):
            keep = [(k, v) for k, v in urllib.parse.parse_qsl(req.query_string, keep_blank_values=True) if k != "$skiptoken"]
            keep.append(("$skiptoken", token({"n": start + size, "q": qh})))
            d["__next"] = f"{self.base_url}{self.ROOT}{rest}?" + urllib.parse.urlencode(keep, quote_via=urllib.parse.quote, safe="$,()'=-")
        return J({"d": d}, headers={"dataserviceversion": "2.0"})


# ============================================================================================== r12-03
class Gigtrail(Source):
    """Gigtrail events, JSON:API at /api/v1. `Authorization: Token token="..."` (Rails style; the quotes are
    optional, Bearer is refused). GET /api/v1/events with include (venue, ticket_types, organizer), page[offset]
    and page[limit] (default 10, silently capped at 25, as many JSON:API servers do), sort; page[number] /
    page[size] / page[cursor] are 400 error documents. links.next is absolute and absent on the last page;
    meta.total. Venues and ticket types only come through `included` (each once per page); ticket types carry no
    event id (it is in the event's relationships). Online events have venue data null; some events have no ticket
    types yet. /api/v1/venues and /api/v1/ticket_types are 403 for API tokens."""
    seed = 1203
    CT = "application/vnd.api+json"
    CAP = 25

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["gig_token"] = self.secret("gt_live_", 30)
        self.venues = {}
        for i in range(46):
            city, country = self.rng.choice(CITIES)
            self.venues[str(300 + i)] = {"name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Hall', 'Club', 'Arena', 'Loft', 'Theatre'])}",
                                         "capacity": self.rng.choice([150, 400, 900, 2500, 8000]),
                                         "address": {"city": city, "country": country, "street": f"{self.rng.choice(LAST).title()}straat {self.rng.randint(1, 200)}"},
                                         "accessible": self.rng.random() < 0.7}
        self.organizers = {str(50 + i): {"name": self.person()[0]} for i in range(12)}
        vids = self.rng.sample(sorted(self.venues), 39)
        self.events, self.ticket_types, tt = [], {}, 9000
        for i in range(260):
            start = EPOCH + dt.timedelta(days=30 + i * 0.9, hours=self.rng.randint(17, 22))
            online = self.rng.random() < 0.08
            tts = []
            for _ in range(self.rng.choice([0, 1, 2, 2, 3, 4])):
                tt += self.rng.randint(1, 3)
                self.ticket_types[str(tt)] = {"name": self.rng.choice(["General admission", "Early bird", "VIP", "Student", "Balcony"]),
                                              "price_cents": self.rng.randint(5, 120) * 100, "currency": "EUR",
                                              "quantity": self.rng.choice([50, 100, 250, None]),
                                              "sales_end_at": (start - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")}
                tts.append(str(tt))
            self.events.append({"id": str(5001 + i), "attributes": {
                "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Live', 'Sessions', 'Night', 'Festival', 'Tour'])}",
                "starts_at": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "status": self.rng.choice(["on_sale", "on_sale", "sold_out", "announced", "cancelled"]),
                "online": online, "age_restriction": self.rng.choice([None, None, 16, 18]),
                "genres": self.rng.sample(["rock", "jazz", "techno", "folk", "indie", "hiphop"], self.rng.randint(1, 2))},
                "venue": None if online else self.rng.choice(vids), "organizer": self.rng.choice(sorted(self.organizers)),
                "ticket_types": tts})

    def expected(self) -> dict[str, int]:
        return {"events": len(self.events), "venues": len({e["venue"] for e in self.events if e["venue"]}),
                "ticket_types": sum(len(e["ticket_types"]) for e in self.events)}

    def _errors(self, status: int, title: str, detail: str, param: str | None = None) -> Resp:
        e: dict[str, Any] = {"status": str(status), "title": title, "detail": detail}
        if param:
            e["source"] = {"parameter": param}
        return J({"errors": [e]}, status, ctype=self.CT)

    def _resource(self, e: dict) -> dict:
        base = f"{self.base_url}/api/v1/events/{e['id']}"
        return {"type": "events", "id": e["id"], "attributes": e["attributes"], "links": {"self": base},
                "relationships": {
                    "venue": {"data": {"type": "venues", "id": e["venue"]} if e["venue"] else None},
                    "organizer": {"data": {"type": "organizers", "id": e["organizer"]}},
                    "ticket_types": {"data": [{"type": "ticket_types", "id": t} for t in e["ticket_types"]]}}}

    def handle(self, req: Req) -> Resp:
        auth = req.header("Authorization")
        m = re.fullmatch(r'Token\s+token="?([^"]*)"?', auth.strip())
        if not m or m.group(1) != self.values["gig_token"]:
            return self._errors(401, "Unauthorized", "HTTP Token: Access denied.")
        accept = req.header("Accept")
        if self.CT in accept and all(";" in part for part in accept.split(",") if self.CT in part) \
                and "*/*" not in accept and "application/json" not in accept:
            return self._errors(406, "Not Acceptable", "Media type parameters are not allowed in Accept.")
        if req.path in ("/api/v1/venues", "/api/v1/ticket_types", "/api/v1/organizers"):
            return self._errors(403, "Forbidden", "This resource cannot be listed with an API token; use include on events.")
        mm = re.fullmatch(r"/api/v1/events/(\d+)", req.path)
        if mm:
            found = [e for e in self.events if e["id"] == mm.group(1)]
            return J({"data": self._resource(found[0])}, ctype=self.CT) if found else self._errors(404, "Not Found", "Record not found.")
        if req.path != "/api/v1/events":
            return self._errors(404, "Not Found", f"No route matches {req.path}.")
        if req.method != "GET":
            return self._errors(405, "Method Not Allowed", "Only GET is supported.")
        q = req.query
        for k in q:
            if k.startswith("page[") and k not in ("page[offset]", "page[limit]"):
                return self._errors(400, "Invalid Query Parameter", f"{k} is not supported; page with page[offset] and page[limit].", k)
            if not (k.startswith("page[") or k.startswith("filter[") or k.startswith("fields[") or k in ("include", "sort")):
                return self._errors(400, "Invalid Query Parameter", f"{k} is not a valid query parameter.", k)
        include = [s.strip() for s in q.get("include", "").split(",") if s.strip()]
        for s in include:
            if s not in ("venue", "ticket_types", "organizer"):
                return self._errors(400, "Invalid Include", f"{s} is not a relationship of events.", "include")
        for name in ("page[offset]", "page[limit]"):
            if name in q and not q[name].isdigit():
                return self._errors(400, "Invalid Page Parameter", f"{name} must be a non-negative integer.", name)
        offset = int(q.get("page[offset]") or 0)
        limit = min(max(int(q.get("page[limit]") or 10), 1), self.CAP)
        sort = q.get("sort", "id")
        if sort.lstrip("-") not in ("id", "starts_at"):
            return self._errors(400, "Invalid Sort", "sort must be id or starts_at (optionally with -).", "sort")
        keyf = (lambda e: int(e["id"])) if sort.lstrip("-") == "id" else (lambda e: (e["attributes"]["starts_at"], int(e["id"])))
        rows = sorted(self.events, key=keyf, reverse=sort.startswith("-"))
        page = rows[offset: offset + limit]
        included, seen = [], set()
        for e in page:
            refs = ([("venues", e["venue"])] if "venue" in include and e["venue"] else []) \
                + ([("ticket_types", t) for t in e["ticket_types"]] if "ticket_types" in include else []) \
                + ([("organizers", e["organizer"])] if "organizer" in include else [])
            for typ, rid in refs:
                if (typ, rid) in seen:
                    continue
                seen.add((typ, rid))
                attrs = {"venues": self.venues, "ticket_types": self.ticket_types, "organizers": self.organizers}[typ][rid]
                included.append({"type": typ, "id": rid, "attributes": attrs})
        keep = [(k, v) for k, v in urllib.parse.parse_qsl(req.query_string, keep_blank_values=True) if k not in ("page[offset]", "page[limit]")]
        link = lambda off: f"{self.base_url}/api/v1/events?" + urllib.parse.urlencode(keep + [("page[offset]", str(off)), ("page[limit]", str(limit))])
        links = {"self": link(offset), "first": link(0), "last": link(max(0, (len(rows) - 1) // limit * limit))}
        if offset > 0:
            links["prev"] = link(max(0, offset - limit))
        if offset + limit < len(rows):
            links["next"] = link(offset + limit)
        doc: dict[str, Any] = {"data": [self._resource(e) for e in page], "links": links, "meta": {"total": len(rows)}}
        if include:
            doc["included"] = included
        return J(doc, ctype=self.CT)


# ============================================================================================== r12-04
def _keepalive(text: Any) -> float | None:
    m = re.fullmatch(r"(\d+)(ms|s|m|h|d)", str(text or ""))
    if not m:
        return None
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


class Shiplog(Source):
    """An OpenSearch/Elasticsearch cluster holding shipment tracking events in monthly shipment-events-YYYY.MM
    indices. `Authorization: ApiKey base64(id:api_key)` (Basic is refused: no such user). POST/GET
    /{pattern}/_search with query (match_all, range, term, bool), sort, size, from, search_after, _source;
    `?scroll=<keep-alive>` opens a scroll context: /_search/scroll {scroll, scroll_id} continues it, and every
    answer carries a NEW _scroll_id (the previous one is gone: 404 search_context_missing_exception), as a cluster
    may do; DELETE /_search/scroll clears. index.max_result_window is 500: a scroll batch above it or from + size
    above it is a 400; search.max_keep_alive is 30m. Documents have no id field in _source (the key is _id);
    @timestamp is when the event happened (late arrivals are common), ingested_at when the cluster got it."""
    seed = 1204
    WINDOW = 500
    KEYWORDS = {"shipment_id", "event_type", "carrier", "location.country", "location.facility"}
    DATES = {"@timestamp", "ingested_at"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["key_id"] = self.secret("", 20)
        self.values["key_secret"] = self.secret("", 22)
        self.shipments = [f"SHP{self.rng.randint(10 ** 7, 10 ** 8 - 1)}" for _ in range(260)]
        self.docs: list[dict] = []
        ingest = int((EPOCH + dt.timedelta(days=40)).timestamp() * 1000)
        for _ in range(2140):
            ingest += self.rng.randint(500, 1800000)
            self._doc(ingest - self.rng.choice([800, 2000, 45000, 3600000 * self.rng.randint(1, 48)]), ingest)
        self.scrolls: dict[str, dict] = {}

    def _doc(self, ms: int, ingest_ms: int) -> None:
        when = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc)
        city, country = self.rng.choice(CITIES)
        src = {"@timestamp": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z",
               "ingested_at": dt.datetime.fromtimestamp(ingest_ms / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ingest_ms % 1000:03d}Z",
               "shipment_id": self.rng.choice(self.shipments),
               "event_type": self.rng.choice(["picked_up", "in_transit", "arrived_hub", "departed_hub", "out_for_delivery", "delivered", "exception"]),
               "carrier": self.rng.choice(["DHL", "PostNL", "UPS", "GLS", "DPD"]),
               "location": {"facility": f"{city[:3].upper()}-{self.rng.randint(1, 9)}", "city": city, "country": country},
               "details": {"scan_device": f"HH-{self.rng.randint(100, 999)}", "note": self.rng.choice([None, "left at reception", "address unclear"])}}
        self.docs.append({"_ms": ms, "_ims": ingest_ms, "_id": base64.urlsafe_b64encode(self.rng.randbytes(15)).decode(),
                          "_index": "shipment-events-" + when.strftime("%Y.%m"), "_doc": len(self.docs), "_source": src})

    def expected(self) -> dict[str, int]:
        return {"shipment_events": len(self.docs)}

    def advance(self) -> None:
        ingest = max(int(time.time() * 1000) - 60000, max(d["_ims"] for d in self.docs) + 1)
        for _ in range(90):
            ingest += self.rng.randint(1, 400)
            # late arrivals: the event happened days ago, the cluster only got it now
            self._doc(int((EPOCH + dt.timedelta(days=self.rng.randint(41, 70))).timestamp() * 1000), ingest)

    # ------------------------------------------------------------------ ES plumbing
    def _es_error(self, status: int, etype: str, reason: str, outer: str | None = None, **extra: Any) -> Resp:
        cause = {"type": etype, "reason": reason, **extra}
        return J({"error": {"root_cause": [cause], "type": outer or etype, "reason": reason if not outer else "all shards failed", **extra},
                  "status": status}, status)

    def _value(self, d: dict, field: str) -> Any:
        if field == "@timestamp":
            return d["_ms"]
        if field == "ingested_at":
            return d["_ims"]
        if field == "_doc":
            return d["_doc"]
        cur: Any = d["_source"]
        for part in field.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        return cur

    def _date(self, v: Any) -> int | None:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(v)
        if isinstance(v, str) and v.isdigit():
            return int(v)
        p = parse_iso(v)
        return int(p.timestamp() * 1000) if p else None

    def _query(self, q: Any) -> Any:
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
                if field in self.DATES:
                    v = self._date(v)
                    if v is None:
                        return self._es_error(400, "parse_exception", f"failed to parse date field [{cond[op_]}]")
                bounds.append((op_, v))
            cmp = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}
            return lambda d: (val := self._value(d, field)) is not None and all(cmp[o](val, v) for o, v in bounds)
        if kind == "term":
            field, v = next(iter(body.items()))
            v = v.get("value") if isinstance(v, dict) else v
            return lambda d: self._value(d, field) == v
        if kind == "terms":
            field, vs = next(iter(body.items()))
            return lambda d: self._value(d, field) in vs
        if kind == "bool":
            preds, negs = [], []
            for clause in ("must", "filter", "must_not", "should"):
                items = body.get(clause) or []
                for item in (items if isinstance(items, list) else [items]):
                    p = self._query(item)
                    if isinstance(p, tuple):
                        return p
                    (negs if clause == "must_not" else preds).append(p)
            return lambda d: all(p(d) for p in preds) and not any(p(d) for p in negs)
        return self._es_error(400, "parsing_exception", f"unknown query [{kind}]", line=1, col=13)

    def _sort(self, spec: Any) -> list[tuple[str, bool]] | Resp:
        if spec is None:
            return []
        out = []
        for item in (spec if isinstance(spec, list) else [spec]):
            if isinstance(item, str):
                field, desc = item, False
            elif isinstance(item, dict) and len(item) == 1:
                field, o = next(iter(item.items()))
                order = o.get("order", "asc") if isinstance(o, dict) else o
                desc = order == "desc"
            else:
                return self._es_error(400, "parsing_exception", "malformed sort")
            if field == "_id":
                return self._es_error(400, "illegal_argument_exception", "Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled", "search_phase_execution_exception")
            if field not in self.DATES | self.KEYWORDS | {"_doc", "_score"}:
                return self._es_error(400, "illegal_argument_exception", f"No mapping found for [{field}] in order to sort on", "search_phase_execution_exception")
            out.append((field, desc))
        return out

    def _hit(self, d: dict, sort: list, source: Any) -> dict:
        src = d["_source"]
        if source is False:
            src = None
        elif isinstance(source, list):
            src = {k: v for k, v in src.items() if k in source}
        hit = {"_index": d["_index"], "_id": d["_id"], "_score": None if sort else 1.0}
        if src is not None:
            hit["_source"] = src
        if sort:
            hit["sort"] = [self._value(d, f) if f != "_score" else 1.0 for f, _ in sort]
        return hit

    def _page(self, took_rows: list[dict], total: int, sort: list, source: Any, scroll_id: str | None = None) -> Resp:
        out: dict[str, Any] = {}
        if scroll_id:
            out["_scroll_id"] = scroll_id
        out.update({"took": 2, "timed_out": False, "_shards": {"total": 3, "successful": 3, "skipped": 0, "failed": 0},
                    "hits": {"total": {"value": total, "relation": "eq"}, "max_score": None if sort else 1.0,
                             "hits": [self._hit(d, sort, source) for d in took_rows]}})
        return J(out)

    def _new_scroll(self, ctx: dict) -> str:
        sid = base64.b64encode(b"\x16QueryThenFetch\x03" + hashlib.sha256(f"{time.time()}{self.rng.random()}".encode()).digest()).decode()
        self.scrolls[sid] = ctx
        return sid

    def handle(self, req: Req) -> Resp:
        auth = req.header("Authorization")
        good = base64.b64encode(f"{self.values['key_id']}:{self.values['key_secret']}".encode()).decode()
        if not auth.startswith("ApiKey ") or auth[7:].strip() != good:
            return 401, {"Content-Type": "application/json", "WWW-Authenticate": 'ApiKey'}, json.dumps(
                {"error": {"root_cause": [{"type": "security_exception", "reason": "unable to authenticate with provided credentials and anonymous access is not allowed for this request"}],
                           "type": "security_exception", "reason": "unable to authenticate with provided credentials and anonymous access is not allowed for this request"},
                 "status": 401}).encode()
        if req.path == "/":
            return J({"name": "ops-search-1", "cluster_name": "ops", "version": {"number": "8.13.4", "lucene_version": "9.10.0"},
                      "tagline": "You Know, for Search"})
        body = req.json()
        if body is BAD_JSON:
            return self._es_error(400, "parsing_exception", "request body is not valid JSON")
        body = body or {}
        if req.path in ("/_search/scroll", "/_search/scroll/_all") or req.path.startswith("/_search/scroll/"):
            if req.method == "DELETE":
                ids = body.get("scroll_id") or []
                ids = [ids] if isinstance(ids, str) else ids
                freed = sum(1 for i in ids if self.scrolls.pop(i, None) is not None)
                if req.path.endswith("/_all"):
                    freed, self.scrolls = len(self.scrolls), {}
                return J({"succeeded": True, "num_freed": freed})
            sid = body.get("scroll_id") or req.query.get("scroll_id") or (req.path.rsplit("/", 1)[1] if req.path.count("/") > 2 else None)
            keep = body.get("scroll") or req.query.get("scroll")
            ctx = self.scrolls.pop(sid, None) if sid else None
            if ctx is None or ctx["expires"] < time.time():
                return self._es_error(404, "search_context_missing_exception", f"No search context found for id [{(sid or '')[:24]}...]",
                                      "search_phase_execution_exception")
            if keep is not None:
                ka = _keepalive(keep)
                if ka is None or ka > 1800:
                    return self._es_error(400, "illegal_argument_exception", f"Keep alive for request ({keep}) is too large. It must be less than (30m). This limit can be set by changing the [search.max_keep_alive] cluster level setting.")
                ctx["keep"] = ka
            ctx["expires"] = time.time() + ctx["keep"]
            rows = ctx["rows"][ctx["pos"]: ctx["pos"] + ctx["size"]]
            ctx["pos"] += len(rows)
            return self._page(rows, len(ctx["rows"]), ctx["sort"], ctx["source"], self._new_scroll(ctx))
        m = re.fullmatch(r"/([^/]+)/_search", req.path)
        if not m:
            if req.path == "/_cat/indices":
                return T("".join(f"green open {i} 1 1 {sum(1 for d in self.docs if d['_index'] == i)}\n" for i in sorted({d['_index'] for d in self.docs})))
            return self._es_error(400, "illegal_argument_exception", f"request [{req.method} {req.path}] is not supported")
        pats = m.group(1).split(",")
        indices = sorted({d["_index"] for d in self.docs})
        matched = {i for i in indices if any(re.fullmatch(re.escape(p).replace(r"\*", ".*"), i) for p in pats)}
        if not matched:
            return self._es_error(404, "index_not_found_exception", f"no such index [{m.group(1)}]", index=m.group(1))
        unknown = set(body) - {"query", "sort", "size", "from", "search_after", "_source", "track_total_hits", "pit", "slice", "timeout"}
        if unknown:
            return self._es_error(400, "parsing_exception", f"Unknown key for a START_OBJECT in [{sorted(unknown)[0]}].")
        pred = self._query(body.get("query"))
        if isinstance(pred, tuple):
            return pred
        sort = self._sort(body.get("sort"))
        if isinstance(sort, tuple):
            return sort
        size = body.get("size", req.query.get("size", 10))
        frm = body.get("from", req.query.get("from", 0))
        try:
            size, frm = int(size), int(frm)
        except (TypeError, ValueError):
            return self._es_error(400, "parsing_exception", "size and from must be integers")
        rows = [d for d in self.docs if d["_index"] in matched and pred(d)]
        for field, desc in reversed(sort):
            if field not in ("_score",):
                rows.sort(key=lambda d: (self._value(d, field) is None, self._value(d, field) or 0), reverse=desc)
        scroll = req.query.get("scroll")
        if scroll is not None:
            ka = _keepalive(scroll)
            if ka is None:
                return self._es_error(400, "illegal_argument_exception", f"failed to parse setting [scroll] with value [{scroll}] as a time value")
            if ka > 1800:
                return self._es_error(400, "illegal_argument_exception", f"Keep alive for request ({scroll}) is too large. It must be less than (30m). This limit can be set by changing the [search.max_keep_alive] cluster level setting.")
            if frm:
                return self._es_error(400, "action_request_validation_exception", "Validation Failed: 1: using [from] is not allowed in a scroll context;")
            if body.get("search_after") is not None:
                return self._es_error(400, "action_request_validation_exception", "Validation Failed: 1: [search_after] cannot be used in a scroll context;")
            if size > self.WINDOW:
                return self._es_error(400, "illegal_argument_exception", f"Batch size is too large, size must be less than or equal to: [{self.WINDOW}] but was [{size}]. Scroll batch sizes cost as much memory as result windows so they are controlled by the [index.max_result_window] index level setting.", "search_phase_execution_exception")
            ctx = {"rows": rows, "pos": len(rows[:size]), "size": size, "sort": sort, "source": body.get("_source"),
                   "keep": ka, "expires": time.time() + ka}
            return self._page(rows[:size], len(rows), sort, body.get("_source"), self._new_scroll(ctx))
        if frm + size > self.WINDOW:
            return self._es_error(400, "illegal_argument_exception", f"Result window is too large, from + size must be less than or equal to: [{self.WINDOW}] but was [{frm + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.", "search_phase_execution_exception")
        total = len(rows)
        after = body.get("search_after")
        if after is not None:
            if not sort or not isinstance(after, list) or len(after) != len(sort):
                return self._es_error(400, "illegal_argument_exception", "search_after has to match the sort fields", "search_phase_execution_exception")
            vals = [self._date(v) if f in self.DATES else v for (f, _), v in zip(sort, after)]

            def beyond(d: dict) -> bool:
                for (f, desc), v in zip(sort, vals):
                    x = self._value(d, f) if f != "_score" else 1.0
                    if x == v:
                        continue
                    return (x < v) if desc else (x > v)
                return False
            rows = [d for d in rows if beyond(d)]
        return self._page(rows[frm: frm + size], total, sort, body.get("_source"))


# ============================================================================================== r12-05
class Harbor(Source):
    """Harbor Loyalty exports. X-Harbor-Key. POST /v2/exports {"dataset": members|points_ledger, "format": "jsonl"}
    -> 201 {"export_id", "state": "QUEUED"}; GET /v2/exports/{id}: QUEUED -> PROCESSING -> ... -> COMPLETE, one
    step per poll and COMPLETE no sooner than 1.2 s after creation; a poll within 0.5 s of the last (or of the
    creation) is a 429 with Retry-After: 1. The first points_ledger export FAILS (WORKER_LOST, retryable: true): a
    new export has to be started. COMPLETE lists files[] with RELATIVE hrefs (/v2/exports/{id}/files/{n}, 500
    lines each) that need the same key and are served as application/x-ndjson with Content-Encoding: gzip."""
    seed = 1205
    PART = 500
    MIN_POLL = 0.5
    READY = 1.2

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["harbor_key"] = self.secret("hbk_", 28)
        stores = [f"ST{self.rng.randint(100, 999)}" for _ in range(14)]
        self.members: list[dict] = []
        for i in range(640):
            name, email = self.person()
            joined = EPOCH - dt.timedelta(days=self.rng.randint(0, 900))
            self.members.append({"member_id": f"M{200000 + i * 13}", "email": email, "full_name": name,
                                 "tier": self.rng.choice(["bronze", "bronze", "silver", "gold", "platinum"]),
                                 "points_balance": self.rng.randint(0, 40000), "home_store": self.rng.choice(stores),
                                 "joined_at": joined.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                 "marketing_opt_in": self.rng.random() < 0.6,
                                 "preferences": {"channel": self.rng.choice(["email", "sms", "none"]), "language": self.rng.choice(["en", "nl", "de"])},
                                 "updated_at": iso(self.rng.randint(0, 90000))})
        self.ledger: list[dict] = []
        for i in range(2150):
            m = self.rng.choice(self.members)
            delta = self.rng.choice([1, 1, 1, -1]) * self.rng.randint(10, 2500)
            self.ledger.append({"entry_id": 7000000 + i, "member_id": m["member_id"], "delta": delta,
                                "reason": "purchase" if delta > 0 else self.rng.choice(["redemption", "expiry", "adjustment"]),
                                "store_id": self.rng.choice(stores), "receipt_no": self.rng.choice([None, f"R-{self.rng.randint(10 ** 6, 10 ** 7)}"]),
                                "occurred_at": iso(i * 41 + self.rng.randint(0, 30))})
        self.jobs: dict[str, dict] = {}
        self.files: dict[str, bytes] = {}
        self.failed_once = False

    def expected(self) -> dict[str, int]:
        return {"members": len(self.members), "points_ledger": len(self.ledger)}

    def _public(self, job: dict) -> dict:
        out: dict[str, Any] = {"export_id": job["id"], "dataset": job["dataset"], "format": "jsonl", "state": job["state"],
                               "created_at": job["created_at"]}
        if job["state"] == "COMPLETE":
            out["row_count"] = job["count"]
            out["files"] = [{"href": path, "rows": n} for path, n in job["parts"]]
            out["expires_at"] = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if job["state"] == "FAILED":
            out["error"] = {"code": "WORKER_LOST", "message": "The export worker was restarted. Please start a new export.", "retryable": True}
        return out

    def handle(self, req: Req) -> Resp:
        if req.header("X-Harbor-Key") != self.values["harbor_key"]:
            return J({"error": {"code": "UNAUTHORIZED", "message": "missing or invalid X-Harbor-Key"}}, 401)
        if req.path == "/v2/exports" and req.method == "POST":
            if "json" not in req.header("Content-Type"):
                return J({"error": {"code": "UNSUPPORTED_MEDIA_TYPE", "message": "send application/json"}}, 415)
            body = req.json()
            if not isinstance(body, dict):
                return J({"error": {"code": "INVALID_BODY", "message": "body must be a JSON object"}}, 400)
            unknown = set(body) - {"dataset", "format"}
            if unknown:
                return J({"error": {"code": "VALIDATION", "message": f"unknown field(s): {', '.join(sorted(unknown))}"}}, 422)
            if body.get("dataset") not in ("members", "points_ledger"):
                return J({"error": {"code": "VALIDATION", "message": "dataset must be members or points_ledger"}}, 422)
            if body.get("format", "jsonl") != "jsonl":
                return J({"error": {"code": "VALIDATION", "message": "format must be jsonl"}}, 422)
            jid = "exp_" + hashlib.sha1(f"{len(self.jobs)}{time.time()}".encode()).hexdigest()[:16]
            rows = self.members if body["dataset"] == "members" else self.ledger
            parts = []
            for n in range(0, len(rows), self.PART):
                path = f"/v2/exports/{jid}/files/{n // self.PART}"
                self.files[path] = "".join(json.dumps(r) + "\n" for r in rows[n: n + self.PART]).encode()
                parts.append((path, len(rows[n: n + self.PART])))
            fail = body["dataset"] == "points_ledger" and not self.failed_once
            self.failed_once = self.failed_once or fail
            job = {"id": jid, "dataset": body["dataset"], "state": "QUEUED", "polls": 0, "born": time.time(), "last": time.time(),
                   "created_at": now_iso(), "parts": parts, "count": len(rows), "fail": fail}
            self.jobs[jid] = job
            return J(self._public(job), 201, {"Location": f"/v2/exports/{jid}"})
        m = re.fullmatch(r"/v2/exports/(exp_\w+)", req.path)
        if m and req.method == "GET":
            job = self.jobs.get(m.group(1))
            if not job:
                return J({"error": {"code": "NOT_FOUND", "message": "no such export"}}, 404)
            now = time.time()
            if job["state"] in ("QUEUED", "PROCESSING"):
                if now - job["last"] < self.MIN_POLL:
                    return J({"error": {"code": "RATE_LIMITED", "message": "poll at most every 500 ms"}}, 429, {"Retry-After": "1"})
                job["last"] = now
                job["polls"] += 1
                if job["polls"] >= 2 and job["fail"]:
                    job["state"] = "FAILED"
                elif job["polls"] >= 3 and now - job["born"] >= self.READY:
                    job["state"] = "COMPLETE"
                elif job["polls"] >= 2:
                    job["state"] = "PROCESSING"
            return J(self._public(job))
        m = re.fullmatch(r"/v2/exports/(exp_\w+)/files/(\d+)", req.path)
        if m and req.method == "GET":
            job = self.jobs.get(m.group(1))
            if not job or job["state"] != "COMPLETE" or req.path not in self.files:
                return J({"error": {"code": "NOT_FOUND", "message": "no such file (is the export complete?)"}}, 404)
            return 200, {"Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"}, gzip.compress(self.files[req.path])
        if req.path == "/v2/exports":
            return J({"error": {"code": "METHOD_NOT_ALLOWED", "message": "POST to start an export"}}, 405)
        return J({"error": {"code": "NOT_FOUND", "message": "not found"}}, 404)


# ============================================================================================== r12-06
class Tessera(Source):
    """Tessera clinic scheduling, the JSON backend of a single-page app (Laravel-style). POST /api/session with a
    JSON {email, password} -> 200 + Set-Cookie tsid (HttpOnly) and XSRF-TOKEN (URL-encoded: the header must carry
    the DECODED value); wrong credentials are 401. The session cookie rolls: every authenticated answer sets a new
    tsid, and a replaced tsid is only good for 2 more calls (then 401 "Session expired."), so a client that keeps
    the first cookie dies on its 4th call. POST requests need X-XSRF-TOKEN (else 419 "CSRF token mismatch.").
    GET /api/clinicians?page= (20 a page, fixed); POST /api/appointments/search {page, perPage (default 25, max
    100: 422 above), filters} -> {data, meta: {current_page, last_page, per_page, total}}."""
    seed = 1206
    GRACE = 2

    def __init__(self, base_url: str):
        super().__init__(base_url)
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        self.values["email"] = f"{first}.{last}@kliniek-example.nl"
        self.values["password"] = self.secret("", 9) + "!Q"
        self.sids: dict[str, dict] = {}
        self.clinicians = []
        for i in range(44):
            name, email = self.person()
            self.clinicians.append({"id": 120 + i, "name": "Dr. " + name if i % 3 else name, "email": email,
                                    "discipline": self.rng.choice(["physio", "dietitian", "GP", "psychologist", "podiatrist"]),
                                    "active": self.rng.random() < 0.9, "locations": self.rng.sample(["Noord", "Zuid", "Centrum", "Oost"], self.rng.randint(1, 2))})
        self.appointments = []
        for i in range(730):
            start = EPOCH + dt.timedelta(days=i // 9, hours=8 + (i % 9), minutes=self.rng.choice([0, 15, 30]))
            self.appointments.append({"id": f"apt_{hashlib.sha1(f'{self.seed}-{i}'.encode()).hexdigest()[:12]}",
                                      "clinicianId": self.rng.choice(self.clinicians)["id"],
                                      "patientRef": f"P-{self.rng.randint(10000, 99999)}", "startsAt": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                      "durationMin": self.rng.choice([15, 30, 45, 60]),
                                      "status": self.rng.choice(["booked", "booked", "attended", "no_show", "cancelled"]),
                                      "room": self.rng.choice([None, "1.02", "1.04", "2.11"]),
                                      "billing": {"code": self.rng.choice(["A100", "B200", "C310"]), "insured": self.rng.random() < 0.8},
                                      "updatedAt": (start - dt.timedelta(days=self.rng.randint(0, 20))).strftime("%Y-%m-%dT%H:%M:%SZ")})

    def expected(self) -> dict[str, int]:
        return {"appointments": len(self.appointments), "clinicians": len(self.clinicians)}

    def _sid(self) -> str:
        return hashlib.sha256(f"{time.time()}{self.rng.random()}".encode()).hexdigest()[:40]

    @staticmethod
    def _cookie(sid: str) -> str:
        return f"tsid={sid}; Path=/; HttpOnly; SameSite=Lax"

    def _meta(self, page: int, per: int, total: int) -> dict:
        return {"current_page": page, "last_page": max(1, -(-total // per)), "per_page": per, "total": total}

    def handle(self, req: Req) -> Resp:
        if not req.path.startswith("/api/"):
            return H("<!doctype html><html><head><title>Tessera</title></head><body><div id=\"app\"></div>"
                     "<script src=\"/assets/app.3f9c1.js\"></script></body></html>")
        if req.path == "/api/session" and req.method == "POST":
            if "application/json" not in req.header("Content-Type"):
                return J({"message": "Unsupported Media Type: send JSON."}, 415)
            body = req.json()
            if not isinstance(body, dict) or not body.get("email") or not body.get("password"):
                return J({"message": "The email and password fields are required.", "errors": {"email": ["required"], "password": ["required"]}}, 422)
            if (body["email"], body["password"]) != (self.values["email"], self.values["password"]):
                return J({"message": "These credentials do not match our records."}, 401)
            sid = self._sid()
            raw = base64.b64encode(self.rng.randbytes(25)).decode()
            self.sids[sid] = {"xsrf": raw, "left": None}
            return J({"user": {"email": self.values["email"], "role": "planner"}, "expiresIn": 7200}, 200,
                     {"Set-Cookie": [self._cookie(sid), f"XSRF-TOKEN={urllib.parse.quote(raw, safe='')}; Path=/; SameSite=Lax"]})
        sid = req.cookies.get("tsid", "")
        entry = self.sids.get(sid)
        if entry is None:
            return J({"message": "Unauthenticated."}, 401)
        if entry["left"] is not None:
            entry["left"] -= 1
            if entry["left"] < 0:
                del self.sids[sid]
                return J({"message": "Session expired."}, 401)
        if req.method != "GET" and req.header("X-XSRF-TOKEN") != entry["xsrf"]:
            return J({"message": "CSRF token mismatch."}, 419)
        extra: dict[str, Any] = {}
        if entry["left"] is None:  # the current cookie: roll it
            new = self._sid()
            self.sids[new] = {"xsrf": entry["xsrf"], "left": None}
            entry["left"] = self.GRACE
            extra["Set-Cookie"] = self._cookie(new)
        if req.path == "/api/session" and req.method == "DELETE":
            self.sids.pop(sid, None)
            return J({"ok": True})
        if req.path == "/api/me":
            return J({"email": self.values["email"], "role": "planner"}, headers=extra)
        if req.path == "/api/clinicians" and req.method == "GET":
            page = int_arg(req, "page", 1)
            if page < 1:
                return J({"message": "The page must be at least 1."}, 422)
            rows = self.clinicians[(page - 1) * 20: page * 20]
            meta = self._meta(page, 20, len(self.clinicians))
            nxt = f"/api/clinicians?page={page + 1}" if page < meta["last_page"] else None
            return J({"data": rows, "meta": meta, "links": {"next": nxt}}, headers=extra)
        if req.path == "/api/appointments/search":
            if req.method != "POST":
                return J({"message": "The GET method is not supported for route api/appointments/search. Supported methods: POST."}, 405, extra)
            body = req.json()
            if not isinstance(body, dict):
                return J({"message": "The given data was invalid."}, 422, extra)
            page, per = body.get("page", 1), body.get("perPage", 25)
            if not isinstance(page, int) or page < 1:
                return J({"message": "The page must be at least 1.", "errors": {"page": ["min:1"]}}, 422, extra)
            if not isinstance(per, int) or not 1 <= per <= 100:
                return J({"message": "The per page may not be greater than 100.", "errors": {"perPage": ["between:1,100"]}}, 422, extra)
            rows = self.appointments
            filters = body.get("filters") or {}
            if filters.get("clinicianId"):
                rows = [a for a in rows if a["clinicianId"] == filters["clinicianId"]]
            if filters.get("status"):
                rows = [a for a in rows if a["status"] == filters["status"]]
            return J({"data": rows[(page - 1) * per: page * per], "meta": self._meta(page, per, len(rows))}, headers=extra)
        return J({"message": "Not Found"}, 404, extra)


# ============================================================================================== r12-07
def usec_iso(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Tidewell(Source):
    """Tidewell inventory API. OAuth2 client credentials: POST /oauth/token (form: grant_type=client_credentials,
    client_id + client_secret in the form or as HTTP Basic, optional scope) -> {access_token, token_type: Bearer,
    expires_in: 1800}. GET /v2/items?limit=&cursor=&updated_since= (limit default 50, max 200: 400 above; sorted by
    updated_at, id; updated_since inclusive; next_cursor null at the end; a cursor is bound to limit and
    updated_since). GET /v2/items/deleted?since=&cursor= (since required and at most 30 days back; 5 a page, fixed)
    -> {deleted: [{id, deleted_at}], next_cursor}. Four items were deleted the day before the first sync."""
    seed = 1207
    DEL_PAGE = 5

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = "tw_cli_" + self.secret("", 10)
        self.values["client_secret"] = self.secret("", 40)
        self.tokens: set[str] = set()
        self.items: dict[int, dict] = {}
        self.deleted: dict[int, str] = {}
        for i in range(964):
            created = EPOCH + dt.timedelta(minutes=i * 67 + self.rng.randint(0, 50), microseconds=self.rng.randint(0, 999999))
            self._item(100001 + i, created, created + dt.timedelta(minutes=self.rng.choice([0, 3, 600, self.rng.randint(1000, 40000)])))
        yesterday = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
        for iid in self.rng.sample(sorted(self.items), 4):
            del self.items[iid]
            self.deleted[iid] = usec_iso(yesterday)
        self.next_id = 100001 + 964
        self.gone_after = 0

    def _item(self, iid: int, created: dt.datetime, updated: dt.datetime) -> None:
        self.items[iid] = {"id": iid, "sku": f"{self.rng.choice(WORDS)[:3].upper()}-{self.rng.randint(1000, 9999)}",
                           "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['crate', 'pallet wrap', 'label roll', 'tote', 'strap'])}",
                           "location": {"warehouse": self.rng.choice(["AMS1", "RTM2", "EIN1"]), "bin": f"{self.rng.choice('ABCDEF')}{self.rng.randint(1, 40):02d}"},
                           "qty_on_hand": self.rng.randint(0, 5000), "reorder_point": self.rng.choice([None, 50, 100, 250]),
                           "unit_cost": f"{self.rng.randint(10, 9000) / 100:.2f}", "tags": self.rng.sample(["fragile", "bulk", "hazmat", "seasonal"], self.rng.randint(0, 2)),
                           "created_at": usec_iso(created), "updated_at": usec_iso(updated)}

    def expected(self) -> dict[str, int]:
        return {"items": len(self.items) + self.gone_after}

    def expected_deleted(self) -> dict[str, int]:
        return {"items": self.gone_after}

    def advance(self) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        picked = self.rng.sample(sorted(self.items), 21)
        for n, iid in enumerate(picked[:14]):
            self.items[iid].update(qty_on_hand=self.rng.randint(0, 50), updated_at=usec_iso(now + dt.timedelta(microseconds=n)))
        for iid in picked[14:]:
            del self.items[iid]
            self.deleted[iid] = usec_iso(now)
            self.gone_after += 1
        for n in range(10):
            self._item(self.next_id, now, now + dt.timedelta(microseconds=100 + n))
            self.next_id += 1

    def _err(self, status: int, code: str, message: str) -> Resp:
        return J({"error": code, "error_description": message}, status)

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            if req.method != "POST":
                return self._err(405, "invalid_request", "POST only")
            form = req.form()
            if form is None:
                return self._err(400, "invalid_request", "the token request must be application/x-www-form-urlencoded")
            cid, csec = form.get("client_id"), form.get("client_secret")
            if req.basic():
                cid, csec = req.basic()
            if form.get("grant_type") != "client_credentials":
                return self._err(400, "unsupported_grant_type", "grant_type must be client_credentials")
            if (cid, csec) != (self.values["client_id"], self.values["client_secret"]):
                return self._err(401, "invalid_client", "client authentication failed")
            if form.get("scope") and set(form["scope"].split()) - {"inventory.read"}:
                return self._err(400, "invalid_scope", "this client may only request inventory.read")
            tok = "tw_at_" + hashlib.sha256(f"{time.time()}{self.rng.random()}".encode()).hexdigest()[:40]
            self.tokens.add(tok)
            return J({"access_token": tok, "token_type": "Bearer", "expires_in": 1800, "scope": "inventory.read"},
                     headers={"Cache-Control": "no-store"})
        if req.bearer() not in self.tokens:
            return J({"error": "invalid_token", "error_description": "missing, unknown or expired access token"}, 401,
                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if req.method != "GET":
            return self._err(405, "method_not_allowed", "read-only API")
        if req.path == "/v2/items":
            limit = int_arg(req, "limit", 50)
            if not 1 <= limit <= 200:
                return self._err(400, "invalid_parameter", "limit must be between 1 and 200")
            since_raw = req.query.get("updated_since")
            rows = sorted(self.items.values(), key=lambda r: (r["updated_at"], r["id"]))
            if since_raw:
                since = parse_iso(since_raw)
                if since is None:
                    return self._err(400, "invalid_parameter", "updated_since must be an ISO 8601 timestamp")
                rows = [r for r in rows if parse_iso(r["updated_at"]) >= since]
            qh = qhash("items", limit, since_raw)
            if req.query.get("cursor"):
                cur = untoken(req.query["cursor"])
                if not isinstance(cur, dict) or cur.get("q") != qh:
                    return self._err(400, "invalid_cursor", "cursor does not belong to this query (same limit and updated_since required)")
                rows = [r for r in rows if (r["updated_at"], r["id"]) > (cur["u"], cur["i"])]
            page = rows[:limit]
            nxt = token({"q": qh, "u": page[-1]["updated_at"], "i": page[-1]["id"]}) if len(rows) > limit else None
            return J({"items": page, "next_cursor": nxt})
        if req.path == "/v2/items/deleted":
            since = parse_iso(req.query.get("since", ""))
            if since is None:
                return self._err(400, "invalid_parameter", "since (ISO 8601) is required")
            if since < dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30):
                return self._err(400, "invalid_parameter", "since must be within the last 30 days; deletions are kept for 30 days")
            rows = sorted(({"id": i, "deleted_at": d} for i, d in self.deleted.items() if parse_iso(d) >= since),
                          key=lambda r: (r["deleted_at"], r["id"]))
            qh = qhash("deleted", req.query.get("since"))
            if req.query.get("cursor"):
                cur = untoken(req.query["cursor"])
                if not isinstance(cur, dict) or cur.get("q") != qh:
                    return self._err(400, "invalid_cursor", "cursor does not belong to this query")
                rows = [r for r in rows if (r["deleted_at"], r["id"]) > (cur["d"], cur["i"])]
            page = rows[: self.DEL_PAGE]
            nxt = token({"q": qh, "d": page[-1]["deleted_at"], "i": page[-1]["id"]}) if len(rows) > self.DEL_PAGE else None
            return J({"deleted": page, "next_cursor": nxt})
        m = re.fullmatch(r"/v2/items/(\d+)", req.path)
        if m:
            iid = int(m.group(1))
            return J(self.items[iid]) if iid in self.items else self._err(404, "not_found", "no such item")
        return self._err(404, "not_found", "unknown endpoint")


# ============================================================================================== r12-08
class Ridgeline(Source):
    """Ridgeline LMS. HTTP Basic. GET /api/courses and /api/courses/{id}/enrollments, both paged with offset and
    limit (default 20, max 50: 400 above) -> {"data": [...], "offset", "limit", "total"}; no next link, no has-more
    flag. Many courses have more than 50 enrollments, so the child list pages too; some have none."""
    seed = 1208
    MAX = 50

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["lms_user"] = "svc-" + self.rng.choice(LAST)
        self.values["lms_password"] = self.secret("", 14) + "$"
        teachers = [self.person()[0] for _ in range(15)]
        self.courses: list[dict] = []
        self.enrollments: dict[int, list[dict]] = {}
        eid = 880000
        for i in range(96):
            cid = 4100 + i * 11
            self.courses.append({"id": cid, "code": f"{self.rng.choice(['BIO', 'CHE', 'HIS', 'MAT', 'LIT', 'ECO'])}-{100 + i}",
                                 "title": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['fundamentals', 'seminar', 'lab', 'workshop'])}",
                                 "term": self.rng.choice(["2024-S1", "2024-S2", "2025-S1"]), "instructor": self.rng.choice(teachers),
                                 "credits": self.rng.choice([3, 5, 6, 10]), "published": self.rng.random() < 0.9,
                                 "created_at": iso(i * 800)})
            rows = []
            for _ in range(self.rng.choice([0, 3, 12, 25, 38, 49, 51, 60, 75, 104, 131])):
                eid += self.rng.randint(1, 5)
                name, email = self.person()
                rows.append({"id": eid, "course_id": cid, "student": {"name": name, "email": email},
                             "role": self.rng.choice(["student"] * 8 + ["ta"]),
                             "status": self.rng.choice(["active", "active", "completed", "withdrawn"]),
                             "grade": self.rng.choice([None, None, "A", "B", "C", "D"]),
                             "enrolled_at": iso(i * 800 + self.rng.randint(0, 20000))})
            self.enrollments[cid] = rows

    def expected(self) -> dict[str, int]:
        return {"courses": len(self.courses), "enrollments": sum(len(v) for v in self.enrollments.values())}

    def _page(self, req: Req, rows: list[dict]) -> Resp:
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if offset < 0:
            return J({"error": "bad_request", "message": "offset must be a non-negative integer"}, 400)
        if not 1 <= limit <= self.MAX:
            return J({"error": "bad_request", "message": f"limit must be between 1 and {self.MAX}"}, 400)
        return J({"data": rows[offset: offset + limit], "offset": offset, "limit": limit, "total": len(rows)})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["lms_user"], self.values["lms_password"]):
            return J({"error": "unauthorized", "message": "Bad credentials"}, 401, {"WWW-Authenticate": 'Basic realm="Ridgeline API"'})
        if req.method != "GET":
            return J({"error": "method_not_allowed"}, 405)
        if req.path == "/api/courses":
            return self._page(req, self.courses)
        m = re.fullmatch(r"/api/courses/(\d+)(/enrollments)?", req.path)
        if m:
            cid = int(m.group(1))
            if cid not in self.enrollments:
                return J({"error": "not_found", "message": "course not found"}, 404)
            if m.group(2):
                return self._page(req, self.enrollments[cid])
            return J([c for c in self.courses if c["id"] == cid][0])
        return J({"error": "not_found"}, 404)


# ============================================================================================== r12-09
class Marlow(Source):
    """Marlow Helpdesk API v1. The key goes in the query string as `apikey` (a header is ignored: 401). GET
    /api/v1/tickets?page=&per_page=&updated_since= and /api/v1/contacts?page=&per_page= (per_page default 30, max
    100: 400 above). Paging by a GitHub-style Link header (next, prev, first, last): absolute URLs that leave the
    apikey OUT (the server never echoes credentials), so the key has to be added to every followed link. Tickets are
    sorted by updated_at, id; updated_since (inclusive) must be exactly YYYY-MM-DDTHH:MM:SSZ (400 otherwise)."""
    seed = 1209

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["apikey"] = self.secret("mk", 30)
        self.contacts: list[dict] = []
        for i in range(240):
            self._contact(61000 + i * 4, iso(i * 300))
        agents = [self.person()[0] for _ in range(9)]
        self.agents = agents
        self.tickets: dict[int, dict] = {}
        for i in range(780):
            created = i * 91 + self.rng.randint(0, 60)
            self._ticket(20001 + i, iso(created), iso(created + self.rng.randint(0, 12000)))
        self.next_ticket, self.next_contact = 20781, 61000 + 240 * 4

    def _contact(self, cid: int, created: str) -> None:
        name, email = self.person()
        self.contacts.append({"id": cid, "name": name, "email": email, "company": self.rng.choice([None, f"{self.rng.choice(WORDS).title()} BV"]),
                              "vip": self.rng.random() < 0.1, "created_at": created})

    def _ticket(self, tid: int, created: str, updated: str) -> None:
        self.tickets[tid] = {"id": tid, "subject": f"{self.rng.choice(['Cannot', 'How to', 'Problem with', 'Question about'])} {self.rng.choice(WORDS)}",
                             "status": self.rng.choice(["open", "pending", "solved", "closed"]),
                             "priority": self.rng.choice(["low", "normal", "normal", "high", "urgent"]),
                             "requester_id": self.rng.choice(self.contacts)["id"], "assignee": self.rng.choice(self.agents + [None]),
                             "channel": self.rng.choice(["email", "web", "chat", "phone"]),
                             "tags": self.rng.sample(["billing", "bug", "login", "feature", "refund"], self.rng.randint(0, 3)),
                             "custom_fields": {"order_no": self.rng.choice([None, f"O-{self.rng.randint(10000, 99999)}"])},
                             "created_at": created, "updated_at": updated}

    def expected(self) -> dict[str, int]:
        return {"tickets": len(self.tickets), "contacts": len(self.contacts)}

    def advance(self) -> None:
        for tid in self.rng.sample(sorted(self.tickets), 12):
            self.tickets[tid].update(status="solved", updated_at=now_iso())
        for _ in range(3):
            self._contact(self.next_contact, now_iso())
            self.next_contact += 4
        for _ in range(8):
            self._ticket(self.next_ticket, now_iso(), now_iso())
            self.next_ticket += 1

    def _paged(self, req: Req, path: str, rows: list[dict], keep: list[tuple[str, str]]) -> Resp:
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 30)
        if page < 1:
            return J({"message": "page must be >= 1"}, 400)
        if not 1 <= per <= 100:
            return J({"message": "per_page must be between 1 and 100"}, 400)
        last = max(1, -(-len(rows) // per))
        url = lambda p: f"{self.base_url}{path}?" + urllib.parse.urlencode(keep + [("page", p), ("per_page", per)])
        links = []
        if page < last:
            links.append(f'<{url(page + 1)}>; rel="next"')
            links.append(f'<{url(last)}>; rel="last"')
        if page > 1:
            links.append(f'<{url(1)}>; rel="first"')
            links.append(f'<{url(page - 1)}>; rel="prev"')
        headers = {"X-Total-Count": str(len(rows))}
        if links:
            headers["Link"] = ", ".join(links)
        return J(rows[(page - 1) * per: page * per], headers=headers)

    def handle(self, req: Req) -> Resp:
        if req.query.get("apikey") != self.values["apikey"]:
            return J({"message": "Missing or invalid apikey query parameter."}, 401)
        if req.method != "GET":
            return J({"message": "Method not allowed"}, 405)
        if req.path == "/api/v1/tickets":
            rows = sorted(self.tickets.values(), key=lambda t: (t["updated_at"], t["id"]))
            keep = []
            if "updated_since" in req.query:
                since = req.query["updated_since"]
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", since):
                    return J({"message": "updated_since must look like 2024-01-31T23:59:59Z (UTC, no fractions or offsets)"}, 400)
                rows = [t for t in rows if t["updated_at"] >= since]
                keep.append(("updated_since", since))
            return self._paged(req, req.path, rows, keep)
        if req.path == "/api/v1/contacts":
            return self._paged(req, req.path, self.contacts, [])
        m = re.fullmatch(r"/api/v1/tickets/(\d+)", req.path)
        if m and int(m.group(1)) in self.tickets:
            return J(self.tickets[int(m.group(1))])
        return J({"message": "Not found"}, 404)


# ============================================================================================== r12-10
class Stockroom(Source):
    """Stockroom purchase orders. X-Api-Key. GET /v1/purchase-orders?page_size=&page_token=&modified_since= (page_size
    default 25, max 100: 400 above; modified_since inclusive ISO 8601; next_page_token is "" on the last page; a
    token is bound to page_size and modified_since). Orders carry a nested line_items[] (line_no, no id; each with
    its own discounts[]) and are soft-deleted: is_deleted true, modified_at bumped, still listed with their lines.
    Twelve orders are already deleted before the first sync."""
    seed = 1210

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = "sk_" + self.secret("", 32)
        self.suppliers = [{"id": f"sup_{self.secret('', 6)}", "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Supply', 'Trading', 'Foods', 'Paper'])}"}
                          for _ in range(18)]
        self.orders: dict[str, dict] = {}
        for i in range(350):
            created = i * 187 + self.rng.randint(0, 80)
            self._order(i + 1, iso(created), iso(created + self.rng.randint(0, 15000)))
        for oid in self.rng.sample(sorted(self.orders), 12):
            self.orders[oid]["is_deleted"] = True
        self.next_n = 351
        self.deleted_after: set[str] = set()

    def _line(self, n: int) -> dict:
        qty, price = self.rng.randint(1, 60), self.rng.randint(50, 20000) / 100
        return {"line_no": n, "sku": f"SKU-{self.rng.randint(10000, 99999)}",
                "description": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['napkins', 'cups', 'flour', 'gloves', 'toner'])}",
                "quantity": qty, "unit_price": price,
                "discounts": [{"code": self.rng.choice(["VOL5", "PROMO", "LOYAL"]), "pct": self.rng.choice([2, 5, 10])}
                              for _ in range(self.rng.choice([0, 0, 0, 1, 2]))]}

    def _order(self, n: int, created: str, modified: str) -> None:
        lines = [self._line(k) for k in range(1, self.rng.randint(1, 7) + 1)]
        self.orders[f"po_{n:05d}"] = {"id": f"po_{n:05d}", "number": f"PO-{24000 + n}", "supplier": self.rng.choice(self.suppliers),
                                      "status": self.rng.choice(["draft", "sent", "partially_received", "received"]),
                                      "currency": "EUR", "total": round(sum(x["quantity"] * x["unit_price"] for x in lines), 2),
                                      "tags": self.rng.sample(["urgent", "recurring", "capex", "kitchen"], self.rng.randint(0, 2)),
                                      "is_deleted": False, "created_at": created, "modified_at": modified, "line_items": lines}

    def expected(self) -> dict[str, int]:
        """Rows: orders never seen deleted in the first sync; those deleted later stay as rows (marked deleted)."""
        kept = [o for oid, o in self.orders.items() if not o["is_deleted"] or oid in self.deleted_after]
        return {"purchase_orders": len(kept), "purchase_order_lines": sum(len(o["line_items"]) for o in kept)}

    def expected_deleted(self) -> dict[str, int]:
        gone = [self.orders[oid] for oid in self.deleted_after]
        return {"purchase_orders": len(gone), "purchase_order_lines": sum(len(o["line_items"]) for o in gone)}

    def advance(self) -> None:
        live = sorted(oid for oid, o in self.orders.items() if not o["is_deleted"])
        picked = self.rng.sample(live, 15)
        for k, oid in enumerate(picked[:9]):
            o = self.orders[oid]
            o["status"] = "received"
            if k < 3:
                o["line_items"].append(self._line(len(o["line_items"]) + 1))
            o["modified_at"] = now_iso()
        for oid in picked[9:]:
            self.orders[oid].update(is_deleted=True, modified_at=now_iso())
            self.deleted_after.add(oid)
        for _ in range(5):
            self._order(self.next_n, now_iso(), now_iso())
            self.next_n += 1

    def handle(self, req: Req) -> Resp:
        if req.header("X-Api-Key") != self.values["api_key"]:
            return J({"error": {"type": "authentication", "message": "Invalid or missing X-Api-Key header"}}, 401)
        if req.method != "GET":
            return J({"error": {"type": "method_not_allowed", "message": "read-only"}}, 405)
        if req.path == "/v1/purchase-orders":
            size = int_arg(req, "page_size", 25)
            if not 1 <= size <= 100:
                return J({"error": {"type": "invalid_request", "message": "page_size must be between 1 and 100", "param": "page_size"}}, 400)
            rows = sorted(self.orders.values(), key=lambda o: (o["modified_at"], o["id"]))
            since_raw = req.query.get("modified_since")
            if since_raw:
                since = parse_iso(since_raw)
                if since is None:
                    return J({"error": {"type": "invalid_request", "message": "modified_since must be ISO 8601", "param": "modified_since"}}, 400)
                rows = [o for o in rows if parse_iso(o["modified_at"]) >= since]
            qh = qhash(size, since_raw)
            if req.query.get("page_token"):
                cur = untoken(req.query["page_token"])
                if not isinstance(cur, dict) or cur.get("q") != qh:
                    return J({"error": {"type": "invalid_request", "message": "page_token does not match this query", "param": "page_token"}}, 400)
                rows = [o for o in rows if (o["modified_at"], o["id"]) > (cur["m"], cur["i"])]
            page = rows[:size]
            nxt = token({"q": qh, "m": page[-1]["modified_at"], "i": page[-1]["id"]}) if len(rows) > size else ""
            return J({"purchase_orders": page, "next_page_token": nxt})
        m = re.fullmatch(r"/v1/purchase-orders/(po_\d+)", req.path)
        if m and m.group(1) in self.orders:
            return J(self.orders[m.group(1)])
        return J({"error": {"type": "not_found", "message": "not found"}}, 404)


SOURCES = {"lotus": Lotus, "sapgw": Gateway, "gigtrail": Gigtrail, "shiplog": Shiplog, "harbor": Harbor,
           "tessera": Tessera, "tidewell": Tidewell, "ridgeline": Ridgeline, "marlow": Marlow, "stockroom": Stockroom}


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
