import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "pets", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["clinic_url"].rstrip("/") + "/api/pets/"
    headers = {"Authorization": "Token " + configuration["vet_key"]}
    cursor = state.get("modified_after")
    params = {"page_size": 50}
    if cursor:
        params["modified_after"] = cursor
    newest = cursor
    while url:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for pet in body["results"]:
            if pet.get("is_deleted"):
                op.delete("pets", {"id": pet["id"]})
            else:
                op.upsert("pets", pet)
            if newest is None or pet["modified_at"] > newest:
                newest = pet["modified_at"]
        url, params = body.get("next"), None
    op.checkpoint({"modified_after": newest} if newest else state)


connector = Connector(update=update, schema=schema)
