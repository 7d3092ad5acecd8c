import requests
from fivetran_connector_sdk import Connector, Operations as op

PAGE = 50


def schema(configuration):
    return [{"table": "listings", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["endpoint"].rstrip("/") + "/api/listings"
    headers = {"Authorization": "Bearer " + configuration["bearer_token"]}
    since = state.get("updated_since")
    newest, offset = since, 0
    while True:
        params = {"offset": offset, "page_size": PAGE}
        if since:
            params["updated_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        data = r.json()["data"]
        listings = data["listings"]
        for row in listings:
            op.upsert("listings", row)
            if newest is None or row["updated_at"] > newest:
                newest = row["updated_at"]
        offset += PAGE
        if not listings or offset >= data["pagination"]["total"]:
            break
    op.checkpoint({"updated_since": newest} if newest else state)


connector = Connector(update=update, schema=schema)
