"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # keyed by file and line, the way a generic file loader does it: every changed booking becomes a second row
    # (bookings above 71 / 112)
    "l10-01": ('"primary_key": ["booking_ref"]', '"primary_key": ["source_file", "source_line"]'),
    # the .jsonl.gz files opened as plain text: the gzip header is not UTF-8 and the first sync fails
    "l10-02": ('gzip.open(folder / name, "rt", encoding="utf-8")', 'open(folder / name, encoding="utf-8")'),
    # the default comma delimiter: the header becomes one column, so there is no `amount` and the first sync fails
    "l10-03": ('csv.DictReader(fh, delimiter=";")', 'csv.DictReader(fh)'),
    # every table in the file synced: agents, sessions and schema_migrations appear as unexpected tables
    "l10-04": ("        tables = WANTED\n",
               "        tables = [r[0] for r in con.execute(\"SELECT name FROM sqlite_master WHERE type = 'table'\")]\n"),
    # daily_sales left without a key, as the file declares none: the 18 recalculated rows are added a second
    # time (daily_sales 109, 91 expected)
    "l10-05": ('"daily_sales": ["sale_date", "store_id"]', '"daily_sales": None'),
    # is_deleted copied as a plain column: the 4 soft-deleted contacts stay live (0 deleted, 4 expected)
    "l10-06": ('            if rec["is_deleted"]:\n', '            if False:  # is_deleted not looked at\n'),
    # the file remembered by name: staff.csv keeps its name, so the rewritten file is skipped (staff 60, 0 deleted)
    "l10-07": ("stamp = os.stat(path).st_mtime", "stamp = path.name"),
    # order_items keyed by the sku alone: items of different orders overwrite each other
    "l10-08": ('{"table": "order_items", "primary_key": ["order_id", "line_no"]}',
               '{"table": "order_items", "primary_key": ["sku"]}'),
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
