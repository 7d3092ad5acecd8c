"""Writes naive/<id>/: each reference with one typical mistake (text substitution). All must FAIL:
    run_reference.py --reference naive
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {  # id: (what, old, new)
    "l4-01": ("no primary key (rows hashed)", '[{"table": "trips", "primary_key": ["trip_id"]}]',
              '[{"table": "trips"}]'),
    "l4-02": ("store left out of the key", '["store", "count_date", "sku"]', '["count_date", "sku"]'),
    "l4-03": ("looks for *.json files only", 'name.endswith(".json.gz")', 'name.endswith(".json")'),
    "l4-04": ("channel rows keyed without interval_start", '["meter_id", "interval_start", "channel"]',
              '["meter_id", "channel"]'),
    "l4-05": ("copies audit_log too", 'for table in ("doctors", "patients"):',
              'for table in ("doctors", "patients", "audit_log"):'),
    "l4-06": ("grades keyed on student_id only", '"grades": ["student_id", "course_code", "term"]',
              '"grades": ["student_id"]'),
    "l4-07": ("reads the file from its first line", 'start = next(i for i, line in enumerate(lines) '
              'if line.startswith("employee_id,"))', "start = 0"),
    "l4-08": ("upserts soft-deleted loans", 'if row["is_deleted"]:', "if False:"),
}


def main() -> None:
    for tid, (_, old, new) in MISTAKES.items():
        src, dst = HERE / "reference" / tid, HERE / "naive" / tid
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "files"))
        text = (dst / "connector.py").read_text()
        assert old in text, (tid, old)
        (dst / "connector.py").write_text(text.replace(old, new))
    print(f"{len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
