"""Fleet API dumps fleet_YYYYMMDDTHHMMZ.json (JSON arrays). vehicles: latest state per vehicle_id;
positions: one row per vehicle_id + reported_at (offline vehicles repeat their last fix). Empty files
(failed runs) are skipped."""
import json
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

DUMP = re.compile(r"^fleet_(\d{8}T\d{4}Z)\.json$")


def schema(configuration):
    return [{"table": "vehicles", "primary_key": ["vehicle_id"]},
            {"table": "positions", "primary_key": ["vehicle_id", "reported_at"]}]


def update(configuration, state):
    folder = configuration["dump_dir"]
    last = state.get("last_dump", "")
    dumps = sorted((m.group(1), n) for n in os.listdir(folder) if (m := DUMP.match(n)))
    for stamp, name in dumps:
        if stamp <= last:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            text = fh.read()
        if text.strip():
            for v in json.loads(text):
                loc, driver = v.get("location") or {}, v.get("driver") or {}
                op.upsert("positions", {"vehicle_id": v["vehicle_id"], "reported_at": v["reported_at"],
                                        "lat": loc.get("lat"), "lon": loc.get("lon"), "speed_kmh": loc.get("speed_kmh"),
                                        "odometer_km": v.get("odometer_km"), "driver_id": driver.get("id")})
                op.upsert("vehicles", {"vehicle_id": v["vehicle_id"], "plate": v.get("plate"),
                                       "driver_id": driver.get("id"), "driver_name": driver.get("name"),
                                       "odometer_km": v.get("odometer_km"), "last_reported_at": v["reported_at"],
                                       "last_lat": loc.get("lat"), "last_lon": loc.get("lon"), "dump": name})
        last = stamp
        op.checkpoint({"last_dump": last})
    op.checkpoint({"last_dump": last})


connector = Connector(update=update, schema=schema)
