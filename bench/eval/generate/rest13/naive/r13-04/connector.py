"""Kassa receipts + receipt_lines: ?token=, page/limit (max 100), rows under result.items, `pages` a string;
`refunded` is the string "true"/"false" and refunded receipts are skipped with their lines."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "receipts", "primary_key": ["id"]}, {"table": "receipt_lines", "primary_key": ["id"]}]


def is_true(value):
    return str(value).strip().lower() in ("true", "1", "yes")


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v1/receipts"
    page = 1
    while True:
        r = requests.get(url, params={"token": configuration["token"], "page": page, "limit": 100}, timeout=30)
        r.raise_for_status()
        result = r.json()["result"]
        items = result.get("items") or []
        for receipt in items:
            if receipt.get("refunded"):
                continue
            lines = receipt.pop("lines", None) or []
            op.upsert("receipts", receipt)
            for line in lines:
                op.upsert("receipt_lines", {**line, "receipt_id": receipt["id"]})
        if not items or page >= int(result.get("pages") or 0):
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
