"""Request text never becomes code: hostile strings in any spec field give a module that parses, makes
no call the clean module lacks, and lints clean, or a spec that is refused with one clear line."""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.connector import compose, extract, lint, writer
from assistant.connector.spec import Spec
from core.errors import UsageError

REST = {
    "name": "shop", "description": "Shop API", "base_url": "https://api.example.com",
    "auth": {"kind": "header", "header_name": "X-Key", "template": "Token {api_key}"},
    "extra_config": ["start_date"],
    "tables": [
        {"name": "orders", "path": "/orders", "params": {"status": "open"}, "records": "data.items",
         "pagination": {"kind": "cursor", "param": "cursor", "next": "meta.next", "has_more": "has_more"},
         "incremental": {"field": "updated_at", "param": "since"},
         "deletes": {"flag": "is_deleted", "flag_value": "trash", "path": "/orders/deleted", "ids": "ids",
                     "since_param": "since"}},
        {"name": "lines", "path": "/orders/{id}/lines", "primary_key": ["line_id"],
         "parent": {"table": "orders", "keys": {"id": "order_id"}}},
        {"name": "search", "path": "/search", "method": "POST", "body": {"filter": {"q": "x"}},
         "pagination": {"kind": "offset", "param": "offset", "where": "body", "size_param": "limit", "size": 50}},
        {"name": "nodes", "path": "/graphql", "method": "POST", "graphql": "query { nodes { id } }",
         "variables": {"first": 10}, "records": "data.nodes",
         "pagination": {"kind": "relay", "param": "after", "where": "variables", "page_info": "data.pageInfo"}},
        {"name": "daily", "path": "/stats", "xml_record": "entry", "primary_key": ["day", "campaign"],
         "window": {"from_param": "from", "to_param": "to", "start_key": "",
                    "end": {"path": "/status", "field": "done", "start_field": "first"}}},
        {"name": "people", "path": "/people", "records": "data", "keyed_by": "person_id", "primary_key": ["person_id"],
         "pagination": {"kind": "cursor", "param": "cursor", "next_header": "X-Next-Cursor"}, "skip_flag": "refunded"},
    ],
    "unresolved": ["orders: a note"],
    "computed_headers": {"X-Ts": {"parts": ["timestamp"]},
                         "X-Sign": {"parts": ["header:X-Ts", "method", "path_query", "text:|", "config:api_key"],
                                    "encode": "hmac", "secret_key": "api_secret", "prefix": "v1="}},
}
OAUTH = {**REST, "auth": {"kind": "oauth2", "token_url": "https://auth.example.com/token", "scope": "read all",
                          "token_params": {"audience": "https://api.example.com"},
                          "client_id_key": "client_id", "client_secret_key": "client_secret"}}
FILES = {"name": "drop", "source_type": "file", "location": "/srv/drop", "location_key": "folder",
         "tables": [{"name": "orders", "files": "orders_*.csv|orders_*.txt", "delimiter": ";",
                     "primary_key": ["order_no"], "snapshot": True},
                    {"name": "events", "files": "**/*.jsonl", "format": "jsonl", "records": "data.object",
                     "route": {"type": "invoice.*"}, "name_column": "file_part", "primary_key": ["file_part", "id"]}]}
DATABASE = {"name": "db", "source_type": "database", "location": "/srv/shops", "location_key": "database_path",
            "databases": "shop_*.db", "source_column": "shop", "grains": [["order", "line"]],
            "tables": [{"name": "orders", "source_table": "orders", "cursor_column": "updated_at",
                        "deleted_column": "deleted_at"}]}
JSON_API = {**REST, "headers": {"Accept": "application/vnd.api+json"}, "tables": [
    *REST["tables"], {"name": "items", "parent": {"table": "orders", "included": "included", "type": "line_items"}}]}
SESSION = {**REST, "auth": {"kind": "session", "token_url": "/login", "login": {"user": "username", "pass": "password"},
                            "token_field": "session.token", "header_name": "X-Session", "template": "Token {token}"}}
MATCHED = {"name": "db", "source_type": "database", "location_key": "sqlite_path", "catalog": "match", "words": ["crm"],
           "skip_parts": ["audit", "log"], "renames": {"tbl_cust": "customers"}, "strip_prefix": "clinic_",
           "tables": [{"name": "each_table", "primary_key": []}]}
SPECS = {"rest": REST, "oauth": OAUTH, "session": SESSION, "json_api": JSON_API, "files": FILES, "database": DATABASE,
         "matched": MATCHED}

HOSTILE = ['"""; import os; os.system("touch /tmp/pwned"); """', "'''; __import__('os').system('id'); '''",
           '"', "'", "\\", "\\n", "\n", "\r\n", "{", "}", "{0}", "{api_key}", "{{}}", "%s", "`", "#", "\x00", "\u2028",
           "); print(1); (", "\"\"\"", "\\\"\"\"", "${HOME}", "</script>", "é", "\t"]


def string_places(data: Any, path: tuple = ()) -> list[tuple]:
    """Every place a string can be put: values (path) and the keys of the user's own dicts (path + KEY)."""
    out: list[tuple] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if path and path[-1] in ("params", "body", "variables", "keys", "login", "token_params", "headers", "renames",
                                     "computed_headers", "route"):
                out.append((*path, key, "KEY"))
            out += string_places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += string_places(value, (*path, index))
    elif isinstance(data, str):
        out.append(path)
    return out


def put(data: Any, place: tuple, text: str) -> Any:
    data = copy.deepcopy(data)
    if place[-1] == "KEY":
        holder = data
        for part in place[:-3]:
            holder = holder[part]
        inner = holder[place[-3]]
        inner[text] = inner.pop(place[-2])
        return data
    holder = data
    for part in place[:-1]:
        holder = holder[part]
    holder[place[-1]] = text if not isinstance(holder[place[-1]], str) or not holder[place[-1]] else \
        holder[place[-1]] + text
    return data


def calls(source: str) -> set[str]:
    return {ast.dump(node.func) for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)}


CLEAN = {kind: calls(compose.connector_py(Spec.model_validate(data).check())) for kind, data in SPECS.items()}
PLACES = [(kind, place) for kind, data in SPECS.items() for place in string_places(data)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(PLACES), text=st.one_of(st.sampled_from(HOSTILE),
                                                      st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4)
                                                      .map("".join), st.text(max_size=30)))
def test_hostile_strings_in_any_field_never_become_code(target: tuple, text: str, tmp_path_factory: Any) -> None:
    kind, place = target
    try:
        spec = Spec.model_validate(put(SPECS[kind], place, text)).check()
        files = compose.project_files(spec)
    except (ValidationError, UsageError):
        assume(False)  # refused, with the field named: nothing was written
        return
    source = files["connector.py"]
    assert calls(source) <= CLEAN[kind], (place, text)
    out = tmp_path_factory.mktemp("p")
    writer.write(out, files)
    assert [f.render() for f in lint.lint(out) if f.severity == "error"] == [], (place, text)


@pytest.mark.parametrize("field", ["description", "name"])
def test_the_injection_in_a_description_or_a_name_stays_data(field: str, tmp_path: Path) -> None:
    attack = '"""; import os; os.system("touch /tmp/csdk-pwned"); """'
    if field == "name":
        with pytest.raises(ValidationError, match="lower snake_case"):
            Spec.model_validate({**REST, "name": attack})
        return
    spec = extract.from_text(f"{attack}\nGET https://api.example.com/orders returns a JSON list. Bearer token.").spec
    files = compose.project_files(spec)
    assert calls(files["connector.py"]) <= CLEAN["rest"] | calls(compose.connector_py(
        Spec.model_validate({**REST, "auth": {"kind": "bearer"}})))
    assert "os.system" not in "".join(ast.dump(n) for n in ast.walk(ast.parse(files["connector.py"]))
                                      if isinstance(n, ast.Call))
    writer.write(tmp_path, files)
    assert [f for f in lint.lint(tmp_path) if f.severity == "error"] == []
    assert attack in ast.literal_eval(next(  # the text is kept, as the value of DESCRIPTION
        n.value for n in ast.parse(files["connector.py"]).body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "DESCRIPTION"))


@pytest.mark.parametrize("kind", list(SPECS))
def test_every_name_a_composed_connector_reads_is_defined(kind: str) -> None:
    """The engine is copied from its first `def`: anything it reads must also be written by the composer."""
    import builtins

    tree = ast.parse(compose.connector_py(Spec.model_validate(SPECS[kind]).check()))
    defined = set(dir(builtins))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defined |= {(a.asname or a.name).split(".")[0] for a in node.names}
    local = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    local |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda) for a in n.args.args}
    local |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler | ast.FunctionDef) and n.name}
    local |= {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert read - defined - local == set()


@pytest.mark.parametrize(("field", "value"), [("skip_parts", ["log'); os.system('id"]),
                                              ("renames", {"tbl_cust": "customers; drop"}),
                                              ("strip_prefix", "clinic_\"\n")])
def test_run_time_table_choices_refuse_what_is_no_name(field: str, value: Any) -> None:
    with pytest.raises(ValidationError, match="characters it cannot have"):
        Spec.model_validate({**MATCHED, field: value})
