"""Till databases (`pos_sqlite_folder`): one SQLite file per shop, shop_<name>.sqlite, merged into two tables with
a `shop` column taken from the file name. receipt_no starts at 1 in every shop, so the keys include the shop;
receipt_lines is a WITHOUT ROWID table keyed (receipt_no, line_no) (no rowid to lean on). The settings table and
the v_daily_sales view are not wanted; backup/ holds old copies and is not read (only the folder itself)."""
import os
import re
import sqlite3

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"shop_([a-z0-9_-]+)\.sqlite")


def schema(configuration):
    return [{"table": "receipts", "primary_key": ["receipt_no"]},
            {"table": "receipt_lines", "primary_key": ["shop", "receipt_no", "line_no"]}]


def update(configuration, state):
    folder = configuration["pos_sqlite_folder"]
    for name in sorted(os.listdir(folder)):
        match = NAME.fullmatch(name)
        if not match or not os.path.isfile(os.path.join(folder, name)):
            continue
        shop = match.group(1)
        con = sqlite3.connect(f"file:{os.path.join(folder, name)}?mode=ro", uri=True)
        con.row_factory = sqlite3.Row
        try:
            n = 0
            for row in con.execute("SELECT * FROM receipts ORDER BY receipt_no"):
                op.upsert("receipts", {"shop": shop, **dict(row)})
                n += 1
            for row in con.execute("SELECT * FROM receipt_lines ORDER BY receipt_no, line_no"):
                op.upsert("receipt_lines", {"shop": shop, **dict(row)})
        finally:
            con.close()
        log.info(f"{name}: {n} receipts")
        op.checkpoint({"last_shop": shop})


connector = Connector(update=update, schema=schema)
