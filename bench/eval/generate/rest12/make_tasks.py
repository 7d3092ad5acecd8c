"""Writes tasks.json for the rest12 set (and each reference/<id>/configuration.json from the task's config).
Edit this file, not tasks.json. Row counts (and deleted counts) are written out by hand and checked against the
mocks' expected() / expected_deleted()."""

import json
from pathlib import Path

import mocks

HERE = Path(__file__).resolve().parent

# ------------------------------------------------------------------------------------------------ r12-01
R01 = """Hello, I am working for a small tea shop and we are selling on Lotus Mall (chinese marketplace). I need a \
Fivetran connector (the Connector SDK, python) which take our orders from the Lotus open platform API into our \
warehouse, table name `orders`. First time take all the orders, after that only the orders which are modified \
since the last time.

The API is not REST like normal, all calls go to one address: {base_url}/router/rest with GET and the parameters in \
the query string. The name of the API is in the parameter `method`, for orders it is `lotus.orders.search`. Other \
parameters of this method: page_no (start from 1), page_size, start_modified (only orders modified from this time, \
format "yyyy-MM-dd HH:mm:ss").

Every call need also these system parameters:
  app_key = our app key
  timestamp = the time now, format "yyyy-MM-dd HH:mm:ss", and it must be Beijing time (GMT+8), not UTC! The server \
refuse it if it is more than 10 minutes different
  format = json
  v = 2.0
  sign_method = hmac-sha256
  sign = the signature

How to make the sign (I copy from their document and translate): take all the request parameters (system \
parameters and business parameters both, but not `sign` itself) and put them in order by the parameter name, \
ASCII order. Then join every name and its value one after the other, without any separator, like \
"app_key12345formatjsonmethodlotus.orders.search...". The value is the original value, not url encoded. Make \
HMAC-SHA256 of this string with the app secret as the key, and write it as hex with upper case letters.

Our app key is {app_key} and the app secret is {app_secret}. Please use the configuration key names \
lotus_gateway (the address without /router/rest), lotus_app_key and lotus_app_secret.

The response look like {"lotus_orders_search_response": {"total_results": 1234, "has_next": true, "orders": \
{"order": [ {...}, {...} ]}}}, each order has tid (the order number), modified and other fields.

Thank you very much for the help!
"""

# ------------------------------------------------------------------------------------------------ r12-02
R02 = """We want our SAP purchase orders in the warehouse through a Fivetran Connector SDK connector. Two tables: \
purchase_orders and purchase_order_items. A full reload on every sync is fine, volumes are small. The connector \
configuration should have gateway_url (the service root), sap_user, sap_password and sap_client. Our basis team \
exposed the data as an OData service and sent this description:

---
Service ZPUR_PO_SRV (SAP Gateway, OData V2)
Service root:   {base_url}/sap/opu/odata/sap/ZPUR_PO_SRV/
Technical user: {sap_user} / {sap_password} (HTTP Basic), client {sap_client}

Entity sets
  PurchaseOrderSet        key PurchaseOrder
      PurchaseOrder, CompanyCode, PurchasingOrg, Supplier, SupplierName, DocumentCurrency, NetAmount, Status,
      CreatedBy, CreatedOn, ChangedOn
      Navigation property to_Items -> PurchaseOrderItemSet
  PurchaseOrderItemSet    key PurchaseOrder, PurchaseOrderItem
      PurchaseOrder, PurchaseOrderItem, Material, ShortText, Plant, Quantity, OrderUnit, NetPrice, DeliveryDate

Supported system query options: $filter, $select, $expand, $orderby, $top, $skip, $inlinecount.

Examples
  GET <service root>/PurchaseOrderSet?$top=10
  GET <service root>/PurchaseOrderSet('4500000100')/to_Items
  GET <service root>/PurchaseOrderSet?$expand=to_Items&$filter=ChangedOn ge datetime'2024-01-01T00:00:00'

Notes
- Always pass the logon client as the URL parameter sap-client.
- The service applies server-side paging to large result sets.
---
"""

# ------------------------------------------------------------------------------------------------ r12-03
R03 = """Hi! Could you build a Fivetran connector for Gigtrail, our ticketing platform? Tables: events, venues and \
ticket_types (each ticket type should say which event it belongs to). Config keys gigtrail_api and gigtrail_token. \
Here's the Postman collection their support sent us (our token is already filled in):

```json
{
  "info": {"name": "Gigtrail Public API v1",
           "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "variable": [{"key": "baseUrl", "value": "{base_url}/api/v1"},
               {"key": "token", "value": "{gig_token}"}],
  "item": [
    {"name": "List events",
     "request": {"method": "GET",
                 "header": [{"key": "Authorization", "value": "Token token=\\"{{token}}\\""},
                            {"key": "Accept", "value": "application/vnd.api+json"}],
                 "url": {"raw": "{{baseUrl}}/events?include=venue,ticket_types&page[offset]=0&page[limit]=10",
                         "host": ["{{baseUrl}}"], "path": ["events"],
                         "query": [{"key": "include", "value": "venue,ticket_types"},
                                   {"key": "page[offset]", "value": "0"},
                                   {"key": "page[limit]", "value": "10"}]}}},
    {"name": "Get event",
     "request": {"method": "GET",
                 "header": [{"key": "Authorization", "value": "Token token=\\"{{token}}\\""}],
                 "url": {"raw": "{{baseUrl}}/events/:id"}}}
  ]
}
```

It's JSON:API. Venues and ticket types have no list endpoints we can use, they only come along in `included`.
"""

# ------------------------------------------------------------------------------------------------ r12-04
R04 = """Pasting the Slack thread so you have the context:

*Priya* 10:02
we need the shipment tracking events from the ops OpenSearch cluster in the warehouse. table `shipment_events`, \
one row per document, and it should keep up with new events after the first load. can someone make a fivetran SDK \
connector?

*Tom* 10:05
sure. endpoint / creds?

*Priya* 10:06
cluster is {base_url}, index pattern shipment-events-* (monthly indices). API key id `{key_id}`, key \
`{key_secret}`. you send `Authorization: ApiKey <base64 of id:key>`, basic auth won't work

*Tom* 10:09
ok. from/size paging?

*Priya* 10:11
no, max_result_window is lowered to 500 on that cluster, from/size dies after 500 hits. use the scroll API \
(`?scroll=2m` on the first _search, then POST /_search/scroll with the scroll_id). batches of 500 max

*Ahmed* 10:14
fyi the docs have no id field inside _source, the doc `_id` is the event id. store it as doc_id pls

*Ahmed* 10:15
and careful with incremental: @timestamp is when the carrier scanned the parcel, events show up hours or days \
late. `ingested_at` is when it landed in the cluster, use that one

*Tom* 10:17
:+1: config keys os_url / os_key_id / os_key_secret / index_pattern then
"""

# ------------------------------------------------------------------------------------------------ r12-05
R05 = """LOY-482  Loyalty data into the warehouse (Fivetran Connector SDK)
Reporter: Sanne de Vries | Sprint: Data 24.19 | Labels: connector, loyalty

*Background*
Harbor Loyalty has no list endpoints for members or the points ledger, only bulk exports. Marketing analytics \
needs both tables refreshed daily.

*Scope*
Build a Connector SDK connector with two tables:
* members (key member_id)
* points_ledger (key entry_id)
Full reload on each sync is fine (exports are always full).

*API notes* (Harbor API v2, base URL {base_url})
# Auth: header X-Harbor-Key: {harbor_key}
# Start an export: POST /v2/exports with a JSON body {"dataset": "members", "format": "jsonl"} (or "dataset": \
"points_ledger"). The answer has the export_id and a state.
# Poll GET /v2/exports/<export_id> until the state is COMPLETE. Don't hammer it, polling is rate limited.
# A COMPLETE export lists its files; every file is JSON Lines, one record per line.
# Exports occasionally end in state FAILED. Per Harbor support: when the error says it is retryable, just start a \
new export.

*Config*
harbor_api (the base URL), harbor_key

*Acceptance criteria*
- [ ] both tables fully loaded on every sync
- [ ] a failed export does not fail the sync
"""

# ------------------------------------------------------------------------------------------------ r12-06
R06 = """Need a Fivetran connector (Connector SDK) for Tessera, the scheduling tool our clinics use. There's no \
official API, but the web app talks JSON to its backend and that works from curl. Tables: appointments and \
clinicians, full reload every time. Config keys: portal_url, portal_email, portal_password (ours: {base_url}, \
{email}, {password}).

What I did in the terminal:

$ curl -s -c jar.txt -b jar.txt -H 'Content-Type: application/json' \\
    -d '{"email":"{email}","password":"{password}"}' {base_url}/api/session
{"user": {"email": "{email}", "role": "planner"}, "expiresIn": 7200}

$ curl -s -c jar.txt -b jar.txt '{base_url}/api/clinicians?page=1'
{"data": [{"id": 120, "name": "...", "discipline": "physio", ...}, ...], "meta": {"current_page": 1, "last_page": 3, "per_page": 20, "total": 44}, "links": {"next": "/api/clinicians?page=2"}}

$ curl -s -c jar.txt -b jar.txt -X POST '{base_url}/api/appointments/search' \\
    -H 'Content-Type: application/json' -d '{"page":1,"perPage":50,"filters":{}}'
{"message": "CSRF token mismatch."}

# the browser sends an X-XSRF-TOKEN header: the XSRF-TOKEN cookie from the jar, URL-decoded
$ grep XSRF jar.txt
127.0.0.1	FALSE	/	FALSE	0	XSRF-TOKEN	q7Vb3kR0...%2Fw%3D%3D
$ curl -s -c jar.txt -b jar.txt -X POST '{base_url}/api/appointments/search' \\
    -H 'Content-Type: application/json' -H 'X-XSRF-TOKEN: q7Vb3kR0.../w==' -d '{"page":1,"perPage":50,"filters":{}}'
{"data": [{"id": "apt_...", "clinicianId": 131, "startsAt": "...", ...}, ...], "meta": {"current_page": 1, "last_page": 15, "per_page": 50, "total": 730}}
"""

# ------------------------------------------------------------------------------------------------ r12-07
R07 = """Hey Sam,

Long time no talk! Hope the move went well.

So, we finally got API access to Tidewell (the inventory system the warehouse team switched to in spring) and \
I'd love to have the item master in the warehouse, synced with Fivetran like everything else. I'm told the \
Connector SDK is the way to go for things without a native connector. Would you be able to write it? One table, \
`items`, keyed on the item `id`.

Here's what I pieced together from their developer portal:

- It's OAuth2 "client credentials": you POST to {base_url}/oauth/token with grant_type=client_credentials plus \
the client id and secret, and you get back an access token that you send as a Bearer token. Tokens live 30 minutes.
- Items: GET /v2/items. It pages with a cursor: each response has a `next_cursor`, which you pass back as \
`cursor` to get the next page. There's a `limit` parameter too.
- You can filter with `updated_since` (ISO timestamp) to only get items changed since then, so after the first \
full load we should only need to pull changes.
- Deleted items vanish from /v2/items; they're in a separate feed instead: GET /v2/items/deleted?since=<ISO \
timestamp>, same cursor thing. They said that feed only goes back 30 days. It'd be great if deleted items got \
flagged as deleted on our side rather than lingering forever.

Sandbox credentials: client id {client_id}, secret {client_secret}. Could you make the config keys tidewell_url, \
tw_client_id and tw_client_secret? I'll swap in the prod ones later.

No rush, whenever you get a chance this week. Coffee's on me!

Cheers,
Dana
"""

# ------------------------------------------------------------------------------------------------ r12-08
R08 = """Ridgeline LMS -> Fivetran SDK connector. {base_url}, basic auth {lms_user} / {lms_password}. GET \
/api/courses, GET /api/courses/<id>/enrollments, both offset/limit. Tables courses, enrollments. Config: base_url, \
username, password.
"""

# ------------------------------------------------------------------------------------------------ r12-09
R09 = """Marlow helpdesk connector: my notes (messy, sorry)

- host {base_url}, the API lives under /api/v1
- auth: API key as a header `X-Api-Key`... no, scratch that, tried it and got a 401. It's a query param. \
`api_key=`? no, it's `apikey` (no underscore). ours: {apikey}
- config keys: desk_host + desk_apikey
- tables: tickets, contacts
- tickets: GET /api/v1/tickets. the response is a plain JSON array (no envelope). paging info is in the `Link` \
response header like GitHub's (rel="next"). there are page and per_page params
- incremental: `updated_since=` on tickets. after the first load only fetch tickets updated since the last sync. \
the format is picky, I got a 400 when I put milliseconds in it
- contacts: GET /api/v1/contacts, same paging. there's no updated filter there (I thought there was, there isn't), \
so the full list every time, it's not big
- ticket and contact ids are ints
"""

# ------------------------------------------------------------------------------------------------ r12-10
R10 = """Stockroom purchase orders -> Fivetran Connector SDK connector

* API: {base_url}/v1/purchase-orders, header X-Api-Key: {api_key}
* config: base_url, api_key
* paging: page_size + page_token; the response has purchase_orders[] and next_page_token
* incremental: modified_since=<ISO 8601> returns the orders modified at or after that time
* each order embeds line_items[] (line_no, sku, description, quantity, unit_price, discounts[])
* tables:
    - purchase_orders: one row per order, without the line_items array
    - purchase_order_lines: one row per line item, with order_id; key = order_id + line_no
* orders are never hard-deleted: deleting one in the UI sets is_deleted = true and it keeps showing up in the API. \
Deleted orders and their lines must be deleted in the destination too, not loaded as normal rows
"""

TASKS = [
    {"id": "r12-01", "style": "non-native", "source": "lotus", "request": R01,
     "config": {"lotus_gateway": "{base_url}", "lotus_app_key": "{app_key}", "lotus_app_secret": "{app_secret}"},
     "expect": {"tables": {"orders": 420}, "min_columns": {"orders": 9}},
     "second_sync": {"expect": {"tables": {"orders": 427}}},
     "unsaid": ["errors come back as HTTP 200 with an `error_response` body (code, msg, sub_code), never as 4xx",
                "page_size is capped at 100 (error 40 isv.invalid-parameter:page_size above)",
                "without format=json the answer is XML (the default)",
                "start_modified is inclusive; order timestamps (created, modified) are GMT+8 text, so the last "
                "`modified` seen is a valid next start_modified",
                "the signature is over the decoded values (the timestamp contains a space); a wrong sort order or "
                "URL-encoded values give error 25 Invalid signature",
                "tid is a 13-digit integer; items are nested as items.item[]; payment and post_fee are strings",
                "between syncs 10 orders change and 7 are new"]},
    {"id": "r12-02", "style": "vendor-docs", "source": "sapgw", "request": R02,
     "config": {"gateway_url": "{base_url}/sap/opu/odata/sap/ZPUR_PO_SRV", "sap_user": "{sap_user}",
                "sap_password": "{sap_password}", "sap_client": "{sap_client}"},
     "expect": {"tables": {"purchase_orders": 310, "purchase_order_items": 1143},
                "min_columns": {"purchase_orders": 10, "purchase_order_items": 8}},
     "unsaid": ["the service answers Atom XML unless the request has $format=json or Accept: application/json",
                "a missing or wrong sap-client is a 401 HTML logon page, like wrong credentials",
                "OData V2 JSON: rows under d.results, next page in d.__next (absolute, with a $skiptoken bound to the "
                "query, 100 orders or 200 items a page), __metadata on each entity",
                "with $expand=to_Items the items are {\"results\": [...]} (deferred {\"__deferred\": {...}} otherwise)",
                "dates are /Date(ms)/ strings; NetAmount, Quantity, NetPrice are decimal strings; item numbers are "
                "zero-padded (00010)",
                "V4 options such as $count or $search are 400 (V2 has $inlinecount and the /$count segment)"]},
    {"id": "r12-03", "style": "postman", "source": "gigtrail", "request": R03,
     "config": {"gigtrail_api": "{base_url}/api/v1", "gigtrail_token": "{gig_token}"},
     "expect": {"tables": {"events": 260, "venues": 39, "ticket_types": 542},
                "min_columns": {"events": 7, "venues": 3, "ticket_types": 5}},
     "unsaid": ["page[limit] is silently capped at 25: asking for more returns 25, so a short page does not mean the "
                "end; links.next (absolute) is absent on the last page and meta.total holds the total",
                "page[number], page[size] and page[cursor] are 400 error documents",
                "the Token scheme takes the token with or without quotes; Bearer is refused (401)",
                "`included` lists each venue and ticket type once per page, so venues repeat across pages",
                "ticket types have no event id attribute: it comes from the event's relationships.ticket_types",
                "online events have relationships.venue.data null; some events have no ticket types; /venues and "
                "/ticket_types are 403 for API tokens"]},
    {"id": "r12-04", "style": "slack-thread", "source": "shiplog", "request": R04,
     "config": {"os_url": "{base_url}", "os_key_id": "{key_id}", "os_key_secret": "{key_secret}",
                "index_pattern": "shipment-events-*"},
     "expect": {"tables": {"shipment_events": 2140}},
     "second_sync": {"expect": {"tables": {"shipment_events": 2230}}},
     "unsaid": ["every scroll answer carries a new _scroll_id and the previous one is gone (404 "
                "search_context_missing_exception): always continue with the newest",
                "search.max_keep_alive is 30m; from is not allowed with scroll; a batch above 500 is a 400",
                "sorting on _id is refused (id field data disabled)",
                "ingested_at carries milliseconds; a range on it takes ISO text or epoch millis",
                "the 90 events added before the second sync have @timestamp days in the past but a new ingested_at",
                "_source has nested location and details objects"]},
    {"id": "r12-05", "style": "jira-ticket", "source": "harbor", "request": R05,
     "config": {"harbor_api": "{base_url}", "harbor_key": "{harbor_key}"},
     "expect": {"tables": {"members": 640, "points_ledger": 2150}, "min_columns": {"members": 8, "points_ledger": 6}},
     "unsaid": ["polls closer than 500 ms (counting from the creation) are a 429 with Retry-After: 1",
                "states go QUEUED -> PROCESSING -> COMPLETE, one step per poll and not before 1.2 s",
                "the first points_ledger export fails with WORKER_LOST, retryable: true",
                "files[] hold RELATIVE hrefs (/v2/exports/<id>/files/<n>) that need the same X-Harbor-Key",
                "each file holds at most 500 lines, so members come in 2 files and the ledger in 5",
                "files are application/x-ndjson with Content-Encoding: gzip"]},
    {"id": "r12-06", "style": "curl-session", "source": "tessera", "request": R06,
     "config": {"portal_url": "{base_url}", "portal_email": "{email}", "portal_password": "{password}"},
     "expect": {"tables": {"appointments": 730, "clinicians": 44}, "min_columns": {"appointments": 8}},
     "unsaid": ["the tsid session cookie rolls: every authenticated answer sets a new one and a replaced cookie is "
                "only good for 2 more calls (then 401 Session expired.), so the cookie jar must be kept up to date",
                "X-XSRF-TOKEN is needed on POSTs only, and must be the URL-decoded cookie value (the raw value is a "
                "419)",
                "perPage is capped at 100 (422 above), default 25; clinicians are 20 a page whatever is asked",
                "wrong credentials are a 401 JSON; login needs a JSON body (415 otherwise)"]},
    {"id": "r12-07", "style": "chatty-email", "source": "tidewell", "request": R07,
     "config": {"tidewell_url": "{base_url}", "tw_client_id": "{client_id}", "tw_client_secret": "{client_secret}"},
     "expect": {"tables": {"items": 960}, "min_columns": {"items": 9}},
     "second_sync": {"expect": {"tables": {"items": 970}, "deleted": {"items": 7}}},
     "unsaid": ["the token request is form-encoded (client_id/client_secret in the form or as HTTP Basic)",
                "limit defaults to 50 and is capped at 200 (400 above)",
                "a cursor is bound to limit and updated_since: changing either between pages is a 400 invalid_cursor",
                "updated_since is inclusive; updated_at has microseconds",
                "the deletions feed requires since, refuses anything older than 30 days (400) and returns 5 a page",
                "4 items were deleted the day before the first sync (deleting them makes no rows)",
                "between syncs 14 items change, 10 are new and 7 are deleted"]},
    {"id": "r12-08", "style": "terse", "source": "ridgeline", "request": R08,
     "config": {"base_url": "{base_url}", "username": "{lms_user}", "password": "{lms_password}"},
     "expect": {"tables": {"courses": 96, "enrollments": 4411}, "min_columns": {"courses": 7, "enrollments": 6}},
     "unsaid": ["limit defaults to 20 and is capped at 50 (400 above)",
                "answers are {data, offset, limit, total} with no next link or has-more flag",
                "the enrollments of a course page too: many courses have more than 50 (up to 131)",
                "some courses have no enrollments; the student is a nested object"]},
    {"id": "r12-09", "style": "notes", "source": "marlow", "request": R09,
     "config": {"desk_host": "{base_url}", "desk_apikey": "{apikey}"},
     "expect": {"tables": {"tickets": 780, "contacts": 240}, "min_columns": {"tickets": 9}},
     "second_sync": {"expect": {"tables": {"tickets": 788, "contacts": 243}}},
     "unsaid": ["the Link header's URLs (next, prev, first, last) leave the apikey out: it must be added to every "
                "followed link",
                "per_page defaults to 30 and is capped at 100 (400 above); X-Total-Count holds the total",
                "updated_since must be exactly YYYY-MM-DDTHH:MM:SSZ (UTC, no fraction, no offset); it is inclusive",
                "tickets come sorted by updated_at, id",
                "between syncs 12 tickets change, 8 are new, and 3 contacts are new"]},
    {"id": "r12-10", "style": "bullets", "source": "stockroom", "request": R10,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"purchase_orders": 338, "purchase_order_lines": 1377},
                "min_columns": {"purchase_orders": 8, "purchase_order_lines": 5}},
     "second_sync": {"expect": {"tables": {"purchase_orders": 343, "purchase_order_lines": 1404},
                                "deleted": {"purchase_orders": 6, "purchase_order_lines": 26}}},
     "unsaid": ["page_size defaults to 25 and is capped at 100 (400 above)",
                "next_page_token is an empty string (not null) on the last page; a token is bound to page_size and "
                "modified_since",
                "12 orders are already soft-deleted before the first sync: they must make no rows",
                "a soft-deleted order still lists its line_items, so its lines can be deleted too",
                "between syncs 9 orders change (3 get a new line), 6 are soft-deleted and 5 are new",
                "line items have no id: line_no is unique within an order; discounts[] is nested in each line"]},
]


def _check(tid: str, what: str, src: "mocks.Source", expect: dict) -> None:
    got = src.expected()
    assert got == expect["tables"], f"{tid}: {what}: mock expects {got}, task says {expect['tables']}"
    gone = {k: v for k, v in src.expected_deleted().items() if v}
    assert gone == (expect.get("deleted") or {}), f"{tid}: {what}: mock deletes {gone}, task says {expect.get('deleted')}"


def main() -> None:
    for t in TASKS:
        src = mocks.SOURCES[t["source"]]("http://127.0.0.1:1")
        _check(t["id"], "sync 1", src, t["expect"])
        if "second_sync" in t:
            src.advance()
            _check(t["id"], "after advance", src, t["second_sync"]["expect"])
    out = [{"id": t["id"], "split": "tune", "style": t["style"], "source": t["source"], "request": t["request"],
            "config": t["config"], "expect": t["expect"], **({"second_sync": t["second_sync"]} if "second_sync" in t else {}),
            "unsaid": t["unsaid"]} for t in TASKS]
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    for t in TASKS:
        d = HERE / "reference" / t["id"]
        d.mkdir(parents=True, exist_ok=True)
        (d / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"wrote {len(out)} tasks")


if __name__ == "__main__":
    main()
