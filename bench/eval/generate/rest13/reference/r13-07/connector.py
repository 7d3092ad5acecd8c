"""Ledgerline transactions: bearer, starting_after + has_more (limit max 100); has_more only says the page was full,
so an empty page can follow; incremental by continuing after the last id; amount_eur from the string amount in
cents."""
from decimal import Decimal

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "transactions", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/transactions"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    last = state.get("starting_after")
    while True:
        params = {"limit": 100}
        if last:
            params["starting_after"] = last
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        rows = body.get("data") or []
        for txn in rows:
            amount = txn.get("amount")
            cents = Decimal(str(amount)) if amount not in (None, "") else None
            op.upsert("transactions", {**txn, "amount_eur": str(cents / 100) if cents is not None else None})
        last = rows[-1]["id"] if rows else last
        if not rows or not body.get("has_more"):
            break
    op.checkpoint({"starting_after": last} if last else state)


connector = Connector(update=update, schema=schema)
