"""Writes naive/<id>/: each reference connector with one typical mistake (a text replacement that must
apply). All eight must FAIL: run_reference.py --reference naive."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # `code` declared INT from the sync-1 sample: the text codes of app 5.0.1 cannot be written -> sync 2 fails
    "l8-01": ('return [{"table": "events", "primary_key": ["event_id"]}]',
              'return [{"table": "events", "primary_key": ["event_id"], "columns": {"code": "INT"}}]'),
    # exclusive cursor: the 5 rows committed late with the cursor second are never read -> 159 instead of 164
    "l8-02": ("WHERE updated_at >= ? ORDER BY updated_at", "WHERE updated_at > ? ORDER BY updated_at"),
    # only the keys the file declares: contacts and account_tags keyless -> edited contacts duplicated, deletes
    # match nothing (contacts 136 rows / 0 deleted, account_tags 0 deleted)
    "l8-03": ('return [{"table": t, "primary_key": k} for t, k in TABLES.items()]',
              'return [{"table": t, "primary_key": k} for t, k in TABLES.items() if t in ("accounts", "deals")]'),
    # the rename forgotten: legacy_turnstile_log appears under its own name, checkins is missing
    "l8-04": ('"legacy_turnstile_log": ("checkins", ["id"])', '"legacy_turnstile_log": ("legacy_turnstile_log", ["id"])'),
    # the bank files read as UTF-8: the first umlaut fails the sync
    "l8-05": ('open(path, encoding="cp1252", newline="")', 'open(path, encoding="utf-8", newline="")'),
    # the column list hard-coded from the pasted sample: the new layout's values land under the old names and
    # Priority, Assignee, Tags never become columns -> 7 data columns in sync 2, at least 10 expected
    "l8-06": ("            for row in csv.DictReader(fh):\n",
              "            reader = csv.reader(fh)\n"
              "            next(reader)  # the header, as in the sample\n"
              "            sample = [\"Ticket ID\", \"Subject\", \"Status\", \"Requester\", \"Created\", \"Updated\", "
              "\"Description\"]\n"
              "            for row in (dict(zip(sample, r)) for r in reader):\n"),
    # is_deleted ignored: deleted orders (and their items) stay live -> 0 deleted
    "l8-07": ('            if order["is_deleted"]:\n',
              '            if False:  # is_deleted not looked at\n'),
    # files remembered by name only: the new day's shipments.jsonl (same name after rotation) is never read
    "l8-08": ("if seen.get(name) == mark:", "if name in seen:"),
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
