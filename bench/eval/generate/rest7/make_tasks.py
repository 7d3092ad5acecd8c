"""Writes tasks.json and each reference/<id>/configuration.json (from the task's `config`) for the rest7 set.
Edit this file, not tasks.json. Placeholders such as {base_url} are filled from the mock's .values at run time."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """Fivetran connector for our Fitloop account: sync bookings (GET {base_url}/v1/bookings) into a `bookings` \
table. Bearer token is in the config as `api_token`, base URL as `base_url`."""

R02 = """I need a Fivetran connector (Python SDK) for Ledgerly, our invoicing tool. Two tables: `invoices` and \
`invoice_lines` (one row per line item, with the invoice id on it so I can join them). The API key goes in the query \
string as `api_key`; it's in the config along with `base_url`.

The endpoint is GET {base_url}/api/invoices and it takes `offset` and `limit` (limit is 50 max). This is what a \
response looks like:

```json
{
  "invoices": [
    {
      "id": "inv_3kq8d2mfa7zp",
      "number": "INV-2024-0001",
      "customer": {"id": "cus_w2hx9ab4ke", "name": "Cedar GmbH"},
      "currency": "EUR",
      "status": "paid",
      "issued_on": "2024-01-01",
      "due_on": "2024-01-31",
      "total": "159.98",
      "line_items": [
        {"line_no": 1, "description": "Maple subscription", "quantity": 2, "unit_price": "49.99", "amount": "99.98"},
        {"line_no": 2, "description": "Onyx subscription", "quantity": 5, "unit_price": "12.00", "amount": "60.00"}
      ]
    }
  ],
  "offset": 0,
  "limit": 20,
  "total": 143
}
```"""

R03 = """Connector requirements: Supportly tickets

- Base URL and API key come from the config (`api_base`, `api_key`).
- Auth: send the key in an `X-Api-Key` header.
- Endpoint: GET /api/tickets -> `{"tickets": [...], "next_page_token": "..."}`
- Paging: `limit` up to 100; pass `page_token` from the previous response until `next_page_token` is null.
- Destination table: `tickets`, primary key `id`.
- Incremental: remember the latest `updated_at` and on the next sync send it as `updated_after`, so we only pull \
tickets that changed.
- Supportly rate-limits aggressively: you will get 429s with a Retry-After header. The sync must wait and retry, \
not fail."""

R04 = """hey! quick one hopefully :) I've got a little side project, PlantPal, a plant watering tracker with its own \
REST API, and I'd like the data in our warehouse through a fivetran connector. two tables please: `plants` and \
`waterings` (every watering log of every plant).

the api lives at {base_url}. it's just basic auth with my username + password, both are in the config (`username`, \
`password`) next to `base_url`.

- GET /api/plants gives the plants
- GET /api/plants/<plant id>/waterings gives the logs of one plant

both return plain JSON arrays. paging works like GitHub's I think, there's a Link header pointing at the next page. \
max per_page is 30. thanks!!"""

R05 = """Can you write a Fivetran connector that syncs our Mailcrate subscribers into a `subscribers` table? Just \
subscribers, nothing else. Subscribers that were deleted in Mailcrate should end up marked as deleted in the \
destination, not as normal rows. After the first full load it should only fetch what changed. The config has \
`base_url` and `api_key`. I pasted their API docs below.

---
# Mailcrate API v3

Host: {base_url} (all paths below are relative to it)

## Authentication
All requests must include your secret key as a bearer token: `Authorization: Bearer mc_live_...`. Keys starting \
with `mc_test_` only see test-mode data. Requests without a valid key return `401`.

## Rate limits
Each key may make 100 requests per minute. Every response includes `X-RateLimit-Limit` and \
`X-RateLimit-Remaining`. Bursts above the limit are answered with `429 Too Many Requests`.

## Pagination
All list endpoints return a list object:

    {"object": "list", "data": [...], "has_more": true}

Use `limit` (1-100, default 10) and `starting_after`, the `id` of the last object of the previous page, to fetch the \
next page. Objects are returned in ascending `id` order.

## Subscribers
`GET /v3/subscribers`: list subscribers.
Query parameters: `limit`, `starting_after`, `since` (unix timestamp in seconds; only subscribers whose \
`updated_at` is at or after this time).

    {"id": "sub_4fz8k2wq9mxa7c", "object": "subscriber", "email": "mei.tanaka7@example.com",
     "first_name": "Mei", "last_name": "Tanaka", "status": "subscribed", "lists": ["newsletter"],
     "created_at": 1704070800, "updated_at": 1704074400, "deleted": false}

Erased subscribers stay in the list for 90 days with `"deleted": true`.

`POST /v3/subscribers`: create a subscriber.
`DELETE /v3/subscribers/{id}`: erase a subscriber.

## Campaigns
`GET /v3/campaigns`: list campaigns (same pagination).
`POST /v3/campaigns/{id}/send`: send a campaign.

## Webhooks
Configure webhook endpoints in the dashboard under Settings > Developers. Events: `subscriber.created`, \
`subscriber.updated`, `subscriber.deleted`, `campaign.sent`.

## Changelog
- 2024-06-12: `since` filter added to `GET /v3/subscribers`.
- 2024-03-01: maximum `limit` lowered from 500 to 100.
- 2023-11-20: v2 endpoints deprecated; they will be removed on 2025-01-01.
---"""

R06 = """We ship through Parcelpoint and I'd like all our shipments in Fivetran, in a table called `shipments`. The \
account id and the secret go in the config, and so does the API address. Every request needs both of them: the \
account id in an `X-Account-Id` header and the secret in `X-Account-Secret`. The list is GET /v2/shipments, which \
answers `{"results": [...], "next": ...}` where `next` is the URL of the next page (null on the last one). \
page_size can't be more than 25."""

R07 = """connector for Stockroom inventory levels -> table `inventory_levels`, one row per product per location. \
GET {base_url}/inventory/levels, the key goes in the query as `?apikey=`. config: `host`, `apikey`."""

R08 = """Need a Fivetran SDK connector for Clockwise (time tracking) -> table `time_entries`. Auth is HTTP basic where \
the username is the API token and the password is literally the string `api_token` (their docs are weird like \
that). The token is `api_token` in the config, the base url is `base_url`.

Sample from GET {base_url}/api/v1/time_entries?page=1&per_page=2 :

{
  "time_entries": [
    {"id": 88000, "user": {"id": 12, "name": "Mei Tanaka"},
     "project": {"id": 301, "name": "Bolt audit", "client": {"id": 71, "name": "Globex Inc"}},
     "started_at": "2024-01-01T00:00:00Z", "minutes": 90, "billable": true, "note": "standup"},
    {"id": 88003, ...}
  ],
  "pagination": {"page": 1, "per_page": 2, "total_entries": 287, "total_pages": 144}
}

per_page max is 100."""

R09 = """Pipewise CRM -> Fivetran. What I need:

1. Tables `companies` and `contacts`, both keyed on `id`.
2. Endpoints: GET {base_url}/v1/companies and GET {base_url}/v1/contacts, bearer auth with the key from the config \
(`api_key`; `base_url` is in there too).
3. Both return `{"records": [...], "total": N, "offset": ..., "limit": ...}`. Paginate with `offset` + `limit` \
(limit max 50).
4. Incremental: both endpoints accept `updated_since` (ISO 8601). The first sync pulls everything, later syncs only \
what changed since the last run. Keep a separate cursor per table.
5. Contacts have an `owner` object, keep it as it is (a JSON column is fine)."""

R10 = """Please build a Fivetran connector for Rotaro (our staff scheduling tool). I only want shifts, table name \
`shifts`. The config has `base_url` and `api_key`. Here's the relevant part of their developer docs:

Rotaro REST API v2
==================

Authentication
  Pass your key in the Authorization header with the ApiKey scheme:
      Authorization: ApiKey <your key>
  Keys are created under Admin > Integrations. Invalid keys get 401 Unauthorized.

Pagination
  List endpoints accept `page` (1-based) and `per_page` (default 10, maximum 20). The response body is a JSON
  array; the total number of records is returned in the `X-Total-Count` response header.

Rate limiting
  Rotaro enforces a rolling request quota per key. When you exceed it you get HTTP 429 with a `Retry-After`
  header (seconds). Do not retry before that time has passed: early retries are rejected too.

Endpoints
  GET  /api/v2/shifts           List shifts
  GET  /api/v2/shifts/{id}      Get one shift
  POST /api/v2/shifts           Create a shift
  GET  /api/v2/employees        List employees (requires the HR add-on)
  GET  /api/v2/locations        List locations
  POST /api/v2/timeoff          Request time off

SDKs
  Official client libraries exist for Ruby and PHP. Python support is community-maintained.

Changelog
  2024-09-01  per_page maximum reduced from 100 to 20
  2024-05-15  Added `published` to shifts
  2024-02-02  Deprecated /api/v1 (sunset 2024-12-31)"""

TASKS = [
    {"id": "r7-01", "style": "terse", "source": "fitloop", "request": R01,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"bookings": 163}},
     "unsaid": "pagination: page/per_page (default 25, max 100), rows under `data`, `meta.total`/`meta.total_pages`; "
               "bookings carry nested objects (member with a nested plan, class, price); 163 bookings, 2+ pages"},
    {"id": "r7-02", "style": "sample-json", "source": "ledgerly", "request": R02,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"invoices": 150, "invoice_lines": 290}},
     "unsaid": "line_no restarts at 1 on every invoice, so invoice_lines needs a composite key (invoice id, line_no); "
               "default limit 20; 150 invoices (sample total is from another day), string ids"},
    {"id": "r7-03", "style": "bullets", "source": "supportly", "request": R03,
     "config": {"api_base": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"tickets": 240}},
     "second_sync": {"expect": {"tables": {"tickets": 251}}},
     "unsaid": "every 3rd request is a 429 with Retry-After: 1; default limit 25; the page_token carries the "
               "updated_after filter; updated_after is strict; 2nd sync: 15 tickets updated, 11 new"},
    {"id": "r7-04", "style": "chatty", "source": "plantpal", "request": R04,
     "config": {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
     "expect": {"tables": {"plants": 34, "waterings": 209}},
     "unsaid": "default per_page 10; the Link header is absolute and has no rel=next on the last page; two plants "
               "have more than 30 waterings, so the per-plant lists must be paged too; waterings carry plant_id"},
    {"id": "r7-05", "style": "vendor-docs", "source": "mailcrate", "request": R05,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"subscribers": 175}},
     "second_sync": {"expect": {"tables": {"subscribers": 187}, "deleted": {"subscribers": 7}}},
     "unsaid": "5 subscribers are already erased before sync 1 (op.delete on them makes no rows); `since` is unix "
               "seconds, not ISO; campaigns must not be synced; rate-limit notes are informational (no 429s); "
               "2nd sync: 7 erased, 9 updated, 12 new"},
    {"id": "r7-06", "style": "config-described", "source": "parcelpoint", "request": R06,
     "config": {"acct": "{account_id}", "signing_secret": "{secret}", "api_host": "{base_url}"},
     "expect": {"tables": {"shipments": 140}},
     "unsaid": "config keys are `acct`, `signing_secret`, `api_host` (only described in the request); default "
               "page_size 10; `next` is absolute and keeps page_size; ids are strings (shp_...); nested origin/"
               "destination"},
    {"id": "r7-07", "style": "terse", "source": "stockroom", "request": R07,
     "config": {"host": "{base_url}", "apikey": "{apikey}"},
     "expect": {"tables": {"inventory_levels": 201}},
     "unsaid": "rows under `items`; pagination by `links.next`, a relative path that does not carry the apikey; "
               "limit default 50, max 100; no id field: key (product_id, location_id), product ids are SKU strings"},
    {"id": "r7-08", "style": "sample-json", "source": "clockwise", "request": R08,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"time_entries": 300}},
     "unsaid": "default per_page 50; 300 entries (the sample's totals are from another account); nested user/"
               "project/client; ids have gaps"},
    {"id": "r7-09", "style": "bullets", "source": "pipewise", "request": R09,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"companies": 64, "contacts": 320}},
     "second_sync": {"expect": {"tables": {"companies": 67, "contacts": 335}}},
     "unsaid": "default limit 20; `total` counts the filtered rows; updated_since is inclusive; 2nd sync: 2 companies "
               "updated + 3 new, 10 contacts updated + 15 new"},
    {"id": "r7-10", "style": "vendor-docs", "source": "rotaro", "request": R10,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"shifts": 230}},
     "unsaid": "every 4th request is a 429 with Retry-After: 2 and retries before then get 429 again; the last page "
               "is short (230 shifts); employees/locations must not be synced"},
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
