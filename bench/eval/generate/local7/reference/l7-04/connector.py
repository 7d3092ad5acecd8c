"""Blog CMS change feed: articles-YYYY-MM-DD.jsonl.gz in `feed_folder`, applied in date order. Each line is
the full article; "deleted": true -> op.delete."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "articles", "primary_key": ["id"]}]


def update(configuration, state):
    folder = configuration["feed_folder"]
    seen = dict(state.get("files", {}))
    for name in sorted(os.listdir(folder)):
        if not (name.startswith("articles-") and name.endswith(".jsonl.gz")):
            continue
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                article = json.loads(line)
                if article.get("deleted"):
                    op.delete("articles", {"id": article["id"]})
                else:
                    op.upsert("articles", article)
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
