"""Configuration key names come from the user: the keys of the configuration given with --config, else
the keys the request names. A built-in name (`api_token`, `username`) is only kept when the user named
no key for that role.

Each place in a REST spec that reads a configuration value (the base URL, each credential, the first day
of a time window) is a *slot* with a role, read from the value's shape when the configuration is given
(an http(s) URL, a date) and from the key's name otherwise. A slot whose key the user did not name takes
a named key of its role that no other slot holds; where several fit, the one whose name shares the
slot's hint wins, else the one named first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.connector.spec import Spec

_URL_NAME = re.compile(r"url|host|endpoint|server|root|base|domain|site|instance|(?:^|_)api(?:$|_)", re.I)
_DATE_NAME = re.compile(r"date|since|start|from|begin|day", re.I)
_DATE_VALUE = re.compile(r"^\d{4}-\d\d(-\d\d)?([T ][\d:.]+Z?)?$")
_HOST = re.compile(r"^(?:localhost|[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?::\d+)?(?:/\S*)?$", re.I)  # api.x.com:8443
_SECRET_NAME = re.compile(r"key|token|secret|pass|auth|cred|user|login|account|client|email|id$", re.I)


@dataclass
class Slot:
    role: str  # "url" | "date" | "secret"
    hints: tuple[str, ...]
    get: Callable[[], str]
    put: Callable[[str], None]


def role(key: str, config: dict[str, Any]) -> str:
    """What a named key holds: by its value when the configuration gives one, else by its name."""
    value = str(config.get(key, "")) if key in config else None
    if value is not None and value.strip():
        if re.match(r"https?://", value.strip()) or _HOST.match(value.strip()):
            return "url"
        return "date" if _DATE_VALUE.match(value.strip()) else "secret"
    if _URL_NAME.search(key) and not _SECRET_NAME.search(key.replace("base", "")):
        return "url"
    return "date" if _DATE_NAME.search(key) else "secret"


def shown_values(text: str, named: list[str]) -> dict[str, str]:
    """Values the request writes beside a key it names (`fleet_api` (that's https://x/api/v1), `since = 2024-01-01`):
    their shape tells the key's role when no configuration is given."""
    out = {}
    for key in named:
        beside = re.search(rf"`?\b{re.escape(key)}\b`?\s*(?:\(|=|:|->|\bis\b)\s*(?:that'?s|that\s+is|i\.e\.?|e\.g\.?|"
                           r"like|eg)?\s*[`\"']?(https?://[^\s`\"')]+|\d{4}-\d\d-\d\d)", text, re.I)
        described = re.search(rf"`?\b{re.escape(key)}\b`?\s*\((?:the\s+|its\s+)?(?:base\s+|portal\s+|site\s+)?"
                              r"(?:url|address|host|endpoint)\)", text, re.I)
        if described:  # `portal (the url)`: the key is said to hold the address
            out[key] = "https://"
            continue
        line = re.search(rf"(https?://[^\s`\"')]+|\d{{4}}-\d\d-\d\d)[^\n`,;]*\bkey\b\W*`?{re.escape(key)}\b", text)
        if beside or line:  # `api: https://x/v1   # configuration key: invoicely_api`: the value on the key's line
            # (with nothing between them that says another thing: "https://x, auth is `...` (config key `t`)")
            out[key] = (beside or line).group(1)  # type: ignore[union-attr]
    return out


def slots(spec: Spec) -> list[Slot]:
    """Every configuration key the spec reads, with its role and the words that suit it."""
    auth = spec.auth
    out = [Slot("url", ("url", "host", "base"), lambda: spec.base_url_key, lambda k: setattr(spec, "base_url_key", k))]
    if auth.kind in ("bearer", "query"):
        out.append(Slot("secret", ("token", "key", "secret"), lambda: auth.token_key,
                        lambda k: setattr(auth, "token_key", k)))
    elif auth.kind == "header":
        for old in re.findall(r"\{(\w+)\}", auth.template):
            out.append(Slot("secret", ("key", "token", "secret"), lambda old=old: old,  # type: ignore[misc]
                            lambda k, old=old: setattr(auth, "template", auth.template.replace(  # type: ignore[misc]
                                "{" + old + "}", "{" + k + "}"))))
    elif auth.kind == "basic":
        out.append(Slot("secret", ("user", "usr", "login", "email", "account", "id", "key"), lambda: auth.username_key,
                        lambda k: setattr(auth, "username_key", k)))
        if auth.password_key:
            out.append(Slot("secret", ("pass", "pwd", "secret", "token", "key"), lambda: auth.password_key,
                            lambda k: setattr(auth, "password_key", k)))
    elif auth.kind == "oauth2":
        out.append(Slot("secret", ("client_id", "id", "client"), lambda: auth.client_id_key,
                        lambda k: setattr(auth, "client_id_key", k)))
        out.append(Slot("secret", ("secret", "client_secret"), lambda: auth.client_secret_key,
                        lambda k: setattr(auth, "client_secret_key", k)))
    elif auth.kind == "session":  # each login field reads a key: `username` <- `login_user`
        for field_, key in auth.login.items():
            words = tuple(w for w in re.split(r"[^a-z]+", field_.lower()) if w) + ("user", "login", "pass")
            out.append(Slot("secret", words, lambda key=key: key,  # type: ignore[misc]
                            lambda k, f=field_: auth.login.__setitem__(f, k)))  # type: ignore[misc]
    for name, header in spec.computed_headers.items():
        words = tuple(w for w in re.split(r"[^a-z]+", name.lower()) if w and w != "x")
        for index, part in enumerate(header.parts):
            if part.startswith("config:"):
                out.append(Slot("secret", words, lambda p=part: p.split(":", 1)[1],  # type: ignore[misc]
                                lambda k, h=header, i=index: h.parts.__setitem__(i, f"config:{k}")))  # type: ignore[misc]
    for table in spec.tables:
        window = table.window
        if window is not None and window.start_key:
            out.append(Slot("date", ("start", "date", "since"), lambda w=window: w.start_key,  # type: ignore[misc]
                            lambda k, w=window: setattr(w, "start_key", k)))  # type: ignore[misc]
    return out


def settle(spec: Spec, named: list[str], config: dict[str, Any],
           reserved: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Give each slot whose key the user did not name a named key of its role; returns what changed.
    `reserved` keys are read elsewhere (path placeholders) and are never given to a slot."""
    if not named or spec.source_type != "rest":
        return []
    all_slots = slots(spec)
    # a named key whose value shows another role (a URL in the token's place) is free to move
    misplaced = {id(s) for s in all_slots if s.get() in named and str(config.get(s.get(), "")).strip()
                 and role(s.get(), config) != s.role}
    kept = [s for s in all_slots if s.get() in named and id(s) not in misplaced]
    taken = {s.get() for s in kept} | set(reserved)
    changes = []
    for slot in all_slots:
        old = slot.get()
        if slot in kept:
            continue
        free = [k for k in named if k not in taken and role(k, config) == slot.role]
        if not free:
            continue
        new = next((k for hint in slot.hints for k in free if hint in k.lower()), free[0])
        slot.put(new)
        taken.add(new)
        changes.append(f"`{old}` -> `{new}`")
    return changes
