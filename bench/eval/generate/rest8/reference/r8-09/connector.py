"""Shopwell orders over GraphQL with an OAuth2 client-credentials token (refreshed before expires_in runs out and
on UNAUTHENTICATED), Relay pagination (first <= 25), updatedAfter incremental."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = """
query Orders($first: Int!, $after: String, $since: DateTime) {
  orders(first: $first, after: $after, updatedAfter: $since) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name email financialStatus fulfillmentStatus createdAt updatedAt tags
      totalPrice { amount currencyCode }
      customer { id email }
      lineItems { sku title quantity }
    } }
  }
}
"""


class Client:
    def __init__(self, configuration):
        self.c = configuration
        self.base = configuration["shop_url"].rstrip("/")
        self.token, self.expires = None, 0.0

    def refresh(self):
        r = requests.post(self.base + "/oauth2/token", data={"grant_type": "client_credentials"},
                          auth=(self.c["app_client_id"], self.c["app_client_secret"]), timeout=30)
        r.raise_for_status()
        body = r.json()
        self.token, self.expires = body["access_token"], time.time() + float(body.get("expires_in", 3600))

    def query(self, variables):
        for attempt in range(3):
            if not self.token or time.time() > self.expires - 0.5:
                self.refresh()
            r = requests.post(self.base + "/graphql/v1", json={"query": QUERY, "variables": variables},
                              headers={"Authorization": "Bearer " + self.token}, timeout=30)
            if r.status_code == 401:
                self.token = None
                continue
            r.raise_for_status()
            body = r.json()
            errors = body.get("errors") or []
            if any((e.get("extensions") or {}).get("code") == "UNAUTHENTICATED" for e in errors):
                log.info("token expired, refreshing")
                self.token = None
                continue
            if errors:
                raise RuntimeError(f"GraphQL errors: {errors}")
            return body["data"]
        raise RuntimeError("could not authenticate")


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}]


def update(configuration, state):
    client = Client(configuration)
    since = state.get("updated_after")
    newest, after, n = since, None, 0
    while True:
        conn = client.query({"first": 25, "after": after, "since": since})["orders"]
        for edge in conn["edges"]:
            order = edge["node"]
            customer = order.pop("customer") or {}
            order["customer_id"], order["customer_email"] = customer.get("id"), customer.get("email")
            order["total_amount"] = order["totalPrice"]["amount"]
            order["currency"] = order.pop("totalPrice")["currencyCode"]
            op.upsert("orders", order)
            n += 1
            if newest is None or order["updatedAt"] > newest:
                newest = order["updatedAt"]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    log.info(f"{n} orders")
    op.checkpoint({"updated_after": newest})


connector = Connector(update=update, schema=schema)
