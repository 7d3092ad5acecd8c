"""Each building block against a local mock of the source it is for (no SDK run needed): OAuth2 that
expires, XML with namespaces, GraphQL with Relay paging and errors in a 200, POST bodies, bodies cut
off, rate-limit quotas, time windows, soft deletes, child tables, folders of files and databases."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from mockapi import Call, MockApi, Reply, reply

from assistant.connector.blocks import local, rest


class Recorder:
    """Stands in for the SDK's Operations: keeps what a block wrote, in order."""

    def __init__(self) -> None:
        self.upserts: list[tuple[str, dict]] = []
        self.deletes: list[tuple[str, dict]] = []
        self.checkpoints: list[dict] = []

    def upsert(self, table: str, data: dict) -> None:
        self.upserts.append((table, data))

    def delete(self, table: str, keys: dict) -> None:
        self.deletes.append((table, keys))

    def checkpoint(self, state: dict) -> None:
        self.checkpoints.append(json.loads(json.dumps(state)))

    def rows(self, table: str) -> list[dict]:
        return [data for name, data in self.upserts if name == table]


@pytest.fixture
def ops(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    sleeps: list[float] = []
    for module in (rest, local):
        monkeypatch.setattr(module, "op", recorder)
        monkeypatch.setattr(module.log, "info", lambda message: None)
        monkeypatch.setattr(module.log, "warning", lambda message: None)
    monkeypatch.setattr(rest.time, "sleep", sleeps.append)
    recorder.sleeps = sleeps  # type: ignore[attr-defined]
    return recorder


def engine(monkeypatch: pytest.MonkeyPatch, url: str, tables: dict, auth: dict | None = None, **retry: Any) -> None:
    monkeypatch.setattr(rest, "AUTH", auth or {"kind": "none"})
    monkeypatch.setattr(rest, "TABLES", tables)
    monkeypatch.setattr(rest, "RETRY", {**rest.RETRY, "attempts": 4, **retry})
    monkeypatch.setattr(rest, "BASE_URL", url)


def sync(configuration: dict | None = None, state: dict | None = None) -> dict:
    state = state if state is not None else {}
    rest.sync_all(rest.build_session(configuration or {}), configuration or {}, state)
    return state


# --- OAuth2 ---------------------------------------------------------------------------------------------


def oauth_routes(issued: list[str]) -> dict[str, Any]:
    uses: dict[str, int] = {}

    def token(call: Call) -> Reply:
        client = call.form or call.body or {}
        if call.headers.get("Authorization") == "Basic Y2lkOnNoaA==":  # cid:shh
            client = {**call.form, "client_id": "cid", "client_secret": "shh"}
        if (client.get("client_id"), client.get("client_secret"), client.get("grant_type")) != (
                "cid", "shh", "client_credentials"):
            return reply({"error": "invalid_client"}, 401)
        issued.append(f"tok{len(issued)}")
        return reply({"access_token": issued[-1], "expires_in": 3600})

    def items(call: Call) -> Reply:
        header = call.headers.get("Authorization", "")
        uses[header] = uses.get(header, 0) + 1
        if header != f"Bearer {issued[-1]}" or uses[header] > 2:  # a token serves two requests, then expires
            return reply({"error": "token expired"}, 401)
        page = int(call.query.get("page", 1))
        return reply({"items": [{"id": page * 10 + i} for i in range(3)] if page <= 4 else []})

    return {"/oauth/token": token, "/items": items}


@pytest.mark.parametrize("style", ["form", "json", "basic"])
def test_oauth2_client_credentials_are_refreshed_on_401(style: str, ops: Recorder,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    issued: list[str] = []
    with MockApi(oauth_routes(issued)) as api:
        engine(monkeypatch, api.url, {"items": {"path": "/items", "records": "items", "primary_key": ["id"],
                                                "pagination": {"kind": "page", "param": "page"}}},
               {"kind": "oauth2", "token_url": "/oauth/token", "client_id_key": "app_id",
                "client_secret_key": "app_secret", "style": style, "token_field": "access_token"})
        sync({"app_id": "cid", "app_secret": "shh"})
    assert sorted(r["id"] for r in ops.rows("items")) == sorted(p * 10 + i for p in range(1, 5) for i in range(3))
    assert len(issued) >= 3  # the first token and a new one each time the server said it expired


def test_an_oauth2_token_is_renewed_before_it_expires(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    issued: list[str] = []

    def token(call: Call) -> Reply:
        issued.append(f"t{len(issued)}")
        return reply({"token": issued[-1], "expires_in": 1})

    def items(call: Call) -> Reply:
        return reply([{"id": 1}])

    clock = [1000.0]
    monkeypatch.setattr(rest.time, "time", lambda: clock[0])
    with MockApi({"/token": token, "/items": items}) as api:
        engine(monkeypatch, api.url, {}, {"kind": "oauth2", "token_url": "", "token_url_key": "token_url",
                                          "client_id_key": "client_id", "client_secret_key": "client_secret",
                                          "style": "form", "token_field": "token"})
        session = rest.build_session({"token_url": api.url + "/token", "client_id": "a", "client_secret": "b"})
        rest.call(session, "GET", api.url + "/items")
        clock[0] += 5  # past the expiry
        rest.call(session, "GET", api.url + "/items")
    assert issued == ["t0", "t1"] and [c.headers["Authorization"] for c in api.to("/items")] == [
        "Bearer t0", "Bearer t1"]


def test_refused_client_credentials_are_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with MockApi(oauth_routes([])) as api:
        engine(monkeypatch, api.url, {}, {"kind": "oauth2", "token_url": "/oauth/token", "client_id_key": "i",
                                          "client_secret_key": "s", "style": "form"})
        with pytest.raises(RuntimeError, match=r"OAuth2 token request was refused \(HTTP 401\)"):
            rest.build_session({"i": "wrong", "s": "wrong"})


# --- XML --------------------------------------------------------------------------------------------------

FEED = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:p="urn:products">
  {link}
  {entries}
</feed>"""
ENTRY = '<entry><id>{n}</id><p:sku code="S{n}">sku-{n}</p:sku><p:price currency="EUR">{n}.5</p:price></entry>'


def test_xml_with_namespaces_and_a_next_link(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def products(call: Call) -> Reply:
        page = int(call.query.get("page", 1))
        link = f'<link rel="next" href="/products?page={page + 1}"/>' if page < 3 else ""
        entries = "".join(ENTRY.format(n=page * 10 + i) for i in range(2))
        return reply(FEED.format(link=link, entries=entries))

    with MockApi({"/products": products}) as api:
        engine(monkeypatch, api.url, {"products": {"path": "/products", "records": "", "xml_record": "entry",
                                                   "primary_key": ["id"], "pagination": {"kind": "link"}}})
        sync()
    rows = ops.rows("products")
    assert [r["id"] for r in rows] == ["10", "11", "20", "21", "30", "31"]
    assert rows[0] == {"id": "10", "sku": "sku-10", "sku_code": "S10", "price": "10.5", "price_currency": "EUR"}


# --- GraphQL ----------------------------------------------------------------------------------------------

QUERY = "query($first: Int, $after: String) { orders(first: $first, after: $after) { edges { node { id total } } " \
        "pageInfo { hasNextPage endCursor } } }"


def test_graphql_relay_paging_with_a_temporary_error_in_a_200(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    failed: list[int] = []

    def graphql(call: Call) -> Reply:
        assert call.method == "POST" and call.body["query"] == QUERY
        after = int(call.body["variables"].get("after") or 0)
        if after == 2 and not failed:
            failed.append(1)
            return reply({"errors": [{"message": "slow down", "extensions": {"code": "THROTTLED"}}]})
        first = call.body["variables"]["first"]
        nodes = [{"node": {"id": n, "total": n * 2}} for n in range(after + 1, min(after + first, 5) + 1)]
        return reply({"data": {"orders": {"edges": nodes, "pageInfo": {
            "hasNextPage": after + first < 5, "endCursor": str(after + first)}}}})

    with MockApi({"/graphql": graphql}) as api:
        engine(monkeypatch, api.url, {"orders": {
            "path": "/graphql", "method": "POST", "graphql": QUERY, "variables": {}, "records": "data.orders.edges",
            "primary_key": ["id"], "pagination": {"kind": "relay", "param": "after", "where": "variables",
                                                  "size_param": "first", "size": 2,
                                                  "page_info": "data.orders.pageInfo"}}}, graphql_retry=["THROTTLED"])
        sync()
    assert [r["id"] for r in ops.rows("orders")] == [1, 2, 3, 4, 5] and failed == [1]
    assert ops.sleeps == [1.0]  # type: ignore[attr-defined]


def test_a_graphql_error_that_is_not_temporary_stops_the_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    def graphql(call: Call) -> Reply:
        return reply({"errors": [{"message": "Field 'x' doesn't exist"}]})

    with MockApi({"/graphql": graphql}) as api:
        engine(monkeypatch, api.url, {})
        with pytest.raises(RuntimeError, match="The API reported errors: .*Field 'x' doesn't exist"):
            rest.call(rest.build_session({}), "POST", api.url + "/graphql", body={"query": "{ x }"})


# --- POST bodies, retries and quotas ---------------------------------------------------------------------


def test_a_post_search_pages_with_a_cursor_in_the_body(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def search(call: Call) -> Reply:
        assert call.body["filter"] == {"status": "open"}
        start = int(call.body.get("cursor") or 0)
        rows = [{"ticket_id": n} for n in range(start, min(start + call.body["limit"], 7))]
        return reply({"results": rows, "next_cursor": str(start + len(rows)) if start + len(rows) < 7 else None})

    with MockApi({"/tickets/search": search}) as api:
        engine(monkeypatch, api.url, {"tickets": {
            "path": "/tickets/search", "method": "POST", "body": {"filter": {"status": "open"}}, "records": "results",
            "primary_key": ["ticket_id"], "pagination": {"kind": "cursor", "param": "cursor", "where": "body",
                                                         "next": "next_cursor", "size_param": "limit", "size": 3}}})
        sync()
    assert [r["ticket_id"] for r in ops.rows("tickets")] == list(range(7))
    assert [c.body.get("cursor") for c in api.calls] == [None, "3", "6"]


def test_5xx_truncated_bodies_and_spent_quotas_are_waited_out(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([reply({"error": "down"}, 503), reply('{"data": [{"id": 1}, {"id"'),
                    reply({"data": [{"id": 1}]}, X_RateLimit_Remaining="0", X_RateLimit_Reset="7"),
                    reply({"data": [{"id": 2}]}, Retry_After="3", status=429), reply({"data": [{"id": 2}]})])

    def rows(call: Call) -> Reply:
        return next(answers)

    with MockApi({"/rows": rows}) as api:
        engine(monkeypatch, api.url, {}, rate_limit={"remaining": "X-RateLimit-Remaining",
                                                     "reset": "X-RateLimit-Reset"})
        session = rest.build_session({})
        first, _ = rest.call(session, "GET", api.url + "/rows")
        second, _ = rest.call(session, "GET", api.url + "/rows")
    assert first == {"data": [{"id": 1}]} and second == {"data": [{"id": 2}]}
    sleeps = ops.sleeps  # type: ignore[attr-defined]
    assert sleeps[:2] == [1.0, 2.0]  # backoff after the 503 and after the body that was cut off
    assert 7.0 <= sleeps[2] <= 7.5 and sleeps[3] == 3.0  # the quota's reset, then Retry-After


def test_a_body_that_keeps_failing_gives_up_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rest.time, "sleep", lambda s: None)
    monkeypatch.setattr(rest.log, "warning", lambda message: None)
    with MockApi({"/x": lambda call: reply("{not json")}) as api:
        engine(monkeypatch, api.url, {})
        with pytest.raises(RuntimeError, match="a body that is cut off or not JSON, still after 4 attempts"):
            rest.call(rest.build_session({}), "GET", api.url + "/x")
        assert len(api.calls) == 4


# --- windows, deletes, children ---------------------------------------------------------------------------


def test_one_day_windows_up_to_what_the_source_says_is_complete(ops: Recorder,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def metrics(call: Call) -> Reply:
        day = call.query["from"]
        assert call.query["to"] > day
        return reply({"rows": [{"date": day, "metric": m, "value": 1} for m in ("clicks", "views")]})

    with MockApi({"/metrics": metrics, "/status": lambda call: reply({"complete_through": "2024-03-04"})}) as api:
        spec = {"path": "/metrics", "records": "rows", "primary_key": ["date", "metric"],
                "window": {"from_param": "from", "to_param": "to", "days": 1, "start_key": "start_date",
                           "to_exclusive": True, "end": {"path": "/status", "field": "complete_through"}}}
        engine(monkeypatch, api.url, {"daily": spec})
        state = sync({"start_date": "2024-03-01"})
        assert [c.query["from"] for c in api.to("/metrics")] == ["2024-03-01", "2024-03-02", "2024-03-03",
                                                                "2024-03-04"]
        assert state["daily"]["next"] == "2024-03-05"
        assert [c["daily"]["next"] for c in ops.checkpoints[:4]] == ["2024-03-02", "2024-03-03", "2024-03-04",
                                                                     "2024-03-05"]  # one per window
        sync({"start_date": "2024-03-01"}, state)  # nothing new is complete: no window is read again
        assert len(api.to("/metrics")) == 4
    assert len(ops.rows("daily")) == 8


def test_flagged_records_and_a_deletes_endpoint_become_deletes(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def users(call: Call) -> Reply:
        return reply({"users": [{"id": 1, "is_deleted": False}, {"id": 2, "is_deleted": True}, {"id": 3}]})

    def deleted(call: Call) -> Reply:
        return reply({"deleted": [{"id": 7}, {"id": 8}]})

    with MockApi({"/users": users, "/users/deleted": deleted}) as api:
        engine(monkeypatch, api.url, {"users": {
            "path": "/users", "records": "users", "primary_key": ["id"], "pagination": {"kind": "none"},
            "deletes": {"flag": "is_deleted", "path": "/users/deleted", "ids": "deleted", "since_param": "since"}}})
        state = sync()
        first_started = state["users"]["deletes_since"]
        assert not api.to("/users/deleted")  # the first sync has nothing to delete yet: it notes when it started
        sync(state=state)
        assert [c.query["since"] for c in api.to("/users/deleted")] == [first_started]
    assert [r["id"] for r in ops.rows("users")][:2] == [1, 3]
    assert ops.deletes == [("users", {"id": 2}), ("users", {"id": 2}), ("users", {"id": 7}), ("users", {"id": 8})]


def test_child_tables_from_an_array_and_from_a_per_parent_endpoint(ops: Recorder,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def fleets(call: Call) -> Reply:
        return reply([{"id": "f1", "vehicles": [{"vin": "A"}, {"vin": "B"}]}, {"id": "f2", "vehicles": []}])

    def trips(call: Call) -> Reply:
        fleet = call.path.split("/")[2]
        return reply([{"trip_id": f"{fleet}-t{n}"} for n in range(2)])

    routes = {"/fleets": fleets, "/fleets/f1/trips": trips, "/fleets/f2/trips": trips}
    with MockApi(routes) as api:
        engine(monkeypatch, api.url, {
            "fleets": {"path": "/fleets", "records": "", "primary_key": ["id"], "pagination": {"kind": "none"}},
            "vehicles": {"path": "", "records": "", "primary_key": ["fleet_id", "vin"], "pagination": {"kind": "none"},
                         "parent": {"table": "fleets", "keys": {"id": "fleet_id"}, "array": "vehicles"}},
            "trips": {"path": "/fleets/{id}/trips", "records": "", "primary_key": ["trip_id"],
                      "pagination": {"kind": "none"}, "parent": {"table": "fleets", "keys": {"id": "fleet_id"},
                                                                 "array": ""}}})
        sync()
    assert ops.rows("vehicles") == [{"vin": "A", "fleet_id": "f1"}, {"vin": "B", "fleet_id": "f1"}]
    assert [(r["trip_id"], r["fleet_id"]) for r in ops.rows("trips")] == [
        ("f1-t0", "f1"), ("f1-t1", "f1"), ("f2-t0", "f2"), ("f2-t1", "f2")]
    assert "vehicles" in ops.rows("fleets")[0]  # the parent keeps its array as a JSON column


def test_keyset_paging_and_an_incremental_cursor_in_utc(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    events = [{"id": n, "updated": f"2024-05-0{1 + n % 3}T12:00:00+02:00"} for n in range(1, 8)]

    def rows(call: Call) -> Reply:
        after = int(call.query.get("after_id", 0))
        since = call.query.get("since", "")
        return reply([e for e in events if e["id"] > after and rest.to_utc(e["updated"]) >= since][:3])

    with MockApi({"/events": rows}) as api:
        engine(monkeypatch, api.url, {"events": {
            "path": "/events", "records": "", "primary_key": ["id"], "incremental": {"field": "updated",
                                                                                     "param": "since"},
            "pagination": {"kind": "keyset", "param": "after_id", "field": "id", "size_param": "limit", "size": 3}}})
        state = sync()
        assert state["events"]["cursor"] == "2024-05-03T10:00:00Z"
        sync(state=state)
        assert api.calls[-1].query["since"] == "2024-05-03T10:00:00Z"
    assert [r["id"] for r in ops.rows("events")][:7] == list(range(1, 8))


# --- files ------------------------------------------------------------------------------------------------


def local_tables(monkeypatch: pytest.MonkeyPatch, tables: dict, driver: str = "sqlite3") -> None:
    monkeypatch.setattr(local, "TABLES", tables)
    monkeypatch.setattr(local, "LOCATION_KEY", "folder" if any("files" in t for t in tables.values()) else
                        "database_path")
    monkeypatch.setattr(local, "DRIVER", driver)
    monkeypatch.setattr(local, "BATCH_SIZE", 2)


def test_a_folder_of_csv_jsonl_and_gzip_files_read_once_each(tmp_path: Path, ops: Recorder,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "orders_2024-01.csv").write_text("\ufeffOrder Nr;Betrag\n1;9,50\n2;3,00\n\n", "utf-8")
    (tmp_path / "events_1.jsonl").write_text('{"id": "a", "ctx": {"ip": "1.2.3.4"}}\n\n{"id": "b"}\n')
    with gzip.open(tmp_path / "events_2.jsonl.gz", "wt") as handle:
        handle.write('{"id": "c", "tags": ["x"]}\n')
    local_tables(monkeypatch, {"orders": {"files": "orders_*.csv", "format": "csv", "primary_key": ["order_nr"]},
                               "events": {"files": "events_*.jsonl", "format": "jsonl", "primary_key": ["id"]}})
    state: dict = {}
    local.sync_all({"folder": str(tmp_path)}, state)
    assert ops.rows("orders") == [{"order_nr": "1", "betrag": "9,50"}, {"order_nr": "2", "betrag": "3,00"}]
    assert ops.rows("events") == [{"id": "a", "ctx_ip": "1.2.3.4"}, {"id": "b"}, {"id": "c", "tags": '["x"]'}]
    assert len(ops.checkpoints) == 3  # one per file
    (tmp_path / "events_3.jsonl").write_text('{"id": "d"}\n')
    os.utime(tmp_path / "orders_2024-01.csv", (1, 1))  # a changed file is read again
    local.sync_all({"folder": str(tmp_path)}, state)
    assert [r["id"] for r in ops.rows("events")] == ["a", "b", "c", "d"] and len(ops.rows("orders")) == 4


# --- databases --------------------------------------------------------------------------------------------


def shop(path: Path, connect: Any) -> None:
    conn = connect(str(path))
    conn.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, updated_at TEXT, deleted_at TEXT, "
                 "amount DECIMAL(8,2))")
    conn.execute("INSERT INTO orders VALUES (1, '2024-01-01 10:00:00', NULL, 1.50), "
                 "(2, '2024-01-01 10:00:05', NULL, 2.25), (3, '2024-01-01 10:00:05', '2024-01-02', 3.00)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("driver", ["sqlite3", "duckdb"])
def test_a_database_in_batches_with_a_cursor_that_keeps_same_second_writes(
        driver: str, tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    path = tmp_path / f"shop.{driver}"
    connect = sqlite3.connect if driver == "sqlite3" else duckdb.connect
    shop(path, connect)
    local_tables(monkeypatch, {"orders": {"source_table": "orders", "cursor_column": "updated_at",
                                          "deleted_column": "deleted_at", "primary_key": ["order_id"]}}, driver)
    state: dict = {}
    local.sync_all({"database_path": str(path)}, state)
    assert [r["order_id"] for r in ops.rows("orders")] == [1, 2] and ops.deletes == [("orders", {"order_id": 3})]
    assert state["orders"]["cursor"] == "2024-01-01 10:00:05"
    conn = connect(str(path))
    conn.execute("INSERT INTO orders VALUES (4, '2024-01-01 10:00:05', NULL, 4.00)")  # same second as the cursor
    conn.commit()
    conn.close()
    local.sync_all({"database_path": str(path)}, state)
    assert 4 in [r["order_id"] for r in ops.rows("orders")]  # >= keeps it; upserts make the repeats harmless
    assert isinstance(ops.rows("orders")[0]["amount"], float)


def test_the_same_table_in_two_schemas_is_one_table_whose_rows_say_their_schema(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    path = tmp_path / "erp.duckdb"
    conn = duckdb.connect(str(path))
    for schema, names in (("north", ["ann", "bo"]), ("south", ["cy"])):
        conn.execute(f"CREATE SCHEMA {schema}; CREATE TABLE {schema}.clients (client_id INTEGER PRIMARY KEY, n VARCHAR)")
        conn.executemany(f"INSERT INTO {schema}.clients VALUES (?, ?)", list(enumerate(names, 1)))
    conn.close()
    local_tables(monkeypatch, {"clients": {"source_table": "north.clients", "schemas": ["north", "south"],
                                           "schema_column": "region", "primary_key": ["region", "client_id"]}},
                 "duckdb")
    local.sync_all({"database_path": str(path)}, {})
    assert [(r["region"], r["client_id"], r["n"]) for r in ops.rows("clients")] == [
        ("north", 1, "ann"), ("north", 2, "bo"), ("south", 1, "cy")]


def test_a_json_document_per_file_is_one_record_and_a_wrapper_is_its_list(tmp_path: Path) -> None:
    (tmp_path / "p1.json").write_text(json.dumps({"id": "p1", "name": "a", "team": "x", "since": "2020",
                                                  "skills": [{"code": "s1"}, {"code": "s2"}]}))
    (tmp_path / "w.json").write_text(json.dumps({"count": 2, "items": [{"id": 1}, {"id": 2}]}))
    assert [r["id"] for r in local.read_file(str(tmp_path / "p1.json"), {"format": "json"})] == ["p1"]
    assert [r["id"] for r in local.read_file(str(tmp_path / "w.json"), {"format": "json"})] == [1, 2]


def test_a_missing_database_file_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local_tables(monkeypatch, {"orders": {"source_table": "orders", "primary_key": ["id"]}})
    with pytest.raises(RuntimeError, match="Configured database file does not exist: .*nowhere.db"):
        local.sync_all({"database_path": str(tmp_path / "nowhere.db")}, {})


def test_a_database_read_at_run_time_syncs_the_tables_the_words_name(tmp_path: Path, ops: Recorder,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.executescript('CREATE TABLE customer (cust_no INTEGER PRIMARY KEY, name TEXT);'
                       'CREATE TABLE sales_order (id INTEGER, updated_at TEXT);'
                       'CREATE TABLE "odd ""name""" (x INTEGER);'
                       "CREATE TABLE logs (id INTEGER);"
                       "INSERT INTO customer VALUES (1, 'a'), (2, 'b'); INSERT INTO sales_order VALUES (7, '2024');")
    conn.close()
    local_tables(monkeypatch, {"each_table": {"primary_key": [], "cursor_column": "updated_at", "deleted_column": ""}})
    monkeypatch.setattr(local, "CATALOG", "match")
    monkeypatch.setattr(local, "WORDS", ["orders", "customers", "please"])
    tables = local.table_specs({"database_path": str(path)})
    assert tables == {
        "customer": {"source_table": "customer", "primary_key": ["cust_no"], "cursor_column": "", "deleted_column": "",
                     "snapshot": False},
        "sales_order": {"source_table": "sales_order", "primary_key": ["id"], "cursor_column": "updated_at",
                        "deleted_column": "", "snapshot": False}}
    local.sync_all({"database_path": str(path)}, {})
    assert len(ops.rows("customer")) == 2 and ops.rows("sales_order") == [{"id": 7, "updated_at": "2024"}]
    monkeypatch.setattr(local, "WORDS", [])  # no words: every table, whatever its name holds
    assert list(local.table_specs({"database_path": str(path)})) == ["customer", "sales_order", "odd_name", "logs"]
    local.sync_all({"database_path": str(path)}, {})
    assert ops.rows("odd_name") == []


def test_a_database_read_at_run_time_leaves_out_declined_parts_and_lands_tables_under_the_given_names(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE tbl_cust (id INTEGER PRIMARY KEY); CREATE TABLE OrderItems (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE audit_log (id INTEGER PRIMARY KEY); CREATE TABLE orders_bak (id INTEGER PRIMARY KEY);"
                       "INSERT INTO tbl_cust VALUES (1); INSERT INTO OrderItems VALUES (5);")
    conn.close()
    local_tables(monkeypatch, {"each_table": {"primary_key": [], "cursor_column": "", "deleted_column": ""}})
    monkeypatch.setattr(local, "CATALOG", "match")
    monkeypatch.setattr(local, "SKIP_PARTS", ["audit", "log", "bak"])
    monkeypatch.setattr(local, "RENAMES", {"tbl_cust": "customers", "tbl_gone": "ghosts"})
    assert [(name, t["source_table"]) for name, t in local.table_specs({"database_path": str(path)}).items()] == [
        ("customers", "tbl_cust"), ("order_items", "OrderItems")]
    local.sync_all({"database_path": str(path)}, {})
    assert ops.rows("customers") == [{"id": 1}] and ops.rows("order_items") == [{"id": 5}]
    monkeypatch.setattr(local, "SKIP_PARTS", [])
    monkeypatch.setattr(local, "RENAMES", {})
    monkeypatch.setattr(local, "STRIP_PREFIX", "tbl_")  # the tables with the prefix, without it
    assert list(local.table_specs({"database_path": str(path)})) == ["cust"]


def test_a_key_the_request_left_open_is_taken_from_the_first_page(ops: Recorder,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def customers(call: Call) -> Reply:
        return reply({"data": [{"customer_no": "c1", "name": "a"}, {"customer_no": "c2", "name": "a"}]})

    def stats(call: Call) -> Reply:
        return reply([{"campaign_id": c, "day": call.query["from"], "clicks": 1} for c in ("a", "b")])

    with MockApi({"/customers": customers, "/stats": stats, "/status": lambda c: reply({"done": "2024-01-02"})}) as api:
        engine(monkeypatch, api.url, {
            "customers": {"path": "/customers", "records": "data", "primary_key": ["id"], "find_key": True,
                          "pagination": {"kind": "none"}},
            "stats": {"path": "/stats", "records": "", "primary_key": ["id"], "find_key": True,
                      "pagination": {"kind": "none"},
                      "window": {"from_param": "from", "to_param": "to", "days": 1, "start_key": "start",
                                 "to_exclusive": True, "end": {"path": "/status", "field": "done"}}}})
        monkeypatch.setitem(rest.CONTEXT, "tables", None)
        tables = rest.table_specs({"start": "2024-01-01"})
        assert tables["customers"]["primary_key"] == ["customer_no"]
        assert tables["stats"]["primary_key"] == ["campaign_id", "day"]  # one window's ids repeat in the next
        assert rest.table_specs({"start": "2024-01-01"}) is tables  # asked once per run
        sync({"start": "2024-01-01"})
    assert len(ops.rows("stats")) == 4 and len(ops.rows("customers")) == 2
    assert rest.choose_key([{"id": 1}, {"id": 2}], ["id"], False) == ["id"]
    assert rest.choose_key([{"name": "a"}, {"name": "a"}], ["id"], False) == []  # nothing unique: hashed rows


@pytest.mark.parametrize("kind, pagination", [
    ("page", {"param": "pg"}), ("offset", {"param": "skip"}), ("cursor", {"param": "after", "next": "next"}),
    ("link", {"next": "next"})])
def test_a_pagination_that_does_not_advance_stops_with_the_reason(kind: str, pagination: dict, ops: Recorder,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def items(call: Call) -> Reply:  # ignores every paging parameter: the same page, forever
        return reply({"items": [{"id": 1}, {"id": 2}], "next": f"{call.path}?p=2" if kind == "link" else "t2"})

    with MockApi({"/items": items}) as api:
        engine(monkeypatch, api.url, {"items": {"path": "/items", "records": "items", "primary_key": ["id"],
                                                "pagination": {"kind": kind, **pagination}}})
        with pytest.raises(RuntimeError, match="Pagination is not advancing at .*/items: the same"):
            sync()
        assert len(api.calls) <= 3


def test_an_unstated_next_page_link_is_followed_and_a_wrong_records_path_falls_back(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def orders(call: Call) -> Reply:
        page = int(call.query.get("p", 1))
        rows = {"results": [{"id": page * 10 + i} for i in range(2)]}
        if page == 1:
            return reply(rows, Link=f'<{api.url}/orders?p=2>; rel="next"')
        if page == 2:
            return reply({**rows, "links": {"next": "/orders?p=3"}})
        return reply(rows)

    with MockApi({"/orders": orders}) as api:
        engine(monkeypatch, api.url, {"orders": {"path": "/orders", "records": "data", "primary_key": ["id"],
                                                 "pagination": {"kind": "none"}}})
        sync()
    assert [r["id"] for r in ops.rows("orders")] == [10, 11, 20, 21, 30, 31]


# --- shapes and logins the blind sets showed ---------------------------------------------------------------


def test_a_session_login_token_goes_in_the_named_header_and_is_renewed_on_401(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    issued: list[str] = []

    def login(call: Call) -> Reply:
        if call.body != {"user": "ann", "pass": "pw"}:
            return reply({"error": "bad login"}, 401)
        issued.append(f"s{len(issued)}")
        return reply({"session": {"token": issued[-1]}})

    def members(call: Call) -> Reply:
        if call.headers.get("X-Session-Token") != issued[-1] or (len(api.calls) == 3 and len(issued) == 1):
            return reply({"error": "expired"}, 401)  # the first session dies after one call
        after = int(call.query.get("after_id", 0))
        return reply({"members": [{"id": n} for n in (1, 2, 4, 7, 9) if n > after][:2]})

    with MockApi({"/auth/login": login, "/members": members}) as api:
        engine(monkeypatch, api.url, {"members": {
            "path": "/members", "records": "members", "primary_key": ["id"],
            "pagination": {"kind": "keyset", "param": "after_id", "field": "id", "size_param": "limit", "size": 2}}},
            auth={"kind": "session", "token_url": "/auth/login", "login": {"user": "username", "pass": "password"},
                  "style": "json", "token_field": "session.token", "header_name": "X-Session-Token",
                  "template": "{token}"})
        sync({"username": "ann", "password": "pw"})
    assert [r["id"] for r in ops.rows("members")] == [1, 2, 4, 7, 9]
    assert issued == ["s0", "s1"]


def test_a_cursor_in_a_response_header_and_basic_auth_with_an_empty_password(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def events(call: Call) -> Reply:
        if call.headers.get("Authorization") != "Basic a2V5Og==":  # "key:" in base64
            return reply({"error": "auth"}, 401)
        start = int(call.query.get("cursor", 0))
        more = {"X_Next_Cursor": str(start + 2)} if start < 4 else {}
        return reply([{"event_id": n} for n in range(start, start + 2)], **more)

    with MockApi({"/events": events}) as api:
        engine(monkeypatch, api.url, {"events": {
            "path": "/events", "records": "", "primary_key": ["event_id"],
            "pagination": {"kind": "cursor", "param": "cursor", "next_header": "X-Next-Cursor"}}},
            auth={"kind": "basic", "username_key": "analytics_key", "password_key": ""})
        sync({"analytics_key": "key"})
    assert [r["event_id"] for r in ops.rows("events")] == list(range(6))


def test_a_cursor_goes_past_an_empty_page_that_has_a_new_token_and_ends_on_a_repeated_one(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {"": ([1, 2], "a"), "a": ([], "b"), "b": ([3], "c"), "c": ([], "c")}  # filtered after paging

    def tickets(call: Call) -> Reply:
        ids, after = pages[call.query.get("after", "")]
        return reply({"results": [{"id": n} for n in ids], "paging": {"next": {"after": after}}})

    with MockApi({"/tickets": tickets}) as api:
        engine(monkeypatch, api.url, {"tickets": {
            "path": "/tickets", "records": "results", "primary_key": ["id"],
            "pagination": {"kind": "cursor", "param": "after", "next": "paging.next.after"}}})
        sync()
    assert [r["id"] for r in ops.rows("tickets")] == [1, 2, 3]
    assert len(api.to("/tickets")) == 4


def test_rows_written_as_arrays_and_records_keyed_by_their_id(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def report(call: Call) -> Reply:
        return reply({"columns": ["session_id", "pages"], "rows": [["s1", 3], ["s2", 5]], "total": 2})

    def people(call: Call) -> Reply:
        return reply({"data": {"p1": {"name": "Ann"}, "p2": {"name": "Bo"}}, "has_more": False})

    with MockApi({"/report": report, "/people": people}) as api:
        engine(monkeypatch, api.url, {
            "sessions": {"path": "/report", "records": "rows", "primary_key": ["session_id"],
                         "pagination": {"kind": "none"}},
            "people": {"path": "/people", "records": "data", "keyed_by": "person_id", "primary_key": ["person_id"],
                       "pagination": {"kind": "page", "param": "page", "has_more": "has_more"}}})
        sync()
    assert ops.rows("sessions") == [{"session_id": "s1", "pages": 3}, {"session_id": "s2", "pages": 5}]
    assert ops.rows("people") == [{"person_id": "p1", "name": "Ann"}, {"person_id": "p2", "name": "Bo"}]


def test_windows_run_from_the_first_day_the_source_reports_to_its_last_complete_day(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def bounds(call: Call) -> Reply:
        return reply({"earliest_date": "2024-01-01", "latest_complete_date": "2024-01-10"})

    def daily(call: Call) -> Reply:
        if call.query["end_date"] > "2024-01-10":
            return reply({"error": "not complete"}, 400)
        return reply({"records": [{"date": call.query["start_date"], "metric": "m", "value": 1}]})

    with MockApi({"/bounds": bounds, "/daily": daily}) as api:
        engine(monkeypatch, api.url, {"usage": {
            "path": "/daily", "records": "records", "primary_key": ["date", "metric"], "pagination": {"kind": "none"},
            "window": {"from_param": "start_date", "to_param": "end_date", "days": 7, "start_key": "",
                       "to_exclusive": False, "end": {"path": "/bounds", "field": "latest_complete_date",
                                                      "start_field": "earliest_date"}}}})
        state = sync()
    windows = [(c.query["start_date"], c.query["end_date"]) for c in api.to("/daily")]
    assert windows == [("2024-01-01", "2024-01-07"), ("2024-01-08", "2024-01-10")]
    assert state["usage"]["next"] == "2024-01-11"


def test_an_array_child_takes_the_key_its_parent_turned_out_to_have(ops: Recorder,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def items(call: Call) -> Reply:
        return reply({"items": [{"sku": "A", "locations": [{"warehouse": "W1", "qty": 1}, {"warehouse": "W2", "qty": 1}]},
                                {"sku": "B", "locations": [{"warehouse": "W1", "qty": 1}]}]})

    with MockApi({"/items": items}) as api:
        engine(monkeypatch, api.url, {
            "items": {"path": "/items", "records": "items", "primary_key": ["id"], "find_key": True,
                      "pagination": {"kind": "none"}},
            "item_locations": {"path": "", "records": "", "primary_key": ["id"], "find_key": True,
                               "pagination": {"kind": "none"},
                               "parent": {"table": "items", "keys": {"id": "item_id"}, "array": "locations"}}})
        monkeypatch.setattr(rest, "CONTEXT", {**rest.CONTEXT, "tables": None})
        sync()
        specs = rest.table_specs({})
    assert specs["items"]["primary_key"] == ["sku"]
    assert specs["item_locations"]["primary_key"] == ["item_sku", "warehouse"]
    assert [(r["item_sku"], r["warehouse"]) for r in ops.rows("item_locations")] == [("A", "W1"), ("A", "W2"),
                                                                                  ("B", "W1")]


def test_file_tables_keyed_from_their_data_with_children_and_snapshot_deletes(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    lines = [{"event_id": "e1", "items": [{"sku": "A"}, {"sku": "A"}]}, {"event_id": "e2", "items": []}]
    (folder / "app-events-1.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n\n")
    with gzip.open(folder / "app-events-2.ndjson.gz", "wt") as handle:
        handle.write(json.dumps({"event_id": "e3", "items": [{"sku": "B"}]}) + "\n")
    (folder / "customers.csv").write_text("customer_id,name\nC1,Ann\nC2,Bo\n")
    local_tables(monkeypatch, {
        "events": {"primary_key": [], "files": "app-events*.jsonl|app-events*.ndjson", "format": "jsonl",
                   "find_key": True},
        "event_items": {"primary_key": [], "find_key": True,
                        "parent": {"table": "events", "keys": {}, "array": "items"}},
        "customers": {"primary_key": ["customer_id"], "files": "customers.csv", "format": "csv", "snapshot": True}})
    monkeypatch.setattr(local, "FOUND", {})
    state: dict = {}
    local.sync_all({"somewhere": str(folder)}, state)  # the folder under another key than the spec's
    assert local.table_specs({})["events"]["primary_key"] == ["event_id"]
    assert [(r["event_id"], r["index"]) for r in ops.rows("event_items")] == [("e1", 0), ("e1", 1), ("e3", 0)]
    assert [r["event_id"] for r in ops.rows("events")] == ["e1", "e2", "e3"]
    (folder / "customers.csv").write_text("customer_id,name\nC2,Bo\n")
    os.utime(folder / "customers.csv", (1, 1))
    local.sync_all({"somewhere": str(folder)}, state)
    assert ops.deletes == [("customers", {"customer_id": "C1"})]


def test_a_database_table_without_a_key_is_keyed_by_rowid(tmp_path: Path, ops: Recorder,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "site.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE page_views (url TEXT, at TEXT)")
        connection.executemany("INSERT INTO page_views VALUES (?, ?)", [("/a", "t1"), ("/a", "t1"), ("/b", "t2")])
    local_tables(monkeypatch, {"page_views": {"primary_key": ["source_rowid"], "source_table": "page_views"}})
    local.sync_all({"database_path": str(path)}, {})
    assert [(r["source_rowid"], r["url"]) for r in ops.rows("page_views")] == [(1, "/a"), (2, "/a"), (3, "/b")]


def test_a_configuration_that_names_its_keys_differently_still_syncs(ops: Recorder,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def things(call: Call) -> Reply:
        ok = call.headers.get("Authorization") == "Bearer t0k"
        return reply([{"id": 1}]) if ok else reply({"error": "auth"}, 401)

    with MockApi({"/things": things}) as api:
        engine(monkeypatch, "", {"things": {"path": "/things", "records": "", "primary_key": ["id"],
                                            "pagination": {"kind": "none"}}},
               auth={"kind": "bearer", "token_key": "api_token"})
        monkeypatch.setattr(rest, "REQUIRED_CONFIG", ["base_url", "api_token"])
        configuration = {"host": api.url, "token": "t0k"}
        rest.validate_configuration(configuration)
        sync(configuration)
    assert ops.rows("things") == [{"id": 1}]
    with pytest.raises(ValueError, match="api_token"):  # two candidates: no guess
        rest.validate_configuration({"host": "http://x", "token": "a", "secret": "b"})


def test_pages_end_at_a_refused_page_or_the_header_total_and_a_status_value_deletes(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = [{"id": n, "status": "trash" if n % 4 == 0 else "publish"} for n in range(1, 10)]

    def listing(call: Call) -> Reply:
        if call.query.get("status") != "publish,trash":
            return reply({"error": "status needed"}, 400)
        page = int(call.query["page"])
        if page > 3:
            return reply({"code": "invalid_page_number"}, 400)
        return reply(posts[(page - 1) * 3: page * 3], X_WP_TotalPages="3" if call.path == "/wp" else "")

    with MockApi({"/wp": listing, "/plain": listing}) as api:
        for path in ("/wp", "/plain"):
            engine(monkeypatch, api.url, {path[1:]: {
                "path": path, "records": "", "primary_key": ["id"], "params": {"status": "publish,trash"},
                "deletes": {"flag": "status", "flag_value": "trash"}, "pagination": {"kind": "page", "param": "page"}}})
            sync()
    assert [len(api.to(p)) for p in ("/wp", "/plain")] == [3, 4]  # the header says 3; else page 4 is refused
    assert [r["id"] for r in ops.rows("wp")] == [1, 2, 3, 5, 6, 7, 9]
    assert [k["id"] for t, k in ops.deletes if t == "wp"] == [4, 8]


def test_files_in_windows_1252_or_utf_16_are_read(tmp_path: Path, ops: Recorder,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "vendas_1.csv").write_bytes("nº;cliente\n1;São Tomé\n".encode("cp1252"))
    (folder / "spend_1.txt").write_bytes("day\tcost\n2024-01-01\t3\n".encode("utf-16"))
    local_tables(monkeypatch, {"vendas": {"primary_key": [], "files": "vendas_*.csv", "format": "csv"},
                               "spend": {"primary_key": [], "files": "spend_*.txt", "format": "csv"}})
    local.sync_all({"folder": str(folder)}, {})
    assert ops.rows("vendas") == [{"no": "1", "cliente": "São Tomé"}]
    assert ops.rows("spend") == [{"day": "2024-01-01", "cost": "3"}]


def test_an_atom_entry_with_a_wrapped_list_feeds_a_child_table(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:p="urn:p"><entry><id>urn:x:1</id>'
            '<p:price currency="EUR">5</p:price><p:variants><p:variant sku="A" size="S"/><p:variant sku="B" size="M"/>'
            '</p:variants></entry><entry><id>urn:x:2</id><p:variants><p:variant sku="C" size="L"/></p:variants>'
            '</entry></feed>')
    with MockApi({"/feed": lambda call: reply(feed)}) as api:
        engine(monkeypatch, api.url, {
            "products": {"path": "/feed", "records": "", "xml_record": "entry", "primary_key": ["id"],
                         "pagination": {"kind": "none"}},
            "product_variants": {"path": "", "records": "", "primary_key": ["sku"], "pagination": {"kind": "none"},
                                 "parent": {"table": "products", "keys": {"id": "product_id"}, "array": "variants"}}})
        sync()
    assert ops.rows("products")[0]["price_currency"] == "EUR"
    assert [(r["product_id"], r["sku"], r["size"]) for r in ops.rows("product_variants")] == [
        ("urn:x:1", "A", "S"), ("urn:x:1", "B", "M"), ("urn:x:2", "C", "L")]


def test_a_rewritten_monthly_file_deletes_what_left_it_and_rows_are_keyed_by_their_leftmost_unique_pair(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "erp"
    folder.mkdir()
    lines = [f"{nota};{item};{nota * item}" for nota in range(1, 7) for item in (1, 2)]
    (folder / "vendas_2024-06.csv").write_text("Número NF;Item;Valor\n" + "\n".join(lines) + "\n")
    local_tables(monkeypatch, {"vendas": {"primary_key": [], "files": "vendas_*.csv", "format": "csv",
                                          "find_key": True, "snapshot": True}})
    monkeypatch.setattr(local, "FOUND", {})
    state: dict = {}
    local.sync_all({"folder": str(folder)}, state)
    assert local.table_specs({})["vendas"]["primary_key"] == ["numero_nf", "item"]
    (folder / "vendas_2024-06.csv").write_text("Número NF;Item;Valor\n" + "\n".join(lines[2:]) + "\n")
    os.utime(folder / "vendas_2024-06.csv", (5, 5))
    local.sync_all({"folder": str(folder)}, state)
    assert sorted((t, k["numero_nf"], k["item"]) for t, k in ops.deletes) == [("vendas", "1", "1"), ("vendas", "1", "2")]


def test_json_api_rows_beside_the_records_feed_a_child_table_and_fixed_headers_are_sent(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def orders(call: Call) -> Reply:
        if call.headers.get("Accept") != "application/vnd.api+json":
            return reply({"errors": [{"status": "406"}]}, 406)
        page = int(call.query.get("p", 1))
        body = {"data": [{"type": "orders", "id": str(page)}],
                "included": [{"type": "line_items", "id": f"{page}-1"}, {"type": "customers", "id": "c"}],
                "links": {"next": "/orders?p=2" if page == 1 else None}}
        return reply(body)

    with MockApi({"/orders": orders}) as api:
        engine(monkeypatch, api.url, {
            "orders": {"path": "/orders", "records": "data", "primary_key": ["id"],
                       "pagination": {"kind": "link", "next": "links.next"}},
            "line_items": {"path": "", "records": "", "primary_key": ["id"], "pagination": {"kind": "none"},
                           "parent": {"table": "orders", "keys": {}, "array": "", "included": "included",
                                      "type": "line_items"}}})
        monkeypatch.setattr(rest, "HEADERS", {"Accept": "application/vnd.api+json"})
        sync()
    assert [r["id"] for r in ops.rows("orders")] == ["1", "2"]
    assert [r["id"] for r in ops.rows("line_items")] == ["1-1", "2-1"]


# --- headers computed per request, a folder of databases ----------------------------------------------------


def test_signed_requests_carry_a_timestamp_and_an_hmac_of_the_path_and_query(ops: Recorder,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac

    def ledger(call: Call) -> Reply:
        stamp = call.headers.get("X-Ts", "")
        want = hmac.new(b"s3cret", (stamp + call.method + call.target).encode(), hashlib.sha256).hexdigest()
        if call.headers.get("X-Key") != "k1" or call.headers.get("X-Sign") != want or not stamp.isdigit():
            return reply({"error": "bad signature"}, 401)
        if len(api.calls) == 2:  # the second call is over quota: only a reset time, no Retry-After
            return reply({"error": "slow down"}, 429, X_RateLimit_Reset="3")
        page = int(call.query.get("page", 1))
        return reply({"entries": [{"id": page * 10 + n} for n in range(2)], "next_page": page + 1 if page < 3 else None})

    with MockApi({"/ledger": ledger}) as api:
        engine(monkeypatch, api.url, {"ledger": {"path": "/ledger", "records": "entries", "primary_key": ["id"],
                                                 "pagination": {"kind": "page", "param": "page", "next": "next_page"}}},
               auth={"kind": "header", "header_name": "X-Key", "template": "{api_key}"})
        monkeypatch.setattr(rest, "COMPUTED_HEADERS", {
            "X-Ts": {"parts": ["timestamp"], "encode": "plain"},
            "X-Sign": {"parts": ["header:X-Ts", "method", "path_query"], "encode": "hmac", "algorithm": "sha256",
                       "secret_key": "api_secret", "digest": "hex", "prefix": ""}})
        sync({"api_key": "k1", "api_secret": "s3cret"})
    assert [r["id"] for r in ops.rows("ledger")] == [10, 11, 20, 21, 30, 31]
    assert 3.0 <= ops.sleeps[0] <= 3.5  # type: ignore[attr-defined]  # the reset header, not a backoff guess


def test_a_signature_over_the_path_is_tried_with_the_query_string_when_the_source_refuses_it(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac

    def signed(call: Call) -> Reply:  # signs the target as sent, query included; the request said "path"
        body_hash = hashlib.sha256(b"").hexdigest()
        want = hmac.new(b"k", f"{call.method}\n{call.target}\n{body_hash}".encode(), hashlib.sha256).hexdigest()
        if call.headers.get("Sig") != want:
            return reply({"error": "signature_mismatch"}, 401)
        after = int(call.query.get("after", 0))
        return reply({"data": [{"id": after + 1}] if after < 3 else [], "has_more": after < 2})

    with MockApi({"/t": signed}) as api:
        engine(monkeypatch, api.url, {"t": {"path": "/t", "records": "data", "primary_key": ["id"], "pagination": {
            "kind": "keyset", "param": "after", "has_more": "has_more", "field": "id"}}})
        monkeypatch.setattr(rest, "COMPUTED_HEADERS", {"Sig": {
            "parts": ["method", "text:\n", "path", "text:\n", "body_sha256"], "encode": "hmac", "algorithm": "sha256",
            "secret_key": "secret", "digest": "hex", "prefix": ""}})
        sync({"secret": "k"})
        refused = sum(1 for c in api.calls if c.headers.get("Sig") and "?" not in c.target)
    assert [r["id"] for r in ops.rows("t")] == [1, 2, 3]
    assert refused <= 1  # one refusal taught the engine; it did not ask again the wrong way


def test_an_odata_set_follows_next_links_expands_its_lines_and_filters_the_next_sync_by_expression(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    orders = [{"Id": n, "Changed": f"2024-01-0{n}T00:00:00Z", "Items": [{"Sku": f"s{n}", "Qty": n}]} for n in (1, 2, 3)]

    def odata(call: Call) -> Reply:
        if call.query.get("$expand") != "Items":
            return reply([], 400)
        rows = orders
        if "$filter" in call.query:  # the literal is unquoted: `Changed gt 2024-01-03T00:00:00Z`
            field, op_, literal = call.query["$filter"].split(" ")
            assert (field, op_) == ("Changed", "gt") and not literal.startswith("'")
            rows = [o for o in orders if o["Changed"] > literal]
        skip = int(call.query.get("$skiptoken", 0))
        more = f"{api.url}/Orders?$expand=Items&$skiptoken={skip + 2}" if skip + 2 < len(rows) else None
        return reply({"@odata.context": "x", "value": rows[skip:skip + 2], **({"@odata.nextLink": more} if more else {})})

    tables = {"orders": {"path": "/Orders", "records": "value", "primary_key": ["Id"], "params": {"$expand": "Items"},
                         "pagination": {"kind": "link"}, "incremental": {
                             "field": "Changed", "param": "$filter", "template": "Changed gt {cursor}"}},
              "order_items": {"path": "", "primary_key": ["order_Id", "Sku"], "parent": {
                  "table": "orders", "keys": {"Id": "order_Id"}, "array": "Items"}}}
    with MockApi({"/Orders": odata}) as api:
        engine(monkeypatch, api.url, tables)
        state = sync()
        assert [r["Id"] for r in ops.rows("orders")] == [1, 2, 3]
        assert [(r["order_Id"], r["Sku"]) for r in ops.rows("order_items")] == [(1, "s1"), (2, "s2"), (3, "s3")]
        orders.append({"Id": 4, "Changed": "2024-01-05T00:00:00Z", "Items": []})
        sync(state=state)
    assert [r["Id"] for r in ops.rows("orders")] == [1, 2, 3, 4]


def test_a_browser_style_login_posts_the_forms_hidden_token_and_logs_in_again_when_bounced(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions: dict[str, int] = {}
    form = ('<form method="post"><input type="hidden" name="authenticity" value="{t}">'
            '<input name="email"><input type="password" name="pw"></form>')
    html = {"Content_Type": "text/html"}

    def login(call: Call) -> Reply:
        if call.method == "GET":
            token = f"t{len(sessions)}"
            return reply(form.replace("{t}", token), 200, Set_Cookie=f"pre={token}; Path=/", **html)
        cookie = call.headers.get("Cookie", "")
        if call.form.get("email") != "me" or call.form.get("pw") != "pw" or \
                f"pre={call.form.get('authenticity')}" not in cookie:
            return reply(form, 200, **html)  # the form again: refused
        sid = f"s{len(sessions)}"
        sessions[sid] = 0
        return reply("", 302, Location="/home", Set_Cookie=f"sid={sid}; Path=/")

    def items(call: Call) -> Reply:
        sid = next((c.split("=")[1] for c in call.headers.get("Cookie", "").split("; ") if c.startswith("sid=")), "")
        if sid not in sessions or sessions[sid] >= 2:  # a session serves two calls, then the login page
            return reply("", 302, Location="/login")
        sessions[sid] += 1
        page = int(call.query.get("page", 1))
        return reply({"items": [{"id": page}], "total_pages": 3})

    with MockApi({"/login": login, "/home": lambda c: reply("<p>hi</p>", 200, **html), "/items": items}) as api:
        engine(monkeypatch, api.url, {"items": {"path": "/items", "records": "items", "primary_key": ["id"],
                                                "pagination": {"kind": "page", "param": "page",
                                                               "total_pages": "total_pages"}}},
               auth={"kind": "session", "token_url": "/login", "style": "form",
                     "login": {"email": "user_name", "pw": "user_pass"}})
        sync({"user_name": "me", "user_pass": "pw"})
        with pytest.raises(RuntimeError, match="login at .* was refused"):
            sync({"user_name": "me", "user_pass": "wrong"})
    assert [r["id"] for r in ops.rows("items")] == [1, 2, 3]
    assert len(sessions) == 2  # logged in again once, when the first session ran out


def test_a_template_header_carries_a_signature_worked_out_first(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac

    def clicks(call: Call) -> Reply:
        found = dict(p.split("=", 1) for p in call.headers.get("X-Auth", "").split("; ") if "=" in p)
        message = f"{found.get('TS')}|{call.path}|"
        want = hmac.new(b"sec", message.encode(), hashlib.sha1).hexdigest()
        if found.get("ID") != "me" or found.get("MAC") != want:
            return reply({"error": "bad signature"}, 401)
        return reply([{"id": 1}])

    with MockApi({"/clicks": clicks}) as api:
        engine(monkeypatch, api.url, {"clicks": {"path": "/clicks", "records": "", "primary_key": ["id"]}})
        monkeypatch.setattr(rest, "COMPUTED_HEADERS", {"X-Auth": {
            "parts": ["text:ID=", "config:api_id", "text:; TS=", "timestamp", "text:; MAC=", "signature"],
            "signature": {"parts": ["timestamp", "text:|", "path", "text:|", "body"], "encode": "hmac",
                          "algorithm": "sha1", "secret_key": "api_secret"}}})
        sync({"api_id": "me", "api_secret": "sec"})
    assert ops.rows("clicks") == [{"id": 1}]


def test_report_windows_go_in_the_post_body_and_an_end_day_refused_is_read_as_included(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    today = date.today()

    def reports(call: Call) -> Reply:
        body = call.body or {}
        if body.get("date_to", "") >= today.isoformat():
            return reply({"code": "DATE_NOT_FINAL"}, 400)
        return reply([{"day": body["date_from"], "n": 1}])

    with MockApi({"/reports": reports}) as api:
        engine(monkeypatch, api.url, {"daily": {
            "path": "/reports", "method": "POST", "records": "", "primary_key": ["day"],
            "body": {"kind": "daily", "date_from": "YYYY-MM-DD", "date_to": "YYYY-MM-DD"},
            "window": {"from_param": "date_from", "to_param": "date_to", "days": 1, "start_key": "start",
                       "to_exclusive": True}}})
        sync({"start": (today - timedelta(days=3)).isoformat()})
    assert not any("date_from" in c.query for c in api.calls)  # the dates went in the body
    assert [r["day"] for r in ops.rows("daily")] == [(today - timedelta(days=n)).isoformat() for n in (3, 2, 1)]


def test_a_page_size_the_source_refuses_is_lowered_to_what_its_answer_allows(ops: Recorder,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def items(call: Call) -> Reply:
        size = int(call.query.get("per_page", 10))
        if size > 25:
            return reply({"error": f"per_page must be between 1 and 25, got {size}"}, 400)
        page = int(call.query.get("page", 1))
        return reply({"items": [{"id": (page - 1) * size + n} for n in range(size) if (page - 1) * size + n < 60]})

    with MockApi({"/items": items}) as api:
        engine(monkeypatch, api.url, {"items": {"path": "/items", "records": "items", "primary_key": ["id"],
                                                "pagination": {"kind": "page", "param": "page",
                                                               "size_param": "per_page", "size": 100}}})
        sync()
    assert len(ops.rows("items")) == 60
    assert {c.query.get("per_page") for c in api.calls} == {"100", "25"}


def test_a_soap_call_fills_its_envelope_pages_by_element_and_filters_the_next_sync_by_the_change_time(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import re as re_

    invoices = [{"InvoiceId": n, "ChangedOn": f"2024-02-0{n}T10:00:00Z", "lines": n} for n in (1, 2, 3)]
    bodies: list[str] = []

    def service(call: Call) -> Reply:
        text = call.raw
        bodies.append(text)
        if "<b:Login>me</b:Login>" not in text or call.headers.get("SOAPAction") != '"urn:x"':
            return reply("<Fault>auth</Fault>", 500)
        page = int(re_.search(r"<b:Page>(\d+)</b:Page>", text).group(1))  # type: ignore[union-attr]
        since = re_.search(r"<b:ChangedAfter>([^<]+)<", text)
        rows = [i for i in invoices if not since or i["ChangedOn"] >= since.group(1)][(page - 1) * 2:page * 2]
        xml = "".join(f"<Invoice><InvoiceId>{i['InvoiceId']}</InvoiceId><ChangedOn>{i['ChangedOn']}</ChangedOn>"
                      f"<Lines>{''.join(f'<Line><No>{n}</No></Line>' for n in range(i['lines']))}</Lines></Invoice>"
                      for i in rows)
        return reply(f'<Envelope xmlns="urn:x"><Body><Result>{xml}</Result></Body></Envelope>')

    envelope = ('<s:Envelope xmlns:s="urn:soap" xmlns:b="urn:b"><s:Header><b:Login>string</b:Login></s:Header>'
                '<s:Body><b:List><b:Page>1</b:Page><b:ChangedAfter>2000-01-01T00:00:00Z</b:ChangedAfter></b:List>'
                '</s:Body></s:Envelope>')
    tables = {"invoices": {"path": "/svc", "method": "POST", "xml_body": envelope, "xml_record": "Invoice",
                           "body": {"Login": "{user}", "ChangedAfter": None}, "primary_key": ["InvoiceId"],
                           "pagination": {"kind": "page", "param": "Page", "where": "body"},
                           "incremental": {"field": "", "param": "ChangedAfter", "where": "body"}},
              "invoice_lines": {"path": "", "primary_key": ["invoice_InvoiceId", "No"], "parent": {
                  "table": "invoices", "keys": {"InvoiceId": "invoice_InvoiceId"}, "array": "Lines"}}}
    with MockApi({"/svc": service}) as api:
        engine(monkeypatch, api.url, tables)
        monkeypatch.setattr(rest, "HEADERS", {"Content-Type": "text/xml", "SOAPAction": '"urn:x"'})
        state = sync({"user": "me"})
        assert "ChangedAfter" not in bodies[0]  # no cursor yet: the optional filter is left out
        assert [r["InvoiceId"] for r in ops.rows("invoices")] == ["1", "2", "3"]
        assert len(ops.rows("invoice_lines")) == 6  # an invoice with one line still has a list of one
        invoices.append({"InvoiceId": 4, "ChangedOn": "2024-02-05T10:00:00Z", "lines": 1})
        sync({"user": "me"}, state)
    assert "<b:ChangedAfter>2024-02-03T10:00:00Z</b:ChangedAfter>" in bodies[-1]
    assert [r["InvoiceId"] for r in ops.rows("invoices")][3:] == ["3", "4"]


def test_the_array_rows_of_a_record_flagged_deleted_are_deleted_with_it(ops: Recorder,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def orders(call: Call) -> Reply:
        return reply({"orders": [{"id": 1, "gone": False, "lines": [{"n": 1}]},
                                 {"id": 2, "gone": True, "lines": [{"n": 1}, {"n": 2}]}]})

    with MockApi({"/orders": orders}) as api:
        engine(monkeypatch, api.url, {
            "orders": {"path": "/orders", "records": "orders", "primary_key": ["id"], "deletes": {"flag": "gone"}},
            "order_lines": {"path": "", "primary_key": ["order_id", "n"], "parent": {
                "table": "orders", "keys": {"id": "order_id"}, "array": "lines"}}})
        sync()
    assert [r["order_id"] for r in ops.rows("order_lines")] == [1]
    assert ops.deletes == [("orders", {"id": 2}), ("order_lines", {"order_id": 2, "n": 1}),
                           ("order_lines", {"order_id": 2, "n": 2})]


def test_json_api_types_match_however_they_are_spelled() -> None:
    assert rest.same_kind("ticket-types", "ticket_types") and rest.same_kind("TicketType", "ticket_types")
    assert rest.same_kind("categories", "category") and not rest.same_kind("venues", "events")


def test_an_authorization_header_built_from_two_values_in_base64(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def logs(call: Call) -> Reply:
        if call.headers.get("Authorization") != "ApiKey aWQxOmtleTE=":  # "id1:key1"
            return reply({"error": "auth"}, 401)
        return reply([{"id": 1}])

    with MockApi({"/logs": logs}) as api:
        engine(monkeypatch, api.url, {"logs": {"path": "/logs", "records": "", "primary_key": ["id"]}})
        monkeypatch.setattr(rest, "COMPUTED_HEADERS", {"Authorization": {
            "parts": ["config:api_key_id", "text::", "config:api_key"], "encode": "base64", "prefix": "ApiKey "}})
        sync({"api_key_id": "id1", "api_key": "key1"})
    assert ops.rows("logs") == [{"id": 1}]


def test_a_folder_of_databases_goes_into_one_table_keyed_by_the_file(tmp_path: Path, ops: Recorder,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def till(name: str, amounts: list[int]) -> None:
        conn = sqlite3.connect(tmp_path / name)
        conn.executescript("CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, amount INTEGER);")
        conn.executemany("INSERT INTO sales (amount) VALUES (?)", [(a,) for a in amounts])
        conn.commit()
        conn.close()

    till("store_10.db", [5])
    till("store_9.db", [1, 2])
    (tmp_path / "README.txt").write_text("not a database")
    local_tables(monkeypatch, {"sales": {"source_table": "sales", "primary_key": ["store", "id"],
                                         "cursor_column": "id"}})
    monkeypatch.setattr(local, "DATABASES", "store_*.db")
    monkeypatch.setattr(local, "SOURCE_COLUMN", "store")
    state: dict = {}
    local.sync_all({"database_path": str(tmp_path)}, state)
    assert [(r["store"], r["id"]) for r in ops.rows("sales")] == [("9", 1), ("9", 2), ("10", 1)]
    till("store_9.db", [3])
    till("store_11.db", [7])  # a new file shows up on its own
    local.sync_all({"database_path": str(tmp_path)}, state)
    assert [(r["store"], r["id"]) for r in ops.rows("sales")][3:] == [("9", 2), ("9", 3), ("10", 1), ("11", 1)]
    assert state["sales"]["files"]["9"]["cursor"] == 3
    monkeypatch.setattr(local, "DATABASES", "shop_*.db")
    with pytest.raises(RuntimeError, match="No database files matching shop_"):
        local.sync_all({"database_path": str(tmp_path)}, {})


def test_one_stream_of_events_in_nested_folders_feeds_a_table_per_type(tmp_path: Path, ops: Recorder,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    hour = tmp_path / "2024" / "07" / "01"
    hour.mkdir(parents=True)
    events = [{"type": "order.created", "data": {"object": {"id": "o1", "total": 5}}},
              {"type": "ping", "data": {"object": {}}},
              {"type": "refund.created", "data": {"object": {"id": "r1"}}},
              {"type": "order.updated", "data": {"object": {"id": "o1", "total": 7}}}]
    with gzip.open(hour / "9.jsonl.gz", "wt") as handle:
        handle.write("\n".join(json.dumps(e) for e in events[:2]) + "\n")
    (hour / "10.jsonl").write_text("\n".join(json.dumps(e) for e in events[2:]) + "\n")
    local_tables(monkeypatch, {name: {"files": "**/*.jsonl", "format": "jsonl", "primary_key": ["id"],
                                      "records": "data.object", "route": {"type": f"{name[:-1]}.*"}}
                               for name in ("orders", "refunds")})
    state: dict = {}
    local.sync_all({"folder": str(tmp_path)}, state)
    assert ops.rows("orders") == [{"id": "o1", "total": 5}, {"id": "o1", "total": 7}]  # the later file wins
    assert ops.rows("refunds") == [{"id": "r1"}]
    assert sorted(state["orders"]["files"]) == ["2024/07/01/10.jsonl", "2024/07/01/9.jsonl.gz"]


def test_what_only_a_file_name_says_goes_into_each_row(tmp_path: Path, ops: Recorder,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("count_S01_0902.txt", "count_S02_0902.txt"):
        (tmp_path / name).write_text("sku|qty\nA|1\nB|2\n")
    local_tables(monkeypatch, {"counts": {"files": "count_*.txt", "format": "csv", "delimiter": "|",
                                          "name_column": "file_part", "primary_key": ["file_part", "sku"]}})
    local.sync_all({"folder": str(tmp_path)}, {})
    assert [(r["file_part"], r["sku"]) for r in ops.rows("counts")] == [
        ("S01_0902", "A"), ("S01_0902", "B"), ("S02_0902", "A"), ("S02_0902", "B")]


def test_a_search_index_pages_with_search_after_and_the_next_sync_starts_after_the_last_hit(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [{"ts": n // 2, "event": {"id": f"e{n}"}} for n in range(7)]  # timestamps repeat: the key breaks ties

    def search(call: Call) -> Reply:
        body = call.body or {}
        if body.get("sort") != [{"ts": "asc"}, {"event.id": "asc"}] or body.get("size", 10) > 3:
            return reply({"error": "bad request"}, 400)
        after = tuple(body.get("search_after") or (-1, ""))
        hits = [{"_id": d["event"]["id"], "_source": d, "sort": [d["ts"], d["event"]["id"]]}
                for d in docs if (d["ts"], d["event"]["id"]) > after][:body["size"]]
        return reply({"took": 1, "hits": {"total": {"value": len(docs)}, "hits": hits}})

    spec = {"path": "/logs/_search", "method": "POST", "records": "hits.hits", "primary_key": ["event_id"],
            "body": {"sort": [{"ts": "asc"}, {"event.id": "asc"}]},
            "pagination": {"kind": "keyset", "param": "search_after", "where": "body", "field": "sort",
                           "size_param": "size", "size": 3},
            "incremental": {"field": "sort", "param": "search_after", "where": "body"}}
    with MockApi({"/logs/_search": search}) as api:
        engine(monkeypatch, api.url, {"logs": spec})
        state = sync()
        assert [r["event_id"] for r in ops.rows("logs")] == [f"e{n}" for n in range(7)]
        assert ops.rows("logs")[0] == {"_id": "e0", "ts": 0, "event_id": "e0"}
        docs.append({"ts": 3, "event": {"id": "e7"}})
        sync(state=state)
    assert [r["event_id"] for r in ops.rows("logs")][7:] == ["e7"]  # only what came after the last hit


def test_a_database_read_at_run_time_keys_undeclared_tables_by_the_stated_grain(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "school.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE grades (student_id INTEGER, course_code TEXT, term TEXT, score REAL);"
                       "INSERT INTO grades VALUES (1, 'M1', 'T1', 3.0), (1, 'M1', 'T2', 4.0), (2, 'M1', 'T1', 5.0);"
                       "CREATE TABLE pupils (pupil_no INTEGER, name TEXT);"
                       "INSERT INTO pupils VALUES (7, 'a'), (8, 'b');")
    conn.close()
    local_tables(monkeypatch, {"each_table": {"primary_key": [], "cursor_column": "", "deleted_column": ""}})
    monkeypatch.setattr(local, "CATALOG", "match")
    monkeypatch.setattr(local, "WORDS", [])
    monkeypatch.setattr(local, "GRAINS", [["student"], ["student", "course", "term"]])
    tables = local.table_specs({"database_path": str(path)})
    assert tables["grades"]["primary_key"] == ["student_id", "course_code", "term"]  # `student` alone repeats
    assert tables["pupils"]["primary_key"] == ["pupil_no"]  # no grain fits: what the rows hold uniquely


def test_an_unstated_pagination_follows_the_next_token_or_page_count_the_response_signals(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def tokens(call: Call) -> Reply:
        start = int(call.query.get("cursor", 0))
        return reply({"items": [{"id": start}, {"id": start + 1}],
                      "meta": {"next_cursor": str(start + 2) if start < 4 else None}})

    def numbered(call: Call) -> Reply:
        page = int(call.query.get("page", 1))
        return reply({"data": [{"id": page}], "page": page, "total_pages": 3})

    def ignores(call: Call) -> Reply:  # signals a next page but never moves: read once, then stop
        return reply({"rows": [{"id": 1}], "next_page": 2})

    with MockApi({"/tokens": tokens, "/numbered": numbered, "/ignores": ignores}) as api:
        engine(monkeypatch, api.url, {name: {"path": f"/{name}", "records": records, "primary_key": ["id"]}
                                      for name, records in (("tokens", "items"), ("numbered", "data"),
                                                            ("ignores", "rows"))})
        sync()
    assert [r["id"] for r in ops.rows("tokens")] == list(range(6))
    assert [r["id"] for r in ops.rows("numbered")] == [1, 2, 3]
    assert [r["id"] for r in ops.rows("ignores")] == [1]


def test_a_deletion_log_table_turns_each_entry_into_one_delete(tmp_path: Path, ops: Recorder,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "tracker.db"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);"
                       "CREATE TABLE task_deletions (seq INTEGER PRIMARY KEY, task_id INTEGER);"
                       "INSERT INTO tasks VALUES (1, 'a'), (2, 'b'), (5, 'e');"
                       "INSERT INTO task_deletions (task_id) VALUES (3), (4);")
    conn.close()
    local_tables(monkeypatch, {"tasks": {"source_table": "tasks", "primary_key": ["id"], "deletion_log": {
        "table": "task_deletions", "key_column": "task_id", "order_column": "seq"}}})
    state: dict = {}
    local.sync_all({"database_path": str(db)}, state)
    assert ops.deletes == [("tasks", {"id": 3}), ("tasks", {"id": 4})] and state["tasks"]["deleted_upto"] == 2
    conn = sqlite3.connect(db)
    conn.executescript("DELETE FROM tasks WHERE id = 5; INSERT INTO task_deletions (task_id) VALUES (5);")
    conn.close()
    local.sync_all({"database_path": str(db)}, state)
    assert ops.deletes[2:] == [("tasks", {"id": 5})]  # only the entry after the last one seen


@pytest.mark.parametrize("past_the_end", ["empty", "repeat"])
def test_page_numbers_go_on_past_a_short_page_until_the_source_says_it_is_over(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch, past_the_end: str) -> None:
    pages = {1: list(range(0, 5)), 2: list(range(5, 8)), 3: list(range(8, 12))}  # page 2 is short mid-stream

    def rows(call: Call) -> Reply:
        page = int(call.query.get("page", 1))
        if page not in pages:
            return reply({"rows": [] if past_the_end == "empty" else [{"id": i} for i in pages[3]]})
        return reply({"rows": [{"id": i} for i in pages[page]]})

    with MockApi({"/items": rows}) as api:
        engine(monkeypatch, api.url, {"items": {"path": "/items", "records": "rows", "primary_key": ["id"],
                                                "pagination": {"kind": "page", "param": "page",
                                                               "size_param": "per_page", "size": 5}}})
        sync()
    assert [r["id"] for r in ops.rows("items")] == list(range(12))


def test_file_records_their_deleted_column_marks_become_deletes(tmp_path: Path, ops: Recorder,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-1.jsonl").write_text('{"id": 1, "v": "x"}\n{"id": 2, "v": "y"}\n')
    (tmp_path / "a-2.jsonl").write_text('{"id": 2, "deleted": true}\n{"id": 3, "deleted": false}\n')
    local_tables(monkeypatch, {"a": {"files": "a-*.jsonl", "format": "jsonl", "primary_key": ["id"],
                                     "deleted_column": "deleted"}})
    local.sync_all({"folder": str(tmp_path)}, {})
    assert [r["id"] for r in ops.rows("a")] == [1, 2, 3]
    assert ops.deletes == [("a", {"id": 2})]


def test_a_grain_word_names_the_one_column_that_holds_it_and_a_day_its_date() -> None:
    columns = ["campaign_id", "spend_date", "sales_channel", "amount"]
    assert [local.column_for(w, columns) for w in ("campaign", "day", "channel", "region")] == [
        "campaign_id", "spend_date", "sales_channel", ""]
    assert local.column_for("date", ["created_date", "spend_date"]) == ""  # two would fit: none is named


def test_a_next_token_goes_back_under_the_name_the_api_takes(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def stats(call: Call) -> Reply:
        start = int(call.query.get("next_page_token") or 0)  # `page_token`, the usual name, is ignored
        return reply({"rows": [{"id": start + i} for i in range(2)], "next_page_token": str(start + 2) if start < 4
                      else None})

    with MockApi({"/stats": stats}) as api:
        engine(monkeypatch, api.url, {"stats": {"path": "/stats", "records": "rows", "primary_key": ["id"],
                                                "pagination": {"kind": "none"}}})
        sync()
        assert [r["id"] for r in ops.rows("stats")] == [0, 1, 2, 3, 4, 5]
        assert len(api.calls) == 4  # the first page, one refused name, then the field's own name each time


def test_a_search_body_pages_with_a_nested_cursor(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def search(call: Call) -> Reply:
        page = call.body["page"]
        assert call.body["filter"] == {} and page["size"] == 2
        start = int(page.get("after") or 0)
        return reply({"data": [{"id": start + i} for i in range(2)], "page": {"next": str(start + 2) if start < 2
                                                                              else None}})

    with MockApi({"/search": search}) as api:
        engine(monkeypatch, api.url, {"leads": {"path": "/search", "method": "POST", "records": "data",
                                                "primary_key": ["id"], "body": {"filter": {}, "page": {}},
                                                "pagination": {"kind": "cursor", "param": "page.after", "where": "body",
                                                               "size_param": "page.size", "size": 2,
                                                               "next": "page.next"}}})
        sync()
        assert [r["id"] for r in ops.rows("leads")] == [0, 1, 2, 3]


def test_windows_read_the_last_days_again_and_reports_are_keyed_by_day_and_dimension(
        ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    asked: list[str] = []

    def report(call: Call) -> Reply:
        assert call.query["from"] == call.query["to"]  # one day per call, both ends inclusive
        asked.append(call.query["from"])
        return reply([{"date": call.query["from"], "path": p, "views": 3} for p in ("/a", "/b")])

    yesterday = date.today() - timedelta(days=1)
    with MockApi({"/report": report}) as api:
        engine(monkeypatch, api.url, {"report": {"path": "/report", "records": "", "primary_key": ["date", "path"],
                                                 "pagination": {"kind": "none"},
                                                 "window": {"from_param": "from", "to_param": "to", "days": 1,
                                                            "to_exclusive": False, "start_key": "first_day",
                                                            "lookback_days": 2}}})
        start = (yesterday - timedelta(days=4)).isoformat()
        state = sync({"first_day": start})
        assert len(asked) == 5
        asked.clear()
        sync({"first_day": start}, state)
    assert asked == [(yesterday - timedelta(days=n)).isoformat() for n in (1, 0)]  # from today less two days
    assert rest.choose_key([{"date": "d1", "path": "/a", "views": 3}, {"date": "d1", "path": "/b", "views": 3}],
                           [], True) == ["date", "path"]


def test_a_table_read_whole_deletes_the_rows_that_vanished(tmp_path: Path, ops: Recorder,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE tags (account_id INTEGER, tag TEXT, PRIMARY KEY (account_id, tag));"
                       "INSERT INTO tags VALUES (1, 'a'), (1, 'b'), (2, 'a');")
    conn.close()
    local_tables(monkeypatch, {"tags": {"source_table": "tags", "primary_key": ["account_id", "tag"], "snapshot": True}})
    state: dict = {}
    local.sync_all({"database_path": str(path)}, state)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM tags WHERE tag = 'b'")
    conn.commit()
    conn.close()
    local.sync_all({"database_path": str(path)}, state)
    assert ops.deletes == [("tags", {"account_id": 1, "tag": "b"})]


def test_full_text_indexes_are_no_tables_and_identical_file_rows_are_keyed_by_file_and_line(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript("CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT);"
                       "CREATE VIRTUAL TABLE members_fts USING fts5(name, content='members', content_rowid='id');")
    assert list(local.read_catalog(conn)) == ["members"]
    rows = [{"day": "01.07.", "text": "coffee", "amount": "-1,20"}] * 2 + [
        {"day": "02.07.", "text": f"shop {i}", "amount": "-9,99"} for i in range(10)]
    assert local.key_of_rows("bookings", rows) == local.LINE_KEY  # two coffees are two bookings
    assert local.key_of_rows("bookings", rows[2:]) == ["day", "text"]  # nothing repeats: the leftmost unique pair
    (tmp_path / "june.csv").write_text("day;text\n01.06.;coffee\n01.06.;coffee\n")
    local_tables(monkeypatch, {"bookings": {"files": "*.csv", "format": "csv", "primary_key": local.LINE_KEY}})
    local.sync_all({"folder": str(tmp_path)}, {})
    assert [(r["source_file"], r["source_line"]) for r in ops.rows("bookings")] == [("june.csv", 1), ("june.csv", 2)]


def test_a_json_array_column_feeds_a_child_table_that_follows_edits_and_deletes(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE orders (id INTEGER PRIMARY KEY, items TEXT, is_deleted INTEGER, updated_at TEXT);"
                       """INSERT INTO orders VALUES (1, '[{"sku": "a"}, {"sku": "b"}, {"sku": "c"}]', 0, 't1'),
                                                     (2, '[{"sku": "d"}]', 0, 't1');""")
    conn.close()
    local_tables(monkeypatch, {"each_table": {"primary_key": [], "cursor_column": "updated_at",
                                              "deleted_column": "is_deleted"},
                               "order_items": {"primary_key": ["id"], "source_table": "",
                                               "parent": {"table": "orders", "keys": {"id": "order_id"},
                                                          "array": "items"}}})
    monkeypatch.setattr(local, "CATALOG", "match")
    monkeypatch.setattr(local, "WORDS", ["orders", "order_items"])
    state: dict = {}
    local.sync_all({"database_path": str(path)}, state)
    assert [(r["order_id"], r["index"], r["sku"]) for r in ops.rows("order_items")] == [
        (1, 0, "a"), (1, 1, "b"), (1, 2, "c"), (2, 0, "d")]
    conn = sqlite3.connect(path)
    conn.executescript("""UPDATE orders SET items = '[{"sku": "a"}, {"sku": "c"}]', updated_at = 't2' WHERE id = 1;
                          UPDATE orders SET is_deleted = 1, updated_at = 't2' WHERE id = 2;""")
    conn.close()
    local.sync_all({"database_path": str(path)}, state)
    assert ops.deletes == [("order_items", {"order_id": 1, "index": 2}), ("orders", {"id": 2}),
                           ("order_items", {"order_id": 2, "index": 0})]
    assert [(r["order_id"], r["index"], r["sku"]) for r in ops.rows("order_items")][4:] == [(1, 0, "a"), (1, 1, "c")]


def test_has_more_with_ids_pages_after_the_last_id_and_a_unix_cursor(ops: Recorder,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def customers(call: Call) -> Reply:
        after = int(call.query.get("starting_after") or 0)
        rows = [{"id": after + i} for i in (1, 2)]
        return reply({"object": "list", "data": rows, "has_more": after < 4})

    with MockApi({"/customers": customers}) as api:
        engine(monkeypatch, api.url, {"customers": {"path": "/customers", "records": "data", "primary_key": ["id"],
                                                    "pagination": {"kind": "none"}}})
        sync()
    assert [r["id"] for r in ops.rows("customers")] == [1, 2, 3, 4, 5, 6]
    assert rest.unix_seconds("2024-01-01T00:00:00Z") == 1704067200 and rest.unix_seconds("1704067200") == 1704067200


def test_the_parts_of_a_file_name_fill_the_named_columns(tmp_path: Path, ops: Recorder,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "SALES_LIS01_20241014.txt").write_text("ticket|qty\n7|2\n")
    local_tables(monkeypatch, {"sales": {"files": "SALES*.txt", "format": "csv", "primary_key": ["ticket"],
                                         "name_columns": ["store_code", "business_date"]}})
    local.sync_all({"folder": str(tmp_path)}, {})
    assert ops.rows("sales") == [{"ticket": "7", "qty": "2", "store_code": "LIS01", "business_date": "2024-10-14"}]


def test_headerless_files_take_the_layouts_columns_and_wait_for_their_marker(
        tmp_path: Path, ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ITEM_001.TXT").write_bytes("0007|Kaffee Röst   |A\r\n0008|Tee            |X\r\n".encode("latin-1"))
    (tmp_path / "ITEM_001.OK").write_text("")
    (tmp_path / "ITEM_002.TXT").write_text("0009|Milch|A\n")  # still being written: no marker yet
    spec = {"files": "ITEM*.TXT", "primary_key": ["item_no"], "columns": ["ITEM_NO", "NAME", "STATE"],
            "deleted_column": "state", "deleted_value": "X", "ready": ".OK"}
    local_tables(monkeypatch, {"items": spec})
    state: dict[str, Any] = {}
    local.sync_all({"folder": str(tmp_path)}, state)
    assert ops.rows("items") == [{"item_no": "0007", "name": "Kaffee Röst", "state": "A"}]
    assert ops.deletes == [("items", {"item_no": "0008"})]
    (tmp_path / "ITEM_002.OK").write_text("")
    local.sync_all({"folder": str(tmp_path)}, state)
    assert [r["item_no"] for r in ops.rows("items")] == ["0007", "0009"]


def test_a_file_with_a_header_keeps_it_though_the_spec_lists_columns(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,name\n1,x\n")
    assert list(local.read_csv(str(tmp_path / "a.csv"), "", ["code", "label"])) == [{"id": "1", "name": "x"}]
    assert local.marker_suffix(str(tmp_path)) == ""
    assert local.matching_files(str(tmp_path), {"files": "*.csv", "ready": ".done"}) == ["a.csv"]  # none written
    (tmp_path / "b.csv.tmp").write_text("id,name\n2,y\n")  # renamed to b.csv when done: no marker
    assert local.matching_files(str(tmp_path), {"files": "*.csv", "ready": ".tmp"}) == ["a.csv"]


def test_an_odata_next_link_pages_the_value_list(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def people(call: Call) -> Reply:
        skip = int(call.query.get("$skip") or 0)
        more = {"@odata.nextLink": f"{call.path}?$skip={skip + 2}"} if skip < 2 else {}
        return reply({"@odata.context": "$metadata#People", "value": [{"ID": skip + i} for i in range(2)], **more})

    with MockApi({"/odata/People": people}) as api:
        engine(monkeypatch, api.url, {"people": {"path": "/odata/People", "records": "value", "primary_key": ["ID"],
                                                 "pagination": {"kind": "link"}}})
        sync()
        assert [r["ID"] for r in ops.rows("people")] == [0, 1, 2, 3]
    assert rest.next_link({"odata.nextLink": "https://h/x?$skiptoken=9"}) == "https://h/x?$skiptoken=9"


def test_a_report_made_for_people_keeps_its_rows_only(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_bytes("Rapport;;;\r\nPériode : mai;;;\r\n;;;\r\nNo;Client;Qté;Montant\r\n"
                                      "A1;Léa;2;3,50\r\nA2;Bo;1;1,00\r\n;;;\r\nTotal;;3;4,50\r\n"
                                      "Généré le 03/09/2024;;;\r\n".encode("cp1252"))
    rows = list(local.read_csv(str(tmp_path / "r.csv"), ""))
    assert [r["no"] for r in rows] == ["A1", "A2"] and rows[0]["client"] == "Léa"


def test_files_are_taken_in_order_up_to_the_first_one_still_without_its_marker(tmp_path: Path) -> None:
    for name in ("S_01.dat", "S_01.ctl", "S_02.dat", "S_03.dat", "S_03.ctl"):
        (tmp_path / name).write_text("" if name.endswith(".ctl") else "a|1|\n")
    assert local.matching_files(str(tmp_path), {"files": "S*.dat", "ready": ".ctl"}) == ["S_01.dat"]
    rows = list(local.read_csv(str(tmp_path / "S_01.dat"), "", ["code", "n"]))
    assert rows == [{"code": "a", "n": "1"}]


def test_fixed_width_files_are_cut_at_their_positions_and_header_records_left_out(tmp_path: Path) -> None:
    (tmp_path / "P_1.TXT").write_bytes("HDR20240901            \r\nA001Strauß    0250AC\r\nA002Ng        1200\r\n"
                                       "TRL2                    \r\n".encode("cp1252"))
    spec = {"format": "fixed", "columns": ["ID", "Name", "Amt", "St"], "positions": [[1, 4], [5, 14], [15, 18], [19, 20]]}
    rows = list(local.read_file(str(tmp_path / "P_1.TXT"), spec))
    assert rows == [{"id": "A001", "name": "Strauß", "amt": "0250", "st": "AC"},
                    {"id": "A002", "name": "Ng", "amt": "1200", "st": ""}]


def test_folders_give_columns_and_an_arrays_items_their_own_children(tmp_path: Path, ops: Recorder,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    day = tmp_path / "emea" / "2024" / "09" / "01"
    day.mkdir(parents=True)
    (day / "orders_001.json").write_text(json.dumps({"orders": [
        {"order_no": 1, "lines": [{"sku": "A", "allocations": [["MAD3", 3], ["LIS1", 1]]}]}]}))
    orders = {"files": "**/orders*.json", "format": "json", "primary_key": ["region", "order_no"],
              "folder_columns": ["region", "drop_date"]}
    lines = {"primary_key": ["order_region", "order_no", "index"], "parent": {
        "table": "orders", "keys": {"region": "order_region", "order_no": "order_no"}, "array": "lines"}}
    allocations = {"primary_key": ["order_region", "order_no", "order_line_index", "index"], "parent": {
        "table": "order_lines", "array": "allocations",
        "keys": {"order_region": "order_region", "order_no": "order_no", "index": "order_line_index"}}}
    local_tables(monkeypatch, {"orders": orders, "order_lines": lines, "line_allocations": allocations})
    local.sync_all({"folder": str(tmp_path)}, {})
    assert ops.rows("orders")[0]["region"] == "emea" and ops.rows("orders")[0]["drop_date"] == "2024-09-01"
    assert ops.rows("order_lines") == [{"sku": "A", "allocations": '[["MAD3", 3], ["LIS1", 1]]',
                                        "order_region": "emea", "order_no": 1, "index": 0}]
    assert ops.rows("line_allocations")[1] == {"value_1": "LIS1", "value_2": 1, "order_region": "emea",
                                               "order_no": 1, "order_line_index": 0, "index": 1}


def test_a_zip_archives_members_are_read_with_their_name_as_a_column(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "r.zip", "w") as archive:
        archive.writestr("gas.csv", "\ufeffid,v\n1,2\n".encode("utf-8"))
        archive.writestr("__MACOSX/._gas.csv", b"\x00junk")
        archive.writestr("power.csv", "id;v\n1;3\n".encode("cp1252"))
    rows = list(local.read_file(str(tmp_path / "r.zip"), {"format": "csv", "member_column": "kind"}))
    assert rows == [{"id": "1", "v": "2", "kind": "gas"}, {"id": "1", "v": "3", "kind": "power"}]


def test_a_csv_api_paged_by_its_link_header_though_page_numbers_were_guessed(ops: Recorder,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def readings(call: Call) -> Reply:
        part = call.query.get("part", "1")  # page numbers are ignored; only the Link header pages
        rows = {"1": '\ufeffmeter_id,note\r\nM1,"a, b"\r\nM2,"two\r\nlines"\r\n', "2": "meter_id,note\r\nM3,x\r\n"}[part]
        more = {"Link": f'<{call.path}?part=2>; rel="next"'} if part == "1" else {}
        return reply(rows, Content_Type="text/csv", **more)

    with MockApi({"/readings.csv": readings}) as api:
        engine(monkeypatch, api.url, {"readings": {"path": "/readings.csv", "primary_key": ["meter_id"],
                                                   "pagination": {"kind": "page", "param": "page"}}})
        sync()
    assert [(r["meter_id"], r["note"]) for r in ops.rows("readings")] == [("M1", "a, b"), ("M2", "two\r\nlines"),
                                                                          ("M3", "x")]


def test_hal_lists_ids_in_self_links_and_one_restricted_parent_is_skipped(ops: Recorder,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def hal(items: list[dict[str, Any]], kind: str) -> dict[str, Any]:
        body: dict[str, Any] = {"_links": {"self": {"href": "/x"}}, "count": len(items)}
        if items:  # an empty page leaves `_embedded` out
            body["_embedded"] = {f"dp:{kind}": items}
        return body

    def depots(call: Call) -> Reply:
        return reply(hal([{"name": n, "_links": {"self": {"href": f"/api/depots/{n}"}}} for n in ("7", "8", "9")],
                         "depots"))

    def bins(call: Call) -> Reply:
        depot = call.path.split("/")[3]
        if depot == "8":
            return reply({"error": "restricted"}, status=403)
        return reply(hal([{"code": f"B{depot}"}] if depot == "7" else [], "bins"))

    with MockApi({"/api/depots": depots, "/api/depots/7/bins": bins, "/api/depots/8/bins": bins,
                  "/api/depots/9/bins": bins}) as api:
        engine(monkeypatch, api.url, {
            "depots": {"path": "/api/depots", "primary_key": ["id"], "pagination": {"kind": "none"}},
            "bins": {"path": "/api/depots/{id}/bins", "primary_key": ["depot_id", "code"],
                     "pagination": {"kind": "none"}, "parent": {"table": "depots", "keys": {"id": "depot_id"}}}})
        sync()
    assert [r["id"] for r in ops.rows("depots")] == ["7", "8", "9"]
    assert [(r["depot_id"], r["code"]) for r in ops.rows("bins")] == [("7", "B7")]


def test_a_json_api_relationship_list_is_a_link_tables_rows(ops: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def posts(call: Call) -> Reply:
        return reply({"data": [{"type": "posts", "id": "1", "relationships": {
            "tags": {"data": [{"type": "tags", "id": "3"}, {"type": "tags", "id": "4"}]}}}]})

    with MockApi({"/posts": posts}) as api:
        engine(monkeypatch, api.url, {
            "posts": {"path": "/posts", "records": "data", "primary_key": ["id"], "pagination": {"kind": "none"}},
            "post_tags": {"primary_key": ["post_id", "index"], "pagination": {"kind": "none"},
                          "parent": {"table": "posts", "keys": {"id": "post_id"}, "array": "tags"}}})
        sync()
    assert [(r["post_id"], r["id"]) for r in ops.rows("post_tags")] == [("1", "3"), ("1", "4")]


def test_an_export_job_is_started_polled_and_its_gzipped_files_read(ops: Recorder,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rest.time, "sleep", lambda seconds: None)
    polls: list[int] = []

    def start(call: Call) -> Reply:
        assert call.body == {"object": "contacts", "updated_after": "2024-01-01"}
        return reply({"export": {"id": "e1", "status": "queued"}}, status=202)

    def status(call: Call) -> Reply:
        polls.append(1)
        if len(polls) < 3:
            return reply({"id": "e1", "status": "running"})
        return reply({"id": "e1", "status": "COMPLETED", "result": {"files": [{"url": "/dl/1"}, {"url": "/dl/2"}]}})

    def download(call: Call) -> Reply:
        part = call.path[-1]
        return reply(gzip.compress(f'{{"id": {part}, "updated_at": "2024-02-0{part}"}}\n{{"id": 1{part}}}\n'.encode()))

    with MockApi({"/exports": start, "/exports/e1": status, "/dl/1": download, "/dl/2": download}) as api:
        engine(monkeypatch, api.url, {"contacts": {
            "path": "/exports", "method": "POST", "body": {"object": "contacts"}, "primary_key": ["id"],
            "pagination": {"kind": "none"}, "job": {"status_path": "/exports/{id}", "id_field": "id"},
            "incremental": {"field": "updated_at", "param": "updated_after", "where": "body"}}})
        state = sync(state={"contacts": {"cursor": "2024-01-01"}})
    assert [r["id"] for r in ops.rows("contacts")] == [1, 11, 2, 12] and len(polls) == 3
    assert state["contacts"]["cursor"].startswith("2024-02-02")


def test_json_members_of_a_zip_read_as_json_files_are(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "r.zip", "w") as archive:
        archive.writestr("orders.json", json.dumps({"orders": [{"id": 1}, {"id": 2}], "count": 2}))
        archive.writestr("events.jsonl", '{"id": 3}\n\n{"id": 4}\n')
    rows = list(local.read_file(str(tmp_path / "r.zip"), {"format": "json"}))
    assert rows == [{"id": 3}, {"id": 4}, {"id": 1}, {"id": 2}]


def test_records_flagged_as_unwanted_are_skipped_with_their_children(ops: Recorder,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def receipts(call: Call) -> Reply:
        return reply({"items": [{"id": 1, "refunded": "false", "lines": [{"n": 1}]},
                                {"id": 2, "refunded": "true", "lines": [{"n": 1}]},
                                {"id": 3, "refunded": False, "lines": []}]})

    with MockApi({"/receipts": receipts}) as api:
        engine(monkeypatch, api.url, {
            "receipts": {"path": "/receipts", "records": "items", "primary_key": ["id"], "skip_flag": "refunded",
                         "pagination": {"kind": "none"}},
            "receipt_lines": {"path": "", "records": "", "primary_key": ["receipt_id", "n"],
                              "pagination": {"kind": "none"},
                              "parent": {"table": "receipts", "keys": {"id": "receipt_id"}, "array": "lines"}}})
        sync()
    assert [r["id"] for r in ops.rows("receipts")] == [1, 3]
    assert ops.rows("receipt_lines") == [{"receipt_id": 1, "n": 1}]


def test_a_trailer_record_with_few_fields_is_no_row(tmp_path: Path) -> None:
    path = tmp_path / "PAYMENTS_20240601.txt"
    path.write_text("payment_ref|paid_on|amount|currency|payer|iban\nP1|2024-06-01|10.00|EUR|Ann|DE1\n"
                    "P2|2024-06-01|5.50|EUR|Bo|DE2\nTRAILER|000002|15.50\n", "utf-8")
    rows = list(local.read_csv(str(path), ""))
    assert [r["payment_ref"] for r in rows] == ["P1", "P2"]
