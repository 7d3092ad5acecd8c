"""Building blocks for file and database sources: folders of CSV, JSON-lines and JSON files, and
database files read through a DB-API driver (sqlite3 or duckdb) in batches.

The composer copies these functions verbatim into connector.py and writes TABLES and the other
constants from the spec, so what varies per connector is data, never code.
"""

# ruff: noqa: N802
from __future__ import annotations

import csv
import fnmatch
import gzip
import io
import json
import os
import re
import unicodedata
import zipfile
from datetime import date, datetime
from decimal import Decimal

from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

# Placeholders the composer replaces with the spec's values.
TABLES: dict = {}
LOCATION_KEY = "folder"
LOCATION = ""
DRIVER = "sqlite3"
DATABASES = ""
SOURCE_COLUMN = ""
CATALOG = "spec"
WORDS: list = []
GRAINS: list = []
SKIP_PARTS: list = []
RENAMES: dict = {}
STRIP_PREFIX = ""
BATCH_SIZE = 1000
CHECKPOINT_INTERVAL = 1000
REQUIRED_CONFIG: list = []


def validate_configuration(configuration: dict):
    """
    Check that every required configuration value is present before anything is read.
    Args:
        configuration: the connector configuration (all values are strings).
    Raises:
        ValueError: if a required value is missing or empty.
    """
    missing = [key for key in REQUIRED_CONFIG if not str(configuration.get(key, "")).strip()
               and not (key == LOCATION_KEY and location(configuration))]
    if missing:
        raise ValueError(f"Missing required configuration value(s): {', '.join(missing)}")


def location(configuration: dict):
    """The folder or database file: from the configuration, else the one the request stated, else the
    one configuration value that is an existing path (the user named the key differently)."""
    found = str(configuration.get(LOCATION_KEY) or LOCATION)
    if found:
        return found
    paths = [str(v) for v in configuration.values() if isinstance(v, str) and v and os.path.exists(v)]
    if len(paths) == 1:
        log.warning(f"No '{LOCATION_KEY}' in the configuration; using the one path it holds: {paths[0]}")
        return paths[0]
    return ""


def folder_of(path: str):
    """The folder files are read from: the configured one, or the folder of a configured file."""
    return os.path.dirname(path) if os.path.isfile(path) else path


def column_name(name: str):
    """A header as a database column: `Beleg Nr` -> `beleg_nr`, `Umsätze` -> `umsatze`."""
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9A-Za-z]+", "_", plain).strip("_").lower() or "column"


def to_value(value):
    """A database value the SDK can write: decimals, dates, UUIDs and lists become plain values."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, default=str, sort_keys=True)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


# --- files ------------------------------------------------------------------------------------------------


def open_text(path: str):
    """A file for reading as text: gzip when it ends with .gz, in the encoding its bytes show (a UTF-8 or
    UTF-16 byte-order mark, else UTF-8 if its start decodes as such, else Windows-1252); a byte that
    still does not decode becomes U+FFFD rather than ending the sync."""
    encoding = text_encoding(path)
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding=encoding, errors="replace", newline="")
    return open(path, encoding=encoding, errors="replace", newline="")


def text_encoding(path: str):
    """The encoding of a text file, from its first 64 KB."""
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as handle:
        return bytes_encoding(handle.read(65536))


def bytes_encoding(head: bytes):
    """The encoding the start of a text shows: a byte-order mark, else UTF-8 if it decodes, else cp1252."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head[:-4].decode("utf-8") if len(head) == 65536 else head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def read_csv(path: str, delimiter: str, columns: list | None = None):
    """
    The rows of a CSV file with a header row; the delimiter is guessed when none is given. Lines
    before the header (a title, an export date) are skipped: the header is the first line with as
    many fields as most lines have. A closing summary row (`TOTAL`) is not data. Files written without
    a header (their first line holds data) take the table's `columns`, from the layout the request
    gave. Fields padded with blanks to a fixed length are stripped.
    """
    with open_text(path) as handle:
        yield from read_csv_text(handle, delimiter, columns)


def read_csv_text(handle, delimiter: str, columns: list | None = None):
    """The rows of CSV text from an open handle (a file, or a member of a zip); see `read_csv`."""
    head = [line for _, line in zip(range(50), handle, strict=False)]
    handle.seek(0)
    if not delimiter:
        delimiter = max(",;\t|", key=lambda d: separator_score(head, d))
    widths = [len(next(csv.reader([line], delimiter=delimiter), [])) for line in head if line.strip()]
    usual = max(set(widths), key=widths.count) if widths else 0
    reader = csv.reader(handle, delimiter=delimiter)
    first = next(reader, None)
    while first is not None and usual > 1 and (len(first) < usual or sum(1 for v in first if v.strip()) < 2):
        first = next(reader, None)  # blank and title lines above the header (`Rapport des ventes;;;;;;;`)
    header = [column_name(name) for name in first or []]
    later = [next(csv.reader([line], delimiter=delimiter), []) for line in head[1:] if line.strip()]
    width = len(first or []) - (first[-1:] == [""] if first else 0)  # `a|b|`: a separator ends each line
    data_first = bool(columns) and first is not None and width == len(columns or []) and \
        is_data_line(first, later) and header != [column_name(c) for c in columns or []][:len(header)]
    if data_first:  # no header line: the first line is data
        header = [column_name(c) for c in columns or []]
        yield from csv_rows(header, [first])
    yield from csv_rows(header, reader)


def read_zip(path: str, spec: dict):
    """The records of every data file in a zip archive (`data_members`). A member's name (`electricity` of
    `electricity.csv`) fills the table's `member_column`."""
    with zipfile.ZipFile(path) as archive:
        for member in data_members(archive):
            base = member.rsplit("/", 1)[-1]
            data = archive.read(member)
            handle = io.StringIO(data.decode(bytes_encoding(data[:65536]), errors="replace"), newline="")
            if base.lower().endswith((".jsonl", ".ndjson")):
                records = list(json_lines(handle, f"{path}:{member}"))
            elif base.lower().endswith(".json"):
                records = json_records(handle)
            else:
                records = list(read_csv_text(handle, spec.get("delimiter", ""), spec.get("columns")))
            for record in records:
                if spec.get("member_column") and isinstance(record, dict):
                    record[spec["member_column"]] = os.path.splitext(base)[0]
                yield record


def data_members(archive):
    """A zip archive's data files, in name order: no folders, macOS resource forks (`__MACOSX/._x.csv`) or
    hidden files."""
    names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] and not n.startswith("__MACOSX/")
             and not n.rsplit("/", 1)[-1].startswith(".")]
    return sorted(names, key=natural_order)


def read_fixed(path: str, columns: list, positions: list):
    """The rows of a fixed-width file: each column cut at its positions (from 1) and stripped. Header and
    trailer records (`HDR20240901...`, `TRL000085`) leave most columns blank and are not data."""
    names = [column_name(c) for c in columns]
    with open_text(path) as handle:
        for line in handle:
            values = [line.rstrip("\r\n")[first - 1:last].strip() for first, last in positions]
            if sum(1 for value in values if value) * 2 > len(values):
                yield dict(zip(names, values, strict=True))


def is_data_line(values: list, later: list | None = None):
    """A first line that holds data, not a header: a field is empty or a number (headers name columns),
    or each field has the shape its column's values have in the LATER lines (`A1` among `A2`, `A7`)."""
    if any(not v.strip() or re.fullmatch(r"[-+]?\d[\d.,:/\- ]*", v.strip()) for v in values):
        return True
    shapes = [{value_shape(line[i]) for line in later or [] if i < len(line)} for i in range(len(values))]
    return bool(later) and all(value_shape(v) in shape for v, shape in zip(values, shapes, strict=True))


def value_shape(value: str):
    """A value's shape: letters, digits and the rest, each run as one mark (`A-17` -> `a-9`)."""
    return re.sub(r"([a9])\1+", r"\1", re.sub(r"\d", "9", re.sub(r"[^\W\d_]", "a", value.strip())))


def csv_rows(header: list, lines):
    """Data lines as records: blank lines, a closing summary row, lines of one field in a wide file
    (`Généré le 03/09/2024;;;;;;;`) and records of half the header's fields or fewer in a file of four
    columns or more (a trailer, `TRAILER|000112|48213.50`) skipped, padding stripped."""
    for values in lines:
        filled = sum(1 for value in values if value.strip())
        short = len(header) >= 4 and len(values) * 2 <= len(header)
        if filled and not (filled == 1 and len(header) >= 3) and not short and not is_summary(values):
            yield dict(zip(header, (value.strip() for value in values), strict=False))


def separator_score(lines: list, delimiter: str):
    """How surely a character separates fields: on every line (a header too), then on most of them."""
    counts = sorted(line.count(delimiter) for line in lines if line.strip()) or [0]
    return counts[0], counts[len(counts) // 2]


def is_summary(values: list):
    """A totals line under the data: its first field says so and some fields are left empty."""
    filled = [value.strip() for value in values if value.strip()]
    return bool(filled) and values[0].strip().lower().rstrip(":") in ("total", "totals", "grand total", "sum") \
        and len(filled) < len(values)


def read_json_lines(path: str):
    """One JSON object per line; blank lines are skipped."""
    with open_text(path) as handle:
        yield from json_lines(handle, path)


def json_lines(handle, label: str):
    """The JSON objects of an open text, one per line (a file's, or a zip member's, named `label`)."""
    for number, line in enumerate(handle, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except ValueError as exc:
                raise RuntimeError(f"{label}:{number}: not a JSON line ({exc})") from exc


def read_json(path: str):
    """A JSON file holding a list of records (or an object with one list in it)."""
    with open_text(path) as handle:
        data = json_records(handle)
    yield from data


def json_records(handle):
    """The records of an open JSON text: its list, or the one list an object holds beside a few other
    values (a count, a date: a wrapper), else the object itself (one document per file, whose list is
    a child table's rows)."""
    data = json.load(handle)
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        data = lists[0] if len(lists) == 1 and len(data) <= 4 else [data]
    return data


def read_file(path: str, spec: dict):
    """The records of one file, in the table's format."""
    fmt = spec.get("format", "csv")
    if path.endswith(".zip"):
        return read_zip(path, spec)
    if fmt == "fixed":
        return read_fixed(path, spec.get("columns") or [], spec.get("positions") or [])
    if fmt == "csv":
        return read_csv(path, spec.get("delimiter", ""), spec.get("columns"))
    return read_json_lines(path) if fmt == "jsonl" else read_json(path)


def flatten(record: dict):
    """Nested objects become `parent_child` columns and lists JSON strings."""
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


def matching_files(folder: str, spec: dict):
    """The table's files in the folder, in natural order; one table may gather several kinds of file
    (`*.jsonl|*.ndjson`), each also gzipped. A pattern starting `**/` matches in every folder below,
    and the names are then paths relative to the folder (`2024/07/01/09.jsonl.gz`)."""
    patterns = [glob for pattern in spec["files"].split("|") for glob in (pattern, pattern + ".gz")]
    if os.path.isfile(folder):  # the configuration names one file: the table's only file
        return [os.path.basename(folder)]
    if not os.path.isdir(folder):
        return []
    if any(glob.startswith("**/") for glob in patterns):
        names = [os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
                 for root, _, files in os.walk(folder) for name in files if not name.startswith(".")]
        found = [name for name in names if any(fnmatch.fnmatch(name.rsplit("/", 1)[-1], glob.removeprefix("**/"))
                                               for glob in patterns)]
    else:
        found = [name for name in os.listdir(folder) if any(fnmatch.fnmatch(name, glob) for glob in patterns)]
    marker = spec.get("ready", "")
    if marker and marker_suffix(folder) != marker:
        marker = ""  # the folder shows no such markers (none at all, or temporary files renamed when done)
    ready = []
    for name in sorted(found, key=natural_order):
        if marker and name.endswith(marker):
            continue  # the marker itself is no data
        if not is_ready(folder, name, marker):
            break  # files are taken in order: one still being written holds back the later ones
        ready.append(name)
    return ready


MARKER_BYTES = 4096
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".gz", ".zip", ".xml", ".parquet", ".db")


def marker_suffix(folder: str):
    """The suffix of marker files in a folder: every file with it shares its stem with a data file of
    another suffix (`CUST_20240701.CTL` beside `CUST_20240701.DAT`, `x.csv.done` beside `x.csv`) and is
    small. "" if there is none."""
    names = [n for n in os.listdir(folder) if os.path.isfile(os.path.join(folder, n)) and not n.startswith(".")]
    sizes = {n: os.path.getsize(os.path.join(folder, n)) for n in names}
    suffixes = {os.path.splitext(n)[1] for n in names}
    found = []
    for suffix in suffixes:
        if not suffix or suffix.lower() in DATA_SUFFIXES or len(suffixes) < 2:
            continue
        others = [n for n in names if not n.endswith(suffix)]
        stems = {os.path.splitext(n[:-3] if n.endswith(".gz") else n)[0] for n in others} | set(others)
        marked = [n for n in names if n.endswith(suffix)]
        if all(n[:-len(suffix)] in stems and sizes[n] <= MARKER_BYTES for n in marked):
            found.append((sum(sizes[n] for n in marked) / len(marked), suffix))
    average = sum(sizes.values()) / max(len(sizes), 1)
    smallest = min(found, default=(0.0, ""))
    return smallest[1] if smallest[1] and smallest[0] < average else ""  # markers are the small ones


def is_ready(folder: str, name: str, marker: str):
    """A data file may be read once its marker file exists (`CUST_20240701.CTL` beside `CUST_20240701.DAT`,
    or `x.csv.done`): the producer writes the marker when the file is complete."""
    if not marker:
        return True
    stem = os.path.splitext(name[:-3] if name.endswith(".gz") else name)[0]
    return any(os.path.exists(os.path.join(folder, base + marker)) for base in (stem, name))


def routed(record: dict, spec: dict):
    """The table's records in one line of a file: none when its ROUTE fields do not match (an event of
    another type), else the record at `records` inside it (one, or each of a list), else the line."""
    for field, glob in (spec.get("route") or {}).items():
        if not fnmatch.fnmatch(str(value_in(record, field)), glob):
            return []
    inner = value_in(record, spec["records"]) if spec.get("records") else record
    if isinstance(inner, list):
        return [item for item in inner if isinstance(item, dict)]
    return [inner] if isinstance(inner, dict) else []


def value_in(record, path: str):
    """The value at a dotted path of a record, or None."""
    for part in path.split("."):
        record = record.get(part) if isinstance(record, dict) else None
    return record


def name_part(name: str, pattern: str):
    """The part of a file's name its table's pattern leaves open: `S01_20240902` of `count_S01_20240902.txt`
    for `count_*.txt`."""
    for glob in pattern.split("|"):
        fixed, _, tail = glob.partition("*")
        base = name[:-3] if name.endswith(".gz") else name
        if base.startswith(fixed) and base.endswith(tail) and len(base) > len(fixed) + len(tail):
            return base[len(fixed):len(base) - len(tail)]
    return name


def natural_order(name: str):
    """File names in the order their numbers count (`page_10` after `page_9`), so later files win."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def sync_files(configuration: dict, table: str, spec: dict, state: dict):
    """
    Upsert the rows of every file matching the table's pattern that is new or changed since the last sync.
    Each file's modification time is kept in state under its name, and a checkpoint follows each file,
    so a finished file is never read again unless it changes.
    """
    configured = location(configuration)
    if not os.path.exists(configured):
        raise RuntimeError(f"Configured folder does not exist: {configured}")
    folder = folder_of(configured)
    table_state = state.setdefault(table, {})
    seen = table_state.setdefault("files", {})
    pending = []
    for name in matching_files(configured, spec):
        modified = os.path.getmtime(os.path.join(folder, name))
        if seen.get(name) != modified:
            pending.append((name, modified))
    count = 0
    specs = table_specs(configuration)
    children = {name: {**child, "children": {n: c for n, c in specs.items()
                                            if (c.get("parent") or {}).get("table") == name}}
                for name, child in specs.items() if (child.get("parent") or {}).get("table") == table}
    for name, modified in pending:
        keys = set()
        records = (record for line in read_file(os.path.join(folder, name), spec) for record in routed(line, spec))
        for number, record in enumerate(records, 1):
            if spec["primary_key"] == LINE_KEY:  # rows that repeat whole: each record of each file is one
                record = {**flatten(record), "source_file": name, "source_line": number}
            keys.add(write_record(table, spec, name, record, children))
            count += 1
        if spec.get("snapshot") and spec["primary_key"]:
            delete_missing(table, spec, table_state.setdefault("keys", {}), name, keys)
        seen[name] = modified
        # Checkpoint after each file, so a failure never re-reads a finished file.
        op.checkpoint(state=state)
    log.info(f"{table}: {count} rows from {len(pending)} new or changed file(s)")


def write_record(table: str, spec: dict, name: str, record: dict, children: dict):
    """Upsert one record of a file (and its child rows), or delete it when its deleted column marks it;
    returns its key, for snapshot deletes."""
    row = flatten(record)
    row.update(folder_values(name, spec.get("folder_columns") or []))
    if spec.get("name_column"):  # what only the file's name says (a store, a date) is part of the row
        row[spec["name_column"]] = name_part(name, spec["files"])
    parts = [p for p in re.split(r"[_\-]", name_part(name, spec["files"])) if p] if spec.get("name_columns") else []
    if parts and len(parts) == len(spec["name_columns"]):  # `LIS01_20241014`: store_code, business_date
        row.update({column: as_date(part) for column, part in zip(spec["name_columns"], parts, strict=True)})
    if spec.get("deleted_column") and is_deleted(row.get(spec["deleted_column"]), spec.get("deleted_value", "")):
        # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys={key: row.get(key) for key in spec["primary_key"]})
        return json.dumps([row.get(k) for k in spec["primary_key"]], default=str)
    # The upsert inserts the row, or updates it if its primary key is already in the destination.
    op.upsert(table=table, data=row)
    for child, child_spec in children.items():
        upsert_items(child, child_spec, record, row)
    return json.dumps([row.get(k) for k in spec["primary_key"]], default=str)


def as_date(part: str):
    """`20241014` -> `2024-10-14`: eight digits that make a date, as a date; any other part as it is."""
    if re.fullmatch(r"(19|20)\d{6}", part):
        try:
            return date(int(part[:4]), int(part[4:6]), int(part[6:])).isoformat()
        except ValueError:
            return part
    return part


def upsert_items(table: str, spec: dict, record: dict, parent_row: dict):
    """A child table's rows: the items of the parent record's array, each with the parent's key
    columns and its position in the array (the rest of its key); an item that is itself a list
    (`["MAD3", 3]`) gives a column per position. Its own children (`children`) follow each item."""
    link = spec["parent"]
    items = record.get(link["array"]) if isinstance(record, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, list):
            item = {f"value_{position}": value for position, value in enumerate(item, 1)}
        row = flatten(item if isinstance(item, dict) else {"value": item})
        row.update({column: parent_row.get(field) for field, column in link["keys"].items()}, index=index)
        op.upsert(table=table, data=row)
        for child, child_spec in (spec.get("children") or {}).items():
            upsert_items(child, child_spec, item if isinstance(item, dict) else {}, row)


def folder_values(name: str, columns: list):
    """The values a file's folders hold, matched to `columns` in order (none if they differ in number)."""
    values = folder_parts(name)
    return dict(zip(columns, values, strict=False)) if len(values) == len(columns) else {}


def folder_parts(name: str):
    """The values of the folders a file lies in (`emea/2024/09/01/orders_001.json`): one per folder, three
    folders of a year, a month and a day making one date."""
    parts = name.replace(os.sep, "/").split("/")[:-1]
    values, index = [], 0
    while index < len(parts):
        three = parts[index:index + 3]
        if len(three) == 3 and re.fullmatch(r"(19|20)\d\d/\d\d?/\d\d?", "/".join(three)):
            values.append("-".join([three[0], three[1].zfill(2), three[2].zfill(2)]))
            index += 3
        else:
            values.append(parts[index])
            index += 1
    return values


def delete_missing(table: str, spec: dict, known: dict, name: str, keys: set):
    """A file that is rewritten whole (a snapshot): keys its previous version had and this one lacks
    were deleted at the source, so they are deleted here too. Each file's keys are kept in state."""
    for gone in set(known.get(name, [])) - keys:
        values = json.loads(gone)
        # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys=dict(zip(spec["primary_key"], values, strict=True)))
    known[name] = sorted(keys)


# Column names that look like keys: `id`, `customer_id`, `Kunden-Nr` -> kunden_nr, `plan_code`.
ID_LIKE = re.compile(r"^(id|uuid|key|sku|code|slug|isbn|ean|gtin|upc|asin)$|"
                     r"(_id|_no|_nr|_num|_number|_code|_key|_uuid)$")


def choose_key(table: str, rows: list):
    """A key the rows support: `<table>_id`, `id`, then any id-like column unique in these rows; none
    (rows keyed by a hash of their values) when no column is."""
    flat = [flatten(row) for row in rows if isinstance(row, dict)]
    columns = list(flat[0]) if flat else []
    own = singular(column_name(table)) + "_id"
    def unique(key):
        values = [tuple(str(row.get(c)) for c in key) for row in flat]
        return all(row.get(c) not in (None, "") for row in flat for c in key) and len(set(values)) == len(values)

    for column in sorted((c for c in columns if ID_LIKE.search(c)), key=lambda c: (c != own, c != "id")):
        if unique([column]):
            return [column]
    if len(flat) >= 10:  # keys come first: the leftmost pair (or triple) of columns the rows never repeat
        parts = [c for c in columns[:6] if not any(is_measure(row.get(c)) for row in flat)]
        pairs = [[a, b] for i, a in enumerate(parts[:4]) for b in parts[i + 1:]]
        triples = [[a, b, c] for i, a in enumerate(parts[:4]) for j, b in enumerate(parts[i + 1:], i + 1)
                   for c in parts[j + 1:]]
        counted = [c for c in parts if all(is_count(row.get(c)) for row in flat)]  # battery, on_hand: a measure too
        ranked = sorted(pairs, key=lambda k: sum(c in counted for c in k)) + \
            sorted(triples, key=lambda k: sum(c in counted for c in k))
        return next((key for key in ranked if unique(key)), [])
    return []


# The key of rows that repeat whole (two identical bookings are two bookings): the file and the record's place in it
LINE_KEY = ["source_file", "source_line"]


def key_of_rows(table: str, rows: list):
    """choose_key's key; else, when some rows repeat whole, the file and line (a hash of the values, Fivetran's
    default, would merge them); else none."""
    key = choose_key(table, rows)
    whole = [json.dumps(flatten(row), sort_keys=True, default=str) for row in rows if isinstance(row, dict)]
    return key or (LINE_KEY if len(set(whole)) < len(whole) else [])


def is_measure(value):
    """A value with a fraction (71.3, "4,5"): a measurement, never part of a key."""
    return isinstance(value, (float, Decimal)) or (isinstance(value, str) and
                                                   bool(re.fullmatch(r"-?\d+[.,]\d+", value.strip())))


def is_count(value):
    """A whole number that is not an id: a count or level, a key part only when nothing else will do."""
    return isinstance(value, int) and not isinstance(value, bool) or \
        (isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 4)


def first_rows(configuration: dict, spec: dict, limit: int = 1000):
    """The first rows of the table's first file that has any (records of one type may start later), to find
    its key from: rows of one file, since a record may repeat, updated, in a later file."""
    configured = location(configuration)
    folder = folder_of(configured)
    rows: list = []
    for name in matching_files(configured, spec):
        for line in read_file(os.path.join(folder, name), spec):
            rows += routed(line, spec)
            if len(rows) >= limit:
                return rows[:limit]
        if rows:
            return rows
    return rows


# --- databases --------------------------------------------------------------------------------------------


def database_files(configuration: dict):
    """The database files to read: the configured file, or with DATABASES every file of the folder
    that matches it, in natural order (`store_9.db` before `store_10.db`)."""
    path = location(configuration)
    if not DATABASES:
        return [path]
    if not os.path.isdir(path):
        raise RuntimeError(f"Configured folder does not exist: {path}")
    names = [n for n in os.listdir(path) if fnmatch.fnmatch(n, DATABASES) and os.path.isfile(os.path.join(path, n))]
    if not names:
        raise RuntimeError(f"No database files matching {DATABASES} in {path}")
    return [os.path.join(path, n) for n in sorted(names, key=natural_order)]


def file_label(path: str):
    """What tells one database file from the others: the part of its name the pattern's `*` matched
    (`store_014.db` for `store_*.db` -> `014`), else the name without its extension."""
    return name_part(os.path.basename(path).split(".")[0], DATABASES.split("*")[0] + "*")


def connect(configuration: dict, path: str = ""):
    """A read-only connection to a database file (the first one, when none is named) through the DB-API
    driver the spec names."""
    path = path or database_files(configuration)[0]
    if not os.path.isfile(path):
        raise RuntimeError(f"Configured database file does not exist: {path}")
    if DRIVER == "duckdb":
        import duckdb

        return duckdb.connect(path, read_only=True)
    import sqlite3

    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def quoted(name: str):
    """A table or column name as an SQL identifier, whatever characters it holds."""
    return '"' + str(name).replace('"', '""') + '"'


def table_sql(name: str):
    """A table as SQL: `erp.shipments` (a DuckDB table outside the default schema) is schema and table."""
    if DRIVER == "duckdb" and "." in str(name):
        schema, table = str(name).split(".", 1)
        return quoted(schema) + "." + quoted(table)
    return quoted(name)


def read_catalog(connection):
    """The database's own tables: {table: {"columns": [...], "key": [...]}}, from sqlite_master and
    PRAGMA table_info (virtual tables such as full-text indexes left out, with their shadow tables), or
    from DuckDB's information schema and constraints (every schema; a table outside the default one is
    named `schema.table`)."""
    catalog = {}
    if DRIVER == "duckdb":
        names = connection.execute(
            "SELECT table_schema, table_name, table_schema = current_schema() FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema NOT IN ('information_schema', 'pg_catalog') "
            "ORDER BY 3 DESC, 1, 2").fetchall()
        for schema, name, default in names:
            columns = connection.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                                         "AND table_name = ? ORDER BY ordinal_position", [schema, name]).fetchall()
            keys = connection.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = ? "
                                      "AND table_name = ? AND constraint_type = 'PRIMARY KEY'",
                                      [schema, name]).fetchall()
            catalog[name if default else f"{schema}.{name}"] = {"columns": [c[0] for c in columns],
                                                                 "key": list(keys[0][0]) if keys else []}
        return catalog
    names = connection.execute("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name "
                               "NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    virtual = [name for name, _, sql in names if str(sql or "").upper().startswith("CREATE VIRTUAL")]
    for name, kind, _ in names:
        if any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue  # a full-text index and the tables SQLite keeps for it: derived, never data of its own
        info = connection.execute(f"PRAGMA table_info({quoted(name)})").fetchall()
        key = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
        catalog[name] = {"columns": [row[1] for row in info], "key": key, "view": kind == "view"}
    return catalog


def singular(word: str):
    for plural, one in (("ies", "y"), ("sses", "ss"), ("ses", "s"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return word[: -len(plural)] + one
    return word


def in_schemas(names: list, words: list, unwanted: tuple | list = ()):
    """The tables of the schemas the words name (`erp` -> erp.shipments), else those of the default schema
    (names without a dot), else all."""
    asked = {n.split(".", 1)[0].lower() for n in names if "." in n} & {str(w).lower() for w in words}
    asked -= {str(w).lower() for w in unwanted}
    if asked:
        return [n for n in names if "." in n and n.split(".", 1)[0].lower() in asked]
    return [n for n in names if "." not in n] or list(names)


def prefixed(names: list):
    """With STRIP_PREFIX, the tables that carry it (the ones the request speaks of), if any do."""
    carrying = [n for n in names if STRIP_PREFIX and n.rsplit(".", 1)[-1].lower().startswith(STRIP_PREFIX.lower())]
    return carrying or names


def not_declined(names: list):
    """The tables left when those with a part of their name the request turned down (SKIP_PARTS) go."""
    kept = [n for n in names if not set(SKIP_PARTS) & set(n.rsplit(".", 1)[-1].lower().split("_"))]
    return kept or names


def destination(name: str):
    """The name a table lands under: the one the request gives it, else its own without STRIP_PREFIX."""
    given = {str(k).lower(): v for k, v in RENAMES.items()}
    if name.lower() in given:
        return given[name.lower()]
    if STRIP_PREFIX and name.lower().startswith(STRIP_PREFIX.lower()) and len(name) > len(STRIP_PREFIX):
        return name[len(STRIP_PREFIX):]
    return name


def wanted_tables(words: list, names: list):
    """The tables the words name: exactly (`customers` -> customer) or as a part of the table's name
    (`orders` -> sales_order); every table when the words name none. A schema the words name
    (`the erp schema`) holds the tables wanted, over same-named ones elsewhere."""
    names = in_schemas(names, words)
    chosen = set()
    for word in words:
        one = singular(str(word).lower())
        exact = [n for n in names if singular(n.lower().split(".")[-1]) == one]
        loose = [n for n in names if one in [singular(part) for part in re.split(r"[^a-z0-9]+", n.lower())]
                 or singular(n.lower()).endswith("_" + one)]  # `daily_pageviews` -> the view v_daily_pageviews
        chosen.update(exact or loose)
    return [n for n in names if n in chosen] or list(names)


def table_specs(configuration: dict):
    """
    The tables to sync. With CATALOG "match" they come from the database itself when the connector
    runs: the tables WORDS name, each keyed by the stated key if it has those columns, else by its own
    primary key, with the listed table's cursor and deleted columns where the table has them.
    """
    if CATALOG != "match":
        return file_keys(configuration) if any(spec.get("find_key") for spec in TABLES.values()) else TABLES
    template = next(iter(TABLES.values()))
    connection = connect(configuration)
    try:
        catalog = read_catalog(connection)
    finally:
        connection.close()
    tables = {}
    for source in not_declined(wanted_tables(WORDS, prefixed(list(catalog)))):
        columns = catalog[source]["columns"]
        stated = [key for key in template.get("primary_key", []) if key in columns]
        key = stated if stated and len(stated) == len(template["primary_key"]) else catalog[source]["key"]
        if not catalog[source]["key"] and (GRAINS or not key):
            key = key_in_rows(configuration, source, columns) or key
        # erp.shipments -> shipments, unless taken; `ContactPersons` -> contact_persons, as the destination names it
        name = column_name(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", destination(source.rsplit(".", 1)[-1])))
        cursor = template.get("cursor_column") if template.get("cursor_column") in columns else ""
        primary_key = ([SOURCE_COLUMN] if DATABASES else []) + (key or (["id"] if "id" in columns else []))
        tables[column_name(source) if name in tables else name] = {
            "source_table": source, "primary_key": primary_key, "cursor_column": cursor,
            "deleted_column": template.get("deleted_column") if template.get("deleted_column") in columns else "",
            "snapshot": bool(template.get("snapshot") and not cursor and primary_key)}  # read whole: keep its keys
    for name, spec in TABLES.items():  # a stated table made of a JSON array column of a table found here
        link = spec.get("parent") or {}
        parent = tables.get(link.get("table"))
        if name not in tables and parent and link.get("array") in catalog[parent["source_table"]]["columns"] and \
                link["array"] not in parent["primary_key"] and not ID_LIKE.search(link["array"]):
            keys = child_columns(link["table"], parent["primary_key"])
            tables[name] = {"source_table": "", "primary_key": [*keys.values(), "index"],
                            "parent": {**link, "keys": keys}}
    return tables


def column_for(word: str, columns: list):
    """The column a word of the request names: itself, or `<word>_id`, `<word>_code`, `<word>_no` (`student`
    -> `student_id`), singular or plural alike, else the only column with the word in its name."""
    one = singular(str(word).lower())
    for column in columns:
        if str(column).lower() in (str(word).lower(), one, f"{one}_id", f"{one}id", f"{one}_code", f"{one}_no"):
            return column
    # else the one column that has the word as a part of its name (`channel` -> `sales_channel`); a day is
    # named by its date (`day` -> `spend_date`)
    parts = {one, "date", "day", "dt"} if one in ("day", "date") else {one}
    holding = [c for c in columns if parts & set(str(c).lower().split("_"))]
    return holding[0] if len(holding) == 1 else ""


def key_in_rows(configuration: dict, source: str, columns: list):
    """A key for a table that declares none: the first stated grain whose words all name columns that the
    table's first rows hold uniquely, else what choose_key finds in those rows."""
    connection = connect(configuration)
    try:
        rows = sample_rows(connection, source)
    finally:
        connection.close()
    return first_unique(rows, [[column_for(word, columns) for word in words] for words in GRAINS]) or \
        choose_key(source, rows)


def sample_rows(connection, source: str, limit: int = 5000):
    """A table's first rows as dicts, to find its key from."""
    cursor = connection.execute(f"SELECT * FROM {table_sql(source)} LIMIT {int(limit)}")
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def first_unique(rows: list, candidates: list):
    """The first candidate key whose columns all exist and whose values the rows never leave empty or
    repeat; [] when none does (or there are no rows)."""
    for key in candidates:
        values = [tuple(row.get(c) for c in key) for row in rows]
        if rows and key and all(key) and all(None not in v for v in values) and len(set(values)) == len(values):
            return key
    return []


FOUND: dict = {}  # the tables with the keys their files support, found once per run


def child_columns(parent: str, keys: list):
    """The columns that carry a parent's key in its child rows: `event_id` stays, `id` of `orders` is `order_id`."""
    stem = singular(parent)
    return {key: key if key.startswith(f"{stem}_") else f"{stem}_{key}" for key in keys}


def file_keys(configuration: dict):
    """The file tables, those whose key the request left open (`find_key`) keyed by their first file."""
    if FOUND.get("tables") is None:
        tables = {name: dict(spec) for name, spec in TABLES.items()}
        for name, spec in tables.items():
            if spec.get("find_key") and spec.get("files"):
                spec["primary_key"] = key_of_rows(name, first_rows(configuration, spec))
                log.info(f"{name}: primary key {spec['primary_key'] or 'none (rows keyed by a hash)'} from the data")
        for spec in tables.values():
            link = spec.get("parent")
            parent = tables.get((link or {}).get("table"), {})
            if link and parent.get("find_key"):  # the child carries the key its parent turned out to have
                spec["parent"] = dict(link, keys=child_columns(link["table"], parent["primary_key"]))
                spec["primary_key"] = [*spec["parent"]["keys"].values(), "index"] if parent["primary_key"] else []
        FOUND["tables"] = tables
    return FOUND["tables"]


def select(spec: dict, cursor):
    """The query for one table: everything, or the rows at or after the saved cursor, in cursor order."""
    # A table without a key is keyed by SQLite's rowid, so identical rows stay separate rows.
    rowid = "rowid AS source_rowid, " if "source_rowid" in spec.get("primary_key", []) else ""
    sql = f"SELECT {rowid}* FROM {table_sql(spec['source_table'])}"
    params = []
    column = spec.get("cursor_column")
    if column:
        if cursor is not None:
            sql += f" WHERE {quoted(column)} >= ?"  # >=: rows written later in the cursor's last second are kept
            params.append(cursor)
        sql += f" ORDER BY {quoted(column)}"
    return sql, params


def is_deleted(value, marker: str = ""):
    """A deleted-column value that marks the row deleted: a timestamp, true, 1, "yes"; or, for a status
    column, the one value the source uses for deleted records (`D`)."""
    if value is None or value is False:
        return False
    if marker:
        return str(value).strip().lower() == marker.lower()
    return str(value).strip().lower() not in ("", "0", "false", "no", "n", "f")


def sync_query(connection, table: str, spec: dict, state: dict, label: str = "", children: dict | None = None,
               label_column: str = ""):
    """
    Upsert the rows of one database table in batches (fetchmany), ordered by the cursor column,
    so memory stays flat and the next sync resumes from the last cursor value saved in state.
    Rows the deleted column marks become deletes; a table read whole (`snapshot`) keeps its keys in
    state, and a key that is no longer there becomes a delete. With `label` (one file of a folder of databases,
    or one schema) every row carries it in SOURCE_COLUMN (or `label_column`), and the cursor is kept per label.
    """
    table_state = state.setdefault(table, {})
    if label:
        table_state = table_state.setdefault("files", {}).setdefault(label, {})
    sql, params = select(spec, table_state.get("cursor"))
    rows = connection.cursor()
    rows.execute(sql, params)
    names = [column[0] for column in rows.description]
    count = 0
    seen = set()
    while True:
        batch = rows.fetchmany(BATCH_SIZE)
        if not batch:
            break
        for values in batch:
            row = {name: to_value(value) for name, value in zip(names, values, strict=True)}
            if label:
                row[label_column or SOURCE_COLUMN] = label
            if spec.get("snapshot"):
                seen.add(json.dumps([row.get(k) for k in spec["primary_key"]], default=str))
            deleted = bool(spec.get("deleted_column")) and is_deleted(row.get(spec["deleted_column"]),
                                                                             spec.get("deleted_value", ""))
            if deleted:
                # The delete marks the row with these primary-key values as deleted (_fivetran_deleted = true).
                op.delete(table=table, keys={key: row[key] for key in spec["primary_key"]})
            else:
                # The upsert inserts the row, or updates it if its primary key is already in the destination.
                op.upsert(table=table, data=row)
            for child, child_spec in (children or {}).items():
                sync_json_items(child, child_spec, row, deleted, table_state.setdefault("items", {}))
            count += 1
            if spec.get("cursor_column"):
                table_state["cursor"] = row[spec["cursor_column"]]
        # Checkpoint after each batch: committed rows are not read again after an interruption.
        op.checkpoint(state=state)
    if spec.get("snapshot") and spec["primary_key"]:  # read whole: a key the last sync saw and this one lacks is gone
        delete_missing(table, spec, table_state.setdefault("keys", {}), label or "rows", seen)
        op.checkpoint(state=state)
    log.info(f"{table}: {count} rows")


def sync_json_items(table: str, spec: dict, row: dict, deleted: bool, counts: dict):
    """
    A child table made of a JSON array in a column of the parent row: upsert each element with the
    parent's key and its position. How many elements each parent had is kept in state, so positions
    an edit removed, and every element of a deleted parent, are deleted too.
    """
    link = spec["parent"]
    items = row.get(link["array"])
    if isinstance(items, str):
        try:
            items = json.loads(items)
        except ValueError:
            items = []
    items = items if isinstance(items, list) and not deleted else []
    parent_keys = {column: row.get(field) for field, column in link["keys"].items()}
    known = counts.setdefault(table, {})
    key = json.dumps(list(parent_keys.values()), default=str)
    upsert_items(table, spec, {link["array"]: items}, row)
    for index in range(len(items), max(known.get(key, 0), len(items))):
        # The delete marks the element at this position as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys={**parent_keys, "index": index})
    known[key] = len(items)


def sync_deletion_log(connection, table: str, spec: dict, state: dict):
    """
    Delete the rows the source's deletion log names (a trigger's tombstones: the deleted row's key and a
    growing sequence), reading only the entries after the last one seen, which is kept in state.
    """
    deletions = spec["deletion_log"]
    table_state = state.setdefault(table, {})
    order = quoted(deletions["order_column"])
    sql = f"SELECT {quoted(deletions['key_column'])}, {order} FROM {table_sql(deletions['table'])}"
    params = []
    if table_state.get("deleted_upto") is not None:
        sql += f" WHERE {order} > ?"
        params.append(table_state["deleted_upto"])
    count = 0
    for key, position in connection.execute(sql + f" ORDER BY {order}", params).fetchall():
        # The delete marks the row with this primary key as deleted (_fivetran_deleted = true).
        op.delete(table=table, keys={spec["primary_key"][0]: to_value(key)})
        table_state["deleted_upto"] = to_value(position)
        count += 1
    op.checkpoint(state=state)
    log.info(f"{table}: {count} deletes from {deletions['table']}")


def sync_all(configuration: dict, state: dict):
    """Every table in turn, from the files or the database the configuration names."""
    if any(spec.get("files") for spec in TABLES.values()):
        for table, spec in table_specs(configuration).items():
            if spec.get("files"):  # a child table is read with its parent's files
                sync_files(configuration, table, spec, state)
        return
    tables = table_specs(configuration)
    for path in database_files(configuration):
        connection = connect(configuration, path)
        try:
            for table, spec in tables.items():
                if spec.get("parent"):
                    continue  # rows of a JSON array in its parent's column: written with the parent's rows
                children = {name: child for name, child in tables.items()
                            if (child.get("parent") or {}).get("table") == table}
                if spec.get("schemas"):  # the same table in several schemas: each row says which
                    for schema in spec["schemas"]:
                        one = {**spec, "source_table": f"{schema}.{spec['source_table'].rsplit('.', 1)[-1]}"}
                        sync_query(connection, table, one, state, schema, children, spec["schema_column"])
                    continue
                sync_query(connection, table, spec, state, file_label(path) if DATABASES else "", children)
                if spec.get("deletion_log") and not DATABASES:
                    sync_deletion_log(connection, table, spec, state)
        finally:
            connection.close()
