"""Spec -> the four project files, built from the project's own building blocks (assistant/connector/blocks).

The composer copies the engine of a block module verbatim and writes what varies per connector as
module constants. Every value from a request, a spec or a probe reaches connector.py only as a
Python literal (`pprint` of plain data) under a comment the composer itself wrote: request text
never becomes code, and every generated connector.py has the same, linted shape.
"""

from __future__ import annotations

import json
import pprint
import re
from importlib import resources
from typing import Any

from assistant.connector.readme import readme_md
from assistant.connector.spec import Spec, Table
from core.secrets import SECRET_NAME
from core.settings import DEFAULT_DOCS_URL as DOCS_URL

SDK_IMPORTS = ("\n# For the Connector object, logging and data operations\n"
               "from fivetran_connector_sdk import Connector\n"
               "from fivetran_connector_sdk import Logging as log\n"
               "from fivetran_connector_sdk import Operations as op\n")

REST_IMPORTS = """# For headers computed per request: base64 pairs and HMAC signatures
import base64
import hmac

# For responses in CSV, and gzipped export files
import csv
import gzip
import io

# For telling a repeated page from a new one, and for request signatures
import hashlib

# For reading configuration.json when run directly, and for JSON bodies
import json

# For recognising key-like and date-like field names
import re

# For backoff between retries and waits for a rate limit to reset
import time

# For XML responses, parsed with the standard library
import xml.etree.ElementTree as ElementTree

# For timestamps and time windows, normalised to UTC
from datetime import date, datetime, timedelta, timezone

# For HTTP requests to the source API (provided by Fivetran's runtime)
import requests
"""

LOCAL_IMPORTS = """# For reading CSV files
import csv

# For matching file names against each table's pattern
import fnmatch

# For reading .gz files, and zip archives as text
import gzip
import io

# For JSON files, JSON lines and configuration.json
import json

# For listing the folder
import os

# For turning headers into column names
import re
import unicodedata

# For zip archives of data files
import zipfile

# For values the destination cannot take as they are (dates, decimals)
from datetime import date, datetime
from decimal import Decimal
"""

SCHEMA = '''

def schema(configuration: dict):
    """
    Declare each table and its primary key; column types are inferred from the data, so a column
    whose type changes between syncs, or a new column, does not break the sync.
    See https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code
    Args:
        configuration: the connector configuration.
    """
    tables = []
    for name, spec in table_specs(configuration).items():
        table = {"table": name, "primary_key": spec["primary_key"]}
        if not spec["primary_key"]:  # none known: Fivetran keys the rows by a hash of their values
            del table["primary_key"]
        tables.append(table)
    return tables


def update(configuration: dict, state: dict):
    """
    Sync every table: called by Fivetran on each sync, with the state saved by the last checkpoint.
    See https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code
    Args:
        configuration: the connector configuration (all values are strings).
        state: the state from the previous sync; empty on the first sync or after a reset.
    """
    log.info(f"Starting {CONNECTOR_NAME} sync")
    validate_configuration(configuration)
'''

REST_SYNC = '''    session = build_session(configuration)
    sync_all(session, configuration, state)
'''

LOCAL_SYNC = '''    sync_all(configuration, state)
'''

FINAL_CHECKPOINT = '''    # Final checkpoint: the state of every table is saved for the next sync.
    op.checkpoint(state=state)
'''

CONNECTOR_OBJECT = '''

# Create the connector object with the update and schema functions.
connector = Connector(update=update, schema=schema)

# Run the connector locally for debugging with `python connector.py`; Fivetran does not call this.
# Prefer `fivetran debug --configuration configuration.json` before deploying.
if __name__ == "__main__":
    with open("configuration.json", "r") as handle:
        configuration = json.load(handle)
    connector.debug(configuration=configuration)
'''

FORM_IMPORTS = ("\n# For the setup form Fivetran shows and the connection test it can run from it\n"
                "from fivetran_connector_sdk import ConfigurationForm, Test, form_field\n")

SETUP_FORM = '''

def configuration_form():
    """
    The setup form Fivetran shows for this connector: one field per configuration key (secrets as
    password fields), and a connection test the user can run before the first sync.
    """
    form = ConfigurationForm()
    for key in REQUIRED_CONFIG:
        field_type = form_field.TextField.password if key in SECRET_CONFIG else form_field.TextField.plain_text
        label = key.replace("_", " ").capitalize()
        form.add_field(form_field.TextField(key, label, field_type, required=True))
    form.add_test(label="Test the connection", func=connection_test)
    return form


def connection_test(configuration: dict):
    """
    Read a little from the source with the values the form holds: the first page of the first
    table (the first rows of a file, or the database's catalog), so a wrong key or path shows here.
    """
    test = Test()
    try:
        validate_configuration(configuration)
        {probe}
    except Exception as exc:
        return test.failure(f"Could not read from the source: {{exc}}")
    return test.success()
'''

FORM_PROBES = {
    "rest": "first_page(build_session(configuration), configuration, next(iter(TABLES.values())))",
    "file": "first_rows(configuration, next(iter(TABLES.values())), 10)",
    "database": "read_catalog(connect(configuration, database_files(configuration)[0]) if DATABASES "
                "else connect(configuration))",
}

AUTH_FIELDS = {
    "none": [], "bearer": ["token_key"], "header": ["header_name", "template"], "query": ["param_name", "token_key"],
    "basic": ["username_key", "password_key", "password_value"],
    "oauth2": ["token_url", "token_url_key", "client_id_key", "client_secret_key", "style", "scope", "token_params",
               "token_field"],
    "session": ["token_url", "token_url_key", "login", "style", "token_field", "header_name", "template"],
}
NESTED_PARTS = ("incremental", "deletes", "parent", "window", "job")
LOCAL_FIELDS = ("files", "format", "delimiter", "source_table", "cursor_column", "deleted_column", "deleted_value",
                "columns", "positions", "ready", "folder_columns", "member_column",
                "deletion_log", "schemas", "schema_column")


def literal(value: Any) -> str:
    """Plain data as Python source: strings are quoted and escaped, so text can never become code."""
    return pprint.pformat(value, width=110, sort_dicts=False)


def constant(name: str, value: Any, comment: str) -> str:
    return f"# {comment}\n{name} = {literal(value)}\n"


def engine(module: str) -> str:
    """A block module's functions (everything from its first `def`), copied as they are tested."""
    source = resources.files("assistant.connector.blocks").joinpath(f"{module}.py").read_text("utf-8")
    return source[re.search(r"^def ", source, re.M).start():].rstrip() + "\n"  # type: ignore[union-attr]


def rest_table(table: Table) -> dict[str, Any]:
    """One TABLES entry: the table's spec without its name and without what only files and databases use."""
    data = table.model_dump(exclude={"name", "pagination", *NESTED_PARTS, *LOCAL_FIELDS}, exclude_defaults=True)
    data["pagination"] = {"kind": table.pagination.kind, **table.pagination.model_dump(exclude_defaults=True)}
    for part in NESTED_PARTS:  # whole, so the engine never depends on a default being written out
        if getattr(table, part) is not None:
            data[part] = getattr(table, part).model_dump()
    return {"path": table.path, "records": table.records, "primary_key": table.primary_key, **data}


def local_table(table: Table, files: bool) -> dict[str, Any]:
    keep = ("files", "format", "delimiter", "columns", "positions", "ready", "name_column", "name_columns",
            "folder_columns", "member_column", "route", "records", "deleted_column", "deleted_value") if files else (
        "source_table", "cursor_column", "deleted_column", "deleted_value", "deletion_log", "schemas", "schema_column")
    data = {k: v for k, v in table.model_dump(include=set(keep)).items() if v or k in ("files", "source_table")}
    more = {"find_key": table.find_key, "snapshot": table.snapshot,
            "parent": table.parent.model_dump() if table.parent else None}
    return {"primary_key": table.primary_key, **data, **{k: v for k, v in more.items() if v}}


def _header(spec: Spec, imports: str) -> list[str]:
    secrets = [k for k in spec.config_keys() if SECRET_NAME.search(k)]
    form_imports = [FORM_IMPORTS] if spec.setup_form else []
    form_secrets = [constant("SECRET_CONFIG", secrets, "Configuration keys the setup form asks for as passwords")
                    ] if spec.setup_form else []
    return [f'"""{spec.name}: a Fivetran Connector SDK connector generated by csdk-assistant.\n\n'
            "What it syncs is in the constants below (from the spec); the functions after them are the\n"
            "project's tested building blocks. README.md describes the source, the tables and the tests.\n"
            f"See {DOCS_URL}/getting-started and\n"
            f'{DOCS_URL}/best-practices\n"""\n', imports, SDK_IMPORTS, *form_imports,
            constant("CONNECTOR_NAME", spec.name, "The connector's name, for the log"),
            constant("DESCRIPTION", spec.description, "What the connector syncs, as the request described it"),
            constant("REQUIRED_CONFIG", spec.config_keys(), "Configuration keys the connector cannot run without"),
            *form_secrets]


def _tail(spec: Spec) -> str:
    """The final checkpoint and the Connector object, with the setup form when the spec asks for one."""
    if not spec.setup_form:
        return FINAL_CHECKPOINT + CONNECTOR_OBJECT
    return (FINAL_CHECKPOINT + SETUP_FORM.format(probe=FORM_PROBES[spec.source_type])
            + CONNECTOR_OBJECT.replace("schema=schema)", "schema=schema, configuration_form=configuration_form)"))


def hooks_code(hooks: dict[str, str]) -> str:
    """The model-written hooks (each run on a real response before it got here) and the HOOKS table
    the engine looks them up in; table names are identifiers, so the keys are plain literals."""
    table = "{" + ", ".join(f"{name!r}: parse_records_{name}" for name in hooks) + "}"
    if not hooks:
        return "\n\n# Model-written hooks by table: none were needed, the building blocks read every response.\n" \
               f"HOOKS = {table}\n"
    functions = "\n\n\n".join(source.strip() for source in hooks.values())
    return ("\n\n# Model-written hooks: where the building blocks could not find the records, a function\n"
            "# written for this source and run on a real response before it was accepted.\n"
            f"{functions}\n\n\nHOOKS = {table}\n")


def rest_connector_py(spec: Spec, hooks: dict[str, str] | None = None) -> str:
    auth = {"kind": spec.auth.kind, **{k: getattr(spec.auth, k) for k in AUTH_FIELDS[spec.auth.kind]}}
    parts = _header(spec, REST_IMPORTS) + [
        constant("BASE_URL_KEY", spec.base_url_key, "Configuration key holding the API's base URL"),
        constant("BASE_URL", spec.base_url, "The base URL the request stated, used when the configuration has none"),
        constant("AUTH", auth, "Authentication; values in braces and *_key entries name configuration keys"),
        constant("HEADERS", spec.headers, "Headers sent with every request, as the request states them"),
        constant("COMPUTED_HEADERS", {n: h.model_dump() for n, h in spec.computed_headers.items()},
                 "Headers worked out per request (timestamps, base64 pairs, HMAC signatures)"),
        constant("RETRY", spec.retry.model_dump(), "What is retried: statuses, bodies cut off, rate limits"),
        constant("TABLES", {t.name: {**rest_table(t), **({"hook": t.name} if t.name in (hooks or {}) else {})}
                            for t in spec.tables},
                 "Tables: request, where the records sit, primary key, pagination, cursor, deletes, children"),
        constant("NESTED", spec.nested, "Nested objects: 'flatten' into parent_child columns, or 'json' strings"),
        constant("CHECKPOINT_INTERVAL", spec.checkpoint_interval, "Checkpoint after this many rows"),
        constant("REQUEST_TIMEOUT", 30, "Seconds one request may take"),
    ]
    return "\n".join(parts) + "\n\n" + engine("rest") + hooks_code(hooks or {}) + SCHEMA + REST_SYNC + _tail(spec)


def local_connector_py(spec: Spec) -> str:
    files = spec.source_type == "file"
    parts = _header(spec, LOCAL_IMPORTS) + [
        constant("LOCATION_KEY", spec.config_keys()[0], "Configuration key holding the folder or database file"),
        constant("LOCATION", spec.location, "The path the request stated, used when the configuration has none"),
        constant("DRIVER", spec.driver, "The DB-API module that opens the database file"),
        constant("DATABASES", spec.databases, "A folder of databases with the same tables: the files to read "
                 "('' : the location is one database file)"),
        constant("SOURCE_COLUMN", spec.source_column, "The column naming the database file each row came from"),
        constant("CATALOG", spec.catalog, "'spec': the tables below; 'match': the database's own tables, read at "
                 "run time"),
        constant("WORDS", spec.words, "For 'match': the request's words naming the tables it wants (none: all)"),
        constant("GRAINS", spec.grains, "For 'match': the keys the request states, as words naming columns"),
        constant("SKIP_PARTS", spec.skip_parts, "For 'match': parts of table names the request turns down"),
        constant("RENAMES", spec.renames, "For 'match': destination names the request gives source tables"),
        constant("STRIP_PREFIX", spec.strip_prefix, "For 'match': a prefix taken off the tables' names (the "
                 "tables with it are the ones synced)"),
        constant("TABLES", {t.name: local_table(t, files) for t in spec.tables},
                 "Tables: " + ("the files (a pattern) and their format" if files else "source table, cursor, deletes")),
        constant("BATCH_SIZE", 1000, "Rows fetched per database round trip"),
        constant("CHECKPOINT_INTERVAL", spec.checkpoint_interval, "Checkpoint after this many rows"),
    ]
    return "\n".join(parts) + "\n\n" + engine("local") + SCHEMA + LOCAL_SYNC + _tail(spec)


def connector_py(spec: Spec, hooks: dict[str, str] | None = None) -> str:
    return rest_connector_py(spec, hooks) if spec.source_type == "rest" else local_connector_py(spec)


def configuration_json(spec: Spec) -> str:
    stated = {spec.config_keys()[0]: spec.base_url if spec.source_type == "rest" else spec.location}
    values = {key: stated.get(key) or f"<YOUR_{key.upper()}>" for key in spec.config_keys()}
    return json.dumps(values, indent=2) + "\n"


def requirements_txt(spec: Spec) -> str:
    # requests and the SDK are provided by Fivetran's runtime and must not be listed; duckdb is
    # installed with the SDK
    return ""


def project_files(spec: Spec, hooks: dict[str, str] | None = None) -> dict[str, str]:
    """The four files; `hooks` maps a table to the source of its checked, model-written parse_records."""
    spec.check()
    return {
        "connector.py": connector_py(spec, {t: h for t, h in (hooks or {}).items() if t in spec.table_names()}),
        "configuration.json": configuration_json(spec),
        "requirements.txt": requirements_txt(spec),
        "README.md": readme_md(spec),
    }
