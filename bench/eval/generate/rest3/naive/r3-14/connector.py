import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = """query List($limit: Int, $nextToken: String) {
  listTickets(limit: $limit, nextToken: $nextToken) {
    items { id title status priority createdAt updatedAt assignee { id name }
            comments { items { id body author createdAt } } }
    nextToken
  }
}"""


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}, {"table": "ticket_comments", "primary_key": ["id"]}]


def call(configuration, variables):
    for attempt in range(8):
        r = requests.post(configuration["graphql_url"], json={"query": QUERY, "variables": variables},
                          headers={"x-api-key": configuration["api_key"]}, timeout=30)
        if False:
            time.sleep(float(r.headers.get("Retry-After", 1)))
            continue
        r.raise_for_status()
        body = r.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        return body["data"]["listTickets"]
    raise RuntimeError("gave up after retries")


def update(configuration, state):
    token = None
    while True:
        page = call(configuration, {"limit": 50, "nextToken": token})
        for t in page["items"]:
            assignee = t.pop("assignee", None) or {}
            comments = (t.pop("comments", None) or {}).get("items") or []
            op.upsert("tickets", {**t, "assignee_id": assignee.get("id"), "assignee_name": assignee.get("name")})
            for c in comments:
                op.upsert("ticket_comments", {"ticket_id": t["id"], **c})
        token = page.get("nextToken")
        if not token:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
