"""Writes tasks.json and each reference/<id>/configuration.json for the rest6 set. Edit this file, not tasks.json.

Placeholders such as {base_url} stay in the texts; the harness fills them from the mock's `.values`.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

R01 = """hey, could you knock out a fivetran connector for the Pulsefit members API? GET {base_url}/api/v1/members, bearer token (`api_token` in the config), ?page=&per_page= (50 max), rows come back under `data` and `meta.pages` says how many pages there are -> `members` table, keep the plan / home club info"""

R02 = """Subject: Work orders from Tenantly into Fivetran

Hi,

We'd like our maintenance work orders from Tenantly (our property management system) loaded into the warehouse with the Fivetran Connector SDK.

Our instance is http://{domain}/api/v2 and the endpoint is GET /work_orders. I've put `domain` (host and port, without the http://) and `api_key` in the configuration. The key goes in the Authorization header with an `Api-Key` prefix, i.e. `Authorization: Api-Key <key>`.

The list is paged with `offset` and `limit` (their docs say limit can't go above 100) and each response has the orders in `entries` plus a `total`.

We have a lot of orders and the vendor asked us not to pull everything every time, so after the first load please only fetch what changed: the endpoint takes `updated_since` and then returns the orders whose `updated_at` is at or after that time. Careful, both are Unix epoch seconds, not date strings.

Table name: `work_orders`.

Thanks a lot,
Marta

--
Marta Lindqvist
Facilities Data Lead | Tenantly Properties
+44 20 7946 0958"""

R03 = """Can you build a connector that syncs events and their attendees from TixHub into two tables, `events` and `attendees`? Config has `base_url` and `api_key`. Here's the relevant part of their OpenAPI spec:

```yaml
openapi: 3.0.3
info: {title: TixHub Organizer API, version: "2.4"}
servers:
  - url: {base_url}/v2
security:
  - apiKey: []
components:
  securitySchemes:
    apiKey: {type: apiKey, in: query, name: api_key}
  parameters:
    limit: {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50, default: 25}}
    cursor: {name: cursor, in: query, description: value of X-Next-Cursor from the previous page, schema: {type: string}}
  headers:
    X-Next-Cursor:
      description: Cursor for the next page. Not sent on the last page.
      schema: {type: string}
  schemas:
    Event:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
        venue: {type: object, properties: {name: {type: string}, city: {type: string}}}
        starts_at: {type: string, format: date-time}
        capacity: {type: integer}
        status: {type: string, enum: [on_sale, sold_out, past]}
    Attendee:
      type: object
      properties:
        ticket_no: {type: integer, description: Ticket number, unique within the event}
        name: {type: string}
        email: {type: string}
        ticket_type: {type: string, enum: [standard, vip, student]}
        checked_in: {type: boolean}
paths:
  /events:
    get:
      summary: List events
      parameters: [{$ref: '#/components/parameters/limit'}, {$ref: '#/components/parameters/cursor'}]
      responses:
        '200':
          headers: {X-Next-Cursor: {$ref: '#/components/headers/X-Next-Cursor'}}
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Event'}}}}
  /events/{event_id}/attendees:
    get:
      summary: List the attendees of one event
      parameters:
        - {name: event_id, in: path, required: true, schema: {type: integer}}
        - {$ref: '#/components/parameters/limit'}
        - {$ref: '#/components/parameters/cursor'}
      responses:
        '200':
          headers: {X-Next-Cursor: {$ref: '#/components/headers/X-Next-Cursor'}}
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Attendee'}}}}
```"""

R04 = """Pasting our Postman request for Billflow below. We need `invoices` and their line items (in their own table `invoice_lines`, with the invoice id on each line) synced with the Fivetran Connector SDK. Config keys: `base_url`, `secret_key`.

```
Billflow API > Invoices > List invoices
GET {{baseUrl}}/v1/invoices?limit=100&starting_after={{lastInvoiceId}}

Authorization: Basic Auth
    Username  {{secretKey}}
    Password  (empty)

Query Params
    limit            integer, 1-100 (default 10)
    starting_after   id of the last invoice on the previous page; leave out for the first page

Collection variables
    baseUrl     {base_url}
    secretKey   (configuration: secret_key)

Example response - 200 OK
{
  "object": "list",
  "url": "/v1/invoices",
  "has_more": true,
  "data": [
    {
      "id": "in_8kq2m4x7d3p9za",
      "object": "invoice",
      "customer": "cus_4hz8n2kqw7ta",
      "status": "paid",
      "currency": "eur",
      "total": 13800,
      "created": 1714000000,
      "lines": {
        "object": "list",
        "has_more": false,
        "data": [
          {"id": "il_2m7qk9x4d8hz3n", "object": "line_item", "description": "Maple plan", "quantity": 2, "unit_amount": 4900, "amount": 9800},
          {"id": "il_7d3kq8m2x9zp4h", "object": "line_item", "description": "Onyx plan", "quantity": 4, "unit_amount": 1000, "amount": 4000}
        ]
      }
    }
  ]
}

Docs note: the API is rate limited. Over the limit you get 429 Too Many Requests with a Retry-After header (seconds); wait that long, then retry.
```"""

R05 = """I pull our Formly survey responses with the script below. Could you turn it into a Fivetran connector (table `responses`, one row per response)? Right now it only ever gets the first page: the JSON has a `next` field with the full URL of the next page (null on the last one). 100 is the biggest page_size they allow. The config will have `base_url`, `workspace_id` and `token`.

```python
import os
import requests

BASE = "{base_url}"
WORKSPACE = "{workspace_id}"
TOKEN = os.environ["FORMLY_TOKEN"]

resp = requests.get(
    f"{BASE}/v1/workspaces/{WORKSPACE}/responses",
    headers={"X-Survey-Token": TOKEN},
    params={"page_size": 100},
)
resp.raise_for_status()
data = resp.json()
for rid, r in data["responses"].items():
    print(rid, r["submitted_at"], r["answers"]["nps"])
```"""

R06 = """Need a connector for Parcelix shipments -> table `shipments`. Config: `base_url`, `pat`. Archived shipments should show up as deleted in the destination, and after the first sync only pull what changed. From their docs:

## List shipments

`GET {base_url}/api/shipments`

**Authentication:** send your personal access token as `Authorization: Token <PAT>`.

**Query parameters**

| Name | Type | Description |
|------|------|-------------|
| `page` | integer | 1-based page number (default 1) |
| `per_page` | integer | results per page, max 100 (default 25) |
| `changed_since` | string | ISO 8601 timestamp; only shipments whose `changed_at` is at or after it |

Results are sorted by `changed_at`. **Note:** a page can hold fewer than `per_page` shipments, because shipments you are not allowed to see are removed after paging. Keep requesting pages until `payload.rows` is empty.

Archived shipments are not removed from the feed; they come back with `"archived": true`.

**Example response**

```json
{
  "payload": {
    "page": 1,
    "rows": [
      {
        "tracking_no": "PX-48213",
        "status": "in_transit",
        "archived": false,
        "changed_at": "2024-05-01T10:22:00Z",
        "carrier": "GLS",
        "origin": {"city": "Lyon", "country": "FR"},
        "destination": {"city": "Graz", "country": "AT"},
        "weight_kg": 3.4
      }
    ]
  }
}
```"""

R07 = """Connector request: Clockwise (time tracking)

1. Base URL is {base_url}/api/v1; config keys are `base_url` and `api_token`.
2. Auth is HTTP basic: username = the API token, password = the literal word `api_token`.
3. GET /projects -> table `projects`.
4. Each project has a `members` array (user_id, role, hourly_rate) -> separate table `project_members`, one row per project and user.
5. GET /time_entries -> table `time_entries`.
6. Paging: per_page is capped at 20 (anything above is a 400). The next page is only given in the `Link` response header (rel="next"); there is no paging info in the body.
7. A full reload every sync is fine, volumes are small."""

R08 = """Hello, I need a connector for the booking system of our hotel (Roomify API), please. The base url is {base_url}. The key must go in the header `X-Hotel-Key`, in the configuration I have `base_url`, `hotel_key` and `start_date` (it is {start_date}).

We need two table: `rooms` (GET /api/rooms) and `reservations` (GET /api/reservations).
For reservations the parameters `arrival_from` and `arrival_to` (format YYYY-MM-DD) are obligatory, and between them it can not be more than 90 days, otherwise the API give error 400. Please take all reservations from the start_date, also the future ones - guests can book until one year in advance and we need these also in the table for the forecast.
Both lists give maximum 100 rows (parameter `limit`) and in the answer there is `paging.next_cursor`, you send it back as `cursor`. When there is no more, next_cursor is null.

Thank you very much!"""

R09 = """```
$ curl -s -u "$WP_USER:$WP_APP_PASSWORD" -D - -o /dev/null "{base_url}/wp-json/wp/v2/posts?per_page=100"
HTTP/1.1 200 OK
Content-Type: application/json
X-WP-Total: 236
X-WP-TotalPages: 3
$ curl -s -u "$WP_USER:$WP_APP_PASSWORD" "{base_url}/wp-json/wp/v2/posts?per_page=100&page=4"
{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}
$ curl -s -u "$WP_USER:$WP_APP_PASSWORD" "{base_url}/wp-json/wp/v2/posts?per_page=200"
{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page, page","data":{"status":400}}
$ curl -s -u "$WP_USER:$WP_APP_PASSWORD" "{base_url}/wp-json/wp/v2/comments?per_page=1" | jq '.[0] | {id, post, author_name, date_gmt}'
{
  "id": 900,
  "post": 345,
  "author_name": "Nora Silva",
  "date_gmt": "2024-01-01T00:00:00"
}
```
fivetran sdk connector for this pls: tables `posts` and `comments`, config keys `base_url`, `wp_user`, `wp_app_password`"""

R10 = """DATA-482: Ingest Mailhive contacts via Fivetran Connector SDK
Type: Story | Priority: Medium | Reporter: Jide Okafor | Labels: marketing, fivetran

*Description*
Marketing wants the Mailhive contacts in the warehouse. Build a Connector SDK connector for it.

*API notes*
- Endpoint: GET {base_url}/v3/workspaces/<workspace_id>/contacts
- Auth: `Authorization: Bearer <personal access token>`
- Pagination: `?page=N&per_page=M`, per_page max 100. Response body: `{"results": [...], "page": N, "per_page": M, "total": T}` where T is the number of contacts matching the query.
- Incremental: `modified_after=<ISO 8601>` returns only contacts whose `modified_at` is after that value.

*Acceptance criteria*
- [ ] table `contacts`, primary key `contact_id` (strings like `ct_8f3kq2m7zd`)
- [ ] first sync loads all contacts, later syncs only new/changed ones (via modified_after)
- [ ] configuration keys: `base_url`, `workspace_id`, `pat`"""


TASKS = [
    {"id": "r6-01", "split": "tune", "style": "slack", "source": "gym", "request": R01,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"members": 173}},
     "unsaid": "per_page defaults to 20, so a bare call returns 20 of 173 members; a page past the last returns an "
               "empty `data`; `plan` and `home_club` are nested objects (kept as JSON or flattened); the key is `id`."},
    {"id": "r6-02", "split": "tune", "style": "email", "source": "maintenance", "request": R02,
     "config": {"domain": "{domain}", "api_key": "{api_key}"},
     "expect": {"tables": {"work_orders": 212}},
     "second_sync": {"expect": {"tables": {"work_orders": 219}}},
     "unsaid": "the base URL is built from `domain` (http); limit defaults to 20; `property` is a nested object; the "
               "cursor (largest `updated_at` seen, or the sync start) must be sent back as epoch seconds: an ISO "
               "string is a 400; the second sync has 9 changed and 7 new orders."},
    {"id": "r6-03", "split": "tune", "style": "openapi-yaml", "source": "tickets", "request": R03,
     "config": {"base_url": "{base_url}", "api_key": "{api_key}"},
     "expect": {"tables": {"events": 85, "attendees": 362}},
     "unsaid": "attendee rows carry no event id and ticket numbers restart at 1 in every event, so attendees need the "
               "event id added and a key of (event_id, ticket_no); the body is a bare array, the cursor is only in "
               "the header; 85 events (2 pages at 50), three events have more than 50 attendees."},
    {"id": "r6-04", "split": "tune", "style": "postman", "source": "invoices", "request": R04,
     "config": {"base_url": "{base_url}", "secret_key": "{secret_key}"},
     "expect": {"tables": {"invoices": 160, "invoice_lines": 343}},
     "unsaid": "the 429 comes on the 2nd request already (and every 3rd after it), and a retry before Retry-After has "
               "passed is another 429; line items exist only nested under `lines.data`; ids are strings; 160 "
               "invoices (2 pages at 100), 343 lines."},
    {"id": "r6-05", "split": "tune", "style": "python-snippet", "source": "surveys", "request": R05,
     "config": {"base_url": "{base_url}", "workspace_id": "{workspace_id}", "token": "{token}"},
     "expect": {"tables": {"responses": 260}},
     "unsaid": "`responses` is an object keyed by response id and the id is not repeated inside a record, so it must "
               "be added as the key column; the `next` URL already carries page_size and an opaque page_token; "
               "`respondent` and `answers` are nested; 260 responses."},
    {"id": "r6-06", "split": "tune", "style": "markdown-doc", "source": "shipments", "request": R06,
     "config": {"base_url": "{base_url}", "pat": "{pat}"},
     "expect": {"tables": {"shipments": 287}},
     "second_sync": {"expect": {"tables": {"shipments": 297}, "deleted": {"shipments": 6}}},
     "unsaid": "the key is `tracking_no` (a string); nearly every page is short, so stopping at a page smaller than "
               "per_page loses rows; 12 shipments are archived before the first sync (deleting rows never synced "
               "adds nothing); second sync: 6 archived, 8 changed, 10 new."},
    {"id": "r6-07", "split": "tune", "style": "numbered-list", "source": "timetrack", "request": R07,
     "config": {"base_url": "{base_url}", "api_token": "{api_token}"},
     "expect": {"tables": {"projects": 58, "project_members": 206, "time_entries": 380}},
     "unsaid": "the same user belongs to many projects (25 users, 206 memberships), so project_members needs the "
               "project id added and (project_id, user_id) as its key; per_page defaults to 10; the Link header is "
               "absolute and also carries rel=\"last\"."},
    {"id": "r6-08", "split": "tune", "style": "non-native", "source": "hotel", "request": R08,
     "config": {"base_url": "{base_url}", "hotel_key": "{hotel_key}", "start_date": "{start_date}"},
     "expect": {"tables": {"rooms": 120, "reservations": 334}},
     "unsaid": "start_date is 400 days ago and older arrivals exist (they must not be synced); arrivals run up to "
               "355 days ahead, including a group block of 110 arrivals in five days about 200 days ahead that "
               "needs the cursor even at limit 100; `guest` and `rate` are nested; ids are strings like R-7KQ2MX."},
    {"id": "r6-09", "split": "tune", "style": "curl-history", "source": "blog", "request": R09,
     "config": {"base_url": "{base_url}", "wp_user": "{wp_user}", "wp_app_password": "{wp_app_password}"},
     "expect": {"tables": {"posts": 236, "comments": 372}},
     "unsaid": "comments page the same way (372, 4 pages at 100); a page past X-WP-TotalPages is a 400, so paging "
               "until an empty page fails; per_page defaults to 10; the application password contains spaces; "
               "title/excerpt/content are nested `rendered` objects."},
    {"id": "r6-10", "split": "tune", "style": "jira", "source": "contacts", "request": R10,
     "config": {"base_url": "{base_url}", "workspace_id": "{workspace_id}", "pat": "{pat}"},
     "expect": {"tables": {"contacts": 347}},
     "second_sync": {"expect": {"tables": {"contacts": 361}}},
     "unsaid": "`total` counts contacts, not pages, and 347 is no multiple of the page size, so the page count must "
               "round up; per_page defaults to 25; `tags` is a list and `custom_fields` a nested object; "
               "`modified_after` is strictly after; second sync: 11 changed, 14 new."},
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
