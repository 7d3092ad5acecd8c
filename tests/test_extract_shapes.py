"""Request shapes read by their structure: each request here is written in our own words, and each
test checks one structure (a curl option, a header template, an example body, a schema) rather than
a sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.connector import extract
from assistant.connector import request as rq
from assistant.connector.spec import Spec
from core.errors import UsageError


def spec_of(text: str, config: dict | None = None) -> Spec:
    return extract.from_text(text, config).spec


def test_curl_user_option_is_basic_auth_and_a_trailing_colon_means_no_password() -> None:
    spec = spec_of('Export:\n  curl -s -u "$REPORTS_TOKEN:" "https://stats.example.com/v2/visits?start=0&count=50"\n'
                   'It answers {"columns": ["visit_id", "seconds"], "rows": [["v1", 3], ...], "total": 90}')
    assert (spec.auth.kind, spec.auth.username_key, spec.auth.password_key) == ("basic", "reports_token", "")
    assert spec.config_keys() == ["base_url", "reports_token"]
    assert spec.tables[0].records == "rows"
    assert spec.tables[0].path == "/v2/visits"


def test_a_custom_header_template_names_the_configuration_key() -> None:
    spec = spec_of("GET https://api.example.com/things\nEvery call needs `Vendor-Token: <vendor_token>`.")
    assert (spec.auth.kind, spec.auth.header_name, spec.auth.template) == ("header", "Vendor-Token",
                                                                           "{vendor_token}")


def test_a_login_endpoint_gives_a_session_token_sent_in_the_header_the_request_names() -> None:
    spec = spec_of('POST https://crm.example.com/api/login with body {"email": "<email>", "secret": "<secret>"}\n'
                   'returns {"auth": {"session_token": "..."}}; pass it as X-Auth-Session on later calls.\n'
                   "GET https://crm.example.com/api/leads")
    auth = spec.auth
    assert (auth.kind, auth.token_url, auth.style) == ("session", "/api/login", "json")
    assert auth.login == {"email": "email", "secret": "secret"}
    assert (auth.token_field, auth.header_name, auth.template) == ("auth.session_token", "X-Auth-Session", "{token}")
    assert [t.name for t in spec.tables] == ["leads"]


def test_a_next_token_in_a_response_header() -> None:
    spec = spec_of("GET https://logs.example.com/entries?cursor=<c>\nThe X-Continuation response header holds the "
                   "value for the next call; it is absent on the final page.")
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.next_header) == ("cursor", "cursor", "X-Continuation")


def test_a_last_seen_id_parameter_is_keyset_paging_and_the_incremental_cursor_when_asked() -> None:
    spec = spec_of("GET https://chat.example.com/v1/posts?since_id=<id>&count=<n> (count max 40)\n"
                   "Later syncs should resume from the highest id already loaded.")
    table = spec.tables[0]
    assert (table.pagination.kind, table.pagination.param, table.pagination.field) == ("keyset", "since_id", "id")
    assert table.pagination.size == 40
    assert table.incremental is not None and (table.incremental.field, table.incremental.param) == ("id", "since_id")


def test_a_graphql_schema_excerpt_becomes_a_query_with_relay_paging() -> None:
    spec = spec_of("Endpoint: POST https://gql.example.com/graphql\n"
                   "  tickets(first: Int!, after: String): TicketConnection!\n"
                   "  type TicketConnection { edges: [TicketEdge!]!  pageInfo: PageInfo! }\n"
                   "  type TicketEdge { node: Ticket! }\n"
                   "  type PageInfo { hasNextPage: Boolean!  endCursor: String }\n"
                   "  type Ticket { id: ID!  title: String!  assignee: User }\n"
                   "  type User { email: String! }\nfirst may be at most 30.")
    table = spec.tables[0]
    assert "tickets(first: $first, after: $after)" in table.graphql
    assert "assignee { email }" in table.graphql and "pageInfo { hasNextPage endCursor }" in table.graphql
    assert table.variables == {"first": 30}
    assert (table.pagination.kind, table.pagination.param) == ("relay", "after")


def test_literal_graphql_paging_arguments_become_variables() -> None:
    spec = spec_of("POST https://shop.example.com/graphql with\n"
                   "{ orders(take: 25, skip: 0) { totalCount nodes { id amount } } }")
    table = spec.tables[0]
    assert "orders(take: $take, skip: $skip)" in table.graphql
    paging = table.pagination
    assert (paging.kind, paging.param, paging.where, paging.size_param, paging.size, paging.total) == (
        "offset", "skip", "variables", "take", 25, "data.orders.totalCount")


def test_records_keyed_by_their_id_and_a_parameter_table_range() -> None:
    spec = spec_of("GET https://inv.example.com/stock\n"
                   "| parameter | meaning |\n|---|---|\n| page_size | 1-250 |\n| page | page number |\n"
                   'Response: {"stock": {"<sku>": {"qty": 1}, ...}, "more": true}')
    table = spec.tables[0]
    assert (table.records, table.keyed_by, table.primary_key) == ("stock", "sku", ["sku"])
    assert (table.pagination.size_param, table.pagination.size) == ("page_size", 250)


def test_a_bounds_endpoint_with_two_dates_sets_the_first_and_last_day() -> None:
    spec = spec_of("GET https://m.example.com/range -> {\"first_day\": \"2023-05-01\", \"last_ready\": \"YYYY-MM-DD\"}\n"
                   "GET https://m.example.com/stats?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive, at most 14 days)")
    window = spec.tables[0].window
    assert window is not None
    assert (window.days, window.to_exclusive, window.start_key) == (14, False, "")
    assert (window.end.path, window.end.field, window.end.start_field) == ("/range", "last_ready", "first_day")


def test_a_json_api_example_gives_a_media_type_and_a_table_from_included() -> None:
    spec = spec_of("GET https://shop.example.com/api/orders?include=items\n  Headers\n    Accept   "
                   "application/vnd.api+json\n"
                   '{"data": [{"type": "orders", "id": "1"}], "included": [{"type": "items", "id": "7"}],'
                   ' "links": {"next": "..."}}\nTables: `orders` and `items`.')
    assert spec.headers == {"Accept": "application/vnd.api+json"}
    orders, items = spec.tables
    assert (orders.records, orders.params, orders.pagination.kind) == ("data", {"include": "items"}, "link")
    assert items.parent is not None and (items.parent.table, items.parent.included, items.parent.type) == (
        "orders", "included", "items")


def test_a_request_piece_no_spec_field_can_hold_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.connector.spec import Table

    def broken(reading: object, config: object) -> None:
        Table(name="Not An Identifier")

    monkeypatch.setattr(extract, "rest_spec", broken)
    with pytest.raises(UsageError, match="could not be read into a spec"):
        spec_of("GET https://api.example.com/things")


def test_a_folder_of_files_in_other_encodings_is_read_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendas_2024-06.csv").write_bytes("Número NF;Item;Valor\n1;1;3,5\n1;2;4\n".encode("cp1252"))
    spec = spec_of("Sales files vendas_YYYY-MM.csv in a folder, path in the config as `path`; table `vendas`.",
                   {"path": str(folder)})
    assert (spec.source_type, spec.tables[0].name, spec.tables[0].files) == ("file", "vendas", "vendas*.csv")


def test_header_values_written_as_functions_become_computed_headers() -> None:
    spec = spec_of("GET https://pay.example.com/v3/transfers?page=1\n"
                   "Send Api-Client: <client_key> and Req-Time: epoch seconds; Req-Mac: base64 hmac-sha512(signing_key, "
                   "Req-Time + method + path with query + body).\nconfig: base_url, client_key, signing_key")
    assert (spec.auth.kind, spec.auth.header_name) == ("header", "Api-Client")
    stamp, mac = spec.computed_headers["Req-Time"], spec.computed_headers["Req-Mac"]
    assert (stamp.parts, stamp.encode) == (["timestamp"], "plain")
    assert (mac.parts, mac.encode, mac.algorithm, mac.digest, mac.secret_key) == (
        ["header:Req-Time", "method", "path_query", "body"], "hmac", "sha512", "base64", "signing_key")
    assert spec.config_keys() == ["base_url", "client_key", "signing_key"]


def test_a_signature_described_in_words_over_two_lines_is_read_piece_by_piece() -> None:
    spec = spec_of("GET {base_url}/v1/invoices?cursor=<c>\nConfig: acct_url, acct_id, signing_pass\n"
                   "Every call is signed:\n  Acct-Id: the account id\n  Acct-Time: unix seconds\n"
                   "  Acct-Mac: base64 HMAC-SHA512, keyed with the signing pass, computed over\n"
                   "      the HTTP verb + \"|\" + Acct-Time + \"\\n\" + request path + \"\\n\" + sha256 hash of the body\n")
    mac = spec.computed_headers["Acct-Mac"]
    assert (mac.encode, mac.algorithm, mac.digest, mac.secret_key) == ("hmac", "sha512", "base64", "signing_pass")
    assert mac.parts == ["method", "text:|", "header:Acct-Time", "text:\n", "path", "text:\n", "body_sha256"]


def test_a_search_index_beside_the_cluster_root_keys_on_the_field_said_to_be_unique() -> None:
    spec = spec_of("Copy the access log into a table `hits_log`; request_uid is unique.\n"
                   "$ curl -u u:p https://es.example.org/\n{\"cluster_name\": \"x\", \"version\": {\"number\": \"8.1\"}}\n"
                   "$ curl -u u:p -XPOST https://es.example.org/access-*/_search -d '{\"size\": 5}'\n"
                   '{"hits": {"hits": [{"_id": "a1", "_source": {"ts": "2024-01-01", "request_uid": "r-1"}}]}}')
    (table,) = spec.tables
    assert (table.name, table.primary_key, table.records) == ("hits_log", ["request_uid"], "hits.hits")
    assert table.body["sort"][-1] == {"request_uid": "asc"}  # the unique field breaks ties between equal times


def test_an_odata_service_is_read_by_its_conventions() -> None:
    spec = spec_of("Tables products and product_variants. Config: root = https://erp.example.com/svc/v2, "
                   "usr and pwd (HTTP basic).\n"
                   "    GET <root>/Products\n    GET <root>/Products(<ProductID>)\n    GET <root>/$metadata\n"
                   "Product: ProductID (Edm.Guid, key), Name, ChangedOn (Edm.DateTimeOffset).\n"
                   "Variants come with $expand=Variants. Changes: $filter=ChangedOn ge 2024-01-01T00:00:00Z")
    products, variants = spec.tables
    assert (products.name, products.path, products.records, products.primary_key) == (
        "products", "/svc/v2/Products", "value", ["ProductID"])
    assert products.pagination.kind == "link" and products.params == {"$expand": "Variants"}
    assert products.incremental is not None and products.incremental.template == "ChangedOn ge {cursor}"
    assert (variants.name, variants.parent.array if variants.parent else "") == ("product_variants", "Variants")
    assert (spec.auth.kind, spec.auth.username_key, spec.auth.password_key) == ("basic", "usr", "pwd")


def test_a_login_form_names_its_fields_and_a_page_parameter_stays_on_its_own_endpoint() -> None:
    spec = spec_of("Site: https://crm.example.com. Config: site (the url), crm_login, crm_secret.\n"
                   "Sign in at POST /session with the form fields `email` and `pw`.\n"
                   "GET /api/accounts?page=1 -> {\"accounts\": [...], \"pages\": 4}\n"
                   "GET /api/accounts/<id>/contacts -> {\"contacts\": [...]}\nTables accounts, contacts.")
    assert (spec.auth.kind, spec.auth.style, spec.auth.login) == (
        "session", "form", {"email": "crm_login", "pw": "crm_secret"})
    assert spec.base_url_key == "site"
    accounts, contacts = spec.tables
    assert accounts.pagination.kind == "page" and contacts.pagination.kind == "none"


def test_a_template_header_with_a_signature_defined_on_its_own_line() -> None:
    spec = spec_of("GET https://api.example.io/v2/clicks?day=<d>\nconfig: api_id, api_secret\n"
                   "Each call: X-Auth: ID=<api id>; TS=<epoch seconds>; MAC=<mac>\n"
                   "  mac = hex(HMAC-SHA1(api_secret, TS + \"|\" + path + \"|\" + body)) (path without the query)\n")
    header = spec.computed_headers["X-Auth"]
    assert header.parts == ["text:ID=", "config:api_id", "text:; TS=", "timestamp", "text:; MAC=", "signature"]
    assert header.signature is not None
    assert (header.signature.parts, header.signature.algorithm, header.signature.secret_key) == (
        ["timestamp", "text:|", "path", "text:|", "body"], "sha1", "api_secret")
    assert spec.config_keys() == ["base_url", "api_id", "api_secret"]


SOAP_REQUEST = """Tables invoices and invoice_lines. Config keys: svc_url, acct_login, acct_pw.
Endpoint: https://billing.example.net/ws/Billing.svc
POST /ws/Billing.svc HTTP/1.1
Content-Type: text/xml; charset=utf-8
SOAPAction: "urn:billing/ListInvoices"

<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:b="urn:billing">
  <soap:Header><b:Credentials><b:Login>string</b:Login><b:Password>string</b:Password></b:Credentials></soap:Header>
  <soap:Body><b:ListInvoices><b:PageNumber>0</b:PageNumber><b:MaxRecords>100</b:MaxRecords>
    <b:ChangedAfter>2020-01-01T00:00:00</b:ChangedAfter></b:ListInvoices></soap:Body>
</soap:Envelope>
Each Invoice has an InvoiceId and its Lines."""


def test_a_soap_envelope_is_the_body_template_and_its_elements_are_read_by_their_values() -> None:
    spec = spec_of(SOAP_REQUEST)
    invoices, lines = spec.tables
    assert (invoices.method, invoices.xml_record, invoices.primary_key) == ("POST", "Invoice", ["InvoiceId"])
    assert invoices.xml_body.startswith("<soap:Envelope") and invoices.xml_body.endswith("</soap:Envelope>")
    assert (invoices.pagination.kind, invoices.pagination.param, invoices.pagination.first) == ("page", "PageNumber", 0)
    assert (invoices.pagination.size_param, invoices.pagination.size) == ("MaxRecords", 100)
    assert invoices.incremental is not None and invoices.incremental.param == "ChangedAfter"
    assert invoices.body == {"Login": "{acct_login}", "Password": "{acct_pw}", "ChangedAfter": None}
    assert (lines.name, lines.parent.array if lines.parent else "") == ("invoice_lines", "Lines")
    assert spec.headers["SOAPAction"] == '"urn:billing/ListInvoices"' and spec.auth.kind == "none"
    assert spec.config_keys() == ["svc_url", "acct_login", "acct_pw"]


def test_a_base64_pair_in_the_authorization_header_names_both_keys() -> None:
    spec = spec_of("POST https://search.example.net/products/_query\n"
                   "Auth header `Authorization: Token base64(<account_id>:<account_secret>)`")
    header = spec.computed_headers["Authorization"]
    assert (header.prefix, header.encode, header.parts) == (
        "Token ", "base64", ["config:account_id", "text::", "config:account_secret"])
    assert spec.auth.kind == "none" and spec.tables[0].name == "products"  # `_query` is an action, not a name


def test_a_folder_of_database_files_is_one_set_of_tables_keyed_by_the_file(tmp_path: Path) -> None:
    import sqlite3

    for name in ("depot_1.sqlite", "depot_2.sqlite"):
        conn = sqlite3.connect(tmp_path / name)
        conn.executescript("CREATE TABLE moves (id INTEGER PRIMARY KEY, qty INTEGER); CREATE TABLE junk (x TEXT);")
        conn.close()
    spec = spec_of(f"Each depot ships its SQLite file to {tmp_path}. I want the `moves` table from all of them, "
                   "with a depot column.")
    assert (spec.source_type, spec.databases, spec.source_column) == ("database", "depot_*.sqlite", "depot")
    assert [(t.name, t.primary_key) for t in spec.tables] == [("moves", ["depot", "id"])]


def test_an_example_id_in_a_child_path_makes_it_a_per_parent_endpoint() -> None:
    spec = spec_of("Two calls:\n  GET https://kb.example.org/api/books?page=1&per_page=20\n"
                   "  GET https://kb.example.org/api/books/77/chapters?page=1&per_page=20\n")
    child = spec.tables[1]
    assert (child.name, child.path, child.parent and child.parent.table) == ("chapters", "/api/books/{id}/chapters",
                                                                            "books")


def test_a_page_size_stated_apart_from_the_only_endpoint_pages_it() -> None:
    spec = spec_of("Pull the routes from GET https://transit.example.io/v1/routes. per_page can be at most 250.")
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.size_param, paging.size) == ("page", "page", "per_page", 250)


def test_paging_fields_written_in_a_post_body_are_sent_in_the_body() -> None:
    spec = spec_of("curl -X POST https://crm.example.com/v2/contacts/query -d '{\"page\": 1, \"page_size\": 40}'\n"
                   "It answers {\"results\": [{\"id\": 1}], \"total\": 90}")
    table = spec.tables[0]
    assert (table.name, table.method, table.pagination.kind, table.pagination.where) == ("contacts", "POST", "page",
                                                                                       "body")


def test_a_key_written_as_fields_joined_by_plus_is_a_composite_key() -> None:
    spec = spec_of("GET https://sis.example.edu/api/marks returns {\"marks\": [...]}.\n"
                   "A mark is identified by pupil_id + subject + year.")
    assert spec.tables[0].primary_key == ["pupil_id", "subject", "year"]


def test_a_csv_with_title_lines_above_the_header_and_a_totals_line(tmp_path: Path) -> None:
    from assistant.connector.blocks import local

    path = tmp_path / "hours.csv"
    path.write_text("Hours export\nGenerated 2024-05-01\n\nperson;day;hours\nann;2024-04-30;7,5\nbo;2024-04-30;8\n"
                    "TOTAL;;15,5\n", "utf-8")
    assert list(local.read_csv(str(path), "")) == [{"person": "ann", "day": "2024-04-30", "hours": "7,5"},
                                                   {"person": "bo", "day": "2024-04-30", "hours": "8"}]


def test_a_table_without_a_declared_key_is_keyed_by_the_grain_its_rows_hold(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "league.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE scores (team_id INTEGER, round INTEGER, points INTEGER);"
                       "INSERT INTO scores VALUES (1, 1, 3), (1, 2, 0), (2, 1, 1);")
    conn.close()
    spec = spec_of(f"Sync the scores table from {path}: one row per team and round.")
    assert spec.tables[0].primary_key == ["team_id", "round"]


def test_an_event_archive_in_dated_folders_is_routed_to_a_table_per_type(tmp_path: Path) -> None:
    day = tmp_path / "2024" / "03" / "05"
    day.mkdir(parents=True)
    lines = [{"kind": "ticket.opened", "payload": {"item": {"id": 1}}},
             {"kind": "agent.login", "payload": {"item": {"id": 9}}}]
    (day / "00.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    spec = spec_of(f"Archive in {tmp_path} laid out YYYY/MM/DD/HH.jsonl; the object is at payload.item. "
                   "Tables: tickets, agents.")
    routes = {t.name: (t.files, t.records, t.route) for t in spec.tables}
    assert routes == {"tickets": ("**/*.jsonl", "payload.item", {"kind": "ticket.*"}),
                      "agents": ("**/*.jsonl", "payload.item", {"kind": "agent.*"})}


def test_a_search_endpoint_reads_hits_past_the_result_window_in_a_total_order() -> None:
    spec = spec_of("POST https://es.example.net/audit-*/_search\nOne row per audit.id; the `@timestamp` field "
                   "orders them, size at most 200. Only new documents on later syncs.")
    table = spec.tables[0]
    assert (table.name, table.records, table.primary_key) == ("audit", "hits.hits", ["audit_id"])
    assert table.body == {"sort": [{"@timestamp": "asc"}, {"audit.id": "asc"}]}
    assert (table.pagination.kind, table.pagination.param, table.pagination.size) == ("keyset", "search_after", 200)
    assert table.incremental is not None and table.incremental.param == "search_after"


def test_date_parameters_named_beside_a_date_format_make_windows_that_fit_either_reading_of_the_end() -> None:
    spec = spec_of("Usage lives at GET https://meter.example.com/api/usage with start and end (YYYY-MM-DD); a call "
                   "may not span more than 14 days. Config: base_url, api_key, start_date")
    window = spec.tables[0].window
    assert window is not None
    assert (window.from_param, window.to_param, window.days, window.to_exclusive) == ("start", "end", 13, True)


def test_a_folder_never_stated_is_not_the_working_directory_and_odd_file_names_still_make_tables(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nested" / "deep").mkdir(parents=True)
    (tmp_path / "nested" / "deep" / "0a1b_data.csv").write_text("id\n1\n")
    monkeypatch.chdir(tmp_path)
    spec = spec_of("The CSV exports land in the folder named by config key `drop_dir`. Load them as `drops`.")
    assert [t.name for t in spec.tables] == ["drops"]
    (tmp_path / "2024_q1.csv").write_text("id,total\n1,5\n")
    spec = spec_of(f"CSV files in {tmp_path}, one table per file kind.")
    assert spec.tables[0].name == "file_2024_q"  # the trailing number is what varies between such files


def test_an_array_of_objects_written_in_the_request_feeds_a_stated_child_table() -> None:
    spec = spec_of("Folder from config key `drop`: *.jsonl files, each line: order_no, placed_at, "
                   "lines [ {sku, qty}, ... ].\nTables: `orders`, `order_lines` (one row per line).")
    child = next(t for t in spec.tables if t.name == "order_lines")
    assert child.parent is not None and (child.parent.table, child.parent.array) == ("orders", "lines")


def test_a_grain_partly_in_the_file_names_is_kept_with_a_column_for_the_name() -> None:
    spec = spec_of("Each depot drops tallies_D04_20240301.csv into the folder in config key `tally_dir`, with a "
                   "header line: item, counted, clerk. Table `tallies`: one row per depot, per date, per item.")
    table = spec.tables[0]
    assert (table.name_column, table.primary_key) == ("file_part", ["file_part", "item"])


def test_a_url_written_beside_a_configuration_key_is_not_a_key() -> None:
    spec = spec_of("GET http://127.0.0.1:8000/v2/rentals, key in the query as ?apikey=... config keys: host "
                   "(http://127.0.0.1:8000), apikey")
    assert spec.config_keys() == ["host", "apikey"]


@pytest.mark.parametrize("config", [None, {"url": "http://h", "account_id": "a1", "secret": "s"}])
def test_credential_slots_take_the_keys_the_user_named_not_built_in_names(config: dict | None) -> None:
    text = ("The API is GET http://h/api/v1/subscribers with HTTP basic auth: the account id is the username and "
            "the secret is the password. Config keys: `url`, `account_id` and `secret`.")
    spec = spec_of(text, config)
    assert (spec.base_url_key, spec.auth.username_key, spec.auth.password_key) == ("url", "account_id", "secret")


def test_with_a_configuration_the_base_url_key_is_the_one_holding_a_url() -> None:
    spec = spec_of("Bearer auth. GET /v1/listings, config has the server and the token.",
                   {"api_root": "https://x.example.com", "bearer_token": "t"})
    assert (spec.base_url_key, spec.auth.token_key) == ("api_root", "bearer_token")
    assert spec.config_keys() == ["api_root", "bearer_token"]


def test_a_full_url_the_endpoints_are_relative_to_is_the_api_root() -> None:
    spec = spec_of("- API base: https://ats.example.com/v1 (config key `base_url`, without the /v1)\n"
                   "- endpoints: GET /jobs and GET /applicants\n- bearer token, config key `token`")
    assert [(t.name, t.path) for t in spec.tables] == [("jobs", "/v1/jobs"), ("applicants", "/v1/applicants")]
    nested = spec_of("The API is under https://n.example.com/api/v1. The endpoint is GET /api/v1/subscribers.")
    assert [t.path for t in nested.tables] == ["/api/v1/subscribers"]
    child = spec_of("Read https://n.example.com/devices and GET /devices/{id}/readings for each device.")
    assert [t.path for t in child.tables][0] == "/devices"


def test_a_path_placeholder_named_like_a_configuration_key_is_filled_from_it() -> None:
    spec = spec_of("Bearer token in `acct_token`. Every call goes to /t/<tenant>/..., e.g. GET /t/<tenant>/calls",
                   {"calldesk_url": "http://h", "tenant": "acme", "acct_token": "t"})
    assert spec.tables[0].path == "/t/{tenant}/calls"
    assert "tenant" in spec.config_keys() and spec.auth.token_key == "acct_token"


def test_duckdb_tables_in_a_named_schema_win_over_same_named_ones_in_main(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "tms.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE SCHEMA erp; CREATE TABLE erp.shipments (shipment_id INTEGER PRIMARY KEY, status TEXT);"
                 "CREATE TABLE erp.shipment_events (shipment_id INTEGER, seq INTEGER, place TEXT);"
                 "CREATE TABLE main.shipments (shipment_id INTEGER, old TEXT); CREATE TABLE main.import_log (x TEXT);"
                 "INSERT INTO erp.shipment_events SELECT i % 7, i // 7, 'x' FROM range(70) t(i)")
    conn.close()
    spec = spec_of(f"Our TMS DuckDB file is {path} (config key `db`). We need shipments and shipment_events, "
                   "they live in the `erp` schema.")
    assert sorted((t.name, t.source_table, tuple(t.primary_key)) for t in spec.tables) == [
        ("shipment_events", "erp.shipment_events", ("shipment_id", "seq")),
        ("shipments", "erp.shipments", ("shipment_id",))]


def test_database_tables_the_prose_lists_are_wanted_less_those_it_declines(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "tracker.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE projects (id INTEGER PRIMARY KEY); CREATE TABLE tasks (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE task_deletions (seq INTEGER PRIMARY KEY, task_id INTEGER);"
                       "CREATE TABLE audit (x TEXT);")
    conn.close()
    spec = spec_of(f"SQLite file {path}. I'd like projects and tasks in the warehouse. Deletions are logged to a "
                   "task_deletions table (seq, task_id). I don't need task_deletions itself as a table.")
    assert [t.name for t in spec.tables] == ["projects", "tasks"]


def test_a_configured_file_instead_of_a_folder_is_the_tables_only_file(tmp_path: Path) -> None:
    path = tmp_path / "stock_levels.csv"
    path.write_text("warehouse,sku,on_hand\n" + "".join(f"W{w},S{s},{w * s}\n" for w in range(3) for s in range(5)))
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    spec = spec_of(f"The nightly job overwrites one CSV, {path}, configured as input_path. Table stock_levels.",
                   {"input_path": str(path)})
    assert [(t.name, t.files, t.primary_key) for t in spec.tables] == [("stock_levels", "stock_levels.csv",
                                                                        ["warehouse", "sku"])]
    assert not spec.unresolved


def test_a_listed_set_of_file_tables_leaves_out_other_files(tmp_path: Path) -> None:
    for day in ("2024-06-01", "2024-06-02"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "customers.csv").write_text("customer_id,name\n1,a\n")
        (tmp_path / day / "orders.csv").write_text("order_id,total\n1,2\n")
        (tmp_path / day / "manifest.json").write_text('{"files": 2}')
    spec = spec_of(f"Nightly export in {tmp_path}, one sub-folder per day with customers.csv, orders.csv and "
                   "manifest.json. Tables: customers and orders.")
    assert [t.name for t in spec.tables] == ["customers", "orders"]


def test_a_table_that_logs_deletes_is_read_for_them_not_synced(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "tracker.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE projects (id INTEGER PRIMARY KEY); CREATE TABLE tasks (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE task_deletions (seq INTEGER PRIMARY KEY, task_id INTEGER, deleted_at TEXT);")
    conn.close()
    spec = spec_of(f"SQLite file {path}. I'd like projects and tasks; deleted tasks should show up as deleted.")
    tasks = next(t for t in spec.tables if t.name == "tasks")
    assert [t.name for t in spec.tables] == ["projects", "tasks"]
    assert tasks.deletion_log is not None
    assert (tasks.deletion_log.table, tasks.deletion_log.key_column, tasks.deletion_log.order_column) == (
        "task_deletions", "task_id", "seq")


def test_tables_listed_under_a_tables_heading_one_per_item(tmp_path: Path) -> None:
    (tmp_path / "orders_0001.json").write_text(json.dumps(
        [{"order_no": n, "lines": [{"sku": "a", "qty": 1}, {"sku": "a", "qty": 0}]} for n in range(12)]))
    spec = spec_of(f"- folder: {tmp_path}\n- each file is a JSON array of orders with a list of lines\n- tables:\n"
                   "  - orders: one row per order\n  - order_lines: one row per line\n")
    assert [(t.name, t.parent.array if t.parent else "") for t in spec.tables] == [("orders", ""),
                                                                                  ("order_lines", "lines")]


def test_a_configured_host_without_a_scheme_is_the_base_url_key() -> None:
    spec = spec_of("Our instance is http://tenantly.example.com/api/v2 and the endpoint is GET /work_orders. I've put "
                   "`domain` (host and port, without the http://) and `api_key` in the configuration. "
                   "`Authorization: Api-Key <key>`.", {"domain": "tenantly.example.com:8080", "api_key": "k"})
    assert (spec.base_url_key, spec.tables[0].path) == ("domain", "/api/v2/work_orders")
    plain = spec_of("GET http://h.example.com/api/v2/work_orders. I've put `domain` and `api_key` in the configuration.")
    assert plain.config_keys()[:2] == ["domain", "api_key"]


def test_an_endpoint_written_with_the_apis_paging_parameter_pages_like_the_others() -> None:
    spec = spec_of('curl -u "$U:$P" "https://w.example.com/wp-json/wp/v2/posts?per_page=100&page=2"\n'
                   'curl -u "$U:$P" -D - -o /dev/null "https://w.example.com/wp-json/wp/v2/comments?per_page=1"\n')
    assert [(t.path, t.pagination.kind) for t in spec.tables] == [("/wp-json/wp/v2/posts", "page"),
                                                                   ("/wp-json/wp/v2/comments", "page")]


def test_one_named_credential_for_basic_auth_is_the_user_name_with_an_empty_password() -> None:
    spec = spec_of("GET https://b.example.com/v1/invoices\nAuthorization: Basic Auth\nConfig keys: `base_url`, "
                   "`secret_key`.")
    assert (spec.auth.kind, spec.auth.username_key, spec.auth.password_key) == ("basic", "secret_key", "")


def test_date_parameters_named_alike_make_windows_and_future_data_is_read_ahead() -> None:
    spec = spec_of("GET https://r.example.com/api/reservations\nThe parameters `arrival_from` and `arrival_to` "
                   "(format YYYY-MM-DD) are required, at most 90 days apart. Guests book up to one year in advance. "
                   "The answer has `paging.next_cursor`, you send it back as `cursor`.")
    table = spec.tables[0]
    assert table.window is not None
    assert (table.window.from_param, table.window.to_param, table.window.ahead_days) == ("arrival_from", "arrival_to",
                                                                                         366)
    assert (table.pagination.kind, table.pagination.next) == ("cursor", "paging.next_cursor")


def test_a_configuration_key_named_in_an_aside_ends_at_its_parenthesis() -> None:
    spec = spec_of("GET https://p.example.com/api/v1/members, bearer token (`api_token` in the config), "
                   "rows come back under `data` and `meta.pages` says how many pages -> `members` table")
    assert spec.config_keys() == ["base_url", "api_token"]


def test_database_tables_renamed_for_the_destination_and_tables_left_out(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "helpdesk.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE tickets (id INTEGER PRIMARY KEY, version INTEGER, is_deleted INTEGER);"
                       "CREATE TABLE agents (agent_id INTEGER PRIMARY KEY); CREATE TABLE jobs (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE macros (id INTEGER PRIMARY KEY); CREATE TABLE sessions (token TEXT PRIMARY KEY);")
    conn.close()
    spec = spec_of(f"SQLite at {path}, key `helpdesk_db`.\nScope\n* tickets -> destination table `support_tickets` "
                   "(PK id)\n* agents -> destination table `agents`\n* jobs: please land it as `service_jobs`\n"
                   "* everything else (macros, sessions) is out of scope\n* Every write to tickets sets `version` "
                   "higher. Use it as the incremental cursor.\n* Deleting sets is_deleted = 1.")
    assert sorted((t.name, t.source_table, t.cursor_column) for t in spec.tables) == [
        ("agents", "agents", ""), ("service_jobs", "jobs", ""), ("support_tickets", "tickets", "version")]


def test_a_pasted_python_script_is_read_for_its_call_headers_and_records() -> None:
    spec = spec_of('Turn my script into a connector (table `responses`). The JSON has a `next` field with the full '
                   'URL of the next page. Config: `base_url`, `workspace_id`, `token`.\n```python\nimport os, requests\n'
                   'BASE = "https://forms.example.com"\nWORKSPACE = "ws_1"\nTOKEN = os.environ["FORMLY_TOKEN"]\n'
                   'resp = requests.get(f"{BASE}/v1/workspaces/{WORKSPACE}/responses",\n'
                   '                    headers={"X-Survey-Token": TOKEN}, params={"page_size": 100})\n'
                   'data = resp.json()\nfor rid, r in data["responses"].items():\n    print(r["answers"]["nps"])\n```')
    table = spec.tables[0]
    assert (table.path, table.records, table.keyed_by) == ("/v1/workspaces/ws_1/responses", "responses", "rid")
    assert (spec.auth.header_name, spec.auth.template) == ("X-Survey-Token", "{token}")
    assert (table.pagination.kind, table.pagination.next, table.pagination.size) == ("link", "next", 100)


def test_a_pasted_openapi_document_is_read_for_paths_security_paging_and_records() -> None:
    spec = spec_of("Tables `events` and `attendees`. Config has `base_url` and `api_key`.\n```yaml\nopenapi: 3.0.3\n"
                   "servers:\n  - url: https://tix.example.com/v2\ncomponents:\n  securitySchemes:\n"
                   "    k: {type: apiKey, in: query, name: api_key}\n  parameters:\n"
                   "    limit: {name: limit, in: query, schema: {type: integer, maximum: 50}}\n"
                   "    cursor: {name: cursor, in: query, schema: {type: string}}\npaths:\n  /events:\n    get:\n"
                   "      parameters: [{$ref: '#/components/parameters/limit'}, {$ref: '#/components/parameters/cursor'}]"
                   "\n      responses:\n        '200':\n          headers: {X-Next-Cursor: {schema: {type: string}}}\n"
                   "          content: {application/json: {schema: {type: array, items: {type: object, properties: "
                   "{id: {type: integer}, name: {type: string}}}}}}\n  /events/{event_id}/attendees:\n    get:\n"
                   "      parameters: [{$ref: '#/components/parameters/limit'}]\n```")
    events, attendees = spec.tables
    assert (spec.auth.kind, spec.auth.param_name) == ("query", "api_key")
    assert (events.path, events.records, events.primary_key) == ("/v2/events", "", ["id"])
    assert (events.pagination.kind, events.pagination.next_header, events.pagination.size) == (
        "cursor", "X-Next-Cursor", 50)
    assert attendees.parent is not None and attendees.parent.table == "events"


def test_an_api_doc_excerpt_gives_only_the_listing_endpoints_of_the_tables_asked_for() -> None:
    spec = spec_of("I only want shifts, table name `shifts`. Config has `base_url` and `api_key`.\n"
                   "Authorization: ApiKey <your key>\nList endpoints accept `page` and `per_page` (default 10, maximum "
                   "20).\nEndpoints\n  GET  /api/v2/shifts           List shifts\n  GET  /api/v2/shifts/{id}      Get "
                   "one shift\n  POST /api/v2/shifts           Create a shift\n  GET  /api/v2/employees        List "
                   "employees\nChangelog\n  2024-02-02  Deprecated /api/v1 (sunset 2024-12-31)")
    assert [(t.name, t.path, t.method) for t in spec.tables] == [("shifts", "/api/v2/shifts", "GET")]
    assert spec.tables[0].pagination.size == 20


def test_a_fixed_password_and_a_second_credential_header() -> None:
    basic = spec_of("GET https://c.example.com/api/v1/time_entries. HTTP basic where the username is the API token "
                    "and the password is literally the string `api_token`. Config: `base_url`, `api_token`.")
    assert (basic.auth.username_key, basic.auth.password_key, basic.auth.password_value) == ("api_token", "",
                                                                                           "api_token")
    two = spec_of("GET /v2/shipments. The account id goes in an `X-Account-Id` header and the secret in "
                  "`X-Account-Secret`.", {"acct": "a", "signing_secret": "s", "api_host": "https://p.example.com"})
    assert (two.auth.header_name, two.auth.template) == ("X-Account-Id", "{acct}")
    assert two.computed_headers["X-Account-Secret"].parts == ["config:signing_secret"]


def test_a_stated_child_table_takes_the_one_array_its_parent_records_hold() -> None:
    spec = spec_of('Two tables: `invoices` and `invoice_lines`. GET https://l.example.com/api/invoices returns\n'
                   '{"invoices": [{"id": "inv_1", "line_items": [{"line_no": 1, "amount": "9.99"}]}], "total": 1}')
    child = next(t for t in spec.tables if t.name == "invoice_lines")
    assert child.parent is not None and child.parent.array == "line_items"


def test_pasted_code_or_documents_that_do_not_parse_are_read_as_prose() -> None:
    spec = spec_of("GET https://x.example.com/v1/things, bearer token.\n```python\nrequests.get(f\"{BASE}/v1/things\"\n"
                   "```\n```yaml\nopenapi: 3.0.0\npaths: {/a: [\n```")
    assert [t.path for t in spec.tables] == ["/v1/things"]
    assert spec.auth.kind == "bearer"


def test_a_pasted_view_is_a_table_keyed_by_what_it_groups_by() -> None:
    spec = spec_of("SQLite file, path in `db_file`. Schema:\n"
                   "CREATE TABLE visits (id INTEGER PRIMARY KEY, site TEXT, seen_on TEXT, ms INTEGER);\n"
                   "CREATE VIEW daily_sites AS\n  SELECT site, substr(seen_on, 1, 10) AS day, count(*) AS hits\n"
                   "  FROM visits GROUP BY site, substr(seen_on, 1, 10);\n\n"
                   "Sync visits and the daily_sites view as its own table.")
    view = next(t for t in spec.tables if t.name == "daily_sites")
    assert (view.source_table, view.primary_key) == ("daily_sites", ["site", "day"])


def test_a_flag_the_request_shows_as_true_deletes_file_records(tmp_path: Path) -> None:
    (tmp_path / "posts-2024-01-01.jsonl").write_text('{"id": 1, "t": "a"}\n{"id": 2, "gone": true}\n')
    text = ("Nightly posts-YYYY-MM-DD.jsonl files land in a folder (config key `drop_dir`). A removed post "
            'comes once more with "gone": true; remove it on our side too.')
    for config in ({}, {"drop_dir": str(tmp_path)}):
        assert spec_of(text, config).tables[0].deleted_column == "gone"
    table = spec_of(text, {"drop_dir": str(tmp_path)}).tables[0]
    from assistant.connector import compose

    assert compose.local_table(table, files=True)["deleted_column"] == "gone"
    assert spec_of(text.split(". A removed")[0] + ".", {"drop_dir": str(tmp_path)}).tables[0].deleted_column == ""


def test_a_retired_endpoint_is_no_table_and_a_body_on_a_later_line_pages_with_nested_fields() -> None:
    spec = spec_of("- endpoint: POST https://crm.example.com/api/v2/leads/search (the old GET /api/v2/leads list is "
                   'retired)\n- JSON body: {"filter": {}, "sort": {"field": "id"}, "page": {"size": 100, "after": "..."}}'
                   "\n- the response has `data` and `page.next`; send page.next back as page.after\n- table `leads`")
    assert [(t.name, t.path) for t in spec.tables] == [("leads", "/api/v2/leads/search")]
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.where, paging.size_param, paging.size, paging.next) == (
        "cursor", "page.after", "body", "page.size", 100, "page.next")
    assert spec.tables[0].body == {"filter": {}, "sort": {"field": "id"}, "page": {}}  # the connector sets the rest


def test_keys_take_the_roles_their_written_values_show() -> None:
    spec = spec_of("endpoint is https://fleet.example.com/api/v1/trips, bearer token auth. config would be `fleet_api` "
                   "(that's https://fleet.example.com/api/v1) and `bearer` for the token.")
    assert (spec.base_url_key, spec.auth.token_key) == ("fleet_api", "bearer")
    spec = spec_of("POST https://api.example.com/graphql. Put the endpoint URL in `api_url` and my token in "
                   "`personal_token`. Auth: `Authorization: Bearer <token>`.")
    assert (spec.base_url_key, spec.auth.token_key) == ("api_url", "personal_token")


def test_a_graphql_query_is_built_from_the_schema_when_the_docs_only_show_placeholders() -> None:
    spec = spec_of('Endpoint: POST https://t.example.com/graphql with a JSON body {"query": "...", "variables": {}}.\n'
                   "One table, `issues`. Ask for `first` (1-50) and pass pageInfo.endCursor as `after`.\n"
                   "type Query { issues(first: Int, after: String): IssueConnection!  viewer: User! }\n"
                   "type IssueConnection { nodes: [Issue!]!  edges: [IssueEdge!]!  pageInfo: PageInfo! }\n"
                   "type IssueEdge { cursor: String!  node: Issue! }\n"
                   "type PageInfo { hasNextPage: Boolean!  endCursor: String }\n"
                   "type Issue { id: ID!  title: String!  labels: [Label!]! }\ntype Label { name: String! }\n"
                   "type User { login: String! }")
    table = spec.tables[0]
    assert table.graphql.startswith("query($first: Int, $after: String) { issues(first: $first, after: $after) "
                                    "{ nodes { id title labels { name } } pageInfo")
    assert "edges" not in table.graphql and table.records == "data.issues.nodes"


def test_one_day_windows_whose_last_days_are_read_again() -> None:
    spec = spec_of("Report: GET https://ads.example.com/v2/daily?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD. It only "
                   "does one day per call: start_date has to equal end_date. Backfill from the date in config "
                   "`first_day`. Conversions arrive late, so every run must re-pull the last 3 days.")
    window = spec.tables[0].window
    assert window is not None
    assert (window.days, window.to_exclusive, window.start_key, window.lookback_days) == (1, False, "first_day", 3)


def test_prose_words_are_not_parameters_and_a_key_can_be_the_id_of_an_entry() -> None:
    spec = spec_of("Daily page stats -> table `page_stats`. GET https://p.example.com/v1/stats/pages?from=X&to=Y")
    assert spec.tables[0].pagination.kind == "none"  # "page stats" says nothing of paging
    spec = spec_of("atom feed at https://w.example.com/feeds/obs.atom -> table `observations`, key = the entry id. "
                   "follow the rel=next links")
    assert spec.tables[0].primary_key == ["id"]


def test_an_xml_example_with_a_wrapper_of_like_elements_feeds_a_child_table() -> None:
    spec = spec_of('GET https://s.example.com/items?page=1\n\n<?xml version="1.0"?>\n'
                   '<sw:List xmlns:sw="urn:x" totalPages="3">\n  <sw:Item id="1">\n    <sw:Name>Lamp</sw:Name>\n'
                   '    <sw:Stock>\n      <sw:Location code="AMS" qty="2"/>\n      <sw:Location code="UTR" qty="0"/>\n'
                   "    </sw:Stock>\n  </sw:Item>\n</sw:List>\n\nTwo tables: `items` and `item_stock` (one row per "
                   "item per location).")
    child = next(t for t in spec.tables if t.name == "item_stock")
    assert child.parent is not None and (child.parent.table, child.parent.array) == ("items", "Stock")


def test_database_tables_named_back_renamed_and_declined_in_asides(tmp_path: Path) -> None:
    text = ("Gym database, SQLite, path in config `gym_db`:\nCREATE TABLE plans (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE members (id INTEGER PRIMARY KEY);\nCREATE TABLE turnstile_log (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE staff (id INTEGER PRIMARY KEY);\n"
            "CREATE VIRTUAL TABLE members_fts USING fts5(name);\n\n"
            "I only want `plans`, `members` and `turnstile_log`. That last one is a bad name: in the warehouse it "
            "must be called `checkins`. Nothing else should show up (sessions, staff, the search index).")
    assert [(t.name, t.source_table) for t in spec_of(text).tables] == [
        ("plans", "plans"), ("members", "members"), ("checkins", "turnstile_log")]


def test_file_names_a_request_writes_for_one_table_are_read_together() -> None:
    spec = spec_of("The day's lines go to shipments.jsonl; after midnight it is gzipped as shipments-YYYYMMDD.jsonl.gz "
                   "and a fresh one starts. Folder in config `feed_dir`. We'd like two tables: `shipments` (one row "
                   "per tracking number, latest snapshot) and `shipment_events` (one row per scan event; a shipment holds its events).")
    assert [t.name for t in spec.tables] == ["shipments", "shipment_events"]
    assert set(spec.tables[0].files.split("|")) == {"shipments.jsonl", "shipments*.jsonl"}
    assert spec.tables[0].name_column == ""  # "latest snapshot" is no part of the files' names


def test_a_stated_table_made_of_a_json_array_column(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE orders (id INTEGER PRIMARY KEY, items TEXT, updated_at TEXT);"
                       "CREATE TABLE carts (id INTEGER PRIMARY KEY);")
    conn.close()
    text = ("Storefront orders, SQLite, path in config `shop_db`. Table `orders`, key `id`. Table `order_items`: one "
            "row per element of the order's `items` JSON array.")
    for config in ({"shop_db": str(path)}, {}):  # read now, or matched when the connector runs
        spec = spec_of(text, config)
        child = next(t for t in spec.tables if t.name == "order_items")
        assert child.parent is not None and (child.parent.table, child.parent.array) == ("orders", "items")
    assert child.parent.keys == {"id": "order_id"}


def test_a_markdown_table_of_tables_and_a_yaml_sketch_are_read_as_what_they_list(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "fleet.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE trips (id INTEGER PRIMARY KEY, row_version INTEGER);"
                       "CREATE TABLE drivers (id INTEGER PRIMARY KEY); CREATE TABLE loans (loan_id INTEGER, isbn TEXT);"
                       "CREATE VIEW open_loans AS SELECT * FROM loans;")
    conn.close()
    sketch = (f"SQLite file:\n```yaml\nsource:\n  file: {path}   # make this a setting called fleet_db_file\n"
              "tables:\n  trips:\n    from: trips\n    key: id\n    cursor: row_version\nskip:\n  - drivers\n```\n")
    spec = spec_of(sketch)
    assert spec.location_key == "fleet_db_file"
    assert [(t.name, t.cursor_column) for t in spec.tables] == [("trips", "row_version")]
    table = (f"SQLite at {path}:\n\n| destination table | comes from | key |\n|---|---|---|\n"
             "| loans | table `loans` | loan_id |\n| open_loans | view `open_loans` | loan_id |\n")
    assert [(t.name, t.source_table, t.primary_key) for t in spec_of(table).tables] == [
        ("loans", "loans", ["loan_id"]), ("open_loans", "open_loans", ["loan_id"])]


def test_a_markdown_endpoint_table_and_a_config_key_table() -> None:
    spec = spec_of("| Method | Path | Params | Returns |\n|---|---|---|---|\n"
                   '| GET | `/api/teams` | `page`, `page_size` (max 100) | `{"teams": [...], "total_pages": 3}` |\n\n'
                   "| Config key | What it holds |\n|---|---|\n| `club_host` | https://club.example.com |\n"
                   "| `club_token` | the bearer token |\n\nTable `teams`. Bearer auth.")
    table = spec.tables[0]
    assert (table.path, table.records, table.pagination.kind, table.pagination.size) == ("/api/teams", "teams", "page",
                                                                                         100)
    assert (spec.base_url_key, spec.auth.token_key) == ("club_host", "club_token")


def test_key_names_said_in_prose_and_endpoints_taken_back() -> None:
    spec = spec_of("connector for Tally, the API lives at https://t.example.com. auth is an API key header, "
                   "X-Tally-Key, I put the key in the config as tally_key and the address as tally_url. projects is "
                   "GET /api/projects, and time entries is GET /api/projects/{id}/entries -- wait no, scratch that, "
                   "they moved it, GET /api/time_entries. both are paged with page and page_size. time entries have a "
                   "modified_since filter so after the first run we only pull what changed; it takes a unix timestamp "
                   "in seconds. the entries have an ISO modified_at.")
    assert [(t.name, t.path) for t in spec.tables] == [("projects", "/api/projects"),
                                                       ("time_entries", "/api/time_entries")]
    assert (spec.base_url_key, spec.auth.template) == ("tally_url", "{tally_key}")
    assert all(t.pagination.kind == "page" for t in spec.tables)
    incremental = spec.tables[1].incremental
    assert incremental is not None and (incremental.param, incremental.sent_as) == ("modified_since", "unix")
    assert spec_of("Folder setting: sensor_share. CSV files.").location_key == "sensor_share"


def test_a_stated_key_a_shown_record_lacks_is_not_its_key() -> None:
    spec = spec_of('GET https://c.example.com/api/shipments.xml?page=1\n\n<?xml version="1.0"?>\n'
                   '<shipments total_pages="3">\n  <shipment id="S1">\n    <status>x</status>\n  </shipment>\n'
                   "  <shipment id=\"S2\">\n    ...\n  </shipment>\n</shipments>\n\nTables `shipments` and "
                   "`shipment_packages` (one row per package, keyed by shipment id + seq).")
    assert spec.tables[0].primary_key == ["id"]


def test_a_deletion_column_found_in_the_rows_and_paths_that_name_no_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "loyalty.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE members (member_id INTEGER PRIMARY KEY, joined_at TEXT, left_at TEXT, "
                       "updated_at TEXT); INSERT INTO members VALUES (1, 'a', NULL, 'u'), (2, 'b', NULL, 'u');")
    conn.close()
    spec = spec_of(f"The loyalty app's database is at {path}. When someone leaves the program they must show up "
                   "as removed in the warehouse.")
    assert spec.tables[0].deleted_column == "left_at"  # the one time column the rows leave empty
    folder = tmp_path / "exports" / "order_exports"
    folder.mkdir(parents=True)
    (folder / "orders_1.json").write_text('[{"order_id": 1, "lines": [{"sku": "a"}]}]')
    spec = spec_of(f"An order export lands every 12 hours into {folder} (the folder comes from a setting, "
                   '`export_folder`):\n    upsert("orders", order)\n    upsert("order_lines", line)')
    assert spec.location_key == "export_folder" and [t.name for t in spec.tables] == ["orders", "order_lines"]


def test_a_store_code_and_a_date_in_file_names_become_the_columns_the_request_names(tmp_path: Path) -> None:
    for store, day in (("LIS01", "20241014"), ("OPO02", "20241014"), ("LIS01", "20241015")):
        (tmp_path / f"SALES_{store}_{day}.txt").write_text("ticket|line|qty\n1|1|2\n1|2|1\n")
    spec = spec_of("the tills drop their sales files every night, named like SALES_LIS01_20241014.txt. one table? "
                   "`sales_lines` please. the store and the day are only in the file name: we'll want both as "
                   "columns: store_code and business_date. ok so a row is store + day + ticket + line. folder "
                   "setting: `till_dir`.", {"till_dir": str(tmp_path)})
    table = spec.tables[0]
    assert (table.name, table.files, table.name_columns) == ("sales_lines", "SALES*.txt", ["store_code", "business_date"])
    assert table.primary_key == ["store_code", "business_date", "ticket", "line"]


def test_everyday_details_a_fresh_blind_set_showed() -> None:
    spec = spec_of('GET https://s.example.com/api/orders/ gives\n```\n{"count": 9, "next": '
                   '"https://s.example.com/api/orders/?limit=100&offset=100", "results": [{"id": 1, "lines": '
                   '[{"line": 1}]}]}\n```\nTables: `orders`, and `order_lines`; `contributors` too. The API key goes in '
                   "the query string as `api_key`. Config names: `store_url`, `store_key`.")
    assert spec.tables[0].records == "results" and spec.tables[0].pagination.kind == "link"  # `//` in a URL is no comment
    assert spec.auth.token_key == "store_key"  # `api_key` names the query parameter, not a configuration key
    spec = spec_of("Token endpoint: POST https://f.example.com/oauth2/token with `grant_type=client_credentials&scope="
                   "vehicles.read`, client id and secret as HTTP Basic. GET /api/vehicles -> table `vehicles`.")
    assert spec.auth.scope == "vehicles.read"
    spec = spec_of("API: https://q.example.com\nEndpoint: GET /v1/forms/<form id>/submissions, table `submissions`.\n"
                   "Config: `qf_base`, `qf_pat`, and the form id in `qf_form`.")
    assert spec.tables[0].path == "/v1/forms/{qf_form}/submissions"
    spec = spec_of("https://p.example.com/api/incidents, token goes in an `X-Pagerline-Token` header. Every incident "
                   "has an `assignments` array, I want those in a separate `incident_assignments` table next to "
                   "`incidents`. Config keys `p_url` / `p_token`.")
    assert (spec.auth.kind, spec.auth.header_name, spec.auth.template) == ("header", "X-Pagerline-Token", "{p_token}")
    assert [(t.name, t.parent.array if t.parent else "") for t in spec.tables] == [
        ("incidents", ""), ("incident_assignments", "assignments")]


LAYOUT_REQUEST = """Nightly export into the folder in config key `drop_dir`.
Files: <KIND>-<YYYYMMDD>.out, KIND in {ACCT, TXN}. No header line; semicolon separated.
  ACCT  1 ACCOUNT_ID | 2 HOLDER | 3 FLAG
  TXN   1 TXN_ID | 2 ACCOUNT_ID | 3 AMOUNT | 4 FLAG
FLAG: N = new or changed, R = removed -> please delete it downstream.
Targets: ACCT -> accounts, TXN -> transactions. Wait for the .fin file before reading a batch.
"""


def test_files_without_a_header_take_the_numbered_layout_and_a_code_legend_deletes(tmp_path: Path) -> None:
    (tmp_path / "ACCT-20240101.out").write_text("A1;Ann;N\nA2;Bo;R\n")
    (tmp_path / "ACCT-20240101.fin").write_text("")
    (tmp_path / "TXN-20240101.out").write_text("7;A1;10.50;N\n8;A1;3.00;N\n")
    (tmp_path / "TXN-20240101.fin").write_text("")
    for config in ({"drop_dir": str(tmp_path)}, None):
        spec = spec_of(LAYOUT_REQUEST, config)
        tables = {t.name: t for t in spec.tables}
        assert set(tables) == {"accounts", "transactions"}
        assert tables["accounts"].columns == ["ACCOUNT_ID", "HOLDER", "FLAG"]
        assert tables["transactions"].columns == ["TXN_ID", "ACCOUNT_ID", "AMOUNT", "FLAG"]
        assert (tables["accounts"].deleted_column, tables["accounts"].deleted_value) == ("flag", "R")
        assert tables["accounts"].files == "ACCT*.out"
        assert tables["accounts"].ready == ".fin"


def test_checksum_files_the_request_never_mentions_are_no_markers(tmp_path: Path) -> None:
    (tmp_path / "events-1.jsonl.gz.md5").write_text("abc")
    (tmp_path / "events-1.jsonl.gz").write_bytes(b"")
    (tmp_path / "events-2.jsonl").write_text('{"id": 1}\n')
    spec = spec_of("events-*.jsonl(.gz) files in config key `dump`, table `events`", {"dump": str(tmp_path)})
    assert spec.tables[0].ready == ""


def test_a_header_written_out_in_the_request_names_a_headerless_files_columns(tmp_path: Path) -> None:
    (tmp_path / "stock_0101.psv").write_text("S-1|4|2024-01-01\nS-2|0|2024-01-01\n")
    text = ("Stock files stock_<MMDD>.psv (no header!) in config key `stock_dir`; the fields are "
            "sku|on_hand|counted_on. Table `stock`.")
    for config in ({"stock_dir": str(tmp_path)}, None):
        spec = spec_of(text, config)
        assert spec.tables[0].columns == ["sku", "on_hand", "counted_on"]


def test_a_shown_configuration_object_names_the_keys_and_pasted_signatures_do_not() -> None:
    from assistant.connector import request as rq

    text = ('# configuration.json: {"reports_dir": "/data/x"}\n'
            "def update(configuration, state):\n    pass\n")
    assert rq.config_keys(text) == ["reports_dir"]


def test_column_positions_make_a_fixed_width_table(tmp_path: Path) -> None:
    (tmp_path / "P_1.txt").write_text("A001Strauss   0250\nA002Ng        1200\n")
    text = "Fixed-width P_*.txt files (config `p_dir`): id pos 1-4, name 5-14, amount 15-18. Table `people`, key id."
    for config in ({"p_dir": str(tmp_path)}, None):
        table = spec_of(text, config).tables[0]
        assert (table.format, table.columns, table.positions) == ("fixed", ["id", "name", "amount"],
                                                                 [[1, 4], [5, 14], [15, 18]])
        assert table.files == "P*.txt" and (table.primary_key == ["id"] or table.find_key)


def test_database_tables_read_whole_delete_the_rows_that_are_gone_when_deletes_are_asked_for(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "gym.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, member TEXT)")
        connection.execute("CREATE TABLE plans (code TEXT PRIMARY KEY, updated_at TEXT)")
    text = "SQLite file in config `gym_db`, tables `visits` and `plans`. The app simply deletes a cancelled visit; mark it deleted."
    tables = {t.name: t for t in spec_of(text, {"gym_db": str(db)}).tables}
    assert tables["visits"].snapshot and tables["plans"].snapshot  # no cursor asked for: both are read whole
    plain = {t.name: t for t in spec_of(text.replace(" mark it deleted", " load as is").replace("deletes", "drops"),
                                        {"gym_db": str(db)}).tables}
    assert not plain["visits"].snapshot


def test_a_snake_case_name_nothing_else_takes_names_the_files_table(tmp_path: Path) -> None:
    (tmp_path / "timesheet_2024-08.txt").write_text("Entry ID\tHours\n1\t2\n")
    text = ("files in `ts_folder`, timesheet_2024-08.txt etc (txt)\n> table name?\ntimesheet_entries, Entry ID is "
            "unique; timesheet_id is not a column")
    for config in ({"ts_folder": str(tmp_path)}, None):
        assert [t.name for t in spec_of(text, config).tables] == ["timesheet_entries"]


def test_files_in_region_and_day_folders_key_by_region_and_nest_their_arrays(tmp_path: Path) -> None:
    day = tmp_path / "apac" / "2024" / "09" / "01"
    day.mkdir(parents=True)
    (day / "orders_001.json").write_text(json.dumps({"orders": [
        {"order_no": 1, "lines": [{"sku": "A", "allocations": [["MAD3", 3]]}]},
        {"order_no": 2, "lines": [{"sku": "B", "allocations": [["LIS1", 1]]}]}]}))
    text = ("Order drops per region and day, e.g. apac/2024/09/01/orders_001.json. Root folder: config key `drops`.\n"
            "- table `orders`, with the region and the drop date from the folder path\n"
            "- table `order_lines`, one row per element of `lines`\n"
            "- table `line_allocations`, one row per allocation of a line (`allocations`)\n")
    tables = {t.name: t for t in spec_of(text, {"drops": str(tmp_path)}).tables}
    assert tables["orders"].folder_columns == ["region", "drop_date"]
    assert tables["orders"].primary_key == ["region", "order_no"]
    allocations = tables["line_allocations"].parent
    assert allocations is not None and (allocations.table, allocations.array) == ("order_lines", "allocations")


def test_zips_of_csv_files_in_region_folders_and_a_daily_series_key(tmp_path: Path) -> None:
    import zipfile

    for region in ("north", "south"):
        (tmp_path / region).mkdir()
        for day, meters in (("01", ["M1", "M2"]), ("02", ["M1", "M2", "M2"])):
            with zipfile.ZipFile(tmp_path / region / f"readings_2024-09-{day}.zip", "w") as archive:
                for commodity in ("power", "water"):
                    rows = [f"{commodity[0]}{m},2024-09-{'01' if i == 2 else day}T23:59:00,{i}"
                            for i, m in enumerate(meters)]
                    archive.writestr(f"{commodity}.csv", "\ufeffmeter_id,read_at,value\n" + "\n".join(rows) + "\n")
                archive.writestr("__MACOSX/._power.csv", b"\x00\x05junk")
    text = ("Connector for the meter zips (one region folder each) in config key `zips`: table `readings`, region "
            "and medium (power/water) as columns.")
    table = spec_of(text, {"zips": str(tmp_path)}).tables[0]
    assert (table.files, table.member_column, table.folder_columns) == ("**/readings*.zip", "medium", ["region"])
    assert table.primary_key == ["region", "medium", "meter_id", "read_at"]


def test_a_stated_table_given_only_as_a_childs_path_stem_is_the_parent_list() -> None:
    spec = spec_of("HAL API at https://depot.example/api, header X-Token: <t>. Tables warehouses + bins "
                   "(GET /warehouses/{id}/bins for each warehouse).")
    tables = {t.name: t for t in spec.tables}
    assert tables["warehouses"].path.endswith("/warehouses") and tables["bins"].parent is not None
    assert tables["bins"].parent.table == "warehouses" and tables["bins"].parent.keys == {"id": "warehouse_id"}


def test_json_api_related_people_and_a_link_table_from_relationships() -> None:
    text = ("Tables `posts`, `writers` (only given as included resources; see below) and `post_tags` (one row per "
            "tag on a post). Bearer token in `tok`.\nGET https://cms.example/api/posts?include=writer,tags\n\n"
            'Response: {"data": [{"type": "posts", "id": "1", "attributes": {"title": "x"}, "relationships": '
            '{"writer": {"data": {"type": "people", "id": "7"}}, "tags": {"data": [{"type": "tags", "id": "3"}]}}}], '
            '"included": [{"type": "people", "id": "7", "attributes": {"name": "y"}}], "links": {"next": null}}')
    tables = {t.name: t for t in spec_of(text).tables}
    assert set(tables) == {"posts", "writers", "post_tags"}
    writers, tags = tables["writers"].parent, tables["post_tags"].parent
    assert writers is not None and (writers.included, writers.type) == ("included", "people")
    assert tags is not None and tags.array == "tags"


def test_values_written_in_parentheses_beside_configuration_keys_are_no_keys() -> None:
    from assistant.connector import request as rq

    text = "* config: adt_base (https://ads.example), adt_account (act_6119), adt_key (AKPFA3U5), report_start (2024-01-01)"
    assert rq.config_keys(text) == ["adt_base", "adt_account", "adt_key", "report_start"]


def test_a_post_that_starts_an_export_and_a_get_of_its_id_make_export_jobs() -> None:
    spec = spec_of("Tables `contacts` and `deals`, API at https://crm.example. Token header X-Crm-Token: <t>. You POST to "
                   '/api/exports with a JSON body like {"object": "contacts"} (or "deals"), optionally with '
                   '"updated_after": "<ISO time>"; it answers with an id, then GET /api/exports/<id> until done; '
                   "the finished export links gzipped JSON lines.")
    tables = {t.name: t for t in spec.tables}
    assert set(tables) == {"contacts", "deals"}
    assert tables["deals"].body == {"object": "deals"} and tables["deals"].method == "POST"
    assert tables["contacts"].job is not None and tables["contacts"].job.status_path == "/api/exports/{id}"


def test_an_aside_about_the_configuration_itself_names_no_key_and_a_later_backticked_field_no_table() -> None:
    from assistant.connector import request as rq

    assert "onwards" not in rq.config_keys("calls from the `start_date` in the config (2025-01-01) onwards, no older")
    spec = spec_of("AC2: table `order_lines`, one row per element of an order's `lines`. GET https://x.example/lines")
    assert [t.name for t in spec.tables] == ["order_lines"]


def test_an_arrow_from_a_file_stem_names_its_table_over_a_word_before_table() -> None:
    spec = spec_of("Files STOCK_<YYYYMMDD>.TXT in config key `drop`, pipe separated.\nTarget table: STOCK -> stock_levels.")
    assert [t.name for t in spec.tables] == ["stock_levels"]


def test_tables_listed_under_a_heading_and_keys_in_a_field_list(tmp_path: Path) -> None:
    folder = tmp_path / "staff"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"P{n}.json").write_text(json.dumps({"person_no": f"P{n}", "name": "x", "badges": [{"b": 1}]}))
    (folder / "_manifest.json").write_text(json.dumps({"files": 2}))
    text = ("Location: folder in config key people_dir\n\nFields\n  person_no    string   e.g. P1, unique\n"
            "  badges       array\n\nTarget tables\n  people          one row per person\n"
            "  people_badges   one row per badge\n")
    spec = spec_of(text, {"people_dir": str(folder)})
    assert [(t.name, t.primary_key) for t in spec.tables][:1] == [("people", ["person_no"])]
    assert spec.tables[0].files == "P*.json" and spec.tables[1].name == "people_badges"


def test_a_headerless_file_whose_first_record_spans_lines_takes_the_numbered_columns(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "scan_1.csv").write_text('A1,"note\nwith a break",3\nA2,,4\n')
    text = "files scan_N.csv in folder (config `feed_dir`), no header. Columns:\n 1. scan_id\n 2. note\n 3. pieces\n"
    spec = spec_of(text, {"feed_dir": str(folder)})
    assert spec.tables[0].columns == ["scan_id", "note", "pieces"]


def test_one_database_table_takes_the_one_destination_name_the_request_gives(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "till.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, amount REAL)")
    conn.commit()
    conn.close()
    spec = spec_of("Put the sales into one table, `ventas`. The SQLite file path is in config key `till_db`.",
                   {"till_db": str(db)})
    assert [(t.name, t.source_table) for t in spec.tables] == [("ventas", "sales")]


def test_a_pasted_postman_collection_is_read_as_its_requests_and_headers() -> None:
    collection = {"info": {"name": "Shop"}, "variable": [{"key": "root", "value": "https://shop.example.com/api"},
                                                         {"key": "apiToken", "value": "abc123"}],
                  "item": [{"name": "Orders", "item": [{"name": "List orders", "request": {
                      "method": "GET", "url": {"raw": "{{root}}/orders?page[offset]=0&page[limit]=20"},
                      "header": [{"key": "Authorization", "value": 'Bearer-ish key="{{apiToken}}"'}]}}]}]}
    spec = spec_of("Table orders; config keys shop_root and shop_api_token. Our Postman export:\n```json\n"
                   + json.dumps(collection, indent=2) + "\n```\nIt is JSON:API.")
    (orders,) = spec.tables
    assert (orders.path, orders.records) == ("/api/orders", "data")
    assert (orders.pagination.kind, orders.pagination.param, orders.pagination.size_param) == (
        "offset", "page[offset]", "page[limit]")
    assert spec.auth.template == 'Bearer-ish key="{shop_api_token}"'  # the variable's key, not the pasted value


def test_a_clause_taken_back_is_not_read() -> None:
    spec = spec_of("GET https://desk.example.com/api/tickets\nconfig: desk_url, desk_key\n"
                   "auth goes in a header `X-Token`... no, scratch that, it is a query param. `token=`? no, `key=`.")
    assert (spec.auth.kind, spec.auth.param_name, spec.auth.token_key) == ("query", "key", "desk_key")


def test_a_base64_pair_takes_each_of_two_similar_keys_once() -> None:
    spec = spec_of("POST https://os.example.com/logs-*/_search\nconfig keys os_url, os_key_id, os_key_secret\n"
                   "Send `Authorization: ApiKey <base64 of id:key>`.")
    assert spec.computed_headers["Authorization"].parts == ["config:os_key_id", "text::", "config:os_key_secret"]


def test_json_api_without_an_example_takes_records_from_data_and_related_tables_from_included() -> None:
    spec = spec_of("Tables talks and speakers. GET https://conf.example.org/api/talks?include=speakers\n"
                   "Header Accept: application/vnd.api+json. Speakers only come in `included`.")
    talks, speakers = spec.tables
    assert talks.records == "data"
    assert speakers.parent is not None and (speakers.parent.included, speakers.parent.type) == ("included", "speakers")


def test_the_key_of_the_item_written_in_back_ticks_is_its_id() -> None:
    spec = spec_of("GET https://inv.example.com/v2/items\nOne table, `items`, keyed on the item `id`.")
    assert spec.tables[0].primary_key == ["id"]


def test_an_endpoint_retired_in_one_clause_leaves_its_replacement_in_the_next() -> None:
    spec = spec_of("Table parcels. GET https://ship.example.com/v1/parcels is deprecated since last year, so we now use "
                   'POST https://ship.example.com/v1/parcels/query with {"limit": 50, "cursor": null}.')
    (parcels,) = spec.tables
    assert (parcels.method, parcels.path) == ("POST", "/v1/parcels/query")


def test_a_signature_defined_inside_a_sentence_fills_the_header_template() -> None:
    spec = spec_of("GET https://ads.example.net/v2/stats\nconfig keys ads_url, ads_key, ads_secret\n"
                   "Every call carries\n    X-Auth: K=<key>; T=<unix seconds>; S=<mac>\n"
                   'in which mac = hex(HMAC-SHA256(secret, path + "|" + timestamp)), as their docs say.')
    header = spec.computed_headers["X-Auth"]
    assert "signature" in header.parts and header.signature is not None
    assert spec.auth.kind == "none"


def test_graphql_types_written_as_note_lines_build_the_query() -> None:
    spec = spec_of("Table tickets. POST https://desk.example.io/gql (GraphQL).\n"
                   "- Query: tickets(first: Int, after: String): TicketPage!\n"
                   "- TicketPage: nodes: [Ticket!]!, pageInfo: PageInfo!\n"
                   "- PageInfo: hasNextPage: Boolean!, endCursor: String\n"
                   "- Ticket: id: ID!, subject: String, openedAt: DateTime!\n"
                   'Example: curl -d \'{"query": "{ me { name } }"}\' https://desk.example.io/gql')
    (tickets,) = spec.tables
    assert "tickets(first: $first, after: $after)" in tickets.graphql and "openedAt" in tickets.graphql
    assert (tickets.pagination.kind, tickets.pagination.param) == ("relay", "after")


def test_a_composite_key_given_as_the_pair_of_two_fields() -> None:
    spec = spec_of("GET https://metrics.example.com/api/daily\nOne table, `daily`; a row is identified by the "
                   "pair of day and site_id.")
    assert spec.tables[0].primary_key == ["day", "site_id"]


def test_a_paging_parameter_written_beside_an_endpoint_shares_the_apis_paging() -> None:
    spec = spec_of("Tables `songs` and `artists`, config key base_url.\nGET {base_url}/api/songs?page=1&size=50\n"
                   "Artists live at `{base_url}/api/artists` (I tried it with `size=5`).")
    songs, artists = spec.tables
    assert artists.pagination == songs.pagination and songs.pagination.kind == "page"


def test_table_names_are_never_file_names_or_plain_words_and_come_in_the_order_written() -> None:
    spec = spec_of("The export lands in a temp file, then gets loaded into exports.csv by a script.\n"
                   "GET https://crm.example.com/api/accounts and GET https://crm.example.com/api/contacts\n"
                   "- `accounts` table\n- `contacts` table")
    assert [t.name for t in spec.tables] == ["accounts", "contacts"]
    assert extract.stated_tables(rq.read("Rows go into /tmp/x.csv, then into the table whose name (ledger) we keep"
                                         )) == ["ledger"]


def test_a_name_given_to_the_configuration_key_renames_no_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "till.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE tills (till_id INTEGER PRIMARY KEY, place TEXT)")
    conn.execute("CREATE TABLE takings (till_id INTEGER, day TEXT, amount REAL, PRIMARY KEY (till_id, day))")
    conn.close()
    spec = spec_of(f"Please sync `tills` and `takings` from the SQLite file at {path}.\n"
                   "Oh, and the setting for the file must be named `till_file`.")
    assert sorted(t.name for t in spec.tables) == ["takings", "tills"] and spec.config_keys() == ["till_file"]


def test_a_grain_of_several_words_is_the_column_that_joins_them(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    rows = [{"parcel_code": f"P{i % 4}", "seen_at": f"2024-05-0{i // 4 + 1}", "hops": [{"hub": "A"}]} for i in range(8)]
    (folder / "parcels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    spec = spec_of(f"Folder {folder} (config `feed_dir`) gets parcels.jsonl: a line each time a parcel moves.\n"
                   "Tables `parcels` (its latest line) and `parcel_hops` (each hop it made). In parcels, one row "
                   "per parcel code.", {"feed_dir": str(folder)})
    parcels, hops = spec.tables
    assert parcels.primary_key == ["parcel_code"]
    assert hops.parent is not None and hops.parent.array == "hops"


def test_a_child_table_named_for_what_the_words_say_in_the_singular() -> None:
    spec = spec_of("The scanner writes parcels.jsonl into a folder (config `feed_dir`), one line per parcel with "
                   "every hop it made so far. Tables: `parcels` and `parcel_hops` (a row per hop).")
    assert [(t.name, t.parent.array if t.parent else "") for t in spec.tables] == [("parcels", ""),
                                                                                  ("parcel_hops", "hops")]


def test_a_one_segment_path_read_from_under_a_configured_root() -> None:
    spec = spec_of("The service root is {base_url}/v3 (config key `crm_root`). Pull the accounts from /accounts, "
                   "paging with offset and limit.")
    assert [(t.name, t.path) for t in spec.tables] == [("accounts", "/accounts")]


def test_a_header_reported_as_failing_is_not_the_auth_and_keys_can_be_called_after_config() -> None:
    spec = spec_of("GET {base_url}/api/v1/notes\nI sent the key as an `X-Auth-Key` header first and got a 401, so "
                   "that's wrong; it goes in the query string as `key`.\nIn the config, call the keys notes_host and "
                   "notes_key please.")
    assert (spec.auth.kind, spec.auth.param_name, spec.auth.token_key) == ("query", "key", "notes_key")
    needed = spec_of("GET {base_url}/api/v1/notes\nWithout the `X-Auth-Key` header every call is a 401.")
    assert (needed.auth.kind, needed.auth.header_name) == ("header", "X-Auth-Key")


def test_an_endpoint_paged_the_same_way_takes_the_apis_paging() -> None:
    spec = spec_of("Tables `bills` and `vendors`.\nGET {base_url}/bills?page=1&per_page=50\n\n"
                   "Vendors: GET {base_url}/vendors, paged the same way.")
    bills, vendors = spec.tables
    assert vendors.pagination == bills.pagination and bills.pagination.kind == "page"


def test_a_list_of_columns_after_into_is_no_table_and_semicolons_part_the_tables() -> None:
    text = ("tables please: `trips`, one row per trip_id, its `driver` object flattened into driver_id, "
            "driver_name columns; and `trip_stops`, a row per element of the `stops` array.")
    assert extract.stated_tables(rq.read(text)) == ["trips", "trip_stops"]


def test_a_scope_lists_out_item_declines_tables(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "lib.db"
    conn = sqlite3.connect(path)
    for name in ("books", "loans", "staff", "audit"):
        conn.execute(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, x TEXT)")
    conn.close()
    spec = spec_of(f"SQLite file {path}, config key `lib_db`.\nScope:\n- In: `books` and `loans`.\n"
                   "- Out: everything else (staff, the audit trail).")
    assert sorted(t.name for t in spec.tables) == ["books", "loans"]


def test_a_data_files_name_is_no_configuration_key() -> None:
    assert rq.config_keys("The dumps go to a folder whose path will be set in the configuration as `drop_dir`, one "
                          "file per day, with names such as sales_2024-06-03.tsv.") == ["drop_dir"]


def test_the_tables_rows_are_written_to_in_numbered_steps() -> None:
    text = "1. Write one row per order to the table `orders`.\n2. For each line, write a row to `order_lines`."
    assert extract.stated_tables(rq.read(text)) == ["orders", "order_lines"]


def test_a_name_that_extends_the_endpoints_own_is_a_child_not_the_endpoints_table() -> None:
    spec = spec_of("Sync `receipts` and put the items of each in a separate table `receipt_items`.\n"
                   "GET https://till.example.com/v1/receipts?limit=50\n"
                   'Sample: {"data": [{"id": "r1", "items": [{"sku": "a", "qty": 1}]}], "has_more": false}')
    assert [(t.name, t.parent.array if t.parent else "") for t in spec.tables] == [("receipts", ""),
                                                                                  ("receipt_items", "items")]


def test_parameters_given_as_a_definition_list() -> None:
    spec = spec_of("GET https://pay.example.com/v1/refunds\nParameters:\n  • limit — how many, from 1 to 40\n"
                   "  • starting_after — a cursor: the id of the last object of the previous page\n"
                   'It answers {"data": [{"id": "re_1"}], "has_more": true}.')
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.size_param, paging.size) == ("keyset", "starting_after", "limit", 40)


def test_the_subject_of_a_grain_is_a_table_and_a_childs_key_stays_with_the_child() -> None:
    text = ("GET https://stock.example.com/v1/stock_moves\nstock_moves should be one row per move, and "
            "stock_move_parts one row per part with move_id on it, keyed on move_id + part_no.")
    assert extract.stated_tables(rq.read(text)) == ["stock_moves", "stock_move_parts"]
    assert spec_of(text).tables[0].primary_key != ["move_id", "part_no"]


def test_an_array_named_in_quotes_makes_a_child_not_the_endpoints_name() -> None:
    spec = spec_of('GET https://api.example.org/v2/visits?page=1\nvisit_notes one row per note, from the "notes" '
                   "array of each visit.")
    assert [(t.name, t.parent.array if t.parent else "") for t in spec.tables] == [("visits", ""),
                                                                                  ("visit_notes", "notes")]


def test_a_qualified_form_of_the_endpoints_noun_is_the_users_name_for_its_table() -> None:
    # however the sentence is put, `ward_admissions` qualifies /admissions: it names that endpoint's table
    for said in ("Our warehouse already has an admissions table, so use ward_admissions for this one.",
                 "Destination: `ward_admissions`.", "and the rows end up in ward_admissions please"):
        spec = spec_of("Hospital feed at https://his.example.org/api, bearer token.\n"
                       f"GET /v2/admissions lists admissions, paged with ?page=N. {said}")
        assert [t.name for t in spec.tables] == ["ward_admissions"], said


def test_a_qualified_name_is_no_rename_when_it_has_another_role_in_the_request() -> None:
    # a field of the example response, a parameter and a config key all end with an endpoint's noun
    spec = spec_of('GET https://fleet.example.net/v1/trips?max_trips=50 returns {"trips": [{"id": 1}], '
                   '"total_trips": 9}. Settings: `fleet_trips` holds the account. Sync the trips.')
    assert [t.name for t in spec.tables] == ["trips"]


def test_two_endpoints_renamed_in_one_sentence_each_keep_their_qualified_name() -> None:
    spec = spec_of("Base https://beans.example.io/api with basic auth. I want GET /v1/batches and GET /v1/recipes, "
                   "and in the warehouse they should read as roastery_batches and roastery_recipes.")
    assert [t.name for t in spec.tables] == ["roastery_batches", "roastery_recipes"]


def test_a_child_array_keeps_its_name_when_the_parent_was_renamed() -> None:
    spec = spec_of('GET https://shop.example.com/seller/orders returns {"orders": [{"order_id": "A1", '
                   '"items": [{"sku": "x", "qty": 1}]}]}. Orders go to `store_orders`; split the items array '
                   "into a table `order_items`, each row with its order_id.")
    tables = {t.name: t for t in spec.tables}
    assert set(tables) == {"store_orders", "order_items"}
    assert tables["order_items"].parent is not None and tables["order_items"].parent.array == "items"


def test_a_word_that_ends_the_line_above_a_table_key_is_no_table() -> None:
    # `x table` is one phrase only on one line; in a YAML sketch the word before `table:` is another key's value
    reading = rq.read("streams:\n  - path: /rooms\n    table: room_inventory\n")
    assert "rooms" not in extract.stated_tables(reading)


def test_a_credential_check_or_health_path_beside_lists_is_no_table() -> None:
    spec = spec_of("API at https://kites.example.com/api, key in `X-Kite-Key`.\n"
                   "GET /auth/verify tells you whether the key works\nGET /health\nGET /kites\nGET /flights")
    assert [t.name for t in spec.tables] == ["kites", "flights"]


def test_a_lists_new_name_may_be_qualified_by_another_endpoints_noun() -> None:
    # /refunds is a list of its own, so `order_refunds` renames it; it is no array inside /orders
    spec = spec_of("Base https://till.example.com, bearer token. GET /orders and GET /refunds, both paged "
                   "with ?page=. Tables: orders, and the refunds as order_refunds.")
    assert sorted(t.name for t in spec.tables) == ["order_refunds", "orders"]
    assert all(t.parent is None for t in spec.tables)


def test_one_segment_paths_written_as_a_list_are_endpoints() -> None:
    for said in ("We want /moorings and /berths from it.", "Lists: GET /moorings, /berths."):
        reading = rq.read(f"Harbour API at https://harbour.example.net/api, bearer auth. {said}")
        assert [e.path for e in reading.endpoints] == ["/moorings", "/berths"], said
    lone = rq.read("Harbour API at https://harbour.example.net/api. There is also /admin, never mind it.")
    assert "/admin" not in [e.path for e in lone.endpoints]


def test_a_sheet_of_endpoints_names_each_table_in_its_table_column_and_skips_a_dash() -> None:
    spec = spec_of("Base https://tides.example.org, key in `?token=`.\n\n"
                   "| path | verb | destination | comment |\n|---|---|---|---|\n"
                   "| /v1/gauges | GET | tide_gauges | small |\n| /v1/levels | GET | water_levels | big |\n"
                   "| /v1/codes | GET | - | lookup only |\n")
    assert [t.name for t in spec.tables] == ["tide_gauges", "water_levels"]


def test_an_endpoint_the_request_turns_down_is_no_table() -> None:
    base = "Orchard API, https://orchard.example.com/api, bearer token. GET /trees, GET /harvests and GET /pickers.\n"
    for said in ("Pickers come from HR already, skip it.", "We already have pickers from payroll.",
                 "/pickers is out of scope for now.", "Leave out pickers.", "Pickers aren't needed."):
        assert [t.name for t in spec_of(base + said).tables] == ["trees", "harvests"], said


def test_a_decline_of_records_or_of_something_else_leaves_the_endpoints() -> None:
    base = "Orchard API, https://orchard.example.com/api, bearer token. GET /trees and GET /harvests.\n"
    for said in ("Some harvests fail validation, skip those.", "Harvests: skip the cancelled ones.",
                 "We don't need the photos field of trees."):
        assert [t.name for t in spec_of(base + said).tables] == ["trees", "harvests"], said


def test_only_a_list_of_endpoint_nouns_keeps_those_alone() -> None:
    base = ("Docs: GET /v2/boats  all boats\nGET /v2/trips  trips\nGET /v2/crew  crew members\n"
            "Base https://marina.example.com, basic auth.\n")
    assert [t.name for t in spec_of(base + "We only need boats and trips, one table each.").tables] == \
        ["boats", "trips"]
    # "only" that goes on past the nouns restricts nothing
    assert len(spec_of(base + "The API returns only trips changed since the cursor.").tables) == 3


def test_a_table_the_user_already_has_elsewhere_is_no_table_and_keeps_no_other_list_out() -> None:
    spec = spec_of("Ferry API https://ferry.example.com/v1, bearer token. GET /ports and GET /sailings.\n"
                   "Sailings go to `ferry_sailings`, since we already have a sailings table from the old vendor.")
    assert [t.name for t in spec.tables] == ["ports", "ferry_sailings"]


def test_a_url_and_a_key_on_one_line_with_other_things_between_them_are_not_one_setting() -> None:
    spec = spec_of("Base URL https://api.ferry.example.com/v1, auth is `Authorization: Bearer <t>` "
                   "(config key `ferry_token`).\nGET /ports")
    assert (spec.base_url_key, spec.auth.token_key) == ("base_url", "ferry_token")


def test_paging_said_in_a_paragraph_below_a_list_of_endpoints_is_said_of_every_one() -> None:
    spec = spec_of("Quill API:\n- GET https://api.quill.example/v1/notebooks -> {\"items\": [...], "
                   "\"next_cursor\": \"...\"}\n- GET https://api.quill.example/v1/notes -> {\"items\": [...], "
                   "\"next_cursor\": \"...\"}\n- GET https://api.quill.example/v1/labels\n\n"
                   "Pass `cursor=<next_cursor>` to get the next page; stop when next_cursor is null.")
    assert [(t.name, t.pagination.kind, t.pagination.param, t.pagination.next) for t in spec.tables] == [
        (name, "cursor", "cursor", "next_cursor") for name in ("notebooks", "notes", "labels")]


def test_a_link_header_said_before_the_endpoints_is_how_every_list_pages() -> None:
    spec = spec_of("LMS API at https://lms.example.com, key in the `Api-Key` header.\n\n### Pagination\n"
                   "Lists return a JSON array; the `Link` header holds the URL of the next page (`rel=\"next\"`).\n\n"
                   "### Courses\n`GET /api/v3/courses`\n\n### Enrollments\n`GET /api/v3/enrollments`\n")
    assert [t.pagination.kind for t in spec.tables] == ["link", "link"]


def test_offset_in_prose_is_no_paging_parameter_but_offset_written_as_one_is() -> None:
    docs = ("Base https://api.trip.example, header `X-Trip-Token: <token>`. Timestamps carry the property's UTC "
            "offset.\n\nPaging: `page` (1-based) and `per_page`; a short page is the last.\n\n"
            "GET /v1/properties\nGET /v1/bookings\n")
    assert [t.pagination.kind for t in spec_of(docs).tables] == ["page", "page"]
    for said in ("Paginate with offset + limit.", "GET /v1/items?offset=0&limit=50", "paginate:\n  style: offset"):
        spec = spec_of("Base https://api.octo.example, bearer token.\nGET /v1/items\n" + said)
        assert spec.tables[0].pagination.kind == "offset", said


def test_a_next_cursor_nested_under_next_is_sent_back_and_a_post_on_one_record_is_no_table() -> None:
    spec = spec_of("GET https://api.help.example/api/v3/tickets, bearer token (`api_key`; `base_url` is in the "
                   "config too). Pagination: `limit` (max 50) and `after` = `paging.next.after` from the previous "
                   "response.\nPOST /api/v3/tickets/{id}/replies sends a reply.")
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.next) == ("cursor", "after", "paging.next.after")
    assert [t.name for t in spec.tables] == ["tickets"]
    assert "too" not in rq.config_keys("bearer token (`api_key`; `base_url` is in the config too).")


def test_a_name_made_of_the_paths_words_keeps_its_endpoint_and_a_siblings_example_gives_no_key() -> None:
    spec = spec_of("Metricly at https://m.example, key in the query as ?api_key=. Two tables:\n"
                   "- `campaigns` from GET /v1/campaigns\n"
                   "- `daily_stats` from GET /v1/stats/daily\n\nthis is what stats gives me:\n"
                   '{"rows": [{"date": "2024-01-01", "campaign_id": "41", "clicks": "3"}], "next_page_token": "x"}')
    assert [t.name for t in spec.tables] == ["campaigns", "daily_stats"]
    assert spec.tables[0].primary_key != ["campaign_id"] and spec.tables[0].find_key


def test_a_field_noted_unique_in_a_field_list_is_the_key() -> None:
    spec = spec_of("Header `X-Trip-Token: <token>`, base https://trip.example.\n### GET /v1/bookings\n"
                   "Booking: `booking_ref` (string, unique), `property_code`, `status`, `modified`\n")
    assert spec.tables[0].primary_key == ["booking_ref"]


def _database(tmp_path: Path, *tables: str) -> Path:
    import sqlite3

    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript("".join(f"CREATE TABLE {t} (id INTEGER PRIMARY KEY, name TEXT);" for t in tables))
    conn.close()
    return path


def test_database_tables_declined_by_a_part_of_their_names(tmp_path: Path) -> None:
    path = _database(tmp_path, "customers", "orders", "order_items", "audit_log", "api_request_log")
    spec = spec_of(f"SQLite db at {path}, path in config `sqlite_path`. Sync all the tables but skip the "
                   "audit/log ones.")
    assert [t.name for t in spec.tables] == ["customers", "orders", "order_items"]
    (tmp_path / "b").mkdir()
    path = _database(tmp_path / "b", "accounts", "accounts_old", "entries", "entries_bak_20240601")
    spec = spec_of(f"The ledger, sqlite file {path} (config `ledger_file`). Everything except the copies people "
                   "made by hand (the _bak_ / _old ones).")
    assert [t.name for t in spec.tables] == ["accounts", "entries"]
    (tmp_path / "c").mkdir()  # "the log tables", with one of them named as an example
    path = _database(tmp_path / "c", "customers", "orders", "email_log", "sync_log")
    spec = spec_of(f"Our webshop's SQLite file {path}, path in config `shop_db`. Please sync all of it except the log "
                   "tables (email_log and friends are just noise).")
    assert [t.name for t in spec.tables] == ["customers", "orders"]
    assert spec_of("Webshop SQLite, path in config `shop_db`. Sync all of it except the log tables.").skip_parts == \
        ["log"]


def test_database_tables_renamed_bare_after_as_a_stripped_prefix_and_a_table_that_must_not_go(
        tmp_path: Path) -> None:
    path = _database(tmp_path, "tbl_cust", "tbl_inv", "tbl_usr", "tbl_cfg")
    spec = spec_of(f"Old ERP in sqlite {path}, path in configuration as \"database\". Land tbl_cust as customers "
                   "and tbl_inv as invoices. Table tbl_usr has passwords inside, it must NOT go to the warehouse, "
                   "and tbl_cfg we don't need.")
    assert sorted((t.name, t.source_table) for t in spec.tables) == [("customers", "tbl_cust"),
                                                                     ("invoices", "tbl_inv")]
    (tmp_path / "c").mkdir()
    path = _database(tmp_path / "c", "django_session", "auth_user", "clinic_patient", "clinic_visit")
    spec = spec_of(f"Django on SQLite ({path}, config `clinic_db`): the app's own data, not Django's internal "
                   "tables, and named without the `clinic_` prefix.")
    assert sorted((t.name, t.source_table) for t in spec.tables) == [("patient", "clinic_patient"),
                                                                     ("visit", "clinic_visit")]


def test_a_folder_keeps_unnamed_kinds_with_the_named_kinds_suffix_and_drops_an_export_manifest(
        tmp_path: Path) -> None:
    hr = tmp_path / "hr"
    hr.mkdir()
    for name in ("employees.tsv", "job-titles.tsv", "time_entries_2024-05.tsv", "time_entries_2024-06.tsv"):
        (hr / name).write_text("code\tname\n1\ta\n")
    (hr / "export.log").write_text("2024-06-01 done\n")
    spec = spec_of(f"HR exports in the folder {hr} (config key `hr_export_dir`), tab-separated with a header. One "
                   "table per kind of file; time entries come per month (time_entries_2024-05.tsv, ...) into one.")
    assert sorted(t.name for t in spec.tables) == ["employees", "job_titles", "time_entries"]
    dump = tmp_path / "dump"
    dump.mkdir()
    for name in ("users", "teams"):
        (dump / f"{name}.json").write_text(json.dumps([{"id": 1, "name": "x"}]))
    (dump / "manifest.json").write_text(json.dumps({"exported_at": "2024-06-01", "counts": {"users": 1}}))
    spec = spec_of(f"Nightly JSON dump in {dump}, config value dump_dir: one JSON file per entity plus a manifest. "
                   "One table per entity.")
    assert sorted(t.name for t in spec.tables) == ["teams", "users"]


def test_files_a_decline_points_back_to_are_left_out(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for name in ("TILL01_20240603.csv", "TILL02_20240603.csv"):
        (drop / name).write_text("receipt_no,amount\n1,2.50\n")
    (drop / "stocktake_2024-W23.csv").write_text("sku,counted\nA1,4\n")
    spec = spec_of(f"Could you load the shop's back-office folder {drop} (config `drop_folder`)?\n\nBoth tills "
                   "write their export into that folder every night. That's the only thing we want loaded: all "
                   "sales from both tills in one table called `sales`.\n\nOther things land in the same folder too "
                   "(the Sunday stocktake, the odd note). Please leave those out.")
    assert [t.name for t in spec.tables] == ["sales"]


def test_a_database_not_read_yet_carries_declined_parts_renames_a_prefix_and_the_named_schema() -> None:
    spec = spec_of("SDK connector for our shop's SQLite db, path in config `sqlite_path`. Sync all the tables but "
                   "skip the audit/log ones.")
    assert (spec.catalog, spec.skip_parts, spec.words) == ("match", ["audit", "log"], [])
    assert spec.runtime_scope() == "none, so every table; not those with `audit` or `log` in their names"
    spec = spec_of("Old ERP in a sqlite file, path in configuration as \"database\". Land tbl_cust as customers, "
                   "tbl_art as products and tbl_inv as invoices.")
    assert spec.renames == {"tbl_cust": "customers", "tbl_art": "products", "tbl_inv": "invoices"}
    assert {"tbl_cust", "tbl_art", "tbl_inv"} <= set(spec.words)  # the tables it renames are ones it wants
    spec = spec_of("DuckDB file, path in config key `crm_db`. I want every table in the crm schema; main is "
                   "scratch, skip it.")
    assert spec.words == ["crm"]
    spec = spec_of("Django on SQLite, config `clinic_db`, tables named without the `clinic_` prefix.")
    assert spec.strip_prefix == "clinic_"


def test_files_that_differ_by_a_code_and_number_their_rows_alike_take_the_code_into_the_key(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for till in ("01", "02"):
        for day in ("20240603", "20240604"):
            (drop / f"TILL{till}_{day}.csv").write_text(f"receipt_no,amount\n{day[-1]}1,2.50\n{day[-1]}2,1.00\n")
    spec = spec_of("All sales from both tills in one table called `sales`; the folder is in config `drop_folder`.",
                   {"drop_folder": str(drop)})
    table = spec.tables[0]
    assert (table.primary_key, table.name_columns) == (["till", "receipt_no"], ["till", "file_part_2"])
    batches = tmp_path / "batches"  # a counter after a separator is no code: the same ids again are updates
    batches.mkdir()
    for day in ("20240901", "20240902"):
        for batch in ("001", "002"):
            (batches / f"STL_{day}_{batch}.csv").write_text("record_id,amount\n1,2.50\n2,1.00\n")
    spec = spec_of("Settlements, one table; the folder is in config `stl_folder`.", {"stl_folder": str(batches)})
    assert (spec.tables[0].primary_key, spec.tables[0].name_columns) == (["record_id"], [])


def test_a_yes_no_field_a_sentence_turns_down_skips_those_records() -> None:
    base = ("Kassa API at https://kassa.example/api/v1/receipts, token in the URL as ?token= (config `token`). "
            "Lines in a table `receipt_lines`, receipts in `receipts`.\n{said}\nThe answer looks like this:\n"
            '{{"result": {{"items": [{{"id": 1, "refunded": "false", "lines": [{{"id": 1, "qty": "2"}}]}}]}}}}')
    spec = spec_of(base.format(said="Important: refunded receipts we don't want at all, please skip them."))
    assert [(t.name, t.skip_flag) for t in spec.tables] == [("receipts", "refunded"), ("receipt_lines", "")]
    for said in ("We want refunded receipts too.", "Do not skip receipts that are not refunded."):
        assert spec_of(base.format(said=said)).tables[0].skip_flag == "", said


def test_a_placeholders_name_is_no_table_and_a_yaml_next_path_is_sent_back_by_its_leaf() -> None:
    spec = spec_of("* config: `base_url`, `token`\n* tables:\n  * `venues` from GET https://v.example/v1/venues\n"
                   "  * `rooms` from GET https://v.example/v1/venues/{venue_id}/rooms; add `venue_id` to each room")
    assert [t.name for t in spec.tables] == ["venues", "rooms"]
    spec = spec_of("```yaml\nauth: \"Authorization: Bearer <access_token>\"\ntables:\n  deals:\n    endpoint: GET "
                   "https://d.example/crm/v1/deals\npagination:\n  type: cursor\n  request: limit (max 100), after\n"
                   "  response: paging.next.after (no `paging` on the last page)\n```")
    paging = spec.tables[0].pagination
    assert (paging.kind, paging.param, paging.next, paging.size) == ("cursor", "after", "paging.next.after", 100)


def test_a_file_that_lists_the_other_files_is_no_table(tmp_path: Path) -> None:
    for day in ("20240902", "20240903"):
        (tmp_path / f"orders_{day}.csv").write_text("order_id,total\n1,2\n")
        (tmp_path / f"manifest_{day}.txt").write_text(f"orders_{day}.csv 1\n")
    spec = spec_of("POS landing folder, config `landing_dir`:\n$ ls\nmanifest_20240902.txt\norders_20240902.csv\n",
                   {"landing_dir": str(tmp_path)})
    assert [t.name for t in spec.tables] == ["orders"]


def test_database_tables_in_scope_beside_a_rename_and_a_table_declined_by_that_one(tmp_path: Path) -> None:
    path = _database(tmp_path, "agents", "tickets", "ticket_comments", "audit_log")
    spec = spec_of(f"Helpdesk SQLite {path} (config key `helpdesk_db`).\nIn scope:\n* agents\n* tickets\n"
                   "* ticket_comments - land it as `comments`\n\nOut of scope: audit_log (and anything else).")
    assert sorted(t.name for t in spec.tables) == ["agents", "comments", "tickets"]
    (tmp_path / "b").mkdir()
    path = _database(tmp_path / "b", "devices", "readings", "readings_staging")
    spec = spec_of(f"SQLite {path}, config `telemetry_db_path`. I need devices and readings, which I'd like to land "
                   "as `sensor_readings`. There's also a staging table in there, please ignore that one.")
    assert sorted(t.name for t in spec.tables) == ["devices", "sensor_readings"]
