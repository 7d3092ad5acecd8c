"""Hirewise: bearer token; jobs and candidates follow links.next (absolute URL) with limit <= 100; each
candidate's embedded scorecards (a list, [] or null) become the scorecards table."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "jobs", "primary_key": ["id"]}, {"table": "candidates", "primary_key": ["id"]},
            {"table": "scorecards", "primary_key": ["id"]}]


def pages(session, url):
    params = {"limit": 100}
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body["data"]
        url = body.get("next")
        params = None


def update(configuration, state):
    base = configuration["hirewise_url"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["access_token"]
    for job in pages(session, base + "/v3/jobs"):
        op.upsert("jobs", job)
    for cand in pages(session, base + "/v3/candidates"):
        cards = cand.pop("scorecards", None) or []
        op.upsert("candidates", cand)
        for card in cards:
            op.upsert("scorecards", {"candidate_id": cand["id"], **card})
    log.info("jobs, candidates and scorecards synced")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
