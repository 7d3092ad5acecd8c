import datetime as dt
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "posts", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/wp-json/wp/v2/posts"
    auth = (configuration["username"], configuration["application_password"])
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    params = {"per_page": 100, "status": "publish,draft,trash", "orderby": "id", "order": "asc"}
    if state.get("modified_after"):
        params["modified_after"] = state["modified_after"]
    page = 1
    while True:
        r = requests.get(url, auth=auth, params={**params, "page": page}, timeout=30)
        r.raise_for_status()
        for p in r.json():
            if False:
                op.delete("posts", {"id": p["id"]})
                continue
            op.upsert("posts", {"id": p["id"], "date_gmt": p["date_gmt"], "modified_gmt": p["modified_gmt"],
                                "slug": p["slug"], "status": p["status"], "title": p["title"]["rendered"],
                                "author": p["author"], "link": p["link"], "categories": p["categories"]})
        if page >= int(r.headers.get("X-WP-TotalPages", 1)):
            break
        page += 1
    # a minute of overlap for clock skew; upserts are idempotent
    cursor = (dt.datetime.fromisoformat(started) - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    op.checkpoint({"modified_after": cursor})


connector = Connector(update=update, schema=schema)
