import time

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["id"]},
            {"table": "invoice_lines", "primary_key": ["id"]}]


def get(url, auth, params):
    for _ in range(10):
        r = requests.get(url, auth=auth, params=params, timeout=30)
        if r.status_code == 429:
            time.sleep(float(r.headers.get("Retry-After") or 1))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError("still rate limited after 10 tries")


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/invoices"
    auth = (configuration["secret_key"], "")
    after = None
    while True:
        params = {"limit": 100}
        if after:
            params["starting_after"] = after
        body = get(url, auth, params)
        for invoice in body["data"]:
            lines = invoice.pop("lines", {}) or {}
            op.upsert("invoices", invoice)
            for line in lines.get("data", []):
                op.upsert("invoice_lines", {**line, "invoice_id": invoice["id"]})
            after = invoice["id"]
        if not body.get("has_more") or not body["data"]:
            break
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
