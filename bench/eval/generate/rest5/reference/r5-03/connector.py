import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["id"]},
            {"table": "invoice_lines", "primary_key": ["invoice_id", "line_no"]}]


def update(configuration, state):
    url = configuration["api_base"].rstrip("/") + "/v1/invoices"
    headers = {"Authorization": "ApiKey " + configuration["key"]}
    params = {"limit": 100}
    while True:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for inv in body["data"]:
            lines = inv.pop("lines", None) or []
            op.upsert("invoices", inv)
            for line in lines:
                op.upsert("invoice_lines", {"invoice_id": inv["id"], **line})
        if not body.get("has_more") or not body["data"]:
            break
        params = {"limit": 100, "starting_after": body["data"][-1]["id"]}
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
