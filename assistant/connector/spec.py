"""The connector spec: everything the composer needs, extracted from a request or read from a file.

Defaults are explicit and documented here; what the request did not settle is listed in
`unresolved`, never silently guessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from core.errors import UsageError

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


class Auth(BaseModel):
    kind: Literal["none", "bearer", "api_key_header", "api_key_query", "basic", "oauth2"] = "none"
    header_name: str = "X-API-Key"
    """Header carrying the key, for api_key_header."""
    param_name: str = "api_key"
    """Query parameter carrying the key, for api_key_query."""

    def config_keys(self) -> list[str]:
        return {
            "none": [], "bearer": ["api_token"], "api_key_header": ["api_key"], "api_key_query": ["api_key"],
            "basic": ["username", "password"], "oauth2": ["token_url", "client_id", "client_secret"],
        }[self.kind]


class Pagination(BaseModel):
    kind: Literal["none", "page", "offset", "cursor", "link"] = "none"
    cursor_field: str = "next_cursor"
    """Where the next page's token sits in the response (dotted path), for cursor."""
    cursor_param: str = "cursor"
    """Query parameter that sends the token back, for cursor."""
    has_more_field: str = ""
    """Optional boolean in the response that says whether more pages follow."""
    page_param: str = "page"
    offset_param: str = "offset"
    size_param: str = "limit"
    page_size: int = Field(default=100, ge=1, le=10_000)
    total_field: str = ""
    next_url_field: str = ""
    """For link pagination without a Link header: the body field holding the next page's URL."""


class Table(BaseModel):
    name: str
    endpoint: str = ""
    """Path under the base URL, e.g. /api/events; a child table uses its parent's key, e.g. /users/{id}/orders."""
    records_path: str = ""
    """Dotted path of the records list in the response ("" = the response is the list)."""
    primary_key: list[str] = Field(default_factory=lambda: ["id"], min_length=1)
    incremental_field: str = ""
    """Record field whose largest value is kept in state as the cursor (empty = full sync)."""
    incremental_param: str = ""
    """Query parameter that sends the saved cursor, e.g. updated_since."""
    parent: str = ""
    """Parent table name for a child table fetched once per parent row."""
    deletes_endpoint: str = ""
    """Endpoint listing deleted ids; they become soft deletes."""
    deletes_path: str = ""
    file_suffix: str = ".csv"
    """File sources: files in the folder ending with this are the table's rows."""
    format: Literal["csv", "jsonl"] = "csv"
    source_table: str = ""
    """Database sources: the table (or view) to read."""
    cursor_column: str = ""
    """Database sources: a column that only grows (updated_at, id); rows above the saved value are read."""

    @field_validator("name")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not _IDENT.match(value):
            raise ValueError("table names are lower snake_case (the SDK renames others)")
        return value

    @field_validator("endpoint", "deletes_endpoint")
    @classmethod
    def _path(cls, value: str) -> str:
        if value and not value.startswith("/"):
            raise ValueError("endpoints are paths under the base URL and start with '/'")
        return value


class Spec(BaseModel):
    name: str = "my_connector"
    description: str = ""
    source_type: Literal["rest", "file", "database", "other"] = "rest"
    base_url_key: str = "base_url"
    base_url: str = ""
    """A base URL stated in the request; it goes into configuration.json (it is not a secret)."""
    auth: Auth = Field(default_factory=lambda: Auth())
    pagination: Pagination = Field(default_factory=lambda: Pagination())
    tables: list[Table] = Field(min_length=1)
    nested: Literal["flatten", "json"] = "flatten"
    checkpoint_interval: int = Field(default=1000, ge=1)
    unresolved: list[str] = Field(default_factory=list)
    """Facts the request did not settle; shown back to the user."""

    def config_keys(self) -> list[str]:
        if self.source_type == "file":
            return ["folder"]
        if self.source_type == "database":
            return ["database_path"]
        return [self.base_url_key, *self.auth.config_keys()]

    def check(self) -> Spec:
        names = [t.name for t in self.tables]
        if len(set(names)) != len(names):
            raise UsageError("the spec names a table twice")
        for table in self.tables:
            if table.parent and table.parent not in names:
                raise UsageError(f"table {table.name!r} has parent {table.parent!r}, which is not a table")
        if self.source_type == "other":
            raise UsageError("source type 'other' has no building blocks; use rest, file or database")
        for table in self.tables:
            if self.source_type == "rest" and not table.endpoint:
                raise UsageError(f"table {table.name!r} needs an endpoint")
            if self.source_type == "database" and not table.source_table:
                raise UsageError(f"table {table.name!r} needs a source_table")
        return self


def load(path: Path) -> Spec:
    """Read a JSON or YAML spec file and check it against the schema."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the spec ({exc.strerror})") from exc
    try:
        data = yaml.safe_load(text) if path.suffix.lower() in (".yaml", ".yml") else json.loads(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: not valid {'YAML' if path.suffix in ('.yaml', '.yml') else 'JSON'} ({exc})") from exc
    try:
        return Spec.model_validate(data).check()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"{path}: the spec fails its schema at {where or 'top level'}: {first['msg']}") from exc
