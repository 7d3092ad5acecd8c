import requests
from fivetran_connector_sdk import Connector, Operations as op

QUERY = """query($first: Int!, $after: String) {
  projects(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name state createdAt owner { login } members { login role } } }
  }
}"""


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]},
            {"table": "project_members", "primary_key": ["project_id", "login"]}]


def update(configuration, state):
    url = configuration["endpoint_base"].rstrip("/") + "/graphql"
    headers = {"Authorization": "Bearer " + configuration["token"]}
    after = None
    while True:
        r = requests.post(url, headers=headers, json={"query": QUERY, "variables": {"first": 100, "after": after}},
                          timeout=30)
        r.raise_for_status()
        conn = r.json()["data"]["projects"]
        for edge in conn["edges"]:
            node = edge["node"]
            members = node.pop("members", []) or []
            node["owner_login"] = (node.pop("owner", None) or {}).get("login")
            op.upsert("projects", node)
            for m in members:
                op.upsert("project_members", {"project_id": node["id"], **m})
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
