"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # the exports read as UTF-8: the first Polish letter (the header's 'Ilość') fails sync 1
    "l12-01": ('encoding="cp1250"', 'encoding="utf-8"'),
    # the first line taken for a header although the files have none: one event lost per file -> 71, not 77
    "l12-02": ("            reader = csv.reader(fh)\n",
               "            reader = csv.reader(fh)\n            next(reader, None)  # skip the header\n"),
    # a file is read once, by name: the regenerated September file is not read again -> sync 2 misses Sep 13-30
    # and the 4 deletes
    "l12-03": ('if before.get("mark") == mark:', "if before:"),
    # only plain .jsonl files: every gzipped file is skipped -> sync 1 holds the newest file's events only
    "l12-04": ('if name.endswith(".jsonl") or name.endswith(".jsonl.gz"):', 'if name.endswith(".jsonl"):'),
    # a fixed column list: the Turin file (older till software) has no loyalty_card -> sync 1 fails
    "l12-05": ('"SELECT rowid AS row_id, * FROM sales ORDER BY rowid"',
               '"SELECT rowid AS row_id, sold_at, sku, description, qty, unit_price, cashier, loyalty_card '
               'FROM sales ORDER BY rowid"'),
    # keys without the entity: fr's ids overwrite de's -> 24 customers / 58 invoices, not 41 / 99
    "l12-06": ('TABLES = {"customers": ["entity", "customer_id"], "invoices": ["entity", "invoice_id"]}',
               'TABLES = {"customers": ["customer_id"], "invoices": ["invoice_id"]}'),
    # a strict cursor: ticket 131, created in the same second as the newest row of sync 1, is never read -> 129
    "l12-07": ("WHERE updated_at >= ?", "WHERE updated_at > ?"),
    # certifications keyed by employee + code: renewals collapse into one row -> 61, not 87
    "l12-08": ('"primary_key": ["employee_id", "position"]', '"primary_key": ["employee_id", "code"]'),
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
