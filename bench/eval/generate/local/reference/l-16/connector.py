"""Reference for l-16: a snapshot table whose vanished rows become soft deletes, plus an append-only table."""
import duckdb

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration: dict):
    return [{"table": "accounts", "primary_key": ["account_id"]},
            {"table": "ledger_entries", "primary_key": ["entry_id"]}]


def update(configuration: dict, state: dict):
    con = duckdb.connect(configuration["db_path"], read_only=True)
    try:
        cur = con.execute("SELECT * FROM accounts ORDER BY account_id")
        cols = [d[0] for d in cur.description]
        seen = []
        for r in cur.fetchall():
            row = dict(zip(cols, r))
            op.upsert("accounts", row)
            seen.append(row["account_id"])
        gone = sorted(set(state.get("account_ids", [])) - set(seen))
        for account_id in gone:
            op.delete("accounts", {"account_id": account_id})
        log.info(f"accounts: {len(seen)} present, {len(gone)} removed since last sync")
        state = {**state, "account_ids": seen}
        op.checkpoint(state)

        last = state.get("ledger_entry_id", 0)
        cur = con.execute("SELECT * FROM ledger_entries WHERE entry_id > ? ORDER BY entry_id", [last])
        cols = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                break
            for r in rows:
                op.upsert("ledger_entries", dict(zip(cols, r)))
            last = rows[-1][cols.index("entry_id")]
            state = {**state, "ledger_entry_id": last}
            op.checkpoint(state)
    finally:
        con.close()
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
