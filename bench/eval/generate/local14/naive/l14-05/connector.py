"""Billing API dump (`dump_root`): customers/page_NNNN.json -> customers, invoices/page_NNNN.json -> invoices.
Each page is a list envelope; the records are under "data". Folders starting with "_" are scratch space.
Pages are applied in order, so a record that comes again in a later page wins."""
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def _folders(root):
    return sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and not d.startswith("_"))


def schema(configuration):
    return [{"table": t, "primary_key": ["id"]} for t in ("customers", "invoices")]


def update(configuration, state):
    root = configuration["dump_root"]
    seen = dict(state.get("files", {}))
    for table in _folders(root):
        folder = os.path.join(root, table)
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".json")):
            rel = f"{table}/{name}"
            mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
            if seen.get(rel) == mtime:
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                page = json.load(fh)
            for record in (page if isinstance(page, list) else [page]):
                for k, v in (record.pop("address", None) or {}).items():
                    record[f"address_{k}"] = v
                op.upsert(table, record)
            seen[rel] = mtime
            op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
