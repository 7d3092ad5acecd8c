"""Reference for l-18: large append-only DuckDB table, incremental on event_ts (inclusive cursor), batched."""
import duckdb

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

BATCH = 5000


def schema(configuration: dict):
    return [{"table": "devices", "primary_key": ["device_id"]},
            {"table": "events", "primary_key": ["event_id"]}]


def update(configuration: dict, state: dict):
    con = duckdb.connect(configuration["database"], read_only=True)
    try:
        cur = con.execute("SELECT * FROM devices")
        cols = [d[0] for d in cur.description]
        for r in cur.fetchall():
            op.upsert("devices", dict(zip(cols, r)))

        cursor = state.get("events_ts")  # ISO text; rows of the cursor's own second are re-read (upsert is idempotent)
        if cursor:
            cur = con.execute("SELECT * FROM events WHERE event_ts > CAST(? AS TIMESTAMP) ORDER BY event_ts, event_id",
                              [cursor])
        else:
            cur = con.execute("SELECT * FROM events ORDER BY event_ts, event_id")
        cols = [d[0] for d in cur.description]
        ts_i = cols.index("event_ts")
        n = 0
        while True:
            rows = cur.fetchmany(BATCH)
            if not rows:
                break
            for r in rows:
                op.upsert("events", dict(zip(cols, r)))
            n += len(rows)
            cursor = rows[-1][ts_i].isoformat(sep=" ")
            op.checkpoint({"events_ts": cursor})
        log.info(f"events: {n} rows, cursor {cursor}")
    finally:
        con.close()
    op.checkpoint({"events_ts": cursor})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
