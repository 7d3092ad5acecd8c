"""A request read by its structure: the endpoints, curl commands, header lines, JSON and XML
examples, query parameters, stated limits and the configuration keys it names.

Nothing here depends on how a sentence is phrased: an endpoint is a method and a URL or a path, a
header is `Name: value`, an example is a JSON (or XML) document, a limit is a number after a word
for "at most". extract.py turns what is found into a spec; probe.py checks it against the source.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

METHOD = r"(GET|POST|PUT|PATCH)"
_URL = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.\-]*(?::\d+)?(?:/(?:[^\s`'\"<>)\]]*[^\s`'\"<>)\].,;:])?)?")
_PLACEHOLDER = re.compile(r"\{\{?\s*([A-Za-z][\w ]*)\s*\}?\}|<\s*([A-Za-z][\w ]*?)\s*>|:([a-z]\w*)(?=/|$)")
_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z0-9\-]*)\s*:\s*(.+?)\s*$")
_MAX = re.compile(r"\b(?:at\s+most|max(?:imum)?(?:\s+is|\s+of|:)?|up\s+to|capped\s+at|no\s+more\s+than|"
                  r"can(?:'t|not)\s+(?:be\s+)?(?:more|higher|larger|bigger)\s+than|cannot\s+exceed|limited\s+to|"
                  r"can(?:'t|not)\s+go\s+(?:above|over|beyond|past|higher\s+than)|"
                  r"between\s+[01]\s*(?:\([^()]*\))?\s+and|"
                  r"<=|≤)\s*(\d+)", re.I)
_STOP = {"and", "or", "the", "a", "an", "in", "with", "as", "is", "are", "of", "to", "for", "on", "we", "our",
         "your", "config", "configuration", "both", "will", "be", "i", "it", "give", "you", "json", "too", "also",
         "either"}


@dataclass
class Endpoint:
    method: str
    path: str  # with {name} placeholders, no query string
    query: dict[str, str] = field(default_factory=dict)  # name -> the example value as written
    body: Any = None  # a JSON body (curl -d, or a body example next to it)
    headers: dict[str, str] = field(default_factory=dict)
    start: int = 0
    segment: str = ""  # the text from this endpoint to the next one
    base: str = ""  # scheme://host[:port] when the request wrote a full URL

    @property
    def placeholders(self) -> list[str]:
        return re.findall(r"\{(\w+)\}", self.path)


@dataclass
class Reading:
    text: str
    endpoints: list[Endpoint] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    config_keys: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)  # every `back-ticked` name, in order
    params: list[str] = field(default_factory=list)  # every name=value parameter written anywhere
    limits: dict[str, int] = field(default_factory=dict)  # parameter -> the most it may be
    base_url: str = ""
    base_path: str = ""  # `https://host/api/v1` written as the API's root: the endpoints' common prefix

    def examples(self, text: str | None = None) -> list[Any]:
        return json_examples(self.text if text is None else text)


def snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip())
    return re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")


# --- JSON examples ------------------------------------------------------------------------------------------


def _balanced(text: str, start: int, opening: str, closing: str) -> int | None:
    """The index after the bracket that closes the one at `start`, skipping strings."""
    depth, quote = 0, ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == "\\":
                continue
            if ch == quote and text[i - 1] != "\\":
                quote = ""
            continue
        if ch == '"':
            quote = ch
        elif ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def tolerant_json(raw: str) -> Any:
    """JSON as people write it in docs: `...`, `<n>`, `{customer}` placeholders, trailing commas,
    Python's True/False/None. None if it still is not JSON."""
    text = re.sub(r'("(?:[^"\\\n]|\\.)*")|//[^\n]*', lambda m: m.group(1) or "", raw)  # `// note`, not `"http://"`
    text = re.sub(r"\[\s*(?:\.\.\.|…)\s*\]|\[[^\[\]{}\"]*(?:\.\.\.|…)[^\[\]{}\"]*\]", "[{}]", text)
    text = re.sub(r"\[\s*[A-Z]\w*\s*\]", "[{}]", text)  # `"data": [Appointment]`: a list of a named type
    text = re.sub(r"\{\s*[A-Za-z_][\w ]*\s*\}(?=\s*[,\]])|\{\s*(?:\.\.\.|…)\s*\}", "{}", text)  # [ {customer}, ... ]
    text = re.sub(r",\s*(?:\.\.\.|…)\s*(?=[\]},])", "", text)  # {"a": 1, ..., "b": 2}
    one = r'"[^"\n]*"|\b(?:null|true|false|\d+)\b'  # "next": "..." | null, "<url>" or null: the first one
    text = re.sub(rf"({one})(?:\s*(?:\||\bor\b)\s*(?:{one}))+", r"\1", text)
    text = re.sub(r"(?<=[:\[,])\s*(?:\.\.\.|…)\s*(?=[,\]}])", " null", text)
    text = re.sub(r"(?<=[:\[,])\s*<[^<>\n]*>", " null", text)
    text = re.sub(r"(?<=:)\s*(?!true\b|false\b|null\b)[A-Za-z_][\w.]*(?=\s*[,}\]])", " null", text)  # "total": N
    text = re.sub(r"(?<=[:\[,])\s*(?:True|False|None)\b",
                  lambda m: {"True": " true", "False": " false", "None": " null"}[m.group(0).strip()], text)
    text = re.sub(r",\s*(?=[\]}])", "", text)
    try:
        return json.loads(text)
    except ValueError:
        return None


def json_examples(text: str) -> list[Any]:
    """Every JSON object written in the text (outermost ones only), placeholders tolerated."""
    found: list[Any] = []
    i = 0
    while True:
        start = text.find("{", i)
        if start < 0:
            return found
        end = _balanced(text, start, "{", "}")
        if end is None:
            return found
        value = tolerant_json(text[start:end])
        if isinstance(value, dict) and value:
            found.append(value)
            i = end
        else:
            i = start + 1


def list_paths(data: Any, prefix: str = "") -> list[tuple[str, list[Any]]]:
    """(dotted path, the list) for every list in a JSON example, outermost first."""
    out: list[tuple[str, list[Any]]] = [(prefix, data)] if isinstance(data, list) else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += list_paths(value, f"{prefix}.{key}" if prefix else key)
    return out


def paths(data: Any, prefix: str = "") -> list[str]:
    """Every dotted path of a JSON example's objects (lists are not entered)."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            out.append(path)
            out += paths(value, path)
    return out


# --- endpoints --------------------------------------------------------------------------------------------


def _split_url(target: str) -> tuple[str, str, dict[str, str]]:
    """(base, path with {placeholders}, query) of what follows a method or sits in a curl command."""
    target = target.strip().strip("'\"`").rstrip(".,;:)")
    base = ""
    match = re.match(r"(https?://[^/\s?]+)", target)
    if match:
        base, target = match.group(1), target[match.end():]
    else:
        target = re.sub(r"^(?:\{\{?\s*\w+\s*\}?\}|<[^>/]+>|\$\w+|\$\{\w+\})(?=/)", "", target)
    path, _, query = target.partition("?")
    path = _PLACEHOLDER.sub(lambda m: "{" + snake(next(g for g in m.groups() if g)) + "}", path)
    params = {}
    for pair in filter(None, query.split("&")):
        name, _, value = pair.partition("=")
        if re.match(r"^[A-Za-z_][\w.\-\[\]]*$", name):
            params[name] = value
    return base, path or "/", params


_CURL_VALUED = {"-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--json", "-u",
                "--user", "-o", "--output", "-A", "--user-agent", "-F", "--form", "-b", "--cookie", "-e", "--referer",
                "-m", "--max-time", "--connect-timeout"}


def _curl(text: str) -> list[tuple[int, Endpoint]]:
    """Endpoints of curl commands, continuation lines joined; -X, -H and -d are read."""
    out = []
    for match in re.finditer(r"\bcurl\b(?:[^\n]*\\\n)*[^\n]*", text):
        command = match.group(0).replace("\\\n", " ")
        try:
            words = shlex.split(command, comments=False)
        except ValueError:
            words = command.split()
        method, headers, body, url = "", {}, None, ""
        words = words[1:] if words and words[0] == "curl" else words
        i = 0
        while i < len(words):
            word, following = words[i], (words[i + 1] if i + 1 < len(words) else "")
            i += 1 + (word in _CURL_VALUED)  # an option's value is never the URL
            if word in ("-X", "--request"):
                method = following.upper()
            elif word in ("-H", "--header") and ":" in following:
                name, _, value = following.partition(":")
                headers[name.strip()] = value.strip()
            elif word in ("-d", "--data", "--data-raw", "--json"):
                body = tolerant_json(following)
            elif word in ("-u", "--user"):
                headers.setdefault("Authorization", "Basic " + following)
            elif not url and word not in _CURL_VALUED and re.match(r"(https?://|\{\{?\w+\}?\}|\$\{?\w+)", word):
                url = word
        if url:
            base, path, query = _split_url(url)
            out.append((match.start(), Endpoint(method or ("POST" if body is not None else "GET"), path, query,
                                                body, headers, match.start(), base=base)))
    return out


def _method_lines(text: str) -> list[tuple[int, Endpoint]]:
    """`GET /v1/x?page=<n>`, `POST {base_url}/search`: a method and a URL or a path."""
    out = []
    for match in re.finditer(rf"\b{METHOD}\s+((?:https?://|\{{|<[^<>\n]{{1,40}}>|<|\$|/)(?:[^\s`'\"<]|<[^>\n]*>)*)",
                             text):
        base, path, query = _split_url(match.group(2))
        if path != "/" or base:
            out.append((match.start(), Endpoint(match.group(1), path, query, start=match.start(), base=base)))
    return out


def _bare_urls(text: str, known: list[tuple[int, Endpoint]]) -> list[tuple[int, Endpoint]]:
    """Full URLs in prose ("pull it from https://x/api/devices"): GET, or POST when the sentence says so."""
    taken = {(e.base, e.path) for _, e in known}
    spans = [(start, start + 200) for start, _ in known]
    out = []
    for match in _URL.finditer(text):
        if match.start() and text[match.start() - 1] == '"':
            continue  # a URL value inside a JSON example is data, not an endpoint
        base, path, query = _split_url(match.group(0))
        if path in ("/", "") or (base, path) in taken or any(a <= match.start() < b for a, b in spans):
            continue
        sentence = text[max(0, text.rfind("\n", 0, match.start())):text.find("\n", match.end()) % (len(text) + 1)]
        method = "POST" if re.search(r"\bPOST\b", sentence) else "GET"
        out.append((match.start(), Endpoint(method, path, query, start=match.start(), base=base)))
        taken.add((base, path))
    return out


_SYSTEM_DIR = re.compile(r"/(?:usr|tmp|etc|home|var|opt|data|mnt|dev|proc|sys)(?:/|$)")  # a file path, no API path


def _bare_paths(text: str, known: list[tuple[int, Endpoint]]) -> list[tuple[int, Endpoint]]:
    """API paths written alone: after a base-URL placeholder (`{base_url}/devices?limit=50`), with at
    least two segments (`/export/customers and /export/orders`), or one segment in a list of paths."""
    taken = {e.path for _, e in known}
    out = []
    named = r"\w*(?:url|host|base|domain|api|server)\w*"
    base = rf"(?<![\w/}}\"])(?:\{{\{{?\s*{named}\s*\}}?\}}|<{named}>|\$\{{?{named}\}}?)"
    for match in re.finditer(base + r"(/[A-Za-z][^\s`'\"<>,;)]*)", text, re.I):
        _, path, query = _split_url(match.group(1))
        if path not in taken:
            out.append((match.start(), Endpoint("GET", path, query, start=match.start())))
            taken.add(path)
    for match in re.finditer(r"(?<![\w/.:}>])(/[A-Za-z][\w\-]*(?:/(?:[\w\-]+|\{\w+\}|<[\w ]+>))+)(?![\w/])", text):
        _, path, _ = _split_url(match.group(1))
        if path not in taken and not _SYSTEM_DIR.match(path):
            out.append((match.start(), Endpoint("GET", path, start=match.start())))
            taken.add(path)
    # one-segment paths written as a list ("we need /appointments and /patients", "GET /members, /rewards")
    one = r"(?<![\w/.:}>`])`?/[A-Za-z][\w\-]{2,}`?(?![\w/])"
    for run in re.finditer(rf"{one}(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+){one})+", text):
        for match in re.finditer(r"/[A-Za-z][\w\-]{2,}", run.group(0)):
            path = match.group(0)
            if path not in taken and not _SYSTEM_DIR.match(path):
                out.append((run.start() + match.start(), Endpoint("GET", path, start=run.start() + match.start())))
                taken.add(path)
    # one segment, said to be read from ("fetch invoices from /invoices", "they are at `/contacts`")
    for match in re.finditer(r"\b(?:from|at)\s+`?(/[A-Za-z][\w\-]{2,})`?(?=[\s.,;:)]|$)", text):
        path = match.group(1)
        if path not in taken and not _SYSTEM_DIR.match(path):
            out.append((match.start(1), Endpoint("GET", path, start=match.start(1))))
            taken.add(path)
    return out


def endpoints(text: str) -> list[Endpoint]:
    """Every endpoint the text shows, in order, each with the text up to the next one."""
    found = _curl(text)
    found += [item for item in _method_lines(text)
              if not any(abs(item[0] - start) < 3 or (e.path == item[1].path and e.method == item[1].method)
                         for start, e in found)]
    found += _bare_urls(text, found)
    found += _bare_paths(text, found)
    found = [item for item in found if re.fullmatch(r"/[^\s]*", item[1].path)]  # "https://..." is no endpoint
    found.sort(key=lambda item: item[0])
    found = [item for item in found if not _detail(item[1], [e for _, e in found]) and not _retired(text, item[0])]
    result: list[Endpoint] = []
    for number, (start, endpoint) in enumerate(found):
        end = found[number + 1][0] if number + 1 < len(found) else len(text)
        endpoint.segment = text[start:end]
        if endpoint.body is None and endpoint.method == "POST":
            endpoint.body = _body_example(endpoint.segment)
        result.append(endpoint)
    return result


_RETIRED = re.compile(r"\b(?:retired|deprecated|legacy|obsolete|sunset|discontinued|no\s+longer\s+"
                      r"(?:available|supported|works?)|(?:do\s+not|don'?t)\s+use)\b", re.I)
_REPLACED = re.compile(r"\b(?:scratch\s+that|they\s+moved\s+it|(?:has\s+)?moved\s+to|replaced\s+by|"
                       r"(?:answers|returns)\s+410)\b", re.I)  # said after the endpoint it takes back


_NEW_CLAUSE = re.compile(r"[,;]\s*(?:so|but|and|yet|or|hence|therefore|instead|now)\b", re.I)


def _retired(text: str, start: int) -> bool:
    """An endpoint the text says is out of use (`(the old GET /leads list is retired)`): the aside it is
    written in, or its own clause up to an aside, says so."""
    opened, closed = text.rfind("(", 0, start), text.rfind(")", 0, start)
    if opened > closed and opened > text.rfind("\n", 0, start):  # inside an aside: the aside alone
        end = text.find(")", start)
        return bool(_RETIRED.search(text[opened:end if end > 0 else start + 200]))
    ends = list(re.finditer(r"[.!?](?=\s)|\n", text[:start]))  # a sentence's end; not the dots of a host name
    begin = ends[-1].start() if ends else -1
    clauses = list(_NEW_CLAUSE.finditer(text, begin + 1, start))  # "/leads is retired, so all goes through POST"
    begin = clauses[-1].end() - 1 if clauses else begin
    after = re.split(r"[(!?\n]|\.(?=\s|$)|\b(?:GET|POST)\s+\S", text[start + 4:start + 200],  # to the next one
                     maxsplit=1)[0]
    return bool(_RETIRED.search(text[begin + 1:start] + text[start:start + 4] + after) or _REPLACED.search(after))


def _detail(endpoint: Endpoint, others: list[Endpoint]) -> bool:
    """`GET /shifts/{id}` or `/subscribers/sub_24z6` beside `GET /shifts`: one record of a listed collection
    (its last segment a placeholder, an id, or a key in brackets), not a table of its own. A child endpoint
    goes on past the id (`/events/{id}/attendees`)."""
    parent, _, last = endpoint.path.rstrip("/").rpartition("/")
    keyed = re.fullmatch(r"(\w+)\(.*", last)  # OData's `/Orders(<OrderID>)` beside `/Orders`
    if keyed and endpoint.method == "GET" and any(o.path.rstrip("/") == f"{parent}/{keyed.group(1)}" for o in others):
        return True
    if endpoint.method != "GET" or not parent or not (re.fullmatch(r"\{\w+\}|<[\w ]+>|:\w+", last) or
                                                      re.search(r"\d", last)):
        return False
    return any(o is not endpoint and o.path.rstrip("/") == parent and not o.placeholders for o in others)


def _body_example(segment: str) -> Any:
    """A POST's body: a JSON example the text calls the body, else none."""
    match = re.search(r"\bbody\b[^{\n]{0,40}(\{)", segment, re.I)
    if not match:
        return None
    end = _balanced(segment, match.start(1), "{", "}")
    return tolerant_json(segment[match.start(1):end]) if end else None


# --- headers, keys, parameters, limits ------------------------------------------------------------------


_HEADER_NAME = r"(?<![\w\-])(Authorization|X-[A-Za-z][\w\-]*|[A-Z][a-z]+(?:-[A-Z][A-Za-z]*)+)"
_NEXT_HEADER = re.compile(r"\s+(?:and\s+|&\s+)?" + _HEADER_NAME + r"\s*:")


def header_values(text: str) -> list[tuple[str, str]]:
    """(header, value) for every `Name: value` written in the text; a value ends at the line's end or
    at a comma, semicolon or sentence end outside brackets, or where the next header begins."""
    out = []
    for match in re.finditer(_HEADER_NAME + r"\s*:\s*", text):
        depth, end = 0, match.end()
        while end < len(text) and text[end] != "\n":
            char = text[end]
            if char in "(<[":
                depth += 1
            elif char in ")>]" and depth:
                depth -= 1
            elif depth == 0 and (char in ",;`" or (char == "." and text[end + 1:end + 2] in ("", " ", "\n"))
                                 or _NEXT_HEADER.match(text, end)):
                break
            end += 1
        value = text[match.end():end].strip().strip("\"'")
        if value:
            out.append((match.group(1), value))
    return out


def headers(text: str, found: list[Endpoint]) -> dict[str, str]:
    """`Name: value` header lines (in curl -H, in back-ticks or on their own line) and `header X` names."""
    out: dict[str, str] = {}
    for endpoint in found:
        out.update(endpoint.headers)
    pieces = re.findall(r"`([^`\n]+)`", text) + re.findall(r"^([ \t]*[A-Z][\w\-]*:[^\n]+)$", text, re.M)
    for piece in pieces:
        header = _HEADER.match(piece)
        if header and (header.group(1).lower() == "authorization" or header.group(1).lower().startswith("x-")
                       or "-" in header.group(1) and _PLACEHOLDER.search(header.group(2))):
            out.setdefault(header.group(1), header.group(2))
    for name, value in header_values(text):  # `Send Api-Client: <client_key> and ...` in prose
        if _PLACEHOLDER.search(value) and len(value.split()) <= 2:
            out.setdefault(name, value)
    inline = r"\bAuthorization\s*:\s*((?:[A-Za-z]+\s+)?(?:<[^<>\n]+>|\{\{?\w+\}?\}|\$\{?\w+\}?))"
    for match in re.finditer(inline, text):
        out.setdefault("Authorization", match.group(1))  # written inline: `Header: Authorization: Bearer <token>`
    for match in re.finditer(r"\b([Xx]-[A-Za-z][\w\-]*[A-Za-z]|Api-Key|Authorization)\b", text):
        out.setdefault(match.group(1), "")  # `x-api-key` as often as `X-API-Key`
    return out


_LEAD = re.compile(r"^\s*(?:\.json)?\s*(?:keys?|we'?ll\s+provide|will\s+be|provided|values?|file|is|are|as|under|"
                   r"(?:should|must|will|needs?\s+to)\s+(?:have|hold|contain|include)|"
                   r"has|have|holds|contains|gives|"
                   r"with(?:\s+the)?\s+name|named|called|together\s+with|:|-)+\s*", re.I)
_ITEM = re.compile(r"^[`\"']?([A-Za-z_](?:[\w\-]|\.(?=\w))*)[`\"']?[.:]?$")


def _listed(tail: str, last_before_prose: bool = False) -> list[str]:
    """The identifiers a list starts with: `base_url, api_key and start_date` (stops at the first prose).
    A snake_case name that prose follows is the list's last (`orders and order_lines from the API`) when it
    is not the first, or when `last_before_prose` (`svc_pass for the account`)."""
    out: list[str] = []
    tail = re.split(r"[.!?](?=\s|$)", tail)[0]  # the sentence the list is in
    for item in re.split(r"\s*(?:,|;|\band\b|\+|&|\(|\)|/)\s*", _LEAD.sub("", tail)):
        if not item.strip():
            continue
        item = re.sub(r"^([`\"']?[A-Za-z_][\w\-]*[`\"']?)\s*=.*$", r"\1", item.strip())  # `key = its value`
        match = _ITEM.match(item)
        named = last_before_prose or bool(out)
        quoted = re.match(r"[`\"']([A-Za-z_][\w.\-]*)[`\"']" + (r"|([A-Za-z]\w*_\w+)\s" if named else ""), item)
        if not match and quoted:  # `events`: one row per event; svc_pass for the account -- a name, then prose
            out.append(quoted.group(1) or quoted.group(2 if named else 1))
            break
        if not match or match.group(1).lower() in _STOP:
            break
        out.append(match.group(1))
    return out


DATA_FILE = re.compile(r"(?<![\w.])(?!config(?:uration)?\.json\b)[\w\-<>{}*]+"
                       r"(?:\.(?:csv|tsv|psv|txt|dat|jsonl|ndjson|json|xml|xlsx?|parquet|db|sqlite3?|duckdb|gz|zip))+\b",
                       re.I)
"""A data file's name (`calls_2024-06-03.tsv`, `shipments.jsonl.gz`): never a table's or a key's name."""


def config_keys(text: str) -> list[str]:
    """The configuration keys the request names: a list after "config" (`Config keys: a, b`,
    `config key `x``, `in configuration as "path"`) or before it (`a and b in the config`)."""
    keys: list[str] = []
    text = _URL.sub("", text)  # `host (https://api.example.com)`: a URL's scheme is not a key
    text = DATA_FILE.sub(" ", text)  # nor part of a file's name (`calls_2024-06-03.tsv`)
    for match in re.finditer(r"\bconfig(?:uration)?\b", text, re.I):
        shown = re.match(r"(?:\.json)?\s*[:=]?\s*(?=\{)", text[match.end():])
        if shown:  # `configuration.json: {"rapports_ventes_dir": "..."}`: the keys of the object shown
            found = json_examples(text[match.end() + shown.end():])
            keys += [k for k in (found[0] if found and isinstance(found[0], dict) else {}) if k not in keys]
            continue
        if re.match(r"\s*,\s*\w+\s*\)", text[match.end():]) or re.search(r"\w\(\s*$", text[:match.start()]):
            continue  # `def update(configuration, state)`: an argument list in pasted code
        # `config: a (its value), b (its value)`: values in parentheses beside the keys are no keys
        line = text[match.end():match.end() + 400].split("\n")[0]
        after = _listed(re.sub(r"(?<=[\w`'\"])\s*\([^()\n]*\)", " ", line)[:160], last_before_prose=True)
        before = re.search(r"([`\w]+(?:\s*(?:,|\band\b)\s*[`\w]+)*)\s+(?:are\s+|go\s+)?(?:in|into)\s+"
                           r"(?:the\s+|our\s+)?$", text[max(0, match.start() - 80):match.start()])
        listed_before = _listed(before.group(1)) if before else []
        if not all("_" in name for name in listed_before):  # "put them in the config": prose, not keys
            listed_before = []
        clause = re.split(r"[.!?](?=\s|$)|\n\s*(?:\n|[-*•]|\d+[.)])", text[match.end():match.end() + 200])[0]
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        if line.count("(") > line.count(")"):  # "(`api_token` in the config), ...": the aside ends at its ")"
            clause = clause.split(")")[0]
            after = _listed(clause)
        named = re.search(r"\bkeys?\s+(?:are\s+|as\s+)?(?=[`\w])", clause)  # "config, please call the keys a and b"
        if not after and named:
            after = [n for n in _listed(clause[named.end():]) if "_" in n]
        ticked = [m.group(1) for m in re.finditer(r"`([A-Za-z_]\w*)`", clause)
                  if not re.search(r"\btables?\b[^`]{0,12}$", clause[:m.start()])]  # `feed_token`, not table `x`
        start = max(*(text.rfind(end, 0, match.start()) for end in ".?!\n"), match.start() - 160)
        lead = text[start + 1:match.start()]  # "I've put `domain` (host and port) and `api_key` in the configuration"
        ticked_before = [m.group(1) for m in re.finditer(r"`([A-Za-z_]\w*)`(?!\s+tables?\b)", lead)
                         if not re.search(r"\btables?\b[^`]{0,12}$", lead[:m.start()])] if re.search(
            r"\b(?:in|into|to)\s+(?:the\s+|our\s+|my\s+)?$", lead) else []  # not "table `x`, ... in config"
        sentence = text[start + 1:match.end() + 120].split("\n")[0]
        ticked_before += re.findall(r"\bkey\s+[\"'`]([A-Za-z_]\w*)[\"'`]", sentence)  # with key "sqlite_file"
        for name in after + listed_before + ticked_before + ticked:
            if name not in keys and not name.isdigit():
                keys.append(name)
    # "my token in `personal_token`", "a setting called `till_export_dir`"
    for name in [a or b for a, b in [*_VALUE_IN_KEY.findall(text), *_NAMED_KEY.findall(text)]]:
        if name not in keys:
            keys.append(name)
    return keys


# A key given a name: "a setting called `till_export_dir`", "Config key for the file path: erp_price_file",
# "on the setup form as loyalty_database" (back-ticked, or snake_case so that it is no prose word)
_NAMED_KEY = re.compile(r"\b(?:settings?|config(?:uration)?(?:\.json)?(?:\s+(?:keys?|values?|fields?|entry))?|"
                        r"(?:setup\s+)?form)"
                        r"(?:\s+(?:for|of)\s+[^.:\n`]{1,40}?)?(?:\s+called|\s+named|\s*:|\s+as|\s*,(?=\s*`))\s+"
                        r"(?:`([A-Za-z_]\w*)`|([a-z][a-z0-9]*_[a-z0-9_]+)\b)", re.I)


# A credential, address or path put in a back-ticked name: `token in `personal_token``, `URL goes under `x``
# (not "the key goes in the query string as `api_key`": that names the parameter)
_VALUE_IN_KEY = re.compile(r"\b(?:url|token|key|secret|password|host|domain|address|username|user|path|folder|dir|"
                           r"directory|file)s?\b(?:(?!query|header|param|field|column|body)[^.!?\n`]){0,30}?"
                           r"\b(?:(?:in|under|as)\s+`([A-Za-z_]\w*)`(?!\s+tables?\b)|"
                           r"as\s+([a-z][a-z0-9]*_[a-z0-9_]+)\b)", re.I)  # unquoted only after "as": "in x_y" is prose


_TABLE_ROW = re.compile(r"^\s*\|\s*`?([A-Za-z_][\w.\-\[\]]*)`?\s*\|([^\n]*)$|"  # | page_size | 1-100 |
                        r"^[ \t]+`?([a-z_][\w.\-\[\]]*)`?[ \t]{2,}(\S[^\n]*)$|"  # "  limit   optional, 1..25"
                        # "• limit — from 1 to 25": a definition list
                        r"^[ \t]*[•*\-][ \t]*`?([a-z_][\w.\-\[\]]*)`?[ \t]+[—–:-][ \t]+(\S[^\n]*)$",
                        re.M)


def _row(match: re.Match[str]) -> tuple[str, str]:
    """(name, description) of a parameter table's row, an aligned line or a definition-list item."""
    return (match.group(1) or match.group(3) or match.group(5), match.group(2) or match.group(4) or match.group(6))


def parameters(text: str) -> list[str]:
    """Every `name=value` written anywhere (query strings, prose, curl), and the names that open the
    rows of a Markdown parameter table (`| page_size | 1-100, default 25 |`)."""
    written = re.findall(r"(?<![\w/])([A-Za-z_][\w.\-]*)=(?!=)|(?<![\w/])([A-Za-z]+_[\w.\-]*) = (?!=)", text)
    written = [a or b for a, b in written]
    named = (_row(m)[0] for m in _TABLE_ROW.finditer(text))
    rows = [n for n in named if n.lower() not in ("parameter", "name", "field")]
    return list(dict.fromkeys(written + rows))


_FILLER = {"can", "may", "be", "is", "the", "value", "parameter", "param", "query", "header", "field", "of", "set",
           "to", "must", "should", "not", "goes", "go", "its", "size", "a", "default", "defaults"}


def limits(text: str, known: list[str]) -> dict[str, int]:
    """`limit can be at most 20`, `(page_size max 100)`, `first can't be more than 50`, `Max first is
    25`: the parameter (the subject before the limit, or the name right after `max`) and the number."""
    out: dict[str, int] = {}
    for match in re.finditer(r"\bmax(?:imum)?\s+`?([A-Za-z_]\w*)`?\s+(?:is|=|:)\s*(\d+)", text, re.I):
        out.setdefault(match.group(1), int(match.group(2)))
    for match in _TABLE_ROW.finditer(text):  # | page_size | 1-100, default 25 |
        name, described = _row(match)
        span = re.search(r"(?:^|\s)`?([01])\s*(?:-|–|\.\.|to|and)\s*(\d{2,5})\b", described) or \
            re.search(r"\b(?:max(?:imum)?|at most|up to)\s*(?:is\s+)?()(\d{2,5})\b", described, re.I)
        if span:
            out.setdefault(name, int(span.group(2)))
    for match in _MAX.finditer(text):
        words = re.findall(r"`?([A-Za-z_][\w\-]*)`?", text[max(0, match.start() - 90):match.start()])
        subject = next((w for w in reversed(words) if w.lower() not in _FILLER), "")
        if subject in known or re.match(r"^[a-z]+(?:_[a-z]+)*$|^[a-z]+[A-Z]\w*$", subject):
            out.setdefault(subject, int(match.group(1)))
    return out


def api_root(found: list[Endpoint]) -> Endpoint | None:
    """A full URL written without a method, that other endpoints are relative to: none of them is its
    child by a placeholder (`/devices/{id}/readings` makes `https://x/devices` a collection), none of
    them repeats its host, and no example follows it before the next endpoint."""
    bare = [e for e in found if e.base and not e.segment.lstrip().startswith(("GET", "POST", "curl")) and
            e.method == "GET" and not e.query]
    if len(bare) != 1:
        return None
    root = bare[0]
    relative = [e for e in found if e is not root and not e.base]
    prefix = root.path.rstrip("/")
    if not relative or any(e.path.startswith(prefix + "/{") or e.path.startswith(prefix + "/<") for e in relative):
        return None
    if re.search(r"[\[{]", root.segment[len(prefix):]):  # an example response: it is an endpoint
        return None
    return root


# A clause the writer takes back as they go (`a header `X-Api-Key`... no, scratch that`, "`api_key=`? no,
# it's `apikey`"): from the clause's start to the "no", written with a trailing "..." or "?" before it.
_RETRACTED = re.compile(r"[^.\n:;!?(]*?(?:\.\.\.|…|\?)\s*(?:no|nope)\b[,.]?"
                        r"(?:\s*(?:scratch\s+that|wait|sorry)\b[,.]?)?")


def read(text: str) -> Reading:
    from assistant.connector import request_code, request_openapi, request_postman, request_tables

    text = request_tables.rewrite(request_openapi.rewrite(request_postman.rewrite(request_code.rewrite(text))))
    text = _RETRACTED.sub(" ", text)
    found = endpoints(text)
    root = api_root(found)
    if root is not None:
        found.remove(root)
    identifiers = list(dict.fromkeys(re.findall(r"`([A-Za-z_][\w.\-]*)(?:=[^`]*)?`", text)))
    known = list(dict.fromkeys([*parameters(text), *(q for e in found for q in e.query), *identifiers]))
    bases = [e.base for e in found if e.base] + [m.group(0) for m in re.finditer(r"https?://[A-Za-z0-9.\-]+(?::\d+)?",
                                                                              text)]
    return Reading(text=text, endpoints=found, headers=headers(text, found), config_keys=config_keys(text),
                   identifiers=identifiers, params=known, limits=limits(text, known),
                   base_url=bases[0] if bases else "", base_path=root.path.rstrip("/") if root else "")
