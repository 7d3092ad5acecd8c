import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "loans", "primary_key": ["loan_id"]}]


def update(configuration, state):
    url = configuration["api_url"].rstrip("/") + "/api/loans"
    since = state.get("updated_since")
    newest = since
    offset = 0
    while True:
        params = {"key": configuration["library_key"], "offset": offset, "limit": 100}
        if since:
            params["updated_since"] = since
        r = requests.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for loan in body["loans"]:
            op.upsert("loans", loan)
            newest = max(newest or "", loan["updated_at"])
        offset += len(body["loans"])
        if not body["loans"] or offset >= body["total"]:
            break
    op.checkpoint({"updated_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
