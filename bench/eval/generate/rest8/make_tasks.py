"""Writes tasks.json (and each reference/<id>/configuration.json from the task's config) for the rest8 set:
ten harder-than-everyday HTTP sources (GraphQL, OAuth2 client credentials, namespaced XML, POST search, windowed
report APIs, soft deletes, flaky servers, mixed pagination with a child table, a payload that changes type).
Edit this file, not tasks.json."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """Need a connector for our Trackly issues. Their API doc is below. Put the GraphQL endpoint URL in `api_url` and my token in `personal_token`. One table, `issues`, with every issue (open and closed).

----- Trackly GraphQL API (v4) -----

Endpoint
  POST {base_url}/graphql
  Every request is a POST with a JSON body: {"query": "...", "variables": {...}}.

Authentication
  Use a personal access token: `Authorization: Bearer <token>`.
  Create one under Settings -> Developer -> Personal tokens. Tokens don't expire unless revoked.

Pagination
  Connections follow the Relay cursor connections spec. Ask for `first` (1-50) items and pass
  `pageInfo.endCursor` as `after` to fetch the next page for as long as `pageInfo.hasNextPage` is true.

Rate limits
  5,000 points per hour per token. A query costs 1 point per 50 nodes requested (minimum 1).
  Check your remaining budget with `X-RateLimit-Remaining` on every response.

Schema (excerpt)
  type Query {
    issues(first: Int, after: String, states: [IssueState!]): IssueConnection!
    projects(first: Int, after: String): ProjectConnection!
    viewer: User!
  }
  type IssueConnection { nodes: [Issue!]!  edges: [IssueEdge!]!  pageInfo: PageInfo!  totalCount: Int! }
  type IssueEdge { cursor: String!  node: Issue! }
  type PageInfo { hasNextPage: Boolean!  hasPreviousPage: Boolean!  startCursor: String  endCursor: String }
  type Issue {
    id: ID!
    number: Int!
    title: String!
    body: String
    state: IssueState!
    priority: Int            # 1 (highest) - 3, null when untriaged
    createdAt: DateTime!
    updatedAt: DateTime!
    closedAt: DateTime
    assignee: User
    labels: [Label!]!
    project: Project
  }
  type User { id: ID!  login: String!  name: String }
  type Label { name: String!  color: String! }
  type Project { id: ID!  key: String!  name: String! }
  enum IssueState { OPEN CLOSED }

Example
  curl -H "Authorization: Bearer $TOKEN" -d '{"query": "{ viewer { login } }"}' {base_url}/graphql

Webhooks
  Subscribe to issue.created, issue.updated and issue.closed under Settings -> Webhooks. Payloads are signed
  with HMAC-SHA256 in `X-Trackly-Signature`.

Changelog
  2024-05  `labels` returns Label objects instead of plain strings.
  2024-02  `Issue.estimate` removed.
"""

R02 = """DATA-2291 - Adreach campaign stats into the warehouse

Type: Story | Priority: High | Reporter: M. Jensen | Component: ingestion

Summary
Marketing wants Adreach's daily campaign report in the warehouse as table `campaign_daily` (one row per date and campaign).

Details
* Auth is OAuth2 client credentials: POST {base_url}/oauth/token, form-encoded, with grant_type=client_credentials, client_id and client_secret. The response has access_token and expires_in. Sandbox tokens only live a few seconds, so the connector has to get a new token when the old one runs out (an expired token gets a 401).
* Report: GET {base_url}/v2/reports/campaign-daily?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD with `Authorization: Bearer <token>`. It only does ONE day per call: start_date has to equal end_date.
* Backfill from the date in config `first_day` up to yesterday, then incremental. Save progress after every day so a failed run picks up where it stopped.
* Conversions get attributed up to two days late, so every run must re-pull the last 3 days.
* Config keys: `host` (API base URL), `oauth_client`, `oauth_secret`, `first_day`.

Acceptance criteria
- campaign_daily matches the Adreach UI for every day from first_day through yesterday
- reruns don't create duplicates
"""

R03 = """can you build a connector for our Shelfware product catalog feed? it's XML unfortunately. this is what a call looks like:

GET {base_url}/catalog/v2/items?page=1&pageSize=2
X-Feed-Key: <our key>

<?xml version="1.0" encoding="UTF-8"?>
<sw:ItemList xmlns:sw="urn:shelfware:catalog:2" page="1" pageSize="2" totalPages="130" totalItems="260">
  <sw:Item id="10201" status="active">
    <sw:Sku>SW-482913</sw:Sku>
    <sw:Name>Cedar lamp</sw:Name>
    <sw:Category>Lighting</sw:Category>
    <sw:Price currency="EUR">48.50</sw:Price>
    <sw:UpdatedAt>2024-01-01T04:10:00Z</sw:UpdatedAt>
    <sw:Stock>
      <sw:Location code="AMS" qty="12"/>
      <sw:Location code="UTR" qty="0"/>
    </sw:Stock>
  </sw:Item>
  <sw:Item id="10204" status="discontinued">
    <sw:Sku>SW-177204</sw:Sku>
    <sw:Name>Fjord kettle</sw:Name>
    <sw:Category>Kitchen</sw:Category>
    <sw:Price currency="EUR">22.00</sw:Price>
    <sw:UpdatedAt>2024-01-01T12:55:00Z</sw:UpdatedAt>
    <sw:Stock>
      <sw:Location code="RTM" qty="3"/>
    </sw:Stock>
  </sw:Item>
</sw:ItemList>

pageSize goes up to 100. I want two tables: `items` (one row per item) and `item_stock` (one row per item per location, with the qty). config keys: `catalog_host` (the base url) and `feed_key`.
"""

R04 = """Leadbase leads connector

- endpoint: POST {base_url}/api/v2/leads/search (the old GET /api/v2/leads list is retired)
- auth header: `Authorization: Token <key>`
- JSON body: {"filter": {...}, "include_deleted": true, "sort": {"field": "id", "order": "asc"}, "page": {"size": 100, "after": "..."}}
- page.size max 100; the response has `data` and `page.next` - send page.next back as page.after to get the next page, it's null on the last one
- incremental: filter on updated_at, e.g. {"updated_at": {"gte": "2024-05-01T00:00:00Z"}}
- include_deleted must be true so we see deletions: deleted leads come back with `is_deleted: true` and must be deleted in the warehouse, not kept as rows
- one table: `leads`, primary key `id`
- config: `crm_base` (base url), `search_token`
"""

R05 = ("Pagepulse daily page stats -> table `page_stats`. GET {base_url}/v1/stats/pages?from=YYYY-MM-DD&to=YYYY-MM-DD "
       "(max 7 days per call), key in header X-Site-Key. Start at `from_date`, incremental after that; the last 2 days "
       "get revised so re-pull those. config: pulse_url, site_key, from_date")

R06 = """hey! so we use Fleetbeat for our vans and I need the trips in our warehouse (table `trips`). their API is... not great lol.

endpoint is {base_url}/api/v1/trips, bearer token auth, cursor pagination (next_cursor in the response, pass it back as ?cursor=, limit max 50).

problem is it's flaky. we randomly get 503s, and sometimes the response just stops halfway through the JSON (status 200, body cut off). they also rate limit pretty hard: every response has X-RateLimit-Remaining and X-RateLimit-Reset headers, and if you keep going once remaining is 0 you get a 429 with no Retry-After. so it needs to be patient and retry instead of dying.

config would be `fleet_api` (that's {base_url}/api/v1) and `bearer` for the token. thanks!!
"""

R07 = """Eventix -> warehouse please. Three tables: `events`, `orders`, and `order_tickets` (the `tickets` array inside each order, one row per ticket). Auth is a header `Api-Key: <key>`. Config keys: `root` (base url) and `eventix_key`.

GET {base_url}/api/events?page=1&page_size=25
{
  "events": [
    {"id": 700, "name": "Fjord Live", "venue": {"name": "Paradiso", "city": "Amsterdam"},
     "starts_at": "2024-01-01T20:00:00Z", "capacity": 800, "seated": false, "status": "on_sale"},
    ...
  ],
  "pagination": {"page": 1, "page_size": 25, "pages": 4, "total": 80}
}

GET {base_url}/api/orders?limit=2
{
  "orders": [
    {"id": "O-24000", "event_id": 731, "buyer": {"name": "Mei Olsen", "email": "mei.olsen7@example.com"},
     "created_at": "2024-01-01T00:00:00Z", "currency": "EUR", "total": "60.00",
     "tickets": [
       {"type": "adult", "seat": null, "price": "25.00", "checked_in": false},
       {"type": "adult", "seat": null, "price": "35.00", "checked_in": true}
     ]},
    {"id": "O-24007", "event_id": 702, "buyer": {"name": "Hugo Dahl", "email": "hugo.dahl31@example.com"},
     "created_at": "2024-01-01T05:00:00Z", "currency": "EUR", "total": "25.00",
     "tickets": [{"type": "adult", "seat": "C14", "price": "25.00", "checked_in": false}]}
  ],
  "next_cursor": "eyJhZnRlciI6IDJ9"
}

events page_size is capped at 25.
"""

R08 = """IT-OPS-482 - Assetly device inventory connector

Context
We need Assetly's device list in the warehouse: table `devices`, key `id`.
API: GET {base_url}/v1/devices with a bearer token. Offset/limit paging (limit up to 100); the response has `devices` and `total`. `modified_since=<ISO timestamp>` returns only devices changed since then - use it so runs are incremental.
Archived devices stay in the API with `archived: true`; they must be deleted in the warehouse.

Heads-up from Assetly's changelog (v2 payload rollout, "goes live in the coming days", no version switch on our side):
> `owner_id` changes from an integer to a string id (e.g. "usr_8kq2m4xp").
> New device fields: `os_build`, `warranty` (object), `tags` (array). More fields may be added without notice.
The connector must survive this without a code change, and new fields should appear as columns by themselves.

Today's response (v1):
{"devices": [{"id": 100000, "hostname": "onyx-000", "serial": "K3MZP8QW2D", "model": "ThinkPad T14", "os": "windows", "owner_id": 231, "site_id": 12, "status": "active", "archived": false, "last_seen_at": "2024-01-01T01:10:00Z", "modified_at": "2024-01-01T01:10:00Z"}], "total": 265, "offset": 0, "limit": 1, "api_version": "1"}

Config: `server` (base URL), `devices_token`.
"""

R09 = """We need Shopwell orders synced into the warehouse (table `orders`, key `id`), incremental on updatedAt. This is what works from my terminal:

# 1. get a token
curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials {base_url}/oauth2/token
{"access_token": "shpat_...", "token_type": "Bearer", "expires_in": 2, "scope": "read_orders"}

(yes, 2 seconds: sandbox tokens are short-lived, prod gives 3600. don't hardcode either)

# 2. query orders
curl -s {base_url}/graphql/v1 \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"query": "query($first: Int!, $after: String, $since: DateTime) { orders(first: $first, after: $after, updatedAfter: $since) { pageInfo { hasNextPage endCursor } edges { node { id name email financialStatus fulfillmentStatus createdAt updatedAt totalPrice { amount currencyCode } customer { id email } lineItems { sku title quantity } } } } }", "variables": {"first": 25}}'

first maxes out at 25. Config keys: `shop_url`, `app_client_id`, `app_client_secret`.
"""

R10 = ("atom feed of weather observations at {base_url}/feeds/observations.atom?key=KEY -> table `observations`, "
       "key = the entry id. follow the rel=next links. server is flaky (503s, sometimes cut-off xml), retry. "
       "config: feed_base, key")

TASKS = [
    {"id": "r8-01", "split": "tune", "style": "vendor-docs", "source": "trackly", "request": R01,
     "config": {"api_url": "{base_url}/graphql", "personal_token": "{token}"},
     "expect": {"tables": {"issues": 230}},
     "unsaid": ["errors come back as HTTP 200 with an `errors` array: a `first` over 50 makes `issues` null with a "
                "MAX_PAGE_SIZE_EXCEEDED error, an unknown field or a syntax error returns only `errors`",
                "`first` is required on connections (omitting it is an error, not a default page size)",
                "without `states` both OPEN and CLOSED issues are returned",
                "cursors are opaque; `nodes` and `edges { node }` both work",
                "introspection is disabled",
                "230 issues: five pages at first: 50"]},
    {"id": "r8-02", "split": "tune", "style": "ticket", "source": "adreach", "request": R02,
     "config": {"host": "{base_url}", "oauth_client": "{client_id}", "oauth_secret": "{client_secret}",
                "first_day": "{start_date}"},
     "expect": {"tables": {"campaign_daily": 216}},
     "second_sync": {"expect": {"tables": {"campaign_daily": 218}}},
     "unsaid": ["tokens live 3 s (expires_in: 3) and each report call takes about 0.1 s, so a backfill outlives "
                "several tokens; an expired token is a 401 with error invalid_token",
                "the token endpoint takes the client id/secret in the form body or as HTTP basic, but rejects a JSON body",
                "today's report is empty (not final yet) and a future date is a 400",
                "report rows have no id: the key is (date, campaign_id); spend is a decimal string",
                "data exists before first_day too (70 days back), so ignoring first_day gives too many rows",
                "second sync: a late-attributed campaign appears on the two most recent days (+2 rows) and "
                "conversions change on the last three"]},
    {"id": "r8-03", "split": "tune", "style": "sample-response", "source": "shelfware", "request": R03,
     "config": {"catalog_host": "{base_url}", "feed_key": "{feed_key}"},
     "expect": {"tables": {"items": 260, "item_stock": 510}},
     "unsaid": ["every element is in the urn:shelfware:catalog:2 namespace (un-namespaced lookups find nothing)",
                "pageSize defaults to 25; over 100 is a 400 with an XML error body",
                "items without stock have an empty <sw:Stock/>; some have an empty <sw:Category/>",
                "item_stock has no id of its own: key (item_id, location)",
                "a page past totalPages is an empty list"]},
    {"id": "r8-04", "split": "tune", "style": "bullets", "source": "leadbase", "request": R04,
     "config": {"crm_base": "{base_url}", "search_token": "{search_key}"},
     "expect": {"tables": {"leads": 306}},
     "second_sync": {"expect": {"tables": {"leads": 316}, "deleted": {"leads": 6}}},
     "unsaid": ["page.after is bound to the query: the same filter, sort and include_deleted must be sent with "
                "every page, otherwise a 400",
                "deleted leads are tombstones {id, is_deleted, updated_at, deleted_at} (4 exist before the first "
                "sync and must make no rows)",
                "page.size defaults to 20; unknown body fields and unknown filter fields are 400s; the GET list is a 410",
                "second sync: 8 leads updated, 10 new, 6 deleted"]},
    {"id": "r8-05", "split": "tune", "style": "terse", "source": "pagepulse", "request": R05,
     "config": {"pulse_url": "{base_url}", "site_key": "{site_key}", "from_date": "{start_date}"},
     "expect": {"tables": {"page_stats": 5266}},
     "second_sync": {"expect": {"tables": {"page_stats": 5406}}},
     "unsaid": ["rows are paged inside a window: limit defaults to 50, max 100, and `next_page_token` (bound to the "
                "from/to) must be sent back; a single day already has more than 100 rows",
                "from and to are both inclusive: 8 days is a 400",
                "rows have no id: key (date, path)",
                "yesterday is empty until it is published (between the syncs), and the day before is revised then",
                "data exists before from_date (90 days back)"]},
    {"id": "r8-06", "split": "tune", "style": "chatty", "source": "fleetbeat", "request": R06,
     "config": {"fleet_api": "{base_url}/api/v1", "bearer": "{token}"},
     "expect": {"tables": {"trips": 420}},
     "unsaid": ["X-RateLimit-Reset is a unix timestamp in seconds, not a number of seconds to wait",
                "the budget is 6 requests per 3-second window",
                "the 503 body is an nginx HTML page; every 5th request is a 503 and others are cut off part-way",
                "limit defaults to 20; 420 trips are 9 pages at 50"]},
    {"id": "r8-07", "split": "tune", "style": "sample-json", "source": "eventix", "request": R07,
     "config": {"root": "{base_url}", "eventix_key": "{api_key}"},
     "expect": {"tables": {"events": 80, "orders": 350, "order_tickets": 1038}},
     "unsaid": ["orders take limit (default 20, max 100) and cursor; next_cursor is null on the last page",
                "tickets have no id and seat is null for unseated events, so the key is (order_id, position in "
                "the array)",
                "events default to page_size 10"]},
    {"id": "r8-08", "split": "tune", "style": "ticket", "source": "assetly", "request": R08,
     "config": {"server": "{base_url}", "devices_token": "{token}"},
     "expect": {"tables": {"devices": 259}},
     "second_sync": {"expect": {"tables": {"devices": 271}, "deleted": {"devices": 5}, "min_columns": {"devices": 13}}},
     "unsaid": ["the v2 payload arrives between the syncs: every device returned has a string owner_id and the "
                "new fields (declaring owner_id as an integer, or casting it, breaks the second sync)",
                "6 devices are archived before the first sync and must make no rows",
                "modified_since is inclusive (>=); limit defaults to 25; total counts the filtered devices",
                "second sync: 20 devices changed, 12 new, 5 archived"]},
    {"id": "r8-09", "split": "tune", "style": "curl", "source": "shopwell", "request": R09,
     "config": {"shop_url": "{base_url}", "app_client_id": "{client_id}", "app_client_secret": "{client_secret}"},
     "expect": {"tables": {"orders": 300}},
     "second_sync": {"expect": {"tables": {"orders": 309}}},
     "unsaid": ["an expired or unknown token is answered with HTTP 200 and errors[].extensions.code "
                "UNAUTHENTICATED, not a 401 (only a missing Authorization header is a 401)",
                "each GraphQL call takes about 0.25 s, so the first sync (12 pages) outlives a 2 s token",
                "`first` over 25 is an error inside the HTTP 200 body (orders null)",
                "updatedAfter is inclusive",
                "second sync: 6 orders updated, 9 new"]},
    {"id": "r8-10", "split": "tune", "style": "terse", "source": "meteofeed", "request": R10,
     "config": {"feed_base": "{base_url}", "key": "{key}"},
     "expect": {"tables": {"observations": 520}},
     "unsaid": ["entries mix the Atom namespace with an obs: namespace (urn:x-meteo:observation:1); station code, "
                "wind speed and direction are attributes",
                "count defaults to 50, max 200; the next link is absolute and keeps key and count",
                "the 2nd of every 4 requests is a 503 with Retry-After: 1, and some 200s carry XML cut off part-way "
                "(the 3rd request is one)"]},
]


def main() -> None:
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2) + "\n")
    for task in TASKS:
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"], indent=2) + "\n")
    print(f"wrote {len(TASKS)} tasks")


if __name__ == "__main__":
    main()
