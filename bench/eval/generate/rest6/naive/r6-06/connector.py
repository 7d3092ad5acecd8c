import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["tracking_no"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/shipments"
    headers = {"Authorization": "Token " + configuration["pat"]}
    since = state.get("changed_since")
    newest = since
    page = 1
    while True:
        params = {"page": page, "per_page": 100}
        if since:
            params["changed_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        rows = r.json()["payload"]["rows"]
        if not rows:
            break
        for shipment in rows:
            if shipment.get("archived"):
                op.delete("shipments", {"tracking_no": shipment["tracking_no"]})
            else:
                op.upsert("shipments", shipment)
            newest = max(newest or "", shipment["changed_at"])
        if len(rows) < 100:
            break
        page += 1
    op.checkpoint({"changed_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
