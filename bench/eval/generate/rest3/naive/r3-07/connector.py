import datetime as dt
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "customers", "primary_key": ["CustomerId"]},
            {"table": "customer_addresses", "primary_key": ["AddressId"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/odata/v4/Customers"
    headers = {"Ocp-Apim-Subscription-Key": configuration["subscription_key"], "Accept": "application/json"}
    params = {}
    if state.get("modified_since"):
        params["$filter"] = f"ModifiedAt gt {state['modified_since']}"
    newest = state.get("modified_since")
    while url:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for c in body["value"]:
            addresses = c.pop("Addresses", []) or []
            op.upsert("customers", c)
            for a in addresses:
                op.upsert("customer_addresses", {"CustomerId": c["CustomerId"], **a})
            if newest is None or c["ModifiedAt"] > newest:
                newest = c["ModifiedAt"]
        url, params = body.get("@odata.nextLink"), None
    if newest:
        op.checkpoint({"modified_since": newest})


connector = Connector(update=update, schema=schema)
