import math

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["contact_id"]}]


def update(configuration, state):
    url = (f"{configuration['base_url'].rstrip('/')}/v3/workspaces/"
           f"{configuration['workspace_id']}/contacts")
    headers = {"Authorization": "Bearer " + configuration["pat"]}
    since = state.get("modified_after")
    newest = since
    page, per_page = 1, 100
    while True:
        params = {"page": page, "per_page": per_page}
        if since:
            params["modified_after"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for contact in body["results"]:
            op.upsert("contacts", contact)
            newest = max(newest or "", contact["modified_at"])
        if not body["results"] or page >= math.ceil(body["total"] / per_page):
            break
        page += 1
    op.checkpoint({"modified_after": newest} if newest else {})


connector = Connector(update=update, schema=schema)
