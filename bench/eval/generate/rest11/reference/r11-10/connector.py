"""Adtrove ad performance through async reports with HMAC-signed calls (Authorization: ADT1-HMAC-SHA256 ...,
signature over METHOD, path, timestamp and the exact body). The range from report_start (or three days before the
last synced day) to yesterday is cut into windows of at most 31 days; each report is polled until DONE and its
presigned download_url fetched WITHOUT the signing header (it refuses one)."""
import base64
import csv
import hashlib
import hmac
import io
import json
import time
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

MAX_DAYS = 31
INTS = {"impressions", "clicks", "conversions"}


def schema(configuration):
    return [{"table": "ad_performance", "primary_key": ["date", "ad_id"]}]


class Adtrove:
    def __init__(self, configuration):
        self.base = configuration["adt_base"].rstrip("/")
        self.account = configuration["adt_account"]
        self.key, self.secret = configuration["adt_key"], configuration["adt_secret"].encode()
        self.session = requests.Session()

    def call(self, method, path, payload=None):
        body = json.dumps(payload) if payload is not None else ""
        ts = str(int(time.time()))
        to_sign = f"{method}\n{urlsplit(self.base + path).path}\n{ts}\n{body}".encode()
        sig = base64.b64encode(hmac.new(self.secret, to_sign, hashlib.sha256).digest()).decode()
        headers = {"Authorization": f"ADT1-HMAC-SHA256 Credential={self.key}, Timestamp={ts}, Signature={sig}"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        return self.session.request(method, self.base + path, data=body.encode() if body else None,
                                    headers=headers, timeout=60)

    def report(self, frm, to):
        reports = f"/v3/accounts/{self.account}/reports"
        r = self.call("POST", reports, {"report_type": "ad_performance", "date_from": frm.isoformat(),
                                        "date_to": to.isoformat(), "format": "csv"})
        if r.status_code >= 400:
            raise RuntimeError(f"report request failed {r.status_code}: {r.text}")
        rid = r.json()["report_id"]
        for _ in range(300):
            time.sleep(0.3)
            r = self.call("GET", f"{reports}/{rid}")
            if r.status_code == 429:
                time.sleep(float(r.headers.get("Retry-After", 1)))
                continue
            r.raise_for_status()
            status = r.json()
            if status["status"] == "DONE":
                return status["download_url"]
            if status["status"] == "FAILED":
                raise RuntimeError(f"report {rid} failed")
        raise RuntimeError(f"report {rid} not done in time")

    def download(self, url):
        r = requests.get(url, timeout=120)  # presigned; must not carry the Authorization header
        if r.status_code >= 400:
            raise RuntimeError(f"download failed {r.status_code}: {r.text[:300]}")
        return r.content.decode("utf-8-sig")


def update(configuration, state):
    api = Adtrove(configuration)
    yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
    start = date.fromisoformat(configuration["report_start"])
    if state.get("synced_through"):
        start = max(start, date.fromisoformat(state["synced_through"]) - timedelta(days=3))
    n = 0
    while start <= yesterday:
        end = min(start + timedelta(days=MAX_DAYS - 1), yesterday)
        text = api.download(api.report(start, end))
        for row in csv.DictReader(io.StringIO(text, newline="")):
            for k in INTS:
                if row.get(k) not in (None, ""):
                    row[k] = int(row[k])
            row["spend"] = float(row["spend"]) if row.get("spend") else None
            op.upsert("ad_performance", row)
            n += 1
        op.checkpoint({"synced_through": end.isoformat()})
        start = end + timedelta(days=1)
    log.info(f"{n} report rows")


connector = Connector(update=update, schema=schema)
