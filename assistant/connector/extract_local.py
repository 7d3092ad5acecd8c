"""A spec for files and databases. The source itself is asked first: when the folder or the database
file can be read (its path is in the configuration or in the request), the tables, columns and keys
come from the data (`sqlite_master` and `PRAGMA table_info`, DuckDB's catalog, the files' names and
headers), never from a guess. The request decides which tables are wanted and how they sync.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from assistant.connector import file_layout
from assistant.connector import request as rq
from assistant.connector.extract_rest import singular, stated_composite, stated_keys
from assistant.connector.spec import DeletionLog, Parent, Spec, Table

DB_WORDS = re.compile(r"\b(sqlite3?|duckdb|database|db)\b|\.(db|sqlite3?|duckdb)\b|CREATE TABLE", re.I)
FILE_WORDS = re.compile(r"\b(csv|tsv|jsonl|ndjson|json\s*lines?|json\s+files?|json\s+arrays?|files?|folder|"
                        r"directory|dumps?|zips?|zip\s+archives?)\b|\.(csv|jsonl|json|gz|zip)\b", re.I)
ALL_WORDS = re.compile(r"\b(everything|all\s+(?:the\s+)?tables|all\s+(?:of\s+)?(?:it|them)|every\s+table|"
                       r"whole\s+(?:db|database)|entire\s+(?:db|database)|all\s+three|all\s+\w+\s+tables)\b", re.I)
PATH = re.compile(r"(?<![\w:])((?:/|~/|\./)[\w.\-/]*[\w\-])")


def from_reading(reading: rq.Reading, config: dict[str, Any]) -> Any:
    """An Extraction for a file or database source, or None when the request is about an API."""
    from assistant.connector.extract import Extraction

    text = reading.text
    api = re.search(r"https?://|\b(GET|POST)\s+/|\bcurl\b|(?:\{\{?\s*|<|\$\{?)\w*(?:url|host|base|domain)\w*\s*"
                    r"(?:\}?\}|>)?/", text, re.I) or any(str(v).startswith(("http://", "https://"))
                                                        for v in config.values())
    if api or not (DB_WORDS.search(text) or FILE_WORDS.search(text)):
        return None
    database = bool(re.search(r"\b(sqlite3?|duckdb)\b|\.(db|sqlite3?|duckdb)\b|CREATE TABLE", text, re.I)) or (
        not FILE_WORDS.search(text) and bool(DB_WORDS.search(text)))
    key, location = _location(reading, config, database)
    spec = _database(reading, key, location) if database else _files(reading, key, location)
    spec.extra_config = [k for k in dict.fromkeys([*config, *reading.config_keys]) if k != spec.location_key]
    return Extraction(spec, {"source_type": "text", "location": "config" if config.get(key) else
                             "text" if location else "default"})


def _location(reading: rq.Reading, config: dict[str, Any], database: bool) -> tuple[str, str]:
    """(configuration key, path): the key the request or the configuration names, and a path it states."""
    stated = [p.strip() for p in PATH.findall(reading.text)]
    if database:
        stated = [p for p in stated if re.search(r"\.(db|sqlite3?|duckdb)$", p)] or stated
    # a path that is there first, then one of a data file (`#!/bin/sh` above a script is neither)
    stated.sort(key=lambda p: (not Path(p).expanduser().exists(), not Path(p).expanduser().exists() and
                               not re.search(r"\.(csv|tsv|txt|jsonl?|ndjson|gz|db|sqlite3?|duckdb)$", p, re.I)))
    pathlike = [k for k, v in config.items() if isinstance(v, str) and ("/" in v or "\\" in v)]
    keys = [k for k in reading.config_keys if re.search(r"path|dir|folder|file|db|database|location|root", k, re.I)]
    key = (pathlike or keys or reading.config_keys or ["database_path" if database else "folder"])[0]
    return key, (str(config.get(key) or "") or (stated[0] if stated else ""))


# --- databases -------------------------------------------------------------------------------------------------


def _catalog(path: str, duckdb: bool) -> dict[str, dict[str, Any]]:
    """table -> {"columns": [...], "key": [...]}, read from the database file itself by the very
    functions the connector carries."""
    from assistant.connector.blocks import local

    if not path or not Path(path).expanduser().is_file():
        return {}
    try:
        connection = _open(path, duckdb)
    except Exception:  # not a database of that kind: fall back to the request's words
        return {}
    try:
        with _driver(duckdb):
            return dict(local.read_catalog(connection))
    except Exception:
        return {}
    finally:
        connection.close()


@contextlib.contextmanager
def _driver(duckdb: bool) -> Iterator[None]:
    """The engine's functions, run here, speak the database's SQL dialect while the block lasts."""
    from assistant.connector.blocks import local

    previous, local.DRIVER = local.DRIVER, "duckdb" if duckdb else "sqlite3"
    try:
        yield
    finally:
        local.DRIVER = previous


def _open(path: str, duckdb: bool) -> Any:
    """A read-only connection to a database file, by the driver its kind needs."""
    if duckdb:
        import duckdb as driver

        return driver.connect(str(Path(path).expanduser()), read_only=True)
    import sqlite3

    return sqlite3.connect(f"file:{Path(path).expanduser()}?mode=ro", uri=True)


def _schema_from_text(text: str) -> dict[str, dict[str, Any]]:
    """`CREATE TABLE` statements pasted into the request."""
    out = {}
    for match in re.finditer(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\"]?(\w+)[`\"]?\s*\(", text, re.I):
        end = rq._balanced(text, match.end() - 1, "(", ")") or len(text)
        body = text[match.end():end - 1]
        columns = [m.group(1) for m in re.finditer(r"^\s*[`\"]?(\w+)[`\"]?\s+\w+", body, re.M)
                   if m.group(1).upper() not in ("PRIMARY", "FOREIGN", "UNIQUE", "CONSTRAINT", "CHECK")]
        composite = re.search(r"PRIMARY\s+KEY\s*\(([^)]*)\)", body, re.I)
        inline = [m.group(1) for m in re.finditer(r"^\s*[`\"]?(\w+)[`\"]?\s+[^,\n]*PRIMARY\s+KEY", body, re.I | re.M)]
        key = [k.strip(' `"') for k in composite.group(1).split(",")] if composite else inline
        if not match.group(1).lower().startswith("sqlite_"):  # SQLite's own bookkeeping, never data
            out[match.group(1)] = {"columns": columns, "key": key, "view": False}
    for match in re.finditer(r"CREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\"]?(\w+)[`\"]?"
                             r"\s+AS\s+SELECT\s+(.*?)\s+FROM\s+(.*?)(?:;|\n\s*\n|$)", text, re.I | re.S):
        out[match.group(1)] = _view(match.group(2), match.group(3))
    return out


def _view(selected: str, rest: str) -> dict[str, Any]:
    """A pasted view's columns (each select item's alias or column) and key: what it groups by, each
    grouping expression named by the select item that computes it (`substr(day, 1, 7) AS month`)."""
    def items(clause: str) -> list[str]:
        parts, depth, start = [], 0, 0
        for i, char in enumerate(clause + ","):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char == "," and depth == 0:
                parts.append(" ".join(clause[start:i].split()))
                start = i + 1
        return [p for p in parts if p]

    def named(item: str) -> tuple[str, str]:
        alias = re.search(r"\s+(?:AS\s+)?[`\"]?(\w+)[`\"]?$", item, re.I)
        expression = item[:alias.start()] if alias and not re.fullmatch(r"[\w.]+", item) else item
        return (alias.group(1) if alias and expression != item else item.rsplit(".", 1)[-1]), expression.lower()

    columns = dict(named(i) for i in items(re.sub(r"--[^\n]*", "", selected)))
    grouped = re.search(r"\bGROUP\s+BY\s+(.*?)(?:\s+(?:HAVING|ORDER|LIMIT|WINDOW)\b|$)", rest, re.I | re.S)
    by_expression = {expression: name for name, expression in columns.items()}
    key = [by_expression.get(g.lower(), g.rsplit(".", 1)[-1]) for g in items(grouped.group(1))] if grouped else []
    return {"columns": list(columns), "key": [k for k in key if k in columns], "view": True}


def _words(reading: rq.Reading, names: list[str] | None = None) -> list[str]:
    """The words that may name the tables wanted: the tables the request lists (a pasted schema's
    CREATE TABLE lines are the database, not a wish), else its words, minus those in what it says it
    does not need; none (every table) when it asks for everything and names no table of `names`."""
    from assistant.connector.extract import stated_tables

    prose = _prose(reading)
    unwanted = _unwanted(prose)
    stated = stated_tables(prose)
    words = stated or [w.lower() for w in re.findall(r"[A-Za-z_]\w{3,}", PATH.sub(" ", prose.text))]
    words = [w for w in dict.fromkeys(words) if not re.search(rf"\b{re.escape(w)}\b", unwanted)]
    named = {n.lower() for n in names or []} & {w.lower() for w in words}
    if stated and (named or (names is None and len(words) > 1)):  # tables named as tables beat "everything"
        return words
    return [] if ALL_WORDS.search(prose.text) and len(named) <= 1 else words  # a list of tables beats "everything"


def _prose(reading: rq.Reading) -> rq.Reading:
    """The request without pasted CREATE statements: those are the database, not a wish."""
    return rq.Reading(text=re.sub(r"CREATE\s+(?:(?:UNIQUE|VIRTUAL|TEMP|TEMPORARY)\s+)?(?:TABLE|INDEX|VIEW)[^;]*;?", " ",
                                  reading.text, flags=re.I))


def _unwanted(prose: rq.Reading) -> str:
    """The clauses that say what is not wanted (`I don't need task_deletions`), lowercased."""
    return " ".join(re.findall(r"(?:don'?t|do not|dont|no|not)\s+(?:need|want)[^.\n]*|other\s+things[^.\n]*|"
                                   r"(?:don'?t|do not|dont|never)\s+(?:\w+\s+){0,2}?[`\"']?\w+[`\"']?\s+"
                                   r"(?:over|across|in)\b|"
                                   r"\([^)]*\)\s*(?:\w+\s+){0,2}(?:don'?t|do not|dont|never)\s+"
                                   r"(?:need|want|sync|load|copy|include)|"
                                   r"(?:don'?t|do not|dont|never)\s+(?:sync|load|copy|include)[^.\n]*|"
                                   r"\b(?:not|except|excluding|without|skip|ignore)\s+(?:the\s+)?[`\"']?\w+|"
                                   r"\b(?:leave|leaving)\s+out\b[^.\n]*|[^.\n]*\bout\s+of\s+scope\b|"
                                   r"\bexclud\w*\b[^.\n]*|\bnothing\s+else\b[^.\n]*|"
                                   r"[^.\n]*\b(?:must|should|may)\s*(?:not|n't)\s+(?:go|land|leave|be\s+(?:synced|loaded|"
                                   r"copied|included))\s+(?:to|in|into)\b[^.\n,]*|"
                                   r"[`\"']?\w+[`\"']?\s+(?:we|i)\s+(?:don'?t|do\s+not|dont)\s+(?:need|want)\b",
                                   prose.text, re.I) +
                        # a scope list's "Out:" (or "Excluded:", "Skip:") item
                        re.findall(r"^[ \t]*(?:[-*•][ \t]*)?(?:out(?:\s+of\s+scope)?|excluded|skip|not\s+in\s+scope)"
                                   r"[ \t]*:[^\n]*",
                                   prose.text, re.I | re.M) + _pointed_back(prose.text)).lower()


def _pointed_back(text: str) -> list[str]:
    """The sentence a decline points back to ("... (the Sunday stocktake, the odd note). Please leave those
    out"): what "those", "them" or "these" stand for is what was said just before."""
    out = []
    for match in re.finditer(r"\b(?:leave|skip|ignore|exclude|drop)\s+(?:those|them|these|that\s+one|this\s+one)\b",
                             text, re.I):
        sentences = re.split(r"(?<=[.!?])\s+|\n", text[:match.start()].rstrip())
        own = sentences[-1] if sentences else ""  # "There's also a staging table, please ignore that one"
        out.append(own if len(own.split()) >= 4 else " ".join(sentences[-2:]))  # else the sentence before
    return out


def renames(text: str, names: list[str]) -> dict[str, str]:
    """Database tables the request gives another name in the destination: `tickets -> support_tickets`,
    `jobs: please land it as `service_jobs``, `v_x ... should have the name `x``: a table of the database,
    then, in the same sentence, an arrow or a naming word and a back-ticked name the database lacks."""
    by_word = {n.lower().rsplit(".", 1)[-1]: n for n in names}
    keys = {k.lower() for k in rq.config_keys(text)}  # a name given to a configuration key names no table
    out: dict[str, str] = {}
    for match in re.finditer(r"`?\b([A-Za-z_]\w*)\b`?", text):
        source = by_word.get(match.group(1).lower())
        if source is None or source in out:
            continue
        after = re.split(r"[.!?](?=\s|$)|\n", text[match.end():match.end() + 140])[0]
        others = [m.start() for m in re.finditer(r"\b[A-Za-z_]\w*\b", after) if m.group(0).lower() in by_word]
        near = after[:others[0]] if others else after  # up to the next table of the database
        named = re.match(r"\s*(?:->|→|=>)\s*(?:(?:the\s+)?(?:destination\s+)?table\s+)?`?([A-Za-z_]\w*)`?", after) or \
            re.search(r"(?:\bas|\bnamed?|\bname\s+(?:is|of)?|\bcalled)\s*(?:(?:the\s+)?table\s+)?`([A-Za-z_]\w*)`",
                      near) or _bare_as(after)
        if named and named.group(1).lower() not in {*by_word, *keys}:
            out[source] = rq.snake(named.group(1))
    return {**_unprefixed(text, names), **_renamed_back(text, by_word, out, keys), **out}


_PREFIX = re.compile(r"\b(?:without|drop|strip|remove|minus)\s+(?:the\s+)?[`\"']?([A-Za-z]\w*_)[`\"']?\s+prefix", re.I)


def stripped_prefix(text: str) -> str:
    """A prefix the request wants off the tables' names ("named without the `clinic_` prefix"), or ""."""
    match = _PREFIX.search(text)
    return match.group(1).lower() if match else ""


def _unprefixed(text: str, names: list[str]) -> dict[str, str]:
    prefix = stripped_prefix(text)
    return {n: rq.snake(n.rsplit(".", 1)[-1][len(prefix):]) for n in names
            if prefix and n.lower().rsplit(".", 1)[-1].startswith(prefix) and len(n.rsplit(".", 1)[-1]) > len(prefix)}


_NOT_A_NAME = {"is", "it", "they", "well", "usual", "before", "needed", "normal", "such", "one", "a", "an",
               "the", "separate", "its", "their", "full", "incremental", "append", "one_table", "config",
               "configuration", "table", "destination", "no", "yes", "correction"}


def _bare_as(after: str) -> re.Match[str] | None:
    """`tbl_cust as customers, tbl_art as products and ...`: an unquoted new name right after a table's own,
    ending its list item."""
    match = re.match(r"\s+as\s+([A-Za-z_]\w*)(?=\s*(?:[,;)]|\band\b|\(|$|\.(?:\s|$)))", after)
    return match if match and match.group(1).lower() not in _NOT_A_NAME else None


def _renamed_back(text: str, by_word: dict[str, str], found: dict[str, str], keys: set[str]) -> dict[str, str]:
    """A naming clause with no table of its own (`That last one ... must be called `checkins``) renames
    the table mentioned last before it."""
    out: dict[str, str] = {}
    for match in re.finditer(r"\b(?:called|named|renamed(?:\s+to)?|(?:call|name)\s+it)\s+`([A-Za-z_]\w*)`", text, re.I):
        sentence = re.split(r"[.!?](?=\s|$)|\n", text[:match.start()])[-1]
        if match.group(1).lower() in {*by_word, *keys} or \
                any(w.lower() in by_word for w in re.findall(r"\w+", sentence)):
            continue
        before = [by_word[w.lower()] for w in re.findall(r"\w+", text[max(0, match.start() - 300):match.start()])
                  if w.lower() in by_word]
        if before and before[-1] not in found and rq.snake(match.group(1)) not in found.values():
            out[before[-1]] = rq.snake(match.group(1))
    return out


def _wanted(reading: rq.Reading, names: list[str]) -> list[str]:
    """The tables the request asks for: all of them, or those its words name, exactly (`the readings
    table`) or loosely (`the orders` -> sales_order), as the connector matches them when it runs."""
    from assistant.connector.blocks import local

    if len(names) <= 1:
        return names
    from assistant.connector.extract import stated_tables

    prose = _prose(reading)
    unwanted = _unwanted(prose)
    names = local.in_schemas(names, re.findall(r"\w+", prose.text.lower()), re.findall(r"\w+", unwanted))
    back = {new: old.lower().rsplit(".", 1)[-1] for old, new in renames(prose.text, names).items()}
    said = [n.lower() for n in stated_tables(prose) if not re.search(rf"\b{re.escape(n.lower())}\b", unwanted)]
    stated = {back.get(n, n) for n in said}
    by_part = _declined_by_part(prose.text, names)
    prefix = stripped_prefix(prose.text)  # the tables it would strip are the ones it speaks of
    if prefix and any(n.lower().rsplit(".", 1)[-1].startswith(prefix) for n in names):
        names = [n for n in names if n.lower().rsplit(".", 1)[-1].startswith(prefix)]
    declined = by_part | {n for n in names if re.search(rf"\b{re.escape(n.lower().rsplit('.', 1)[-1])}\b", unwanted)}
    listed = [n for n in _enumerated(prose.text, names) if n not in declined]
    given = set(said) - set(back)  # a name given in a rename restricts nothing, nor a declined one
    if not given or not stated & {n.lower().rsplit(".", 1)[-1] for n in names}:  # none named as a table: mentioned
        mentioned = _mentioned(prose, unwanted, names)
        left = [n for n in mentioned if n not in by_part]  # a table named only as an example of a decline is none
        if left and (len(mentioned) > 1 or not ALL_WORDS.search(reading.text)):
            return left
    words = [back.get(str(w).lower(), w) for w in _words(reading, names)]  # support_tickets -> tickets
    found = local.wanted_tables(words, names)
    kept = [n for n in names if n in found or n in listed] if listed and found != list(names) else found
    if by_part and not [n for n in kept if n not in by_part]:  # the words named only declined tables: the rest
        kept = list(names)
    return [n for n in kept if n not in by_part] or kept


# "skip the audit/log ones", "everything except the copies (the _bak_ / _old ones)", "not Django's internal
# tables": after a decline, in the same sentence, words that are parts of table names before a word for a kind
_DECLINE = re.compile(r"\b(?:except|excluding|without|skip|ignore|not)\b[^.\n]*", re.I)
_PARTS = re.compile(r"(?<![\w`\"'])(?!(?:the|any|all|those|these|other)\b)"
                    r"((?:[`\"']?_?[A-Za-z0-9]+_?[`\"']?(?:'s)?\s*(?:/|,|\bor\b|\band\b)\s*)*"
                    r"[`\"']?_?[A-Za-z0-9]+_?[`\"']?)(?:'s)?\s+(?:[a-z]+\s+)?(?:ones|tables|copies|backups)\b", re.I)


def _declined_words(text: str) -> list[str]:
    """Every word a decline lists before a word for a kind of table ("the audit/log ones" -> audit, log), in
    order, lowercased, repeats kept."""
    return [w.lower() for clause in _DECLINE.finditer(text) for match in _PARTS.finditer(clause.group(0))
            for w in re.findall(r"[A-Za-z0-9]+", match.group(1).replace("_", " "))]


def _parts_declined(text: str) -> list[str]:
    """The parts of names a decline lists, for a catalog read when the connector runs."""
    return [w for w in dict.fromkeys(_declined_words(text)) if w not in NO_PART]


NO_PART = {"the", "any", "all", "other", "those", "these", "internal"}


def _renames_named(text: str) -> dict[str, str]:
    """Source names the request renames (`tbl_cust as customers`, `jobs -> service_jobs`), read before the
    database could be: the connector applies each to a table its catalog has."""
    out = {}
    for match in re.finditer(r"`?\b([A-Za-z_]\w*)`?\s*(?:->|→|=>)\s*(?:(?:the\s+)?(?:destination\s+)?table\s+)?"
                             r"`?([A-Za-z_]\w*)`?|"  # an arrow says it outright
                             r"\b([A-Za-z_]\w*_\w*)\s+as\s+`?([A-Za-z_]\w*)`?(?=\s*(?:[,;)]|\band\b|\(|$|\n|\.(?:\s|$)))",
                             text):
        source, name = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if name.lower() not in _NOT_A_NAME and source.lower() != name.lower():
            out[source] = rq.snake(name)
    return out


def _declined_by_part(text: str, names: list[str]) -> set[str]:
    """Tables a decline names by a part of their names (`audit` of audit_log, `bak` of orders_bak_2024),
    when the part is no whole table's name and does not hold every table."""
    whole = {n.lower().rsplit(".", 1)[-1] for n in names}
    out: set[str] = set()
    for word in _declined_words(text):
        hit = {n for n in names if word in n.lower().rsplit(".", 1)[-1].split("_")}
        if word not in whole and hit and len(hit) < len(names):
            out |= hit
    return out


def _enumerated(text: str, names: list[str]) -> list[str]:
    """Tables of the database written as a list (`projects and tasks`, `a, b & c`): two or more of its
    own names joined by commas or "and"."""
    by_word = {n.lower().rsplit(".", 1)[-1]: n for n in names}
    out: list[str] = []
    run: list[str] = []
    for token in re.findall(r"[A-Za-z_][\w]*|[,&+/]|\S", text) + ["."]:
        low = token.lower().strip("`\"'")
        if low in by_word:
            run.append(by_word[low])
        elif low not in (",", "&", "+", "/", "and", "the") or not run:
            out += run if len(run) > 1 else []
            run = []
    return list(dict.fromkeys(out))


def _mentioned(prose: rq.Reading, unwanted: str, names: list[str]) -> list[str]:
    """The database's own tables (`names`, already narrowed to a schema the request names) that its prose
    names word for word (`projects and tasks`), less those it says it does not need. The catalog is the
    authority on what exists; the request only picks."""
    text = PATH.sub(" ", prose.text).lower()

    def said(name: str, where: str) -> bool:
        part = name.rsplit(".", 1)[-1].lower()
        forms = {part, part.replace("_", " ")}
        return any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\w.])", where) for f in forms if len(f) > 2)

    return [n for n in names if said(n, text) and not said(n, unwanted)]


DB_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".duckdb")


def _database_folder(location: str) -> tuple[str, str]:
    """(glob, first file) when the location is a folder of database files: what varies between their
    names is the part after the shared stem (`store_014.db`, `store_022.db` -> `store_*.db`)."""
    root = Path(location).expanduser() if location else None
    if root is None or not root.is_dir():
        return "", ""
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in DB_SUFFIXES)
    if not files:
        return "", ""
    fixed = {re.sub(r"\d[\w\-]*$", "", p.stem) for p in files}
    suffix = {p.suffix for p in files}
    if len(suffix) > 1:
        return "*", str(files[0])
    stem = fixed.pop() if len(fixed) == 1 else ""
    return f"{stem}*{files[0].suffix}", str(files[0])


def _source_column(text: str, pattern: str, columns: list[str]) -> str:
    """The column naming each row's file: the one the request asks for (`a store column`), else the
    files' shared stem (`store_`), else `source_file`; never one the tables already have."""
    asked = re.search(r"\b(?:a|an|the|with)\s+[`\"']?([a-z][a-z0-9_]*)[`\"']?\s+(?:column|field)\b(?!\s+[`\"'])|"
                      r"\b(?:column|field)\s+[`\"']([a-z][a-z0-9_]*)[`\"']", text, re.I)  # or "as a column `store`"
    said = (asked.group(1) or asked.group(2)).lower() if asked else ""
    for name in (said, rq.snake(pattern.split("*")[0]), "source_file"):
        if name and name not in columns and name not in ("new", "extra", "single", "separate"):
            return name
    return "source_file"


def _one_named(reading: rq.Reading, tables: list[Table], catalog: dict[str, Any]) -> None:
    """One table read, and the one table the request names is none of the database's (`vendite` for
    `sales`): the name is the destination's."""
    from assistant.connector.extract import stated_tables

    own = {n.lower().rsplit(".", 1)[-1] for n in catalog}
    stated = stated_tables(_prose(reading))
    named = [n for n in stated if n.lower() not in own]
    if len(tables) == 1 and len(named) == len(stated) == 1 and tables[0].name.lower() in own:
        tables[0].name = named[0]


def _merged_schemas(reading: rq.Reading, tables: list[Table], catalog: dict[str, Any]) -> list[Table]:
    """Same-named tables of several schemas (`de.invoices`, `fr.invoices`) that the request names bare
    (`invoices`), never per schema: one table of that name, read from every schema that has it, each
    row with its schema's name in a column the request names (`an extra column `entity``), else `schema`."""
    from assistant.connector.extract import stated_tables

    named = set(stated_tables(_prose(reading))) | {i.lower() for i in reading.identifiers}
    schemas: dict[str, list[str]] = defaultdict(list)
    for name in catalog:
        if "." in name:
            schemas[name.rsplit(".", 1)[1]].append(name.split(".")[0])
    merged = {t.source_table.rsplit(".", 1)[-1] for t in tables if "." in t.source_table}
    merged = {n for n in merged if len(schemas[n]) > 1 and n.lower() in named}
    if not merged:
        return tables
    asked = re.search(r"\bcolumn\s+[`\"']([a-z][a-z0-9_]*)[`\"']|[`\"']([a-z][a-z0-9_]*)[`\"']\s+column\b",
                      reading.text, re.I)
    out = [t for t in tables if t.source_table.rsplit(".", 1)[-1] not in merged]
    for name in sorted(merged, key=lambda n: next(i for i, t in enumerate(tables) if t.source_table.endswith("." + n))):
        first = next(t for t in tables if t.source_table.endswith("." + name))
        columns = catalog[first.source_table]["columns"]
        column = next((c for c in ((asked.group(1) or asked.group(2)) if asked else "", "schema", "source_schema")
                       if c and c not in columns), "source_schema")
        table = first.model_copy(update={"name": rq.snake(name), "schemas": schemas[name], "schema_column": column})
        table.primary_key = [column, *[k for k in first.primary_key if k != column]]
        out.append(table)
    return out


def _database(reading: rq.Reading, key: str, location: str) -> Spec:
    duckdb = bool(re.search(r"duckdb", reading.text, re.I) or location.endswith(".duckdb"))
    databases, first = _database_folder(location)
    catalog = _catalog(first or location, duckdb) or _schema_from_text(reading.text)
    if not catalog:
        return _matched_at_run_time(reading, key, location, duckdb)
    tables = []
    words = _words(reading, list(catalog))
    unresolved = []
    wanted = _wanted(reading, list(catalog))
    given = renames(_prose(reading).text, list(catalog))
    for name in wanted:
        info = catalog[name]
        own_names = {n.lower().rsplit(".", 1)[-1] for n in catalog}  # `loans` names its own table, not open_loans
        renamed = next((w for w in words if name.lower().endswith("_" + w.lower()) and w.lower() != name.lower()
                        and w.lower() not in own_names and name.lower() not in {x.lower() for x in words}), "")
        primary_key = info["key"] or _stated_key(reading, name, info["columns"])
        if not info["key"] and (first or location):  # undeclared: the rows must hold it
            primary_key = _key_in_rows(first or location, duckdb, name, reading, info["columns"], primary_key)
        if not primary_key and not info.get("view") and not duckdb:
            primary_key = ["source_rowid"]
            unresolved.append(f"{name}: no key declared; rows are keyed by SQLite's rowid (`source_rowid`), so "
                              "identical rows stay apart (a VACUUM may renumber rowids of tables without one)")
        if databases:  # ids repeat across the files: the file's label leads the key
            primary_key = [_source_column(reading.text, databases, info["columns"]), *primary_key]
        own = name.rsplit(".", 1)[-1]  # erp.shipments -> shipments, unless that is wanted from main too
        renamed = given.get(name) or renamed
        table = Table(name=rq.snake(renamed or (own if own not in wanted else name)), source_table=name,
                      primary_key=primary_key)
        table.cursor_column = _column(reading, info["columns"], r"(updated|modified|changed)(_?at|_on|_time)?$",
                                      r"incremental|changed|only\s+(?:pick|read|get)|later runs|new rows")
        table.deleted_column = _column(reading, info["columns"], r"^(deleted(_at)?|is_deleted|_deleted|removed_at)$",
                                       r"delet|remov") or _set_when_gone(reading, first or location, duckdb, name,
                                                                         info["columns"])
        if re.search(r"\b(?:delet|remov|purg)", reading.text, re.I) and len(primary_key) == 1 and not databases:
            table.deletion_log = _deletion_log(name, primary_key[0], catalog, wanted)
        # read whole each sync, and deletes asked for with no column or log to show them: a row that is no
        # longer there was deleted (keys kept from sync to sync)
        table.snapshot = bool(primary_key and not table.cursor_column and not table.deletion_log and
                              not table.deleted_column and re.search(r"\bdelet", reading.text, re.I))
        tables.append(table)
    tables = _merged_schemas(reading, tables, catalog)
    _one_named(reading, tables, catalog)
    tables += _json_children(reading, tables, catalog)
    return Spec(name=f"{rq.snake(Path(location).stem) or 'database'}_connector", source_type="database",
                location_key=key, location=location if location and key not in reading.config_keys else "",
                driver="duckdb" if duckdb or databases.endswith(".duckdb") else "sqlite3", databases=databases,
                source_column=tables[0].primary_key[0] if databases and tables else "",
                tables=tables or [Table(name="records", source_table="records")], unresolved=unresolved,
                description=reading.text.strip().split("\n")[0][:200])


def _json_children(reading: rq.Reading, tables: list[Table], catalog: dict[str, dict[str, Any]]) -> list[Table]:
    """Stated tables the database lacks, made of a JSON array a wanted table's column holds (`order_items`
    from the `items` text column of orders): one row per element, keyed by the parent's key and the
    element's position; a parent that is deleted, or an array that shrinks, deletes the rows it no longer has."""
    from assistant.connector.blocks import local
    from assistant.connector.extract import _array_children, stated_tables

    names = {t.name for t in tables} | {n.rsplit(".", 1)[-1] for n in catalog}
    every_column = {c for info in catalog.values() for c in info.get("columns", [])}
    stated = [n for n in stated_tables(_prose(reading)) if n not in names and n not in every_column]
    columns = [c for t in tables for c in catalog.get(t.source_table, {}).get("columns", [])]
    out = []
    for child in _array_children(stated, tables, reading, columns) if stated and tables else []:
        assert child.parent is not None
        parent = next(t for t in tables if t.name == child.parent.table)
        held = catalog.get(parent.source_table, {}).get("columns", [])
        if child.parent.array not in held or child.parent.array in parent.primary_key or \
                local.ID_LIKE.search(child.parent.array):
            continue  # no such column, or one that holds an id, not a list
        child.parent.keys = local.child_columns(parent.name, parent.primary_key)
        child.primary_key = [*child.parent.keys.values(), "index"]
        out.append(child)
    return out


def _deletion_log(name: str, key: str, catalog: dict[str, dict[str, Any]], wanted: list[str]) -> DeletionLog | None:
    """A table of the database, not itself wanted, that logs this table's deletes: its name joins the
    table's (singular) name with a word for deleting (`task_deletions`, `deleted_tasks`), and it has a
    column for the deleted row's key (`task_id`) and one that grows (its own key, `seq`, `deleted_at`)."""
    one = singular(name.rsplit(".", 1)[-1].lower())
    for log_name, info in catalog.items():
        low = log_name.lower()
        if log_name in wanted or one not in low or not re.search(r"delet|tombstone|remov|purg|trash", low):
            continue
        columns = info["columns"]
        key_column = next((c for c in columns if c.lower() in (f"{one}_{key}".lower(), f"{one}{key}".lower())),
                          key if key in columns else "")
        order = [c for c in info["key"] if c != key_column][:1] or [
            c for c in columns if re.fullmatch(r"seq\w*|sequence|id|log_id|deleted_at|removed_at|ts", c, re.I)
            and c != key_column]
        if key_column and order:
            return DeletionLog(table=log_name, key_column=key_column, order_column=order[0])
    return None


def _grains(text: str, columns: list[str]) -> list[list[str]]:
    """Keys written as a row's grain (`one row per student, course_code and term`), each word taken as
    the column it names (`student` -> `student_id`); a grain with a word no column fits is dropped."""
    out = []
    for _, words in _grain_clauses(text):
        named = [_column_for(w.split()[-1], columns) for w in words]
        if named and all(named):
            out.append(list(dict.fromkeys(named)))
    return out


def _written_header(text: str) -> list[str]:
    """The columns a request lists for a file's header line (`with a header line: sku, description, qty`)."""
    from assistant.connector.blocks.local import column_name

    match = re.search(r"\bheader(?:\s+(?:line|row|record))?\s*(?:is|:|=)\s*([^\n.;]+)", text, re.I)
    names = [n.strip(" `'\"") for n in re.split(r"\s*(?:,|\||;|\t)\s*", match.group(1))] if match else []
    return [column_name(n) for n in names if re.fullmatch(r"[A-Za-z_][\w ]{0,40}", n)] if len(names) > 1 else []


def _partial_grain(text: str, columns: list[str], name: str) -> list[str] | None:
    """The columns of the table's stated grain (written just after its name) some of whose words no column
    holds (they are in the files' names), or None when the grain is whole in the data or none is stated."""
    if not columns:
        return None
    joined = _joined(text)
    for start, words in _grain_clauses(text, loose=True):
        if name not in joined[max(0, start - 60):start]:
            continue
        named = [_column_for(w.split()[-1], columns) for w in words]
        if any(named) and not all(named) and all(_said_of_file_names(text, w.split()[-1]) for w, c in
                                                 zip(words, named, strict=True) if not c):
            return [c for c in named if c]
    return None


def _said_of_file_names(text: str, word: str) -> bool:
    """Whether a grain word no column holds can be in the files' names: the sentence that writes a file
    name says it (`Each depot drops tallies_D04_20240301.csv`, `count_S01_20240902.txt (store code, then the
    count date)`), or it is a time word and the name holds a date."""
    for name in re.finditer(r"[\w\-<>{}*]+\.(?:csv|tsv|txt|jsonl|ndjson|json)(?:\.gz)?\b", text):
        before = re.split(r"[.!?]\s|\n\s*\n", text[max(0, name.start() - 200):name.start()])[-1]
        after = re.split(r"(?<=[.!?])\s|\n\s*\n", text[name.end():name.end() + 200])[0]
        dated = re.search(r"\d{6,}|YYYY|<date>|\{date\}", name.group(0), re.I)
        if re.search(rf"\b{re.escape(word)}", before + " " + after, re.I) or (
                dated and re.fullmatch(r"dates?|days?|months?|weeks?|years?|hours?", word, re.I)):
            return True
    return False


def _column_for(word: str, columns: list[str]) -> str:
    from assistant.connector.blocks.local import column_for

    return str(column_for(word, columns))


def _stated_grains(text: str) -> list[list[str]]:
    """Every key the request states, as words: grains (`one row per student, course_code and term`), keys
    joined by `+` or `and`, single keys (`unique by student_id`)."""
    grains = [[w.split()[-1] for w in words] for _, words in _grain_clauses(text)]
    grains += [names for _, names in stated_composite(text)] + [[k] for _, k in stated_keys(text)]
    return [g for g in grains if g and all(re.fullmatch(r"[A-Za-z_][\w.\-]+", w) for w in g)]


def _grain_clauses(text: str, loose: bool = False) -> list[tuple[int, list[str]]]:
    """Where each stated grain starts in the joined text, and its words: `one row per a, b and c` (`loose`:
    also `a row per ...`, `rows for each ...`)."""
    lead = r"\b(?:one\s+)?rows?" if loose else r"\bone\s+row"
    return [(m.start(), _grain_words(m.group(1)))
            for m in re.finditer(lead + r"\s+(?:per|for\s+(?:each|every))\s+([^.;:\n]+)", _joined(text), re.I)]


def _grain_words(clause: str) -> list[str]:
    """The names a grain lists (`store, per count date, per sku`), up to where prose begins (an item of
    more than two words)."""
    out = []
    for item in re.split(r"\s*(?:,|\band\b|\+|/|&|\bper\b)\s*", clause):
        item = item.strip(" `'\"")
        if len(item.split()) > 2:
            break
        if item:
            out.append(item)
    return out


def _joined(text: str) -> str:
    """The text with the lines of each paragraph joined, so a phrase wrapped over two lines reads whole."""
    return re.sub(r"(?<!\n)\n(?![ \t]*[\n\-*•|])", " ", text)


def _set_when_gone(reading: rq.Reading, path: str, duckdb: bool, table: str, columns: list[str]) -> str:
    """When the request asks for deletes and names no column for them: the one time column (`left_at`,
    `closed_on`) that the rows leave empty, or fill for a few only, unless another is like it."""
    from assistant.connector.blocks import local

    if not path or not re.search(r"\b(?:delet|remov)", reading.text, re.I):
        return ""
    try:
        connection = _open(path, duckdb)
        try:
            with _driver(duckdb):
                rows = local.sample_rows(connection, table)
        finally:
            connection.close()
    except Exception:  # unreadable now: no column is guessed
        return ""
    timed = [c for c in columns if re.search(r"_(?:at|on|date|time)$", c) and
             not re.match(r"(?:created|updated|modified|changed|inserted|synced|last)_", c)]
    sparse = [c for c in timed if rows and sum(r.get(c) not in (None, "") for r in rows) <= len(rows) // 2]
    return sparse[0] if len(sparse) == 1 else ""


def _key_in_rows(path: str, duckdb: bool, table: str, reading: rq.Reading, columns: list[str],
                 stated: list[str]) -> list[str]:
    """A table without a declared key is keyed by what its rows hold uniquely: a grain or key the
    request states, else an id-like column or the leftmost unique pair (as file tables are)."""
    from assistant.connector.blocks import local

    try:
        connection = _open(path, duckdb)
        try:
            with _driver(duckdb):
                rows = local.sample_rows(connection, table)
        finally:
            connection.close()
    except Exception:  # unreadable now: keep what the request said
        return stated
    if not rows:
        return stated
    return local.first_unique(rows, [*_grains(reading.text, columns), stated]) or local.choose_key(table, rows) \
        or stated


def _matched_at_run_time(reading: rq.Reading, key: str, location: str, duckdb: bool) -> Spec:
    """The database could not be read yet: the connector reads its catalog when it runs and matches
    the request's words against it; the settings the request states apply to every table."""
    columns = list(dict.fromkeys(re.findall(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+_?id\b", reading.text)))
    stated = [k for _, k in stated_keys(reading.text)]
    each = Table(name="each_table", primary_key=stated[:1],
                 cursor_column=_column(reading, columns, r"(updated|modified|changed)(_?at|_on|_time)?$",
                                       r"incremental|changed|only\s+(?:pick|read|get)|later runs|new rows"),
                 deleted_column=_column(reading, columns, r"^(deleted(_at)?|is_deleted|_deleted|removed_at)$",
                                        r"delet|remov"),
                 snapshot=bool(re.search(WHOLE, reading.text, re.I) and re.search(r"\bdelet", reading.text, re.I)))
    words = _words(reading)
    schemas = [s for s, table in re.findall(r"\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b", reading.text) if table in words]
    if not words:  # "every table in the crm schema": the schema is what is named
        schemas += [a or b for a, b in re.findall(SCHEMA_NAMED, _prose(reading).text)]
    given = _renames_named(_prose(reading).text)
    listed = list(given) if not words and len(given) > 1 else []  # "tbl_cust as customers, tbl_art as ...": those
    words = list(dict.fromkeys([*schemas, *words, *listed]))  # `marketing.campaigns`: the schema is named too
    from assistant.connector.extract import _array_children, stated_tables

    stated = stated_tables(_prose(reading))
    children = [c for name in stated  # each kept when it runs only if its parent has the column
                for c in _array_children([name], [Table(name=n) for n in stated if n != name], reading)]
    return Spec(name=f"{rq.snake(Path(location).stem) or 'database'}_connector", source_type="database",
                location_key=key, location=location if location and key not in reading.config_keys else "",
                driver="duckdb" if duckdb else "sqlite3", catalog="match", words=words, tables=[each, *children],
                skip_parts=_parts_declined(_prose(reading).text), renames=given,
                strip_prefix=stripped_prefix(_prose(reading).text),
                grains=_stated_grains(reading.text),
                description=reading.text.strip().split("\n")[0][:200],
                unresolved=["the database could not be read before writing the code: the connector reads its "
                            "tables and keys when it runs, and syncs those the request's words name "
                            f"({', '.join(words[:8]) + (' ...' if len(words) > 8 else '') if words else 'all'})"])


# "every table in the crm schema", "in the schema `erp`": a schema named as the place of the tables
SCHEMA_NAMED = re.compile(r"\b(?:in|from)\s+(?:the\s+)?(?!the\b)[`\"']?([a-z_][a-z0-9_]*)[`\"']?\s+schema\b|"
                          r"\bschema\s+[`\"']([a-z_][a-z0-9_]*)[`\"']")


def _stated_key(reading: rq.Reading, name: str, columns: list[str]) -> list[str]:
    stated = [k for _, k in stated_keys(reading.text) if not columns or k in columns]
    if stated:
        return [stated[0]]
    return ["id"] if "id" in columns or not columns else []


def _column(reading: rq.Reading, columns: list[str], shape: str, asked: str) -> str:
    """A column the request names (or, when it asks for such a sync, the one whose name fits)."""
    named = [c for c in columns if re.search(rf"\b{re.escape(c)}\b", reading.text)]
    after = re.search(rf"(?:{asked})\w*\s+(?:\w+\s+){{0,2}}(?:on|by|off|using)\s+(?:the\s+)?`?(?P<column>\w+)`?",
                      reading.text, re.I)
    if after and after.group("column") in columns:
        return after.group("column")
    for sentence in reading.text.split("\n"):  # a line or list item: `version` ... "use it as the incremental cursor"
        ticked = [c for c in re.findall(r"`(\w+)`", sentence) if c in columns]
        if len(ticked) == 1 and re.search(asked, sentence, re.I) and re.search(r"cursor|incremental", asked):
            return ticked[0]
    fitting = [c for c in named if re.search(shape, c, re.I)]
    if fitting:
        return fitting[0]
    if re.search(asked, reading.text, re.I):
        return next((c for c in columns if re.search(shape, c, re.I)), "")
    return ""


# --- files ---------------------------------------------------------------------------------------------------

SUFFIXES = file_layout.SUFFIXES


def _group(name: str, fmt: str = "") -> tuple[str, str, str] | None:
    """(table stem, glob pattern, format) of a file name: dates, numbers and codes with digits are what
    varies between the files of one table (`inventory_20240301.csv` -> `inventory`, `inventory_*.csv`;
    `SALES_LIS01_20241014.txt` -> `sales`, `SALES_*.txt`). A suffix of no known format takes `fmt`, the
    format its content shows (delimited text in `CUST_20240701.DAT`)."""
    base = name[:-3] if name.endswith(".gz") else name
    suffix = Path(base).suffix  # as written: file names match their pattern case by case (`.TXT`)
    if suffix.lower() not in SUFFIXES and not (fmt and suffix):
        return None
    kind = SUFFIXES.get(suffix.lower(), fmt)
    stem = Path(base).stem
    fixed = re.sub(r"[_\-. ]?\d[\d_\-.T:]*$", "", stem)
    tokens = re.split(r"([_\-])", stem)  # `SALES_LIS01_20241014`: a code with digits varies too, as the date does
    while len(tokens) > 2 and re.search(r"\d", tokens[-1]):
        tokens = tokens[:-2]
    if len(tokens) < len(re.split(r"([_\-])", stem)) and not re.search(r"\d", tokens[-1]):
        fixed = "".join(tokens)
    pattern = f"{fixed}*{suffix}" if fixed != stem else f"{stem}{suffix}"
    return rq.snake(fixed) if fixed else "", pattern if fixed or fixed != stem else f"*{suffix}", kind


def _folder_groups(folder: str, text: str, marker: str = "") -> dict[str, tuple[str, str, list[Path]]]:
    """stem -> (pattern, format, files) for the data files in a folder. Files of one stem with several
    suffixes of one format (`.jsonl` and `.ndjson.gz`) share a table: their patterns are joined by `|`.
    When the request names its files, only those kinds are data (a README.txt or a manifest is not);
    `.txt` files are data only when the request names them."""
    from assistant.connector.blocks import local

    root = Path(folder).expanduser()
    groups: dict[str, tuple[str, str, list[Path]]] = {}
    if folder and root.is_file() and _group(root.name):  # the location is the one data file
        stem, _, fmt = _group(root.name) or ("", "", "")
        return {stem: (root.name, fmt, [root])}
    if not folder or not root.is_dir():  # no folder stated: never the working directory
        return groups
    named = _text_groups(text)
    every = [p for p in root.iterdir() if p.is_file() and not p.name.startswith((".", "_"))]  # `_index.json`
    sniffed = {p: file_layout.content_format(p) for p in every if p.suffix != marker and not _group(p.name)}
    paths = sorted(p for p in every if _group(p.name, sniffed.get(p, "")) and p.suffix != marker)
    nested = not paths  # only folders at the top (`2024/07/01/09.jsonl.gz`): the files below them
    if nested:
        paths = sorted((p for p in root.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))),
                       key=lambda p: [local.natural_order(part) for part in p.relative_to(root).parts])
        sniffed = {p: file_layout.content_format(p) for p in paths if not _group(p.name)}
    for path in paths:
        found = _group(path.name, sniffed.get(path, ""))
        if not found or (path.name.lower().removesuffix(".gz").endswith(".txt") and ".txt" not in text.lower()):
            continue
        stem, pattern, fmt = found
        pattern = f"**/{pattern}" if nested else pattern
        inside = path.suffix.lower() == ".zip" and bool(set(named) & file_layout.member_stems(path))
        # a kind the request does not name, with a suffix none of the named kinds has, is no data (an
        # `export.log` beside `orders_*.csv`); one with their suffix is another table (`employees.tsv` beside
        # the `time_entries_2024-05.tsv` the request shows as an example)
        alike = any(_suffix(p) == _suffix(path.name) for known_, _, _ in named.values() for p in known_.split("|"))
        if named and stem not in named and not ("" in named and named[""][1] == fmt) and not inside and not alike:
            continue  # `*.jsonl` names a kind; `electricity.csv` may be a member of the zips
        known, _, files = groups.setdefault(stem, (pattern, fmt, []))
        if pattern not in known.split("|"):
            groups[stem] = (f"{known}|{pattern}", fmt, files)
        files.append(path)
    return _without_documents(groups)


def _suffix(name: str) -> str:
    return "".join(Path(name.lower()).suffixes[-2:]) if name.lower().endswith(".gz") else Path(name.lower()).suffix


def _without_documents(groups: dict[str, tuple[str, str, list[Path]]]) -> dict[str, tuple[str, str, list[Path]]]:
    """JSON files that hold one object with no list of records (a `manifest.json` of export times and counts)
    beside files that hold records (JSON lists, CSV, JSON lines) are about the export, not data."""
    def holds_records(path: Path) -> bool | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):
            return None
        if isinstance(data, list):
            return True
        return isinstance(data, dict) and any(isinstance(v, list) and v and isinstance(v[0], dict)
                                              for v in data.values())

    shapes = {stem: holds_records(files[0]) if fmt == "json" and files and files[0].suffix.lower() == ".json"
              else True for stem, (_, fmt, files) in groups.items()}  # delimited files and lines hold records
    for stem, (_, _, files) in groups.items():  # a file that names the other files (`orders_0903.csv 40`) lists them
        others = {f.name for other, (_, _, fs) in groups.items() if other != stem for f in fs}
        try:
            head = files[0].read_text(encoding="utf-8", errors="ignore")[:4000] if files else ""
        except OSError:
            head = ""
        if others and any(name in head for name in others):
            shapes[stem] = False
    if True not in shapes.values():
        return groups
    return {stem: group for stem, group in groups.items() if shapes[stem] is not False}


def _text_groups(text: str) -> dict[str, tuple[str, str, list[Path]]]:
    """The same, from file names the request writes (`inventory_YYYYMMDD.csv`, `page_<n>.json`,
    `export_001.csv`, `Umsaetze.csv`): what varies is written as letters for a date, a placeholder or digits."""
    groups: dict[str, tuple[str, str, list[Path]]] = {}
    for name in [*re.findall(r"[\w\-<>{}*]+\.(?:csv|tsv|txt|jsonl|ndjson|json)(?:\.gz)?\b", text),
                 *_templates(text)]:
        stem = re.sub(r"<[^<>]*>|\{[^{}]*\}|\*|[A-Z]{4}[A-Z\-]*$|YYYY\w*|\b(?:YY|MM|DD|HH|mm|ss)\b", "0",
                      Path(name).stem)
        found = _group(stem + name[len(Path(name).stem):], "csv")
        if found:
            known, fmt, _ = groups.setdefault(found[0], (found[1], found[2], []))
            if fmt == found[2] and found[1] not in known.split("|"):  # `x.jsonl`, rotated to `x-<date>.jsonl.gz`
                groups[found[0]] = (f"{known}|{found[1]}", fmt, [])
    return groups


def _templates(text: str) -> list[str]:
    """File names written as templates with a suffix of no known format (`<REC>_<YYYYMMDD>.DAT`), each
    placeholder whose values the request enumerates (`REC in {CUST, ORDH, ORDL}`) written out per value."""
    out = []
    for name in re.findall(r"(?<![\w.])((?:[\w\-]*<\w+>[\w\-]*)+\.[A-Za-z]{2,4})\b", text):
        if Path(name).suffix in SUFFIXES:  # written in lower case, the file-name pattern above has it
            continue
        names = [name]
        for field in re.findall(r"<(\w+)>", name):
            listed = re.search(rf"\b{field}\b\s*(?:in|=|:|is\s+one\s+of)\s*[{{(\[]?\s*(\w+(?:\s*[,|/]\s*\w+)+)", text)
            if listed:
                values = re.split(r"\s*[,|/]\s*", listed.group(1))
                names = [n.replace(f"<{field}>", v) for n in names for v in values]
        out += [re.sub(r"<\w+>", "0", n) for n in names]
    return out


def _header(path: Path, fmt: str) -> list[str]:
    """The columns of a data file: the CSV header (as column names) or the first record's keys."""
    from assistant.connector.blocks.local import column_name, open_text

    try:
        with open_text(str(path)) as handle:
            if fmt == "csv":
                line = handle.readline()
                return [column_name(c) for c in next(csv.reader([line], delimiter=max(",;\t|", key=line.count)))]
            first = handle.read(65536)
            data = json.loads(first.split("\n", 1)[0]) if fmt == "jsonl" else json.loads(first) if first else {}
            data = data[0] if isinstance(data, list) and data else data
            return list(data) if isinstance(data, dict) else []
    except (OSError, ValueError, StopIteration):
        return []


# A source that is sent whole each time, so what left it was deleted: `snapshot`, `full export`, `rewritten
# complete`, rows that `disappear`, `drop out` or are `no longer in` it
WHOLE = r"\bsnapshots?\b|\b(?:full|complete)\s+(?:export|dump|extract|cop(?:y|ies))|\b(?:write|writes|written|" \
        r"rewrit\w*|overwrit\w*)\b[^.\n]{0,60}\b(?:complete|whole|full|again)\b|\b(?:vanish|disappear)\w*|" \
        r"\btak\w*\s+(?:\w+\s+)?out\b|\bno\s+longer\s+(?:in|appear)|\bdrop(?:s|ped)?\s+out\b"


def _files(reading: rq.Reading, key: str, location: str) -> Spec:
    from assistant.connector.blocks import local

    root = Path(location).expanduser() if location else None
    marker = local.marker_suffix(str(root)) if root and root.is_dir() else ""  # files that mark others complete
    groups = _folder_groups(location, reading.text, marker) or _text_groups(reading.text)
    stated = _stated_file_tables(reading)
    unresolved = [] if location and Path(location).expanduser().exists() else [
        "the folder could not be read; file names and keys were taken from the request"]
    tables = []
    by_stem: dict[str, list[str]] = defaultdict(list)
    moved = file_layout.arrow_names(reading.text, list(groups))  # `CUST -> customer`: the stem's destination
    if not stated:  # no table named as such: a snake_case name the request gives a stem, and puts nowhere else
        moved = {**file_layout.leftover_names(reading.text, list(groups), reading.config_keys), **moved}
    unwanted = _unwanted(_prose(reading))
    declined = [s for s in groups if s and s not in stated and re.search(rf"\b{re.escape(s)}\b", unwanted)]
    groups = {s: g for s, g in groups.items() if s not in declined} if len(declined) < len(groups) else groups
    for stem in groups:
        matched = _match(stem, stated, len(groups))
        by_stem[moved.get(stem, matched)].append(stem)  # an arrow from the stem says it outright
    if len(stated) > 1 and all(name in by_stem for name in stated):  # a list of tables; a manifest.json is none
        by_stem = defaultdict(list, {name: stems for name, stems in by_stem.items() if name in stated})
    if len(groups) == 1 and len(stated) > 1:  # one stream of events, several tables: route by a type field
        only = next(iter(groups.values()))
        tables = _routed_tables(reading, stated, *only)
        by_stem = defaultdict(list) if tables else by_stem
    for name, stems in by_stem.items():
        pattern, fmt, files = groups[stems[0]]
        if len(stems) > 1:  # several kinds of file for one table: any name, the formats alike
            pattern = f"*{Path(pattern).suffix}"
        fixed = file_layout.fixed_layout(reading.text) if fmt == "csv" and not (
            files and file_layout.delimited(files[0])) else []
        fmt = "fixed" if fixed else fmt  # `cols 1-10 policy_no, 11-40 holder_name`: a fixed-width file
        layout, positions = ([n for n, _, _ in fixed], [[a, b] for _, a, b in fixed]) if fixed else (
            _layout(reading, pattern, fmt, files), [])
        table = _file_table(reading, name, pattern, fmt, files, stated_keys_of(reading, name), layout, positions)
        table.deleted_column, table.deleted_value = _file_deletes(reading, fmt, files, layout, positions)
        table.columns, table.ready = layout, file_layout.ready_suffix(reading.text, marker, pattern, bool(files))
        table.positions = positions
        if files and files[0].suffix.lower() == ".zip":  # `readings.zip` holding `electricity.csv`, `gas.csv`
            table.member_column = file_layout.member_column(reading.text, files[0])
            table.primary_key = [table.member_column, *table.primary_key] if table.member_column and \
                table.primary_key and table.member_column not in table.primary_key else table.primary_key
        if pattern.startswith("**/") and files and root:  # `emea/2024/09/01/x.json`: what the folders say
            _folders_in_key(table, reading.text, files[0].relative_to(root).as_posix())
        tables.append(table)
    if not tables:
        fmt = "jsonl" if re.search(r"jsonl|json\s*lines?|ndjson", reading.text, re.I) else \
            "json" if re.search(r"\bjson\b", reading.text, re.I) else "csv"
        as_name = re.search(r"\b(?:load|sync|put|write|store)\w*\s+(?:them|it|those|these|the\s+\w+)?\s*(?:as|into)\s+"
                            r"`?([A-Za-z_]\w*)`?", reading.text, re.I)
        name = stated[0] if stated else rq.snake(as_name.group(1)) if as_name else "records"
        keys = [k for _, k in stated_keys(reading.text)]
        tables = [Table(name=name, files=f"*.{fmt}", format=fmt, primary_key=keys[:1])]  # type: ignore[arg-type]
        unresolved.append(f"no data file was found or named; assumed {fmt} files (*.{fmt})")
    tables += _file_children(reading, tables, stated, location)
    # deletes asked for: a file read again because it changed was rewritten, and the rows it no longer
    # holds were deleted (each file's keys are kept; a file that never changes is never read again)
    snapshot = bool(re.search(r"\bdelet", reading.text, re.I))
    for table in tables:
        table.snapshot = snapshot and not table.parent  # keys missing from the newest file were deleted
    return Spec(name=f"{tables[0].name}_connector", source_type="file", location_key=key,
                location=location if location and key not in reading.config_keys else "", tables=tables,
                description=reading.text.strip().split("\n")[0][:200], unresolved=unresolved)


def _routed_tables(reading: rq.Reading, stated: list[str], pattern: str, fmt: str, files: list[Path]) -> list[Table]:
    """Tables fed by one stream of events, each taking the lines whose type field names it (`type:
    customer.updated` -> `customers`), with the record at a dotted path the request names
    (`data.object`) when the lines hold one there. [] when no field's values name every table."""
    from assistant.connector.blocks import local

    lines: list[dict[str, Any]] = []
    for path in files[:5]:
        try:
            lines += [r for r in islice(local.read_file(str(path), {"format": fmt}), 500) if isinstance(r, dict)]
        except (OSError, ValueError, RuntimeError):
            return []
    for field in dict.fromkeys(k for line in lines for k, v in line.items() if isinstance(v, str)):
        values = {str(line.get(field)) for line in lines if isinstance(line.get(field), str)}
        heads = {re.split(r"[.:/]", v)[0]: (v[len(re.split(r"[.:/]", v)[0]):][:1]) for v in values}
        chosen = {name: head for name in stated for head in heads if singular(head.lower()) == singular(name.lower())}
        if len(chosen) < len(stated):
            continue
        dotted = [d for d in re.findall(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b", reading.text)
                  if any(isinstance(local.value_in(line, d), (dict, list)) for line in lines)]
        tables = []
        for name, head in chosen.items():
            route, records = {field: f"{head}{heads[head]}*"}, dotted[0] if dotted else ""
            spec = {"route": route, "records": records}
            rows = [r for line in lines for r in local.routed(line, spec)]
            columns = list(dict.fromkeys(k for r in rows for k in r))
            grain = next(iter(_grains(reading.text, columns)), [])
            key = grain or local.choose_key(name, rows) or (["id"] if "id" in columns else [])
            tables.append(Table(name=name, files=pattern, format=fmt, route=route,  # type: ignore[arg-type]
                                records=records, primary_key=key))
        return tables
    return []


def stated_keys_of(reading: rq.Reading, name: str) -> list[str]:
    """Keys the request states: `X is unique`, `keyed by X`, `one row per X`; the one written next to
    the table's name first (`order_id / refund_id unique` gives each table its own)."""
    stated = [k for _, k in stated_keys(reading.text)]
    for words in re.findall(r"\bone\s+row\s+(?:per|for\s+each)\s+`?(\w+(?:[ \t]+[a-z]\w*){0,2})", reading.text, re.I):
        split = words.split()  # "one row per tracking number": `tracking_number` if the data has it, else `tracking`
        stated += ["_".join(split[:n]) for n in range(len(split), 0, -1)]
    listed = re.findall(r"`?(\w+_(?:id|no|nr|code|key))`?\s*(?:/|,|and)\s*`?(\w+_(?:id|no|nr|code|key))`?\s+(?:are\s+)?"
                        r"(?:unique|keys?|primary)", reading.text, re.I)
    stated += [k for pair in listed for k in pair]
    own = [k for k in stated if k.lower().startswith(singular(name).lower())]
    return list(dict.fromkeys(own + stated))


def _folders_in_key(table: Table, text: str, relative: str) -> None:
    """A column per folder level, and the text ones (a region, a shop) ahead of the key: ids that repeat
    across those folders are other records (dates are when a record came, not which it is)."""
    from assistant.connector.blocks.local import folder_parts

    table.folder_columns = file_layout.folder_columns(text, relative)
    labels = [c for c, v in zip(table.folder_columns, folder_parts(relative), strict=False)
              if not re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
    if table.primary_key and table.primary_key != ["source_file", "source_line"]:
        table.primary_key = [*(c for c in labels if c not in table.primary_key), *table.primary_key]


def _how(fmt: str, layout: list[str] | None, positions: list[list[int]] | None) -> dict[str, Any]:
    """How the block reads a table's files: its format, and the columns (and positions) of the layout."""
    return {"format": fmt, "columns": layout or [], "positions": positions or []}


def _layout(reading: rq.Reading, pattern: str, fmt: str, files: list[Path]) -> list[str]:
    """Column names for delimited files written without a header: the list the request numbers for them.
    Files not seen now keep the list the request writes beside their name; the connector uses it only
    for files whose first line is data."""
    if fmt != "csv":
        return []
    stem = re.split(r"[*_\-]", pattern.removeprefix("**/"))[0]
    names = file_layout.layout_for(reading.text, stem, file_layout.field_count(files[0]) if files else 0)
    if files and names and not file_layout.headerless(files[0]):
        # a first line that reads like names may still be data: it is a header only if it holds the listed names
        first = [c.strip().lower() for c in file_layout.first_row(files[0])]
        if sum(n.lower() in first for n in names) * 2 >= len(names):
            return []
    return names


def _file_deletes(reading: rq.Reading, fmt: str, files: list[Path], layout: list[str],
                  positions: list[list[int]] | None = None) -> tuple[str, str]:
    """The deleted mark of file records: a flag column, else a status column's code from the request's legend."""
    from assistant.connector.blocks import local

    flag = _file_deleted_column(reading, fmt, files, layout, positions)
    if flag or not files:
        return (flag, "") if flag or not layout else file_layout.deleted_code(
            reading.text, [local.column_name(c) for c in layout], [])
    with contextlib.suppress(OSError, ValueError, RuntimeError):
        rows = list(islice(local.read_file(str(files[0]), _how(fmt, layout, positions)), 2000))
        columns = list(dict.fromkeys(k for row in rows if isinstance(row, dict) for k in row))
        return file_layout.deleted_code(reading.text, columns, rows)
    return "", ""


def _file_table(reading: rq.Reading, name: str, pattern: str, fmt: str, files: list[Path], stated: list[str],
                layout: list[str] | None = None, positions: list[list[int]] | None = None) -> Table:
    """A file table keyed by a stated key its columns have, else by what its first file supports
    (found when the connector runs if the folder could not be read now)."""
    from assistant.connector.blocks import local

    name = rq.snake(name) or "records"
    name = name if name[0].isalpha() else f"file_{name}"  # `2024_q1.csv`: table names start with a letter
    columns = [local.column_name(c) for c in layout] if layout else \
        _header(files[0], fmt) if files else _written_header(reading.text)
    named_parts = _name_columns(reading, columns, files, pattern)
    partial = _partial_grain(reading.text, columns, name) if "*" in pattern and not named_parts else None
    if partial is not None:  # `a row per store, per count date, per sku`, store and date only in the name
        return Table(name=name, files=pattern, format=fmt, name_column="file_part",  # type: ignore[arg-type]
                     primary_key=["file_part", *partial])
    composite = [names for _, names in stated_composite(reading.text)]
    known = [*columns, *named_parts]
    mapped = [local.column_for(k, known) or local.column_name(k) for k in composite[0]] if composite else []
    if composite and (not columns or all(k in known for k in mapped)):
        return Table(name=name, files=pattern, format=fmt, name_columns=named_parts,  # type: ignore[arg-type]
                     primary_key=mapped)  # `key = employee_id + work_date`, `a row is store + day + ticket`
    key = [k for k in stated if k in columns or local.column_name(k) in columns]
    if key:
        return Table(name=name, files=pattern, format=fmt,  # type: ignore[arg-type]
                     primary_key=[local.column_name(key[0])] if fmt == "csv" else key[:1])
    if files:
        try:
            rows = list(islice(local.read_file(str(files[0]), _how(fmt, layout, positions)), 1000))
        except (OSError, ValueError, RuntimeError):  # unreadable now: the connector finds the key when it runs
            return Table(name=name, files=pattern, format=fmt, primary_key=[], find_key=True)  # type: ignore[arg-type]
        key = _series_key(local.key_of_rows(name, rows), rows, files, _how(fmt, layout, positions))
        coded = _code_in_name(key, rows, files, pattern, _how(fmt, layout, positions), columns)
        if coded:  # `TILL01_...` and `TILL02_...` number their rows alike: the till joins the key
            return Table(name=name, files=pattern, format=fmt, name_columns=coded[0],  # type: ignore[arg-type]
                         primary_key=[coded[1], *key])
        return Table(name=name, files=pattern, format=fmt, primary_key=key)  # type: ignore[arg-type]
    return Table(name=name, files=pattern, format=fmt, primary_key=[], find_key=True)  # type: ignore[arg-type]


def _code_in_name(key: list[str], rows: list[dict[str, Any]], files: list[Path], pattern: str, how: dict[str, Any],
                  columns: list[str]) -> tuple[list[str], str] | None:
    """(columns for the parts of the file names, the one that joins the key) when the files differ by a code
    that is no date (`TILL01_20240603`, `TILL02_20240603`) and files of two codes hold the same key values:
    the code tells their rows apart. The code's column is named by the pattern's fixed part (`till`)."""
    from assistant.connector.blocks import local

    fixed = pattern.split("*")[0]
    if not key or len(files) < 2 or not rows or "/" in pattern or "|" in pattern or not fixed:
        return None  # files in folders are told apart by their folders; several patterns by their kind
    open_parts = {f: local.name_part(f.name, pattern) for f in files}
    if any(re.search(r"\d{4}-\d\d", part) for part in open_parts.values()):
        return None  # a date written with dashes is one part, however it splits
    parts = {f: [p for p in re.split(r"[_\-]", part) if p] for f, part in open_parts.items()}
    width = {len(p) for p in parts.values()}
    if len(width) != 1 or (n := width.pop()) < 2:
        return None
    # a code: it varies, yet comes again in several files (each till on each day), beside a part that varies too;
    # it has letters (`LIS01`) or is glued to the letters before it (`TILL01`), where a counter (`_001`) is not
    glued = bool(re.search(r"[A-Za-z]$", fixed))
    position = next((i for i in range(n) if 1 < len({p[i] for p in parts.values()}) < len(files) and
                     not any(_DATE_PART.fullmatch(p[i]) for p in parts.values()) and
                     (any(re.search(r"[A-Za-z]", p[i]) for p in parts.values()) or (i == 0 and glued))), None)
    if position is None:
        return None
    other = next(f for f in files if parts[f][position] != parts[files[0]][position])
    try:
        later = [r for r in islice(local.read_file(str(other), how), 1000) if isinstance(r, dict)]
    except (OSError, ValueError, RuntimeError):
        return None
    seen = {tuple(str(r.get(k)) for k in key) for r in rows if isinstance(r, dict)}
    if not any(tuple(str(r.get(k)) for k in key) in seen for r in later):
        return None
    code = rq.snake(re.sub(r"[\W_]+$", "", fixed)) or "file_code"
    code = code if code not in columns else f"file_{code}"
    names = [code if i == position else f"file_part_{i + 1}" for i in range(n)]
    return names, code


_DATE_PART = re.compile(r"\d{8}|\d{6}|\d{4}|\d{4}-\d\d(?:-\d\d)?|\d{4}-?W\d\d|\d{10,}")


def _series_key(key: list[str], rows: list[dict[str, Any]], files: list[Path], how: dict[str, Any]) -> list[str]:
    """A key unique in one file whose every value comes again in the next file (`meter_id` of a daily
    reading) names a series, not a record: the time column that sets the rows of the two files apart joins it."""
    from assistant.connector.blocks import local

    if len(key) != 1 or len(files) < 2 or not rows:
        return key
    try:
        later = list(islice(local.read_file(str(files[1]), how), 1000))
    except (OSError, ValueError, RuntimeError):
        return key
    later = [r for r in later if isinstance(r, dict)]
    first = {str(r.get(key[0])) for r in rows if isinstance(r, dict)}
    again = [r for r in later if str(r.get(key[0])) in first]
    repeats = len({str(r.get(key[0])) for r in later}) < len(later)  # not even unique in the next file
    if not later or (len(again) < 0.8 * len(later) and not repeats):
        return key

    def unique(part: list[dict[str, Any]], column: str) -> bool:
        return len({(str(r.get(key[0])), str(r.get(column))) for r in part}) == len(part)

    for column in (c for c in rows[0] if re.search(r"(?:_at|_on|_time|date|timestamp)$", c)):
        if unique(rows, column) and unique(later, column):  # the same pair again in a later file is an update
            return [key[0], column]
    return key


def _name_columns(reading: rq.Reading, columns: list[str], files: list[Path], pattern: str) -> list[str]:
    """Columns the request asks to fill from the varying parts of each file's name, in order (`we'll want
    both as columns: store_code and business_date` for `SALES_LIS01_20241014.txt`): new snake_case names
    in a sentence about columns, as many as the name has parts."""
    from assistant.connector.blocks import local

    if not files or "*" not in pattern:
        return []
    parts = [p for p in re.split(r"[_\-]", local.name_part(files[0].name, pattern)) if p]
    for sentence in re.split(r"(?<=[.!?\n])\s+", reading.text):
        if not re.search(r"\bcolumns?\b", sentence, re.I):
            continue
        names = [n for n in dict.fromkeys(re.findall(r"\b([a-z][a-z0-9]*_[a-z0-9_]+)\b", sentence))
                 if n not in columns and n not in reading.config_keys]
        if names and len(names) == len(parts):
            return names
    return []


def _file_deleted_column(reading: rq.Reading, fmt: str, files: list[Path], layout: list[str] | None = None,
                         positions: list[list[int]] | None = None) -> str:
    """The field whose true value marks a record deleted, when the request asks for deletes: one the request
    shows as `"deleted": true` beside a word for deleting, or a column of deleted shape the files' records
    hold (a flag that only deleted records carry is found in the rows, not the first one)."""
    from assistant.connector.blocks import local
    from assistant.connector.extract_rest import delete_flag

    if not re.search(r"\b(?:delet|remov)", reading.text, re.I):
        return ""
    columns: list[str] = []
    for path in files[:3]:
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            rows = islice(local.read_file(str(path), _how(fmt, layout, positions)), 2000)
            columns += [k for row in rows if isinstance(row, dict) for k in row]
    columns = list(dict.fromkeys(columns))
    flag = delete_flag(None, "", reading)
    if flag and (not files or local.column_name(flag) in columns or flag in columns):
        return flag if flag in columns or fmt != "csv" else local.column_name(flag)
    return _column(reading, columns, r"^(deleted(_at)?|is_?deleted|_deleted|removed_at|deleted_on)$", r"delet|remov")


def _file_children(reading: rq.Reading, tables: list[Table], stated: list[str], folder: str) -> list[Table]:
    """Stated tables no file holds, made of an array in another table's records (`event_items` from
    `items`, `interval_channels` from the `channels` the files' records hold): one row per item, keyed by
    the parent's key and the item's position."""
    from assistant.connector.blocks import local
    from assistant.connector.extract import _array_children

    arrays: list[str] = []
    for table in tables[:1]:
        names = local.matching_files(str(Path(folder).expanduser()), {"files": table.files}) if folder else []
        try:
            rows = list(islice(local.read_file(str(Path(folder).expanduser() / names[0]),
                                               _how(table.format, table.columns, table.positions)),
                               100)) if names else []
        except (OSError, ValueError, RuntimeError):
            rows = []
        arrays = list(dict.fromkeys(k for row in rows if isinstance(row, dict) for k, v in row.items()
                                    if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)))
        inner = {k: outer for row in rows if isinstance(row, dict) for outer in arrays
                 for item in row.get(outer) or [] if isinstance(item, dict)
                 for k, v in item.items() if isinstance(v, list) and v}  # `lines[].allocations`
    children = _array_children(stated, tables, reading, arrays)
    for child in children:
        parent = next(t for t in tables if child.parent and t.name == child.parent.table)
        assert child.parent is not None
        child.parent.keys = local.child_columns(parent.name, parent.primary_key)
        child.primary_key = [*child.parent.keys.values(), "index"] if parent.primary_key else []
        child.find_key = parent.find_key
    for child in children:  # a child named for an array inside another child's items is that child's child
        assert child.parent is not None
        own = next((k for k in inner if child.name == k or child.name.endswith("_" + k) or
                    child.name.endswith("_" + singular(k))), "")
        middle = next((c for c in children if c is not child and c.parent and c.parent.array == inner.get(own)), None)
        if own and middle is not None:
            keys = {k: k for k in middle.primary_key if k != "index"}
            child.parent = Parent(table=middle.name, keys={**keys, "index": f"{singular(middle.name)}_index"},
                                  array=own)
            child.primary_key = [*child.parent.keys.values(), "index"]
    return children


def _stated_file_tables(reading: rq.Reading) -> list[str]:
    from assistant.connector.extract import stated_tables

    return [n for n in stated_tables(reading) if not re.match(r"^(csv|json|jsonl|file|files|folder)$", n)]


def _match(stem: str, stated: list[str], groups: int) -> str:
    """The stated table name a file stem belongs to, else the stem itself."""
    for name in stated:
        if stem and (stem == name or singular(stem) == singular(name) or stem in name or name in stem):
            return name
    if len(stated) == 1 and (groups == 1 or not stem):
        return stated[0]
    return stem or (stated[0] if stated else "records")
