"""Writes tasks.json. The requests were written first, as a user would; the mocks in mocks.py follow them.

Splits: random.Random(56). Tasks of the harder kinds come in pairs (one per kind and per split); each pair is shuffled
and its first task goes to `tune`, its second to `report`. The remaining tasks are shuffled and split in half.
"""
import json
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent

T = []


def task(id, style, source, request, config, expect, unsaid, notes, second_sync=None):
    T.append({"id": id, "split": None, "style": style, "source": source, "request": request.strip("\n"),
              "config": config, "expect": expect, "second_sync": second_sync, "unsaid": unsaid, "notes": notes})


task("r-01", "terse", "crm_contacts",
     "Need a connector for our CRM contacts: GET {base_url}/v1/contacts with a bearer token. Paging is page + per_page "
     "(per_page max 25), keep requesting until page equals total_pages.",
     {"base_url": "{base_url}", "api_token": "{token}"},
     {"tables": {"contacts": 83}},
     ["the records path (data)", "the primary key (id)", "the configuration key names"],
     "The request names no configuration keys; base_url and api_token were chosen. per_page > 25 returns 400; the "
     "default per_page is 20. Contacts carry a nested company object and a tags array.")

task("r-02", "chatty", "ticketly",
     """
Hey there! So we've been using Ticketly for our support desk for a couple of years and we finally want the data in the warehouse. Their API base is {base_url} and you authenticate by putting our key in an X-Api-Key header (I'll pass the key in the config as `api_key` and the address as `base_url`).

The endpoint we care about is GET /api/tickets. It pages with offset and limit. limit can't go over 50, they reject anything bigger, and every response tells you the total count, roughly like {"total": 1234, "offset": 0, "limit": 50, "tickets": [...]}.

Each ticket comes with a little `comments` array inside it. I'd love those in their own table called ticket_comments, with the ticket id on every comment row so we can join back to tickets.

Oh, and fair warning: Ticketly throttles pretty aggressively. You'll randomly get a 429 Too Many Requests with a Retry-After header (in seconds). Just wait that long and try again, please don't fail the whole sync over it. Thanks!!
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"tickets": 257, "ticket_comments": 468}},
     ["the tickets table name (last path segment)", "primary keys (ticket id, comment id)", "the default limit"],
     "429s with Retry-After: 1 come on the 3rd, 8th and 14th gated request; calling again before the wait is over gets "
     "another 429. limit > 50 returns 400. Comment ids are unique across tickets; a (ticket_id, comment id) key gives "
     "the same count.")

task("r-03", "api-doc-excerpt", "adstats",
     """
AdStats Reporting API v2 (excerpt)

Authentication
  Every request takes your key as the `api_key` query parameter.

GET /v2/availability
  Returns the last day whose statistics are final:
    {"latest_complete_day": "2024-03-20"}

GET /v2/stats/daily?from=YYYY-MM-DD&to=YYYY-MM-DD
  Returns one row per campaign for the requested day:
    {"from": "2024-03-04", "to": "2024-03-05",
     "rows": [{"campaign_id": "c-104", "day": "2024-03-04", "impressions": 1203, "clicks": 41, "spend": 18.22}, ...]}
  `from` is inclusive and `to` exclusive. The window must be exactly one day (to = from + 1 day); wider windows are
  rejected with 400. Days after latest_complete_day return 422.

---
Our API lives at {base_url}. Please build a connector that loads these into a table called daily_stats, starting at the start_date in the config and going one day at a time up to whatever /v2/availability says. Checkpoint after each day so the next sync continues from where this one stopped. Config keys: base_url, api_key, start_date.
""",
     {"base_url": "{base_url}", "api_key": "{api_key}", "start_date": "2024-03-01"},
     {"tables": {"daily_stats": 77}},
     ["the primary key (campaign_id + day; rows have no id)", "that campaigns start and stop, so days have different row counts"],
     "First sync covers 2024-03-01..2024-03-20; advance() moves latest_complete_day three days on (to 2024-03-23). "
     "Windows other than one day give 400, days after latest_complete_day give 422. Re-pulling old days is not "
     "detectable from the table counts; check Source.requests for /v2/stats/daily before 2024-03-20 in the second sync.",
     second_sync={"expect": {"tables": {"daily_stats": 89}}})

task("r-04", "curl", "shop_graphql",
     """
We need our product catalog from the storefront's GraphQL API. This is what a call looks like:

    curl -s -X POST '{base_url}/graphql' \\
      -H 'Authorization: Bearer <token>' \\
      -H 'Content-Type: application/json' \\
      -d '{"query": "query Products($first: Int!, $after: String) { products(first: $first, after: $after) { edges { node { id title vendor status priceRange { min max } tags updatedAt } } pageInfo { hasNextPage endCursor } } }", "variables": {"first": 50, "after": null}}'

first can't be more than 50. Keep passing endCursor as `after` while hasNextPage is true. Note the API always answers HTTP 200; problems come back in an `errors` array in the body. If you see one whose extensions.code is THROTTLED, wait a second and send the same request again; any other error should fail the sync.

Table: products. Config: `endpoint` (the full GraphQL URL) and `access_token`.
""",
     {"endpoint": "{base_url}/graphql", "access_token": "{token}"},
     {"tables": {"products": 143}},
     ["the primary key (id)", "the records path (data.products.edges[].node)"],
     "The 3rd GraphQL request gets a THROTTLED error inside HTTP 200 (data null). first > 50 gives a BAD_USER_INPUT "
     "error. The mock returns the full node whatever fields are selected; first/after may be variables or literals.")

task("r-05", "bullets", "fleet_oauth",
     """
Fleet telematics connector, what I need:
- Base URL: {base_url} (config key `base_url`)
- Auth is OAuth2 client credentials: POST /oauth/token with form fields grant_type=client_credentials, client_id and client_secret (config keys `client_id`, `client_secret`). You get back access_token and expires_in.
- Tokens are really short-lived (expires_in is a couple of seconds). A call made with an expired token gets a 401; get a new token and carry on.
- GET /api/vehicles returns {"vehicles": [...], "next_cursor": "...", "has_more": true}. Send the cursor back as ?cursor=. limit can be at most 20.
- For every vehicle: GET /api/vehicles/{id}/trips returns a plain JSON array of that vehicle's trips (no paging).
- Tables: vehicles and trips. Trip rows should carry the vehicle_id.
""",
     {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"vehicles": 95, "trips": 251}},
     ["primary keys (vehicle id, trip id)", "how long a token lives exactly"],
     "Tokens live 2 s (+0.4 s grace); every data call takes 50 ms, so a sync needs several tokens. The token endpoint "
     "only accepts a form body. Some vehicles have no trips. Trip records do not contain vehicle_id; the connector adds it.")

task("r-06", "non-native", "issue_tracker",
     """
Hello, I need connector for our issue tracker. Address is {base_url}, the token we give in header like `Authorization: Token <key>` (key is in config as api_key, address as base_url). Endpoint GET /api/issues, it give back a JSON list directly, not inside object. For next page look at the `Link` header, there is URL with rel="next"; when there is no more rel="next" it is finish. You can put per_page until 100. Server is sometimes not stable and return 503 some times, please retry it, then it works. Table name issues please.
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"issues": 187}},
     ["the primary key (id)", "the default page size (30)"],
     "503 on the 2nd, 3rd and 6th data request (two in a row). The Link header also carries first/prev/last. per_page > "
     "100 returns 400.")

task("r-07", "api-doc-excerpt", "stock_atom",
     """
StockFeed API (pasted from the vendor's PDF)

1. Authentication
   HTTP Basic authentication with the account's username and password.

2. GET /feeds/stock
   Returns an Atom feed. Each <entry> is one stock item. Item fields use the inventory namespace
   urn:stockfeed:inventory:1.0 (prefix inv in the examples):

   <feed xmlns="http://www.w3.org/2005/Atom" xmlns:inv="urn:stockfeed:inventory:1.0">
     <link rel="next" href="{base_url}/feeds/stock?page=2"/>
     <entry>
       <id>urn:stockfeed:item:SKU-10001</id>
       <updated>2024-02-01T10:00:00Z</updated>
       <inv:sku>SKU-10001</inv:sku>
       <inv:name>Umber hinge</inv:name>
       <inv:warehouse code="AMS-1">Amsterdam</inv:warehouse>
       <inv:quantity>42</inv:quantity>
       <inv:unitPrice currency="EUR">9.95</inv:unitPrice>
     </entry>
     ...
   </feed>

   Follow the rel="next" link until a page has none.

We'd like every item as a row in a table called stock_items, keyed by sku. Config: base_url, username, password.
""",
     {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     {"tables": {"stock_items": 61}},
     ["the page size (25, server-side)", "that the self link must not be followed"],
     "Pages of 25 entries; the feed also has a rel=\"self\" link. Responses are application/atom+xml.")

task("r-08", "ticket", "orderhub_search",
     """
Ticket #4471: OrderHub connector
Reporter: Dana (Finance Ops)
Priority: normal

Summary: we need OrderHub orders and their line items in the warehouse.

Details:
OrderHub has no list endpoint for orders, only a search: POST {base_url}/v1/orders/search with a JSON body. Auth header is `Authorization: ApiKey <our key>`. The body is like {"filter": {}, "page_size": 100, "page_token": null}; page_size max is 100. Response: {"results": [...orders...], "next_page_token": "..."}, and next_page_token is null on the last page. Send the token back in the body of the next call.

Each order has `line_items` (an array). Please load them into a separate table order_line_items, and the orders into `orders`.

Known issue: OrderHub sometimes returns a 200 with a cut-off JSON body (a bug in their gateway). Retrying the same request works.

Config we'll provide: base_url, api_key.
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"orders": 219, "order_line_items": 661}},
     ["primary keys (order id, line item id)", "that line items need the order id added"],
     "The 3rd search request gets a truncated JSON body with status 200. page_token/page_size in the query string "
     "give 400; page_size > 100 gives 400.")

task("r-09", "chatty", "tagwise",
     """
Hi! I'm on the ML platform team. We label images in a tool called Tagwise and we want the samples in the warehouse so we can join labels with our training runs. Their API is at {base_url}; auth is a plain bearer token.

The endpoint is GET /api/v1/datasets/<dataset_id>/samples, where dataset_id is something I'll put in the config along with base_url and token. Responses look like {"samples": [...], "meta": {"next": "<opaque cursor>"}}. You pass that back as ?cursor=... to get the next page, and meta.next is null at the end. The page size parameter is `limit`, max 40.

Each sample is pretty rich: an `embedding` array of floats, a `labels` list where each label has a name, a confidence and a bounding box object, plus a nested `source` object with the image url, width and height. Please keep each sample as one row in a `samples` table; the nested bits can stay as JSON columns, that's fine.
""",
     {"base_url": "{base_url}", "token": "{token}", "dataset_id": "ds_7f3a"},
     {"tables": {"samples": 113}},
     ["the primary key (id)", "the default limit (20)"],
     "Unknown dataset ids give 404. Some samples have an empty labels list and annotator null.")

task("r-10", "bullets", "deals_incr",
     """
Deals connector, details:
- base_url and api_key in the config; the key goes in the X-Api-Key header
- GET /api/deals?page=1: 40 deals per page, fixed; response {"deals": [...], "page": 1, "has_more": true}
- it supports updated_since=<ISO-8601 timestamp>: then it returns only deals changed at or after that time, *including deleted ones*, which come back as {"id": ..., "is_deleted": true, "updated_at": ...}
- first sync: full load. Later syncs: only ask for changes with updated_since, from the last sync's high-water mark
- is_deleted: true means delete the row in the destination
- table: deals
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"deals": 126}},
     ["the primary key (id)", "the timestamp format the API wants", "where the base URL is (config only)"],
     "Without updated_since only live deals are listed, so deletes only show up through updated_since. advance(): 5 new "
     "deals, 4 changed, 3 deleted (tombstones), all stamped with the real time of advance().",
     second_sync={"expect": {"tables": {"deals": 131}, "deleted": {"deals": 3}}})

task("r-11", "curl", "members_deleted",
     """
Members connector please. Here's how we call the API today:

    # list members (page_size max 100)
    curl -H "Authorization: Bearer $TOKEN" "{base_url}/v3/members?page=1&page_size=100"
    # -> {"members": [...], "pagination": {"page": 1, "page_size": 100, "total_pages": 3}}

    # ids of members removed since a time (ISO 8601); leave since off to get all of them
    curl -H "Authorization: Bearer $TOKEN" "{base_url}/v3/members/deleted?since=2024-01-01T00:00:00Z"
    # -> {"deleted_ids": ["m_0042", ...]}

Load members into a `members` table (id is the key). Every sync, after loading members, call the deleted endpoint (with since = the previous sync's start time) and mark those ids as deleted. Config keys: base_url, token.
""",
     {"base_url": "{base_url}", "token": "{token}"},
     {"tables": {"members": 204}},
     ["what to do on the first sync (no previous start time)", "that old deleted ids refer to members never loaded"],
     "The deleted endpoint always lists two 2023 deletions (m_9001, m_9002) that were never in the list; deleting them "
     "adds no rows. advance(): 4 members removed (deleted_at = real time), 3 added.",
     second_sync={"expect": {"tables": {"members": 207}, "deleted": {"members": 4}}})

task("r-12", "non-native", "clockwise",
     """
Hi, please make a connector for Clockwise time tracking. Base url is {base_url}, the api key must go as query param `key=...` on every call (config: base_url, key). We need 2 tables:
1) projects: GET /api/projects, this one use offset and limit (limit max 25), answer is {"count": <total>, "results": [...]}
2) time_entries: GET /api/time_entries, this one is different, it use cursor: answer {"entries": [...], "next_cursor": "abc", "has_more": true}, you send cursor=abc for next one. Page size param is `page_size`, max 200.
Both tables primary key is id. Thank you.
""",
     {"base_url": "{base_url}", "key": "{api_key}"},
     {"tables": {"projects": 37, "time_entries": 412}},
     ["default page sizes", "what next_cursor is on the last page (null)"],
     "limit > 25 or page_size > 200 gives 400. Missing key gives 401.")

task("r-13", "ticket", "devices_drift",
     """
[SUPPORT-2291] Device inventory sync keeps breaking after firmware rollout

Context: we pull our IoT device list from {base_url}/api/devices (bearer token; config keys base_url and token). It returns a plain JSON array of all devices, no paging. We want it in a table called devices, keyed on device_id.

Problem: the vendor is mid-migration and fields change shape between days. E.g. `firmware` used to be a number (like 3) and is becoming a string like "3.2.1-rc1", and new fields (a battery level, a location object) show up without notice. Our last connector declared column types and crashed.

Acceptance: the first sync loads all devices; after the vendor's changes (new devices, firmware strings, new fields) the next sync succeeds and has everything, new fields included.
""",
     {"base_url": "{base_url}", "token": "{token}"},
     {"tables": {"devices": 23}},
     ["the names of the new fields", "column types"],
     "advance(): 2 new devices, firmware becomes a string on every device, battery_pct and location appear. A grader may "
     "also check that tester.devices has battery_pct and location columns after the second sync.",
     second_sync={"expect": {"tables": {"devices": 25}}})

task("r-14", "bullets", "pricing_xml",
     """
- Source: our legacy pricing service, XML only, at {base_url}
- Auth: header `Authorization: ApiKey <key>` (config: base_url, api_key)
- Endpoint: GET /pricing/v1/PriceList?offset=0&count=50 (count max 50)
- Response looks like:
    <pl:PriceListResponse xmlns:pl="http://schemas.example.com/pricing/2019" xmlns:m="http://schemas.example.com/money">
      <pl:Paging offset="0" count="50" total="..."/>
      <pl:Prices>
        <pl:Price id="P-000123">
          <pl:Product sku="PR-4410">Quartz Pro</pl:Product>
          <pl:Region>EU</pl:Region>
          <m:Amount currency="EUR">12.50</m:Amount>
          <pl:ValidFrom>2024-01-01</pl:ValidFrom>
        </pl:Price>
        ...
      </pl:Prices>
    </pl:PriceListResponse>
- Keep going with offset += count until offset >= total
- The service throws a 503 now and then; retry with backoff
- Table: prices, primary key = the id attribute
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"prices": 133}},
     ["that ValidTo is optional", "the default count (20)"],
     "503 (HTML body) on the 2nd, 3rd and 6th data request. count > 50 gives 400.")

task("r-15", "non-native", "gql_repos",
     """
Hello team. Our code hosting has only a GraphQL API, at {base_url}/api/graphql (POST, JSON with query and variables). Auth by header X-Api-Key (config: graphql_url, api_key). I want all repositories of the viewer in a table `repositories`. The query is like:

query($cursor: String) { viewer { repositories(first: 25, after: $cursor) { nodes { id name isPrivate primaryLanguage { name } stargazerCount createdAt } pageInfo { hasNextPage endCursor } } } }

Max first is 25. Attention: the server return always HTTP 200 even when error, the error is in "errors" array in the body. When the error type is RATE_LIMITED you must wait a little and retry the same query, other errors are a real failure.
""",
     {"graphql_url": "{base_url}/api/graphql", "api_key": "{api_key}"},
     {"tables": {"repositories": 58}},
     ["the primary key (id)", "the records path (data.viewer.repositories.nodes)"],
     "The 2nd GraphQL request gets {\"data\": null, \"errors\": [{\"type\": \"RATE_LIMITED\"}]} with HTTP 200. first > 25 "
     "gives an INVALID_ARGUMENT error.")

task("r-16", "api-doc-excerpt", "payroll_oauth",
     """
## PayrollCo API: Getting started (excerpt)

### Authentication
PayrollCo uses the OAuth 2.0 client credentials grant. Request a token from `POST /oauth2/token` with `grant_type=client_credentials&scope=read` as a form body, authenticating with your client ID and secret via HTTP Basic. Tokens are valid for `expires_in` seconds, which is intentionally short on sandbox accounts. Requests made with an expired token fail with `401 {"error": "token_expired"}`.

### GET /v1/employees
Paginated. Query parameters: `page` (1-based), `page_size` (max 20).

    {"result": {"items": [ ... ]}, "paging": {"page": 1, "page_size": 20, "total_pages": 8}}

### GET /v1/departments
Returns all departments as a JSON array. Not paginated.

---
We need both in our warehouse (tables `employees` and `departments`). Config keys: `base_url` (ours is {base_url}), `client_id`, `client_secret`.
""",
     {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"employees": 148, "departments": 14}},
     ["primary keys (id)", "how short the token lifetime is", "that the sandbox is slow"],
     "Tokens live 2 s (+0.4 s grace) and every data call takes 0.4 s, so the sync outlives its first token. The token "
     "endpoint requires HTTP Basic client auth, a form body and scope=read.")

task("r-17", "chatty", "erp_export",
     """
Hi! We have a small internal "export" service in front of our old ERP and I'd like to get customers and orders out of it into the warehouse. It's at {base_url} and uses basic auth (username + password; I'll put them in the config together with base_url).

There are two endpoints, /export/customers and /export/orders. Both take ?page=N (starting at 1) and return something like

    {"data": [ {customer}, ... ], "total_pages": <n>}

(orders look the same but with order objects, obviously). The server decides the page size; there's no parameter for it.

It's an old box and it falls over a bit, so expect the odd 503 Service Unavailable. It's fine if you just try again after a short pause. Tables: customers and orders, please.
""",
     {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     {"tables": {"customers": 31, "orders": 95}},
     ["primary keys (customer_no, order_no; there is no id field)", "the page size (10)"],
     "503 (HTML body) on the 3rd, 4th and 9th data request, counted across both endpoints.")

task("r-18", "terse", "items_keyset",
     "Items connector: GET {base_url}/items?after_id=<last id seen>&limit=<n, max 100>, header Authorization: Token "
     "<api_key>. Returns [ {item}, ... ] sorted by id; an empty array means done. Table items.",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"items": 257}},
     ["the primary key (id)", "the first after_id (0 or omitted)", "the name of the base URL config key"],
     "The request names api_key; base_url was chosen for the address. ids have gaps. limit > 100 gives 400.")

task("r-19", "api-doc-excerpt", "billing_ratelimit",
     """
Billing API reference (excerpt)

Rate limiting
  Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (the Unix time, in seconds,
  at which the current window resets). When X-RateLimit-Remaining reaches 0 you must wait until the reset time
  before sending another request. Clients that keep calling after their allowance is used up are locked out for ten
  minutes.

List invoices
  GET /api/v1/invoices
  Authorization: Bearer <token>
  Parameters: limit (1-20, default 10)
  Response:
    {"data": [ ...invoices... ], "links": {"next": "<absolute URL of the next page, or null>"}}
  Request the next URL as is; it already contains the cursor and the limit.

---
I need the invoices in an `invoices` table. Config: base_url (it's {base_url}) and access_token.
""",
     {"base_url": "{base_url}", "access_token": "{token}"},
     {"tables": {"invoices": 174}},
     ["the primary key (id)", "the window size (4 calls per 2 s)"],
     "4 requests per window, Reset is an epoch second about 2 s ahead. A request while Remaining is 0 and before Reset "
     "gets 429 and locks the key (every later call gets 403).")

task("r-20", "non-native", "shoply_ratelimit",
     """
Hi, we are needing a connector for the Shoply partner API. Address {base_url}, key in header X-Api-Key (config: base_url and api_key). First GET /api/stores?page=1 give {"stores": [...], "page": 1, "total_pages": 3} (page size is fixed by server). Then for each store GET /api/stores/<store id>/products?page=1, same style, give {"products": [...], "page": 1, "total_pages": N}. Tables stores and products.
Important: the API is limited. Each answer has header X-RateLimit-Remaining and X-RateLimit-Reset (this one is the number of seconds to wait until the limit resets). If remaining is 0 you must sleep that many seconds before the next call, if not they block the key.
""",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"stores": 12, "products": 128}},
     ["primary keys (id)", "the page sizes (5 stores, 10 products)"],
     "8 requests per 1 s window; calling while Remaining is 0 gets 429 and blocks the key (403 afterwards). One store has "
     "no products (total_pages is still 1).")

task("r-21", "terse", "audit_events",
     "Audit events from {base_url}/v1/events into table `events`. API key goes in ?api_key=. Paginate via the Link "
     "header (rel=next), per_page <= 50. Incremental: on later syncs pass since=<ISO timestamp of the newest "
     "occurred_at you've seen>. Occasionally a response body is truncated JSON; retry it.",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"events": 166}},
     ["the primary key (id)", "the configuration key names", "that `since` is inclusive"],
     "The request names no config keys; base_url and api_key were chosen. Link next URLs keep all query parameters "
     "(including api_key and since). The 2nd data request of the first sync and the 1st of the second sync return a "
     "truncated body with status 200. advance() adds 29 events at the real time of the call. Incrementality is only "
     "visible in Source.requests (second sync should send since=).",
     second_sync={"expect": {"tables": {"events": 195}}})

task("r-22", "curl", "scheduler_jobs",
     """
Could you build a connector for our job scheduler's API? Example:

    $ curl -H 'Authorization: Token 8f2c...e1' '{base_url}/api/v2/jobs?offset=0&limit=100'
    {"data": {"jobs": [{"id": "job_00017", "name": "nightly-etl", "status": "succeeded", "runs": 412, ...}, ...], "total": 321}, "offset": 0, "limit": 100}

limit is capped at 100. Also we get `HTTP/1.1 429 Too Many Requests` with `Retry-After: 2` now and then; honour it. I only want the jobs table. Config: base_url and api_token.
""",
     {"base_url": "{base_url}", "api_token": "{api_key}"},
     {"tables": {"jobs": 321}},
     ["the primary key (id)", "that total sits inside data"],
     "429 with Retry-After: 2 on the 2nd and 5th gated request; retrying before the 2 s are up gets another 429.")

task("r-23", "chatty", "cloud_usage",
     """
Hiya, another one for you. Our cloud provider exposes usage data through a reporting API at {base_url}, with bearer token auth. The catch is that the usage endpoint only ever gives you one day at a time:

GET /reports/usage?start=2024-05-01T00:00:00Z&end=2024-05-02T00:00:00Z

end minus start has to be exactly 24h, midnight to midnight UTC. Every response includes a `data_complete_through` date in the body, which is the last full day they have; asking for anything after that gets you an error. The body is {"usage": [...line items...], "data_complete_through": "2024-05-xx"}.

I'd like a `usage` table going back to the start_date I put in the config, walking forward a day at a time until data_complete_through, and checkpointing after each day so we never re-pull old days. Config: base_url, token, start_date (we'll use 2024-05-01).
""",
     {"base_url": "{base_url}", "token": "{token}", "start_date": "2024-05-01"},
     {"tables": {"usage": 90}},
     ["the primary key (date + service + sku + region; no id field)", "how to learn the bound before the first call"],
     "First sync covers 2024-05-01..2024-05-17; advance() moves data_complete_through to 2024-05-19. Days after the "
     "bound give 400 (the error body also carries data_complete_through). Re-pulling old days is only visible in "
     "Source.requests.",
     second_sync={"expect": {"tables": {"usage": 101}}})

task("r-24", "ticket", "kb_articles",
     """
KB-118: Help-center articles into the warehouse

As an analyst I want help-center articles synced into a table `articles` so that I can report on content freshness.

Notes from engineering:
* API: {base_url}/api/articles, HTTP basic auth with our service account (config keys base_url, username, password)
* Pagination: the response has `next_cursor`; pass it as `cursor`; stop when next_cursor is missing or null. `limit` goes up to 30.
* Incremental: the endpoint accepts `modified_after` (ISO 8601). Use the largest `modified_at` you received as the next sync's starting point. Re-pulling everything every time is not acceptable: it counts against our quota, and once the monthly full-export quota is spent an unfiltered listing returns 403.
* Articles get edited a lot; an edited article must end up as its latest version.
""",
     {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     {"tables": {"articles": 88}},
     ["the records path (articles)", "the primary key (id)", "that the cursor already carries the filter"],
     "After advance() (6 new, 9 edited at the real time), a first-page request without modified_after, or with one older "
     "than the newest modified_at of the first sync, gets 403. The records key is `articles`.",
     second_sync={"expect": {"tables": {"articles": 94}}})

task("r-25", "terse", "users_search",
     "Sync users from {base_url}: POST /api/users/search with header Authorization: ApiKey <api_key> and JSON body "
     "{\"page_size\": <=50, \"page_token\": <next_page_token from the previous response>, \"updated_after\": <ISO "
     "timestamp, optional>}. Response {\"users\": [...], \"next_page_token\": ...}. Users with is_deleted: true must be "
     "deleted in the destination. Table users, incremental on updated_at.",
     {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"users": 77}},
     ["the primary key (id)", "the name of the base URL config key", "what next_page_token is at the end (null)"],
     "No user is flagged on the first sync. advance(): 3 users get is_deleted: true, 2 change, 4 are added (real-time "
     "updated_at). Flagged users stay in every listing.",
     second_sync={"expect": {"tables": {"users": 81}, "deleted": {"users": 3}}})

task("r-26", "api-doc-excerpt", "inference_log",
     """
Inference Log API: Reference

Authentication
  POST /auth/token
  Content-Type: application/json
  {"client_id": "...", "client_secret": "...", "grant_type": "client_credentials"}
  -> {"access_token": "...", "token_type": "Bearer", "expires_in": 1}
  Send the token as `Authorization: Bearer <access_token>`. Expired tokens are rejected with 401.

GET /v1/predictions
  Query: offset (default 0), limit (default 20, max 50)
  Response:
  {
    "predictions": [
      {
        "prediction_id": "pred_000001",
        "model_name": "churn-xgb",
        "model_version": 3,
        "features": {"tenure_months": 14, "plan": "pro", "seats": 5},
        "embedding": [0.013, -0.442, ...],
        "top_k": [{"label": "churn", "p": 0.71}, {"label": "stay", "p": 0.29}],
        "created_at": "2024-04-02T08:15:00Z"
      }
    ],
    "total": 1234
  }
  The record schema is owned by the model team and may change without notice (fields added, types changed).

Base URL: {base_url}
We want a table `predictions` (one row per prediction) and a table `prediction_labels` with one row per entry of top_k (prediction_id, label, p). Config: base_url, client_id, client_secret.
""",
     {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"predictions": 173, "prediction_labels": 398}},
     ["the primary key of prediction_labels (prediction_id + label)", "that the sandbox is slow (0.4 s a call)"],
     "Tokens live 1 s (+0.3 s grace); every data call takes 0.4 s. advance(): 12 new predictions whose model_version is "
     "the string \"4.0-beta\" and which carry new fields latency_ms and explanation.",
     second_sync={"expect": {"tables": {"predictions": 185, "prediction_labels": 425}}})

# ---- splits ------------------------------------------------------------------------------------------------------
PAIRS = [("r-04", "r-15"),  # GraphQL
         ("r-05", "r-16"),  # OAuth2 client credentials with expiry
         ("r-07", "r-14"),  # XML with namespaces
         ("r-03", "r-23"),  # one-day windows
         ("r-02", "r-22"),  # 429 Retry-After
         ("r-06", "r-17"),  # 503
         ("r-08", "r-21"),  # truncated JSON
         ("r-19", "r-20"),  # X-RateLimit headers
         ("r-10", "r-25"),  # is_deleted flags
         ("r-13", "r-26")]  # type change + new fields (r-26 is also OAuth2)
rng = random.Random(56)
split = {}
for pair in PAIRS:
    p = list(pair)
    rng.shuffle(p)
    split[p[0]], split[p[1]] = "tune", "report"
rest = sorted(t["id"] for t in T if t["id"] not in split)
rng.shuffle(rest)
for i, tid in enumerate(rest):
    split[tid] = "tune" if i < len(rest) // 2 else "report"
for t in T:
    t["split"] = split[t["id"]]

assert len(T) == 26 and len({t["id"] for t in T}) == 26
(HERE / "tasks.json").write_text(json.dumps(T, indent=2, ensure_ascii=False) + "\n")
print({s: [t["id"] for t in T if t["split"] == s] for s in ("tune", "report")})
