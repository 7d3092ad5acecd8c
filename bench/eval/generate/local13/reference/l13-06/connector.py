"""Carrier feed (`feed_dir`): shipments-YYYY-MM-DD.jsonl.gz, the full shipment on every change. Each
shipment -> shipments (consignee flattened, key shipment_id); each element of `parcels` ->
shipment_parcels keyed (shipment_id, parcel_no). The tracking `events` are not loaded. Files in date
order, each once per modification time."""
import glob
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["shipment_id"]},
            {"table": "shipment_parcels", "primary_key": ["shipment_id", "parcel_no"]}]


def update(configuration, state):
    folder = configuration["feed_dir"]
    seen = dict(state.get("files", {}))
    for path in sorted(glob.glob(os.path.join(folder, "shipments-*.jsonl.gz"))):
        name = os.path.basename(path)
        mark = os.stat(path).st_mtime_ns
        if seen.get(name) == mark:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                s = json.loads(line)
                row = {k: v for k, v in s.items() if k not in ("consignee", "parcels", "events")}
                for k, v in (s.get("consignee") or {}).items():
                    row[f"consignee_{k}"] = v
                op.upsert("shipments", row)
                for p in s.get("parcels") or []:
                    op.upsert("shipment_parcels", {"shipment_id": s["shipment_id"], **p,
                                                   "dims_cm": json.dumps(p.get("dims_cm"))})
        seen[name] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
