"""The generated project's README.md: what the connector does, its configuration, tables and tests."""

from __future__ import annotations

from assistant.connector.spec import Spec, Table
from core.secrets import SECRET_NAME


def _table_line(spec: Spec, t: Table) -> str:
    key = f"primary key {', '.join(f'`{k}`' for k in t.primary_key)}" if t.primary_key else "no primary key"
    if spec.source_type == "file":
        return f"- `{t.name}`: files `{t.files}` ({t.format}), {key}; a file is read again only when it changes"
    if spec.source_type == "database" and spec.catalog == "match":
        words = spec.runtime_scope("none, so every table is synced")
        return (f"- The database's own tables, read when the connector runs, that these words name: {words}. Each is "
                f"keyed by {key if t.primary_key else 'its own primary key'} where it has it (else its own primary "
                "key, else `id`)" + (f", incremental on `{t.cursor_column}`" if t.cursor_column else "")
                + (f", rows marked by `{t.deleted_column}` are deleted" if t.deleted_column else ""))
    if spec.source_type == "database":
        return (f"- `{t.name}`: table `{t.source_table}`, {key}"
                + (f", incremental on `{t.cursor_column}`" if t.cursor_column else ", full sync")
                + (f", rows marked by `{t.deleted_column}` are deleted" if t.deleted_column else "")
                + (f", rows logged in `{t.deletion_log.table}` (by `{t.deletion_log.key_column}`) are deleted"
                   if t.deletion_log else ""))
    request = f"`{t.method} {t.path}`" if t.path else (
        f"the `{t.parent.included}` list of `{t.parent.table}` responses" if t.parent and t.parent.included else
        f"the `{t.parent.array}` array of each `{t.parent.table}` row" if t.parent else "?")
    line = f"- `{t.name}`: {request}, records at `{t.records or t.xml_record or '<top level>'}`, {key}"
    line += f", {t.pagination.kind} pagination" if t.pagination.kind != "none" else ""
    line += f", incremental on `{t.incremental.field}`" if t.incremental else ", full sync"
    line += f", one request per `{t.parent.table}` row" if t.parent and t.path else ""
    line += ", one request per time window" if t.window else ""
    return line + (", deletes read from the source" if t.deletes else "")


def _readme_tables(spec: Spec) -> str:
    return "\n".join(_table_line(spec, t) for t in spec.tables)


def _readme_features(spec: Spec) -> str:
    form = ("\n- A setup form (`configuration_form`): a field per configuration key, secrets as passwords, and a "
            "connection test; run it with `fivetran configuration --test`") if spec.setup_form else ""
    return _source_features(spec) + form


def _source_features(spec: Spec) -> str:
    if spec.source_type == "rest":
        limits = " and `X-RateLimit-*` quotas" if spec.retry.rate_limit.remaining else ""
        return (f"- Authentication: {spec.auth.kind}\n"
                f"- Retries connection errors, {', '.join(map(str, spec.retry.statuses))} and bodies cut off, with "
                f"exponential backoff, honouring `Retry-After`{limits}; fails fast on 401, 403 and 404\n"
                f"- Checkpoints every {spec.checkpoint_interval} rows and at the end of each table\n"
                f"- Nested objects: {spec.nested}; only primary keys are declared, so new fields and type "
                "changes flow through")
    if spec.source_type == "file":
        return ("- Reads CSV (header row, delimiter detected), JSON-lines (also .gz) or JSON files one record at a "
                "time\n- Each file's modification time is kept in state: a file is read again only when it changes; "
                "a checkpoint after each file")
    incremental = any(t.cursor_column for t in spec.tables)
    return (f"- Opens the database read-only with `{spec.driver}` and reads in batches with `fetchmany`"
            + (", ordered by the cursor column\n- Incremental by the cursor column (rows at or after the saved value, "
               "so rows written in the same second are not missed)" if incremental else "\n- A full read each sync")
            + "; a checkpoint after each batch")


TROUBLE = {
    "rest": ("- HTTP 401/403: the credentials in `configuration.json` are wrong or lack access.\n"
             "- HTTP 404: the base URL or an endpoint path is wrong.\n"
             "- Repeated 429s or 5xx: the connector backs off and retries up to {attempts} times, then stops."),
    "file": "- \"Configured folder does not exist\": check the folder path in `configuration.json`.",
    "database": ("- \"Configured database file does not exist\": check the path in `configuration.json`.\n"
                 "- \"no such table\": the table was renamed or dropped in the source; generate again."),
}


def _secret_or_setting(key: str) -> str:
    return "secret, keep it out of version control" if SECRET_NAME.search(key) else "a setting the request names"


def readme_md(spec: Spec) -> str:
    meaning = {spec.config_keys()[0]: {"rest": "base URL of the API", "file": "folder holding the files",
                                       "database": "path of the database file"}[spec.source_type]}
    meaning.update({t.window.start_key: "first day to read (YYYY-MM-DD)" for t in spec.tables
                    if t.window and t.window.start_key})
    config = "\n".join(f"- `{k}`: {meaning.get(k) or _secret_or_setting(k)}" for k in spec.config_keys())
    return README_TEMPLATE.format(
        name=spec.name, description=spec.description or "A Fivetran Connector SDK connector for a REST API.",
        features=_readme_features(spec), config=config, tables=_readme_tables(spec),
        unresolved="\n".join(f"- {u}" for u in spec.unresolved) or "- None recorded.",
        troubleshooting=TROUBLE[spec.source_type].format(attempts=spec.retry.attempts))


README_TEMPLATE = """# {name}

## Connector overview
{description} Generated by csdk-assistant from a
spec built from the project's own tested building blocks.

## Requirements
- Python 3.10-3.13 and `fivetran-connector-sdk` 3.x (`pip install fivetran-connector-sdk`)

## Getting started
See the [Connector SDK getting started guide](https://fivetran.com/docs/connector-sdk/getting-started).

## Features
{features}

## Configuration file
Fill in `configuration.json` (every value is a string):
{config}

## Tables
{tables}

## Testing
```
fivetran debug --configuration configuration.json
```
The run writes `files/warehouse.db` (DuckDB, schema `tester`) and `files/state.json`. Check the operation
counts it prints and the row counts per table. `fivetran reset` clears the local state for a fresh run.

## Troubleshooting
{troubleshooting}

## Known limitations and assumptions
{unresolved}

## Additional considerations
This example was generated automatically and is meant as a starting point; review it before production use.
See the [best practices](https://fivetran.com/docs/connector-sdk/best-practices) and the
[examples repository](https://github.com/fivetran/connector_sdk/tree/main/examples).
"""
