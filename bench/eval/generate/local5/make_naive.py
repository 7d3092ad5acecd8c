"""Writes naive/<id>/: each reference connector with one typical mistake, made by text substitution.
Every naive connector must FAIL: run_reference.py --reference naive."""
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # BOM kept: the first header reads '\ufeffsale_id', so no row has a sale_id
    "l5-01": [('encoding="utf-8-sig"', 'encoding="utf-8"')],
    # the snapshot file is skipped once seen, though it is rewritten in place under the same name
    "l5-02": [('if state.get("file") == mark:', 'if state.get("file"):')],
    # child keyed (order_no, sku): the free promo line of the same sku overwrites the paid one
    "l5-03": [('"primary_key": ["order_no", "line_no"]', '"primary_key": ["order_no", "sku"]')],
    # key without the sensor: the sensors of one device at one time collapse into one row
    "l5-04": [('"primary_key": ["device", "sensor", "ts"]', '"primary_key": ["device", "ts"]')],
    # the cursor is the wall clock at sync time, not the max updated_at of the data (dated 2024)
    "l5-05": [("import sqlite3\n", "import sqlite3\nfrom datetime import datetime\n"),
              ('state["customers"] = cursor', 'state["customers"] = datetime.now().strftime("%Y-%m-%d %H:%M:%S")'),
              ('state["invoices"] = cursor', 'state["invoices"] = datetime.now().strftime("%Y-%m-%d %H:%M:%S")')],
    # unqualified table names: DuckDB resolves them in main (stale shipments, no shipment_events)
    "l5-06": [("FROM erp.\"{table}\"", "FROM \"{table}\"")],
    # the tombstone table is ignored: hard-deleted tasks stay in the warehouse
    "l5-07": [('op.delete("tasks", {"id": r["task_id"]})', 'pass')],
    # only the newest day folder is read ("the nightly drop"), so the first sync misses the earlier days
    "l5-08": [("for day in days:", "for day in days[-1:]:")],
}


def main() -> None:
    for task, subs in MISTAKES.items():
        src, dst = HERE / "reference" / task, HERE / "naive" / task
        if dst.exists():
            shutil.rmtree(dst)
        shutil.copytree(src, dst)
        text = (dst / "connector.py").read_text()
        for old, new in subs:
            assert text.count(old) == 1, (task, old)
            text = text.replace(old, new)
        (dst / "connector.py").write_text(text)
    print(f"wrote {len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
