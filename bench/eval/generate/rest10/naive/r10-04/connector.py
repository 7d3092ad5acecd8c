"""Trackly: HTTP basic (email, API token); projects and each project's tasks, both paged by the Link header's
rel="next" (per_page <= 50); tasks get their project_id."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]}, {"table": "tasks", "primary_key": ["id"]}]


def pages(session, url, follow=True):
    params = {"per_page": 50}
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield from r.json()
        url = r.links.get("next", {}).get("url") if follow else None
        params = None  # the next URL carries its own query


def update(configuration, state):
    base = configuration["trackly_url"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["trackly_email"], configuration["trackly_token"])
    projects = tasks = 0
    for project in pages(session, base + "/api/projects"):
        op.upsert("projects", project)
        projects += 1
        for task in pages(session, f"{base}/api/projects/{project['id']}/tasks", follow=False):
            op.upsert("tasks", {**task, "project_id": project["id"]})
            tasks += 1
    log.info(f"{projects} projects, {tasks} tasks")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
