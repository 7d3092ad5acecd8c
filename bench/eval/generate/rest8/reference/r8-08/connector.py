"""Assetly devices: offset/limit with total, modified_since incremental, archived -> delete; no column types
declared, so owner_id turning into a string id and new fields in the v2 payload are taken as they come."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "devices", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["server"].rstrip("/") + "/v1/devices"
    headers = {"Authorization": "Bearer " + configuration["devices_token"]}
    since = state.get("modified_since")
    newest = since
    offset = 0
    while True:
        params = {"offset": offset, "limit": 100}
        if since:
            params["modified_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for device in body["devices"]:
            if device.get("archived"):
                op.delete("devices", {"id": device["id"]})
            else:
                op.upsert("devices", device)
            if newest is None or device["modified_at"] > newest:
                newest = device["modified_at"]
        offset += len(body["devices"])
        if not body["devices"] or offset >= body["total"]:
            break
    log.info(f"devices synced through {newest}")
    op.checkpoint({"modified_since": newest})


connector = Connector(update=update, schema=schema)
