"""Lotus Mall orders through the signed open-platform gateway: every call carries app_key, a GMT+8 timestamp and
sign = upper-case hex HMAC-SHA256(app_secret, k1v1k2v2... over all other parameters sorted by name, raw values).
Errors come back as HTTP 200 with error_response. page_no/page_size (max 100) paging; start_modified incremental."""
import hashlib
import hmac
from datetime import datetime, timedelta, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

GMT8 = timezone(timedelta(hours=8))
PAGE_SIZE = 100


def schema(configuration):
    return [{"table": "orders", "primary_key": ["tid"]}]


class Gateway:
    def __init__(self, configuration):
        self.url = configuration["lotus_gateway"].rstrip("/") + "/router/rest"
        self.app_key = configuration["lotus_app_key"]
        self.secret = configuration["lotus_app_secret"].encode()
        self.session = requests.Session()

    def call(self, method, **business):
        params = {k: str(v) for k, v in business.items() if v is not None}
        params.update({"method": method, "app_key": self.app_key, "v": "2.0", "format": "json",
                       "sign_method": "hmac-sha256", "timestamp": datetime.now(GMT8).strftime("%Y-%m-%d %H:%M:%S")})
        text = "".join(k + v for k, v in sorted(params.items()))
        params["sign"] = hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest().upper()
        r = self.session.get(self.url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        if "error_response" in body:
            raise RuntimeError(f"Lotus error: {body['error_response']}")
        return body[method.replace(".", "_") + "_response"]


def update(configuration, state):
    gw = Gateway(configuration)
    since = state.get("start_modified")
    newest, page_no, n = since, 1, 0
    while True:
        res = gw.call("lotus.orders.search", page_no=page_no, page_size=PAGE_SIZE, start_modified=since)
        orders = (res.get("orders") or {}).get("order") or []
        for o in orders:
            op.upsert("orders", o)
            n += 1
            if not newest or o["modified"] > newest:
                newest = o["modified"]
        if not res.get("has_next") or not orders:
            break
        page_no += 1
    log.info(f"{n} orders upserted")
    # start_modified is inclusive: the newest order is read again next time, which is harmless
    op.checkpoint({"start_modified": newest} if newest else {})


connector = Connector(update=update, schema=schema)
