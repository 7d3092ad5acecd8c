"""PlantPal: basic auth, top-level arrays, Link-header pagination (per_page max 30); waterings per plant."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "plants", "primary_key": ["id"]}, {"table": "waterings", "primary_key": ["id"]}]


def pages(session, url):
    params = {"per_page": 30}
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield r.json()
        url = r.links.get("next", {}).get("url")
        params = None  # the next link carries page and per_page


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["username"], configuration["password"])
    plant_ids = []
    for rows in pages(session, base + "/api/plants"):
        for plant in rows:
            op.upsert("plants", plant)
            plant_ids.append(plant["id"])
    for pid in plant_ids:
        for rows in pages(session, f"{base}/api/plants/{pid}/waterings"):
            for watering in rows:
                op.upsert("waterings", {**watering, "plant_id": pid})
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
