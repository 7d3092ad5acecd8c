"""Fieldnote forms + submissions: Authorization: Token, ?page=N until next_page is null; forms come as
{"forms": [...]}, submissions as {"result": {"submissions": [...]}} and are keyed on `submission_id`."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "forms", "primary_key": ["id"]}, {"table": "submissions", "primary_key": ["submission_id"]}]


ENDPOINTS = {
    "forms": ("/api/forms", lambda body: body),
    "submissions": ("/api/submissions", lambda body: body.get("result") or {}),
}


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    headers = {"Authorization": "Token " + configuration["api_key"]}
    for table, (path, envelope) in ENDPOINTS.items():
        page = 1
        while page:
            r = requests.get(base + path, headers=headers, params={"page": page}, timeout=60)
            r.raise_for_status()
            body = envelope(r.json())
            for row in body.get(table) or []:
                op.upsert(table, row)
            page = body.get("next_page")
        op.checkpoint(state)


connector = Connector(update=update, schema=schema)
