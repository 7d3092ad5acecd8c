import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "posts", "primary_key": ["id"]},
            {"table": "comments", "primary_key": ["id"]}]


def rows(url, auth):
    page, pages = 1, 1
    while page <= pages:
        r = requests.get(url, auth=auth, params={"page": page, "per_page": 100}, timeout=30)
        r.raise_for_status()
        pages = int(r.headers.get("X-WP-TotalPages", "1"))
        yield from r.json()
        page += 1


def update(configuration, state):
    base = configuration["base_url"].rstrip("/") + "/wp-json/wp/v2"
    auth = (configuration["wp_user"], configuration["wp_app_password"])
    for post in rows(f"{base}/posts", auth):
        op.upsert("posts", post)
    for comment in rows(f"{base}/comments", auth):
        op.upsert("comments", comment)
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
