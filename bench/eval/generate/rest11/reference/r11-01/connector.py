"""Corvid ERP sales orders over OData v4: follows @odata.nextLink (server-driven paging), expands Lines into a child
table, and after the first sync asks only for orders with ModifiedAt after the newest one seen (an unquoted
DateTimeOffset literal in $filter)."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "sales_orders", "primary_key": ["OrderID"]},
            {"table": "order_lines", "primary_key": ["OrderID", "LineNo"]}]


def update(configuration, state):
    session = requests.Session()
    session.auth = (configuration["svc_user"], configuration["svc_pass"])
    session.headers.update({"Accept": "application/json", "Prefer": "odata.maxpagesize=100", "OData-Version": "4.0"})
    root = configuration["service_root"].rstrip("/")
    cursor = state.get("modified_at")
    params = {"$expand": "Lines", "$orderby": "OrderID"}
    if cursor:
        params["$filter"] = f"ModifiedAt gt {cursor}"
    url, newest, n = f"{root}/SalesOrders", cursor, 0
    while url:
        r = session.get(url, params=params, timeout=60)
        if r.status_code >= 400:
            raise RuntimeError(f"OData error {r.status_code}: {r.text[:300]}")
        body = r.json()
        for order in body.get("value", []):
            lines = order.pop("Lines", []) or []
            row = {k: v for k, v in order.items() if "@" not in k}
            op.upsert("sales_orders", row)
            for line in lines:
                op.upsert("order_lines", {k: v for k, v in line.items() if "@" not in k})
            if not newest or row["ModifiedAt"] > newest:
                newest = row["ModifiedAt"]
            n += 1
        url = body.get("@odata.nextLink")
        params = None  # the next link carries every query option
    log.info(f"{n} sales orders")
    op.checkpoint({"modified_at": newest} if newest else {})


connector = Connector(update=update, schema=schema)
