import requests
from fivetran_connector_sdk import Connector, Operations as op

QUERY = """query($limit: Int!, $offset: Int!) { invoices(limit: $limit, offset: $offset) { totalCount
  nodes { id number total currency issuedAt customer { id name } lines { sku qty unitPrice } } } }"""


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["id"]},
            {"table": "invoice_lines", "primary_key": ["invoice_id", "line_no"]}]


def update(configuration, state):
    headers = {"Authorization": "Shopkey " + configuration["shopkey"]}
    offset = 0
    while True:
        r = requests.post(configuration["graphql_url"], headers=headers,
                          json={"query": QUERY, "variables": {"limit": 100, "offset": offset}}, timeout=30)
        r.raise_for_status()
        data = r.json()["data"]["invoices"]
        for inv in data["nodes"]:
            lines = inv.pop("lines", []) or []
            customer = inv.pop("customer", None) or {}
            inv["customer_id"], inv["customer_name"] = customer.get("id"), customer.get("name")
            op.upsert("invoices", inv)
            for i, line in enumerate(lines):
                op.upsert("invoice_lines", {"invoice_id": inv["id"], "line_no": i, **line})
        offset += len(data["nodes"])
        if not data["nodes"] or offset >= data["totalCount"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
