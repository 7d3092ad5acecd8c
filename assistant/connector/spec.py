"""The connector spec: everything the composer needs, read from a request, settled by a probe of the
source, or loaded from a file.

Field names are the ones the generated connector's engine reads (assistant/connector/blocks): the
composer writes `AUTH`, `TABLES` and `RETRY` as JSON dumps of these models, and `revise` reads them
back, so there is no mapping between the two. Defaults are explicit and documented here; what the
request did not settle is listed in `unresolved`, never silently guessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from core import files
from core.errors import UsageError

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")  # configuration keys, field names and dotted paths
PARAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-\[\]]*$")  # query, body and GraphQL variable names
HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*$")
PATH = re.compile(r"^/[A-Za-z0-9_\-./{}~%:@,;=+*]*$")


def _check(pattern: re.Pattern[str], what: str, value: str) -> str:
    if value and not pattern.match(value):
        raise ValueError(f"{what} {value!r} has characters it cannot have")
    return value


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Auth(Part):
    kind: Literal["none", "bearer", "header", "query", "basic", "oauth2", "session"] = "none"
    token_key: str = "api_key"
    """Configuration key of the token or key (bearer, query)."""
    header_name: str = "X-API-Key"
    """For `header`: the header that carries the credential."""
    template: str = "{api_key}"
    """For `header`: the header's value, with {configuration_key} placeholders: `Token {api_token}`."""
    param_name: str = "api_key"
    """For `query`: the query parameter that carries the key."""
    username_key: str = "username"
    password_key: str = "password"
    password_value: str = ""
    """For `basic` without `password_key`: a fixed password the API documents (the word `api_token`)."""
    token_url: str = ""
    """For `oauth2`: the token endpoint, a path under the base URL or a full URL; "" reads `token_url_key`."""
    token_url_key: str = "token_url"
    client_id_key: str = "client_id"
    client_secret_key: str = "client_secret"
    style: Literal["form", "json", "basic"] = "form"
    """How the client credentials (or, for `session`, the login fields) are sent: form, JSON body, or HTTP basic."""
    scope: str = ""
    token_params: dict[str, str] = Field(default_factory=dict)
    """For `oauth2`: further fields of the token request the API requires (`audience`)."""
    token_field: str = "access_token"
    """The token's field in the token (or login) response; for `session` a dotted path such as `session.token`."""
    login: dict[str, str] = Field(default_factory=dict)
    """For `session`: the login request's fields -> the configuration keys that fill them. The token the
    login returns is sent as `header_name` with `template`, where {token} stands for it."""

    @field_validator("token_key", "param_name", "username_key", "password_key", "token_url_key", "client_id_key",
                     "client_secret_key", "token_field")
    @classmethod
    def _keys(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "password_key" and value == "":
            return value  # basic auth with an empty password (`curl -u "$KEY:"`)
        return _check(KEY, "the name", value)

    @field_validator("token_params")
    @classmethod
    def _token_params(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            _check(PARAM, "the token field", name)
        return value

    @field_validator("login")
    @classmethod
    def _login(cls, value: dict[str, str]) -> dict[str, str]:
        for name, key in value.items():
            _check(PARAM, "the login field", name)
            _check(KEY, "the name", key)
        return value

    @field_validator("header_name")
    @classmethod
    def _header(cls, value: str) -> str:
        return _check(HEADER, "the header", value)

    def config_keys(self) -> list[str]:
        return {
            "none": [], "bearer": [self.token_key], "query": [self.token_key],
            "header": re.findall(r"\{(\w+)\}", self.template),
            "basic": [self.username_key] + ([self.password_key] if self.password_key else []),
            "oauth2": ([] if self.token_url else [self.token_url_key]) + [self.client_id_key, self.client_secret_key],
            "session": ([] if self.token_url else [self.token_url_key]) + list(dict.fromkeys(self.login.values())),
        }[self.kind]


PIECE = re.compile(r"^(?:timestamp|timestamp_ms|method|path|path_query|body|body_sha256|signature|"
                   r"config:[A-Za-z_][A-Za-z0-9_.\-]*|"
                   r"header:[A-Za-z][A-Za-z0-9\-]*|text:.*)$", re.S)


class Computed(Part):
    """A header worked out for each request: a timestamp, a base64 pair (`ApiKey base64(id:key)`), an
    HMAC signature over the request (`hex hmac-sha256(secret, ts + method + path?query)`)."""

    parts: list[str] = Field(min_length=1)
    """What is joined, in order: `timestamp` (Unix seconds), `timestamp_ms`, `method`, `path`, `path_query`
    (the path with its query string, as sent), `body`, `body_sha256` (its hex SHA-256), `config:<key>`,
    `header:<name>` (an earlier header of this request), `signature` (the `signature` below, worked out
    first) and `text:<literal>`."""
    encode: Literal["plain", "base64", "hmac"] = "plain"
    algorithm: Literal["sha256", "sha1", "sha512", "md5"] = "sha256"
    """For `hmac`: the hash function."""
    secret_key: str = ""
    """For `hmac`: the configuration key of the signing secret."""
    digest: Literal["hex", "base64"] = "hex"
    prefix: str = ""
    """Written before the value (`ApiKey `)."""
    signature: Computed | None = None
    """What the `signature` part stands for: an HMAC worked out first (a template header's signature hole)."""

    @field_validator("parts")
    @classmethod
    def _parts(cls, value: list[str]) -> list[str]:
        for part in value:
            _check(PIECE, "the header piece", part)
        return value

    @field_validator("secret_key")
    @classmethod
    def _secret(cls, value: str) -> str:
        return _check(KEY, "the name", value)

    def config_keys(self) -> list[str]:
        named = [p.split(":", 1)[1] for p in self.parts if p.startswith("config:")]
        inner = self.signature.config_keys() if self.signature else []
        return [*named, *([self.secret_key] if self.encode == "hmac" and self.secret_key else []), *inner]


class Paging(Part):
    kind: Literal["none", "page", "offset", "cursor", "keyset", "link", "relay"] = "none"
    param: str = ""
    """The parameter that moves through the pages: page, offset, cursor, after_id, a GraphQL variable."""
    where: Literal["query", "body", "variables"] = "query"
    """Where paging parameters go: the query string, the JSON body, or the GraphQL variables."""
    first: int = 1
    """For `page`: the number of the first page."""
    size_param: str = ""
    size: int = Field(default=0, ge=0, le=10_000)
    """Records asked for per page (0: the server decides), within any maximum the API states."""
    total_pages: str = ""
    """For `page`: the response field holding the number of pages."""
    total: str = ""
    """For `offset`: the response field holding the number of records."""
    has_more: str = ""
    """The response field that says whether more pages follow."""
    next: str = ""
    """For `cursor`: the response field with the next token; for `link`: a body field with the next URL; for
    `page`: a field that is empty (null) on the last page."""
    next_header: str = ""
    """For `cursor`: a response header that carries the next token (`X-Next-Cursor`) instead of a body field."""
    field: str = ""
    """For `keyset`: the record field whose last value asks for the next page."""
    page_info: str = ""
    """For `relay`: the path of the connection's `pageInfo`."""

    @field_validator("param", "size_param")
    @classmethod
    def _params(cls, value: str) -> str:
        return _check(PARAM, "the parameter", value)

    @field_validator("total_pages", "total", "has_more", "next", "field", "page_info")
    @classmethod
    def _paths(cls, value: str) -> str:
        return _check(KEY, "the field", value)

    @field_validator("next_header")
    @classmethod
    def _next_header(cls, value: str) -> str:
        return _check(HEADER, "the header", value) if value else value


class Incremental(Part):
    field: str
    """Record field whose largest value is kept in state as the cursor."""
    param: str = ""
    """Parameter that sends the saved cursor (empty: the table is read in full, the cursor only tracks)."""
    where: Literal["query", "body", "variables"] = "query"
    sent_as: Literal["iso", "unix"] = "iso"
    """How the parameter wants the time: ISO 8601 (as the records hold it, in UTC) or Unix seconds."""
    template: str = ""
    """The parameter's value around the cursor, `{cursor}` standing for it (OData: `ModifiedAt gt {cursor}`)."""

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        if value and (value.count("{cursor}") != 1 or re.search(r"[{}]", value.replace("{cursor}", ""))):
            raise ValueError(f"the template {value!r} must hold `{{cursor}}` once and no other braces")
        return value


class Deletes(Part):
    flag: str = ""
    """A record field that marks a deleted record (`is_deleted`): such records become deletes."""
    flag_value: str = ""
    """The value of `flag` that means deleted (`status` = `trash`); empty: any true value."""
    path: str = ""
    """An endpoint listing deleted ids."""
    ids: str = ""
    """Where the ids sit in that endpoint's response (dotted path; "" = the response is the list)."""
    since_param: str = ""
    """Parameter that asks the deletes endpoint for what changed since the previous sync started."""


class DeletionLog(Part):
    """Database sources: a table the source writes a row to for each row it deletes (a trigger's tombstones)."""

    table: str
    key_column: str
    """Its column holding the deleted row's key."""
    order_column: str
    """Its column that only grows (seq, deleted_at): the next sync reads the entries after the last one."""

    @field_validator("table", "key_column", "order_column")
    @classmethod
    def _names(cls, value: str) -> str:
        return _check(KEY, "the name", value)


class Parent(Part):
    table: str
    keys: dict[str, str] = Field(default_factory=dict)
    """Parent field -> the column that carries it in each child row (`{"id": "vehicle_id"}`)."""
    array: str = ""
    """The child rows are this array field of each parent record (no request of their own)."""
    included: str = ""
    """The child rows are a second list in the parent's responses (JSON:API `included`), of `type` if given."""
    type: str = ""

    @field_validator("array", "included", "type")
    @classmethod
    def _fields(cls, value: str) -> str:
        return _check(KEY, "the field", value)


class Job(Part):
    """An API that exports instead of listing: POST the table's request to start a job, GET `status_path`
    until its state is done, then download the file(s) its answer links (CSV, JSON lines or JSON, gzipped
    or not)."""
    status_path: str
    """The job's status endpoint; `{id}` stands for the id the POST answered with."""
    id_field: str = "id"
    state_field: str = "status"
    files: str = ""
    """Dotted path of the download link or links in the finished job's answer ("" = found by shape)."""


class WindowEnd(Part):
    path: str = ""
    """An endpoint that says up to when data is complete (and, perhaps, since when there is any)."""
    field: str = ""
    """Its field with the last complete day."""
    start_field: str = ""
    """Its field with the first day there is data for: the start when the configuration names none."""


class Window(Part):
    from_param: str
    to_param: str
    days: int = Field(default=1, ge=1)
    start_key: str = "start_date"
    """Configuration key of the first day to read ("": the window end's `start_field` says it)."""
    to_exclusive: bool = True
    end: WindowEnd = Field(default_factory=WindowEnd)
    ahead_days: int = Field(default=0, ge=0, le=3660)
    """Days past today the source holds data for (bookings a year ahead): read up to then, and read the
    windows from today on again each sync, since what lies ahead still changes."""
    lookback_days: int = Field(default=0, ge=0, le=366)
    """Days before where the last sync stopped that each sync reads again (late data restates them)."""


class Table(Part):
    name: str
    path: str = ""
    """Path under the base URL, e.g. /api/events; a child's path may use its parent's fields: /users/{id}/orders."""
    method: Literal["GET", "POST"] = "GET"
    params: dict[str, str] = Field(default_factory=dict)
    """Query parameters sent on every request of this table."""
    body: dict[str, Any] | None = None
    """The JSON body of a POST (e.g. a search), without the paging fields."""
    graphql: str = ""
    """A GraphQL query; the request is POST {"query": ..., "variables": ...}."""
    variables: dict[str, Any] = Field(default_factory=dict)
    records: str = ""
    """Dotted path of the records list in the response ("" = the response is the list)."""
    xml_record: str = ""
    """XML responses: the element that holds one record (`entry`)."""
    xml_body: str = ""
    """A POST body written as XML (a SOAP envelope), from the request's example: each leaf element named in
    `body` takes that value on each request (`{key}`: a configuration value; null: the element is left out)."""
    keyed_by: str = ""
    """The records are an object keyed by each record's id (`{"<person_id>": {...}}`): the column that holds the key."""
    skip_flag: str = ""
    """A yes/no field of the records that marks those the request does not want (`refunded`): a record whose
    flag is true (`true`, `"true"`, `1`) is not synced, nor are its children."""
    primary_key: list[str] = Field(default_factory=lambda: ["id"])
    """Empty: Fivetran adds a hashed `_fivetran_id` (no updates or deletes by key)."""
    find_key: bool = False
    """The request neither stated nor showed the key: the connector reads the first page when it runs and
    keeps `primary_key` if the records carry it uniquely, else takes a field that is (id-like names first)."""
    pagination: Paging = Field(default_factory=Paging)
    incremental: Incremental | None = None
    deletes: Deletes | None = None
    parent: Parent | None = None
    window: Window | None = None
    job: Job | None = None
    # files and databases
    files: str = ""
    """File sources: a glob pattern of the files that hold this table's rows (`orders_*.csv`); `**/` in front
    looks in every folder below (`**/*.jsonl` for `2024/07/01/09.jsonl.gz`)."""
    format: Literal["csv", "jsonl", "json", "fixed"] = "csv"
    delimiter: str = ""
    route: dict[str, str] = Field(default_factory=dict)
    """File sources: only the lines whose field matches a glob belong to this table (`{"type": "invoice.*"}`),
    when one stream of events feeds several tables. `records` then names the record inside each line
    (`data.object`)."""
    name_column: str = ""
    """File sources: a column holding the part of each file's name that varies (`S01_20240902` of
    `count_S01_20240902.txt`), for rows whose identity is partly in the name (a store, a date)."""
    name_columns: list[str] = Field(default_factory=list)
    """File sources: columns filled from the parts of the varying part of each file's name, split at `_` and
    `-` (`store_code`, `business_date` from `LIS01_20241014`; eight digits that make a date become one)."""
    member_column: str = ""
    """Zip archives of data files: the column that holds each member's name (`commodity` from `gas.csv`)."""
    folder_columns: list[str] = Field(default_factory=list)
    """File sources in folders below the configured one: a column per folder level of each file's path
    (`region`, `drop_date` from `emea/2024/09/01/`; a year, month and day folder make one date)."""
    snapshot: bool = False
    """File sources: each file is the whole table, so keys missing from the newest file are deleted."""
    source_table: str = ""
    """Database sources: the table (or view) to read."""
    schemas: list[str] = Field(default_factory=list)
    """Database sources: schemas whose same-named table all feed this one (`de.invoices`, `fr.invoices`);
    each row carries its schema's name in `schema_column`, which leads the key."""
    schema_column: str = ""
    cursor_column: str = ""
    """Database sources: a column that only grows (updated_at, id); rows at or above the saved value are read."""
    deleted_column: str = ""
    """Files and databases: a column that marks deleted rows (deleted_at set, or is_deleted true)."""
    deleted_value: str = ""
    """A status column's value for deleted rows (`D` of `REC_STATUS`); empty: any true-ish value marks them."""
    columns: list[str] = Field(default_factory=list)
    """File sources: the column names of files written without a header line, from the request's layout."""
    positions: list[list[int]] = Field(default_factory=list)
    """Fixed-width files (format `fixed`): each column's first and last position, counted from 1."""
    ready: str = ""
    """File sources: the suffix of the marker file that says a data file is complete (`.CTL`, `.done`)."""
    deletion_log: DeletionLog | None = None
    """Database sources: the table that logs this table's deletes; each entry becomes op.delete."""

    def has_request(self) -> bool:
        """Whether a REST table is read by anything: a path, a GraphQL query, an XML body sent to the
        configured endpoint itself, or its parent's records."""
        return bool(self.path or self.graphql or self.xml_body or (self.parent and (self.parent.array or
                                                                                    self.parent.included)))

    @field_validator("name")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not IDENTIFIER.match(value):
            raise ValueError("table names are lower snake_case (the SDK renames others)")
        return value

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if value and not PATH.match(value):
            raise ValueError("endpoints are paths under the base URL: they start with '/' and hold no spaces")
        return value

    @field_validator("route")
    @classmethod
    def _route(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            _check(KEY, "the field", name)
        return value

    @field_validator("name_column", "member_column")
    @classmethod
    def _name_column(cls, value: str) -> str:
        return _check(IDENTIFIER, "the column", value)

    @field_validator("folder_columns")
    @classmethod
    def _folder_columns(cls, value: list[str]) -> list[str]:
        return [_check(IDENTIFIER, "the column", name) for name in value]

    @field_validator("name_columns")
    @classmethod
    def _name_columns(cls, value: list[str]) -> list[str]:
        return [_check(IDENTIFIER, "the column", name) for name in value]

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: list[str]) -> list[str]:
        return [_check(KEY, "the column", name) for name in value]

    @field_validator("positions")
    @classmethod
    def _positions(cls, value: list[list[int]]) -> list[list[int]]:
        for pair in value:
            if len(pair) != 2 or not 1 <= pair[0] <= pair[1]:
                raise ValueError(f"a fixed-width column is [first, last] position counted from 1, not {pair}")
        return value

    @field_validator("ready")
    @classmethod
    def _ready(cls, value: str) -> str:
        if value and not re.fullmatch(r"\.[A-Za-z0-9_]{1,12}", value):
            raise ValueError(f"a marker file's suffix is a short word such as .done, not {value!r}")
        return value

    @field_validator("schemas")
    @classmethod
    def _schemas(cls, value: list[str]) -> list[str]:
        return [_check(KEY, "the schema", name) for name in value]

    @field_validator("records", "xml_record", "keyed_by", "skip_flag", "cursor_column", "deleted_column",
                     "source_table", "schema_column")
    @classmethod
    def _fields(cls, value: str) -> str:
        return _check(KEY, "the name", value)

    @field_validator("primary_key")
    @classmethod
    def _primary_key(cls, value: list[str]) -> list[str]:
        for key in value:
            _check(KEY, "the key", key)
        return value


class RateLimit(Part):
    remaining: str = ""
    """Response header with the requests left, e.g. X-RateLimit-Remaining."""
    reset: str = ""
    """Response header with the seconds (or the Unix time) until the quota resets."""


class Retry(Part):
    statuses: list[int] = Field(default_factory=lambda: [429, 500, 502, 503, 504])
    attempts: int = Field(default=6, ge=1, le=20)
    invalid_body: bool = True
    """Retry a body that is cut off or is not JSON."""
    rate_limit: RateLimit = Field(default_factory=RateLimit)
    graphql_retry: list[str] = Field(default_factory=lambda: ["RATE_LIMITED", "THROTTLED", "TOO_MANY_REQUESTS"])
    """GraphQL error codes that are temporary: the request is repeated after a pause."""


class Spec(Part):
    name: str = "my_connector"
    description: str = ""
    source_type: Literal["rest", "file", "database"] = "rest"
    base_url_key: str = "base_url"
    base_url: str = ""
    """A base URL stated in the request; it goes into configuration.json (it is not a secret)."""
    location_key: str = ""
    """File and database sources: the configuration key of the folder or the database file."""
    location: str = ""
    """A folder or database path stated in the request; it goes into configuration.json."""
    driver: Literal["sqlite3", "duckdb"] = "sqlite3"
    """Database sources: the DB-API module that opens the file."""
    databases: str = ""
    """Database sources: the location is a folder, and every file matching this glob (`store_*.db`) is a
    database with the same tables; each table's rows from all of them go into one table."""
    source_column: str = ""
    """With `databases`: the column that says which file a row came from (the part of the file's name the
    glob's `*` matched); it leads every table's primary key, since ids repeat across files."""
    catalog: Literal["spec", "match"] = "spec"
    """Database sources: `spec` syncs the tables listed; `match` (the file could not be read before the
    code was written) reads the database's own catalog when the connector runs, syncs the tables that
    `words` name (all of them when they name none) and applies the one listed table's settings to each."""
    words: list[str] = Field(default_factory=list)
    grains: list[list[str]] = Field(default_factory=list)
    """For `match`: the keys the request states, as words (`one row per student, course_code and term`); each
    table without a declared key takes the first whose words name columns its rows hold uniquely."""
    skip_parts: list[str] = Field(default_factory=list)
    """For `match`: parts of table names the request turns down ("skip the audit/log ones"): a table with such
    a part is not synced, unless every table has one."""
    renames: dict[str, str] = Field(default_factory=dict)
    """For `match`: destination names the request gives tables (`tbl_cust` as `customers`); applied to the
    tables the database has, when it has them."""
    strip_prefix: str = ""
    """For `match`: a prefix the request wants off the tables' names (`clinic_`); the tables with it are the
    ones synced."""
    auth: Auth = Field(default_factory=Auth)
    headers: dict[str, str] = Field(default_factory=dict)
    """Fixed headers every request sends (`Accept: application/vnd.api+json`)."""
    computed_headers: dict[str, Computed] = Field(default_factory=dict)
    """Headers worked out for each request, in order (a timestamp header before the signature that uses it)."""
    retry: Retry = Field(default_factory=Retry)
    tables: list[Table] = Field(min_length=1)
    extra_config: list[str] = Field(default_factory=list)
    """Configuration keys the request names beyond the base URL and credentials (start_date, ...)."""
    nested: Literal["flatten", "json"] = "flatten"
    checkpoint_interval: int = Field(default=1000, ge=1)
    setup_form: bool = False
    """Add a setup form (`configuration_form`, SDK 3): a field per configuration key, and a connection test
    that reads the first table's first page."""
    unresolved: list[str] = Field(default_factory=list)
    """Facts the request did not settle; shown back to the user."""

    @field_validator("headers", "computed_headers")
    @classmethod
    def _headers(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            _check(HEADER, "the header", name)
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not IDENTIFIER.match(value):
            raise ValueError("the connector name is lower snake_case")
        return value

    @field_validator("databases")
    @classmethod
    def _databases(cls, value: str) -> str:
        return _check(re.compile(r"^[\w.\-*?]+$"), "the file pattern", value)

    @field_validator("source_column")
    @classmethod
    def _source_column(cls, value: str) -> str:
        return _check(IDENTIFIER, "the column", value)

    @field_validator("base_url_key", "location_key")
    @classmethod
    def _key(cls, value: str) -> str:
        return _check(KEY, "the configuration key", value)

    @field_validator("grains")
    @classmethod
    def _grains(cls, value: list[list[str]]) -> list[list[str]]:
        for grain in value:
            for word in grain:
                _check(KEY, "the key word", word)
        return value

    @field_validator("extra_config", "words")
    @classmethod
    def _extra(cls, value: list[str]) -> list[str]:
        for key in value:
            _check(KEY, "the configuration key", key)
        return value

    @field_validator("skip_parts")
    @classmethod
    def _parts(cls, value: list[str]) -> list[str]:
        for part in value:
            _check(re.compile(r"^[a-z0-9]+$"), "the table-name part", part)
        return value

    @field_validator("renames")
    @classmethod
    def _renames(cls, value: dict[str, str]) -> dict[str, str]:
        for source, name in value.items():
            _check(KEY, "the source table", source)
            _check(IDENTIFIER, "the table name", name)
        return value

    @field_validator("strip_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        return _check(KEY, "the table-name prefix", value)

    def table_names(self) -> list[str]:
        return [t.name for t in self.tables]

    def runtime_scope(self, every: str = "none, so every table") -> str:
        """For `match`: which of the database's tables are synced and under what names, in words (the
        report and the README say it alike)."""
        parts = [", ".join(f"`{w}`" for w in self.words) or every]
        if self.skip_parts:
            parts.append("not those with " + " or ".join(f"`{p}`" for p in self.skip_parts) + " in their names")
        if self.strip_prefix:
            parts.append(f"only those starting `{self.strip_prefix}`, landed without it")
        if self.renames:
            parts.append("landing " + ", ".join(f"`{a}` as `{b}`" for a, b in self.renames.items()))
        return "; ".join(parts)

    def pagination(self) -> str:
        """The pagination styles the tables use: "cursor, offset", or "none"."""
        kinds = [t.pagination.kind for t in self.tables if t.pagination.kind != "none"]
        return ", ".join(dict.fromkeys(kinds)) or "none"

    def config_keys(self) -> list[str]:
        if self.source_type != "rest":
            keys = [self.location_key or ("folder" if self.source_type == "file" else "database_path")]
        else:
            keys = [self.base_url_key, *self.auth.config_keys(),
                    *(k for h in self.computed_headers.values() for k in h.config_keys())]
        keys += [t.window.start_key for t in self.tables if t.window and t.window.start_key]
        keys += [k for t in self.tables if t.xml_body for v in (t.body or {}).values()
                 for k in re.findall(r"\{(\w+)\}", str(v or ""))]  # credentials written into an XML body
        return list(dict.fromkeys([*keys, *self.extra_config]))

    def check(self) -> Spec:
        names = [t.name for t in self.tables]
        if len(set(names)) != len(names):
            raise UsageError("the spec names a table twice")
        for table in self.tables:
            if table.parent and table.parent.table not in names and self.catalog != "match":
                raise UsageError(f"table {table.name!r} has parent {table.parent.table!r}, which is not a table")
            if self.source_type == "rest" and not table.has_request():
                raise UsageError(f"table {table.name!r} needs an endpoint")
            if self.source_type == "database" and self.catalog == "spec" and not table.source_table and \
                    not (table.parent and table.parent.array):
                raise UsageError(f"table {table.name!r} needs a source_table")
        return self


def load(path: Path) -> Spec:
    """Read a JSON or YAML spec file and check it against the schema."""
    text = files.read_text(path, "spec")
    try:
        data = yaml.safe_load(text) if path.suffix.lower() in (".yaml", ".yml") else json.loads(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: not valid {'YAML' if path.suffix in ('.yaml', '.yml') else 'JSON'} ({exc})") from exc
    try:
        return Spec.model_validate(data).check()
    except ValidationError as exc:
        raise UsageError(f"{path}: the spec fails its schema at {where(exc)}") from exc


def where(exc: ValidationError) -> str:
    """The first schema failure, as `tables.0.name: message`."""
    first = exc.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc']) or 'top level'}: {first['msg']}"
