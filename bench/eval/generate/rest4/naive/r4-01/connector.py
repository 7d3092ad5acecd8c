import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "vehicles", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v2/vehicles"
    headers = {"Authorization": "Bearer " + configuration["access_token"]}
    page = 1
    while page:
        r = requests.get(url, headers=headers, params={"page": page, "per_page": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for v in body["vehicles"]:
            ping = v.pop("last_ping", None) or {}
            v.update({f"last_ping_{k}": val for k, val in ping.items()})
            op.upsert("vehicles", v)
        page = None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
