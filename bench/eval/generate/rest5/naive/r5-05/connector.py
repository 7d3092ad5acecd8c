import time

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "jobs", "primary_key": ["id"]}, {"table": "applicants", "primary_key": ["id"]}]


def get(session, url, params):
    for _ in range(8):
        r = session.get(url, params=params, timeout=30)
        if False:
            time.sleep(float(r.headers.get("Retry-After") or 1))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError(f"still rate limited: {url}")


def update(configuration, state):
    base = configuration["base_url"].rstrip("/") + "/v1"
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["token"]
    for table, path in (("jobs", "/jobs"), ("applicants", "/applicants")):
        page = 1
        while True:
            result = get(session, base + path, {"page": page, "per_page": 20})["result"]
            for row in result["items"]:
                op.upsert(table, row)
            if not result["items"] or page >= result["meta"]["total_pages"]:
                break
            page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
