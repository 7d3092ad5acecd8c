"""Pipewise companies + contacts: bearer, offset/limit (max 50) with total, updated_since per table."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 50


def schema(configuration):
    return [{"table": "companies", "primary_key": ["id"]}, {"table": "contacts", "primary_key": ["id"]}]


def sync_table(configuration, state, table):
    url = f"{configuration['base_url'].rstrip('/')}/v1/{table}"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    cursor = state.get(table)
    newest = cursor
    offset = 0
    while True:
        params = {"page": offset // LIMIT + 1, "limit": LIMIT}
        if cursor:
            params["updated_since"] = cursor
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for row in body["records"]:
            op.upsert(table, row)
            if newest is None or row["updated_at"] > newest:
                newest = row["updated_at"]
        offset += len(body["records"])
        if not body["records"] or offset >= body["total"]:
            break
    state[table] = newest
    op.checkpoint(state)


def update(configuration, state):
    state = dict(state or {})
    for table in ("companies", "contacts"):
        sync_table(configuration, state, table)


connector = Connector(update=update, schema=schema)
