"""Growth team DuckDB file (`duckdb_file`): marketing.campaigns and marketing.ad_spend_daily, read in full
each sync (the last days are reloaded nightly). No keys are declared in the file: campaign_id, and the grain
(campaign_id, spend_date, channel). Schema-qualified: main holds stale tables with the same names."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"campaigns": ["campaign_id"], "ad_spend_daily": ["campaign_id", "spend_date", "channel"]}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t, "primary_key": k} for t, k in TABLES.items()]


def update(configuration, state):
    con = duckdb.connect(configuration["duckdb_file"], read_only=True)
    try:
        for table in TABLES:
            cur = con.execute(f'SELECT * FROM "{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
