"""Ledgerline transactions with HMAC-signed requests: X-LL-Signature = hex HMAC-SHA256(secret,
ts \\n METHOD \\n path-with-query \\n sha256(body)). Cursor paging with starting_after/has_more (limit 100);
incremental on updated_gte plus the deletions endpoint, whose entries become op.delete."""
import hashlib
import hmac
import time
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "transactions", "primary_key": ["id"]}]


class Client:
    def __init__(self, configuration):
        self.base = configuration["ll_endpoint"].rstrip("/")
        self.key, self.secret = configuration["ll_key_id"], configuration["ll_secret"].encode()
        self.session = requests.Session()

    def get(self, path, params):
        req = requests.Request("GET", self.base + path, params=params).prepare()
        ts = str(int(time.time()))
        target = req.path_url  # path + query string, exactly as sent
        body = req.body or b""
        to_sign = f"{ts}\n{req.method}\n{target}\n{hashlib.sha256(body).hexdigest()}"
        req.headers["X-LL-Key"] = self.key
        req.headers["X-LL-Timestamp"] = ts
        req.headers["X-LL-Signature"] = hmac.new(self.secret, to_sign.encode(), hashlib.sha256).hexdigest()
        r = self.session.send(req, timeout=30)
        if r.status_code >= 400:
            raise RuntimeError(f"Ledgerline {r.status_code}: {r.text[:300]}")
        return r.json()

    def each(self, path, params):
        params = dict(params, limit=100)
        while True:
            body = self.get(path, params)
            yield from body["data"]
            if not body.get("has_more") or not body["data"]:
                return
            params["starting_after"] = body["data"][-1]["id"]


def update(configuration, state):
    client = Client(configuration)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {"updated_gte": state["updated_gte"]} if state.get("updated_gte") else {}
    newest, n = state.get("updated_gte"), 0
    for txn in client.each("/v2/transactions", params):
        op.upsert("transactions", txn)
        n += 1
        if not newest or txn["updated_at"] > newest:
            newest = txn["updated_at"]
    gone = 0
    deleted_since = state.get("deleted_since")
    if deleted_since:
        for d in client.each("/v2/transactions/deleted", {"since": deleted_since}):
            op.delete("transactions", {"id": d["id"]})
            gone += 1
    log.info(f"{n} transactions upserted, {gone} deleted")
    # deletions are asked for since the start of the previous sync
    op.checkpoint({"updated_gte": newest, "deleted_since": started} if newest else {"deleted_since": started})


connector = Connector(update=update, schema=schema)
