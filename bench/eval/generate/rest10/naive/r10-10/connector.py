"""Pagerline: X-Pagerline-Token header, GET /api/incidents paged by the Link header (per_page <= 100), later syncs
filtered by since (the previous sync's start); the nested assignments go to incident_assignments."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "incidents", "primary_key": ["id"]},
            {"table": "incident_assignments", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["pagerline_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Pagerline-Token"] = configuration["pagerline_token"]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {"per_page": 250}
    if state.get("since"):
        params["since"] = state["since"]
    url, incidents, assignments = base + "/api/incidents", 0, 0
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        for incident in r.json()["incidents"]:
            nested = incident.pop("assignments", None) or []
            op.upsert("incidents", incident)
            incidents += 1
            for a in nested:
                op.upsert("incident_assignments", {"incident_id": incident["id"], **a})
                assignments += 1
        url, params = r.links.get("next", {}).get("url"), None
    log.info(f"{incidents} incidents, {assignments} assignments")
    op.checkpoint({"since": started})


connector = Connector(update=update, schema=schema)
