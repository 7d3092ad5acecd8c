"""Settlement interface (`settle_inbound_path`): STL_<YYYYMMDD>_<seq>.dat.gz files, gzip, pipe-delimited with no
header and a trailing pipe, negative amounts with a trailing minus. A data file is only taken once its .ctl file
exists (it holds the record count, checked); files are taken exactly once and strictly in name order, so when a file
has no .ctl yet the sync stops there (a later, complete file waits) and the next sync starts again at that file.
A record_id repeated in a later file is a status change of the same record (upsert)."""
import gzip
import os

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

FIELDS = ["record_id", "merchant_id", "txn_time", "amount", "currency", "card_brand", "status"]


def schema(configuration):
    return [{"table": "settlements", "primary_key": ["record_id"],
             "columns": {"txn_time": "NAIVE_DATETIME", "amount": {"type": "DECIMAL", "precision": 12, "scale": 2}}}]


def amount(text):
    text = text.strip()
    if text.endswith("-"):
        return "-" + text[:-1]
    return text


def update(configuration, state):
    folder = configuration["settle_inbound_path"]
    done = state.get("last_file", "")
    bases = sorted(n[: -len(".dat.gz")] for n in os.listdir(folder) if n.startswith("STL_") and n.endswith(".dat.gz"))
    for base in bases:
        if base <= done:
            continue
        ctl = os.path.join(folder, base + ".ctl")
        if not os.path.exists(ctl):
            log.info(f"{base}: no control file yet, later files wait for it")
            continue
        with open(ctl) as fh:
            expected = int(fh.read().strip().split("|")[1])
        with gzip.open(os.path.join(folder, base + ".dat.gz"), "rt", encoding="ascii", newline="") as fh:
            rows = [line.rstrip("\r\n").split("|") for line in fh if line.strip()]
        if len(rows) != expected:
            raise RuntimeError(f"{base}: control file says {expected} records, the file holds {len(rows)}")
        for fields in rows:
            rec = dict(zip(FIELDS, (f.strip() for f in fields[: len(FIELDS)])))
            rec["amount"] = amount(rec["amount"])
            rec["source_file"] = base + ".dat.gz"
            op.upsert("settlements", rec)
        done = base
        op.checkpoint({"last_file": done})
        log.info(f"{base}: {len(rows)} records")
    op.checkpoint({"last_file": done})


connector = Connector(update=update, schema=schema)
