"""Writes naive/<id>/: each reference connector with one typical mistake (text replacements that must each
apply exactly once). All ten must FAIL: run_reference.py --reference naive. Most mistakes are about which
tables are created and what they are called, the focus of this set."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    # one table per file, named after the file stem -> orders_2024_06_01, customers_2024_06_01, ...
    "l13-01": [("                    op.upsert(table, row)\n",
                "                    op.upsert(name[:-4], row)\n")],
    # only the audit table skipped: api_request_log is copied too
    "l13-02": [('SKIP = ("audit_log", "api_request_log")', 'SKIP = ("audit_log",)')],
    # the legacy names kept for the master tables -> tbl_cust, tbl_art instead of customers, products
    "l13-03": [('(("tbl_cust", "customers"), ("tbl_art", "products"))',
                '(("tbl_cust", "tbl_cust"), ("tbl_art", "tbl_art"))')],
    # one table per till, named after the file prefix -> till_01, till_02 instead of sales
    "l13-04": [('op.upsert("sales", {"till": till, **row, "source_file": name})',
                'op.upsert(till.lower(), {**row, "source_file": name})')],
    # CamelCase names only lower-cased -> contactpersons, dealstages
    "l13-05": [('return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()', "return name.lower()")],
    # every nested array becomes a child table -> an extra shipment_events table
    "l13-06": [('                op.upsert("shipments", row)\n',
                '                op.upsert("shipments", row)\n'
                '                for e in s.get("events") or []:\n'
                '                    op.upsert("shipment_events", {"shipment_id": s["shipment_id"], **e})\n')],
    # table named after each file's full stem -> time_entries_2024_05, time_entries_2024_06, ...
    "l13-07": [("        table = _table(name)\n        if table not in KEYS:\n            continue\n",
                '        table = re.sub(r"[^a-z0-9]+", "_", name[:-4].lower())\n')],
    # the Django table names kept -> clinic_practitioner, clinic_patient
    "l13-08": [("                op.upsert(table, dict(r))\n", "                op.upsert(source, dict(r))\n")],
    # every JSON file in the folder is a table -> an extra manifest table
    "l13-09": [("    for table in ENTITIES:\n",
                '    for table in sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")):\n'),
               ("            for row in json.load(fh):\n",
                "            data = json.load(fh)\n"
                "            for row in data if isinstance(data, list) else [data]:\n")],
    # every table in the schema, the hand-made copies included
    "l13-10": [("        if COPIES.search(name):\n            continue\n", "")],
}


def main() -> None:
    out = HERE / "naive"
    shutil.rmtree(out, ignore_errors=True)
    for task, edits in MISTAKES.items():
        shutil.copytree(HERE / "reference" / task, out / task)
        path = out / task / "connector.py"
        text = path.read_text()
        for old, new in edits:
            assert text.count(old) == 1, f"{task}: the mistake does not apply: {old!r}"
            text = text.replace(old, new)
        path.write_text(text)
    print(f"wrote {len(MISTAKES)} naive connectors")


if __name__ == "__main__":
    main()
