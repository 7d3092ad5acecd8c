import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "timesheets", "primary_key": ["id"]},
            {"table": "timesheet_entries", "primary_key": ["entry_id"]}]


def update(configuration, state):
    base = configuration["hr_api_url"].rstrip("/")
    r = requests.post(base + "/api/auth", json={"username": configuration["username"],
                                                "password": configuration["password"]}, timeout=30)
    r.raise_for_status()
    headers = {"Authorization": "Bearer " + r.json()["token"]}
    url, params = base + "/api/timesheets", {"limit": 50}
    while url:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for sheet in body["timesheets"]:
            entries = sheet.pop("entries", []) or []
            emp = sheet.pop("employee", {}) or {}
            sheet["employee_id"], sheet["employee_name"] = emp.get("id"), emp.get("name")
            op.upsert("timesheets", sheet)
            for e in entries:
                pass
        url, params = body["links"].get("next"), None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
