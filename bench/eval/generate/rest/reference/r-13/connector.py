"""Reference for r-13: device list (top-level array), bearer; no declared column types so drift is absorbed."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "devices", "primary_key": ["device_id"]}]


def update(configuration: dict, state: dict):
    resp = requests.get(f"{configuration['base_url'].rstrip('/')}/api/devices",
                        headers={"Authorization": f"Bearer {configuration['token']}"}, timeout=30)
    resp.raise_for_status()
    for device in resp.json():
        op.upsert("devices", device)
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
