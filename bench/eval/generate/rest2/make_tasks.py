"""Writes tasks.json (kept as Python so the multi-line requests stay readable)."""
import json
import pathlib

T = []


def task(id, style, source, request, config, expect, unsaid, second=None):
    t = {"id": id, "split": "tune", "style": style, "source": source, "request": request.strip("\n"),
         "config": config, "expect": expect}
    if second:
        t["second_sync"] = {"expect": second}
    t["unsaid"] = unsaid
    T.append(t)


task("r2-01", "terse", "helpdesk", """
Pull all helpdesk tickets into a `tickets` table: GET {base_url}/api/v2/tickets, Bearer <api_token>, ?page=&per_page= (per_page max 50).
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
     {"tables": {"tickets": 128}, "min_columns": {"tickets": 6}},
     ["stop using total_pages from the body (or an empty page), not after the first page",
      "per_page above 50 is a 400", "id is the primary key", "tags is a list: store it as JSON"])

task("r2-02", "chatty", "warehouse", """
Hi! So we use this inventory system called Octo at work and my manager wants all our items in the warehouse
(the data warehouse, not the physical one haha). The API lives at {base_url}/v3/items and I've put that base
URL in the config as `api_url`. You authenticate by sending our key in a header called X-Octo-Secret - the key
is in the config as `octo_secret`.

It's offset/limit based, and the docs say limit can't go above 100 (I tried 500 once and got an error lol).
The response is kind of buried: everything's under data -> result -> items, and there's a `total` right next
to the items. Each item has a `sku` which is unique, plus a list of `locations` (warehouse code + qty).

Could you put the items in an `items` table and the locations in a separate `item_locations` table so we can
join them? Thanks so much!!
""", {"api_url": "{base_url}", "octo_secret": "{api_key}"},
     {"tables": {"items": 237, "item_locations": 357}, "min_columns": {"items": 5, "item_locations": 3}},
     ["records are three levels deep: data.result.items", "page until offset >= data.result.total",
      "primary key is sku, not id", "item_locations needs the parent sku plus the warehouse as its key",
      "items with no locations still belong in items", "X-Octo-Secret header, not Authorization"])

task("r2-03", "api-doc-excerpt", "crm", """
Sync contacts from Pinnacle CRM into a `contacts` table, incrementally. Relevant bits of their docs:

## Authentication
Every request must carry `Authorization: Pnk <API_KEY>`. Bearer tokens are rejected.

## GET /api/contacts
| parameter     | description                                                        |
|---------------|--------------------------------------------------------------------|
| page_size     | 1-100, default 25                                                  |
| cursor        | opaque; take it from `meta.pagination.next_cursor` of the last page |
| updated_after | ISO-8601 timestamp; only contacts updated strictly after it        |

Response
    {"data": {"contacts": [{"id": "ct_...", "email": "...", ..., "updated_at": "2024-...Z"}, ...]},
     "meta": {"pagination": {"page_size": 25, "next_cursor": "..." | null}}}

Base URL: {base_url}. My configuration.json is {"base_url": "...", "api_key": "..."}.
""", {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"contacts": 150}, "min_columns": {"contacts": 6}},
     ["custom Authorization scheme 'Pnk', not Bearer", "cursor sits in meta.pagination.next_cursor; null ends",
      "records sit in data.contacts", "keep the newest updated_at in state and send it as updated_after",
      "updated contacts replace their row (primary key id)"],
     {"tables": {"contacts": 156}})

task("r2-04", "curl", "shop", """
can you make a connector for our shop orders, this is what the api gives:

$ curl -i "{base_url}/v1/orders?apikey=$KEY&per_page=25&page=1"
HTTP/1.1 200 OK
Content-Type: application/json
X-Total-Count: 88
Link: <{base_url}/v1/orders?apikey=...&page=2&per_page=25>; rel="next", <{base_url}/v1/orders?apikey=...&page=4&per_page=25>; rel="last", <...>; rel="first"

[{"id": 70001, "number": "#1001", "customer_email": "...", "total_cents": 4599, "currency": "EUR", "status": "paid", "created_at": "2024-01-01T00:00:00Z"}, ...]

per_page over 25 = 400 error. configuration.json has `base_url` and `apikey`. table name: orders
""", {"base_url": "{base_url}", "apikey": "{api_key}"},
     {"tables": {"orders": 88}, "min_columns": {"orders": 7}},
     ["follow the Link header's rel=next until there is none", "the key goes in the query string as apikey",
      "the body is a bare JSON list", "new fields on later orders (coupon_code, gift) must become columns"],
     {"tables": {"orders": 97}, "min_columns": {"orders": 9}})

task("r2-05", "bullets", "telemetry", """
Connector request - device telemetry
- base URL is in the config as `host` (no trailing slash)
- GET /events, HTTP basic auth with `username` / `password` from the config
- response is a plain JSON array of events; `event_id` is unique
- `limit` query param, max 100
- next page: the response HEADER `X-Next-Cursor`; send it back as `?cursor=...`. No header = last page
- they throttle hard: expect 429s with a Retry-After header, just wait and retry
- destination table: `device_events`
""", {"host": "{base_url}", "username": "{username}", "password": "{password}"},
     {"tables": {"device_events": 173}, "min_columns": {"device_events": 5}},
     ["the cursor is in a response header, not the body", "honour Retry-After on 429 and retry the same page",
      "primary key event_id", "limit <= 100"])

task("r2-06", "ticket", "logistics", """
LOG-4471  Shipments + tracking events connector
Reporter: ops-analytics    Priority: High

We need shipment data from the carrier aggregator API (base URL {base_url}) in two tables: `shipments`
and `shipment_events`.

* Auth: OAuth2 client credentials. POST /oauth/token with a form-encoded body (grant_type=client_credentials,
  client_id, client_secret) and use the access_token as a Bearer token.
* Known issue: their tokens get revoked after a handful of calls no matter what expires_in says; the API then
  answers 401 {"error": "invalid_token"}. Our old script died halfway through because of that, so the connector
  must fetch a fresh token and retry the call.
* GET /v1/shipments -> {"shipments": [...], "next": "<absolute URL of the next page>" or null}
* Tracking events: GET /v1/shipments/{shipment_id}/events -> {"shipment_id": "...", "events": [...]}

Config we will pass: base_url, client_id, client_secret.
""", {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"shipments": 64, "shipment_events": 179}, "min_columns": {"shipments": 6}},
     ["re-authenticate on 401 invalid_token and repeat the request", "follow the absolute next URL as given",
      "the token endpoint wants form encoding, not JSON", "one events call per shipment",
      "shipment_events rows should carry the shipment id"])

task("r2-07", "non-native", "community", """
hello, i need connector for our forum members.
first you must login: POST {base_url}/auth/login with json body username and password, in the answer you
receive session.token . this token go in header X-Session-Token for every call (not Authorization!).
member list is GET {base_url}/api/members , it give {"members": [...]} sorted by id.
for next page you give after_id = the last id of page you got. limit maximum is 200, more is error.
when list come empty it is finish.
please in next sync only take new members, not read all again.
table name `members`. config have base_url, username, password.
""", {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     {"tables": {"members": 300}, "min_columns": {"members": 5}},
     ["log in once with a JSON body and send X-Session-Token", "keyset pagination on the last id, ids have gaps",
      "limit <= 200", "keep the last id in state so the next sync starts after it"],
     {"tables": {"members": 340}})

task("r2-08", "api-doc-excerpt", "projects", """
Need projects (and who is on them) from our PM tool's GraphQL API. From the API reference:

  Endpoint: POST {base_url}/graphql    Header: Authorization: Bearer <token>

  projects(first: Int!, after: String): ProjectConnection!
      Relay-style connection. `first` must be between 1 and 50.
  type ProjectConnection { totalCount: Int!  edges: [ProjectEdge!]!  pageInfo: PageInfo! }
  type ProjectEdge      { cursor: String!  node: Project! }
  type PageInfo         { hasNextPage: Boolean!  endCursor: String }
  type Project          { id: ID!  name: String!  state: ProjectState!  createdAt: DateTime!
                          owner: User!  members: [Membership!]! }
  type User             { login: String! }
  type Membership       { login: String!  role: Role! }

Tables: `projects` and `project_members` (one row per project + member login).
Config keys: endpoint_base, token.
""", {"endpoint_base": "{base_url}", "token": "{token}"},
     {"tables": {"projects": 45, "project_members": 118}, "min_columns": {"projects": 4}},
     ["GraphQL over POST with first <= 50 and after = pageInfo.endCursor", "stop when hasNextPage is false",
      "records are at data.projects.edges[].node", "members become child rows keyed by project id + login"])

task("r2-09", "terse", "directory", """
Connector for {base_url}/v1/people -> table `people`. Header `Api-Secret-Key: <secret_key>`. Response is {"data": {"<person_id>": {...}, ...}, "has_more": true}; next pages via ?page=2 etc.
""", {"base_url": "{base_url}", "secret_key": "{api_key}"},
     {"tables": {"people": 95}, "min_columns": {"people": 5}},
     ["records are a dict keyed by person id; the id is not inside the record and must become a column",
      "page until has_more is false", "custom header Api-Secret-Key"])

task("r2-10", "curl", "analytics", """
Here's how I pull our sessions report by hand today:

  curl -u "$ANALYTICS_KEY:" "{base_url}/api/v1/reports/sessions?offset=0&limit=200"

  {"columns": ["session_id", "started_at", "country", "pages", "duration_s", "bounced"],
   "rows": [["s0a1b2c3d4e", "2024-01-01T00:00:00Z", "US", 4, 31.5, false], ...],
   "total": 333, "offset": 0}

limit tops out at 200. The service is a bit flaky and throws the odd 503 - just retry those.
I want it in a table called `sessions`.
configuration.json: {"base_url": "https://...", "analytics_key": "..."}
""", {"base_url": "{base_url}", "analytics_key": "{api_key}"},
     {"tables": {"sessions": 333}, "min_columns": {"sessions": 6}},
     ["basic auth with the key as username and an empty password", "zip columns with each row array",
      "offset paging until total", "retry 503s (HTML body)", "primary key session_id"])

task("r2-11", "non-native", "catalog_xml", """
Hallo, our supplier give the product catalog only like XML.
URL is {base_url}/feed/products.xml?token=XXX&page=1  (token is in query string; in config we have it as
`feed_token`, and the base as `feed_url`).
Every page have 15 products; when a page have no <product> anymore you are at the end.
Format is like this:
<catalog page="1">
  <product id="A10000"><name>...</name><price>12</price><stock>3</stock><updated>2024-01-01T00:00:00Z</updated></product>
  ...
</catalog>
Please make table `products`, the id is the attribute of <product>.
Supplier say soon they add more fields and price can come with decimals, the connector must not break then.
""", {"feed_url": "{base_url}", "feed_token": "{token}"},
     {"tables": {"products": 77}, "min_columns": {"products": 5}},
     ["parse XML, id from the attribute", "stop at the first page with no product",
      "do not force price to an integer: decimals arrive in sync 2", "unknown child elements become columns"],
     {"tables": {"products": 80}, "min_columns": {"products": 6}})

task("r2-12", "api-doc-excerpt", "usage", """
Please build a connector for the Metrix usage API -> table `daily_usage` (one row per date + metric).

Auth
  POST {base_url}/oauth2/token with a JSON body
  {"grant_type": "client_credentials", "client_id": "...", "client_secret": "..."}  -> {"access_token": "...", ...}
  Send it as Authorization: Bearer <access_token>.

Endpoints
  GET /v2/usage/bounds   -> {"earliest_date": "2024-01-01", "latest_complete_date": "YYYY-MM-DD"}
  GET /v2/usage/daily?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD
      -> {"window": {...}, "records": [{"date": "...", "metric": "...", "value": ...}, ...]}
      The window is inclusive on both ends and may span at most 7 days.
      Dates after latest_complete_date are rejected with 400.

Rate limiting
  Every response carries X-RateLimit-Limit / X-RateLimit-Remaining / X-RateLimit-Reset (seconds).
  Over the limit: 429.

Backfill from earliest_date; later syncs should only fetch days that became complete since the last run.
Config: base_url, client_id, client_secret.
""", {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"daily_usage": 150}, "min_columns": {"daily_usage": 3}},
     ["token request is JSON, not form", "windows of at most 7 days, end date inclusive",
      "never ask past latest_complete_date", "wait on 429 using X-RateLimit-Reset (no Retry-After)",
      "composite key date + metric", "state keeps the last complete date"],
     {"tables": {"daily_usage": 171}})

task("r2-13", "bullets", "deals", """
* API: Dealflow, base url in config as `base_url`
* auth header: `X-Dealflow-Auth: <api_key>` (config key `api_key`)
* GET /api/deals?modified_since=<ISO timestamp>&page=<n> -> {"items": [...], "more": true|false}
* deletions: GET /api/deals/deleted?since=<ISO timestamp> -> {"deleted_ids": [...]}
* table `deals`, incremental on modified_at
* deals deleted in Dealflow must show up as deleted in the warehouse
""", {"base_url": "{base_url}", "api_key": "{api_key}"},
     {"tables": {"deals": 120}, "min_columns": {"deals": 5}},
     ["page until more is false", "state holds the newest modified_at (and the deletions cursor)",
      "op.delete for each deleted id; ids deleted before the first sync must not create rows"],
     {"tables": {"deals": 124}, "deleted": {"deals": 6}})

task("r2-14", "ticket", "tasks", """
DATA-212: Sync Taskboard tasks to the warehouse (table `tasks`)

Context: Taskboard API, base {base_url}. Auth header `Authorization: Bearer <api_token>`.
Endpoint: GET /api/tasks?updated_after=<ISO8601>&cursor=<next_cursor>
Returns {"results": [...], "next_cursor": "..."}; a null next_cursor means done.

Acceptance criteria
1. Incremental on updated_at.
2. When a task is archived in Taskboard (`archived: true`) it must be marked deleted in the warehouse,
   not just updated.
3. Must survive the API's occasional garbage responses - we have seen cut-off JSON bodies with status 200.
   Retry those.

Config: {"base_url": "...", "api_token": "..."}
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
     {"tables": {"tasks": 90}, "min_columns": {"tasks": 4}},
     ["retry a 200 whose body is not valid JSON", "archived tasks -> op.delete", "cursor in the body",
      "state holds the newest updated_at"],
     {"tables": {"tasks": 93}, "deleted": {"tasks": 8}})

task("r2-15", "non-native", "chat", """
Hi, I am need sync of chat messages into table `messages`.
API use OAuth2 client credentials: POST {base_url}/oauth/token with grant_type=client_credentials in form body,
the client id and secret go like HTTP Basic auth header (not in the body).
The token is valid very short time (look expires_in, it is seconds), after that you get 401.
Messages: GET {base_url}/api/messages?since_id=0&count=100  - count can not be more than 100.
Answer is like {"response": {"status": "ok", "body": {"messages": [ ... ]}}}, oldest first.
Next page you take with since_id = biggest id you already have. Next sync must continue from last id.
Config keys: base_url, client_id, client_secret.
""", {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
     {"tables": {"messages": 230}, "min_columns": {"messages": 5}},
     ["client auth by HTTP basic on the token call", "token lives 1 s: refresh by expires_in or on 401",
      "records at response.body.messages", "since_id keyset paging until an empty page",
      "state keeps the last id; new field reactions (an object) in sync 2"],
     {"tables": {"messages": 255}, "min_columns": {"messages": 6}})

task("r2-16", "chatty", "billing", """
Hey there - hoping you can help me get our invoices out of Ledgerly. They only have a GraphQL API
(the endpoint is {base_url}/graphql). Weird auth: the header is `Authorization: Shopkey <key>` - yes,
literally the word Shopkey instead of Bearer.

The query I've been playing with in their explorer is:

  { invoices(limit: 100, offset: 0) { totalCount nodes { id number total currency issuedAt
      customer { id name } lines { sku qty unitPrice } } } }

100 is the most it lets me ask for at once. I'd love an `invoices` table and an `invoice_lines` table
with the line items (linked back by invoice id). My config has `graphql_url` (the full endpoint) and
`shopkey`. Cheers!
""", {"graphql_url": "{base_url}/graphql", "shopkey": "{api_key}"},
     {"tables": {"invoices": 210, "invoice_lines": 416}, "min_columns": {"invoices": 5, "invoice_lines": 4}},
     ["offset paging until totalCount", "limit <= 100", "Authorization: Shopkey scheme",
      "lines have no id: key by invoice id + line index"])

pathlib.Path(__file__).with_name("tasks.json").write_text(json.dumps(T, indent=2) + "\n")
print(len(T), "tasks")
