"""Monthly bank exports (`kontoauszuege_dir`): Umsaetze_*.csv in Windows-1252, `;`-separated, quoted, with a
preamble of account lines (not always the same number) before the header row that starts with "Buchungstag".
There is no transaction id and identical lines are real (two coffees the same day), so the key is the file and
the line's number under the header. Files never change once written: each is read once. Betrag becomes a number."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "buchungen", "primary_key": ["datei", "zeile"]}]


def _number(text):
    return float(text.replace(".", "").replace(",", ".")) if text.strip() else None


def update(configuration, state):
    folder = configuration["kontoauszuege_dir"]
    done = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if n.lower().endswith(".csv")):
        path = os.path.join(folder, name)
        info = os.stat(path)
        mark = f"{info.st_size}:{info.st_mtime_ns}"
        if done.get(name) == mark:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        start = next(i for i, r in enumerate(rows) if r and r[0].strip() == "Buchungstag")
        header = [h.strip() for h in rows[start]]
        line = 0
        for r in rows[start + 1:]:
            if not any(c.strip() for c in r):
                continue
            line += 1
            rec = {h: (v if v != "" else None) for h, v in zip(header, r) if h}
            rec["Betrag (EUR)"] = _number(rec.get("Betrag (EUR)") or "")
            rec["datei"] = name
            rec["zeile"] = line
            op.upsert("buchungen", rec)
        done[name] = mark
        op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
