"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # the key taken from the file's own columns: ticket + line repeat in every store and every day, so the
    # six files collapse into one day's worth of rows (sales_lines far below 362)
    "l9-01": ('"primary_key": ["store_code", "business_date", "ticket", "line"]', '"primary_key": ["ticket", "line"]'),
    # one cursor shared by trips and fuel_logs: row_version is counted per table, fuel_logs starts after trips'
    # highest version and none of its rows is ever read (fuel_logs missing)
    "l9-02": ('ckey = f"{src}.{cursor}"', 'ckey = cursor'),
    # the lines left in the order row as a JSON column: no order_lines child table
    "l9-03": ('            lines = order.pop("lines")\n', '            lines = []  # the lines stay in the order row\n'),
    # only the keys the file declares: loans is keyless, so every returned loan becomes a second row (loans 355)
    "l9-04": ('"loans": ["loan_id"], ', '"loans": None, '),
    # the key of a reading guessed as (device, ts): the two or three metrics of a device-hour overwrite each other
    "l9-05": ('"primary_key": ["device", "ts", "metric"]', '"primary_key": ["device", "ts"]'),
    # left_at ignored: members who leave stay live (0 deleted, 4 expected)
    "l9-06": ('            if rec["left_at"] is not None:\n', '            if False:  # left_at not looked at\n'),
    # the Excel "Unicode Text" files read as UTF-8: the byte-order mark 0xFF 0xFE fails the first sync
    "l9-07": ('encoding="utf-16"', 'encoding="utf-8"'),
    # the rewritten file upserted only: dropped articles stay live (0 deleted, 6 expected)
    "l9-08": ("for article in sorted(before - now):", "for article in []:  # dropped articles not looked for"),
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
