import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "calls", "primary_key": ["id"]}]


def update(configuration, state):
    url = f"{configuration['calldesk_url'].rstrip('/')}/t/{configuration['tenant']}/calls"
    headers = {"Authorization": "Bearer " + configuration["acct_token"]}
    day = dt.date.fromisoformat(state.get("next_date") or configuration["start_date"])
    today = dt.datetime.now(dt.timezone.utc).date()
    while day <= today:
        end = min(day + dt.timedelta(days=7), today)  # both ends inclusive: 7 days
        page = 1
        while True:
            r = requests.get(url, headers=headers, timeout=30, params={
                "date_from": day.isoformat(), "date_to": end.isoformat(), "page": page, "page_size": 25})
            r.raise_for_status()
            body = r.json()
            for call in body["calls"]:
                op.upsert("calls", call)
            if not body.get("has_more"):
                break
            page += 1
        # the last (possibly partial) day is read again next time
        state = {"next_date": min(end + dt.timedelta(days=1), today).isoformat()}
        op.checkpoint(state)
        day = end + dt.timedelta(days=1)
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
