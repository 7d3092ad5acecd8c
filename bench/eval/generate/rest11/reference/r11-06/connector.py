"""Audit events from an Elasticsearch/OpenSearch cluster with search_after: sort on @timestamp plus the keyword
event_id as a tiebreaker (events come in bursts on one millisecond), 1000 hits a page (max_result_window), the
last hit's sort values in the state so the next sync resumes where this one stopped."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

SORT = [{"@timestamp": "asc"}, {"event_id": "asc"}]


def schema(configuration):
    return [{"table": "audit_events", "primary_key": ["event_id"]}]


def update(configuration, state):
    session = requests.Session()
    session.auth = (configuration["es_login"], configuration["es_pass"])
    url = f"{configuration['cluster_url'].rstrip('/')}/{configuration.get('index_pattern') or 'audit-*'}/_search"
    after = state.get("search_after")
    n = 0
    while True:
        body = {"size": 1000, "sort": SORT, "query": {"match_all": {}}}
        if after:
            body["search_after"] = after
        r = session.post(url, json=body, timeout=60)
        if r.status_code >= 400:
            raise RuntimeError(f"search failed {r.status_code}: {r.text[:400]}")
        hits = r.json()["hits"]["hits"]
        for hit in hits:
            op.upsert("audit_events", {**hit["_source"], "_index_name": hit["_index"], "_doc_id": hit["_id"]})
            n += 1
        if not hits:
            break
        after = hits[-1]["sort"]
        op.checkpoint({"search_after": after})
    log.info(f"{n} audit events")
    op.checkpoint({"search_after": after} if after else {})


connector = Connector(update=update, schema=schema)
