"""Writes naive/<id>/: each reference with one typical mistake (text substitution). All must FAIL:
    run_reference.py --reference naive
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {  # id: (what, old, new)
    "r4-01": ("reads one page only", 'page = body["meta"]["next_page"]', "page = None"),
    "r4-02": ("ignores the limit cap of 50", '"limit": 50', '"limit": 100'),
    "r4-03": ("upserts deleted appointments", 'if a.get("deleted"):', "if False:"),
    "r4-04": ("ignores the Link header", 'url = r.links.get("next", {}).get("url")', "url = None"),
    "r4-05": ("no 429 handling", "if r.status_code == 429:", "if False:"),
    "r4-06": ("32-day windows (to = from + 31)", "timedelta(days=30)", "timedelta(days=31)"),
    "r4-07": ("no child table for entries", 'op.upsert("timesheet_entries", {**e, "timesheet_id": sheet["id"]})', "pass"),
    "r4-08": ("grades keyed on student_id only", '["student_id", "course_code", "term"]', '["student_id"]'),
    "r4-09": ("stops after the first page", 'if not body["has_more"] or not body["sessions"]:', "if True:"),
    "r4-10": ("GET instead of POST", "requests.post(url, headers=headers, json=", "requests.get(url, headers=headers, json="),
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
