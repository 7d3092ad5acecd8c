"""Writes tasks.json and reference/<id>/configuration.json for the rest10 set. Expected row counts come from the
mock classes themselves (mocks.py: counts() before and after advance()), so they stay exact if the data changes."""

import json
from pathlib import Path

import mocks

HERE = Path(__file__).resolve().parent

TASKS = [
    {
        "id": "r10-01", "style": "chat, example response", "source": "pantrybox",
        "request": """hey, can you make me a Fivetran connector for Pantrybox? it's the inventory app our kitchens use. API lives at {base_url}, auth is just a bearer token.

I only need the stock items: GET /api/v1/items. It's paged with `page` and `per_page` (100 max per page) and each response tells you the total, e.g.

{"items": [{"id": 5012, "name": "Basmati rice 5kg", "category": "dry goods", "unit": "bag", "on_hand": 14, "par_level": 20, "supplier": {"id": 43, "name": "Cedar Wholesale"}, "updated_at": "2024-03-02T10:15:00Z"}], "page": 1, "per_page": 25, "total": 212}

Put everything in a table called `items`. For config I'll fill in `pantry_url` and `pantry_token`.""",
        "config": {"pantry_url": "{base_url}", "pantry_token": "{token}"},
        "unsaid": ["per_page defaults to 25", "a page past the last one comes back with an empty items list",
                   "347 items: at 100 a page the last page is partial (total / per_page rounded down misses it)"],
    },
    {
        "id": "r10-02", "style": "ticket", "source": "tern",
        "request": """**Sync Tern contacts into the warehouse**

Tern is our CRM. API base is {base_url}; every request needs our key in an `X-Api-Key` header.

- Endpoint: `GET /v1/contacts`, offset/limit paging (`limit` is capped at 200), response has `data` and `total`.
- First run: everything. After that only what changed: the endpoint takes `updated_since` (ISO 8601).
- When someone archives a contact in Tern it isn't removed from the API, it comes back with `"archived": true`. Those need to be marked as deleted in our warehouse, not kept as normal rows.

Destination table: `contacts`. Config fields: `tern_base_url`, `tern_api_key`.""",
        "config": {"tern_base_url": "{base_url}", "tern_api_key": "{api_key}"},
        "unsaid": ["limit defaults to 20", "no contact is archived before the first sync",
                   "updated_since is inclusive; results are ordered by id",
                   "an archived contact's updated_at moves to the time it was archived"],
    },
    {
        "id": "r10-03", "style": "chat", "source": "harborhr",
        "request": """Could you build a connector for the Harbor HR API ({base_url})? Auth is OAuth2 client credentials: POST /oauth/token with grant_type=client_credentials and our client id + secret, then send the access token as a Bearer token.

I need two tables, `employees` (GET /v2/employees) and `departments` (GET /v2/departments). Both use cursor pagination: pass `limit` (100 max) and keep passing the `next_cursor` you get back as `cursor` until it's null.

Config keys please: `harbor_api`, `harbor_client_id`, `harbor_client_secret`.""",
        "config": {"harbor_api": "{base_url}", "harbor_client_id": "{client_id}",
                   "harbor_client_secret": "{client_secret}"},
        "unsaid": ["the token request must be form-encoded (a JSON body is a 400, as with real OAuth servers); "
                   "client id/secret are accepted in the form or as HTTP Basic",
                   "tokens live an hour", "limit defaults to 25; departments fit in one page",
                   "rows are under `data`"],
    },
    {
        "id": "r10-04", "style": "chat, bullet list", "source": "trackly",
        "request": """We use Trackly for projects. I want every project and all tasks of every project in the warehouse, tables `projects` and `tasks`.

- base URL: {base_url}
- basic auth, my email as the username and an API token as the password
- GET /api/projects, then GET /api/projects/{id}/tasks for each one
- both paginate through the Link header (rel="next"), per_page can be 50 at most

Tasks don't include which project they belong to, so add a `project_id` column. Config: `trackly_url`, `trackly_email`, `trackly_token`.""",
        "config": {"trackly_url": "{base_url}", "trackly_email": "{email}", "trackly_token": "{api_token}"},
        "unsaid": ["bodies are bare JSON arrays", "the rel=\"next\" URL carries an opaque `after` token; a `page` "
                   "parameter is ignored", "per_page defaults to 20",
                   "5 projects have more than 50 tasks, many have none"],
    },
    {
        "id": "r10-05", "style": "chat, example response", "source": "shelfwise",
        "request": """Need our catalogue from Shelfwise (the distributor). Base URL {base_url}, the API key goes in the query string as `api_key`. Titles come from GET /api/titles, and a response looks like this:

```json
{
  "results": [
    {"isbn": "9781000000014", "title": "The Cedar Atlas", "publisher": "Northfold", "format": "paperback",
     "list_price": 12.99, "currency": "GBP", "published": "2021-04-06",
     "contributors": [{"name": "Mei Tanaka", "role": "author"}, {"name": "Jon Berg", "role": "illustrator"}]}
  ],
  "next": "{base_url}/api/titles?page_token=eyJvIjo1MH0"
}
```

Follow `next` until it's null. Titles go in `titles`; put the contributors in their own table `contributors` with the isbn on each row. Config: `shelfwise_endpoint`, `shelfwise_key`.""",
        "config": {"shelfwise_endpoint": "{base_url}", "shelfwise_key": "{api_key}"},
        "unsaid": ["the `next` URL does not carry api_key: it must be added to every request",
                   "page_size defaults to 50; above 100 is clamped, not refused",
                   "contributors have no id; (name, role) is unique within a title"],
    },
    {
        "id": "r10-06", "style": "ticket", "source": "quillform",
        "request": """Connector request: Quillform submissions

We take event sign-ups through a Quillform form and want all of its submissions in a `submissions` table.

API: {base_url}
Auth: `Authorization: Bearer <personal access token>`
Endpoint: GET /v1/forms/<form id>/submissions with `page` (from 1) and `page_size` (max 100); the response includes `total_pages`.

Note: their rate limiting is strict. Over the limit you get HTTP 429 with a Retry-After header (seconds); wait that long and retry the same request.

Config: `qf_base`, `qf_pat`, and the form id in `qf_form`.""",
        "config": {"qf_base": "{base_url}", "qf_pat": "{pat}", "qf_form": "{form_id}"},
        "unsaid": ["every 4th request is a 429 with Retry-After: 2 (and so is any request within 1 s of it)",
                   "page_size defaults to 20; rows are under `submissions`", "other form ids are a 404",
                   "the second sync sees 25 new submissions"],
    },
    {
        "id": "r10-07", "style": "chat, example response", "source": "orderdesk",
        "request": """I need a connector for our Orderdesk store API at {base_url}. The auth header is `Authorization: Token <api token>` (Token, not Bearer). GET /api/orders/ gives

```
{"count": 1830, "next": "{base_url}/api/orders/?limit=100&offset=100", "previous": null,
 "results": [{"id": 88123, "number": "OD-88123", "status": "shipped", "placed_at": "2024-02-11T09:30:00Z",
              "customer_email": "pia@example.com", "shipping_country": "IE",
              "lines": [{"line": 1, "sku": "MUG-BLK", "qty": 2, "price": "12.50"}]}]}
```

`limit` goes up to 100. Tables: `orders`, and `order_lines` with one row per line that references its order. Config names: `store_api_url`, `store_api_token`.""",
        "config": {"store_api_url": "{base_url}", "store_api_token": "{api_token}"},
        "unsaid": ["line numbers restart at 1 in every order (a line is identified by order and line number)",
                   "Bearer is refused with a 401", "limit defaults to 20"],
    },
    {
        "id": "r10-08", "style": "chat", "source": "rentwise",
        "request": """Can you write a Fivetran connector for Rentwise (our property management system)? Leases are at {base_url}/api/v1/leases. Auth is HTTP basic with the API key as the username and an empty password. Pagination is `offset` + `limit` (limit max 100) and the response has a `total`.

Please make it incremental: there's a `modified_since` param, but it's picky about format: exactly `YYYY-MM-DDTHH:MM:SSZ` in UTC, no milliseconds or offsets. One table, `leases`. Config: `rentwise_host` and `rentwise_key`.""",
        "config": {"rentwise_host": "{base_url}", "rentwise_key": "{api_key}"},
        "unsaid": ["modified_since is inclusive and filters on the rows' modified_at", "the password is ignored",
                   "limit defaults to 25; rows are under `leases`", "the second sync sees 9 modified and 14 new leases"],
    },
    {
        "id": "r10-09", "style": "ticket", "source": "fleetbase",
        "request": """Fleetbase vehicles -> warehouse

Fleetbase ({base_url}) uses OAuth2 client credentials. Token endpoint: POST {base_url}/oauth2/token with `grant_type=client_credentials&scope=vehicles.read`; the client id and secret must be sent as HTTP Basic auth on that call (they reject them in the body). Use the token as a Bearer token.

Data: GET /api/vehicles -> table `vehicles`. Paging is `page_size` (up to 200) plus `page_token`; each response has `next_page_token`, null on the last page. This will run hourly, so after the first sync only ask for vehicles changed since the last run with `updated_after` (ISO 8601).

Config: `fleet_base_url`, `fleet_client_id`, `fleet_client_secret`.""",
        "config": {"fleet_base_url": "{base_url}", "fleet_client_id": "{client_id}",
                   "fleet_client_secret": "{client_secret}"},
        "unsaid": ["the token request is form-encoded", "page_size defaults to 50", "updated_after is inclusive",
                   "the second sync sees 11 updated and 8 new vehicles"],
    },
    {
        "id": "r10-10", "style": "short chat", "source": "pagerline",
        "request": """connector for Pagerline incidents pls. {base_url}/api/incidents, token goes in an `X-Pagerline-Token` header. Paginated via the Link header, per_page max 100. Supports `since` (ISO time, matches updated_at) so only fetch changes after the first sync. Every incident has an `assignments` array, I want those in a separate `incident_assignments` table next to `incidents`. Config keys `pagerline_url` / `pagerline_token`.""",
        "config": {"pagerline_url": "{base_url}", "pagerline_token": "{token}"},
        "unsaid": ["rows are under `incidents`; per_page defaults to 25; Link has first/prev/next/last",
                   "assignments carry a globally unique id", "since is inclusive",
                   "on the second sync 10 incidents are updated (4 gain an assignment) and 12 are new"],
    },
]

SECOND_SYNC = {"r10-02", "r10-06", "r10-08", "r10-09", "r10-10"}


def main() -> None:
    out = []
    for t in TASKS:
        src = mocks.SOURCES[t["source"]]("http://127.0.0.1:1")
        task = {"id": t["id"], "split": "tune", "style": t["style"], "source": t["source"], "request": t["request"],
                "config": t["config"], "expect": {"tables": src.counts()}}
        if t["id"] in SECOND_SYNC:
            src.advance()
            expect: dict = {"tables": src.counts()}
            if isinstance(src, mocks.Tern):
                expect["deleted"] = {"contacts": src.archived()}
            task["second_sync"] = {"expect": expect}
        task["unsaid"] = t["unsaid"]
        out.append(task)
        ref = HERE / "reference" / t["id"]
        ref.mkdir(parents=True, exist_ok=True)
        (ref / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2) + "\n")
    for task in out:
        second = task.get("second_sync", {}).get("expect")
        print(f"{task['id']} {task['source']:<10} {task['expect']['tables']}" + (f" -> {second}" if second else ""))


if __name__ == "__main__":
    main()
