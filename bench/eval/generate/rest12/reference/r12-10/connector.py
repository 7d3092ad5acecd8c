"""Stockroom purchase orders with their nested line_items as a child table (key order id + line_no), incremental on
modified_since, page_token paging (next_page_token is "" at the end). Orders flagged is_deleted are deleted,
together with their lines."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "purchase_orders", "primary_key": ["id"]},
            {"table": "purchase_order_lines", "primary_key": ["order_id", "line_no"]}]


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Api-Key"] = configuration["api_key"]
    since = state.get("modified_since")
    params = {"page_size": 100}
    if since:
        params["modified_since"] = since
    newest, live, gone = since, 0, 0
    while True:
        r = session.get(f"{base}/v1/purchase-orders", params=params, timeout=30)
        if r.status_code >= 400:
            raise RuntimeError(f"Stockroom {r.status_code}: {r.text[:300]}")
        body = r.json()
        for po in body["purchase_orders"]:
            lines = po.get("line_items") or []
            if po.get("is_deleted"):
                op.delete("purchase_orders", {"id": po["id"]})
                for line in lines:
                    op.delete("purchase_order_lines", {"order_id": po["id"], "line_no": line["line_no"]})
                gone += 1
            else:
                op.upsert("purchase_orders", {k: v for k, v in po.items() if k != "line_items"})
                for line in lines:
                    op.upsert("purchase_order_lines", {"order_id": po["id"], **line})
                live += 1
            if not newest or po["modified_at"] > newest:
                newest = po["modified_at"]
        if not body.get("next_page_token"):
            break
        params["page_token"] = body["next_page_token"]
    log.info(f"{live} orders upserted, {gone} deleted")
    op.checkpoint({"modified_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
