"""Writes tasks.json for the rest3 set (and each reference's configuration.json from the task's config).

The split is drawn with random.Random(91): for every style that has two tasks, rng.sample picks one of the
pair for "tune"; then rng.sample picks two of the four single-task styles for "tune". Everything else is
"report" (7 + 7).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

T: list[dict] = []


def task(id_: str, style: str, source: str, request: str, config: dict, expect: dict, unsaid: list[str],
         second: dict | None = None) -> None:
    t = {"id": id_, "split": None, "style": style, "source": source, "request": request.strip() + "\n",
         "config": config, "expect": expect}
    if second:
        t["second_sync"] = {"expect": second}
    t["unsaid"] = unsaid
    T.append(t)


# ------------------------------------------------------------------------------------------------ r3-01
task("r3-01", "terse", "oncall", """
pull incidents from our on-call tool -> table `incidents`. GET {base_url}/incidents, header `Authorization: Token token={api_key}`, offset+limit paging (limit max 100). flatten the service and the assignee. config keys base_url, api_key
""", {"base_url": "{base_url}", "api_key": "{api_key}"},
    {"tables": {"incidents": 237}, "min_columns": {"incidents": 6}},
    ["paging ends on the body flag `more`; `total` is null, so it cannot be used",
     "incident ids are opaque strings, not numbers",
     "`service` is an object and the assignee sits in an `assignments` array",
     "the limit default is 25, so a call without limit silently gets small pages"])

# ------------------------------------------------------------------------------------------------ r3-02
task("r3-02", "chatty", "schools", """
Hi there,

Hope you're well! I'm the data person at the Riverside school trust and I've been asked (on fairly short notice,
as usual) to get our school/class roster data into the warehouse through Fivetran. Our roster vendor has an API
and our account rep told me you can write a custom connector for something like this.

What I know so far:
- The API lives at {base_url} and uses plain username + password (HTTP basic). The integration user is
  {username} with password {password}; I'll put them in the connector config as `username` and `password`
  next to `base_url`.
- There's a list of schools at /v1/schools, and for each school you can get its classes at
  /v1/schools/<school id>/classes.
- The responses have a "links" section with a "next" entry when there's more to fetch. Our bigger schools
  definitely have more classes than fit in one response.
- A few of our schools are closed/merged now and the vendor keeps them around. When I tried the classes call on
  one of those in Postman it came back with an error rather than an empty list. That's expected, nothing to see
  there, please just skip them (but we still want the school itself in the schools table).
- One thing I noticed: the class "id" is just 1, 2, 3... inside each school, so two schools both have a class 1.
  The class records don't say which school they belong to either.

What we'd like is two tables: `schools` (one row per school) and `classes` (one row per class, with the school it
belongs to). A full refresh every time is totally fine, it's not a lot of data.

Thanks so much, and shout if anything's unclear!
Maya
""", {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
    {"tables": {"schools": 14, "classes": 242}, "min_columns": {"schools": 4, "classes": 5}},
    ["next links are relative paths (/v1/schools/…?page_token=…) that must be joined to base_url",
     "the schools list itself is paginated (10 per page)",
     "the closed-school error is HTTP 410; every other error is real",
     "the list key differs: `schools` for schools, `data` for classes",
     "one active school has no classes at all",
     "so the class key must be (school_id, id)"])

# ------------------------------------------------------------------------------------------------ r3-03
task("r3-03", "api-doc-excerpt", "payments", """
Could you build a connector for our payment processor's charges? I pasted the relevant bits of their docs below.
Config will have base_url ({base_url}), client_id ({client_id}) and client_secret ({client_secret}). One table,
`charges`, and please make it incremental on `created` so we're not re-reading years of charges every sync.

---- from the docs ----

Authentication
  The API uses OAuth 2.0 client credentials. Request an access token from
      POST /oauth/token
      Content-Type: application/x-www-form-urlencoded
  with the parameters grant_type=client_credentials, client_id, client_secret and
  audience=https://api.payments.example . Pass the token as `Authorization: Bearer <access_token>`.
  Access tokens are short-lived; the lifetime in seconds is returned in `expires_in`. Request a new token
  when it expires.

List all charges
  GET /v1/charges
  Returns a list of charges, sorted by creation date, with the most recent charges appearing first.
  Parameters
    limit           optional  A limit on the number of objects to be returned, between 1 and 25. Default 10.
    starting_after  optional  A cursor for pagination: an object ID. Returns the page that follows that object.
    created[gt]     optional  Only return charges created after this Unix timestamp (seconds).
  Returns
    {"object": "list", "data": [ ...charge objects... ], "has_more": true}
    has_more is false on the last page.

The charge object
  id (string), amount (integer, minor units), currency, status, created (Unix timestamp), customer (string),
  metadata (object of string key/values)
""", {"base_url": "{base_url}", "client_id": "{client_id}", "client_secret": "{client_secret}"},
    {"tables": {"charges": 300}, "min_columns": {"charges": 6}},
    ["tokens live 2 seconds, a full first sync takes longer, so the token must be refreshed mid-sync",
     "the token call wants the client credentials in the form body, not HTTP basic",
     "each list call takes 0.25 s",
     "newest-first order means the incremental cursor is the max `created` seen, not the last row",
     "metadata is a nested object"],
    {"tables": {"charges": 320}, "min_columns": {"charges": 6}})

# ------------------------------------------------------------------------------------------------ r3-04
task("r3-04", "curl", "blog", """
We want our WordPress posts in the warehouse (table `posts`), synced incrementally. Drafts too. When an editor
trashes a post it should be marked deleted in the warehouse. Application password is set up, config will have
base_url, username and application_password. Here's what I've poked at so far:

$ curl -i -u '{wp_user}:{app_password}' '{base_url}/wp-json/wp/v2/posts?per_page=2&order=asc&status=publish,draft,trash'
HTTP/1.1 200 OK
Content-Type: application/json
X-WP-Total: 260
X-WP-TotalPages: 130

[{"id":2000,"date_gmt":"2024-01-01T00:00:00","modified_gmt":"2024-01-04T15:45:00","slug":"dune-flint-2000",
  "status":"publish","type":"post","link":"{base_url}/dune-flint-2000/",
  "title":{"rendered":"Dune Flint 2000"},"author":3,"categories":[10,6]},
 {"id":2003, ...}]

(without status= it only gives published ones)

$ curl -s -u '{wp_user}:{app_password}' '{base_url}/wp-json/wp/v2/posts?per_page=500'
{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400,
 "params":{"per_page":"per_page must be between 1 (inclusive) and 100 (inclusive)"}}}

$ curl -s -u '{wp_user}:{app_password}' '{base_url}/wp-json/wp/v2/posts?per_page=100&page=9'
{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of
 pages available.","data":{"status":400}}

WP has a modified_after parameter (ISO date, GMT) which should do for the incremental part.
""", {"base_url": "{base_url}", "username": "{wp_user}", "application_password": "{app_password}"},
    {"tables": {"posts": 252}, "min_columns": {"posts": 6}},
    ["posts already in the trash at the first sync must not become rows (a delete of an unknown key writes nothing)",
     "paging must stop on X-WP-TotalPages; reading until an empty page ends in a 400",
     "the application password contains spaces",
     "the default order is by date, descending; the page set is stable during a sync",
     "the second sync: 6 edited, 4 new, 5 trashed posts"],
    {"tables": {"posts": 256}, "deleted": {"posts": 5}, "min_columns": {"posts": 6}})

# ------------------------------------------------------------------------------------------------ r3-05
task("r3-05", "bullets", "surveys", """
Survey platform -> Fivetran connector, spec:

* base url: {base_url} (config `base_url`), bearer token in config `api_token`
* GET /v3/surveys?page=N lists surveys, but only id + title; `next_page` tells you the next page (null at the end)
* GET /v3/surveys/{id} returns the full survey: status, language, created_at, owner, response_count and the
  questions
* tables:
  * `surveys`: one row per survey with all the detail fields (owner -> owner_email), questions not in here
  * `survey_questions`: one row per question; questions have no id of their own, key them by survey id + position
* their API throttles hard (HTTP 429), the connector has to live with that
* full refresh each sync is fine
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
    {"tables": {"surveys": 43, "survey_questions": 262}, "min_columns": {"surveys": 6, "survey_questions": 4}},
    ["the limit is 4 requests per rolling second, so the per-survey detail calls are throttled many times",
     "429 answers carry Retry-After: 1",
     "the list endpoint pages by 10",
     "the detail record repeats id and title"])

# ------------------------------------------------------------------------------------------------ r3-06
task("r3-06", "ticket", "logs", """
DATA-1423  Ingest application logs from Elasticsearch
Type: Story   Priority: Medium   Component: ingestion   Reporter: j.okafor

Description
We want the app logs (index `app-logs`) in the warehouse so support can join them with accounts. Please build a
Fivetran Connector SDK connector.

- Cluster endpoint: {base_url} (config `base_url`)
- Auth: Elastic API key. We got an id and a key (config `api_key_id` = {api_key_id}, `api_key` = {api_key}). Header
  is `Authorization: ApiKey <base64 of id:key>`.
- Use POST /app-logs/_search.
- Heads-up from the platform team: index.max_result_window is 1000 on this cluster, and our key may fetch at most
  500 hits per request. There are a few thousand docs already.
- Several events can share the same @timestamp (batch writers). event.id is unique.

Acceptance criteria
1. Table `app_logs`, one row per event, primary key event id.
2. event.*, user.name and host.* flattened into columns, plus @timestamp and message.
3. Later syncs only pick up new events (the index is append-only).
4. No events lost or duplicated, including events with equal timestamps.
""", {"base_url": "{base_url}", "api_key_id": "{api_key_id}", "api_key": "{api_key}"},
    {"tables": {"app_logs": 2300}, "min_columns": {"app_logs": 6}},
    ["from/size paging fails past 1000 hits: search_after with a sort is needed",
     "the sort must include event.id as tie-breaker, or equal timestamps are skipped",
     "sort values come back as epoch millis",
     "only ascending sorts are allowed",
     "without a sort the hit order is arbitrary"],
    {"tables": {"app_logs": 2450}, "min_columns": {"app_logs": 6}})

# ------------------------------------------------------------------------------------------------ r3-07
task("r3-07", "non-native", "odata", """
Hello,

we are need a connector for our ERP, it have OData v4 service behind Azure API Management. I am not developer so
sorry if I explain not so good.

The address is {base_url}/odata/v4/Customers . The key must go in header "Ocp-Apim-Subscription-Key" (our key is
{subscription_key}, please read it from config `subscription_key`, and the url from config `base_url`).

The server give maximum 100 customer in one answer and then there is "@odata.nextLink", you must follow it until it
is not there anymore. Every customer have one or more addresses. We want them also, in separate table
`customer_addresses` with the customer id inside; the addresses come only if you put $expand=Addresses in the url.
Customer table please name `customers`.

Because the customers are many we want incremental: every customer have field ModifiedAt, and the service
understand filter like $filter=ModifiedAt gt 2024-05-01T00:00:00Z .

Thank you very much!
Piotr
""", {"base_url": "{base_url}", "subscription_key": "{subscription_key}"},
    {"tables": {"customers": 340, "customer_addresses": 675},
     "min_columns": {"customers": 6, "customer_addresses": 5}},
    ["@odata.nextLink is an absolute URL that already carries $filter/$expand and a $skiptoken",
     "$top caps the total number of results, not the page size (OData semantics)",
     "the address objects do not hold the customer id; AddressId is unique",
     "the second sync: 12 customers modified (each got a new address), 7 new customers with 2 addresses"],
    {"tables": {"customers": 347, "customer_addresses": 701},
     "min_columns": {"customers": 6, "customer_addresses": 5}})

# ------------------------------------------------------------------------------------------------ r3-08
task("r3-08", "openapi", "changes", """
I need a `contacts` table kept in sync with our contacts service, deletions included. The service only exposes a
changes feed; here's the relevant part of its spec. Config: base_url and api_token.

```yaml
openapi: 3.0.3
info: {title: Contacts Sync API, version: "2.4"}
servers:
  - url: "{base_url}"
security:
  - bearerAuth: []
paths:
  /v2/changes:
    get:
      summary: Changes since a sequence number
      description: >
        Returns changes in sequence order. The feed is compacted: for each contact only its latest change is
        listed. Store `last_seq` and pass it as `since` next time.
      parameters:
        - {name: since, in: query, schema: {type: integer, default: 0}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ChangesPage"}
        "401": {description: Missing or invalid token}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
  schemas:
    ChangesPage:
      type: object
      properties:
        results: {type: array, items: {$ref: "#/components/schemas/Change"}}
        last_seq: {type: integer, description: seq of the last change in this page}
        pending: {type: integer, description: number of changes after this page}
    Change:
      type: object
      properties:
        seq: {type: integer}
        id: {type: string}
        deleted: {type: boolean}
        doc: {$ref: "#/components/schemas/Contact", description: absent when deleted is true}
    Contact:
      type: object
      properties:
        id: {type: string}
        name: {type: string}
        email: {type: string}
        phone: {type: string, nullable: true}
        company: {type: object, properties: {name: {type: string}, domain: {type: string}}}
        tags: {type: array, items: {type: string}}
        updated_at: {type: string, format: date-time}
```

Token is {api_token}.
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
    {"tables": {"contacts": 760}, "min_columns": {"contacts": 5}},
    ["one page is not the whole feed: keep reading while `pending` > 0",
     "the first sync already contains 40 deletions of contacts never seen (they must not create rows)",
     "deleted changes carry no doc, so a connector that reads doc unconditionally crashes",
     "the second sync: 30 updated, 15 new, 12 deleted"],
    {"tables": {"contacts": 775}, "deleted": {"contacts": 12}, "min_columns": {"contacts": 5}})

# ------------------------------------------------------------------------------------------------ r3-09
task("r3-09", "postman", "jsonapi", """
Pasting from our Postman collection ("Shop Backend / Orders"), that's all the API docs we have:

  GET  List orders
  {{baseUrl}}/api/orders?page[number]=1&page[size]=50&include=line_items

  Authorization   Bearer Token  {{token}}
  Headers
    Accept        application/vnd.api+json
  Params
    page[number]  1             page to fetch
    page[size]    50            max 50
    include       line_items    side-load the order's line items into "included"

  Example response  200 OK
  {
    "data": [{"type": "orders", "id": "4100",
              "attributes": {"number": "SO-4100", "status": "placed", "placed_at": "2024-01-01T00:00:00Z",
                             "total": "47.06", "currency": "EUR"},
              "relationships": {"customer": {"data": {"type": "customers", "id": "4"}},
                                "line_items": {"data": [{"type": "line_items", "id": "70003"}]}}}],
    "included": [{"type": "line_items", "id": "70003",
                  "attributes": {"sku": "SKU-147", "quantity": 5, "unit_price": "31.55"},
                  "relationships": {"order": {"data": {"type": "orders", "id": "4100"}}}}],
    "links": {"self": "...", "next": "...", "last": "..."},
    "meta": {"total": 130}
  }

Environment: baseUrl = {base_url}, token = {api_token} (config keys `base_url`, `api_token`).

I need two tables: `orders` and `line_items`, with the attributes as normal columns (not a JSON blob), the
customer id on the order and the order id on each line item. Full reload each time is fine.
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
    {"tables": {"orders": 130, "line_items": 409}, "min_columns": {"orders": 6, "line_items": 4}},
    ["the API answers 406 without the JSON:API Accept header",
     "links.next is an absolute URL and null on the last page",
     "without include=line_items there is no `included`",
     "ids are strings"])

# ------------------------------------------------------------------------------------------------ r3-10
task("r3-10", "api-doc-excerpt", "reports", """
Hey, we need daily campaign stats from our ad platform, starting 2024-01-01, in a table `campaign_stats` (one row
per campaign per day). Config: base_url = {base_url}, api_token = {api_token}, account_id = {account_id},
start_date = 2024-01-01. Their reporting docs say:

> ## Reporting API
> All requests need `Authorization: Bearer <token>`.
>
> Reports are generated asynchronously.
>
> **1. Create a report**
> `POST /v1/accounts/<account_id>/reports` with a JSON body
> `{"report_type": "campaign_daily", "start_date": "YYYY-MM-DD", "end_date": "YYYY-MM-DD"}`.
> A report covers at most 90 days (both dates inclusive). `end_date` must not be in the future.
> Response: `202 Accepted`, `{"id": "rpt_...", "status": "queued"}`.
>
> **2. Poll the report**
> `GET /v1/accounts/<account_id>/reports/<id>` returns `status`: `queued`, `processing`, `done` or `failed`.
> Poll about once a second. When `done`, the response contains `download_url`.
>
> **3. Download**
> `download_url` is a pre-signed storage link, valid for 60 seconds. Do **not** send your Authorization header
> to it. The file is a gzip-compressed CSV with a header row:
> `date,campaign_id,campaign_name,impressions,clicks,spend_micros`.

Later syncs only need to fetch days not loaded yet (re-fetching the last day or so is fine).
""", {"base_url": "{base_url}", "api_token": "{api_token}", "account_id": "{account_id}", "start_date": "2024-01-01"},
    {"tables": {"campaign_stats": 383}, "min_columns": {"campaign_stats": 6}},
    ["data ends in April 2024, but the windows must still be walked up to today (most come back empty)",
     "a report is done on the third poll",
     "a requests.Session with a default Authorization header leaks it to the download URL (400 from storage)",
     "the file is served as application/gzip, not with Content-Encoding, so it must be gunzipped by hand",
     "CSV values are strings; the key is (date, campaign_id)"])

# ------------------------------------------------------------------------------------------------ r3-11
task("r3-11", "terse", "ledger", """
ledger entries -> table ledger_entries. GET {base_url}/api/v1/ledger?page=N, follow next_page till null. every request signed: headers X-Key: <api_key>, X-Ts: unix secs, X-Sign: hex hmac-sha256(api_secret, X-Ts + "GET" + path incl. query string). they 429 hard, X-RateLimit-Reset says when to come back. config base_url, api_key={api_key}, api_secret={api_secret}
""", {"base_url": "{base_url}", "api_key": "{api_key}", "api_secret": "{api_secret}"},
    {"tables": {"ledger_entries": 185}, "min_columns": {"ledger_entries": 6}},
    ["the limit is 5 requests per rolling 2 seconds; 429s carry no Retry-After",
     "X-RateLimit-Reset is an epoch timestamp, not a number of seconds",
     "a retry must be signed again with a fresh X-Ts (the timestamp must be within 30 s)",
     "the signed path is exactly what goes on the request line",
     "amounts are strings with 8 decimals"])

# ------------------------------------------------------------------------------------------------ r3-12
task("r3-12", "chatty", "inspections", """
Hello!

I run operations for our plants and we've been using an old inspection system ("SafeCheck") for years. Our
analytics team finally has a warehouse with Fivetran and they want the inspection data in there. Our IT guy (who
is on leave for three weeks, of course) left me these notes, I hope it's enough:

"SafeCheck API: base URL {base_url}. There are no API keys. You log in exactly like the web login form does: POST
the fields username and password as a normal form to /api/login. It answers with a session cookie and you send
that cookie on every call after. Sessions die VERY fast - after a handful of calls it just bounces you back to
the login page, so whatever calls it has to be ready to log in again. Inspections: GET /api/inspections?start=0&rows=50
(rows can't go over 50). The answer has result.total and result.inspections."

The service account is {username} / {password}; you can put them in the config as username and password, plus
base_url.

Every inspection has a site (id, name, region) and a list of findings (each with its own id, severity and note).
What the analysts asked for is a table `inspections` with the site info as columns, and a table
`inspection_findings` where each finding has the inspection id it belongs to. They said reloading everything
every time is fine for now.

Many thanks,
Teresa
""", {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
    {"tables": {"inspections": 163, "inspection_findings": 289}, "min_columns": {"inspections": 5, "inspection_findings": 3}},
    ["a session serves 3 data calls; the 4th page needs a new login",
     "the bounce is a 302 to an HTML /login page: following redirects yields a 200 HTML body",
     "the login wants a form post, a JSON body is rejected",
     "the cookie is JSESSIONID",
     "many inspections have no findings"])

# ------------------------------------------------------------------------------------------------ r3-13
task("r3-13", "non-native", "atom", """
Hallo together,

our supplier Nordwaren is giving us their product catalog as an Atom feed (XML) and we would like to have it in
our warehouse with Fivetran. The feed URL is {base_url}/feeds/products.atom and you need the parameter key in
every call (?key={feed_key}). Attention: also for the next pages you need it, the next-link inside the feed has
no key in it.

In one answer there are only 20 entries, the next page you find in <link rel="next" href="...">. The product data
are in a own namespace (prefix p:), for example p:brand, p:price (with attribute currency), and the variants are
<p:variant> elements with sku, size, color and stock as attributes.

We want please:
- table products: the id is the number at the end of the <id> (urn:nordwaren:product:7300 -> 7300), title,
  updated, brand, price, currency
- table product_variants: one row per variant, sku is unique, with the product id

In the configuration is base_url and feed_key. Every time all new is fine, it is not big.

Viele Grüße
Jonas
""", {"base_url": "{base_url}", "feed_key": "{feed_key}"},
    {"tables": {"products": 95, "product_variants": 190}, "min_columns": {"products": 4, "product_variants": 4}},
    ["the exact namespace URIs (Atom default namespace, p: = http://schemas.nordwaren.example/product/1.0)",
     "the next href already has a query string (?cursor=...), so the key must be appended with &",
     "some products have no variants",
     "the last page has no rel=next link"])

# ------------------------------------------------------------------------------------------------ r3-14
task("r3-14", "curl", "graphql", """
Need a connector for our ticketing backend (AppSync GraphQL). Tables `tickets` and `ticket_comments`. Config:
graphql_url = {base_url}/graphql (the full endpoint), api_key = {api_key}. This is what I see from the shell:

$ curl -s {base_url}/graphql -H 'x-api-key: {api_key}' -H 'content-type: application/json' \\
    -d '{"query":"{ listTickets(limit: 2) { items { id title status priority createdAt updatedAt assignee { id name } comments { items { id body author createdAt } } } nextToken } }"}'
{"data":{"listTickets":{"items":[
  {"id":"tkt-6xnwcf82","title":"Zephyr broken","status":"DONE","priority":4,"createdAt":"2024-01-01T00:00:00Z",
   "updatedAt":"2024-01-01T00:30:00Z","assignee":null,"comments":{"items":[
     {"id":"cmt-00001","body":"kelp willow","author":"marco","createdAt":"2024-01-01T00:01:00Z"},
     {"id":"cmt-00002","body":"ridge willow","author":"oskar","createdAt":"2024-01-01T00:02:00Z"},
     {"id":"cmt-00003","body":"echo pine","author":"bruno","createdAt":"2024-01-01T00:03:00Z"}]}},
  {"id":"tkt-x3ptfdqn","title":"Amber broken","status":"DONE","priority":4,"createdAt":"2024-01-01T00:50:00Z",
   "updatedAt":"2024-01-01T01:20:00Z","assignee":{"id":"u-nadia","name":"Nadia"},"comments":{"items":[
     {"id":"cmt-00004","body":"dune zephyr","author":"carla","createdAt":"2024-01-01T00:54:00Z"},
     {"id":"cmt-00005","body":"echo jade","author":"priya","createdAt":"2024-01-01T00:55:00Z"},
     {"id":"cmt-00006","body":"willow quill","author":"marco","createdAt":"2024-01-01T00:56:00Z"}]}}],
  "nextToken":"djJ8MnxrZ3R6cmY="}}}

$ curl -s ... -d '{"query":"{ listTickets(limit: 200) { items { id } nextToken } }"}'
{"data":{"listTickets":null},"errors":[{"path":["listTickets"],"errorType":"ValidationError","message":"limit must be between 1 and 50"}]}

$ curl -s -i ... (same first query again)
HTTP/1.1 503 Service Unavailable
Retry-After: 1
{"message":"Service Unavailable"}

that 503 shows up every few calls, a retry goes through. pass nextToken back in to get the next page.
""", {"graphql_url": "{base_url}/graphql", "api_key": "{api_key}"},
    {"tables": {"tickets": 210, "ticket_comments": 368}, "min_columns": {"tickets": 6, "ticket_comments": 4}},
    ["every 4th request fails once with 503",
     "GraphQL errors come back with HTTP 200, so raise_for_status is not enough",
     "comments are only returned if selected in the query; they sit under comments.items",
     "comment records do not carry the ticket id",
     "assignee is null for some tickets; nextToken is null on the last page"])


def split(tasks: list[dict]) -> None:
    rng = random.Random(91)
    by_style: dict[str, list[str]] = {}
    for t in tasks:
        by_style.setdefault(t["style"], []).append(t["id"])
    tune: list[str] = []
    for style in sorted(by_style):
        if len(by_style[style]) == 2:
            tune += rng.sample(by_style[style], 1)
    singles = sorted(ids[0] for ids in by_style.values() if len(ids) == 1)
    tune += rng.sample(singles, 2)
    for t in tasks:
        t["split"] = "tune" if t["id"] in tune else "report"


def main() -> None:
    split(T)
    assert sum(t["split"] == "tune" for t in T) == 7 and len(T) == 14
    (HERE / "tasks.json").write_text(json.dumps(T, indent=2, ensure_ascii=False) + "\n")
    for t in T:
        ref = HERE / "reference" / t["id"]
        if ref.exists():
            (ref / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    for t in T:
        print(t["id"], t["split"], t["style"], t["source"])


if __name__ == "__main__":
    main()
