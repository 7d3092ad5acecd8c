"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # files remembered by name only: the grown May file is never read again -> 252 instead of 270 in sync 2
    "l7-01": ("if seen.get(name) == mark:", "if name in seen:"),
    # default comma delimiter on a tab-separated file: no call_id column, nothing upserted -> calls missing
    "l7-02": ('csv.DictReader(fh, delimiter="\\t")', "csv.DictReader(fh)"),
    # child table keyed on line_no alone: lines of different orders overwrite each other -> 5 rows
    "l7-03": ('{"table": "purchase_order_lines", "primary_key": ["po_number", "line_no"]}',
              '{"table": "purchase_order_lines", "primary_key": ["line_no"]}'),
    # deleted articles upserted as ordinary rows -> 171 rows, 0 deleted
    "l7-04": ('                if article.get("deleted"):\n'
              '                    op.delete("articles", {"id": article["id"]})\n'
              '                else:\n'
              '                    op.upsert("articles", article)\n',
              '                op.upsert("articles", article)\n'),
    # every table in the file copied -> payments, user_sessions, schema_migrations, sqlite_sequence appear
    "l7-05": ('for table in ("rooms", "guests"):',
              "for (table,) in con.execute(\"SELECT name FROM sqlite_master WHERE type = 'table' \"\n"
              "                                    \"AND name != 'bookings'\").fetchall():"),
    # the view synced without a key: changed totals become extra rows in sync 2
    "l7-06": ('{"table": "monthly_vehicle_costs", "primary_key": ["vehicle_id", "month"]}',
              '{"table": "monthly_vehicle_costs"}'),
    # unqualified table names resolve to the stale copies in schema main -> 5 and 40 rows, too few columns
    "l7-07": ("f'SELECT * FROM marketing.\"{table}\"'", "f'SELECT * FROM \"{table}\"'"),
    # no primary key: corrected rates are added next to the provisional ones -> 230 rows in sync 2
    "l7-08": ('[{"table": "fx_rates", "primary_key": ["date", "base", "quote"]}]', '[{"table": "fx_rates"}]'),
}


def main() -> None:
    out = HERE / "naive"
    shutil.rmtree(out, ignore_errors=True)
    for task, (old, new) in MISTAKES.items():
        shutil.copytree(HERE / "reference" / task, out / task)
        path = out / task / "connector.py"
        text = path.read_text()
        assert text.count(old) == 1, f"{task}: the mistake does not apply"
        path.write_text(text.replace(old, new))
    print(f"wrote {len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
