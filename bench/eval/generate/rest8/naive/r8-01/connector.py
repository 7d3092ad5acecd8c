"""Trackly issues over GraphQL: bearer PAT, Relay pagination (first <= 50), errors checked in every HTTP 200."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = """
query Issues($first: Int!, $after: String) {
  issues(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id number title body state priority createdAt updatedAt closedAt
      assignee { id login name }
      labels { name color }
      project { id key name }
    }
  }
}
"""


def schema(configuration):
    return [{"table": "issues", "primary_key": ["id"]}]


def gql(configuration, variables):
    r = requests.post(configuration["api_url"], json={"query": QUERY, "variables": variables},
                      headers={"Authorization": "Bearer " + configuration["personal_token"]}, timeout=30)
    r.raise_for_status()
    body = r.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL errors: {body['errors']}")
    return body["data"]


def update(configuration, state):
    after, count = None, 0
    while True:
        conn = gql(configuration, {"first": 100, "after": after})["issues"]
        for issue in conn["nodes"]:
            assignee = issue.pop("assignee") or {}
            project = issue.pop("project") or {}
            issue["assignee_login"] = assignee.get("login")
            issue["project_key"] = project.get("key")
            issue["labels"] = [label["name"] for label in issue["labels"]]
            op.upsert("issues", issue)
            count += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    log.info(f"{count} issues")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
