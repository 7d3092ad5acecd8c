"""Ledgerline payouts over GraphQL: POST /graphql with a bearer token, first <= 100, after = pageInfo.endCursor,
errors arrive in HTTP 200; incremental with updatedSince (inclusive)."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = """
query Payouts($first: Int!, $after: String, $since: DateTime) {
  payouts(first: $first, after: $after, updatedSince: $since) {
    edges { node { id reference status amount currency fee arrivalDate createdAt updatedAt
                   merchant { id name country } bankAccount { last4 bankName } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def schema(configuration):
    return [{"table": "payouts", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["ledger_endpoint"].rstrip("/") + "/graphql"
    headers = {"Authorization": "Bearer " + configuration["ledger_token"]}
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    after, n = None, 0
    while True:
        r = requests.post(url, json={"query": QUERY, "variables": {"first": 100, "after": after,
                                                                   "since": state.get("updated_since")}},
                          headers=headers, timeout=30)
        r.raise_for_status()
        body = r.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        conn = body["data"]["payouts"]
        for edge in conn["edges"]:
            node = edge["node"]
            merchant = node.pop("merchant") or {}
            bank = node.pop("bankAccount") or {}
            op.upsert("payouts", {**node, "merchant_id": merchant.get("id"), "merchant_name": merchant.get("name"),
                                  "merchant_country": merchant.get("country"), "bank_last4": bank.get("last4"),
                                  "bank_name": bank.get("bankName")})
            n += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    log.info(f"{n} payouts synced")
    op.checkpoint({"updated_since": started})


connector = Connector(update=update, schema=schema)
