"""What a folder's files show about themselves, and the layouts a request writes for files without a header.

Read from the structure of the files (a suffix whose files only mark others complete, delimited text under
any suffix, a first line that is data) and of the request (numbered column lists, a code legend such as
`D = deleted`), never from a wording.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

DELIMITERS = ",;\t|"
# Data files by suffix, and the format each is read in
SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


def _lines(path: Path, count: int = 20) -> list[str]:
    from assistant.connector.blocks.local import open_text

    try:
        with open_text(str(path)) as handle:
            return [line for _, line in zip(range(count), handle, strict=False) if line.strip()]
    except (OSError, UnicodeError, EOFError):
        return []


def delimited(path: Path) -> bool:
    """Delimited text whatever the suffix (`.DAT`, `.out`): a separator on every line, as often on each."""
    lines = _lines(path)
    if not lines or any("\x00" in line for line in lines):
        return False
    return any(len({line.count(d) for line in lines}) == 1 and lines[0].count(d) >= 1 for d in DELIMITERS)


def headerless(path: Path) -> bool:
    """The first line is data, not a header (see `blocks.local.is_data_line`)."""
    from assistant.connector.blocks.local import is_data_line

    lines = _lines(path, 20)
    if not lines:
        return False
    delimiter = max(DELIMITERS, key=lines[0].count)
    rows = [next(csv.reader([line], delimiter=delimiter), []) for line in lines]
    return is_data_line(rows[0], rows[1:])


def first_row(path: Path) -> list[str]:
    """The cells of the first record, which a quoted line break may carry over several lines."""
    lines = _lines(path, 20)
    if not lines:
        return []
    delimiter = max(DELIMITERS, key=lines[0].count)
    try:
        return next(csv.reader(io.StringIO("".join(lines), newline=""), delimiter=delimiter), [])
    except csv.Error:  # stray carriage returns: the first line alone
        return next(csv.reader([lines[0].rstrip("\r\n")], delimiter=delimiter), [])


def field_count(path: Path) -> int:
    """The fields of a record, less the empty one a separator at the end of every line leaves (`a|b|`)."""
    lines = _lines(path, 5)
    if not lines:
        return 0
    delimiter = max(DELIMITERS, key=lines[0].count)
    trailing = all(line.rstrip("\r\n").endswith(delimiter) for line in lines)
    return len(first_row(path)) - trailing


NUMBERED = re.compile(r"(?<![\w.\-])(\d{1,3})[.):]?\s+`?([A-Za-z_][\w]*)`?")


def numbered_lists(text: str) -> list[tuple[int, list[str]]]:
    """Column lists the request numbers (`1 CUST_NO (key) | 2 CUST_NAME | 3 CITY`, `1. id` per line):
    (where the list starts, the names in order). Each list runs 1, 2, 3 ... with at most 200 characters
    between one entry and the next; numbers out of the run (`ISO 3166-1`) are passed over."""
    found = list(NUMBERED.finditer(text))
    out = []
    for index, start in enumerate(found):
        if start.group(1) != "1":
            continue
        names, last = [start.group(2)], start
        for match in found[index + 1:]:
            if match.start() - last.end() > 200 or match.group(1) == "1":  # far away, or the next list
                break
            if int(match.group(1)) == len(names) + 1:
                names.append(match.group(2))
                last = match
        if len(names) > 1:
            out.append((start.start(), names))
    return out


def layout_for(text: str, stem: str, count: int) -> list[str]:
    """The column names the request lists for files of a stem (`CUST` in `CUST_20240701.DAT`) that have
    `count` fields (0: not known): the numbered list written after the stem on its line, else the only list
    of that length."""
    for found in (numbered_lists(text), written_lists(text)):
        lists = [(at, names) for at, names in found if len(names) == count or not count]
        for at, names in lists:
            line = text[text.rfind("\n", 0, at) + 1:at]
            if stem and re.search(rf"(?<![A-Za-z0-9]){re.escape(stem)}(?![A-Za-z0-9])", line, re.I):
                return names
        if len(lists) == 1:
            return lists[0][1]
    return []


def written_lists(text: str) -> list[tuple[int, list[str]]]:
    """Column names written out with one separator (`sku|on_hand|counted_on`, `id;name;qty`, back-ticked
    one by one or not): (where the list starts, the names)."""
    name = r"`?[A-Za-z_]\w*`?"
    out = []
    for separator in (",", ";", r"\|", "\t"):
        for match in re.finditer(rf"(?<![\w`]){name}(?:[ ]*{separator}[ ]*{name}){{2,}}(?![\w`])", text):
            parts = [p.strip(" `") for p in re.split(separator, match.group(0))]
            out.append((match.start(), parts))
    return sorted(out)


LEGEND = re.compile(r"(?<![\w=])([A-Za-z0-9]{1,12})\s*(?:=|:|->|means)\s*[^,;\n=]{0,30}?\b(?:delet|remov|cancel)", re.I)


def deleted_code(text: str, columns: list[str], rows: list[dict[str, str]]) -> tuple[str, str]:
    """(column, value) when a status column marks deleted records with a code the request's legend gives
    (`REC_STATUS ... A = active, D = deleted`): the code must be one of the column's few values in the rows,
    or the column is named on the legend's line."""
    for match in LEGEND.finditer(text):
        code = match.group(1)
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        named = [c for c in columns if re.search(rf"\b{re.escape(c)}\b", line, re.I)]
        shown = [c for c in columns if 1 < len({r.get(c) for r in rows}) <= 5 and
                 any(str(r.get(c, "")).strip().lower() == code.lower() for r in rows)]
        column = next(iter(named or shown), "")
        if column and not code.isdigit() or column in named:
            return column, code
    return "", ""


def arrow_names(text: str, stems: list[str]) -> dict[str, str]:
    """Destination names the request maps file stems to with an arrow (`CUST -> customer`, `ORDH => orders`)."""
    out = {}
    for stem in stems:
        match = re.search(rf"(?<![\w.]){re.escape(stem)}(?![\w.])\s*(?:->|=>|→)\s*`?([A-Za-z_]\w*)`?", text, re.I)
        if match and stem:
            out[stem] = match.group(1).lower()
    return out


# Suffixes that are never a marker's, besides the data formats the block knows: web domains, code, documents
NOT_MARKERS = (".com", ".org", ".net", ".io", ".py", ".md", ".sql", ".sqlite", ".duckdb", ".xlsx", ".yaml", ".yml")


def ready_suffix(text: str, marker: str, pattern: str, seen: bool) -> str:
    """The suffix of the files that mark a data file complete, when the request names it: the one the folder
    shows (checksums the request never mentions are not waited for), or, with no folder to look at, a file
    suffix the request writes that is neither a data format nor the table's own (`.CTL` beside `.DAT`)."""
    from assistant.connector.blocks.local import DATA_SUFFIXES

    written = {m.lower() for m in re.findall(r"(?:(?<=[\s`'\"(])|(?<=\w)|(?<=>))(\.[A-Za-z]{2,5})\b", text)}
    if seen:
        return marker if marker and marker.lower() in written else ""
    own = pattern.rsplit(".", 1)[-1].lower()
    extra = sorted(s for s in written if s not in (*DATA_SUFFIXES, *NOT_MARKERS) and s[1:] != own)
    return {s.lower(): s for s in re.findall(r"\.[A-Za-z]{2,5}\b", text)}.get(extra[0], "") if len(extra) == 1 else ""


RANGES = (re.compile(r"(?<![\w.\-])(\d{1,4})\s*(?:-|–|\.\.|to)\s*(\d{1,4})\s*[:=]?\s*`?([A-Za-z_]\w*)`?"),
          re.compile(r"`?([A-Za-z_]\w*)`?\s*[:=(]?\s*(?:pos(?:ition)?s?\.?\s*)?(\d{1,4})\s*(?:-|–|\.\.|to)\s*"
                     r"(\d{1,4})\)?"))


def fixed_layout(text: str) -> list[tuple[str, int, int]]:
    """A fixed-width layout: (column, first, last position) for each range the request writes
    (`1-10 policy_no, 11-40 holder_name`, or `policy_no 1-10`), when the ranges follow on from each other."""
    for index, pattern in enumerate(RANGES):
        found = [(g[2], int(g[0]), int(g[1])) if index == 0 else (g[0], int(g[1]), int(g[2]))
                 for g in (m.groups() for m in pattern.finditer(text))]
        for start, (_, first, _) in enumerate(found):
            if first != 1:
                continue
            layout = [found[start]]
            for item in found[start + 1:]:
                if item[1] != layout[-1][2] + 1 or item[2] < item[1]:
                    break
                layout.append(item)
            if len(layout) >= 2:
                return layout
    return []


def leftover_names(text: str, stems: list[str], keys: list[str]) -> dict[str, str]:
    """Table names for file stems from the snake_case names the request writes that nothing else takes:
    not a configuration key, not part of a file name or path, and beginning with the stem
    (`timesheet_entries` for `timesheet_2024-08.txt`)."""
    names = re.findall(r"(?<![\w./\-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w./\-])", text)
    free = [n for n in dict.fromkeys(names) if n not in keys and not re.search(r"\d", n) and
            not re.search(r"_(?:id|at|on|no|nr|date|time|key|code|dir|path|folder)$", n)]  # columns, settings
    out = {}
    for stem in stems:
        own = [n for n in free if stem and n.startswith(stem + "_")]
        if len(own) == 1:
            out[stem] = own[0]
    return out


def folder_columns(text: str, relative: str) -> list[str]:
    """Column names for the folders a file lies in (`emea/2024/09/01/orders_001.json`): a text folder takes
    the word the request writes for it (a `<region>` placeholder, or `region` among the words that come
    before "folder" or "path"), a year/month/day run a date named likewise; else `folder` and `folder_date`."""
    from assistant.connector.blocks.local import folder_parts

    shape = folder_parts(relative)
    if not shape:
        return []
    placeholders = [p.lower() for p in re.findall(r"<(\w+)>/", text) if not re.fullmatch(r"y+|m+|d+", p, re.I)]
    said = " ".join(re.findall(r"([^.\n]{0,80})\b(?:folders?|path|directory)\b", text, re.I))
    words = [w.lower() for w in re.findall(r"\b([A-Za-z]+(?:\s+date)?)\b", said)]
    texts = [w for w in placeholders or words if w in ("region", "country", "store", "shop", "tenant", "site",
                                                        "customer", "account", "source", "client", "branch")]
    dates = [w.replace(" ", "_") for w in words if w.endswith(" date")]
    out, t, d = [], iter(texts), iter(dates)
    for value in shape:
        dated = bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))
        out.append(next(d, "folder_date") if dated else next(t, "folder"))
    return out if len(set(out)) == len(out) else [f"folder_{i}" for i in range(1, len(out) + 1)]


def content_format(path: Path) -> str:
    """The format a file of no known suffix shows: a zip archive takes its members' (`csv`), delimited text
    is `csv`; "" for anything else."""
    import zipfile

    from assistant.connector.blocks.local import data_members

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            kinds = [Path(n).suffix.lower() for n in data_members(archive)]
        found = [SUFFIXES[k] for k in kinds if k in SUFFIXES]
        return max(set(found), key=found.count) if found else ""
    return "csv" if delimited(path) else ""


def member_column(text: str, path: Path) -> str:
    """The column a zip member's name fills: the word the request writes before a list of those names
    (`commodity (electricity/gas)`)."""
    stems = member_stems(path)
    if len(stems) < 2:
        return ""
    for match in re.finditer(r"\b([A-Za-z_]\w*)\s*[(:]\s*([\w\s,/|]+?)\)?(?=[.;\n)]|$)", text):
        values = {v.strip().lower() for v in re.split(r"[,/|]|\bor\b|\band\b", match.group(2)) if v.strip()}
        if len(values) >= 2 and values <= stems | {""}:
            return match.group(1).lower()
    return "source_member"


def member_stems(path: Path) -> set[str]:
    """The names of a zip archive's data members, without suffix (`electricity` of `electricity.csv`)."""
    import zipfile

    from assistant.connector.blocks.local import data_members

    try:
        with zipfile.ZipFile(path) as archive:
            return {Path(n).stem.lower() for n in data_members(archive)}
    except (OSError, zipfile.BadZipFile):
        return set()
