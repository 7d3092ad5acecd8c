"""Reference for r-02: Ticketly tickets + ticket_comments, X-Api-Key, offset/limit (max 50), 429 Retry-After."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "tickets", "primary_key": ["id"]},
            {"table": "ticket_comments", "primary_key": ["id"]}]


def get(session, url, params):
    for _ in range(10):
        resp = session.get(url, params=params, timeout=30)
        if resp.status_code == 429:
            wait = float(resp.headers.get("Retry-After", "1"))
            log.info(f"429, waiting {wait}s")
            time.sleep(wait)
            continue
        resp.raise_for_status()
        return resp.json()
    raise RuntimeError(f"gave up on {url}")


def update(configuration: dict, state: dict):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Api-Key"] = configuration["api_key"]
    offset, limit = 0, 50
    while True:
        body = get(session, f"{base}/api/tickets", {"offset": offset, "limit": limit})
        for ticket in body["tickets"]:
            comments = ticket.pop("comments", None) or []
            op.upsert("tickets", ticket)
            for c in comments:
                op.upsert("ticket_comments", {**c, "ticket_id": ticket["id"]})
        offset += limit
        if offset >= body["total"] or not body["tickets"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
