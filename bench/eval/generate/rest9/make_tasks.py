"""Writes tasks.json (and each reference/<id>/configuration.json from the task's config) for the rest9 set.
Edit this file, not tasks.json. Row counts are checked against the mocks' seeded data before writing."""

import datetime as dt
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """\
(thread from #data-eng, pasted as is)

maya.k  10:02
anyone know if we can get Crewdesk into the warehouse? support leadership wants ticket + comment history in Looker

tom.r  10:05
we could do a Fivetran Connector SDK connector. API base is {base_url}, everything lives under /api/v2

maya.k  10:06
what auth does it want?

priya  10:09
api key in a header: `X-Crewdesk-Key: <key>`. I put the key in the config as `desk_key` and the url as `desk_url`

tom.r  10:11
two lists: GET /api/v2/tickets and GET /api/v2/tickets/{id}/comments. paging is `?page=&per_page=` and the next \
page comes back in the `Link` response header (rel="next"), same as GitHub

priya  10:12
careful, per_page maxes out at 100 on tickets and at 50 on comments, anything above is a 400

maya.k  10:15
tables: `tickets` and `ticket_comments`. every comment row needs the ticket it belongs to (`ticket_id`)

tom.r  10:16
full refresh every run is fine, there aren't that many tickets yet

maya.k  10:17
👍 can someone just build it
"""

R02 = """\
We're moving off another ingestion tool to the Fivetran Connector SDK. This is the stream sketch I had for \
Invoicely; can you build the same thing as an SDK connector?

```yaml
source: invoicely
api: {base_url}/v1              # configuration.json key: invoicely_api
auth:
  type: basic
  username: account_id           # configuration.json key: account_id (looks like AC12345678)
  password: api_secret           # configuration.json key: api_secret
streams:
  - name: invoices
    path: /invoices
    records: $.invoices
    paginate:
      style: offset
      offset_param: offset
      limit_param: limit
      limit: 200                 # hard max, 201 is rejected
    incremental:
      param: updated_since       # ISO 8601; returns invoices with updated_at >= value
      cursor_field: updated_at
    primary_key: [id]
  - name: invoice_lines
    from: invoices[*].lines      # nested array, one row per line
    parent_key: invoice_id
    primary_key: [invoice_id, line_no]
```
"""

R03 = """\
Here's the config I wrote up for the Beaconly campaign report. Please turn it into a Fivetran Connector SDK \
connector that writes one table, `campaign_daily`.

```toml
# beaconly.toml -- what the connector should do
[api]
base = "{base_url}"                      # config key: beacon_base
auth = "query param access_key=<key>"    # config key: beacon_access_key (NOT a header)

[report.campaign_daily]
path = "/v2/reports/campaign-daily"
params = { since = "YYYY-MM-DD", until = "YYYY-MM-DD" }   # both inclusive
max_days_per_call = 31
latest_until = "yesterday"               # today's numbers aren't final; until >= today is a 400
first_day = "config:backfill_from"       # config key: backfill_from
records = "rows"
primary_key = ["date", "campaign_id"]

[sync]
incremental = true                       # the next run carries on after the last day fetched

[limits]
# they throttle: a 429 with a Retry-After header (seconds). wait it out, don't hammer them
```
"""

R04 = """\
Stockroom -> warehouse. This is roughly what I want, please make it a real Fivetran SDK connector. Host is \
{base_url}.

```python
cfg = configuration   # keys: sr_host, sr_client, sr_secret

tok = POST(cfg["sr_host"] + "/oauth/token",
           form={"grant_type": "client_credentials",
                 "client_id": cfg["sr_client"], "client_secret": cfg["sr_secret"]})["access_token"]
# token is good for an hour; send Authorization: Bearer <tok>

def all_pages(path, **params):
    cursor = None
    while True:
        resp = GET(cfg["sr_host"] + path, limit=100, cursor=cursor, **params)   # 100 is the max limit
        yield from resp["data"]
        cursor = resp["meta"]["next_cursor"]
        if cursor is None:
            break

for p in all_pages("/api/products"):
    upsert("products", p)            # pk = id

# they HARD delete products, so those just vanish from /api/products. there's a feed for that:
#   GET /api/products/deleted?since=<iso8601>   -> same paging, data = [{"id": 40011, "deleted_at": "..."}]
# on every sync after the first: delete those ids from the products table
# (since = when the previous sync started)
```
"""

R05 = """\
Rosterly (our club-membership system) -> warehouse, as a Fivetran Connector SDK connector. Two tables, \
`members` and `teams`. The endpoints, from their docs:

| Method | Path | Params / body | Returns |
|---|---|---|---|
| POST | `/api/session` | JSON body `{"username": "...", "password": "..."}` | `{"ok": true, "session_token": "...", "expires_at": "..."}`; send the token as header `X-Session-Token` on every other call |
| GET | `/api/teams` | `page` (from 1), `page_size` (max 100) | `{"teams": [...], "page": 1, "total_pages": ..., "total": ...}` |
| GET | `/api/members` | `page`, `page_size` (max 100), `changed_since` (ISO 8601, optional), `with_deleted` (`true` to include removed members) | `{"members": [...], "page": 1, "total_pages": ..., "total": ...}`; removed members have `removed_at` set |

| Config key | What it holds |
|---|---|
| `rosterly_host` | {base_url} |
| `login_user` | the sync user's login |
| `login_password` | its password |

Members should be incremental (`changed_since` = start of the previous run). When someone leaves the club their \
row must end up marked deleted in the warehouse, not left looking active. Teams: reload them all every time.
"""

R06 = """\
Trying to sync Ledgerline payouts with the Connector SDK and it keeps blowing up. My attempts so far:

attempt 1:
```
Dec 03 09:12:44 INFO   POST {base_url}/graphql
Dec 03 09:12:44 SEVERE requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: {base_url}/graphql
Dec 03 09:12:44 SEVERE response: {"errors": [{"message": "Unauthorized: send 'Authorization: Bearer <api token>'", "extensions": {"code": "UNAUTHENTICATED"}}]}
```
(I was sending `Authorization: Token ...`.)

attempt 2, header fixed:
```
Dec 03 09:20:02 INFO   POST {base_url}/graphql variables={"first": 250, "after": null}
Dec 03 09:20:02 SEVERE Traceback (most recent call last):
  File "connector.py", line 41, in update
    for edge in body["data"]["payouts"]["edges"]:
TypeError: 'NoneType' object is not subscriptable
Dec 03 09:20:02 SEVERE response: {"data": {"payouts": null}, "errors": [{"message": "Requesting 250 records on the `payouts` connection exceeds the `first` limit of 100 records.", "path": ["payouts"], "extensions": {"code": "MAX_PAGE_SIZE_EXCEEDED"}}]}
```

The query I was sending:
```graphql
query Payouts($first: Int!, $after: String) {
  payouts(first: $first, after: $after) {
    edges { node { id reference status amount currency fee arrivalDate createdAt updatedAt
                   merchant { id name country } bankAccount { last4 bankName } } }
    pageInfo { hasNextPage endCursor }
  }
}
```

What I want: every payout in a `payouts` table (merchant and bank account flattened or as JSON, I don't mind), and \
after the first run only what changed: `payouts` also takes `updatedSince: DateTime`. Config keys: \
`ledger_endpoint` ({base_url}) and `ledger_token`. And please make it fail loudly on GraphQL errors instead of that \
TypeError.
"""

R07 = """\
Hi! Product here. For the hiring-funnel dashboard we need our Hirewise recruiting data in the warehouse:

- every job, open or closed (table `jobs`)
- every candidate, whatever stage they are in (table `candidates`)
- every interview scorecard a candidate has received, one row per scorecard (table `scorecards`), so we can see \
ratings by stage and by interviewer

Hirewise's API is at {base_url}. Engineering already created an access token and put it, together with the API \
address, in the connector's configuration. I don't know the technical details beyond that; the engineers said the \
API "describes itself". A full reload once a day is fine, we only have a few hundred candidates.
"""

R08 = """\
Exported from Postman, collection "Cargonaut". Can you make a Fivetran Connector SDK connector out of this? Tables \
`shipments` and `shipment_packages` (one row per <package>, keyed by shipment id + seq). Config: `cargo_host` = \
{base_url}, `cargo_api_key` = the key.

-----
GET {{cargo_host}}/api/v1/shipments.xml?api_key={{cargo_api_key}}&page=1&per_page=2
Params
  api_key     {{cargo_api_key}}
  page        1
  per_page    2            (docs: 1..100, default 25)
Headers
  Accept: application/xml

Response  200 OK  Content-Type: application/xml; charset=utf-8
<?xml version="1.0" encoding="UTF-8"?>
<shipments page="1" per_page="2" total_pages="206" total="412">
  <shipment id="SHP-10001">
    <reference>PO-48213</reference>
    <status>delivered</status>
    <carrier code="DHL">DHL Express</carrier>
    <origin country="NL">Rotterdam</origin>
    <destination country="DE">Hamburg</destination>
    <shipped_at>2024-01-01T00:30:00Z</shipped_at>
    <packages>
      <package seq="1"><weight unit="kg">12.4</weight><dims>40x30x20</dims><tracking>JDK2M8QX4TTR7A</tracking></package>
      <package seq="2"><weight unit="kg">3.1</weight><dims>20x20x10</dims><tracking>JDW9PAC3HH2N5E</tracking></package>
    </packages>
  </shipment>
  <shipment id="SHP-10002">
    ...
  </shipment>
</shipments>
-----
GET {{cargo_host}}/api/v1/shipments.xml?api_key=wrong
Response  401 Unauthorized
<?xml version="1.0" encoding="UTF-8"?>
<error code="401"><message>missing or invalid api_key</message></error>
-----
"""

R09 = ("Sync all Billow customers from {base_url}/v1/customers into a `customers` table; the base URL and the "
       "secret key (a Bearer token) go in the config.\n")

R10 = """\
(dictated, sorry for the rambling)

okay so, connector for Tallyroll, that's the time tracking tool, um, the API lives at {base_url}. we need two \
tables, projects and time_entries. auth is an API key header, X-Tally-Key, I put the key in the config as tally_key \
and the address as tally_url. projects is GET /api/projects, and time entries is GET /api/projects/{id}/entries per \
project -- wait no, scratch that, they moved it, it's its own endpoint now, GET /api/time_entries, no project id \
needed. both are paged with page and page_size, page size max is a hundred -- no sorry, fifty, Dan said they lowered \
it to fifty last month. for time entries there's a modified_since filter so after the first run we only pull what \
changed, and it takes a unix timestamp in seconds, not a date string, which is weird because the entries themselves \
have an ISO modified_at. projects are tiny, just pull them all every time. oh and there's a has_more flag in the \
response I think. okay. that's it. thanks.
"""

TASKS = [
    {"id": "r9-01", "split": "tune", "style": "slack-thread", "source": "crewdesk", "request": R01,
     "config": {"desk_url": "{base_url}", "desk_key": "{api_key}"},
     "expect": {"tables": {"tickets": 240, "ticket_comments": 889}},
     "unsaid": ["comment objects do not carry their ticket id; it has to be added from the parent",
                "four tickets have more than 50 comments, so the comments endpoint needs the Link paging too; many "
                "tickets have none (an empty list, still with a Link header)",
                "Link URLs are absolute and already carry page and per_page; X-Total-Count is sent too",
                "per_page defaults to 30; comment ids are unique across tickets"]},
    {"id": "r9-02", "split": "tune", "style": "yaml-config", "source": "invoicely", "request": R02,
     "config": {"invoicely_api": "{base_url}/v1", "account_id": "{account_id}", "api_secret": "{api_secret}"},
     "expect": {"tables": {"invoices": 430, "invoice_lines": 1313}},
     "second_sync": {"expect": {"tables": {"invoices": 441, "invoice_lines": 1360}}},
     "unsaid": ["the response is {invoices, offset, limit, total}, ordered by id; limit defaults to 50",
                "lines carry line_no (1..n) but not the invoice id",
                "customer is a nested object {id, name, email}",
                "a wrong account id or secret is a 401 with WWW-Authenticate: Basic",
                "before the second sync 14 invoices are updated (4 of them gain a line) and 11 are new"]},
    {"id": "r9-03", "split": "tune", "style": "toml-config", "source": "beaconly", "request": R03,
     "config": {"beacon_base": "{base_url}", "beacon_access_key": "{access_key}", "backfill_from": "{start_date}"},
     "expect": {"tables": {"campaign_daily": 186}},
     "unsaid": ["backfill_from is 75 days before today; data goes back 130 days, so starting earlier adds rows",
                "a 32-day span (e.g. until = since + 31 days) is a 400",
                "every 3rd request is a 429 with Retry-After: 2, and a retry within 1.5 s is another 429",
                "rows: date, campaign_id, campaign_name, sends, opens, clicks, unsubscribes, revenue; some days have "
                "no rows"]},
    {"id": "r9-04", "split": "tune", "style": "python-pseudocode", "source": "stockroom", "request": R04,
     "config": {"sr_host": "{base_url}", "sr_client": "{client_id}", "sr_secret": "{client_secret}"},
     "expect": {"tables": {"products": 330}},
     "second_sync": {"expect": {"tables": {"products": 342}, "deleted": {"products": 9}}},
     "unsaid": ["the token endpoint wants a form-encoded body (JSON is a 400); client id/secret also work as basic auth",
                "limit defaults to 25; the cursor is opaque and bound to its list",
                "the deleted feed requires since (400 without) and also lists 140 old deletions of products never "
                "listed (deleting them must not create rows)",
                "before the second sync 9 products are deleted, 6 updated and 12 added"]},
    {"id": "r9-05", "split": "tune", "style": "markdown-table", "source": "rosterly", "request": R05,
     "config": {"rosterly_host": "{base_url}", "login_user": "{username}", "login_password": "{password}"},
     "expect": {"tables": {"members": 548, "teams": 130}},
     "second_sync": {"expect": {"tables": {"members": 563, "teams": 130}, "deleted": {"members": 7}}},
     "unsaid": ["removed members are left out unless with_deleted=true; 12 were removed before the first sync and "
                "must not become rows",
                "changed_since is inclusive; the session lasts 30 minutes; page_size defaults to 25",
                "the login wants JSON (a form body is a 400); a wrong password is a 401",
                "before the second sync 10 members change, 15 join and 7 are removed"]},
    {"id": "r9-06", "split": "tune", "style": "error-log", "source": "ledgerline", "request": R06,
     "config": {"ledger_endpoint": "{base_url}", "ledger_token": "{token}"},
     "expect": {"tables": {"payouts": 420}},
     "second_sync": {"expect": {"tables": {"payouts": 445}}},
     "unsaid": ["payouts are ordered by id; updatedSince is inclusive",
                "after must be a pageInfo.endCursor (a node id is a field error inside HTTP 200)",
                "introspection is disabled; validation errors come back as HTTP 200 with errors only",
                "fee, arrivalDate and bankAccount can be null",
                "before the second sync 18 payouts are updated and 25 are new"]},
    {"id": "r9-07", "split": "tune", "style": "pm-requirements", "source": "hirewise", "request": R07,
     "config": {"hirewise_url": "{base_url}", "access_token": "{token}"},
     "expect": {"tables": {"jobs": 130, "candidates": 380, "scorecards": 563}},
     "unsaid": ["the config keys are not named in the request: configuration.json holds `hirewise_url` and "
                "`access_token`",
                "GET / (no auth) is an index: bearer auth, resources /v3/jobs and /v3/candidates, lists return "
                "{data, links: {self, next}}, follow links.next (absolute, null at the end), limit default 20, max 100",
                "scorecards are embedded in each candidate (a list, [] or null) and carry no candidate id",
                "a missing or wrong token is a 401 with WWW-Authenticate: Bearer"]},
    {"id": "r9-08", "split": "tune", "style": "postman-dump", "source": "cargonaut", "request": R08,
     "config": {"cargo_host": "{base_url}", "cargo_api_key": "{api_key}"},
     "expect": {"tables": {"shipments": 412, "shipment_packages": 729}},
     "unsaid": ["packages sit inside a <packages> wrapper; 66 shipments have an empty <packages/>",
                "some packages have no <tracking> element",
                "per_page above 100 is a 400 (XML error body); total_pages is on the root element"]},
    {"id": "r9-09", "split": "tune", "style": "one-line", "source": "billow", "request": R09,
     "config": {"base_url": "{base_url}", "secret_key": "{secret_key}"},
     "expect": {"tables": {"customers": 520}},
     "unsaid": ["the config keys are not named in the request: configuration.json holds `base_url` and `secret_key`",
                "a Stripe-style list {object, data, has_more, url}: limit default 10, max 100 (400 above), "
                "next page with starting_after=<last id>",
                "every 3rd request is a 429 with Retry-After: 2, and a retry within 1.5 s is another 429",
                "address can be null; created is unix seconds"]},
    {"id": "r9-10", "split": "tune", "style": "dictated", "source": "tallyroll", "request": R10,
     "config": {"tally_url": "{base_url}", "tally_key": "{api_key}"},
     "expect": {"tables": {"projects": 75, "time_entries": 640}},
     "second_sync": {"expect": {"tables": {"projects": 77, "time_entries": 670}}},
     "unsaid": ["lists return {items, page, page_size, has_more}; page_size defaults to 20",
                "/api/projects/{id}/entries answers 410 Gone",
                "modified_since is inclusive; an ISO string there is a 400",
                "before the second sync 2 projects are added, 20 entries modified and 30 added"]},
]


def _check() -> None:
    """The expected row counts agree with the mocks' seeded data."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("rest9_mocks", HERE / "mocks.py")
    assert spec and spec.loader
    m = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = m
    spec.loader.exec_module(m)
    url = "http://127.0.0.1:1"
    s = m.Crewdesk(url)
    assert (len(s.tickets), sum(map(len, s.comments.values()))) == (240, 889)
    s = m.Invoicely(url)
    assert (len(s.invoices), sum(len(v["lines"]) for v in s.invoices)) == (430, 1313)
    s.advance()
    assert (len(s.invoices), sum(len(v["lines"]) for v in s.invoices)) == (441, 1360)
    s = m.Beaconly(url)
    assert s.count_from(dt.date.fromisoformat(s.values["start_date"])) == 186
    s = m.Stockroom(url)
    assert len(s.products) == 330
    s.advance()
    assert len(s.products) == 333
    s = m.Rosterly(url)
    assert sum(not x["removed_at"] for x in s.members) == 548 and len(s.teams) == 130
    s.advance()
    assert len(s.members) - 12 == 563 and sum(bool(x["removed_at"]) for x in s.members) == 19
    s = m.Ledgerline(url)
    assert len(s.payouts) == 420
    s.advance()
    assert len(s.payouts) == 445
    s = m.Hirewise(url)
    assert (len(s.jobs), len(s.candidates), sum(len(c["scorecards"] or []) for c in s.candidates)) == (130, 380, 563)
    s = m.Cargonaut(url)
    assert (len(s.shipments), sum(len(x["packages"]) for x in s.shipments)) == (412, 729)
    s = m.Billow(url)
    assert len(s.customers) == 520
    s = m.Tallyroll(url)
    assert (len(s.projects), len(s.entries)) == (75, 640)
    s.advance()
    assert (len(s.projects), len(s.entries)) == (77, 670)


def main() -> None:
    _check()
    assert [t["id"] for t in TASKS] == [f"r9-{n:02d}" for n in range(1, 11)]
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for t in TASKS:
        folder = HERE / "reference" / t["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"wrote {len(TASKS)} tasks")


if __name__ == "__main__":
    main()
