"""Daily till exports pos_YYYY-MM-DD.csv from `data_dir` into table pos_sales (key sale_id).

The files are Excel (German locale) exports: `;` separated, UTF-8 with a byte order mark, CRLF, decimal
commas and dd.mm.yyyy dates. Each file is read once; state keeps the files done (name -> mtime, size)."""
import csv
import os
from datetime import datetime
from pathlib import Path

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "pos_sales", "primary_key": ["sale_id"],
             "columns": {"sale_id": "LONG", "sold_at": "NAIVE_DATETIME", "qty": "INT", "unit_price": "DOUBLE"}}]


def _number(text):
    text = (text or "").strip().replace(".", "").replace(",", ".")
    return float(text) if text else None


def _row(r):
    r = {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in r.items()}
    r["sale_id"] = int(r["sale_id"])
    r["sold_at"] = datetime.strptime(r["sold_at"], "%d.%m.%Y %H:%M").isoformat()
    r["qty"] = int(r["qty"])
    r["unit_price"] = _number(r["unit_price"])
    return r


def update(configuration, state):
    folder = Path(configuration["data_dir"])
    done = dict(state.get("files", {}))
    for path in sorted(folder.glob("pos_*.csv")):
        st = os.stat(path)
        mark = [st.st_mtime, st.st_size]
        if done.get(path.name) == mark:
            continue
        log.info(f"reading {path.name}")
        with open(path, newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f, delimiter=";"):
                if r.get("sale_id"):
                    op.upsert("pos_sales", _row(r))
        done[path.name] = mark
        op.checkpoint({"files": done})
    op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
