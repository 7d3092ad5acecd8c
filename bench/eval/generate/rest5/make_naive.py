"""Writes naive/<id>/: each reference connector with one typical mistake, by text substitution.
Every naive connector must FAIL: run_reference.py --reference naive."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # page size above the documented cap -> 400
    "r5-01": [("LIMIT = 25", "LIMIT = 100")],
    # next_page_token ignored: one page of subscribers
    "r5-02": [('token = body.get("next_page_token")', "token = None")],
    # invoice lines left as a JSON column of invoices: no invoice_lines rows
    "r5-03": [('lines = inv.pop("lines", None) or []', "lines = []")],
    # only the first page of cards of each board
    "r5-04": [("for card in pages(session, f\"{base}/{board['id']}/cards\"):",
               "for card in session.get(f\"{base}/{board['id']}/cards\", params={\"per_page\": 30}, timeout=30).json():")],
    # no retry on 429: raise_for_status fails the sync
    "r5-05": [("if r.status_code == 429:", "if False:")],
    # soft-deleted pets upserted as normal rows
    "r5-06": [('if pet.get("is_deleted"):', "if False:")],
    # 8-day windows (date_to = date_from + 7 days, both inclusive) -> 400
    "r5-07": [("end = min(day + dt.timedelta(days=6), today)", "end = min(day + dt.timedelta(days=7), today)")],
    # enrollments keyed on user_id only: a user's enrollments overwrite each other
    "r5-08": [('"primary_key": ["course_id", "user_id"]', '"primary_key": ["user_id"]')],
    # page size sent as page_size (ignored, server default 10) while stepping the offset by 50
    "r5-09": [('params = {"offset": offset, "limit": PAGE}', 'params = {"offset": offset, "page_size": PAGE}'),
              ("offset += len(listings)", "offset += PAGE")],
    # `curl -u key:` read as a bearer token -> 401
    "r5-10": [('session.auth = (configuration["secret_key"], "")  # curl -u key:',
               'session.headers["Authorization"] = "Bearer " + configuration["secret_key"]')],
}


def main() -> None:
    for task_id, subs in MISTAKES.items():
        src, dst = HERE / "reference" / task_id, HERE / "naive" / task_id
        if dst.exists():
            shutil.rmtree(dst)
        dst.mkdir(parents=True)
        shutil.copy(src / "configuration.json", dst / "configuration.json")
        code = (src / "connector.py").read_text()
        for old, new in subs:
            if code.count(old) != 1:
                raise SystemExit(f"{task_id}: {old!r} found {code.count(old)} times")
            code = code.replace(old, new)
        (dst / "connector.py").write_text(code)
    print(f"wrote {len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
