"""Invoicely: invoices by offset/limit (limit <= 200), basic auth (account id, API secret), incremental on
updated_since (inclusive); the nested `lines` array becomes invoice_lines keyed (invoice_id, line_no)."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["id"]},
            {"table": "invoice_lines", "primary_key": ["invoice_id", "line_no"]}]


def update(configuration, state):
    base = configuration["invoicely_api"].rstrip("/")
    auth = (configuration["account_id"], configuration["api_secret"])
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {"limit": 200, "offset": 0}
    if state.get("updated_since"):
        params["updated_since"] = state["updated_since"]
    n = 0
    while True:
        r = requests.get(base + "/invoices", params=params, auth=auth, timeout=30)
        r.raise_for_status()
        page = r.json()["invoices"]
        for inv in page:
            lines = inv.pop("lines", None) or []
            op.upsert("invoices", inv)
            for line in lines:
                op.upsert("invoice_lines", {"invoice_id": inv["id"], **line})
        n += len(page)
        if len(page) < params["limit"]:
            break
        params["offset"] += len(page)
    log.info(f"{n} invoices synced")
    op.checkpoint({"updated_since": started})


connector = Connector(update=update, schema=schema)
