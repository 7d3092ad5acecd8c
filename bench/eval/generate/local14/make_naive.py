"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All ten must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # one table per file (named after the file) instead of one per kind -> orders_20240902, ... unexpected
    "l14-01": ("        table = kind\n", "        table = name[: -len(\".csv\")]\n"),
    # keyed on sku alone: a SKU in both warehouses collapses into one row -> 100 rows instead of 180
    "l14-02": ('"primary_key": ["sku", "warehouse"]', '"primary_key": ["sku"]'),
    # the export read as UTF-8: the first umlaut raises UnicodeDecodeError, the sync fails
    "l14-03": ('encoding="cp1252"', 'encoding="utf-8"'),
    # heartbeats not filtered out -> too many rows
    "l14-04": ('                if event.get("type") == "heartbeat":\n                    continue\n', ""),
    # the page envelope taken as the record: no id, nothing usable loaded
    "l14-05": ('for record in page.get("data", []):', "for record in (page if isinstance(page, list) else [page]):"),
    # soft-deleted tickets upserted as ordinary rows -> 220 rows, 0 deleted
    "l14-06": ('            if r["deleted_at"]:\n'
               '                op.delete("tickets", {"id": r["id"]})\n'
               '            else:\n'
               '                op.upsert("tickets", dict(r))\n',
               '            op.upsert("tickets", dict(r))\n'),
    # the link table keyed on deal_id alone: a deal's contacts overwrite each other -> ~60 rows
    "l14-07": ('"deal_contacts": ["deal_id", "contact_id"]', '"deal_contacts": ["deal_id"]'),
    # no keys declared (the file declares none): revised rows are added next to the old ones in sync 2
    "l14-08": ('return [{"table": t, "primary_key": k} for t, k in TABLES.items()]', 'return [{"table": t} for t in TABLES]'),
    # cursor on reading_ts: the late readings of D07 (old reading_ts) are never picked up -> 552
    "l14-09": ('CURSOR = "ingested_at"', 'CURSOR = "reading_ts"'),
    # the TRAILER line loaded as a payment -> one extra row
    "l14-10": ('if not row.get("payment_ref") or row["payment_ref"] == "TRAILER":', 'if not row.get("payment_ref"):'),
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
