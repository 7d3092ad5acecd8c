"""Ledgerly invoices: api_key in the query, offset/limit (max 50) with total; line items into invoice_lines keyed
on (invoice_id, line_no) because line numbers restart on every invoice."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 50


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["id"]},
            {"table": "invoice_lines", "primary_key": ["line_no"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/invoices"
    offset = 0
    while True:
        r = requests.get(url, params={"api_key": configuration["api_key"], "offset": offset, "limit": LIMIT},
                         timeout=30)
        r.raise_for_status()
        body = r.json()
        for invoice in body["invoices"]:
            lines = invoice.pop("line_items", None) or []
            op.upsert("invoices", invoice)
            for line in lines:
                op.upsert("invoice_lines", {"invoice_id": invoice["id"], **line})
        offset += len(body["invoices"])
        if not body["invoices"] or offset >= body["total"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
