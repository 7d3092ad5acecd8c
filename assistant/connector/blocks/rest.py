"""REST building blocks. Module-level names the blocks read (TABLES, PAGINATION, AUTH, ...) are
written into connector.py by the composer from the spec."""

# ruff: noqa: N802
from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

# Placeholders the composer replaces with the spec's values.
TABLES: dict = {}
PAGINATION: dict = {}
AUTH: dict = {}
BASE_URL_KEY = "base_url"
REQUIRED_CONFIG: list = []
CHECKPOINT_INTERVAL = 1000
MAX_RETRIES = 5
REQUEST_TIMEOUT = 30
NESTED = "flatten"


def validate_configuration(configuration: dict):
    """
    Check that every required configuration value is present before any request is made.
    Args:
        configuration: the connector configuration (all values are strings).
    Raises:
        ValueError: if a required value is missing or empty.
    """
    missing = [key for key in REQUIRED_CONFIG if not str(configuration.get(key, "")).strip()]
    if missing:
        raise ValueError(f"Missing required configuration value(s): {', '.join(missing)}")


# --- authentication: one variant is copied in as build_session --------------------------------------


def build_session__none(configuration: dict):
    """Create an HTTP session; this API needs no authentication."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    return session


def build_session__bearer(configuration: dict):
    """Create an HTTP session that sends the token as `Authorization: Bearer <token>`."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.headers["Authorization"] = f"Bearer {configuration[AUTH['token_key']]}"
    return session


def build_session__api_key_header(configuration: dict):
    """Create an HTTP session that sends the API key in a header on every request."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.headers[AUTH["header_name"]] = configuration[AUTH["token_key"]]
    return session


def build_session__api_key_query(configuration: dict):
    """Create an HTTP session that sends the API key as a query parameter on every request."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.params = {AUTH["param_name"]: configuration[AUTH["token_key"]]}
    return session


def build_session__basic(configuration: dict):
    """Create an HTTP session that uses HTTP basic authentication."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = (configuration[AUTH["username_key"]], configuration[AUTH["password_key"]])
    return session


def build_session__oauth2(configuration: dict):
    """Create an HTTP session with an access token from the OAuth2 client-credentials grant."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    response = session.post(
        configuration[AUTH["token_url_key"]],
        data={
            "grant_type": "client_credentials",
            "client_id": configuration[AUTH["client_id_key"]],
            "client_secret": configuration[AUTH["client_secret_key"]],
        },
        timeout=REQUEST_TIMEOUT,
    )
    if response.status_code in (400, 401, 403):
        raise RuntimeError(
            f"OAuth2 token request was refused (HTTP {response.status_code}); check the client id and secret"
        )
    response.raise_for_status()
    session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return session


# --- shared helpers ----------------------------------------------------------------------------------


def get_json(session, url: str, params: dict):
    """
    GET a URL and return (parsed JSON, response), retrying what can succeed on a later attempt.
    429 and 5xx responses are retried with exponential backoff, honouring Retry-After; 401, 403 and
    404 are not retried, because repeating the request cannot fix credentials or a wrong path.
    """
    for attempt in range(MAX_RETRIES + 1):
        try:
            response = session.get(url, params=params, timeout=REQUEST_TIMEOUT)
        except (requests.ConnectionError, requests.Timeout) as exc:
            if attempt == MAX_RETRIES:
                raise RuntimeError(f"Could not reach {url} after {MAX_RETRIES + 1} attempts: {exc}") from exc
            time.sleep(min(60, 2**attempt))
            continue
        if response.status_code in (401, 403):
            raise RuntimeError(f"Access denied by {url} (HTTP {response.status_code}); check the credentials")
        if response.status_code == 404:
            raise RuntimeError(f"Not found: {url} (HTTP 404); check the base URL and endpoint")
        if response.status_code == 429 or response.status_code >= 500:
            if attempt == MAX_RETRIES:
                raise RuntimeError(f"{url} kept failing with HTTP {response.status_code}")
            retry_after = response.headers.get("Retry-After", "")
            delay = float(retry_after) if retry_after.replace(".", "", 1).isdigit() else min(60, 2**attempt)
            log.warning(f"HTTP {response.status_code} from {url}; retrying in {delay:.0f} s")
            time.sleep(delay)
            continue
        response.raise_for_status()
        return response.json(), response
    raise RuntimeError(f"Request to {url} failed")


def records_at(payload, path: str):
    """Return the list of records at a dotted path such as `data.items`; an empty path means the payload."""
    value = payload
    for part in [p for p in path.split(".") if p]:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise RuntimeError(f"Expected a list of records at '{path or '<top level>'}', got {type(value).__name__}")
    return value


def value_at(payload, path: str):
    """Return the value at a dotted path, or None."""
    value = payload
    for part in [p for p in path.split(".") if p]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def prepare_record(record: dict):
    """
    Shape one record for the destination: nested objects are flattened into `parent_child` columns
    (or kept as JSON strings), lists become JSON strings, and timestamps stay as they are.
    """
    if NESTED == "json":
        return {k: json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for k, v in record.items()}
    flat = {}

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}_{key}" if prefix else key, inner)
        elif isinstance(value, list):
            flat[prefix] = json.dumps(value, sort_keys=True)
        else:
            flat[prefix] = value

    walk("", record)
    return flat


def note_types(table: str, row: dict, seen: dict):
    """
    Schema evolution: new columns simply flow through, but a column whose values change type
    (say from int to str) is logged once, since the destination keeps the first type it saw.
    """
    types = seen.setdefault(table, {})
    for key, value in row.items():
        if value is None:
            continue
        kind = type(value).__name__
        before = types.setdefault(key, kind)
        if before != kind:
            log.warning(f"{table}.{key}: values changed type from {before} to {kind}")
            types[key] = kind


def to_utc(value):
    """Normalise an ISO-8601 timestamp to UTC, so cursors compare correctly across time zones."""
    if not isinstance(value, str) or not value:
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


# --- pagination: one variant is copied in as fetch_pages ---------------------------------------------
# Each yields one page of raw records at a time, so no table is ever held in memory whole.


def fetch_pages__none(session, url: str, params: dict, records_path: str):
    """The endpoint returns everything in one response."""
    payload, _ = get_json(session, url, params)
    yield records_at(payload, records_path)


def fetch_pages__cursor(session, url: str, params: dict, records_path: str):
    """Follow the cursor token the API returns until it stops returning one (or says there is no more)."""
    query = dict(params)
    if PAGINATION.get("size_param"):
        query[PAGINATION["size_param"]] = PAGINATION["page_size"]
    while True:
        payload, _ = get_json(session, url, query)
        records = records_at(payload, records_path)
        yield records
        token = value_at(payload, PAGINATION["cursor_field"])
        has_more = value_at(payload, PAGINATION["has_more_field"]) if PAGINATION.get("has_more_field") else None
        if not token or has_more is False or not records:
            break
        query[PAGINATION["cursor_param"]] = token


def fetch_pages__page(session, url: str, params: dict, records_path: str):
    """Request page 1, 2, 3, ... until a page comes back short or empty."""
    page = PAGINATION.get("first_page", 1)
    while True:
        query = dict(params, **{PAGINATION["page_param"]: page, PAGINATION["size_param"]: PAGINATION["page_size"]})
        payload, _ = get_json(session, url, query)
        records = records_at(payload, records_path)
        yield records
        if len(records) < PAGINATION["page_size"]:
            break
        page += 1


def fetch_pages__offset(session, url: str, params: dict, records_path: str):
    """Advance an offset by the number of records received until a short page or the reported total."""
    offset = 0
    while True:
        query = dict(params, **{PAGINATION["offset_param"]: offset, PAGINATION["size_param"]: PAGINATION["page_size"]})
        payload, _ = get_json(session, url, query)
        records = records_at(payload, records_path)
        yield records
        offset += len(records)
        total = value_at(payload, PAGINATION["total_field"]) if PAGINATION.get("total_field") else None
        if len(records) < PAGINATION["page_size"] or (total is not None and offset >= int(total)):
            break


def fetch_pages__link(session, url: str, params: dict, records_path: str):
    """Follow the next-page URL from the `Link` header (rel="next") or from a field of the body."""
    next_url, query = url, dict(params)
    if PAGINATION.get("size_param"):
        query[PAGINATION["size_param"]] = PAGINATION["page_size"]
    while next_url:
        payload, response = get_json(session, next_url, query)
        yield records_at(payload, records_path)
        link = response.links.get("next", {}).get("url")
        if not link and PAGINATION.get("next_url_field"):
            link = value_at(payload, PAGINATION["next_url_field"])
        next_url, query = link, {}


# --- syncing ---------------------------------------------------------------------------------------------


def sync_table(session, table: str, spec: dict, state: dict, url: str, extra: dict, on_row=None):
    """
    Upsert every record of one table, page by page, and checkpoint regularly.
    The incremental cursor (the largest value of the spec's incremental field) is saved in state,
    and only records newer than it are requested on the next sync. `on_row` is called with each
    row, so child tables can be fetched per parent row without keeping the parents in memory.
    """
    table_state = state.setdefault(table, {})
    params = {}
    cursor = table_state.get("cursor")
    if spec.get("incremental_field") and spec.get("incremental_param") and cursor:
        params[spec["incremental_param"]] = cursor
    count = 0
    newest = cursor
    nulls = {key: 0 for key in spec["primary_key"]}
    seen_types: dict = {}
    for records in fetch_pages(session, url, params, spec["records_path"]):
        for record in records:
            row = prepare_record(record)
            row.update(extra)
            if spec.get("incremental_field"):
                value = to_utc(value_at(record, spec["incremental_field"]))
                if value is not None and (newest is None or str(value) > str(newest)):
                    newest = value
            note_types(table, row, seen_types)
            for key in nulls:
                nulls[key] += row.get(key) is None
            # The upsert inserts the row, or updates it if its primary key is already in the destination.
            op.upsert(table=table, data=row)
            count += 1
            if on_row is not None:
                on_row(row)
            if count % CHECKPOINT_INTERVAL == 0:
                table_state["cursor"] = newest
                # Checkpoint: everything upserted so far is committed and the sync can resume from here.
                op.checkpoint(state=state)
    table_state["cursor"] = newest
    # Checkpoint at the end of the table, so a later failure does not repeat it.
    op.checkpoint(state=state)
    log.info(f"{table}: {count} rows; null primary keys: {nulls}")
    return count


def sync_deletes(session, base_url: str, table: str, spec: dict):
    """Mark rows deleted in the source as deleted in the destination (a soft delete)."""
    url = base_url + spec["deletes_endpoint"]
    payload, _ = get_json(session, url, {})
    deleted = 0
    for item in records_at(payload, spec.get("deletes_path", "")):
        keys = item if isinstance(item, dict) else {spec["primary_key"][0]: item}
        # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys={key: keys.get(key) for key in spec["primary_key"]})
        deleted += 1
    log.info(f"{table}: {deleted} rows marked deleted")


# In a generated connector these two names are the variants the spec chose.
build_session = build_session__none
fetch_pages = fetch_pages__none
