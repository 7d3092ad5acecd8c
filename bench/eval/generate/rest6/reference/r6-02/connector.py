import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "work_orders", "primary_key": ["id"]}]


def update(configuration, state):
    url = f"http://{configuration['domain']}/api/v2/work_orders"
    headers = {"Authorization": "Api-Key " + configuration["api_key"]}
    since = state.get("updated_since")
    newest = since
    offset = 0
    while True:
        params = {"offset": offset, "limit": 100}
        if since is not None:
            params["updated_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for order in body["entries"]:
            op.upsert("work_orders", order)
            newest = max(newest or 0, int(order["updated_at"]))
        offset += len(body["entries"])
        if not body["entries"] or offset >= body["total"]:
            break
    op.checkpoint({"updated_since": newest} if newest is not None else {})


connector = Connector(update=update, schema=schema)
