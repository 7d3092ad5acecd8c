import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}, {"table": "line_items", "primary_key": ["id"]}]


def rel_id(resource, name):
    data = ((resource.get("relationships") or {}).get(name) or {}).get("data")
    return data.get("id") if isinstance(data, dict) else None


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/orders"
    headers = {"Authorization": "Bearer " + configuration["api_token"], "Accept": "application/vnd.api+json"}
    params = {"page[number]": 1, "page[size]": 50}
    while url:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for o in body["data"]:
            op.upsert("orders", {"id": o["id"], **o.get("attributes", {}), "customer_id": rel_id(o, "customer")})
        for inc in body.get("included", []):
            if inc["type"] == "line_items":
                op.upsert("line_items", {"id": inc["id"], **inc.get("attributes", {}), "order_id": rel_id(inc, "order")})
        url, params = (body.get("links") or {}).get("next"), None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
