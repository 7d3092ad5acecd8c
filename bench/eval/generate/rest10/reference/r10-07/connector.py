"""Orderdesk: `Authorization: Token <key>`, GET /api/orders/ (limit <= 100) following `next`; the nested lines go to
order_lines keyed (order_id, line), since line numbers restart in every order."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]},
            {"table": "order_lines", "primary_key": ["order_id", "line"]}]


def update(configuration, state):
    base = configuration["store_api_url"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = "Token " + configuration["store_api_token"]
    url, params = base + "/api/orders/", {"limit": 100}
    orders = lines = 0
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for order in body["results"]:
            items = order.pop("lines", None) or []
            op.upsert("orders", order)
            orders += 1
            for line in items:
                op.upsert("order_lines", {"order_id": order["id"], **line})
                lines += 1
        url, params = body.get("next"), None
    log.info(f"{orders} orders, {lines} lines")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
