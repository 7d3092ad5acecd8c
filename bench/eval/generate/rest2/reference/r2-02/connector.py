import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "primary_key": ["sku"]},
            {"table": "item_locations", "primary_key": ["sku", "warehouse"]}]


def update(configuration, state):
    url = configuration["api_url"].rstrip("/") + "/v3/items"
    headers = {"X-Octo-Secret": configuration["octo_secret"]}
    offset = 0
    while True:
        r = requests.get(url, headers=headers, params={"offset": offset, "limit": 100}, timeout=30)
        r.raise_for_status()
        result = r.json()["data"]["result"]
        for item in result["items"]:
            locations = item.pop("locations", []) or []
            op.upsert("items", item)
            for loc in locations:
                op.upsert("item_locations", {"sku": item["sku"], **loc})
        offset += len(result["items"])
        if not result["items"] or offset >= result["total"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
