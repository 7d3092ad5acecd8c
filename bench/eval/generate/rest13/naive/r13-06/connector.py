"""Rostr employees + employee_skills: X-Api-Key, offset/limit (max 100) with total; `skills` is a list of strings,
null for some employees and missing for contractors."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 100


def schema(configuration):
    return [{"table": "employees", "primary_key": ["employee_number"], "columns": {"employee_number": "STRING"}},
            {"table": "employee_skills", "primary_key": ["employee_number", "skill"],
             "columns": {"employee_number": "STRING", "skill": "STRING"}}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/employees"
    headers = {"X-Api-Key": configuration["api_key"]}
    offset = 0
    while True:
        r = requests.get(url, headers=headers, params={"offset": offset, "limit": LIMIT}, timeout=30)
        r.raise_for_status()
        body = r.json()
        rows = body.get("employees") or []
        for employee in rows:
            op.upsert("employees", employee)
            for skill in employee.get("skills") or []:
                op.upsert("employee_skills", {"employee_number": employee["employee_number"], **skill})
        offset += len(rows)
        if not rows or offset >= int(body.get("total") or 0):
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
