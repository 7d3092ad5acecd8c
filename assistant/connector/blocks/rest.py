"""REST building blocks: one engine that every generated REST connector carries, driven by data.

The composer copies these functions verbatim into connector.py and writes the module constants
(AUTH, TABLES, RETRY, ...) from the spec as JSON literals, so what varies per connector is data,
never code. Every function here is tested on its own (tests/test_blocks.py) and through real
`fivetran debug` runs against local mock APIs.
"""

# ruff: noqa: N802
from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import hmac
import io
import json
import re
import time
import xml.etree.ElementTree as ElementTree
from datetime import date, datetime, timedelta, timezone

import requests
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

# Placeholders the composer replaces with the spec's values.
AUTH: dict = {"kind": "none"}
TABLES: dict = {}
RETRY: dict = {"statuses": [429, 500, 502, 503, 504], "attempts": 6, "invalid_body": True, "rate_limit": {},
               "graphql_retry": []}
BASE_URL_KEY = "base_url"
BASE_URL = ""
REQUIRED_CONFIG: list = []
CHECKPOINT_INTERVAL = 1000
REQUEST_TIMEOUT = 30
NESTED = "flatten"
HOOKS: dict = {}
HEADERS: dict = {}
COMPUTED_HEADERS: dict = {}


def validate_configuration(configuration: dict):
    """
    Check that every required configuration value is present before any request is made.
    Args:
        configuration: the connector configuration (all values are strings).
    Raises:
        ValueError: if a required value is missing or empty.
    """
    settle_configuration(configuration)
    missing = [key for key in REQUIRED_CONFIG if not str(configuration.get(key, "")).strip()]
    if missing:
        raise ValueError(f"Missing required configuration value(s): {', '.join(missing)}")


def settle_configuration(configuration: dict):
    """
    Fill a required key the configuration lacks from the one value that can only be meant for it: the
    base URL from its only http(s) value, one missing credential from its only other unused value. A
    user who named a key differently (`host`, `token`) still gets a working sync, with a warning.
    """
    missing = [key for key in REQUIRED_CONFIG if not str(configuration.get(key, "")).strip()]
    spare = [key for key, value in configuration.items() if key not in REQUIRED_CONFIG and str(value).strip()]
    urls = [key for key in spare if re.match(r"(https?://|localhost\b|[\w\-]+(\.[\w\-]+)+(:\d+)?(/|$))",
                                             str(configuration[key]).strip())]  # a URL, or a host (api.x.com:8443)
    if BASE_URL_KEY in missing and len(urls) == 1:
        log.warning(f"No '{BASE_URL_KEY}' in the configuration; using '{urls[0]}'")
        configuration[BASE_URL_KEY] = configuration[urls[0]]
        missing.remove(BASE_URL_KEY)
    others = [key for key in spare if key not in urls]
    if len(missing) == 1 and len(others) == 1:
        log.warning(f"No '{missing[0]}' in the configuration; using '{others[0]}'")
        configuration[missing[0]] = configuration[others[0]]
    elif missing and len(missing) == len(others):  # as many as are missing: each by the name it resembles most
        for key in sorted(missing, key=lambda k: max(likeness(k, o) for o in others), reverse=True):
            best = max(others, key=lambda o: likeness(key, o))
            log.warning(f"No '{key}' in the configuration; using '{best}'")
            configuration[key] = configuration[best]
            others.remove(best)


def likeness(wanted: str, given: str):
    """How alike two key names are: shared words, then the longest shared start (`account_id`, `acct`)."""
    words = set(re.split(r"[^a-z0-9]+", wanted.lower())) & set(re.split(r"[^a-z0-9]+", given.lower()))
    start = 0
    while start < min(len(wanted), len(given)) and wanted[start].lower() == given[start].lower():
        start += 1
    return (len(words - {""}), start)


# --- authentication -----------------------------------------------------------------------------------

# What the sync knows while it runs: the configuration, when the OAuth2 token expires, and until when a
# spent rate-limit quota lasts.
CONTEXT: dict = {"configuration": {}, "expires": None, "quota_until": 0.0}


def build_session(configuration: dict):
    """An HTTP session that authenticates every request the way AUTH says."""
    settle_configuration(configuration)
    session = requests.Session()
    session.headers["Accept"] = "application/json, application/xml;q=0.9, */*;q=0.5"
    session.headers.update(HEADERS)
    CONTEXT.update(configuration=configuration, expires=None, quota_until=0.0, refused={}, served=set())
    CONTEXT.pop("swap_path", None)
    kind = AUTH.get("kind", "none")
    if kind == "bearer":
        session.headers["Authorization"] = f"Bearer {configuration[AUTH['token_key']]}"
    elif kind == "header":
        session.headers[AUTH["header_name"]] = fill(AUTH["template"], configuration)
    elif kind == "query":
        session.params = {AUTH["param_name"]: configuration[AUTH["token_key"]]}
    elif kind == "basic":
        session.auth = (configuration[AUTH["username_key"]],  # a fixed password the API wants, else none
                        configuration[AUTH["password_key"]] if AUTH["password_key"] else AUTH.get("password_value", ""))
    elif kind == "oauth2":
        refresh_token(session)
    elif kind == "session":
        log_in(session)
    return session


def log_in(session):
    """
    Log in with the configured credentials. A login that answers with a token sends it on every call;
    a browser-style form login (an HTML page whose hidden fields, such as a CSRF token, go back with
    the credentials) leaves a session cookie in the session instead. A login page shown again means
    the credentials were refused.
    """
    configuration = CONTEXT["configuration"]
    url = AUTH.get("token_url") or configuration.get(AUTH.get("token_url_key", ""), "")
    if url.startswith("/"):
        url = base_url(configuration) + url
    fields = {name: configuration[key] for name, key in AUTH["login"].items()}
    if AUTH.get("style") == "form":
        page = session.get(url, timeout=REQUEST_TIMEOUT)  # sets the form's cookie; may hold hidden fields
        hidden = hidden_fields(page.text) if "html" in page.headers.get("Content-Type", "").lower() else {}
        response = session.post(url, data={**hidden, **fields}, timeout=REQUEST_TIMEOUT)
    else:
        response = session.post(url, json=fields, timeout=REQUEST_TIMEOUT)
    if response.status_code in (400, 401, 403) or login_page(response):
        raise RuntimeError(f"The login at {url} was refused (HTTP {response.status_code}); check the credentials")
    response.raise_for_status()
    try:
        payload = response.json()
    except ValueError:
        payload = None
    token = (value_at(payload, AUTH.get("token_field", "")) or find_token(payload)) if payload is not None else None
    if isinstance(token, str) and token:
        session.headers[AUTH["header_name"]] = AUTH["template"].replace("{token}", token)
    elif not session.cookies:
        raise RuntimeError(f"The login at {url} answered with neither a token nor a session cookie")


def hidden_fields(page: str):
    """The hidden inputs of an HTML login form (`<input type="hidden" name="csrf_token" value="...">`)."""
    out = {}
    for tag in re.findall(r"<input\b[^>]*>", page, re.I):
        pairs = re.findall(r"([\w\-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag)
        attributes = {k.lower(): v1 or v2 for k, v1, v2 in pairs}
        if attributes.get("type", "").lower() == "hidden" and attributes.get("name"):
            out[attributes["name"]] = attributes.get("value", "")
    return out


def login_page(response):
    """Whether an answer is a login form (a password input): the session ended, or a login failed."""
    return "html" in response.headers.get("Content-Type", "").lower() and bool(
        re.search(r"<input\b[^>]*type\s*=\s*[\"']?password", response.text, re.I))


def find_token(payload):
    """A login answer's token where the spec's path holds none: the one string field named like a token."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            if isinstance(value, str) and "token" in key.lower():
                return value
            found = find_token(value)
            if found:
                return found
    return None


def fill(template: str, values: dict):
    """Replace each {name} in a template with values[name]; other text is kept as written."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + str(key) + "}", str(value))
    return out


def refresh_token(session):
    """Get an access token with the OAuth2 client-credentials grant and remember when it expires."""
    configuration = CONTEXT["configuration"]
    url = AUTH.get("token_url") or configuration.get(AUTH.get("token_url_key", ""), "")
    if url.startswith("/"):
        url = base_url(configuration) + url
    client = (configuration[AUTH["client_id_key"]], configuration[AUTH["client_secret_key"]])
    fields = {"grant_type": "client_credentials", **({"scope": AUTH["scope"]} if AUTH.get("scope") else {}),
              **(AUTH.get("token_params") or {})}
    style = AUTH.get("style", "form")
    if style == "basic":
        response = requests.post(url, data=fields, auth=client, timeout=REQUEST_TIMEOUT)
    elif style == "json":
        response = requests.post(url, json={**fields, "client_id": client[0], "client_secret": client[1]},
                                 timeout=REQUEST_TIMEOUT)
    else:
        response = requests.post(url, data={**fields, "client_id": client[0], "client_secret": client[1]},
                                 timeout=REQUEST_TIMEOUT)
    if response.status_code in (400, 401, 403):
        raise RuntimeError(f"OAuth2 token request was refused (HTTP {response.status_code}); "
                           "check the client id and secret")
    response.raise_for_status()
    payload = response.json()
    session.headers["Authorization"] = f"Bearer {payload[AUTH.get('token_field', 'access_token')]}"
    lifetime = payload.get("expires_in")
    CONTEXT["expires"] = time.time() + max(0.0, float(lifetime) * 0.8) if lifetime else None


def base_url(configuration: dict):
    """The API's base URL: from the configuration, else the one the request stated. A configured host
    without a scheme (`api.example.com:8443`) takes the stated URL's scheme, else https."""
    url = str(configuration.get(BASE_URL_KEY) or BASE_URL).strip().rstrip("/")
    if url and "://" not in url:
        url = (BASE_URL.split("://")[0] if "://" in BASE_URL else "https") + "://" + url
    return url


def endpoint_url(configuration: dict, path: str):
    """The base URL plus a table's path, unless the configured URL already is that endpoint (a
    `graphql_url` holding https://host/graphql)."""
    base, path = base_url(configuration), fill(path, configuration)  # /t/{tenant}/calls: a configured value
    return base if path and base.endswith(path.rstrip("/")) else joined(base, path)


def joined(base: str, path: str):
    """The base URL and a path, written once where the base already ends with the path's first
    segments (https://host/v1 and /v1/jobs)."""
    parts = [p for p in path.split("/") if p]
    for count in range(len(parts) - 1, 0, -1):
        if base.endswith("/" + "/".join(parts[:count])):
            return base + "/" + "/".join(parts[count:]) + ("/" if path.endswith("/") else "")
    return base + path


# --- one request ----------------------------------------------------------------------------------------


def call(session, method: str, url: str, params=None, body=None):
    """
    Send one request and return (payload, response), retrying what can succeed on a later attempt:
    connection errors, the statuses in RETRY (429 and 5xx, honouring Retry-After), a body that is
    cut off or not JSON, and GraphQL errors RETRY names as temporary. 401/403/404 fail fast, except
    that an expired OAuth2 token is refreshed once.
    """
    refreshed = False
    for attempt in range(RETRY["attempts"]):
        before_request(session)
        try:
            response = send(session, method, url, params, body)
        except (requests.ConnectionError, requests.Timeout) as exc:
            pause(url, f"could not connect ({type(exc).__name__})", attempt, None)
            continue
        note_quota(session, response)
        ended = AUTH.get("kind") == "session" and login_page(response)  # bounced to the login form
        if (response.status_code == 401 or ended) and AUTH.get("kind") in ("oauth2", "session") and not refreshed:
            if AUTH["kind"] == "oauth2":
                refresh_token(session)
            else:
                log_in(session)
            refreshed = True
            continue
        if response.status_code in (401, 403) and signs_path() and "swap_path" not in CONTEXT:
            log.warning(f"{url} refused the signature (HTTP {response.status_code}); signing the path "
                        "the other way (with or without its query string)")
            CONTEXT["swap_path"] = True
            continue
        check_status(url, response)
        if response.status_code in RETRY["statuses"]:
            pause(url, f"HTTP {response.status_code}", attempt, retry_after(session, response))
            continue
        payload, problem = parse_body(response)
        if problem is None:
            return payload, response
        pause(url, problem, attempt, None)
    raise RuntimeError(f"Could not reach {url}: it kept failing after {RETRY['attempts']} attempts")


def signs_path():
    """Whether a computed header signs the path: "the request path" may or may not include the query
    string, and only the source can say which it means, by refusing the other."""
    signed = [h for h in COMPUTED_HEADERS.values() if h.get("encode") == "hmac"]
    signed += [h["signature"] for h in COMPUTED_HEADERS.values() if h.get("signature")]
    return any(part in ("path", "path_query") for header in signed for part in header["parts"])


def send(session, method: str, url: str, params, body):
    """One HTTP request; headers COMPUTED_HEADERS names are worked out from the request as it will be sent.
    A body holding an XML template (`XML_BODY`) is sent as that XML with its values filled in."""
    content = {"data": xml_text(body).encode()} if isinstance(body, dict) and XML_BODY in body else {"json": body}
    if not COMPUTED_HEADERS:
        return session.request(method, url, params=params, timeout=REQUEST_TIMEOUT, **content)
    prepared = session.prepare_request(requests.Request(method, url, params=params, **content))
    sent = prepared.body.decode() if isinstance(prepared.body, bytes) else (prepared.body or "")
    prepared.headers.update(computed_headers(prepared.method, prepared.path_url, sent, session.headers))
    return session.send(prepared, timeout=REQUEST_TIMEOUT)


XML_BODY = "__xml_body__"


def xml_text(body: dict):
    """The XML template with each named leaf element's text set (escaped) to its value; an element whose
    value is None is left out (an optional filter before there is a cursor)."""
    text = body[XML_BODY]
    for name, value in body.items():
        if name == XML_BODY:
            continue
        element = re.compile(rf"<((?:\w+:)?{re.escape(name)})(\s[^<>]*)?>[^<]*</\1>")
        if value is None:
            text = element.sub("", text)
        else:
            escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\\", "\\\\")
            text = element.sub(rf"<\1\2>{escaped}</\1>", text)
    return text


def computed_headers(method: str, path_query: str, body: str, fixed):
    """
    The headers this request computes, in order, so a signature can use the timestamp header before it.
    Each joins its parts (the time, the method, the path and query as sent, the body or its SHA-256,
    configuration values, literal text, a signature worked out first), then encodes them: as written,
    base64, or an HMAC with a configured secret.
    """
    now = time.time()
    path = path_query.split("?")[0]
    if CONTEXT.get("swap_path"):  # the source refused the other reading of "path" (see call())
        path, path_query = path_query, path
    values = {"timestamp": str(int(now)), "timestamp_ms": str(int(now * 1000)), "method": method.upper(),
              "path": path, "path_query": path_query, "body": body,
              "body_sha256": hashlib.sha256(body.encode()).hexdigest()}
    out: dict = {}
    for name, header in COMPUTED_HEADERS.items():
        out[name] = header_value(header, values, {**fixed, **out})
    return out


def header_value(header: dict, values: dict, headers):
    """One computed value: its parts joined, then encoded as the header says."""
    configuration = CONTEXT["configuration"]
    pieces = []
    for part in header["parts"]:
        kind, _, arg = part.partition(":")
        if kind in values:
            pieces.append(values[kind])
        elif kind == "signature":
            pieces.append(header_value(header["signature"], values, headers))
        elif kind == "config":
            pieces.append(str(configuration.get(arg, "")))
        elif kind == "header":
            pieces.append(str(headers.get(arg, "")))
        else:
            pieces.append(arg)
    message = "".join(pieces).encode()
    if header.get("encode") == "base64":
        value = base64.b64encode(message).decode()
    elif header.get("encode") == "hmac":
        secret = str(configuration.get(header["secret_key"], "")).encode()
        mac = hmac.new(secret, message, getattr(hashlib, header.get("algorithm", "sha256")))
        value = base64.b64encode(mac.digest()).decode() if header.get("digest") == "base64" else mac.hexdigest()
    else:
        value = message.decode()
    return header.get("prefix", "") + value


def before_request(session):
    """Wait out a spent rate-limit quota, and renew an OAuth2 token that is about to expire."""
    wait = CONTEXT["quota_until"] - time.time()
    if wait > 0:
        log.info(f"rate limit reached; waiting {wait:.1f} s")
        time.sleep(wait)
    expires = CONTEXT["expires"]
    if AUTH.get("kind") == "oauth2" and expires is not None and time.time() >= expires:
        refresh_token(session)


def note_quota(session, response):
    """Remember when the quota resets if the API says none is left (X-RateLimit-* headers)."""
    limits = RETRY.get("rate_limit") or {}
    remaining = response.headers.get(limits.get("remaining", ""), "")
    if remaining.strip() == "0":
        CONTEXT["quota_until"] = time.time() + reset_seconds(response.headers.get(limits.get("reset", ""), ""))


def reset_seconds(value: str):
    """Seconds until a reset given as seconds or as a Unix time; one second when absent."""
    try:
        number = float(value)
    except ValueError:
        return 1.0
    if number > 1_000_000_000:  # an epoch timestamp
        return max(0.0, number - time.time()) + 0.5
    return number + 0.5


def retry_after(session, response):
    """Seconds to wait before retrying: Retry-After, else the rate-limit reset, else None (backoff)."""
    value = response.headers.get("Retry-After", "")
    if value.replace(".", "", 1).isdigit():
        return float(value)
    if CONTEXT["quota_until"] > time.time():
        return CONTEXT["quota_until"] - time.time()
    named = (RETRY.get("rate_limit") or {}).get("reset", "")
    reset = next((response.headers[h] for h in (named, "X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset")
                  if h and response.headers.get(h)), "")
    return min(300.0, reset_seconds(reset)) if reset and response.status_code == 429 else None


class Refused(RuntimeError):
    """An answer that repeating the request cannot fix (4xx), with its status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_status(url: str, response):
    """Fail at once on answers that repeating the request cannot fix."""
    status = response.status_code
    if status in (401, 403):
        raise Refused(f"Access denied by {url} (HTTP {status}); check the credentials", status)
    if status == 404:
        raise Refused(f"Not found: {url} (HTTP 404); check the base URL and endpoint", status)
    if 400 <= status < 500 and status not in RETRY["statuses"]:
        raise Refused(f"{url} refused the request (HTTP {status}): {response.text[:300]}", status)


def pause(url: str, problem: str, attempt: int, delay):
    """Back off before the next attempt, or give up after the last one."""
    if attempt + 1 >= RETRY["attempts"]:
        raise RuntimeError(f"Could not reach {url}: {problem}, still after {RETRY['attempts']} attempts")
    delay = min(60.0, 2.0**attempt) if delay is None else delay
    log.warning(f"{problem} from {url}; retrying in {delay:.1f} s")
    time.sleep(delay)


def parse_body(response):
    """(payload, None), or (None, why) when the body is cut off, unreadable or a temporary GraphQL error."""
    text = response.text
    if "csv" in response.headers.get("Content-Type", "").lower():
        try:  # CSV often comes without a charset: its bytes say (UTF-8, with or without a byte-order mark)
            return csv_records(response.content.decode("utf-8-sig")), None
        except UnicodeDecodeError:
            return csv_records(response.content.decode("cp1252", errors="replace")), None
    if text.lstrip().startswith("<"):
        try:
            return ElementTree.fromstring(text), None
        except ElementTree.ParseError as exc:
            return None, f"an unreadable XML body ({exc})"
    try:
        payload = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        if not RETRY.get("invalid_body", True):
            raise RuntimeError(f"The API answered with a body that is not JSON: {text[:200]}") from exc
        return None, "a body that is cut off or not JSON"
    errors = payload.get("errors") if isinstance(payload, dict) else None
    if errors:
        codes = {str(code) for error in errors if isinstance(error, dict) for code in error_codes(error)}
        if codes & set(RETRY.get("graphql_retry") or []):
            return None, f"a temporary GraphQL error ({', '.join(sorted(codes))})"
        raise RuntimeError(f"The API reported errors: {json.dumps(errors)[:300]}")
    return payload, None


def csv_records(text: str):
    """A CSV body as records: the header names the fields (a byte-order mark dropped); quoted separators and
    line breaks stay inside their field."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count)
    return [dict(row) for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)]


def error_codes(error: dict):
    """The codes a GraphQL error carries, wherever the server put them."""
    extensions = error.get("extensions")
    extensions = extensions if isinstance(extensions, dict) else {}
    return [value for value in (error.get("type"), error.get("code"), extensions.get("code"),
                                extensions.get("type")) if value]


# --- reading a response -----------------------------------------------------------------------------------


def value_at(payload, path: str):
    """The value at a dotted path such as `data.items`, or None."""
    value = payload
    for part in [p for p in path.split(".") if p]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def records_at(payload, spec: dict):
    """The records of one response: a JSON list at the spec's path, the XML elements it names, or what
    the table's model-written hook (checked on a real response before it was written) returns."""
    CONTEXT["page"] = payload  # for tables whose rows ride along in the same response (`included`)
    if spec.get("hook") in HOOKS:
        return list(HOOKS[spec["hook"]](payload))
    if isinstance(payload, ElementTree.Element):
        return [xml_record(element) for element in payload.iter()
                if local_name(element.tag).lower() == spec.get("xml_record", "").lower() and element is not payload]
    value = payload if isinstance(payload, list) else value_at(payload, spec.get("records", ""))
    if spec.get("keyed_by") and isinstance(value, dict):  # {"<id>": {...}, ...}: the key becomes a column
        return [{spec["keyed_by"]: key, **item} for key, item in value.items() if isinstance(item, dict)]
    if isinstance(value, dict) and not spec.get("records"):
        value = only_list(value)
    if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
        value = next(iter(value.values()))  # {"items": [...]} one level further down
    if not isinstance(value, list) and spec.get("records") and isinstance(payload, dict):
        found = only_list(payload)  # the stated path holds no list: the response's one list of objects, if any
        if isinstance(found, list):
            log.warning(f"No list of records at '{spec['records']}'; reading the response's only list instead")
            spec["records"], value = "", found
    if value is None or (not spec.get("records") and isinstance(value, dict) and "_links" in value and
                         "_embedded" not in value):
        return []  # an empty HAL page leaves `_embedded` out
    if not isinstance(value, list):
        raise RuntimeError(f"Expected a list of records at '{spec.get('records') or '<top level>'}', "
                           f"got {type(value).__name__}")
    if value and all(isinstance(item, list) for item in value):
        return rows_as_records(payload, value)
    return [self_id(item["node"]) if isinstance(item, dict) and isinstance(item.get("node"), dict) and set(item) <= {
        "node", "cursor"} else self_id(item) for item in value]  # GraphQL edges: the node is the record


def self_id(record):
    """A record with no `id` whose own link names it (HAL's `_links.self.href` = `/warehouses/17`): that id."""
    if not isinstance(record, dict) or "id" in record:
        return record
    href = value_at(record, "_links.self.href") or value_at(record, "links.self")
    if isinstance(href, str) and href.rstrip("/").rsplit("/", 1)[-1]:
        return {"id": href.split("?")[0].rstrip("/").rsplit("/", 1)[-1], **record}
    return record


def rows_as_records(payload, rows: list):
    """Rows written as arrays (`{"columns": [...], "rows": [[...], ...]}`): each zipped with the response's
    list of column names that has the rows' length."""
    width = len(rows[0])
    candidates = [payload] + [v for v in payload.values() if isinstance(v, dict)] if isinstance(payload, dict) else []
    for place in candidates:
        for names in place.values():
            if isinstance(names, list) and len(names) == width and all(isinstance(n, str) for n in names):
                return [dict(zip(names, row, strict=False)) for row in rows]
            if isinstance(names, list) and len(names) == width and all(isinstance(n, dict) and "name" in n
                                                                        for n in names):
                return [dict(zip([n["name"] for n in names], row, strict=False)) for row in rows]
    raise RuntimeError(f"The records are arrays of {width} values and the response names no {width} columns")


def only_list(payload: dict):
    """Where the spec names no records path and the response is an object: its one list of objects."""
    lists = [v for v in payload.values() if isinstance(v, list) and (not v or isinstance(v[0], dict))]
    nested = [v for k, v in payload.items() if isinstance(v, dict) and  # `_embedded`, not `_links` or `meta`
              k.lower().lstrip("_") not in ("links", "meta", "paging", "pagination", "page")]
    if len(lists) == 1:
        return lists[0]
    if not lists and len(nested) == 1:
        return only_list(nested[0])
    return payload


def local_name(tag: str):
    """An XML tag without its namespace: `{urn:x}sku` -> `sku`."""
    return tag.rsplit("}", 1)[-1]


def xml_record(element):
    """One XML element as a flat record: its own attributes, child texts by local name, and child
    attributes as `child_attribute`."""
    record = {local_name(attribute): value for attribute, value in element.attrib.items()}
    names = [local_name(child.tag) for child in element]
    for child in element:
        name = local_name(child.tag)
        inner = {local_name(g.tag) for g in child}
        plural = len(inner) == 1 and name.lower() in {form for n in inner for form in (
            f"{n.lower()}s", f"{n.lower()}es", f"{n.lower()[:-1]}ies")}  # `<Packages>` of `<Package>`s, even one
        if len(child) and len(inner) == 1 and (len(child) > 1 or child[0].attrib or plural):
            # a wrapper of like elements (`<variants><variant sku=".."/>...</variants>`): a list, for a child table
            record[name] = [{**{local_name(a): v for a, v in g.attrib.items()}, **xml_record(g)} for g in child]
            continue
        if names.count(name) > 1:  # repeated elements (`<variant>`s) are a list, for a child table
            record.setdefault(name, []).append({**{local_name(a): v for a, v in child.attrib.items()},
                                                **xml_record(child), **({"value": child.text.strip()} if (
                                                    child.text or "").strip() and len(child) == 0 else {})})
            continue
        if len(child) == 0:
            text = (child.text or "").strip()
            if text or name not in record:
                record[name] = text if text else child.attrib.get("href")
        for attribute, value in child.attrib.items():
            record[f"{name}_{local_name(attribute)}"] = value
    return record


def xml_next(payload):
    """The href of an XML `<link rel="next">`, if the page has one."""
    for element in payload.iter():
        if local_name(element.tag) == "link" and element.attrib.get("rel") == "next":
            return element.attrib.get("href")
    return None


SEARCH_HIT = {"_index", "_id", "_score", "_source", "sort", "_type", "_routing", "_seq_no", "_primary_term",
              "_version", "fields", "highlight", "inner_hits", "matched_queries", "_ignored"}


def source_of(record):
    """The document of a search hit (Elasticsearch, OpenSearch: `{"_id": ..., "_source": {...}, "sort": [...]}`),
    with its `_id`; any other record as it is. Paging reads the hit itself (its `sort`), rows its document."""
    if isinstance(record, dict) and isinstance(record.get("_source"), dict) and set(record) <= SEARCH_HIT:
        return {"_id": record.get("_id"), **record["_source"]}
    return record


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


def later(value, than):
    """Whether a cursor value comes after another: numbers by size, timestamps and text as strings."""
    try:
        return float(value) > float(than)
    except (TypeError, ValueError):
        return str(value) > str(than)


def list_in(value):
    """A child array as the record holds it: a list, or a list wrapped in an object (`{"object": "list",
    "has_more": false, "data": [...]}`), whose only list is the items."""
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        return lists[0] if len(lists) == 1 else None
    return value


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


# --- pagination ------------------------------------------------------------------------------------------
# Each pager yields one page of records at a time, so no table is ever held in memory whole.


def fetch_pages(session, url: str, spec: dict, params: dict, body):
    """The pages of one endpoint, in the pagination style the table's spec names."""
    if spec.get("job"):
        yield from job_pages(session, url, spec, params, body)
        return
    kind = spec.get("pagination", {}).get("kind", "none")
    if kind == "none":
        yield from pages_unstated(session, url, spec, params, body)
        return
    paging = spec["pagination"]
    started = False
    try:
        for records in PAGERS[kind](session, url, spec, params, body):
            started = True
            yield records
    except Refused as exc:
        said = re.sub(r"\(HTTP \d+\)", "", str(exc))
        about_size = paging.get("size_param") and re.search(
            rf"{re.escape(str(paging['size_param']))}|size|limit|max|exceed|at most|too (?:many|large)", said, re.I)
        smaller = allowed_size(said, int(paging.get("size") or 0)) if exc.status in (400, 422) else 0
        if started or not about_size or not smaller or paging.get("size_adapted"):
            raise
        log.warning(f"{url} refused a page of {paging['size']} ({exc}); asking for {smaller} a page")
        yield from fetch_pages(session, url, {**spec, "pagination": {**paging, "size": smaller, "size_adapted": True}},
                               params, body)


def allowed_size(message: str, sent: int):
    """The page size a refusal allows: the largest number it names below what was sent (`limit must be
    at most 100`), else half of it; 0 when nothing smaller is left to try."""
    named = [int(n) for n in re.findall(r"(?<![\w.])(\d{1,5})(?![\w.])", message) if 0 < int(n) < sent]
    return max(named) if named else sent // 2 if sent > 1 else 0


JOB_DONE = ("done", "complete", "completed", "success", "succeeded", "finished", "ready", "available")
JOB_FAILED = ("failed", "failure", "error", "errored", "cancelled", "canceled", "expired")


def job_pages(session, url: str, spec: dict, params: dict, body):
    """
    An export job: start it with the table's request, ask for its status until it is done (waiting longer
    each time, at most 15 minutes), then read each file it links, one page per file.
    """
    job = spec["job"]
    created, _ = call(session, spec.get("method", "POST"), url, params, body)
    job_id = value_at(created, job.get("id_field") or "id") or found_field(created, r"(^|_)id$")
    if job_id is None:
        raise RuntimeError(f"The job started at {url} answered without an id: {json.dumps(created)[:200]}")
    values = {**CONTEXT["configuration"], "id": job_id, job.get("id_field") or "id": job_id}
    status_url = joined(base_url(CONTEXT["configuration"]), fill(job["status_path"], values))
    wait, deadline = 1.0, time.time() + 900
    while True:
        status, _ = call(session, "GET", status_url, {}, None)
        state = str(value_at(status, job.get("state_field") or "status") or
                    found_field(status, r"^(status|state)$") or "").lower()
        if state in JOB_DONE:
            break
        if state in JOB_FAILED or time.time() > deadline:
            raise RuntimeError(f"The job at {status_url} did not finish: {json.dumps(status)[:300]}")
        log.info(f"job {job_id}: {state or 'not done'}; asking again in {wait:.0f} s")
        time.sleep(wait)
        wait = min(wait * 1.5, 10.0)
    links = value_at(status, job["files"]) if job.get("files") else found_links(status)
    for link in links if isinstance(links, list) else [links]:
        link = link if isinstance(link, str) else next(iter(found_links(link)), "")
        if link:
            yield download_records(session, joined(base_url(CONTEXT["configuration"]), link)
                                   if link.startswith("/") else link)


def found_field(payload, pattern: str):
    """The first value, at any depth, of a field whose name matches `pattern`."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            if re.search(pattern, str(key), re.I) and not isinstance(value, (dict, list)):
                return value
        for value in payload.values():
            found = found_field(value, pattern)
            if found is not None:
                return found
    return None


def found_links(payload):
    """The download links in a finished job's answer: URL strings under a field that names a link or file."""
    out = []
    if isinstance(payload, dict):
        for key, value in payload.items():
            named = re.search(r"url|href|link|download|file|location", str(key), re.I)
            if named and isinstance(value, str) and value.startswith(("http://", "https://", "/")):
                out.append(value)
            elif isinstance(value, (dict, list)):
                out += found_links(value)
    elif isinstance(payload, list):
        for item in payload:
            out += [item] if isinstance(item, str) and item.startswith(("http://", "https://")) else found_links(item)
    return out


def download_records(session, link: str):
    """The records of one downloaded file: gunzipped when gzip, then JSON lines, JSON or CSV. A presigned
    link is asked without the API's credentials first (they may be refused); the session's if needed."""
    response = requests.get(link, timeout=120)
    if response.status_code in (401, 403):
        response = session.get(link, timeout=120)
    response.raise_for_status()
    data = response.content
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8-sig", errors="replace")
    first = text.lstrip()[:1]
    if first == "[":
        return [r for r in json.loads(text) if isinstance(r, dict)]
    if first == "{":
        lines = [line for line in text.splitlines() if line.strip()]
        return [json.loads(line) for line in lines] if len(lines) > 1 else records_at(json.loads(text), {})
    return csv_records(text)


def pages_unstated(session, url: str, spec: dict, params: dict, body):
    """No pagination was stated: one request, then any next page the response itself gives (a Link
    header, a body field holding a URL, a next token or page number, `has_more` with ids: the page after
    the last id), until there is none, it repeats, or a page brings nothing new."""
    seen: set = set()
    next_url, query, renamed = url, params, {}
    others: list = []  # (query, (usual name, field name)): the token under the response field's own name
    while next_url:
        data, response = call(session, spec.get("method", "GET"), next_url, query, body)
        records = records_at(data, spec)
        marker = hashlib.sha1(json.dumps(records, sort_keys=True, default=str).encode()).hexdigest()
        if records and marker in seen and others:  # the token went back under a name the API ignores: the next name
            query, (usual, own) = others.pop(0)
            renamed = {usual: own}
            continue
        if records and marker in seen:
            return  # the same page again: the guessed way on does not page
        seen.add(marker)
        yield records
        link = on_host(url, response.links.get("next", {}).get("url") or next_link(data))
        if link and hashlib.sha1(link.encode()).hexdigest() not in seen and records:
            seen.add(hashlib.sha1(link.encode()).hexdigest())
            log.info(f"following the next page the response names: {link}")
            next_url, query = link, {}
            continue
        following = unstated_next(data, query) if records else None
        if following is None and records and isinstance(data, dict) and data.get("has_more") is True and \
                isinstance(records[-1], dict) and records[-1].get("id") is not None:
            following = {**query, "starting_after": records[-1]["id"]}  # `has_more` and ids: after the last one
        if following is None:
            return
        for usual, own in renamed.items():  # the name that worked before
            if usual in following:
                following = {**following, own: following[usual], usual: None}
        log.info(f"asking for the next page the response signals: {following}")
        next_url, query = url, following
        others = [({**following, field: following[param], param: None}, (param, field))
                  for field, param in token_names(data, following)]


NEXT_TOKENS = (("next_cursor", "cursor"), ("nextCursor", "cursor"), ("next_page_token", "page_token"),
               ("nextPageToken", "pageToken"), ("next_token", "next_token"), ("nextToken", "nextToken"),
               ("continuation_token", "continuation_token"))


def unstated_next(data, params: dict):
    """The query for the next page a response signals without a URL: a next token (`next_cursor` is sent
    back as `cursor`), a `next_page` number, or a page number below the page count; None when none."""
    places = [data, *(v for v in data.values() if isinstance(v, dict))] if isinstance(data, dict) else []
    for place in places:
        for field, param in NEXT_TOKENS:
            if isinstance(place.get(field), str) and place[field]:
                return {**params, param: place[field]}
        if isinstance(place.get("next_page"), int) and not isinstance(place["next_page"], bool):
            return {**params, "page": place["next_page"]}
        page = place.get("page", place.get("current_page"))
        pages = place.get("total_pages", place.get("last_page", place.get("page_count")))
        if isinstance(page, int) and isinstance(pages, int) and page < pages:
            return {**params, "page": page + 1}
    return None


def token_names(data, query: dict):
    """(field, usual name) when the query sends a response field's token under the usual name (`next_page_token`
    as `page_token`): the field's own name is the other one to try, if this API ignores the usual one."""
    places = [data, *(v for v in data.values() if isinstance(v, dict))] if isinstance(data, dict) else []
    return [(field, param) for place in places for field, param in NEXT_TOKENS
            if query.get(param) is not None and field != param and place.get(field) == query[param]][:1]


def next_link(payload):
    """A next-page URL in a JSON body: `next`, `next_url`, `nextPageUrl`, `links.next`, `_links.next.href`,
    `@odata.nextLink`."""
    if not isinstance(payload, dict):
        return None
    places = [payload] + [v for k, v in payload.items() if isinstance(v, dict) and k.lower().lstrip("_") in
                          ("links", "paging", "pagination", "meta")]
    for place in places:
        for key, value in place.items():
            if isinstance(value, dict):
                value = value.get("href")
            name = key.lower().replace("_", "").rsplit(".", 1)[-1]  # `@odata.nextLink` is OData's next link
            if name in ("next", "nexturl", "nextpageurl", "nextpage", "nextlink") and \
                    isinstance(value, str) and value.startswith(("http://", "https://", "/")):
                return value
    return None


def set_param(place: dict, body, name: str, value, where: str):
    """Put a paging value in the query, the JSON body or the GraphQL variables."""
    if where == "query" or body is None:
        place[name] = value
    elif where == "variables":
        body.setdefault("variables", {})[name] = value
    else:
        *outer, last = name.split(".")  # `page.after`: a field of the body's `page` object
        for part in outer:
            body = body.setdefault(part, {})
        body[last] = value


def with_size(spec: dict, params: dict, body):
    """A copy of the query and body with the page-size parameter set, if the API takes one."""
    paging = spec["pagination"]
    query, payload = dict(params), json.loads(json.dumps(body)) if body is not None else None
    if paging.get("size_param") and paging.get("size"):
        set_param(query, payload, paging["size_param"], paging["size"], paging.get("where", "query"))
    return query, payload


def page_key(marker):
    """A page, token or link as 40 bytes, to notice it coming back."""
    return hashlib.sha1(json.dumps(marker, sort_keys=True, default=str).encode()).hexdigest()


def advancing(seen: set, marker, url: str, what: str):
    """Stop a pagination that does not move: the same page, token or link twice would repeat forever."""
    key = page_key(marker)
    if key in seen:
        raise RuntimeError(f"Pagination is not advancing at {url}: the same {what} came back twice; the API does "
                           "not page the way the spec says (check the paging parameter)")
    seen.add(key)


def pages_page(session, url: str, spec: dict, params: dict, body):
    """page=1, 2, 3, ... until the total number of pages, `has more` false, an empty next-page field, or an
    empty page. With no such signal a short page is confirmed by asking for the next one (some APIs
    drop records after paging, so a short page is not always the last): an empty or refused page, or
    the same page again, ends it."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    page = int(paging.get("first", 1))
    seen: set = set()
    short = False
    while True:
        set_param(query, payload, paging["param"], page, paging.get("where", "query"))
        try:
            data, response = call(session, spec.get("method", "GET"), url, query, payload)
        except Refused as exc:
            if page == int(paging.get("first", 1)) or exc.status not in (400, 404, 416, 422):
                raise
            log.info(f"page {page} was refused (HTTP {exc.status}): taken as past the last page")
            return
        records = records_at(data, spec)
        if records and short and page_key(records) in seen:
            return  # past the end the API repeats its last page
        if records:
            advancing(seen, records, url, "page of records")
        yield records
        link = response.links.get("next", {}).get("url")
        if link and page == int(paging.get("first", 1)) and records:  # the API names its next page: follow that
            yield from follow_links(session, url, link, spec, payload)
            return
        total = value_at(data, paging["total_pages"]) if paging.get("total_pages") else header_total(response)
        more = value_at(data, paging["has_more"]) if paging.get("has_more") else None
        if paging.get("next") and not value_at(data, paging["next"]):  # `next_page: null` on the last page
            more = False
        if not records or more is False or (total is not None and page >= int(total)):
            return
        short = total is None and more is None and bool(paging.get("size")) and len(records) < int(paging["size"])
        page += 1


def header_total(response):
    """The number of pages a response header gives (`X-Total-Pages`, `X-WP-TotalPages`), if any."""
    for name, value in response.headers.items():
        if re.search(r"total.?pages", name, re.I) and str(value).strip().isdigit():
            return int(value)
    return None


def pages_offset(session, url: str, spec: dict, params: dict, body):
    """Advance an offset by the records received, until the reported total or a short or empty page."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    offset = 0
    seen: set = set()
    while True:
        set_param(query, payload, paging["param"], offset, paging.get("where", "query"))
        data, _ = call(session, spec.get("method", "GET"), url, query, payload)
        records = records_at(data, spec)
        if records:
            advancing(seen, records, url, "page of records")
        yield records
        offset += len(records)
        total = value_at(data, paging["total"]) if paging.get("total") else None
        if not records or (total is not None and offset >= int(total)):
            return
        if total is None and paging.get("size") and len(records) < int(paging["size"]):
            return


def pages_cursor(session, url: str, spec: dict, params: dict, body):
    """Send back the token each page returns (in the query, the body or the GraphQL variables) until
    there is none or `has more` is false. An empty page with a new token goes on (some APIs drop records
    after paging, so a page can be empty mid-way); an empty page whose token came before is the end."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    seen: set = set()
    empty = 0  # empty pages in a row: a token that changes on every empty page must not go on forever
    while True:
        data, response = call(session, spec.get("method", "GET"), url, query, payload)
        records = records_at(data, spec)
        yield records
        token = response.headers.get(paging["next_header"]) if paging.get("next_header") \
            else value_at(data, paging["next"])
        more = value_at(data, paging["has_more"]) if paging.get("has_more") else None
        empty = 0 if records else empty + 1
        if not token or more is False or not records and (page_key(token) in seen or empty >= 10):
            return
        advancing(seen, token, url, "next-page token")
        set_param(query, payload, paging["param"], token, paging.get("where", "query"))


def pages_keyset(session, url: str, spec: dict, params: dict, body):
    """Ask for the records after the last one received (`after_id=<last id>`) until a page is empty."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    seen: set = set()
    while True:
        data, _ = call(session, spec.get("method", "GET"), url, query, payload)
        records = records_at(data, spec)
        yield records
        if not records or (paging.get("size") and len(records) < int(paging["size"])):
            return
        last = value_at(records[-1], paging["field"])
        advancing(seen, last, url, "last key")
        set_param(query, payload, paging["param"], last, paging.get("where", "query"))


def pages_link(session, url: str, spec: dict, params: dict, body):
    """Follow the next page's URL: the Link header (rel="next"), a body field, or an XML link."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    next_url = url
    seen: set = set()
    while next_url:
        advancing(seen, next_url, url, "next-page link")
        data, response = call(session, spec.get("method", "GET"), next_url, query, payload)
        yield records_at(data, spec)
        if isinstance(data, ElementTree.Element):
            link = xml_next(data)
        else:
            link = response.links.get("next", {}).get("url")
            if not link:
                link = value_at(data, paging["next"]) if paging.get("next") else next_link(data)
        next_url, query = on_host(url, link), {}


def on_host(url: str, link):
    """A next-page link as a full URL: one written from the root (`/items?page=2`) is on `url`'s host."""
    if isinstance(link, str) and link.startswith("/"):
        return url.split("/", 3)[0] + "//" + url.split("/", 3)[2] + link
    return link


def follow_links(session, url: str, link: str, spec: dict, body):
    """The pages after the first, by the next-page link each response names (Link header or body field)."""
    seen: set = {page_key(url)}
    while link:
        link = on_host(url, link)
        advancing(seen, link, url, "next-page link")
        data, response = call(session, spec.get("method", "GET"), link, {}, body)
        records = records_at(data, spec)
        yield records
        link = (response.links.get("next", {}).get("url") or next_link(data) or "") if records else ""


def pages_relay(session, url: str, spec: dict, params: dict, body):
    """GraphQL (Relay) connections: pass `pageInfo.endCursor` back until `hasNextPage` is false."""
    paging = spec["pagination"]
    query, payload = with_size(spec, params, body)
    seen: set = set()
    while True:
        data, _ = call(session, "POST", url, query, payload)
        yield records_at(data, spec)
        info = value_at(data, paging["page_info"]) or {}
        if not info.get("hasNextPage") or not info.get("endCursor"):
            return
        advancing(seen, info["endCursor"], url, "end cursor")
        set_param(query, payload, paging["param"], info["endCursor"], "variables")


PAGERS = {"page": pages_page, "offset": pages_offset, "cursor": pages_cursor, "keyset": pages_keyset,
          "link": pages_link, "relay": pages_relay}


# --- syncing ---------------------------------------------------------------------------------------------


def request_parts(spec: dict, row: dict):
    """The query and JSON body of a table's request, with {field} placeholders taken from `row`."""
    params = {k: fill(str(v), row) for k, v in (spec.get("params") or {}).items()}
    body = json.loads(json.dumps(spec["body"])) if spec.get("body") is not None else None
    if spec.get("xml_body"):  # values written into an XML envelope: configuration values and the row's fields
        values = {**CONTEXT["configuration"], **row}
        body = {XML_BODY: spec["xml_body"], **{k: fill(v, values) if isinstance(v, str) else v
                                              for k, v in (body or {}).items()}}
    if spec.get("graphql"):
        body = {"query": spec["graphql"], "variables": dict(spec.get("variables") or {})}
    return params, body


def sync_table(session, table: str, spec: dict, state: dict, url: str, extra: dict, params: dict, body):
    """
    Upsert every record of one table, page by page, and checkpoint regularly. The incremental
    cursor (the largest value of the spec's incremental field) is saved in state and sent on the
    next sync; records the spec's delete flag marks are deleted instead of upserted.
    """
    table_state = state.setdefault(table, {})
    incremental = spec.get("incremental") or {}
    cursor = table_state.get("cursor")
    if incremental.get("param") and cursor:
        sent = unix_seconds(cursor) if incremental.get("sent_as") == "unix" else cursor
        if incremental.get("template"):  # the cursor inside an expression (`ModifiedAt gt <cursor>`)
            sent = incremental["template"].replace("{cursor}", str(sent))
        set_param(params, body, incremental["param"], sent, incremental.get("where", "query"))
    count, newest = 0, cursor
    seen_types: dict = {}
    field = incremental.get("field")
    for records in fetch_pages(session, url, spec, params, body):
        sync_included(table, CONTEXT.get("page"))
        for record in records:
            row = dict(prepare_record(source_of(record)), **extra)
            if incremental.get("param") and not field:
                field = cursor_field(row, incremental["param"])
            if field:
                value = to_utc(value_at(record, field) if field in record or "." in field else row.get(field))
                continues = incremental.get("param") == spec["pagination"].get("param")  # a keyset: the last one
                if value is not None and (newest is None or continues or later(value, newest)):
                    newest = value
            if flagged(record, spec):  # a record the request turned down: neither it nor its children
                continue
            note_types(table, row, seen_types)
            deleted = write_row(table, spec, row, record)
            count += 1
            sync_children(session, table, record, state, deleted)
            if count % CHECKPOINT_INTERVAL == 0:
                table_state["cursor"] = newest
                # Checkpoint: everything written so far is committed and the sync can resume from here.
                op.checkpoint(state=state)
    table_state["cursor"] = newest
    return count


def flagged(record, spec: dict):
    """True when the spec's skip flag is set on the record (`"refunded": "true"`): yes/no values come as
    booleans, numbers or strings."""
    flag = spec.get("skip_flag")
    if not flag or not isinstance(record, dict):
        return False
    value = value_at(record, flag)
    return value is True or str(value).strip().lower() in ("true", "1", "yes", "y", "t")


def cursor_field(row: dict, param: str):
    """The field a filter parameter compares with, when the request never showed the records: the
    time field sharing the parameter's word (`ModifiedSince` -> `ModifiedAt`), else one named as a
    change time. "" when none holds a time."""
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", param)
             if w.lower() not in ("since", "after", "from", "gte", "gt", "min", "start", "date", "time")]
    timed = [name for name, value in row.items() if isinstance(value, str)
             and re.match(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d", value)]
    for found in ([n for n in timed if any(w in n.lower() for w in words)],
                  [n for n in timed if re.search(r"modif|updat|chang", n, re.I)]):
        if found:
            return found[0]
    return ""


def unix_seconds(value):
    """A saved cursor as Unix seconds, for a parameter that takes them (`modified_since=1717000000`)."""
    if isinstance(value, (int, float)) or str(value).isdigit():
        return int(float(value))
    return int(datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp())


def sync_included(parent: str, page):
    """Child tables whose rows come in the parent's response beside its records (JSON:API `included`)."""
    for child, spec in table_specs(CONTEXT["configuration"]).items():
        link = spec.get("parent") or {}
        if link.get("table") != parent or not link.get("included"):
            continue
        for item in value_at(page, link["included"]) or [] if isinstance(page, dict) else []:
            if isinstance(item, dict) and (not link.get("type") or same_kind(str(item.get("type")), link["type"])):
                op.upsert(table=child, data=prepare_record(item))


def same_kind(written: str, wanted: str):
    """Whether a JSON:API type is the one wanted, however the API spells it (`ticket-types`, `TicketType`)."""
    def bare(name: str):
        name = re.sub(r"[^a-z0-9]", "", name.lower())
        return name[:-3] + "y" if name.endswith("ies") else name[:-1] if name.endswith("s") else name

    return bare(written) == bare(wanted)


def write_row(table: str, spec: dict, row: dict, record: dict):
    """Upsert the row, or delete it when the record carries the spec's delete flag (true, or a timestamp);
    True when it was deleted."""
    deletes = spec.get("deletes") or {}
    flag, wanted = deletes.get("flag"), deletes.get("flag_value")
    value = value_at(record, flag) if flag else None
    marked = value in (True, 1, "true", "True", "1", "yes") or (  # a flag, or a time of deleting (`removed_at`)
        isinstance(value, str) and bool(re.match(r"\d{4}-\d\d-\d\d", value)))
    if flag and (str(value) == wanted if wanted else marked):
        # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys={key: row.get(key) for key in spec["primary_key"]})
        return True
    # The upsert inserts the row, or updates it if its primary key is already in the destination.
    op.upsert(table=table, data=row)
    return False


def sync_children(session, parent: str, record: dict, state: dict, deleted: bool = False):
    """Child tables of one parent record: rows from its array field, or from a per-parent endpoint. The
    rows of a deleted parent's array are deleted with it."""
    for child, spec in table_specs(CONTEXT["configuration"]).items():
        link = spec.get("parent") or {}
        if link.get("table") != parent or link.get("included"):  # `included` rows come with the page
            continue
        extra = {column: value_at(record, field) for field, column in link.get("keys", {}).items()}
        if link.get("array"):
            items = list_in(value_at(record, link["array"]))
            if items is None and isinstance(record.get("relationships"), dict):  # JSON:API: the linked ids
                items = list_in(value_at(record, f"relationships.{link['array']}.data"))
            if items is None and link["array"].endswith("s"):  # `variants` written as <variant> elements
                one = link["array"][:-1]
                items = value_at(record, one)
                if not isinstance(items, list):  # a single <variant sku=".."/>: its attributes, flattened
                    single = {k[len(one) + 1:]: v for k, v in record.items() if k.startswith(one + "_")}
                    items = [single] if single else []
            for index, item in enumerate(items if isinstance(items, list) else []):
                row = dict(prepare_record(item if isinstance(item, dict) else {"value": item}), **extra)
                if "index" in spec["primary_key"]:
                    row["index"] = index  # the item's position in its parent's array: the rest of its key
                if deleted and spec["primary_key"]:
                    # The delete marks the child row of a deleted parent as deleted (_fivetran_deleted = true).
                    op.delete(table=child, keys={key: row.get(key) for key in spec["primary_key"]})
                else:
                    op.upsert(table=child, data=row)
            continue
        values = {**flat_values(record), **extra}  # {id} and {vehicle_id} both name the parent's key
        url = joined(base_url(CONTEXT["configuration"]), fill(spec["path"], values))
        params, body = request_parts(spec, values)
        try:
            sync_table(session, child, spec, state, url, extra, params, body)
        except Refused as exc:  # one parent's children refused (gone, closed, restricted): the others still sync
            if exc.status == 401:
                raise
            log.warning(f"{child}: skipped for one {parent} record: {exc}")
            CONTEXT.setdefault("refused", {}).setdefault(child, exc)
            continue
        CONTEXT.setdefault("served", set()).add(child)


def check_children():
    """A child table none of whose parents' calls succeeded has a wrong path, not closed parents: fail."""
    for child, exc in (CONTEXT.get("refused") or {}).items():
        if child not in (CONTEXT.get("served") or set()):
            raise exc


def flat_values(record: dict):
    """A record's top-level scalar values, for filling `{id}` in a child endpoint's path."""
    return {k: v for k, v in record.items() if not isinstance(v, (dict, list))}


def sync_deletes(session, table: str, spec: dict, state: dict, started: str):
    """
    Mark the ids a deletes endpoint lists as deleted (a soft delete), since the last sync's start, page
    by page as its responses say (a next token, link or page count). The first sync has nothing to delete
    yet: with a `since` parameter it only notes when it started.
    """
    deletes = spec["deletes"]
    configuration = CONTEXT["configuration"]
    params = {}
    since = state.setdefault(table, {}).get("deletes_since")
    if deletes.get("since_param") and not since:
        state[table]["deletes_since"] = started
        return
    if since and deletes.get("since_param"):
        params[deletes["since_param"]] = since
    count = 0
    # the feed's own way on, as its responses signal it (a next token, link or page count): feeds page unlike lists
    listing = {**spec, "records": deletes.get("ids", ""), "incremental": None, "pagination": {"kind": "none"}}
    for items in fetch_pages(session, base_url(configuration) + deletes["path"], listing, params, None):
        for item in items:
            keys = item if isinstance(item, dict) else {spec["primary_key"][0]: item}
            # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
            op.delete(table=table, keys={key: keys.get(key) for key in spec["primary_key"]})
            count += 1
    state[table]["deletes_since"] = started
    log.info(f"{table}: {count} rows marked deleted")


def sync_windows(session, table: str, spec: dict, state: dict):
    """
    A source that serves one time window per request: walk the windows from the saved position
    (or the first day) up to the last complete one, and checkpoint after each window.
    """
    window = spec["window"]
    table_state = state.setdefault(table, {})
    start, end = window_bounds(session, window, table_state)
    url = endpoint_url(CONTEXT["configuration"], spec["path"])
    count = 0
    while start <= end:
        stop = min(start + timedelta(days=int(window.get("days", 1))), end + timedelta(days=1))
        try:
            count += sync_window(session, table, spec, state, url, window, start, stop)
        except Refused as exc:
            if exc.status != 400 or not window.get("to_exclusive", True):
                raise
            # the request left unsaid whether the end day is included; the source refused the window
            # ending today (or one day too wide): read each end day as included from here on
            log.warning(f"{table}: the window {start}..{stop} was refused ({exc}); reading end days as included")
            window = {**window, "to_exclusive": False}
            count += sync_window(session, table, spec, state, url, window, start, stop)
        # the future still changes: a window from today on is read again next sync
        table_state["next"] = min(stop, datetime.now(timezone.utc).date()).isoformat()
        # Checkpoint after each window: the next sync starts with the first window not yet read.
        op.checkpoint(state=state)
        start = stop
    return count


def sync_window(session, table: str, spec: dict, state: dict, url: str, window: dict, start, stop):
    """One window's request: its dates go where the request carries them (a report POST's body), else
    in the query."""
    params, body = request_parts(spec, {})
    for name, value in window_params(window, start, stop).items():
        if isinstance(body, dict) and name in body:
            body[name] = value
        else:
            params[name] = value
    return sync_table(session, table, spec, state, url, {}, params, body)


def window_params(window: dict, start, stop):
    """The query of the window [start, stop): the end day exclusive or inclusive, as the API counts it."""
    last = stop if window.get("to_exclusive", True) else stop - timedelta(days=1)
    return {window["from_param"]: start.isoformat(), window["to_param"]: last.isoformat()}


def window_bounds(session, window: dict, table_state: dict):
    """
    The first and the last day to read. The first: where the last sync stopped (less the days read
    again, `lookback_days`), else the configured start, else the earliest day the source reports.
    The last: the last day the source reports as complete, else yesterday (UTC).
    """
    configuration = CONTEXT["configuration"]
    end = window.get("end") or {}
    payload = call(session, "GET", base_url(configuration) + end["path"], {}, None)[0] if end.get("path") else {}
    first = table_state.get("next") or configuration.get(window.get("start_key") or "") or \
        value_at(payload, end.get("start_field") or "")
    if not first:
        raise ValueError(f"No first day to read: set '{window.get('start_key') or 'start_date'}' in the configuration")
    last = value_at(payload, end.get("field") or "") if end.get("field") else None
    last_day = date.fromisoformat(str(last)[:10]) if last else datetime.now(timezone.utc).date() - timedelta(days=1)
    if window.get("ahead_days"):  # data lies ahead of today (bookings): read up to the furthest day
        last_day = datetime.now(timezone.utc).date() + timedelta(days=int(window["ahead_days"]))
    first_day = date.fromisoformat(str(first)[:10])
    if table_state.get("next") and window.get("lookback_days"):  # late data restates the last days: read them again
        configured = configuration.get(window.get("start_key") or "")
        earliest = date.fromisoformat(str(configured)[:10]) if configured else None
        first_day -= timedelta(days=int(window["lookback_days"]))
        first_day = max(first_day, earliest) if earliest else first_day
    return first_day, last_day


# Field names that look like keys, and like dates (a daily row is keyed by an id and its day).
ID_LIKE = re.compile(r"^(id|uuid|key|sku|code|slug|isbn|ean|gtin|upc|asin)$|(_id|Id|_no|_number|_code|_key|_uuid)$")
DATE_LIKE = re.compile(r"(date|day|time|_at|At|period|month|hour)$", re.I)


def choose_key(rows: list, preferred: list, windowed: bool):
    """
    A primary key the records support: the preferred one if every record has it with unique values,
    else an id-like field that is unique, else an id-like field and a date together, else none (Fivetran
    then keys rows by a hash of their values). One window's rows share their date, so for windowed
    tables the pair comes first. Top-level fields are tried first, then the columns nested objects
    flatten into (`event_id` of a search hit's `{"event": {"id": ...}}`).
    """
    records = [source_of(row) for row in rows if isinstance(row, dict)]
    if not records:
        return preferred
    top = [{k: v for k, v in r.items() if not isinstance(v, (dict, list))} for r in records]
    flat = [{k: v for k, v in prepare_record(r).items() if not str(v).startswith(("[", "{"))} for r in records]
    for candidates in (top, flat):
        found = key_among(candidates, preferred, windowed)
        if found:
            return found
    return []


def key_among(flat: list, preferred: list, windowed: bool):
    """The preferred key, else the best id-like field or id-and-date pair the rows hold uniquely (for a
    windowed report, else a date and a text field), else []."""

    def unique(fields):
        values = [tuple(row.get(f) for f in fields) for row in flat]
        return bool(fields) and all(None not in v for v in values) and len(set(values)) == len(values)

    if unique(preferred):
        return preferred
    ranked = sorted(flat[0], key=lambda c: (c != "id", not ID_LIKE.search(c)))
    singles = [[c] for c in ranked if ID_LIKE.search(c) and unique([c])]
    pairs = [[a, b] for i, a in enumerate(ranked) for b in ranked[i + 1:]
             if ID_LIKE.search(a) and DATE_LIKE.search(b) and len(flat) > 1 and unique([a, b])]
    found = (pairs + singles) if windowed else (singles + pairs)
    if windowed and not found:  # a report's rows: a day and the leftmost text dimension (`date` + `path`)
        days = [c for c in flat[0] if DATE_LIKE.search(c)]
        texts = [c for c in flat[0] if c not in days and all(isinstance(row.get(c), str) for row in flat)]
        found = [[d, c] for d in days for c in texts if len(flat) > 1 and unique([d, c])]
    return found[0] if found else []


def first_page(session, configuration: dict, spec: dict):
    """The records of a table's first page (its first window for windowed tables)."""
    params, body = request_parts(spec, {})
    window = spec.get("window")
    if window:
        start, end = window_bounds(session, window, {})
        params.update(window_params(window, start, min(start + timedelta(days=int(window.get("days", 1))),
                                                        end + timedelta(days=1))))
    return next(iter(fetch_pages(session, endpoint_url(configuration, spec["path"]), spec, params, body)), [])


def table_specs(configuration: dict):
    """
    The tables to sync, as the spec lists them; a table whose key the request left open (`find_key`)
    gets the key its first page supports, asked once per run and used by schema() and update() alike
    (for an incremental table that page is the one its first sync reads anyway).
    """
    cached = CONTEXT.get("tables")
    if cached and cached[0] is TABLES:
        return cached[1]
    tables = {name: dict(spec) for name, spec in TABLES.items()}
    if any(spec.get("find_key") for spec in tables.values()):
        find_keys(build_session(configuration), configuration, tables)
    CONTEXT["tables"] = (TABLES, tables)
    return tables


def find_keys(session, configuration: dict, tables: dict):
    """Set the primary key of each `find_key` table from its first page (array children: from the first
    parent record's array); a page that cannot be read leaves the key the spec prefers."""
    first_rows: dict = {}
    for name, spec in tables.items():
        link = spec.get("parent") or {}
        if link.get("array"):
            if spec.get("find_key"):
                array_child_key(name, spec, tables[link["table"]], first_rows.get(link["table"]) or [])
            continue
        elif link or not spec.get("path") or not (spec.get("find_key") or any(
                (t.get("parent") or {}).get("table") == name and t.get("find_key") for t in tables.values())):
            continue
        else:
            try:
                rows = first_page(session, configuration, spec)
            except RuntimeError as exc:  # the sync itself reports it
                log.warning(f"{name}: could not read a first page to find the primary key ({exc})")
                rows = []
        first_rows[name] = rows
        if spec.get("find_key"):
            spec["primary_key"] = choose_key(rows, spec["primary_key"], bool(spec.get("window")))
            log.info(f"{name}: primary key {spec['primary_key'] or 'none (rows keyed by a hash)'} from the data")


def array_child_key(name: str, spec: dict, parent: dict, parent_rows: list):
    """
    The key of a table read from an array in its parent's records: the parent's key columns (taken from
    the parent's actual key, which may have been found in the data) plus an item field unique within
    each parent (an id-like one first, then text), else the item's position in the array.
    """
    link = dict(spec["parent"])
    if parent_rows and parent["primary_key"] and not all(value_at(parent_rows[0], f) is not None for f in link["keys"]):
        # the same column prefix the spec's link uses (`item_` of `{"id": "item_id"}`), for the key found instead
        prefix = next((c[:-len(f)] for f, c in link["keys"].items() if c.endswith(f) and c != f), f"{link['table']}_")
        link["keys"] = {key: key if key.startswith(prefix) else prefix + key for key in parent["primary_key"]}
        spec["parent"] = link
    columns = list(link["keys"].values())
    rows = [dict(prepare_record(item), **{c: value_at(row, f) for f, c in link["keys"].items()})
            for row in parent_rows[:50] for item in (list_in(value_at(row, link["array"])) or [])
            if isinstance(item, dict)]
    scalar = [c for c in (rows[0] if rows else {}) if c not in columns and all(
        isinstance(r.get(c), (str, int)) and not isinstance(r.get(c), bool) for r in rows)]
    ranked = [c for c in scalar if ID_LIKE.search(c)] + [c for c in scalar if isinstance(rows[0][c], str)
                                                         and not ID_LIKE.search(c)]
    own = next((c for c in ranked if len({tuple(r.get(k) for k in [*columns, c]) for r in rows}) == len(rows)), "")
    spec["primary_key"] = [*columns, own or "index"]
    log.info(f"{name}: primary key {spec['primary_key']} from the data")


def sync_all(session, configuration: dict, state: dict):
    """Every top-level table in turn (child tables are read with their parents), then the deletes."""
    started = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    for table, spec in table_specs(configuration).items():
        if spec.get("parent"):
            continue
        if spec.get("window"):
            count = sync_windows(session, table, spec, state)
        else:
            params, body = request_parts(spec, {})
            count = sync_table(session, table, spec, state, endpoint_url(configuration, spec["path"]), {}, params, body)
        check_children()
        if (spec.get("deletes") or {}).get("path"):
            sync_deletes(session, table, spec, state, started)
        # Checkpoint at the end of each table, so a later failure does not repeat it.
        op.checkpoint(state=state)
        log.info(f"{table}: {count} rows")
