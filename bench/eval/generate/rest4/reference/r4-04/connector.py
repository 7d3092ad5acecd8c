import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shows", "primary_key": ["id"]}, {"table": "episodes", "primary_key": ["id"]}]


def pages(session, url):
    params = {"per_page": 25}
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield from r.json()
        url = r.links.get("next", {}).get("url")
        params = None


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    s = requests.Session()
    s.auth = (configuration["username"], configuration["password"])
    shows = list(pages(s, base + "/api/shows"))
    for show in shows:
        op.upsert("shows", show)
    for show in shows:
        for ep in pages(s, f"{base}/api/shows/{show['id']}/episodes"):
            op.upsert("episodes", ep)
        op.checkpoint(state)


connector = Connector(update=update, schema=schema)
