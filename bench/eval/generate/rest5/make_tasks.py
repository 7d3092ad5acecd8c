"""Writes tasks.json and each reference/<id>/configuration.json for the rest5 set. Edit this file, not tasks.json.

Row counts come from the mocks' own seeded data (mocks.SOURCES[...].counts(), before and after advance()).
"""

from __future__ import annotations

import json
from pathlib import Path

import mocks

HERE = Path(__file__).resolve().parent

R01 = """fivetran connector for our bike rental api: GET {base_url}/v2/rentals, key goes in the query as ?apikey=..., \
offset/limit paging, limit max 25. one table `rentals`. config keys: host ({base_url}), apikey"""

R02 = """Hi! So we run our newsletter on a small homegrown tool (think a mini Mailchimp) and I'd really like to get our \
subscriber list into the warehouse with Fivetran so marketing can stop exporting CSVs every Monday. The API is under \
{base_url}/api/v1 and it uses plain HTTP basic auth: our account id is the username and the API secret is the \
password. I'll put the host ({base_url}) in the configuration as `url`, plus `account_id` and `secret`. The endpoint \
is GET /api/v1/subscribers. It pages with a token: each response has a `next_page_token` that you pass back as \
`page_token` to get the next page, and page_size can't go over 100. There is also an `updated_after` filter, so after \
the first full load it would be great if each sync only pulled subscribers that changed since the last one (people \
unsubscribe all the time, so updates matter). One table called `subscribers` is all I need, keyed on `id`. Thanks a ton!"""

R03 = """Can you write a Fivetran connector from this excerpt of our billing provider's API docs? Base URL is {base_url}; \
I'll pass it as `api_base` and the API key as `key`. I want two tables: `invoices` and `invoice_lines` (one row per \
line of an invoice).

---
## Authentication
Send your secret key in the Authorization header, prefixed with `ApiKey`:

    Authorization: ApiKey ak_live_...

## List invoices
    GET /v1/invoices

Returns your invoices, oldest first.

| parameter      | description                                                        |
|----------------|--------------------------------------------------------------------|
| limit          | number of objects to return, 1 to 100, default 10                  |
| starting_after | an invoice ID; the list starts with the invoice after this one.    |
|                | Use the ID of the last object of a page to fetch the next page.    |

Response:

    {
      "object": "list",
      "data": [
        {
          "id": "in_3f9a01c2",
          "number": "INV-2024-0001",
          "customer": {"id": "cus_4b1e07", "name": "...", "email": "..."},
          "status": "paid",
          "currency": "eur",
          "total": 12950,
          "created": 1704103200,
          "lines": [
            {"line_no": 1, "description": "Nova plan", "quantity": 2, "unit_amount": 4975, "amount": 9950},
            ...
          ]
        },
        ...
      ],
      "has_more": true
    }

`has_more` is false on the last page.
---"""

R04 = """this is what our kanban tool's api gives back:

    $ curl -i -H "X-Board-Token: $BOARD_TOKEN" "{base_url}/api/boards?page=1&per_page=2"
    HTTP/1.1 200 OK
    Content-Type: application/json
    X-Page: 1
    X-Per-Page: 2
    X-Total: 41
    X-Total-Pages: 21

    [{"id": 4, "name": "Fjord ops", "owner": "yara", "archived": false, "created_at": "2024-01-01T00:00:00Z"},
     {"id": 7, "name": "Tundra Q1", "owner": "zane", "archived": false, "created_at": "2024-01-01T15:00:00Z"}]

    $ curl -i -H "X-Board-Token: $BOARD_TOKEN" "{base_url}/api/boards/4/cards?page=1&per_page=1"
    HTTP/1.1 200 OK
    Content-Type: application/json
    X-Page: 1
    X-Per-Page: 1
    X-Total: 10
    X-Total-Pages: 10

    [{"id": 102, "title": "vertex ship", "column": "Backlog", "position": 0, "labels": ["urgent", "docs"],
      "assignee": null, "due_on": "2024-05-24", "created_at": "2024-01-01T00:00:00Z"}]

need a fivetran connector that loads every board and all the cards of every board, tables `boards` and `cards`. \
per_page can be 30 at most. config: `server` ({base_url}) and `board_token`"""

R05 = """Connector request: recruiting (ATS) data -> Fivetran

- API base: {base_url}/v1 (config key `base_url`, without the /v1)
- auth: bearer token, config key `token`
- endpoints: GET /jobs and GET /applicants
- paging: `page` + `per_page`, per_page max 20; the response tells you total_pages
- heads up: the API is rate limited and answers 429 now and then, with a Retry-After header (seconds). \
The sync must not fail on that
- tables: `jobs` and `applicants`, both keyed on `id`
- applicants come with the candidate and job as nested objects, fine to keep them as they are"""

R06 = """Hello, I need help for make a Fivetran connector to the API of our veterinary clinic software. The adress \
is {base_url}/api/pets/ and the authentification is with the header Authorization with the word "Token" before \
the key, like `Authorization: Token <key>`. In the configuration the key is `vet_key` and the adress of the server \
({base_url}) is `clinic_url`. The answer of the API give the pets in "results" and a "next" link for the next page, the \
page_size maximum is 50. Important: when somebody remove a pet in the software, it not disappear from the API, it \
come back with is_deleted = true. In the warehouse this pets must be marked as deleted, not stay like normal rows. \
Also the API have a parameter modified_after, please use it so every sync take only the pets changed after the \
last one. The table name is pets. Thank you very much for the help!"""

R07 = """Ticket #4471 - Fivetran connector for CallDesk call logs
Priority: normal
Requester: Priya (Support Ops)

Hi team,

we would like the call logs from our phone system (CallDesk) to land in the warehouse through a Fivetran \
connector. What I know so far:

* Host: {base_url} (config key `calldesk_url`). Our tenant id is in the config as `tenant`, and every call goes \
to /t/<tenant>/..., e.g. GET /t/<tenant>/calls
* Auth: Authorization: Bearer <token>, the token is in the config as `acct_token`
* The calls endpoint REQUIRES date_from and date_to (YYYY-MM-DD) and refuses anything longer than 7 days
* Results are paged with page / page_size, page_size max 25
* We only want calls from the `start_date` in the config (2025-01-01) onwards, nothing older

Table name: `calls`. The call `id` is unique.

Thanks!
Priya"""

R08 = """Please build a Fivetran connector for our LMS. Two tables: `courses` and `enrollments`. Host goes in the \
config as `lms_host` ({base_url}), the key as `access_key`. From the API reference:

---
### Authentication
Every request must carry your key in the `Api-Key` header.

### Pagination
List endpoints return a JSON array of `per_page` items (default 25, maximum 50). When there are more results, \
the response has a `Link` header with the URL of the next page (`rel="next"`); on the last page there is no \
`rel="next"` link. Do not build page URLs yourself, follow the links.

### List courses
`GET /api/v3/courses`

    [{"id": 1000, "code": "CS-100", "name": "...", "term": "2024-fall", "published": true}, ...]

### List enrollments
`GET /api/v3/enrollments`

An enrollment ties a user to a course, with their role in that course. Enrollments have no ID of their own: a user \
has at most one enrollment per course.

    [
      {"course_id": 1000, "user_id": 88, "role": "student", "state": "active",
       "enrolled_at": "2024-02-11T08:00:00Z", "grade": {"current_score": 87.5, "final_grade": "B"}},
      {"course_id": 1000, "user_id": 91, "role": "ta", "state": "active",
       "enrolled_at": "2024-02-11T08:05:00Z", "grade": null},
      ...
    ]
---"""

R09 = """listings from {base_url}/api/listings -> fivetran table `listings`. bearer token. offset paging, 50 per page \
max. it supports updated_since=<iso timestamp> so do incremental after the first sync. config keys: endpoint \
({base_url}), bearer_token"""

R10 = """We take donations through a fundraising platform and want them in Fivetran. This is how I call it today:

    $ curl -s -u sk_live_XXXXXXXX: "{base_url}/v1/donations?page=1"
    {
      "current_page": 1,
      "data": [
        {"id": 90001, "campaign_id": 14, "amount": "25.00", "currency": "USD",
         "donor": {"id": 531, "name": "Quinn Abbott", "email": "donor0@mail.test", "anonymous": false},
         "recurring": false, "created_at": "2024-01-01T00:48:00Z"},
        ...
      ],
      "first_page_url": "{base_url}/v1/donations?page=1&per_page=15",
      "from": 1,
      "last_page": 21,
      "last_page_url": "{base_url}/v1/donations?page=21&per_page=15",
      "next_page_url": "{base_url}/v1/donations?page=2&per_page=15",
      "path": "{base_url}/v1/donations",
      "per_page": 15,
      "prev_page_url": null,
      "to": 15,
      "total": 311
    }

/v1/campaigns works the same way. I'd like two tables, `campaigns` and `donations`. per_page goes up to 100. \
Config: `api_root` = {base_url}, `secret_key` = the sk_live key."""

TASKS = [
    dict(id="r5-01", style="terse", source="bike_rentals", request=R01,
         config={"host": "{base_url}", "apikey": "{apikey}"},
         unsaid=["rows are under `results`, next to `total`", "limit defaults to 10 when not sent",
                 "each rental has a nested `bike` object", "the primary key (`id`)"]),
    dict(id="r5-02", style="chatty", source="newsletter", request=R02,
         config={"url": "{base_url}", "account_id": "{account_id}", "secret": "{secret}"},
         unsaid=["rows are under `subscribers`", "next_page_token is null on the last page",
                 "a page_token carries the filter; updated_after is an ISO 8601 timestamp compared with updated_at",
                 "nested `source` object and `lists` array", "before sync 2: 9 subscribers change, 12 are new"]),
    dict(id="r5-03", style="api-doc-excerpt", source="invoicing", request=R03,
         config={"api_base": "{base_url}", "key": "{key}"},
         unsaid=["line_no restarts at 1 on every invoice, so lines need (invoice_id, line_no) as key",
                 "lines carry no invoice id: the connector adds it", "invoice ids are strings",
                 "the 168 invoices need 2 pages at limit 100"]),
    dict(id="r5-04", style="curl", source="kanban", request=R04,
         config={"server": "{base_url}", "board_token": "{board_token}"},
         unsaid=["cards carry no board id: the connector adds it", "three boards have more than 30 cards",
                 "some boards have no cards", "primary keys (`id` for both)", "per_page defaults to 10"]),
    dict(id="r5-05", style="bullets", source="recruiting", request=R05,
         config={"base_url": "{base_url}", "token": "{token}"},
         unsaid=["rows are at `result.items`, total_pages at `result.meta`", "every 4th request is a 429 (Retry-After: 1)",
                 "per_page defaults to 10"]),
    dict(id="r5-06", style="non-native", source="vet_clinic", request=R06,
         config={"clinic_url": "{base_url}", "vet_key": "{vet_key}"},
         unsaid=["primary key `id`", "`next` is an absolute URL that keeps page_size and modified_after",
                 "5 pets are already deleted before sync 1 (op.delete makes no row for them)",
                 "modified_after is ISO 8601, compared with `modified_at`",
                 "before sync 2: 6 pets deleted, 7 changed, 9 new"]),
    dict(id="r5-07", style="ticket", source="call_logs", request=R07,
         config={"calldesk_url": "{base_url}", "tenant": "{tenant}", "acct_token": "{acct_token}",
                 "start_date": "2025-01-01"},
         unsaid=["date_from and date_to are both inclusive (7 days = date_to - date_from <= 6)",
                 "date_to may not be in the future", "rows are under `calls` with `has_more`",
                 "43 calls before start_date exist and must not be synced", "ids are strings like CL0A1B..."]),
    dict(id="r5-08", style="api-doc-excerpt", source="lms", request=R08,
         config={"lms_host": "{base_url}", "access_key": "{access_key}"},
         unsaid=["enrollments need the composite key (course_id, user_id)", "the Link header's URLs are absolute",
                 "the same user is enrolled in many courses"]),
    dict(id="r5-09", style="terse", source="listings", request=R09,
         config={"endpoint": "{base_url}", "bearer_token": "{bearer_token}"},
         unsaid=["the page-size parameter is `limit` (default 10; other names are ignored)",
                 "rows are at `data.listings`, total at `data.pagination.total`", "ids are strings (LST-000123)",
                 "nested address (with geo) and agent", "before sync 2: 8 listings change, 5 are new"]),
    dict(id="r5-10", style="curl", source="fundraising", request=R10,
         config={"api_root": "{base_url}", "secret_key": "{secret_key}"},
         unsaid=["`-u key:` is HTTP basic with the key as user name and an empty password (a bearer token is 401)",
                 "primary keys (`id`)", "24 campaigns need 2 pages at the default per_page 15"]),
]


def main() -> None:
    out = []
    for task in TASKS:
        src = mocks.SOURCES[task["source"]]("http://127.0.0.1:1")
        first = src.counts()
        entry = {"id": task["id"], "split": "tune", "style": task["style"], "source": task["source"],
                 "request": task["request"], "config": task["config"], "expect": first}
        if task["source"] in ("newsletter", "vet_clinic", "listings"):
            src.advance()
            entry["second_sync"] = {"expect": src.counts()}
        entry["unsaid"] = task["unsaid"]
        out.append(entry)
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"], indent=2) + "\n")
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {len(out)} tasks")


if __name__ == "__main__":
    main()
