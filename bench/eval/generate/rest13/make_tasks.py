"""Writes tasks.json and each reference/<id>/configuration.json (from the task's `config`) for the rest13 set.
Edit this file, not tasks.json. Placeholders such as {base_url} are filled from the mock's .values at run time."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """Tallybook contacts -> Fivetran. GET {base_url}/api/contacts, bearer token (config: `api_token`, `base_url`). \
Table `contacts`, and pull the company name out into its own `company_name` column."""

R02 = """this is our shop's API (Shopwise):

```
$ curl -s -H "X-Shopwise-Key: $SHOPWISE_KEY" "{base_url}/v2/orders?limit=2"
{"orders": [{"id": 300100, "number": "SW-10400", "status": "paid", "customer": {"id": 917, "email": "gina.costa41@example.com", "name": "Gina Costa"}, "currency": "EUR", "created_at": "2024-01-01T00:00:00Z", "items": [{"id": 70001, "sku": "SKU-512", "title": "Café crème beans 1 kg", "quantity": "2", "unit_price": "24.90", "discount": null}, {"id": 70002, "sku": "SKU-288", "title": "Mug — matte black", "quantity": "1", "unit_price": "14.00", "discount": "2.00"}], "total": "63.80"}, {"id": 300101, "number": "SW-10401", "status": "fulfilled", "customer": {"id": 933, "email": "lars.ito7@example.com", "name": "Lars Ito"}, "currency": "EUR", "created_at": "2024-01-01T03:31:00Z", "items": [{"id": 70003, "sku": "SKU-140", "title": "Pour-over kettle", "quantity": "1", "unit_price": "39.00", "discount": null}], "total": "39.00"}], "next_cursor": "eyJvIjogMn0"}
```

need a fivetran connector that loads the orders into `orders` and their line items into a separate table \
`order_items` (with the order id on each item row). limit goes up to 50, and you pass next_cursor back as `cursor` to \
get the next page. config keys: `base_url`, `shopwise_key`."""

R03 = """Could you build a Fivetran connector for Beacon (our support desk)? Only tickets, into a `tickets` table. The \
first run should load everything, after that only tickets that changed. The config has `base_url` and `api_key`. \
Relevant parts of their API reference:

---
Beacon REST API v1

Authentication
  Authorization: Bearer <api key>. Requests without a valid key return 401.

Pagination
  page (1-based) and per_page (default 25, max 100). Responses: {"tickets": [...], "page": 1, "has_more": true}

GET /v1/tickets
  Query parameters
    page, per_page     see Pagination
    updated_since      Unix time in milliseconds. Returns tickets last modified at or after this time (tickets
                       that were never modified count as modified when they were created).
  Ticket object
    id          integer
    subject     string
    status      open | pending | solved | closed
    priority    low | normal | high | null
    created     integer, Unix time in milliseconds
    updated     integer, Unix time in milliseconds of the last modification; null if the ticket was never modified
    due_date    string (YYYY-MM-DD) or null
    closed_at   string, ISO 8601 with the closing agent's UTC offset, or null
    assignee    {"id", "name", "team": {"id", "name"}} or null

GET /v1/macros, GET /v1/agents
  Same pagination. (Admin keys only.)

Webhooks
  ticket.created, ticket.updated, ticket.closed: configure under Settings > Integrations.

Rate limits
  600 requests per minute per key.
---"""

R04 = """Hello, I am working in a bakery chain in Germany and we use the Kassa cash system. I need to have our \
receipts in the data warehouse with Fivetran, please help me to write the connector.

The API address is {base_url}/api/v1/receipts and the token must go in the URL like ?token=xxx (I put it in the config \
as `token`, and the address as `base_url`). It is giving max 100 receipts per call, with `limit` and `page`.

One receipt have many lines (the products), I want them in a separate table `receipt_lines` with the receipt id, and \
the receipts in `receipts`. Important: refunded receipts we don't want at all, please skip them, also their lines.

The answer is looking like this (I cut it):

{"status":"ok","result":{"items":[{"id":880000,"number":"B-2024-00001","store":{"id":11,"name":"Kassa Mitte"},\
"cashier":"Olga","total":"7.40","refunded":"false","paid_with":"card","created":"2024-01-01 00:00:00",\
"lines":[{"id":1,"product":"Brötchen","qty":"4","price":"0.45"},{"id":2,"product":"Kaffee groß","qty":"1",\
"price":"3.20"}]}],"page":1,"pages":"14","count":"263"}}

Thank you very much!"""

R05 = """Subject: Fieldnote data into the warehouse

Hi,

following up on our call: could you set up a Fivetran connector for Fieldnote (our survey tool)? We'd like two \
tables, `forms` and `submissions`.

Their API is at {base_url}. Auth is a header `Authorization: Token <key>`; the key is in the connector config as \
`api_key`, next to `base_url`.

GET /api/forms returns {"forms": [...], "next_page": 2} and you keep asking with ?page=N until next_page is null. \
The submissions are at GET /api/submissions and page the same way. Page sizes are fixed by Fieldnote, there is no \
parameter for them.

Be aware that some answers are very long free text (people paste whole essays into the comment box) and they come \
in all sorts of languages, so please don't truncate or mangle them.

Thanks a lot,
Marta
(Customer Insights)"""

R06 = """Rostr HR connector: requirements

* Source: Rostr REST API. Base URL in the config as `base_url`, key as `api_key`, sent in an `X-Api-Key` header.
* Endpoint: GET /api/employees, paginated with `offset` and `limit` (limit <= 100); the response has `employees` \
and `total`.
* Table `employees`: one row per employee, primary key `employee_number` (keep it as text, the leading zeros \
matter).
* Table `employee_skills`: one row per employee per skill (columns `employee_number`, `skill`), from the `skills` \
field of each employee.
* A full reload on every sync is fine, it's only about 250 people."""

R07 = """Need a connector for our Ledgerline bank feed -> table `transactions`. Transactions never change once \
booked, so after the first sync just continue after the last one you got (`starting_after`). Please also add a \
column `amount_eur` with the amount converted from cents to euros. Config: `base_url`, `api_key` (bearer token).

From their spec:

```yaml
openapi: 3.0.1
info: {title: Ledgerline API, version: "1.4"}
security: [{bearerAuth: []}]
paths:
  /v1/transactions:
    get:
      summary: List transactions, oldest first
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 10}}
        - {name: starting_after, in: query, description: id of the last transaction of the previous page, schema: {type: string}}
      responses:
        "200": {content: {application/json: {schema: {$ref: "#/components/schemas/TransactionList"}}}}
components:
  schemas:
    TransactionList:
      type: object
      properties:
        object: {type: string, enum: [list]}
        data: {type: array, items: {$ref: "#/components/schemas/Transaction"}}
        has_more: {type: boolean}
    Transaction:
      type: object
      properties:
        id: {type: string, example: txn_00000001}
        amount: {type: string, description: signed integer amount in minor units (cents), example: "-4599"}
        currency: {type: string}
        fee: {type: string, nullable: true}
        description: {type: string, nullable: true}
        counterparty: {type: object, nullable: true, properties: {name: {type: string}, iban: {type: string}}}
        created: {type: integer, description: Unix time in seconds}
        value_date: {type: string, format: date}
```"""

R08 = """DATA-1423: New source - Helpline tickets + comments
Type: Story | Priority: Medium | Reporter: J. Okafor | Component: Ingestion

Description
As an analyst I want Helpline tickets and their comments in the warehouse, so that we can report on response \
times per customer organization.

Acceptance criteria
1. Tables `tickets` (key `id`) and `ticket_comments` (key: the comment's `id`, plus a `ticket_id` column).
2. `tickets` has a flat `organization_name` column (requester -> organization -> name); `ticket_comments` has \
`author_name` (the comment author's name).
3. Incremental: send `updatedAfter` (RFC 3339) with the max `updated_at` of the previous run.
4. API: GET {base_url}/api/v3/tickets, bearer token from the config (`api_key`; `base_url` is in the config too). \
Pagination: `limit` (max 50) and `after` = `paging.next.after` from the previous response; no `paging` means it was \
the last page.

Notes
Comments come embedded in each ticket (`comments` array)."""

R09 = """hey @data-eng 👋 could someone make us a fivetran connector for Metricly (our ads tool)? we need 2 tables:
• `campaigns` from GET /v1/campaigns
• `daily_stats` from GET /v1/stats/daily, one row per campaign per day. please put the campaign name on each row \
(`campaign_name`) and add a `cpc` column (spend / clicks) so the dashboards don't have to join anything

api key goes in the query as ?api_key=… (config `api_key`, host is `base_url`). this is what stats gives me:
```
{"rows": [{"date": "2024-01-01", "campaign_id": "4100", "impressions": 18211, "clicks": "112", "spend": "97.51", "conversions": null}, {"date": "2024-01-01", "campaign_id": "4107", ...}], "next_page_token": "eyJvIjogMTAwfQ"}
```
you pass next_page_token back as page_token, page_size max 200 🙏"""

R10 = """Tripset (our vacation-rental PMS) connector please: tables `properties` and `bookings`. Bookings should be \
incremental (modified_since), properties can simply be reloaded every time. Config: `base_url` and `token`. From \
their developer portal:

## Tripset Partner API (v1)

All requests need the header `X-Tripset-Token: <token>`. Responses are JSON. Timestamps are RFC 3339 in the \
property's local UTC offset; dates (`check_in`, `check_out`) are `YYYY-MM-DD`. Empty collections are encoded as \
`null`, not `[]`.

### Paging
`page` (1-based) and `per_page` (1-50, default 20). There is no total count: a page with fewer than `per_page` items \
is the last one.

### GET /v1/properties
`{"items": [Property], "page": 1, "per_page": 20}`
Property: `code` (string, unique), `name`, `city`, `utc_offset_minutes`, `amenities` (array of strings)

### GET /v1/bookings
Same envelope. Query: `modified_since` (RFC 3339): bookings modified at or after that instant.
Booking: `booking_ref` (string, unique), `property_code`, `status`, `lead_guest` {`name`, `email`}, `guests` (array), \
`check_in`, `check_out`, `price` {`amount`, `currency`}, `created`, `modified`

### POST /v1/bookings/{booking_ref}/messages
Send a message to the lead guest.

### Webhooks
`booking.created`, `booking.modified`, `booking.cancelled`; register them in the partner portal."""

TASKS = [
    {"id": "r13-01", "style": "terse", "source": "tallybook", "request": R01,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"contacts": 173}},
     "unsaid": "contacts have no `id`: the key is `uuid` (a primary key on `id` is a null-key error); company is null "
               "on 49 contacts, email missing on 17, phone null or missing; page/per_page (default 20, max 100) with "
               "`meta.total_pages`, rows under `data`; tags a list of strings"},
    {"id": "r13-02", "style": "curl", "source": "shopwise", "request": R02,
     "config": {"base_url": "{base_url}", "shopwise_key": "{api_key}"},
     "expect": {"tables": {"orders": 137, "order_items": 255}},
     "unsaid": "next_cursor is \"\" (not null) on the last page and `cursor=` empty is a 400; `items` is null on 20 "
               "cancelled orders and missing on 16 drafts; quantity/unit_price/total are strings, total null on "
               "drafts; customer null on guest orders; default limit 25"},
    {"id": "r13-03", "style": "vendor-docs", "source": "beacon", "request": R03,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"tickets": 212}},
     "second_sync": {"expect": {"tables": {"tickets": 218}}},
     "unsaid": "`updated` is null on 82 tickets (the cursor must fall back to `created`; max() over None fails); "
               "updated_since must be epoch milliseconds (ISO or seconds are a 400); due_date date-only, closed_at "
               "ISO with offsets, assignee null or nested two levels; 2nd sync: 8 updated, 6 new (updated null)"},
    {"id": "r13-04", "style": "non-native", "source": "kassa", "request": R04,
     "config": {"base_url": "{base_url}", "token": "{token}"},
     "expect": {"tables": {"receipts": 227, "receipt_lines": 704}},
     "unsaid": "`refunded` is the string \"true\"/\"false\" (truthiness skips every receipt); rows under "
               "`result.items`; `pages` and `count` are strings; pages past the end are empty, two past it a 400; "
               "263 receipts, 36 refunded; created is a naive local time with a space; qty/price strings"},
    {"id": "r13-05", "style": "email", "source": "fieldnote", "request": R05,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"forms": 23, "submissions": 412}},
     "unsaid": "submissions are wrapped: {\"result\": {\"submissions\": [...], \"next_page\": ...}}, unlike forms; "
               "submissions have no `id`, the key is `submission_id`; form_id is a string there while forms' id is an "
               "integer; answers hold comments up to 12,300 characters with emoji and non-Latin scripts, lists of "
               "strings, null scores; respondent null on anonymous forms; a page-size parameter is a 400"},
    {"id": "r13-06", "style": "bullets", "source": "rostr", "request": R06,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"employees": 243, "employee_skills": 348}},
     "unsaid": "`skills` is a list of plain strings (not objects), null on 35 employees and missing on 45 "
               "contractors; employee_number zero-padded text; department -> site nested; hourly_rate a string or "
               "null; default limit 25"},
    {"id": "r13-07", "style": "openapi", "source": "ledgerline", "request": R07,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"transactions": 300}},
     "second_sync": {"expect": {"tables": {"transactions": 314}}},
     "unsaid": "has_more only means the page was full: 300 transactions at limit 100 end with an empty page "
               "(data[-1] fails there); amount is a string of cents (negative too), fee null or a string; "
               "starting_after must be a known id (400 otherwise); created unix seconds, value_date date-only; "
               "2nd sync: 14 new"},
    {"id": "r13-08", "style": "ticket", "source": "helpline", "request": R08,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"tickets": 182, "ticket_comments": 290}},
     "second_sync": {"expect": {"tables": {"tickets": 187, "ticket_comments": 306}}},
     "unsaid": "pages can be empty in the middle while paging.next is present (merged and spam tickets are dropped "
               "after paging; stopping on an empty page loses rows); requester null, organization null, address null "
               "at different levels; comment author null on system comments; default limit 20; updatedAfter strict "
               "RFC 3339; 2nd sync: 7 tickets updated with a new comment, 5 new"},
    {"id": "r13-09", "style": "slack", "source": "metricly", "request": R09,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"campaigns": 14, "daily_stats": 378}},
     "unsaid": "campaigns' `id` is an integer while stats' campaign_id is a string (a dict lookup without converting "
               "is a KeyError); stats rows have no id: key (date, campaign_id); clicks \"0\" on 68 rows (cpc must be "
               "null, not a ZeroDivisionError), clicks/spend strings, conversions null; the last page is empty with a "
               "null token; campaigns are one unpaged list"},
    {"id": "r13-10", "style": "vendor-docs", "source": "tripset", "request": R10,
     "config": {"base_url": "{base_url}", "token": "{token}"},
     "expect": {"tables": {"properties": 12, "bookings": 200}},
     "second_sync": {"expect": {"tables": {"properties": 12, "bookings": 204}}},
     "unsaid": "200 bookings fill exactly 4 pages of 50, so page 5 is {\"items\": null} (len/iteration of None "
               "fails); keys are `code` and `booking_ref` (no `id`); modified in mixed UTC offsets (the cursor goes back "
               "with its offset, URL-encoded); modified_since strict RFC 3339 (a '+' left unencoded is a 400); "
               "guests and amenities null when empty; 2nd sync: 5 modified, 4 new"},
]


def main() -> None:
    tasks = [{"id": t["id"], "split": "tune", **{k: v for k, v in t.items() if k != "id"}} for t in TASKS]
    (HERE / "tasks.json").write_text(json.dumps(tasks, indent=2, ensure_ascii=False) + "\n")
    for t in tasks:
        folder = HERE / "reference" / t["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"wrote {len(tasks)} tasks")


if __name__ == "__main__":
    main()
