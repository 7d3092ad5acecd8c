"""Writes tasks.json and each reference/<id>/configuration.json (from the task's `config`) for the rest14 set.
Edit this file, not tasks.json. Placeholders such as {base_url} are filled from the mock's .values at run time."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """fivetran connector for Spendly expenses pls -> `expenses` table. GET {base_url}/api/expenses, bearer token \
(config `token`, `base_url`)"""

R02 = """Can you turn this into a Fivetran connector? Two tables: `purchase_orders` and `purchase_order_lines` (the \
`lines` flattened out, one row per line, with the PO id on each so we can join). It should be incremental on \
updated_since, same as in my curl. Their docs say limit is 50 max. Config keys: `base_url`, `api_key`.

```
$ curl -s -H "X-API-Key: $STOCKLANE_KEY" "{base_url}/v1/purchase_orders?limit=1&updated_since=2024-01-01T00:00:00Z" | jq
{
  "data": [
    {
      "id": "po_1001",
      "number": "PO-1001",
      "supplier": {
        "id": 14,
        "name": "Ember Supply"
      },
      "status": "received",
      "currency": "USD",
      "total": "412.50",
      "expected_on": null,
      "lines": [
        {
          "id": "pol_000001",
          "sku": "CED-012",
          "qty": 10,
          "unit_cost": "4.50",
          "received_qty": 10
        },
        {
          "id": "pol_000002",
          "sku": "ONY-031",
          "qty": 2,
          "unit_cost": "183.75",
          "received_qty": null
        }
      ],
      "created_at": "2024-01-01T00:00:00Z",
      "updated_at": "2024-01-02T09:41:00Z"
    }
  ],
  "next_cursor": "eyJvIjoxLCJ1IjoiMjAyNC0wMS0wMVQwMDowMDowMFoifQ"
}
```"""

R03 = """We use Kestrel CRM and want our contacts in the warehouse via a Fivetran SDK connector, table `contacts`. \
Contacts that get deleted in Kestrel need to show up as deleted in the destination. Please make it incremental. \
Config: `base_url` (just our account's address, without the /api/v1 part), `email`, `api_token`. Relevant bits of their API reference pasted below (we don't need deals \
or users).

=====================================================================
Kestrel REST API (v1)
=====================================================================

Getting started
---------------
All endpoints live under https://<your-subdomain>.kestrelcrm.example/api/v1. Responses are JSON. Timestamps are \
ISO 8601 in UTC.

Authentication
--------------
Kestrel uses HTTP Basic authentication. Use the email address of your Kestrel user as the username and an API \
token (Settings > Profile > API tokens) as the password. Requests with missing or wrong credentials receive \
401 Unauthorized.

Rate limits
-----------
Up to 300 requests per minute per token. Exceeding the limit returns 429 with a Retry-After header. Contact \
support if you need a higher quota.

Pagination
----------
List endpoints return a JSON array and accept `page` and `per_page` (default 30, max 100). Pagination links are \
returned in the `Link` response header, following RFC 8288:

    Link: <https://acme.kestrelcrm.example/api/v1/contacts?page=2&per_page=30>; rel="next",
          <https://acme.kestrelcrm.example/api/v1/contacts?page=9&per_page=30>; rel="last"

Always follow the links rather than constructing URLs yourself.

Contacts
--------
GET /contacts
    List contacts, oldest first.
    Parameters: page, per_page, updated_since (ISO 8601; returns contacts updated at or after this time)

GET /contacts/{id}
    Retrieve a single contact.

POST /contacts, PATCH /contacts/{id}, DELETE /contacts/{id}
    Create, update and delete contacts. Deleting a contact is permanent.

GET /contacts/deleted
    List contacts deleted in the last 30 days as [{"id": 123, "deleted_at": "..."}].
    Parameters: page, per_page, since (ISO 8601; deletions at or after this time)

Deals
-----
GET /deals, GET /deals/{id}, POST /deals
    Deals belong to a contact and a pipeline.

Users
-----
GET /users
    The users of your Kestrel account. Requires an admin token.

Webhooks
--------
Kestrel can POST contact.created, contact.updated and contact.deleted events to an HTTPS endpoint of your \
choice. Webhooks are configured under Settings > Integrations and retried for 24 hours.

Changelog
---------
2024-10-02  Added GET /contacts/deleted.
2024-06-18  per_page maximum raised from 50 to 100.
2024-01-09  API v0 retired."""

R04 = """Venuely -> Fivetran connector

* config: `base_url`, `token`
* auth: token as the `token` query param on every request
* tables:
  * `venues` from GET /v1/venues
  * `rooms` from GET /v1/venues/{venue_id}/rooms (every room of every venue); add `venue_id` to each room
* paging: `offset` + `limit`, limit max 25; response is `{"results": [...], "total": N, "offset": .., "limit": ..}`
* full refresh every sync is fine, it's small"""

R05 = """Hello, I need help for make a connector of Fivetran for our invoice software, it is called Fatturino. We \
want one table `customers` with all the customers (clienti) from Fatturino.

The API use Bearer token, the token is in configuration as `api_token` and the url as `base_url`. The endpoint is \
GET /api/v1/customers, it give pages with `page` and `page_size` (maximum 50, more give error) and in the answer \
there is `total_pages`.

For not download everything every time there is filter `modified_since`. Attention, the format is like \
"2024-05-01 10:00:00", not the ISO with T and Z, otherwise the API say error.

When a customer is cancelled in Fatturino it is not removed, the field `deleted` become "1". In this case please \
mark the row as deleted in destination, not normal row.

Example of one customer from the API:

{"id": "C00042", "ragione_sociale": "Cedar S.r.l.", "partita_iva": "IT48213377120", "email": null,
 "address": {"via": "Via Rossi 12", "citta": "Bologna", "cap": "40121"}, "credit_limit": "1500.00",
 "payment_days": "60", "deleted": "0", "modified": "2024-01-03 14:00:00"}

Thank you very much!"""

R06 = """From: Hannah Okafor <hannah.okafor@brightbeans.example>
To: data-eng@brightbeans.example
Subject: Fwd: Cartwheel API access for reporting

Hi team,

Finance wants our Cartwheel web-shop orders in the warehouse next to everything else. Could one of you build a \
Fivetran connector for it? We need two tables: `orders` and `order_items` (one row per line item, with the order \
id on each row). Refunds can wait.

I've put the key and the API address into the connector config as `api_key` and `base_url`. See Cartwheel \
support's answer below.

Thanks!
Hannah

---------- Forwarded message ---------
From: Cartwheel Support <support@cartwheel.example>
Subject: Re: API access for reporting

Hello Hannah,

Thanks for reaching out! Your API key is now active. Please send it in an `Api-Key` header with every request. \
Orders are available at GET /api/orders (line items are included in each order under `items`). The list is \
paginated with `offset` and `limit`; the maximum limit is 100, and the response tells you whether there are \
more results.

Refunds are at GET /api/refunds if you ever need them.

Kind regards,
Marco | Cartwheel Support
Cartwheel - Sell more, worry less.
This e-mail and any attachments are confidential and intended solely for the addressee."""

R07 = """DATA-1423  Ingest Assetto IT asset inventory into the warehouse

Type: Story    Priority: Medium    Component: data-platform    Reporter: IT Ops (J. Lindqvist)

Description
IT Ops wants to report on laptop/monitor assignment. Assetto (our asset management tool, self-hosted Django app) \
has a REST API. Build a Fivetran Connector SDK connector that loads assets into table `assets`.

Details
- API root in config as `base_url`; service account credentials in config as `username` / `password` (HTTP \
basic auth).
- Endpoint: GET /api/assets/ (standard Django REST framework list: `count`, `next`, `previous`, `results`).
- `page_size` query param, max 100.
- Filter `modified__gte=<ISO datetime>` is supported; every asset has a `modified` timestamp.

Acceptance criteria
1. First run loads all assets.
2. Later runs only fetch assets modified since the previous run.
3. One row per asset, keyed on `id`."""

R08 = """hey all :wave: anyone have cycles for a quick fivetran connector? we need Surveyhub data, two tables: \
`surveys` and `responses`. endpoints are {base_url}/api/v1/surveys and {base_url}/api/v1/responses. auth is the \
token as `?access_token=` in the url (yeah i know :upside_down_face:). pages come through the Link header, \
per_page tops out at 50. token + base url are in the config as `access_token` / `base_url`. full resync every \
time is fine, it's small. ty!!"""

R09 = """Hi! So we manage a bunch of rental buildings and our property software, Rentwise, finally has an API, \
and I'd love to get it into our warehouse with a Fivetran connector. What I'm after is two tables: `properties` \
and `units` (all the units of every property; please put the property id on each unit so I can join them).

The API is at the URL in the config (`api_url`) and you authenticate by sending the token from the config \
(`auth_token`) in an `X-Auth-Token` header. The endpoints are GET /api/properties and \
GET /api/properties/{id}/units. Their dev told me it's a Spring Boot app so the paging is the Spring kind: \
`page` and `size` params, and size can be at most 50. Oh and the pages start at 0, not 1, I got bitten by that \
already :)

Properties and units get added now and then, so every sync should just pull everything again. Thanks a lot!"""

R10 = """Spec for a new Fivetran SDK connector (please build from this):

```yaml
source: Dealflow CRM
config:
  base_url: API root, e.g. {base_url}
  access_token: private app token
auth: "Authorization: Bearer <access_token>"
tables:
  deals:
    endpoint: GET /crm/v1/deals
    primary_key: [id]
    notes: flatten `properties` into columns
pagination:
  type: cursor
  request: limit (max 100), after
  response: paging.next.after (no `paging` on the last page)
incremental:
  param: updatedAfter   # ISO 8601, compares with updatedAt
  state: newest updatedAt seen
deletes:
  archived deals are NOT in the normal list; they are only listed with archived=true
  (same endpoint, same paging and updatedAfter). mark them deleted in the destination.
```

Sample deal:

```json
{"id": "4100013", "properties": {"dealname": "Cedar - renewal", "amount": "1200.50",
 "dealstage": "closedwon", "pipeline": "default", "closedate": null, "hubspot_owner_id": "5512"},
 "createdAt": "2024-01-01T02:11:00.000Z", "updatedAt": "2024-01-03T10:40:00.000Z", "archived": false}
```"""

TASKS = [
    {"id": "r14-01", "style": "terse", "source": "spendly", "request": R01,
     "config": {"base_url": "{base_url}", "token": "{token}"},
     "expect": {"tables": {"expenses": 212}},
     "unsaid": "pagination: page/per_page (default 20, max 100), rows under `expenses`, `next_page` null on the "
               "last page; nested employee/receipt objects, nulls, amounts as strings; 212 expenses"},
    {"id": "r14-02", "style": "curl", "source": "stocklane", "request": R02,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"purchase_orders": 130, "purchase_order_lines": 314}},
     "second_sync": {"expect": {"tables": {"purchase_orders": 138, "purchase_order_lines": 334}}},
     "unsaid": "the next page is asked for with `cursor=<next_cursor>` (unknown parameters are a 400 that names the "
               "allowed ones); the cursor carries the updated_since filter; updated_since is inclusive; default "
               "limit 20; lines have their own ids but no PO id; 2nd sync: 6 POs updated, 8 new with 20 lines"},
    {"id": "r14-03", "style": "vendor-docs", "source": "kestrel", "request": R03,
     "config": {"base_url": "{base_url}", "email": "{email}", "api_token": "{api_token}"},
     "expect": {"tables": {"contacts": 260}},
     "second_sync": {"expect": {"tables": {"contacts": 269}, "deleted": {"contacts": 4}}},
     "unsaid": "the connector appends /api/v1 to base_url (the docs' host is an example); deletes are hard "
               "(deleted contacts vanish from /contacts and only appear in /contacts/deleted); 8 contacts were "
               "deleted before sync 1 (op.delete on them makes no rows); the Link URLs are absolute and keep "
               "updated_since; no 429s happen; 2nd sync: 4 deleted, 6 updated, 9 new"},
    {"id": "r14-04", "style": "bullets", "source": "venuely", "request": R04,
     "config": {"base_url": "{base_url}", "token": "{token}"},
     "expect": {"tables": {"venues": 31, "rooms": 154}},
     "unsaid": "default limit 10; two venues have more than 25 rooms, so the per-venue lists need paging too; "
               "most venues have 0-6 rooms; room ids are global"},
    {"id": "r14-05", "style": "non-native", "source": "fatturino", "request": R05,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"customers": 184}},
     "second_sync": {"expect": {"tables": {"customers": 194}, "deleted": {"customers": 5}}},
     "unsaid": "`deleted` is the string \"0\" or \"1\" (\"0\" is truthy in Python); 6 customers are already "
               "deleted before sync 1 (op.delete on them makes no rows); modified_since is inclusive; default "
               "page_size 25; ids are strings; 2nd sync: 5 deleted, 7 modified, 10 new"},
    {"id": "r14-06", "style": "email", "source": "cartwheel", "request": R06,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"orders": 240, "order_items": 493}},
     "unsaid": "rows under `orders`, `has_more` flag; default limit 20; items have no id: key (order_id, sku), "
               "skus repeat across orders; refunds must not be synced; string prices, null discounts and "
               "shipping addresses"},
    {"id": "r14-07", "style": "ticket", "source": "assetto", "request": R07,
     "config": {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     "expect": {"tables": {"assets": 275}},
     "second_sync": {"expect": {"tables": {"assets": 282}}},
     "unsaid": "`next` is an absolute URL that keeps page_size and the filter; default page_size 25; a page past "
               "the end is a 404; `modified` has microseconds; modified__gte is inclusive; 2nd sync: 12 modified, "
               "7 new"},
    {"id": "r14-08", "style": "slack", "source": "surveyhub", "request": R08,
     "config": {"base_url": "{base_url}", "access_token": "{access_token}"},
     "expect": {"tables": {"surveys": 58, "responses": 413}},
     "unsaid": "the Link URLs do not carry the access_token (following them as they are is a 401); default "
               "per_page 10; both endpoints return top-level arrays; responses carry survey_id, nested answers, "
               "nullable respondent, scores as strings; ids of responses are strings"},
    {"id": "r14-09", "style": "chatty", "source": "rentwise", "request": R09,
     "config": {"api_url": "{base_url}", "auth_token": "{auth_token}"},
     "expect": {"tables": {"properties": 73, "units": 383}},
     "second_sync": {"expect": {"tables": {"properties": 75, "units": 393}}},
     "unsaid": "Spring page body: `content`, `last`, `totalPages`; default size 20; one property has 57 units, so "
               "unit lists need paging; units carry no property id; 2nd sync: 2 new properties with 3 units each "
               "and 4 units added to existing properties"},
    {"id": "r14-10", "style": "yaml-spec", "source": "dealflow", "request": R10,
     "config": {"base_url": "{base_url}", "access_token": "{access_token}"},
     "expect": {"tables": {"deals": 235}},
     "second_sync": {"expect": {"tables": {"deals": 246}, "deleted": {"deals": 6}}},
     "unsaid": "9 deals were archived before sync 1 (op.delete on them makes no rows); default limit 10; "
               "updatedAfter is inclusive; ids are numeric strings; property values are strings or null; "
               "2nd sync: 6 archived, 8 updated, 11 new"},
]


def main() -> None:
    tasks = [{"id": t["id"], "split": "tune", **{k: v for k, v in t.items() if k != "id"}} for t in TASKS]
    (HERE / "tasks.json").write_text(json.dumps(tasks, indent=2) + "\n")
    for t in tasks:
        folder = HERE / "reference" / t["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"wrote {len(tasks)} tasks")


if __name__ == "__main__":
    main()
