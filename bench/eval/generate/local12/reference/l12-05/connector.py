"""Till databases (`cartella_negozi`): one SQLite file per shop, negozio_<city>.db, all sales into one table
`vendite` with the shop (from the file name) and the SQLite rowid as key: the sales table declares no key. The
Turin till runs older software without the loyalty_card column, so the columns are taken from each file
(SELECT rowid, *) instead of a fixed list. The files are small: every sync re-reads them."""
import os
import re
import sqlite3

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"negozio_(.+)\.db")


def schema(configuration):
    return [{"table": "vendite", "primary_key": ["store", "row_id"],
             "columns": {"row_id": "LONG", "sold_at": "NAIVE_DATETIME", "qty": "INT", "unit_price": "DOUBLE"}}]


def update(configuration, state):
    folder = configuration["cartella_negozi"]
    for name in sorted(os.listdir(folder)):
        m = NAME.fullmatch(name)
        if not m:
            continue
        store = m.group(1)
        con = sqlite3.connect(f"file:{os.path.join(folder, name)}?mode=ro", uri=True)
        try:
            cur = con.execute("SELECT rowid AS row_id, * FROM sales ORDER BY rowid")
            cols = [d[0] for d in cur.description]
            n = 0
            for values in cur:
                rec = dict(zip(cols, values))
                rec["store"] = store
                if rec.get("sold_at"):
                    rec["sold_at"] = rec["sold_at"].replace(" ", "T")
                op.upsert("vendite", rec)
                n += 1
        finally:
            con.close()
        log.info(f"{name}: {n} sales")
        op.checkpoint({"last_file": name})


connector = Connector(update=update, schema=schema)
