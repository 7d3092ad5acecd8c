"""Reference for r-08: OrderHub POST search with page_token in the body, ApiKey auth, line items, truncated bodies."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "orders", "primary_key": ["id"]}, {"table": "order_line_items", "primary_key": ["id"]}]


def search(session, url, body):
    for attempt in range(6):
        resp = session.post(url, json=body, timeout=30)
        resp.raise_for_status()
        try:
            return resp.json()
        except ValueError:
            log.info("truncated body, retrying")
            time.sleep(0.2 * (attempt + 1))
    raise RuntimeError("body kept arriving truncated")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"ApiKey {configuration['api_key']}"
    url = f"{configuration['base_url'].rstrip('/')}/v1/orders/search"
    token = None
    while True:
        body = search(session, url, {"filter": {}, "page_size": 100, "page_token": token})
        for order in body["results"]:
            items = order.pop("line_items", None) or []
            op.upsert("orders", order)
            for item in items:
                op.upsert("order_line_items", {**item, "order_id": order["id"]})
        token = body.get("next_page_token")
        if not token:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
