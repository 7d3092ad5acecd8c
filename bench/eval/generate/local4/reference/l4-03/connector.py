"""Weekly gzipped JSON exports; the rows are under "records"; the nested episode object is flattened."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "downloads", "primary_key": ["id"]}]


def update(configuration, state):
    folder = configuration["stats_dir"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json.gz") or name in done:
            continue
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as f:
            payload = json.load(f)
        for rec in payload["records"]:
            ep = rec.pop("episode", {}) or {}
            rec.update({f"episode_{k}": v for k, v in ep.items()})
            op.upsert("downloads", rec)
        done.add(name)
        op.checkpoint({"files": sorted(done)})
    op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
