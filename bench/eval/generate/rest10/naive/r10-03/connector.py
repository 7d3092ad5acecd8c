"""Harbor HR: OAuth2 client credentials (form-encoded POST /oauth/token), employees and departments by cursor
(limit <= 100, next_cursor until null)."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "employees", "primary_key": ["id"]}, {"table": "departments", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["harbor_api"].rstrip("/")
    r = requests.post(base + "/oauth/token", json={"grant_type": "client_credentials",
                                                   "client_id": configuration["harbor_client_id"],
                                                   "client_secret": configuration["harbor_client_secret"]}, timeout=30)
    r.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + r.json()["access_token"]
    for table, path in (("departments", "/v2/departments"), ("employees", "/v2/employees")):
        params, n = {"limit": 100}, 0
        while True:
            r = session.get(base + path, params=params, timeout=30)
            r.raise_for_status()
            body = r.json()
            for row in body["data"]:
                op.upsert(table, row)
                n += 1
            if not body.get("next_cursor"):
                break
            params["cursor"] = body["next_cursor"]
        log.info(f"{n} {table}")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
