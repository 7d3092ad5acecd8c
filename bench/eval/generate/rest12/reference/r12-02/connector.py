"""Purchase orders and their items from an SAP Gateway OData v2 service: Basic auth plus sap-client on every
call, $format=json (Atom otherwise), $expand=to_Items (items come as {"results": [...]}), server paging by d.__next."""
import re
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "purchase_orders", "primary_key": ["PurchaseOrder"]},
            {"table": "purchase_order_items", "primary_key": ["PurchaseOrder", "PurchaseOrderItem"]}]


def clean(entity):
    out = {}
    for k, v in entity.items():
        if k == "__metadata" or isinstance(v, dict):
            continue
        if isinstance(v, str):
            m = re.fullmatch(r"/Date\((-?\d+)(?:[+-]\d{4})?\)/", v)
            if m:
                v = datetime.fromtimestamp(int(m.group(1)) / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out[k] = v
    return out


def update(configuration, state):
    root = configuration["gateway_url"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["sap_user"], configuration["sap_password"])
    session.headers["Accept"] = "application/json"
    url = f"{root}/PurchaseOrderSet"
    params = {"sap-client": configuration["sap_client"], "$format": "json", "$expand": "to_Items"}
    pos = items = 0
    while url:
        r = session.get(url, params=params, timeout=60)
        if r.status_code >= 400:
            raise RuntimeError(f"Gateway {r.status_code}: {r.text[:300]}")
        d = r.json()["d"]
        for po in d["results"]:
            op.upsert("purchase_orders", clean(po))
            pos += 1
            for item in (po.get("to_Items") or {}).get("results") or []:
                op.upsert("purchase_order_items", clean(item))
                items += 1
        url = d.get("__next")
        params = None  # __next already carries sap-client and every option
    log.info(f"{pos} purchase orders, {items} items")
    op.checkpoint({"synced_at": datetime.now(timezone.utc).isoformat()})


connector = Connector(update=update, schema=schema)
