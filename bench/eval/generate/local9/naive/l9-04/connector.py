"""Library catalogue DuckDB file (`catalogue_file`): books, members, loans and the view open_loans, read in full each
sync. loans declares no primary key in the file (loan_id is unique) and neither does the view: both are keyed by
loan_id here. A loan that is returned drops out of open_loans, so the loan_ids of the view are kept in the state and
the ones gone since the last sync are deleted."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"books": ["isbn"], "members": ["member_no"], "loans": None, "open_loans": ["loan_id"]}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t, "primary_key": k} if k else {"table": t} for t, k in TABLES.items()]


def update(configuration, state):
    con = duckdb.connect(configuration["catalogue_file"], read_only=True)
    before = set(state.get("open_loans", []))
    now = set()
    try:
        for table in TABLES:
            cur = con.execute(f'SELECT * FROM main."{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    rec = {c: _value(v) for c, v in zip(cols, r)}
                    op.upsert(table, rec)
                    if table == "open_loans":
                        now.add(rec["loan_id"])
        for loan_id in sorted(before - now):
            op.delete("open_loans", {"loan_id": loan_id})
        op.checkpoint({"open_loans": sorted(now)})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
