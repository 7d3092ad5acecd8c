"""Writes naive/<id>/: each reference connector with one typical mistake patched in. Every one must FAIL:

    /work/main/.venv/bin/python run_reference.py --reference naive
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id: (what goes wrong, [(text in reference/<id>/connector.py, replacement), ...])
MISTAKES = {
    "l6-01": ("skips a file once its name was seen: rows appended to the day's file are missed (scans 203, not 229)",
              [("if seen.get(path.name) == signature:", "if path.name in seen:")]),
    "l6-02": ("strict `updated_at > cursor`: the late rows carrying the last stamp are missed (service_jobs 260, not 268)",
              [("WHERE updated_at >= ?", "WHERE updated_at > ?")]),
    "l6-03": ("order_items keyed (order_id, sku): the promo line collapses into its SKU's line (333 -> 297)",
              [('"primary_key": ["order_id", "line_no"]', '"primary_key": ["order_id", "sku"]')]),
    "l6-04": ("unqualified relation names: DuckDB looks in main, where they do not exist -> sync fails",
              [("f'SELECT * FROM {SCHEMA}.\"{source}\"'", "f'SELECT * FROM \"{source}\"'")]),
    "l6-05": ("header names lower-cased and underscored but not stripped: 'MEMBER ID ' -> member_id_, the key "
              "column is missing -> sync fails",
              [('name = re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_")',
                'name = header.lower().replace(" ", "_").replace("-", "_")')]),
    "l6-06": ("only declared primary keys: readings and the view get none, corrected readings land as extra rows "
              "(readings 372, daily_readings 62)",
              [('"readings": ("readings", ["sensor_id", "taken_at"]),', '"readings": ("readings", []),'),
               ('"daily_readings": ("v_daily_readings", ["sensor_id", "day"]),', '"daily_readings": ("v_daily_readings", []),')]),
    "l6-07": ("filters is_deleted = 0 in the incremental query: deletions are never seen (0 deleted, not 5)",
              [("WHERE version > ? ORDER BY version", "WHERE version > ? AND is_deleted = 0 ORDER BY version")]),
    "l6-08": ("upserts the rewritten month but never deletes the donations that vanished (0 deleted, not 3)",
              [('for gone in sorted(set(before.get("ids", [])) - set(now)):', "for gone in []:")]),
}


def main() -> None:
    out = HERE / "naive"
    if out.exists():
        shutil.rmtree(out)
    for task_id, (why, patches) in MISTAKES.items():
        shutil.copytree(HERE / "reference" / task_id, out / task_id)
        path = out / task_id / "connector.py"
        text = path.read_text()
        for old, new in patches:
            assert text.count(old) == 1, f"{task_id}: patch target not found once: {old!r}"
            text = text.replace(old, new)
        path.write_text(f'# NAIVE ({task_id}): {why}\n' + text)
        print(f"{task_id}: {why}")


if __name__ == "__main__":
    main()
