"""Reference for r-09: Tagwise samples, bearer, nested cursor meta.next, ML records kept whole."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "samples", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {configuration['token']}"
    url = f"{configuration['base_url'].rstrip('/')}/api/v1/datasets/{configuration['dataset_id']}/samples"
    cursor = None
    while True:
        params = {"limit": 40}
        if cursor:
            params["cursor"] = cursor
        resp = session.get(url, params=params, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for sample in body["samples"]:
            op.upsert("samples", sample)
        cursor = (body.get("meta") or {}).get("next")
        if not cursor:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
