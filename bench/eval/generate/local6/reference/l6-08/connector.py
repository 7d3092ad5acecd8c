"""Food-bank exports in the folder of config `donations_dir`: donations_YYYY-MM.json (one pretty-printed
JSON array per month; the current month is rewritten in place nightly) -> `donations` (key id), and
donors.json (full snapshot, rewritten nightly) -> `donors` (key donor_id). A file is read again when its
mtime or size changes. A voided donation just vanishes from its month's file, so the ids each file held
are kept in state and ids that disappear are deleted."""
import json
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "donations", "primary_key": ["id"]},
            {"table": "donors", "primary_key": ["donor_id"]}]


def update(configuration, state):
    folder = Path(configuration["donations_dir"])
    files = dict(state.get("files", {}))
    for path in sorted(folder.glob("donations_*.json")) + [folder / "donors.json"]:
        if not path.exists():
            continue
        signature = [path.stat().st_mtime_ns, path.stat().st_size]
        before = files.get(path.name, {})
        if before.get("signature") == signature:
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "donors.json":
            for row in rows:
                op.upsert("donors", row)
            files[path.name] = {"signature": signature}
        else:
            now = [row["id"] for row in rows]
            for row in rows:
                op.upsert("donations", row)
            for gone in sorted(set(before.get("ids", [])) - set(now)):
                op.delete("donations", {"id": gone})
            files[path.name] = {"signature": signature, "ids": now}
        op.checkpoint({"files": files})


connector = Connector(update=update, schema=schema)
