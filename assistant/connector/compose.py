"""Spec -> the four project files, built from the project's own building blocks (assistant/connector/blocks).

The composer copies tested functions verbatim; what varies per connector is data (TABLES,
PAGINATION, AUTH) and the docstrings, so every generated connector.py has the same, linted shape.
"""

from __future__ import annotations

import ast
import json
from importlib import resources

from assistant.connector.readme import readme_md
from assistant.connector.spec import Spec

SHARED = ["validate_configuration", "get_json", "records_at", "value_at", "prepare_record", "note_types", "to_utc",
          "sync_table"]


def _block_functions(module: str = "rest") -> dict[str, str]:
    source = resources.files("assistant.connector.blocks").joinpath(f"{module}.py").read_text("utf-8")
    tree = ast.parse(source)
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = ast.get_source_segment(source, node) or ""
    return out


def _renamed(functions: dict[str, str], role: str, variant: str) -> str:
    text = functions[f"{role}__{variant}"]
    return text.replace(f"def {role}__{variant}(", f"def {role}(", 1)


def _constant(name: str, value: object, comment: str) -> str:
    """A module constant; JSON of str/int/list/dict is also valid Python."""
    rendered = json.dumps(value, indent=4)
    return f"# {comment}\n{name} = {rendered}\n"


def _auth_data(spec: Spec) -> dict[str, str]:
    kind = spec.auth.kind
    if kind == "bearer":
        return {"token_key": "api_token"}
    if kind == "api_key_header":
        return {"token_key": "api_key", "header_name": spec.auth.header_name}
    if kind == "api_key_query":
        return {"token_key": "api_key", "param_name": spec.auth.param_name}
    if kind == "basic":
        return {"username_key": "username", "password_key": "password"}
    if kind == "oauth2":
        return {"token_url_key": "token_url", "client_id_key": "client_id", "client_secret_key": "client_secret"}
    return {}


def _pagination_data(spec: Spec) -> dict[str, object]:
    p = spec.pagination
    keep = {
        "none": [],
        "cursor": ["cursor_field", "cursor_param", "has_more_field", "size_param", "page_size"],
        "page": ["page_param", "size_param", "page_size"],
        "offset": ["offset_param", "size_param", "page_size", "total_field"],
        "link": ["size_param", "page_size", "next_url_field"],
    }[p.kind]
    return {k: getattr(p, k) for k in keep}


def _tables_data(spec: Spec) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for t in spec.tables:
        entry: dict[str, object] = {"endpoint": t.endpoint, "records_path": t.records_path,
                                    "primary_key": t.primary_key}
        if t.incremental_field and not t.parent:
            entry["incremental_field"] = t.incremental_field
            entry["incremental_param"] = t.incremental_param
        if t.parent:
            entry["parent"] = t.parent
        if t.deletes_endpoint:
            entry["deletes_endpoint"] = t.deletes_endpoint
            entry["deletes_path"] = t.deletes_path
        out[t.name] = entry
    return out


# The pieces every composed connector ends with: schema(), the head of update(), and the
# final checkpoint with the module-level connector object and the __main__ block.
SCHEMA = '''
def schema(configuration: dict):
    """
    Declare each table and its primary key; column types are inferred from the data.
    See https://fivetran.com/docs/connector-sdk/technical-reference#schema
    Args:
        configuration: the connector configuration.
    """
    return [{"table": name, "primary_key": spec["primary_key"]} for name, spec in TABLES.items()]
'''

UPDATE_HEAD = '''def update(configuration: dict, state: dict):
    """
    Sync every table: called by Fivetran on each sync, with the state saved by the last checkpoint.
    See https://fivetran.com/docs/connector-sdk/technical-reference#update
    Args:
        configuration: the connector configuration (all values are strings).
        state: the state from the previous sync; empty on the first sync or after a reset.
    """
    log.info("Starting {name} sync")
    validate_configuration(configuration)
'''

TAIL = '''    # Final checkpoint: the state of every table is saved for the next sync.
    op.checkpoint(state=state)


# Create the connector object with the update and schema functions.
connector = Connector(update=update, schema=schema)

# Run the connector locally for debugging with `python connector.py`; Fivetran does not call this.
# Prefer `fivetran debug --configuration configuration.json` before deploying.
if __name__ == "__main__":
    with open("configuration.json", "r") as handle:
        configuration = json.load(handle)
    connector.debug(configuration=configuration)
'''

REST_UPDATE = SCHEMA + '''

def sync_children(session, base_url: str, parent: str, row: dict, state: dict):
    """Fetch every child table of `parent` for one parent row, with the parent's key in each child row."""
    for child, spec in TABLES.items():
        if spec.get("parent") == parent:
            url = base_url + spec["endpoint"].format(**{key: row.get(key) for key in TABLES[parent]["primary_key"]})
            extra = {f"{parent}_{key}": row.get(key) for key in TABLES[parent]["primary_key"]}
            sync_table(session, child, spec, state, url, extra)


''' + UPDATE_HEAD + '''    session = build_session(configuration)
    base_url = configuration[BASE_URL_KEY].rstrip("/")
    for table, spec in TABLES.items():
        if spec.get("parent"):
            continue
        has_children = any(child.get("parent") == table for child in TABLES.values())
        on_row = None
        if has_children:
            on_row = lambda row, parent=table: sync_children(session, base_url, parent, row, state)  # noqa: E731
        sync_table(session, table, spec, state, base_url + spec["endpoint"], {{}}, on_row)
{deletes}''' + TAIL



LOCAL_UPDATE = SCHEMA + '''

''' + UPDATE_HEAD + '''    for table, spec in TABLES.items():
        {sync}(configuration, table, spec, state)
''' + TAIL


def _docstring(name: str, description: str) -> str:
    return (f'"""{name}: {description}\n\n'
            "Generated by csdk-assistant from a spec; edit the constants below to adapt it.\n"
            "See https://fivetran.com/docs/connector-sdk/technical-reference and\n"
            'https://fivetran.com/docs/connector-sdk/best-practices\n"""\n')


SDK_IMPORTS = ("\n# For the Connector object, logging and data operations\n"
               "from fivetran_connector_sdk import Connector\n"
               "from fivetran_connector_sdk import Logging as log\n"
               "from fivetran_connector_sdk import Operations as op\n\n")


def _local_connector_py(spec: Spec) -> str:
    """File and database sources: the blocks of assistant/connector/blocks/local.py."""
    functions = _block_functions("local")
    files = spec.source_type == "file"
    tables: dict[str, dict[str, object]] = {}
    for t in spec.tables:
        entry: dict[str, object] = {"primary_key": t.primary_key}
        if files:
            entry.update(suffix=t.file_suffix, format=t.format)
        else:
            entry.update(source_table=t.source_table, cursor_column=t.cursor_column)
        tables[t.name] = entry
    what = "files in a folder" if files else "a SQLite database"
    description = spec.description or f"Sync {', '.join(tables)} from {what}."
    parts = [
        _docstring(spec.name, description),
        "# For reading configuration.json when run directly, and JSON lines",
        "import json",
        *(["\n# For reading CSV files and listing the folder", "import csv", "import os"] if files else
          ["\n# The database driver (DB-API); sqlite3 ships with Python", "import sqlite3"]),
        SDK_IMPORTS,
        _constant("LOCATION_KEY", spec.config_keys()[0], "Configuration key holding the folder or database path"),
        _constant("REQUIRED_CONFIG", spec.config_keys(), "Configuration keys the connector cannot run without"),
        _constant("TABLES", tables, "Tables: " + ("file suffix and format" if files else "source table and cursor")),
        _constant("BATCH_SIZE", 1000, "Rows fetched per database round trip"),
        _constant("CHECKPOINT_INTERVAL", spec.checkpoint_interval, "Checkpoint after this many rows\n"),
    ]
    body = [_block_functions()["validate_configuration"]]
    body += [functions["read_rows"], functions["sync_files"]] if files else [functions["sync_query"]]
    update = LOCAL_UPDATE.replace("{name}", spec.name).replace("{sync}", "sync_files" if files else "sync_query")
    return "\n".join(parts) + "\n\n\n".join(body) + "\n\n" + update


def connector_py(spec: Spec) -> str:
    if spec.source_type != "rest":
        return _local_connector_py(spec)
    functions = _block_functions()
    needs_deletes = any(t.deletes_endpoint for t in spec.tables)
    description = spec.description or f"Sync {', '.join(t.name for t in spec.tables)} from a REST API."
    parts = [
        _docstring(spec.name, description),
        "# For reading configuration.json when run directly",
        "import json",
        "\n# For backoff between retries",
        "import time",
        "\n# For normalising timestamps to UTC",
        "from datetime import datetime, timezone",
        "\n# For HTTP requests to the source API (provided by Fivetran's runtime)",
        "import requests",
        SDK_IMPORTS,
        _constant("BASE_URL_KEY", spec.base_url_key, "Configuration key holding the API's base URL"),
        _constant("REQUIRED_CONFIG", spec.config_keys(), "Configuration keys the connector cannot run without"),
        _constant("AUTH", _auth_data(spec), f"Authentication: {spec.auth.kind}; values name configuration keys"),
        _constant("PAGINATION", _pagination_data(spec), f"Pagination: {spec.pagination.kind}"),
        _constant("TABLES", _tables_data(spec), "Tables: endpoint, where the records sit, primary key, cursor"),
        _constant("NESTED", spec.nested, "Nested objects: 'flatten' into parent_child columns, or 'json' strings"),
        _constant("CHECKPOINT_INTERVAL", spec.checkpoint_interval, "Checkpoint after this many rows"),
        "# Retries for 429 and 5xx responses, and the timeout of one request in seconds",
        "MAX_RETRIES = 5",
        "REQUEST_TIMEOUT = 30\n\n",
    ]
    body = [functions["validate_configuration"], _renamed(functions, "build_session", spec.auth.kind)]
    body += [functions[name] for name in SHARED[1:]]
    body.append(_renamed(functions, "fetch_pages", spec.pagination.kind))
    if needs_deletes:
        body.append(functions["sync_deletes"])
    deletes = ('        if spec.get("deletes_endpoint"):\n            sync_deletes(session, base_url, table, spec)\n'
               if needs_deletes else "")
    update = REST_UPDATE.replace("{name}", spec.name).replace("{{}}", "{}").replace("{deletes}", deletes)
    text = "\n".join(parts) + "\n\n\n".join(body) + "\n\n" + update
    return text


def configuration_json(spec: Spec) -> str:
    values = {}
    for key in spec.config_keys():
        if key == spec.base_url_key and spec.base_url:
            values[key] = spec.base_url
        else:
            values[key] = f"<YOUR_{key.upper()}>"
    return json.dumps(values, indent=2) + "\n"


def requirements_txt(spec: Spec) -> str:
    # requests and the SDK are provided by Fivetran's runtime and must not be listed
    return ""


def project_files(spec: Spec) -> dict[str, str]:
    spec.check()
    return {
        "connector.py": connector_py(spec),
        "configuration.json": configuration_json(spec),
        "requirements.txt": requirements_txt(spec),
        "README.md": readme_md(spec),
    }
