"""Product catalogue pages (pretty-printed JSON arrays) re-published in place; the manifest is not data."""
import json
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

CATALOG_DIR = "{folder}"  # the request gives the path; run_reference fills it in
PATTERN = re.compile(r"^catalog_page_(\d+)\.json$")


def schema(configuration):
    return [{"table": "products", "primary_key": ["sku"]}]


def update(configuration, state):
    folder = CATALOG_DIR
    seen = dict(state.get("pages", {}))
    pages = sorted((int(m.group(1)), n) for n in os.listdir(folder) if (m := PATTERN.match(n)))
    for _, name in pages:
        st = os.stat(os.path.join(folder, name))
        sig = 1  # naive: by name only
        if seen.get(name) == sig:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            for p in json.load(fh):
                price, dims = p.get("price") or {}, p.get("dimensions") or {}
                op.upsert("products", {"sku": p["sku"], "name": p.get("name"), "price_amount": price.get("amount"),
                                       "price_currency": price.get("currency"), "width": dims.get("w"),
                                       "height": dims.get("h"), "depth": dims.get("d"), "tags": p.get("tags"),
                                       "in_stock": p.get("in_stock"), "page": name})
        seen[name] = sig
        op.checkpoint({"pages": seen})
    op.checkpoint({"pages": seen})


connector = Connector(update=update, schema=schema)
