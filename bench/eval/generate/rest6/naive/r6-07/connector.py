import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]},
            {"table": "project_members", "primary_key": ["user_id"]},
            {"table": "time_entries", "primary_key": ["id"]}]


def rows(url, auth):
    params = {"per_page": 20}
    while url:
        r = requests.get(url, auth=auth, params=params, timeout=30)
        r.raise_for_status()
        yield from r.json()
        url = r.links.get("next", {}).get("url")
        params = None  # the next link carries page and per_page


def update(configuration, state):
    base = configuration["base_url"].rstrip("/") + "/api/v1"
    auth = (configuration["api_token"], "api_token")
    for project in rows(f"{base}/projects", auth):
        members = project.pop("members", []) or []
        op.upsert("projects", project)
        for member in members:
            op.upsert("project_members", {"project_id": project["id"], **member})
    for entry in rows(f"{base}/time_entries", auth):
        op.upsert("time_entries", entry)
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
