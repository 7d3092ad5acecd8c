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

_BASE64 = re.compile(r"base-?64\s*(?:\(([^)\n]*)\)|(?:of\s+|encod\w*\s+(?:of\s+)?)([^>\n]+))", re.I)
_CLOCK = re.compile(r"\b(?:unix|epoch|timestamp|time\s*stamp)\b", re.I)
_MAC_NAME = re.compile(r"hmac[\s_\-]*(sha-?\d+|md5)", re.I)  # `HMAC-SHA256`, `hmac_sha1`: the hash named
_HMAC = re.compile(_MAC_NAME.pattern + r"\s*\(.*\)", re.I | re.S)  # the same, written as a call
_DIGEST_OF_BODY = re.compile(r"(?:sha-?256|hash|digest)\b.*\b(?:body|payload)\b", re.I)
_ESCAPES = {"\\n": "\n", "\\r": "\r", "\\t": "\t"}
_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def _key(token: str, keys: list[str]) -> str:
    """The configuration key a written name stands for: itself, or the one key that ends with it
    (`id` -> `api_key_id`, `secret` -> `api_secret`)."""
    name = re.sub(r"\W+", "_", token.strip()).strip("_").lower()  # `api id` -> `api_id`
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
    if _DIGEST_OF_BODY.search(low):
        return "body_sha256"
    if re.search(r"\bbody\b|payload", low):
        return "body"
    if _CLOCK.search(low) or low in ("ts", "time", "now"):
        return "timestamp_ms" if re.search(r"\bms\b|milli", low) else "timestamp"
    if quoted:
        text = quoted.group(1)
        for escape, char in _ESCAPES.items():  # a separator written as `"\n"` is a newline
            text = text.replace(escape, char)
        return "text:" + text
    key = _key(token, keys)
    return "config:" + key if key else ""


def _split(argument: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:\+|\|\||\bconcat\w*\b|\bthen\b|\bfollowed by\b)\s*", argument) if p.strip()]


def _call_arguments(value: str, opened: int) -> str:
    """What a call's brackets hold, from the `(` at `opened` to its matching `)` (quotes respected)."""
    depth, quote = 0, ""
    for at in range(opened, len(value)):
        char = value[at]
        if quote:
            quote = "" if char == quote and value[at - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return value[opened + 1:at]
    return value[opened + 1:]


def _hmac(value: str, earlier: list[str], keys: list[str]) -> Computed | None:
    match = _HMAC.search(value)
    if not match:
        return None
    opened = value.index("(", match.start(1))
    secret, _, message = _call_arguments(value, opened).partition(",")
    parts = [_piece(p, earlier, keys) for p in _split(message)]
    written = secret.strip().strip("<>{}`'\" ")
    named = written if re.fullmatch(r"[A-Za-z_]\w*", written) else ""  # the request names the key: it is one
    secret_key = _key(written, keys) or named or next((k for k in keys if "secret" in k.lower()), "")
    if not parts or "" in parts or not secret_key:
        return None
    digest = "base64" if re.search(r"base-?64", value[:match.start()] + value[match.end():], re.I) else "hex"
    return Computed(parts=parts, encode="hmac", algorithm=_algorithm(match),  # type: ignore[arg-type]
                    secret_key=secret_key, digest=digest)  # type: ignore[arg-type]


def _algorithm(match: re.Match[str]) -> str:
    """The hash function a matched HMAC name gives, as the spec writes it (`SHA-256` -> `sha256`)."""
    return re.sub(r"[^a-z0-9]", "", match.group(1).lower())


def _prose_hmac(block: str, earlier: list[str], keys: list[str]) -> Computed | None:
    """A signature described in words over one or more lines: `hex HMAC-SHA256, keyed with the API
    secret, over` then `timestamp + "\\n" + HTTP method + ... + hex SHA-256 of the request body`.
    The message is the longest run of pieces joined by `+`; the secret is the key the words name."""
    match = _MAC_NAME.search(block)
    runs = [line for line in re.split(r"[\n,;:]|\bover\b", block) if "+" in line]
    if not match or not runs:
        return None
    message = max(runs, key=lambda line: line.count("+")).strip().rstrip(".")
    parts = [_piece(p, earlier, keys) for p in _split(message)]
    keyed = re.search(r"(?:keyed|signed|using|with)\s+(?:with\s+)?(?:the\s+|your\s+)?([\w ]{2,30}?)(?:,|\s+over\b|$)",
                      block, re.I | re.M)
    words = keyed.group(1).split() if keyed else []
    secret_key = next((k for w in reversed(words) if (k := _key(w, keys))), "") \
        or next((k for k in keys if "secret" in k.lower()), "")
    if not parts or "" in parts or not secret_key:
        return None
    digest = "base64" if re.search(r"base-?64", block, re.I) else "hex"
    return Computed(parts=parts, encode="hmac", algorithm=_algorithm(match),  # type: ignore[arg-type]
                    secret_key=secret_key, digest=digest)  # type: ignore[arg-type]


def _block(text: str, name: str) -> str:
    """The header's line and the lines under it indented deeper: where a long definition continues."""
    found = re.search(r"^([ \t]*)[^\n]*?\b" + re.escape(name) + r"\s*:[^\n]*", text, re.M)
    if not found:
        return ""
    lines, indent = [found.group(0)], len(found.group(1).expandtabs())
    for line in text[found.end() + 1:].splitlines():
        if not line.strip() or len(line) - len(line.lstrip()) <= indent:
            break
        lines.append(line)
    return "\n".join(lines)


def _template(text: str, line: str, name: str, earlier: list[str], keys: list[str]) -> Computed | None:
    """A header written as a template on its `line` whose holes are filled per request, one of them a
    signature the text defines on a line of its own: `Authorization: ADT1 Credential=<key>,
    Timestamp=<unix seconds>, Signature=<sig>` with `sig = base64(HMAC-SHA256(secret, METHOD + ...))`."""
    value = line[line.index(name) + len(name):].lstrip(" :").strip().strip("`")
    pieces = re.split(r"<([^<>\n]+)>", value)
    if len(pieces) < 5:  # at least two holes
        return None
    parts: list[str] = []
    signature = None
    for number, piece in enumerate(pieces):
        if number % 2 == 0:
            parts += [f"text:{piece}"] if piece else []
            continue
        # `sig = ...` on a line of its own, or inside one ("where sig = base64(...)")
        defined = re.search(rf"(?:^|(?<=[\s`(]))[*\-]?`?{re.escape(piece)}`?\s*=(?!=)\s*(.+)$", text, re.M)
        if defined and _MAC_NAME.search(defined.group(1)):
            signature = _hmac(defined.group(1), earlier, keys) or _prose_hmac(defined.group(1), earlier, keys)
            parts.append("signature")
        else:
            parts.append(_piece(piece, earlier, keys))
    if signature is None or "" in parts:
        return None
    return Computed(parts=parts, signature=signature)


def _base64(value: str, earlier: list[str], keys: list[str]) -> Computed | None:
    match = _BASE64.search(value)
    if not match:
        return None
    pieces = re.split(r"(:)", match.group(1) or match.group(2))
    parts: list[str] = []
    for piece in [p for p in pieces if p.strip()]:  # `id:key` with os_key_id, os_key_secret: each key once
        used = [p.split(":", 1)[1] for p in parts if p.startswith("config:")]
        parts.append("text::" if piece == ":" else _piece(piece, earlier, [k for k in keys if k not in used]))
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
        block = _block(text, name)  # the header's line and what continues it
        whole = block.split("\n")[0]  # the value runs past the commas a template holds
        header = _template(text, whole, name, list(out), keys) if re.search(r"<[^<>\n]+>.*<[^<>\n]+>", whole) \
            else None
        header = header or _hmac(value, list(out), keys) or _base64(value, list(out), keys)
        if header is None and _MAC_NAME.search(value):
            header = _prose_hmac(block, list(out), keys)
        if header is None and _CLOCK.search(value) and len(value) < 40 and "(" not in value:
            header = Computed(parts=["timestamp_ms" if re.search(r"\bms\b|milli", value, re.I) else "timestamp"])
        if header is not None:
            out[name] = header
    return out
