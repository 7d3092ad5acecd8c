"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), to check that
the mocks catch it: `run_reference.py --reference naive` must FAIL every task."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # page size above the stated cap of 50
    "r6-01": [('"per_page": 50', '"per_page": 100')],
    # the epoch cursor is sent back as an ISO date string
    "r6-02": [("import requests\n", "import datetime as dt\n\nimport requests\n"),
              ('params["updated_since"] = since',
               'params["updated_since"] = dt.datetime.fromtimestamp(since, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")')],
    # the X-Next-Cursor header is ignored: one page of events (and of each event's attendees)
    "r6-03": [('cursor = r.headers.get("X-Next-Cursor")', 'cursor = None  # the body is a bare list, no paging info')],
    # no retry on 429
    "r6-04": [("        if r.status_code == 429:\n            time.sleep(float(r.headers.get(\"Retry-After\") or 1))\n"
               "            continue\n", "")],
    # the records are the values of the `responses` object; their id (the dict key) is dropped
    "r6-05": [('for response_id, response in body["responses"].items():\n'
               '            op.upsert("responses", {"id": response_id, **response})',
               'for response in body["responses"].values():\n            op.upsert("responses", response)')],
    # stops at the first page shorter than per_page
    "r6-06": [("        page += 1\n    op.checkpoint", "        if len(rows) < 100:\n            break\n"
               "        page += 1\n    op.checkpoint")],
    # project_members keyed on user_id alone
    "r6-07": [('{"table": "project_members", "primary_key": ["project_id", "user_id"]}',
               '{"table": "project_members", "primary_key": ["user_id"]}')],
    # reservations only up to today: future bookings are missed
    "r6-08": [("end = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=400)",
               "end = dt.datetime.now(dt.timezone.utc).date()")],
    # pages until an empty page: the page past the last is a 400
    "r6-09": [('    page, pages = 1, 1\n    while page <= pages:\n', '    page = 1\n    while True:\n'),
              ('        pages = int(r.headers.get("X-WP-TotalPages", "1"))\n        yield from r.json()\n',
               '        batch = r.json()\n        if not batch:\n            return\n        yield from batch\n')],
    # the page count rounds down: the partial last page is lost
    "r6-10": [('page >= math.ceil(body["total"] / per_page)', 'page >= body["total"] // per_page')],
}


def main() -> None:
    for task_id, subs in MISTAKES.items():
        src, dst = HERE / "reference" / task_id, HERE / "naive" / task_id
        if dst.exists():
            shutil.rmtree(dst)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("files", "__pycache__"))
        text = (dst / "connector.py").read_text()
        for old, new in subs:
            assert text.count(old) == 1, f"{task_id}: {old!r} not found exactly once"
            text = text.replace(old, new)
        (dst / "connector.py").write_text(text)
    print(f"wrote {len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
