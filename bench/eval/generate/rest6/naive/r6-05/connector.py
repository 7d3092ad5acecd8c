import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "responses", "primary_key": ["id"]}]


def update(configuration, state):
    url = (f"{configuration['base_url'].rstrip('/')}/v1/workspaces/{configuration['workspace_id']}/responses"
           "?page_size=100")
    headers = {"X-Survey-Token": configuration["token"]}
    while url:
        r = requests.get(url, headers=headers, timeout=30)
        r.raise_for_status()
        body = r.json()
        for response in body["responses"].values():
            op.upsert("responses", response)
        url = body.get("next")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
