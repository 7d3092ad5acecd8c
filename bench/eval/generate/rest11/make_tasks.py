"""Writes tasks.json for the rest11 set (and each reference/<id>/configuration.json from the task's config).
Edit this file, not tasks.json. Row counts are written out by hand and checked against the mocks' expected()."""

import json
from pathlib import Path

import mocks

HERE = Path(__file__).resolve().parent

# ------------------------------------------------------------------------------------------------ r11-01
R01 = """Need a Fivetran connector (Connector SDK, Python) for our Corvid ERP sales data. Two tables: sales_orders and \
order_lines. Config keys: service_root = {base_url}/odata/v4/sales, and svc_user / svc_pass for the service account \
({svc_user} / {svc_password}). First run loads everything, later runs only what changed. Relevant part of the Corvid \
API guide, pasted:

---
4.2 Sales service (OData v4)

The Sales service exposes the entity sets SalesOrders and Customers under the service root. All requests use HTTP \
Basic authentication with a service user; interactive users cannot call the API.

    GET <service root>/SalesOrders
    GET <service root>/SalesOrders(<OrderID>)
    GET <service root>/$metadata

Supported system query options: $filter, $select, $expand, $orderby, $top, $skip, $count.

SalesOrder properties: OrderID (Edm.Int32, key), OrderNumber, CustomerID, Status, Currency, TotalAmount \
(Edm.Decimal), OrderDate (Edm.Date), SalesRep, CreatedAt and ModifiedAt (Edm.DateTimeOffset, UTC).

Order lines are not returned by default. They are the contained navigation property Lines (SalesOrderLine: \
OrderID, LineNo, ItemCode, Description, Quantity, UnitPrice, Discount, LineAmount) and are included with \
$expand=Lines.

4.4 Change tracking
ModifiedAt is set whenever an order or any of its lines changes. Integrations should filter on it, for example
    $filter=ModifiedAt gt 2024-05-01T00:00:00Z

4.5 Paging
Collections are paged by the server. A client must not assume that one response holds the whole result and must \
follow the continuation link until none is returned. Page sizes may change without notice.
---
"""

# ------------------------------------------------------------------------------------------------ r11-02
R02 = """Subject: Tallyhive -> warehouse?

Hi!

Hope your week's going OK. Quick favour: marketing wants the Tallyhive CRM data in the warehouse, and I was told \
you're the person who does Fivetran connectors now :) Specifically contacts and deals (tables contacts and deals, \
nothing fancy).

The catch is their API doesn't let you list stuff page by page, it's all "bulk exports". From the docs, as far as I \
understand them: you POST to /api/v1/exports with a JSON body like {"object": "contacts"} (or "deals"), and you can \
add "updated_after": "<ISO timestamp>" to only get records changed after that. It answers with the export's id \
right away, but the file isn't ready yet; you have to keep checking GET /api/v1/exports/<id> until the status says \
it's completed (it took a few tries when I played with it in Postman), and then there's a download link in there. \
Files come back gzipped, one JSON object per line.

Auth is a header, X-Tallyhive-Token. Our workspace is at {base_url} and the token is {export_token}. Please put \
those in the config as workspace_host and export_token so I can swap them for prod.

Ideally it only pulls changes after the first load, the contacts export is not small in prod.

Thanks a ton!!
Marta
"""

# ------------------------------------------------------------------------------------------------ r11-03
R03 = """notes for the Planwell connector (sorry, stream of consciousness)

- Planwell = the old project portal, {base_url}. no real API keys, you log in like a browser: POST /login with a \
form (user/pass fields... no wait, checked the html, they're `username` and `password`). There's also a hidden \
field in that form, csrf-something, not sure it matters.
- account: {username} / {password}. config keys: portal (the url), login_name, login_secret
- after login you get a cookie and the JSON endpoints work:
    GET /api/projects?page=1,2,...      -> {"items": [...], ...}
    GET /api/projects/<id>/tasks        -> {"items": [...]}
- tables: projects, tasks
- the session doesn't last long. I think it's time based... actually no, it died after ~20 calls in my test, not \
after a certain time. Then the api just bounces you to the login page. Log in again and carry on.
- some projects' tasks give errors (archived ones I think? and a few that are private to other teams). skip those, \
still keep the project row.
- full reload every sync is fine, it's small
"""

# ------------------------------------------------------------------------------------------------ r11-04
R04 = """DATA-2291  Ingest Ledgerline transactions into the warehouse
Type: Story | Priority: Medium | Component: ingestion

Description
Finance wants Ledgerline transactions synced through a Fivetran Connector SDK connector into a `transactions` \
table (key: id). Incremental: after the first load only pull transactions with updated_at at or after the last \
sync, and remove transactions Ledgerline deletes (they just disappear from the list, so use the deletions endpoint).

API (sandbox base {base_url})
- GET /v2/transactions: list, oldest id first. Params: limit, starting_after (id of the last item you got), \
updated_gte (ISO 8601). Response {"object": "list", "data": [...], "has_more": true|false}.
- GET /v2/transactions/deleted?since=<ISO 8601>: {"data": [{"id": ..., "deleted_at": ...}], "has_more": ...}, \
same paging.

Auth (from their security page): every request is signed.
  X-LL-Key: key id
  X-LL-Timestamp: current unix time in seconds
  X-LL-Signature: hex HMAC-SHA256, keyed with the API secret, over
      timestamp + "\\n" + HTTP method + "\\n" + request path + "\\n" + hex SHA-256 of the request body
  Requests older than 5 minutes are rejected.

Config: ll_endpoint, ll_key_id, ll_secret. Sandbox credentials: key id {key_id}, secret {secret}.

Acceptance criteria
- [ ] first sync loads all transactions
- [ ] second sync picks up changed and new transactions and marks deleted ones as deleted
"""

# ------------------------------------------------------------------------------------------------ r11-05
R05 = """Can you turn this into a Fivetran connector? Inkwell is our headless CMS. I want tables `articles`, \
`authors` (the people who wrote them; the API only gives them as included resources) and `article_tags` \
(article_id, tag_id: one row per tag on an article). Config keys cms_host and cms_token. This is the .http file I've \
been using in VS Code:

```
@host = {base_url}
@token = {cms_token}

### first page of articles with their authors and tags
GET {{host}}/jsonapi/articles?include=author,tags&page[size]=20
Authorization: Bearer {{token}}
Accept: application/vnd.api+json

### next page: paste links.next from the previous response
GET <links.next>
Authorization: Bearer {{token}}
Accept: application/vnd.api+json
```

Response of the first one (cut down):
```
{
  "jsonapi": {"version": "1.1"},
  "links": {"self": "...", "next": "..."},
  "data": [
    {"type": "articles", "id": "1200",
     "attributes": {"title": "...", "slug": "...", "status": "published", "word_count": 1843,
                    "published_at": "...", "updated_at": "...", "seo": {...}},
     "relationships": {"author": {"data": {"type": "people", "id": "714"}},
                       "tags": {"data": [{"type": "tags", "id": "31"}]}}}
  ],
  "included": [
    {"type": "people", "id": "714", "attributes": {"name": "...", "email": "...", "bio": "...", "twitter": null}},
    {"type": "tags", "id": "31", "attributes": {"name": "bolt", "slug": "bolt"}}
  ]
}
```
Full reload each time is fine for now.
"""

# ------------------------------------------------------------------------------------------------ r11-06
_A = mocks.Auditlog("x")
_H = [json.dumps({"_index": d["_index"], "_id": d["_id"], "_score": None, "_source": d["_source"], "sort": [d["_ms"]]},
                 separators=(",", ":")) for d in _A.docs[:2]]
R06 = """ok here's what I have for the audit log cluster. I want a connector that copies every audit event into a \
table `audit_events` (one row per event, event_id is unique) and then keeps up with new ones. config: cluster_url, \
es_login, es_pass, index_pattern (audit-*).

$ curl -s -u {es_user}:{es_password} {base_url}/
{"name":"audit-node-1","cluster_name":"audit","version":{"number":"8.11.3","lucene_version":"9.8.0"},"tagline":"You Know, for Search"}

$ curl -s -u {es_user}:{es_password} "{base_url}/audit-*/_search" -H 'Content-Type: application/json' \\
    -d '{"size": 2, "sort": [{"@timestamp": "asc"}]}'
{"took":3,"timed_out":false,"_shards":{"total":2,"successful":2,"skipped":0,"failed":0},"hits":{"total":{"value":1450,"relation":"eq"},"max_score":null,"hits":[
""" + _H[0] + ",\n" + _H[1] + """]}}

$ curl -s -u {es_user}:{es_password} "{base_url}/audit-*/_search" -H 'Content-Type: application/json' \\
    -d '{"from": 1000, "size": 100, "sort": [{"@timestamp": "asc"}]}'
{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Result window is too large, from + size must be less than or equal to: [1000] but was [1100]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting."}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}

so from/size paging is out. search_after I guess? careful, lots of events land on the exact same millisecond \
(batch jobs log in bursts).
"""

# ------------------------------------------------------------------------------------------------ r11-07
R07 = """Depotra connector pls. HAL API at {base_url}/api, auth header X-Depotra-Token: {depot_token}. Tables \
warehouses + bins (GET /warehouses/{id}/bins for each warehouse). Some warehouses error on bins, skip those. Config \
keys depot_api, depot_token.
"""

# ------------------------------------------------------------------------------------------------ r11-08
R08 = """hey! quick one: could you knock together a Fivetran connector for Meterpoint? they only do CSV \U0001F644
GET {base_url}/reports/readings.csv?api_token={api_token}
it's paged, the response has a header that points to the next page. one table, readings. config keys meter_host + \
meter_api_token pls. thx!
"""

# ------------------------------------------------------------------------------------------------ r11-09
R09 = """We need Cargonet shipments in the warehouse via a Connector SDK connector: tables shipments and \
shipment_packages (one row per package of a shipment). Only pull what changed after the first sync. Cargonet only \
has a SOAP service; here's the page from their integration guide:

---
ShipmentService (SOAP 1.1)
Endpoint: {base_url}/services/ShipmentService.asmx   (WSDL: append ?wsdl)
Operation: GetShipments. Returns shipments ordered by ShipmentId, one page per call.

Request parameters (GetShipments/request):
  PageIndex      int, the first page is 1
  PageSize       int, records per page
  ModifiedSince  dateTime, optional: only shipments modified at or after this instant (UTC)

Authentication: every call carries an AuthHeader SOAP header with your ApiUser and ApiKey.

Sample request:
POST /services/ShipmentService.asmx HTTP/1.1
Content-Type: text/xml; charset=utf-8
SOAPAction: "http://cargonet.example/ws/GetShipments"

<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cn="http://cargonet.example/ws/">
  <soap:Header>
    <cn:AuthHeader><cn:ApiUser>string</cn:ApiUser><cn:ApiKey>string</cn:ApiKey></cn:AuthHeader>
  </soap:Header>
  <soap:Body>
    <cn:GetShipments>
      <cn:request>
        <cn:PageIndex>1</cn:PageIndex>
        <cn:PageSize>50</cn:PageSize>
        <cn:ModifiedSince>2024-01-01T00:00:00Z</cn:ModifiedSince>
      </cn:request>
    </cn:GetShipments>
  </soap:Body>
</soap:Envelope>

The response holds a GetShipmentsResult with a Paging block and the Shipments; each Shipment lists its Packages.
---

Our credentials: ApiUser {api_user}, ApiKey {api_key}. Config keys: soap_endpoint, cn_user, cn_key.
"""

# ------------------------------------------------------------------------------------------------ r11-10
R10 = """Adtrove ad performance -> Fivetran connector. Notes from their API docs:

* table: ad_performance, one row per date + ad_id (plus campaign_id, impressions, clicks, spend, conversions)
* config: adt_base ({base_url}), adt_account ({account}), adt_key ({adt_key}), adt_secret ({adt_secret}), \
report_start ({start_date}). Load from report_start up to yesterday; today's numbers aren't final
* reports are async:
    - POST /v3/accounts/<account>/reports, body {"report_type": "ad_performance", "date_from": "YYYY-MM-DD", \
"date_to": "YYYY-MM-DD", "format": "csv"} -> 202 with a report_id
    - GET /v3/accounts/<account>/reports/<report_id> -> status PENDING / RUNNING / DONE (or FAILED); DONE has a \
download_url
    - the download is a CSV with a header row
* auth: every API call sends
    Authorization: ADT1-HMAC-SHA256 Credential=<key>, Timestamp=<unix seconds>, Signature=<sig>
  sig = base64(HMAC-SHA256(secret, METHOD + "\\n" + path + "\\n" + timestamp + "\\n" + body)); path without the \
query string, body = the exact request body bytes ("" for GET)
* after the first load each run can re-pull the last few days (numbers get revised); upsert on date + ad_id
"""

TASKS = [
    {"id": "r11-01", "style": "vendor-docs", "source": "corvid", "request": R01,
     "config": {"service_root": "{base_url}/odata/v4/sales", "svc_user": "{svc_user}", "svc_pass": "{svc_password}"},
     "expect": {"tables": {"sales_orders": 240, "order_lines": 741}, "min_columns": {"sales_orders": 10, "order_lines": 8}},
     "second_sync": {"expect": {"tables": {"sales_orders": 248, "order_lines": 771}}},
     "unsaid": ["the continuation link is `@odata.nextLink`: absolute, carrying every query option plus a $skiptoken "
                "bound to the query (follow it as is)",
                "the server sends 50 orders a page; `Prefer: odata.maxpagesize=n` is honoured up to 100",
                "records are wrapped in `value` and carry `@odata.etag` annotations (also `@odata.context` on the page)",
                "DateTimeOffset literals in $filter are unquoted; a quoted one ('2024-...') is a 400 type error "
                "(`The types 'Edm.DateTimeOffset' and 'Edm.String' are not compatible`)",
                "order lines have no id of their own: key (OrderID, LineNo); Discount is often null",
                "a changed order comes back with all its lines, including lines added since the last sync"]},
    {"id": "r11-02", "style": "chatty-email", "source": "tallyhive", "request": R02,
     "config": {"workspace_host": "{base_url}", "export_token": "{export_token}"},
     "expect": {"tables": {"contacts": 430, "deals": 185}, "min_columns": {"contacts": 9}},
     "second_sync": {"expect": {"tables": {"contacts": 442, "deals": 189}}},
     "unsaid": ["create and status answers are wrapped in `export`; statuses go queued -> processing -> processing -> "
                "completed, one step per poll",
                "a poll sooner than 0.3 s after the last one (or the creation) is a 429 with Retry-After; the body "
                "suggests poll_after_ms: 400",
                "only one export may run at a time (409 while one is unfinished)",
                "the download is `result.files[]`: several parts of 250 records, each with its own presigned absolute "
                "URL (no token needed)",
                "parts are served as application/gzip without Content-Encoding, so they must be gunzipped by hand",
                "updated_after is exclusive; records changed between syncs carry the time of the change"]},
    {"id": "r11-03", "style": "notes", "source": "planwell", "request": R03,
     "config": {"portal": "{base_url}", "login_name": "{username}", "login_secret": "{password}"},
     "expect": {"tables": {"projects": 62, "tasks": 414}, "min_columns": {"tasks": 7}},
     "unsaid": ["the hidden csrf_token from GET /login must be posted back and must match the pw_csrf cookie set by "
                "that page; it is single use (a login without it is a 403 page), so fetch /login before every login",
                "a successful login is a 302 to /home that sets PWSESSION; wrong credentials re-render the form with a "
                "200 and no session cookie",
                "a session serves exactly 20 /api calls; then (or without one) an /api call is a 302 to "
                "/login?next=... (followed blindly it ends in an HTML 200), or a 401 JSON when sending "
                "Accept: application/json",
                "projects come 25 a page with `total` and no has-more flag (3 pages for 62 projects)",
                "tasks of archived projects are 404, of restricted projects 403; 65 API calls need 3 re-logins"]},
    {"id": "r11-04", "style": "ticket", "source": "ledgerline", "request": R04,
     "config": {"ll_endpoint": "{base_url}", "ll_key_id": "{key_id}", "ll_secret": "{secret}"},
     "expect": {"tables": {"transactions": 380}, "min_columns": {"transactions": 10}},
     "second_sync": {"expect": {"tables": {"transactions": 389}, "deleted": {"transactions": 6}}},
     "unsaid": ["\"request path\" is the request target exactly as sent, query string included; signing the bare path "
                "is a 401 signature_mismatch whose body shows the server's string_to_sign",
                "GET bodies are empty: the body hash is the SHA-256 of the empty string",
                "limit defaults to 25 and is capped at 100 (400 above)",
                "3 transactions were deleted before the first sync (deleting them makes no rows)",
                "amounts are integers in minor units; merchant and metadata are nested objects, metadata sometimes {}",
                "between syncs 12 transactions change, 9 are new and 6 are deleted"]},
    {"id": "r11-05", "style": "http-file", "source": "inkwell", "request": R05,
     "config": {"cms_host": "{base_url}", "cms_token": "{cms_token}"},
     "expect": {"tables": {"articles": 275, "authors": 19, "article_tags": 500},
                "min_columns": {"articles": 8, "authors": 4}},
     "unsaid": ["page[size] is capped at 50: larger is a 400 JSON:API error document; other page[...] parameters "
                "(page[number], page[offset]) are 400 too",
                "links.next is an absolute URL with a page[cursor] bound to the query; it is null on the last page",
                "`included` lists each person and tag once per page, so authors repeat across pages",
                "some articles have relationships.author.data null (guest posts) and some an empty tags list",
                "ids are strings; the people and tags listing endpoints are 403 for API tokens, so authors only come "
                "through include=author"]},
    {"id": "r11-06", "style": "curl", "source": "auditlog", "request": R06,
     "config": {"cluster_url": "{base_url}", "es_login": "{es_user}", "es_pass": "{es_password}", "index_pattern": "audit-*"},
     "expect": {"tables": {"audit_events": 1450}},
     "second_sync": {"expect": {"tables": {"audit_events": 1520}}},
     "unsaid": ["the tiebreaker has to be a keyword field: event_id; sorting on _id is refused (id field data is "
                "disabled) and the text field message cannot be sorted either",
                "hits carry `sort` values with @timestamp as epoch millis; pass them back as search_after",
                "size itself is capped at 1000 (index.max_result_window), as is from + size",
                "bursts of up to 7 events share one @timestamp to the millisecond, so sorting on the timestamp alone "
                "loses events at page boundaries",
                "the event body is under _source with nested actor and source.geo objects; _id is not the event id",
                "the next sync can resume search_after from the last sort values kept in the state"]},
    {"id": "r11-07", "style": "terse", "source": "depotra", "request": R07,
     "config": {"depot_api": "{base_url}/api", "depot_token": "{depot_token}"},
     "expect": {"tables": {"warehouses": 47, "bins": 1301}, "min_columns": {"warehouses": 8, "bins": 6}},
     "unsaid": ["Spring Data REST shape: items under `_embedded[\"dp:warehouses\"]` / `_embedded[\"dp:bins\"]` "
                "(CURIE-prefixed rels) with `page` metadata",
                "paging by `_links.next.href` (page is 0-based, size defaults to 20 and is silently capped at 50)",
                "items have no id field: the id is the last segment of `_links.self.href` (bins: /api/bins/<id>)",
                "a warehouse without bins answers with no `_embedded` at all",
                "decommissioned warehouses are 404 with an empty body, partner-run ones 403",
                "the dp:bins link is templated ({?page,size})"]},
    {"id": "r11-08", "style": "chat", "source": "meterpoint", "request": R08,
     "config": {"meter_host": "{base_url}", "meter_api_token": "{api_token}"},
     "expect": {"tables": {"readings": 1340}, "min_columns": {"readings": 6}},
     "unsaid": ["the next page is in `Link: <absolute url>; rel=\"next\"`, absent on the last page; X-Total-Count "
                "holds the total",
                "limit defaults to 250 and is capped at 1000 (400 in text/plain above)",
                "the body starts with a UTF-8 BOM and uses CRLF line ends",
                "RFC 4180 quoting: the notes column holds commas, doubled quotes and line breaks",
                "voltage is empty when unknown",
                "no id column: a reading is (meter_id, read_at)"]},
    {"id": "r11-09", "style": "vendor-docs", "source": "cargonet", "request": R09,
     "config": {"soap_endpoint": "{base_url}/services/ShipmentService.asmx", "cn_user": "{api_user}", "cn_key": "{api_key}"},
     "expect": {"tables": {"shipments": 412, "shipment_packages": 1018}, "min_columns": {"shipments": 10}},
     "second_sync": {"expect": {"tables": {"shipments": 418, "shipment_packages": 1034}}},
     "unsaid": ["PageSize is capped at 250 (a soap:Client fault above)",
                "the response elements are in the default namespace http://cargonet.example/ws/",
                "Paging holds PageIndex, PageSize, PageCount and TotalRecords; there is no has-more flag",
                "faults come as HTTP 500 with soap:Fault (a missing SOAPAction is the ASMX 'did not recognize the "
                "value of HTTP Header SOAPAction' fault)",
                "DeliveredAt is xsi:nil until delivery; packages are keyed (ShipmentId, PackageNo)",
                "ModifiedSince is inclusive"]},
    {"id": "r11-10", "style": "bullets", "source": "adtrove", "request": R10,
     "config": {"adt_base": "{base_url}", "adt_account": "{account}", "adt_key": "{adt_key}", "adt_secret": "{adt_secret}",
                "report_start": "{start_date}"},
     "expect": {"tables": {"ad_performance": 336}, "min_columns": {"ad_performance": 7}},
     "unsaid": ["a report covers at most 31 days (400 RANGE_TOO_LARGE), so the 45-day backfill needs two reports",
                "date_to must be before today (400 DATE_NOT_FINAL); data goes back 90 days, before report_start",
                "polls within 250 ms of the last are a 429 with Retry-After; DONE arrives on the third poll",
                "download_url is presigned and refuses any Authorization header (S3-style 400 InvalidArgument): fetch "
                "it without the signing",
                "the CSV is served with Content-Encoding: gzip",
                "some ads have no row on some days (paused)"]},
]


def main() -> None:
    for t in TASKS:
        src = mocks.SOURCES[t["source"]]("http://127.0.0.1:1")
        got = src.expected()
        assert got == t["expect"]["tables"], f"{t['id']}: mock expects {got}, task says {t['expect']['tables']}"
        if "second_sync" in t:
            src.advance()
            got = src.expected()
            assert got == t["second_sync"]["expect"]["tables"], f"{t['id']}: after advance {got}"
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
