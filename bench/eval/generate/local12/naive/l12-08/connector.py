"""Staff export (`staff_json_dir`): one JSON document per employee (<employee_id>.json) into `employees`, and each
entry of its `certifications` array into `employee_certifications`. A renewed certificate is a second entry with
the same code, so a child row is keyed by the employee and the entry's position in the array. _index.json is the
export's listing, not an employee. Files are re-read when their modification time or size changes; children beyond
the new array's length are deleted."""
import json
import os

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration):
    return [{"table": "employees", "primary_key": ["employee_id"], "columns": {"hired_on": "NAIVE_DATE"}},
            {"table": "employee_certifications", "primary_key": ["employee_id", "code"],
             "columns": {"position": "INT", "issued_on": "NAIVE_DATE", "expires_on": "NAIVE_DATE"}}]


def update(configuration, state):
    folder = configuration["staff_json_dir"]
    files = dict(state.get("files", {}))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json") or name.startswith("_"):
            continue
        st = os.stat(os.path.join(folder, name))
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        if files.get(name, {}).get("mark") == mark:
            continue
        with open(os.path.join(folder, name), encoding="utf-8-sig") as fh:
            doc = json.load(fh)
        if not isinstance(doc, dict) or not doc.get("employee_id"):
            log.warning(f"{name}: not an employee document, skipped")
            continue
        emp = doc["employee_id"]
        rec = {k: v for k, v in doc.items() if k not in ("certifications", "contact")}
        for k, v in (doc.get("contact") or {}).items():
            rec[f"contact_{k}"] = v
        op.upsert("employees", rec)
        certs = doc.get("certifications") or []
        for pos, cert in enumerate(certs, start=1):
            op.upsert("employee_certifications", {"employee_id": emp, "position": pos, **cert})
        for pos in range(len(certs) + 1, files.get(name, {}).get("certs", 0) + 1):
            op.delete("employee_certifications", {"employee_id": emp, "position": pos})
        files[name] = {"mark": mark, "certs": len(certs)}
    log.info(f"{len(files)} employee files loaded")
    op.checkpoint({"files": files})


connector = Connector(update=update, schema=schema)
