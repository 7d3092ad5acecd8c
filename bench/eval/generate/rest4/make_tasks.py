"""Writes tasks.json (and each reference/<id>/configuration.json from the task's config) for rest4.

Edit this file, not tasks.json. Every task is in the tune split (like rest2: tuning data only).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def task(id, style, source, request, config, expect, unsaid, second=None):
    t = {"id": id, "split": "tune", "style": style, "source": source, "request": request.strip() + "\n",
         "config": config, "expect": expect, "unsaid": unsaid}
    if second:
        t["second_sync"] = {"expect": second}
    return t


TASKS = [
    task("r4-01", "terse", "fleet", """
need a fivetran connector for our fleet telematics api ({base_url}), just the vehicles from GET /v2/vehicles.
bearer token auth, per_page max is 100. config keys: base_url, access_token
""", {"base_url": "{base_url}", "access_token": "{access_token}"},
        {"tables": {"vehicles": 263}},
        ["response shape: {vehicles: [...], meta: {page, per_page, next_page}}; next_page is null on the last page",
         "default per_page is 20, so one call returns 20 of 263 vehicles",
         "string ids (veh_...)", "nested last_ping object (lat, lon, at)"]),

    task("r4-02", "chatty", "library", """
Hi! I look after the systems at our city library and we'd love to get our loan data into the warehouse with
Fivetran. Our catalogue vendor gives us a REST API; the loans live at {base_url}/api/loans. The API key has to be
passed as a `key` query parameter on every call (not a header, I know, it's old). Results come back with
offset/limit paging and the vendor says limit can't go over 50. There's also an `updated_since` parameter
(ISO timestamp) so we don't have to pull every loan every time - please use it so each sync only picks up
loans that changed (returns, renewals) or are new. In the configuration I'll have `api_url` and
`library_key`. Thanks a lot!
""", {"api_url": "{base_url}", "library_key": "{library_key}"},
        {"tables": {"loans": 210}},
        ["body is {loans, total, offset, limit}; stop when offset reaches total",
         "primary key loan_id", "updated_since is inclusive: keep the newest updated_at seen as the cursor",
         "returned_at is null until a loan is returned"],
        second={"tables": {"loans": 218}}),

    task("r4-03", "api-doc-excerpt", "clinic", """
Can you build a connector for our clinic scheduling system? Here's the part of their API docs that matters:

---
### List appointments
`GET {base_url}/v1/appointments`

Authentication: send your practice key in the `X-Clinic-Key` header.

| param | type | notes |
|---|---|---|
| `limit` | int | 1-100, default 50 |
| `cursor` | string | opaque; pass `next_cursor` from the previous response |
| `modified_since` | ISO-8601 | only appointments created/changed/deleted at or after this time |

Response: `{"data": [Appointment], "next_cursor": "..." | null}`

Appointments are never hard-deleted: a removed appointment comes back with `"deleted": true` and a new
`modified_at`.
---

Config: `base_url`, `clinic_key`. Table `appointments` please, incremental.
""", {"base_url": "{base_url}", "clinic_key": "{clinic_key}"},
        {"tables": {"appointments": 176}},
        ["primary key appointment_id (a string like apt-20000)",
         "deleted: true must become op.delete, not an upsert (4 appointments are already deleted before sync 1 "
         "and must not appear)",
         "cursor is modified_at of the newest record seen", "sync 2: 6 deleted, 5 changed, 9 new"],
        second={"tables": {"appointments": 185}, "deleted": {"appointments": 6}}),

    task("r4-04", "curl", "podcasts", """
We host podcasts and I want shows + episodes in Snowflake via the connector sdk. This is how I call the API:

    curl -u ops@castbox.example:<password> "{base_url}/api/shows?page=1&per_page=25"
    curl -u ops@castbox.example:<password> "{base_url}/api/shows/312/episodes?page=1&per_page=25"

Both return plain JSON arrays. 25 per page is the max it accepts. configuration.json will have base_url,
username and password.
""", {"base_url": "{base_url}", "username": "{username}", "password": "{password}"},
        {"tables": {"shows": 31, "episodes": 796}},
        ["paging is only in the Link response header (rel=\"next\", absolute URL); the body has no paging fields",
         "31 shows, so the show list itself has 2 pages", "episodes are per show: one child call per show, "
         "up to 59 episodes (3 pages)", "one show has no episodes", "episode ids are unique across shows"]),

    task("r4-05", "bullets", "stock", """
Connector request - warehouse stock levels
- source: our WMS API, base url in config `base_url`
- auth: header `Authorization: Token <token>`, token in config `token`
- endpoint: GET /api/stock-levels?page=N&size=M, size max 200, page starts at 1
- rows are under data.items, `has_more` tells if there's another page
- one row per sku per warehouse (there is no id field)
- the API is rate limited, you'll get 429s
- destination table: stock_levels
""", {"base_url": "{base_url}", "token": "{stock_token}"},
        {"tables": {"stock_levels": 450}},
        ["composite primary key (sku, warehouse); keyed on sku alone only 150 rows remain",
         "every 3rd request is a 429 with Retry-After: 1: wait and retry the same page"]),

    task("r4-06", "non-native", "meters", """
Hello, we are energy company and we need connector for our meter platform. The API is {base_url}, it need header
x-api-key with the key. First there is /api/meters which give all meters (small list). Then the readings is in
/api/readings with from and to date (YYYY-MM-DD), but the platform not allow more than 31 days in one call and
also the "to" date cannot be in future, it give error 400. We want readings start from the start_date in
config, not older. Config will have url, api_key and start_date. Please make tables meters and readings, one
reading is per meter per day.
""", {"url": "{base_url}", "api_key": "{api_key}", "start_date": "2024-01-01"},
        {"tables": {"meters": 14, "readings": 1514}},
        ["windows are inclusive on both ends: from..from+30 days", "the source holds readings from 2023-11-01; "
         "only those from start_date on are wanted (671 older readings)",
         "windows must stop at today", "readings key (meter_id, reading_date), no id field",
         "readings wrapped as {from, to, readings: [...]}; meters is a top-level list",
         "state should remember the next window start"]),

    task("r4-07", "ticket", "timesheets", """
JIRA DATA-2231: Timesheets from HR system into warehouse

Description:
The HR system ({base_url}) exposes timesheets at GET /api/timesheets. There is no static key: you log in with
POST /api/auth (JSON body with username and password) and get a token back, which goes in the Authorization
header as a bearer token. Lists are paged, max `limit` is 50, and every response has `links.next` with the URL
of the next page.

Each timesheet contains its line entries inline. Analysts need the entries as their own table
(`timesheet_entries`) next to `timesheets`, linked by timesheet id.

Config keys: hr_api_url, username, password.
Acceptance: all timesheets and all entries land; full refresh each sync is OK.
""", {"hr_api_url": "{base_url}", "username": "{hr_user}", "password": "{hr_password}"},
        {"tables": {"timesheets": 124, "timesheet_entries": 537}},
        ["login response is {token, expires_in}", "links.next is an absolute URL that already carries start and "
         "limit; null on the last page", "entries have their own entry_id but no timesheet id: add it",
         "some timesheets have no entries", "employee is a nested object"]),

    task("r4-08", "api-doc-excerpt", "grades", """
I need a connector for our student information system. From their developer portal:

> All endpoints require `Authorization: Bearer <token>`.
> Collections support `offset` and `limit` (max 100).
>
> GET /api/students  -> `{ "students": [...], "total": n }`
> GET /api/courses   -> `{ "results": [...], "count": n }`
> GET /api/grades    -> `{ "data": { "items": [...] }, "paging": { "total": n } }`
>
> A grade is identified by student_id + course_code + term.

Base URL is {base_url}. Put it in the configuration as base_url and the token as token. One table per
endpoint.
""", {"base_url": "{base_url}", "token": "{sis_token}"},
        {"tables": {"students": 245, "courses": 15, "grades": 980}},
        ["students keyed by student_id, courses by course_code", "grades have no single id: composite key",
         "default limit is 50: 245 students and 980 grades span several pages"]),

    task("r4-09", "terse", "parking", """
Fivetran connector for Parkly parking sessions. GET {base_url}/v1/sessions, header X-Parkly-Token. Pages with
limit (max 200) + starting_after=<last id>, has_more in response. Incremental via updated_since please.
config: base_url, token
""", {"base_url": "{base_url}", "token": "{parkly_token}"},
        {"tables": {"sessions": 520}},
        ["records at `sessions`, sorted by id", "starting_after is the id of the last record of the previous page "
         "(ids have gaps)", "cursor is the newest updated_at seen", "sync 2: 12 refunded (updated), 20 new"],
        second={"tables": {"sessions": 540}}),

    task("r4-10", "curl", "reservations", """
hey, need reservations from our booking platform in the warehouse. the only list endpoint is a search that
takes POST:

curl -X POST {base_url}/api/v3/reservations/search \\
  -H "X-Api-Token: $TOKEN" -H "Content-Type: application/json" \\
  -d '{"page": 1, "page_size": 100}'

returns {"hits": [...], "total": 333, "page": 1}. page_size over 100 gets rejected. config has base_url and
api_token.
""", {"base_url": "{base_url}", "api_token": "{api_token}"},
        {"tables": {"reservations": 333}},
        ["GET is 405: the list must be POSTed with a JSON body", "paging by page number in the body until total",
         "primary key reservation_id (string)", "guest is a nested object"]),
]


def main() -> None:
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for t in TASKS:
        folder = HERE / "reference" / t["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"{len(TASKS)} tasks")


if __name__ == "__main__":
    main()
