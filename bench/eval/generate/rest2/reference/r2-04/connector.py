import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/orders"
    params = {"apikey": configuration["apikey"], "per_page": 25, "page": 1}
    while url:
        r = requests.get(url, params=params, timeout=30)
        r.raise_for_status()
        for o in r.json():
            op.upsert("orders", o)
        url, params = r.links.get("next", {}).get("url"), None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
