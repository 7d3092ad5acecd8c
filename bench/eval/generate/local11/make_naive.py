"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # the extracts read as UTF-8: the first accented holder name fails sync 1
    "l11-01": ('open(path, encoding="cp1252", newline="")', 'open(path, encoding="utf-8", newline="")'),
    # receipts keyed by receipt_no alone: the shops' numbers collide -> 40 receipts instead of 105
    "l11-02": ('{"table": "receipts", "primary_key": ["shop", "receipt_no"]}',
               '{"table": "receipts", "primary_key": ["receipt_no"]}'),
    # a file without .ctl skipped instead of waiting for it: STL_20240902_002 is taken in sync 1 (114, not 85)
    # and STL_20240902_001, now behind the remembered name, is never read
    "l11-03": ("            break\n", "            continue\n"),
    # no delete handling: the 6 entries removed from the rewritten September file stay live -> 0 deleted
    "l11-04": ("        for entry_id in gone:\n            op.delete(\"timesheet_entries\", {\"entry_id\": entry_id})\n",
               "        gone = []  # rows only ever get upserted\n"),
    # allocations keyed like their line: the 2nd and 3rd warehouse of a line overwrite the 1st -> 165, not 338
    "l11-05": ('"primary_key": ["region", "order_no", "line_no", "warehouse"]',
               '"primary_key": ["region", "order_no", "line_no"]'),
    # the CSVs read as plain UTF-8: the byte-order mark sticks to the first header -> KeyError 'meter_id'
    "l11-06": ('encoding="utf-8-sig"', 'encoding="utf-8"'),
    # invoice_lines keyed by invoice alone (the table declares no key): lines of one invoice collapse
    "l11-07": ('["clinic", "invoice_id", "line_no"]', '["clinic", "invoice_id"]'),
    # the title block skipped by count, as in the pasted sample (4 lines): the 5-line file of Sep 3 breaks sync 1
    "l11-08": ('start = next(i for i, r in enumerate(rows) if r and r[0].strip() == "N° facture")',
               "start = 4  # title lines, as in the sample"),
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
