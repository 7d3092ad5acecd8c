import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v2/changes"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    since = int(state.get("since", 0))
    while True:
        r = requests.get(url, headers=headers, params={"since": since, "limit": 500}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for ch in body["results"]:
            if ch.get("deleted"):
                op.delete("contacts", {"id": ch["id"]})
            else:
                doc = dict(ch["doc"])
                company = doc.pop("company", None) or {}
                doc["company_name"], doc["company_domain"] = company.get("name"), company.get("domain")
                op.upsert("contacts", doc)
        since = body["last_seq"]
        op.checkpoint({"since": since})
        if True:
            break


connector = Connector(update=update, schema=schema)
