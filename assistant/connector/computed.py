"""Headers a request describes as worked out per call: `X-Ts: unix secs`, `Authorization: ApiKey
<base64 of id:key>`, `X-Sign: hex hmac-sha256(api_secret, X-Ts + "GET" + path incl. query string)`.

Read by structure: a header name, a colon, then a value that is a function written as a call
(`hmac-sha256(secret, a + b)`, `base64(id:key)`, `<base64 of a:b>`) or a clock (`unix secs`,
`epoch ms`). The call's arguments are split on `+` and `:`; each piece is matched against what a
request can be built from (the time, the method, the path with or without its query, the body,
another header, a configuration key), never against a fixed phrasing of the whole line.
"""

from __future__ import annotations

import re

from assistant.connector import request as rq
from assistant.connector.spec import Computed

_HMAC = re.compile(r"hmac[\s_\-]*(sha-?\d+|md5)\s*\((.*)\)", re.I | re.S)
_BASE64 = re.compile(r"base-?64\s*(?:\(([^)\n]*)\)|(?:of\s+|encod\w*\s+(?:of\s+)?)([^>\n]+))", re.I)
_CLOCK = re.compile(r"\b(?:unix|epoch|timestamp|time\s*stamp)\b", re.I)
_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def _key(token: str, keys: list[str]) -> str:
    """The configuration key a written name stands for: itself, or the one key that ends with it
    (`id` -> `api_key_id`, `secret` -> `api_secret`)."""
    name = re.sub(r"[^\w]", "", token).lower()
    if not name:
        return ""
    if name in keys or not keys:
        return name if re.fullmatch(r"[a-z_]\w*", name) else ""
    ending = [k for k in keys if k.lower().endswith(name)]
    containing = [k for k in keys if name in k.lower() and not re.search(r"url|host|base", k, re.I)]
    for found in (ending, containing):
        if len(found) == 1:
            return found[0]
    return ""


def _piece(token: str, earlier: list[str], keys: list[str]) -> str:
    """One part of a signed message as the engine names it."""
    token = token.strip().strip("<>{}[]").strip()
    low = token.lower()
    quoted = re.fullmatch(r"[\"']([^\"']*)[\"']", token)
    bare = quoted.group(1) if quoted else token
    if bare.upper() in _METHODS or re.search(r"\bmethod\b|\bverb\b", low):
        return "method"
    if token in earlier or any(token.lower() == e.lower() for e in earlier):
        return "header:" + next(e for e in earlier if e.lower() == token.lower())
    if re.search(r"\bpath\b|\burl\b|\buri\b", low):
        return "path_query" if re.search(r"query|\?|params|search", low) else "path"
    if re.search(r"\bbody\b|payload", low):
        return "body"
    if _CLOCK.search(low) or low in ("ts", "time", "now"):
        return "timestamp_ms" if re.search(r"\bms\b|milli", low) else "timestamp"
    if quoted:
        return "text:" + quoted.group(1)
    key = _key(token, keys)
    return "config:" + key if key else ""


def _split(argument: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:\+|\|\||\bconcat\w*\b|\bthen\b|\bfollowed by\b)\s*", argument) if p.strip()]


def _hmac(value: str, earlier: list[str], keys: list[str]) -> Computed | None:
    match = _HMAC.search(value)
    if not match:
        return None
    secret, _, message = match.group(2).partition(",")
    parts = [_piece(p, earlier, keys) for p in _split(message)]
    written = secret.strip().strip("<>{}`'\" ")
    named = written if re.fullmatch(r"[A-Za-z_]\w*", written) else ""  # the request names the key: it is one
    secret_key = _key(written, keys) or named or next((k for k in keys if "secret" in k.lower()), "")
    if not parts or "" in parts or not secret_key:
        return None
    algorithm = re.sub(r"[^a-z0-9]", "", match.group(1).lower())
    digest = "base64" if re.search(r"base-?64", value[:match.start()] + value[match.end():], re.I) else "hex"
    return Computed(parts=parts, encode="hmac", algorithm=algorithm, secret_key=secret_key,  # type: ignore[arg-type]
                    digest=digest)  # type: ignore[arg-type]


def _base64(value: str, earlier: list[str], keys: list[str]) -> Computed | None:
    match = _BASE64.search(value)
    if not match:
        return None
    pieces = re.split(r"(:)", match.group(1) or match.group(2))
    parts = ["text::" if p == ":" else _piece(p, earlier, keys) for p in pieces if p.strip()]
    if "" in parts or not any(p.startswith("config:") for p in parts):
        return None
    prefix = value[:match.start()].rstrip("<( ").strip()
    return Computed(parts=parts, encode="base64", prefix=prefix + " " if prefix else "")


def computed_headers(text: str, keys: list[str]) -> dict[str, Computed]:
    """Every header the text defines as computed, in the order written."""
    out: dict[str, Computed] = {}
    for name, value in rq.header_values(text):
        if name in out:
            continue
        header = _hmac(value, list(out), keys) or _base64(value, list(out), keys)
        if header is None and _CLOCK.search(value) and len(value) < 40 and "(" not in value:
            header = Computed(parts=["timestamp_ms" if re.search(r"\bms\b|milli", value, re.I) else "timestamp"])
        if header is not None:
            out[name] = header
    return out
