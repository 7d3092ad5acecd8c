"""Pattern tags derived from code, so retrieval can filter by auth, pagination, sync and source."""

from __future__ import annotations

import re

TAG_VALUES = {
    "auth": ("api_key", "bearer", "basic", "oauth2", "none"),
    "pagination": ("page", "offset", "cursor", "link", "none"),
    "sync": ("full", "incremental"),
    "source": ("rest", "database", "file", "stream", "other"),
}


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


_AUTH = {
    "oauth2": [r"oauth", r"client_credentials", r"refresh_token", r"grant_type"],
    "bearer": [r"bearer\s", r"[\"']bearer[\"']"],
    "basic": [r"HTTPBasicAuth", r"[\"']Basic ", r"auth\s*=\s*\(", r"b64encode\(.*(user|pass)"],
    "api_key": [r"api[_-]?key", r"x-api-key", r"apikey"],
}
_PAGINATION = {
    "cursor": [r"next_cursor", r"[\"']cursor[\"']", r"cursor=", r"scroll", r"next_token", r"page_?token",
               r"starting_after", r"keyset", r"continuation"],
    "link": [r"\.links\b", r"[\"']Link[\"']", r"next_page_url", r"next_url", r"[\"']next[\"']\s*\]"],
    "offset": [r"\boffset\b"],
    "page": [r"[\"']page[\"']", r"page_number", r"page_num", r"\bpage\s*\+=", r"current_page", r"per_page"],
}
_SOURCE = {
    "database": [r"import (psycopg|pymysql|mysql|sqlite3|pyodbc|cx_oracle|oracledb|snowflake|pymongo|"
                 r"sqlalchemy|ibm_db|jaydebeapi|teradatasql|clickhouse|cassandra|redis|neo4j|duckdb)",
                 r"from (psycopg|pymysql|sqlalchemy|snowflake|pymongo|cassandra|neo4j|clickhouse)",
                 r"\.cursor\(\)", r"SELECT .* FROM"],
    "stream": [r"kafka", r"kinesis", r"pubsub", r"websocket", r"solace", r"rabbitmq", r"\bsqs\b"],
    "file": [r"import csv", r"csv\.(reader|DictReader)", r"boto3", r"paramiko", r"ftplib", r"sftp",
             r"google\.cloud import storage", r"read_csv", r"openpyxl", r"\.parquet"],
    "rest": [r"import requests", r"requests\.(get|post|Session)", r"\brq\.(get|post)", r"urllib\.request",
             r"http\.client", r"httpx"],
}
_INCREMENTAL = [r"state\.get\(", r"state\[[\"']", r"last_\w*(sync|updated|modified|cursor)", r"updated_since",
                r"since", r"cursor"]


def derive(code: str) -> dict[str, list[str]]:
    """Tags for a project from the text of its code (all .py files joined)."""
    auth = [k for k, pats in _AUTH.items() if _any(pats, code)] or ["none"]
    pagination = [k for k, pats in _PAGINATION.items() if _any(pats, code)] or ["none"]
    source = [k for k, pats in _SOURCE.items() if _any(pats, code)] or ["other"]
    uses_state = _any([r"op\.checkpoint\(", r"checkpoint\("], code) and _any(_INCREMENTAL, code)
    sync = ["incremental" if uses_state else "full"]
    return {"auth": auth, "pagination": pagination, "sync": sync, "source": source}


def parse_filter(spec: str) -> tuple[str, str]:
    """`pagination:cursor` -> ("pagination", "cursor"), checked against the known values."""
    key, sep, value = spec.partition(":")
    if not sep or key not in TAG_VALUES or value not in TAG_VALUES[key]:
        allowed = ", ".join(f"{k}:{v}" for k, vs in TAG_VALUES.items() for v in vs)
        raise ValueError(f"unknown tag {spec!r}; use one of {allowed}")
    return key, value
