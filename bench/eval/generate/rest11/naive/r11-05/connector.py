"""Inkwell CMS over JSON:API: articles with include=author,tags, page[size] 50 (the cap), following links.next.
Attributes are flattened into columns, the author relationship becomes author_id, people from `included` go to
authors (repeated across pages: upserts), tag relationships to article_tags (article_id, tag_id)."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "articles", "primary_key": ["id"]},
            {"table": "authors", "primary_key": ["id"]},
            {"table": "article_tags", "primary_key": ["article_id", "tag_id"]}]


def update(configuration, state):
    session = requests.Session()
    session.headers.update({"Authorization": "Bearer " + configuration["cms_token"],
                            "Accept": "application/vnd.api+json"})
    url = configuration["cms_host"].rstrip("/") + "/jsonapi/articles"
    params = {"include": "author,tags", "page[size]": 100}
    n = 0
    while url:
        r = session.get(url, params=params, timeout=30)
        if r.status_code >= 400:
            raise RuntimeError(f"Inkwell {r.status_code}: {r.text[:300]}")
        doc = r.json()
        for item in doc.get("included") or []:
            if item["type"] == "people":
                op.upsert("authors", {"id": item["id"], **item.get("attributes", {})})
        for art in doc.get("data") or []:
            rels = art.get("relationships") or {}
            author = (rels.get("author") or {}).get("data")
            op.upsert("articles", {"id": art["id"], **art.get("attributes", {}),
                                   "author_id": author["id"] if author else None})
            for tag in (rels.get("tags") or {}).get("data") or []:
                op.upsert("article_tags", {"article_id": art["id"], "tag_id": tag["id"]})
            n += 1
        url = (doc.get("links") or {}).get("next")
        params = None  # links.next carries the query and the cursor
    log.info(f"{n} articles")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
