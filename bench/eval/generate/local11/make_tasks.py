"""Writes tasks.json and every reference/<id>/configuration.json for the local11 set.

Before writing, it builds every source in a temporary folder and checks the rows a correct connector holds
(`counts()`, before and after `advance()`) against the numbers written in the tasks below. The requests of
l11-06 (an `ls -R` + `head` paste) and l11-08 (a sample of a report) are rendered from the files the source
writes, with the absolute folder replaced by the {folder} placeholder.

Usage: make_tasks.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sources  # noqa: E402


def _ls_meter(root: Path) -> str:
    """`cd {folder} && ls -R`, `unzip -l` of one zip and the head of one member, as a terminal shows them."""
    out = ["$ cd {folder} && ls -R", ".:", "  ".join(sorted(os.listdir(root)))]
    for region in sorted(os.listdir(root)):
        out += ["", f"./{region}:", "  ".join(sorted(os.listdir(root / region)))]
    zpath = root / "north" / "readings_2024-09-01.zip"
    out += ["", "$ unzip -l north/readings_2024-09-01.zip", "Archive:  north/readings_2024-09-01.zip",
            "  Length      Date    Time    Name", "---------  ---------- -----   ----"]
    with zipfile.ZipFile(zpath) as zf:
        total = 0
        for info in zf.infolist():
            y, mo, d, h, mi, _ = info.date_time
            out.append(f"{info.file_size:>9}  {y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}   {info.filename}")
            total += info.file_size
        out += ["---------                     -------", f"{total:>9}                     {len(zf.infolist())} files"]
        out += ["", "$ unzip -p north/readings_2024-09-01.zip electricity.csv | head -4"]
        text = zf.read("electricity.csv").decode("utf-8-sig")  # the terminal shows no byte-order mark
        out += text.replace("\r\n", "\n").split("\n")[:4]
    return "\n".join(out)


def _ventes_sample(folder: Path) -> str:
    lines = (folder / "ventes_2024-09-02.csv").read_bytes().decode("cp1252").replace("\r\n", "\n").split("\n")
    return "\n".join("#   " + line.replace("\xa0", " ") for line in lines[:8])


def requests(probe: Path) -> dict[str, str]:
    with sources.make("meter_zips", probe / "meter") as src:
        meter = _ls_meter(Path(src.values["folder"]))
    with sources.make("ventes_excel_csv", probe / "ventes") as src:
        ventes = _ventes_sample(Path(src.values["folder"]))
    return {
        "l11-01": (
            "Connector for the fixed-width POLMAST_*.TXT extracts in {folder} (config key `policy_extract_dir`): "
            "cols 1-10 policy_no, 11-40 holder_name, 41-48 start_date YYYYMMDD, 49-60 annual_premium (2 implied "
            "decimals), 61-62 status, 63-65 product -> table `policies`, key policy_no, new file every day, newest "
            "wins."),
        "l11-02": (
            "Hello,\n\n"
            "I am Joana from the operations of our cafés. We have in every shop a small cash machine program and it "
            "keep its data in a SQLite file. Every evening the files are copied to the server, all in the folder "
            "{folder}, one file for each shop (shop_lisboa.sqlite, shop_porto.sqlite and so on). We are opening a "
            "new shop in Faro soon so there will come more files, the connector must take them also without that we "
            "change the code.\n\n"
            "What we need: the receipts (the tickets) and the lines of the tickets, for all the shops together in one "
            "table each, so `receipts` and `receipt_lines`, and please with a column `shop` that say from which shop "
            "is the row (the name is only in the file name, inside the file there is nothing about it). Inside the "
            "files there are also some other things (settings, a view for the daily report), this we don't need.\n\n"
            "It is for the Fivetran, with the Connector SDK in Python. Please use the configuration key "
            "`pos_sqlite_folder` for the folder, our IT guy want it like this.\n\n"
            "Thank you very much and sorry for my english!\nJoana"),
        "l11-03": (
            "INTERFACE SPECIFICATION SETTLE-OUT v2.3 (acquirer -> Finance DWH)\n\n"
            "1. Purpose\n"
            "   Daily card settlement records, loaded with a Fivetran Connector SDK connector into table "
            "`settlements`.\n"
            "2. Transport\n"
            "   Files are delivered to the inbound directory {folder}. The connector receives the directory in "
            "configuration key `settle_inbound_path`.\n"
            "3. File naming\n"
            "   Data file:    STL_<YYYYMMDD>_<NNN>.dat.gz   (NNN = sequence within the day, from 001)\n"
            "   Control file: STL_<YYYYMMDD>_<NNN>.ctl\n"
            "4. Processing rules\n"
            "   4.1 A data file SHALL NOT be processed before its control file is present.\n"
            "   4.2 Files SHALL be processed in ascending file-name order, each file exactly once.\n"
            "   4.3 A record_id delivered again in a later file replaces the earlier record (status changes).\n"
            "5. Data file format\n"
            "   gzip-compressed text, ASCII, LF line ends, one record per line, fields separated by '|', no header.\n"
            "   #  Field        Format                Notes\n"
            "   1  record_id    CHAR(20)              unique key\n"
            "   2  merchant_id  CHAR(8)\n"
            "   3  txn_time     YYYY-MM-DDThh:mm:ss   local time, no zone\n"
            "   4  amount       DECIMAL(12,2)         negative for refunds\n"
            "   5  currency     ISO 4217\n"
            "   6  card_brand   VISA | MC | AMEX\n"
            "   7  status       SETTLED | REFUNDED | CHARGEBACK\n"
            "6. Control file format\n"
            "   One line: <data file name>|<record count, 6 digits>"),
        "l11-04": (
            "#data-requests\n\n"
            "marta.k  09:12\n"
            "hey, could someone build us a Fivetran connector (the Connector SDK one) for the timesheet exports? "
            "they're on the share in {folder}, one file per month, timesheet_2024-08.txt, timesheet_2024-09.txt etc\n\n"
            "dev-oli  09:15\n"
            "sure. what's in them, csv?\n\n"
            "marta.k  09:16\n"
            "yeah I think so, opens fine in Excel. Entry ID, Employee, Date, Project, Hours, Comment\n\n"
            "marta.k  09:17\n"
            "the HR tool writes the current month's file again every night with everything of the month so far. "
            "old months don't change once the month is over\n\n"
            "jens.p  09:21\n"
            "careful with that one: people delete wrong entries in the tool all the time, and then they're just not "
            "in the file anymore. Finance needs those gone in the warehouse too (a deleted flag is fine), otherwise "
            "the hours per project are wrong\n\n"
            "dev-oli  09:22\n"
            "got it. table name?\n\n"
            "marta.k  09:22\n"
            "timesheet_entries, Entry ID is unique. and put the folder under `timesheet_folder` in the config pls 🙏"),
        "l11-05": (
            "DATA-2291  Load marketplace order drops into the warehouse\n"
            "Type: Story   Priority: Medium   Component: Ingestion / Fivetran Connector SDK\n\n"
            "Description\n"
            "The marketplace hub drops order files per region and day under {folder}, e.g. "
            "emea/2024/09/01/orders_001.json. We want them as relational tables through a Connector SDK connector. "
            "The root folder comes from the configuration key `order_drop_root`.\n\n"
            "Acceptance criteria\n"
            "- AC1: table `orders`, one row per order, including the region and the drop date, both taken from the "
            "folder path (they are not in the JSON).\n"
            "- AC2: table `order_lines`, one row per element of an order's `lines`.\n"
            "- AC3: table `line_allocations`, one row per warehouse allocation of a line (`allocations`).\n"
            "- AC4: child rows carry the keys of their parents.\n"
            "- AC5: new day folders (and new regions) are picked up by the next sync without reloading everything.\n"
            "- AC6: an order that shows up again in a later drop updates its existing rows, no duplicates."),
        "l11-06": (
            "need a Fivetran connector (Connector SDK) for the meter drops below. config key `meter_zip_root`, one "
            "table `meter_readings`, with region and commodity (electricity/gas) as columns. new zips every day, "
            "every now and then a new region folder.\n\n" + meter),
        "l11-07": (
            "clinic sync - notes for whoever builds the connector (Fivetran Connector SDK)\n\n"
            "- the booking system keeps one DuckDB file per clinic, all in {folder}: clinic_alfama.duckdb, "
            "clinic_belem.duckdb, clinic_graca.duckdb. more clinics will come (new file, same layout)\n"
            "- config key: clinic_duckdb_dir\n"
            "- tables we want: appointments, invoices, invoice_lines. all in the main schema\n"
            "  -> correction: NOT main. opened a file again, main only has import leftovers. appointments are in "
            "schema `sched`, invoices + invoice_lines in `billing`\n"
            "- one warehouse table per kind for all clinics together, with a `clinic` column (= the name in the file "
            "name, e.g. alfama)\n"
            "- cancelled appointments are not flagged, the booking app simply deletes the row. we need them marked "
            "deleted in the warehouse\n"
            "- invoices never get deleted"),
        "l11-08": (
            "# Sales reports -> warehouse. Could you turn this into a working Fivetran Connector SDK connector?\n"
            "#\n"
            "# configuration.json: {\"rapports_ventes_dir\": \"{folder}\"}\n"
            "# The ERP drops one report per day in that folder: ventes_2024-09-02.csv, ventes_2024-09-03.csv, ...\n"
            "# They are made for humans (accounting opens them in Excel). Top of the first one:\n"
            "#\n" + ventes + "\n"
            "#   ...\n\n"
            "from fivetran_connector_sdk import Connector, Operations as op\n\n\n"
            "def schema(configuration):\n"
            "    # TODO: one table `ventes`, key = N° facture\n"
            "    return []\n\n\n"
            "def update(configuration, state):\n"
            "    # TODO: read the reports; amounts and quantities as numbers, the date as a date\n"
            "    # TODO: accounting sometimes re-exports a day (same file name) after fixing something -> pick it up\n"
            "    pass\n\n\n"
            "connector = Connector(update=update, schema=schema)"),
    }


TASKS = [
    {"id": "l11-01", "style": "terse one-liner", "source": "policy_fixed_width",
     "config": {"policy_extract_dir": "{folder}"},
     "expect": {"tables": {"policies": 85}, "min_columns": {"policies": 6}},
     "second_sync": {"changes": "POLMAST_20240903.TXT arrives: 20 new policies and 10 changed ones",
                     "expect": {"tables": {"policies": 105}, "min_columns": {"policies": 6}}},
     "unsaid": ["the extracts are Windows-1252 (holder names such as Müller, Strauß, Ibáñez): reading them as "
                "UTF-8 fails",
                "every file starts with an HDR record (HDR + date + POLMAST) and ends with a TRL record "
                "(TRL + 9-digit record count); neither is a policy",
                "CRLF line ends; names are right-padded with spaces inside their 30 columns",
                "a changed policy is repeated in a later day's file: files in name order, upsert on policy_no"]},
    {"id": "l11-02", "style": "chatty email, non-native speaker", "source": "pos_sqlite_shops",
     "config": {"pos_sqlite_folder": "{folder}"},
     "expect": {"tables": {"receipts": 105, "receipt_lines": 260}},
     "second_sync": {"changes": "lisboa sells 10 more receipts, porto 8 (and receipt 3's payment is corrected in "
                                "place); a new shop file shop_faro.sqlite with 12 receipts",
                     "expect": {"tables": {"receipts": 135, "receipt_lines": 339}}},
     "unsaid": ["receipt_no starts at 1 in every shop's file: the keys must include shop (receipts: shop + "
                "receipt_no; receipt_lines: shop + receipt_no + line_no)",
                "receipt_lines is a WITHOUT ROWID table with a composite primary key (there is no rowid to use)",
                "a backup/ subfolder holds an old copy, backup/shop_porto_2024-08-31.sqlite, that must not be read",
                "settings is a WITHOUT ROWID key/value table and v_daily_sales a view: neither is wanted",
                "a receipt can be corrected in place (payment), so a receipt_no cursor would miss the fix"]},
    {"id": "l11-03", "style": "interface specification", "source": "settlement_ctl",
     "config": {"settle_inbound_path": "{folder}"},
     "expect": {"tables": {"settlements": 85}},
     "second_sync": {"changes": "STL_20240902_001 is finished and gets its .ctl; STL_20240903_001 arrives complete "
                                "(33 new records, 2 status changes); STL_20240903_002 is being written (no .ctl)",
                     "expect": {"tables": {"settlements": 186}}},
     "unsaid": ["at sync 1 STL_20240902_001.dat.gz is still being written (a truncated gzip stream, no .ctl) while "
                "STL_20240902_002 is already complete: by 4.1 and 4.2 the sync stops at the gap and takes both files "
                "next time; taking 02_002 and remembering the highest name loses 02_001 for good",
                "every record line ends with a trailing '|' (an empty 8th field)",
                "negative amounts carry a trailing minus ('299.38-')",
                "the .ctl count can be checked against the records of the data file"]},
    {"id": "l11-04", "style": "Slack thread", "source": "timesheet_utf16",
     "config": {"timesheet_folder": "{folder}"},
     "expect": {"tables": {"timesheet_entries": 140}},
     "second_sync": {"changes": "timesheet_2024-09.txt rewritten: 6 entries deleted, 8 corrected, 20 added; "
                                "timesheet_2024-10.txt appears with 15 entries",
                     "expect": {"tables": {"timesheet_entries": 175}, "deleted": {"timesheet_entries": 6}}},
     "unsaid": ["the files are not CSV: Excel 'Unicode Text', i.e. UTF-16 LE with a BOM, tab-delimited, CRLF",
                "Hours uses a decimal comma ('7,5'), Date is dd/mm/yyyy",
                "comments hold commas and quotes; names and projects are non-ASCII (Łuczak, Şişli)",
                "deletes must be found by comparing a file's entry ids with those seen in it before",
                "a new month's file appears in sync 2"]},
    {"id": "l11-05", "style": "ticket with acceptance criteria", "source": "order_drops_json",
     "config": {"order_drop_root": "{folder}"},
     "expect": {"tables": {"orders": 65, "order_lines": 165, "line_allocations": 338},
                "min_columns": {"orders": 5, "line_allocations": 5}},
     "second_sync": {"changes": "2024-09-04 drops for emea, apac and amer (emea and amer re-send 2 shipped orders "
                                "each); the new latam region delivers 2024-09-03 and 2024-09-04",
                     "expect": {"tables": {"orders": 109, "order_lines": 257, "line_allocations": 514},
                                "min_columns": {"orders": 5, "line_allocations": 5}}},
     "unsaid": ["order_no restarts in every region (1001, 1002, ... in each): every key must include region",
                "allocations are [warehouse, qty] pairs (an array of arrays), not objects, often 2 or 3 per line: "
                "key region + order_no + line_no + warehouse (or position)",
                "lines have no id: their position in the array is the line number",
                "every day folder also holds manifest.json and an empty _SUCCESS marker; some days have two "
                "order files",
                "in sync 2 the new latam region delivers 2024-09-03 although 2024-09-03 was already loaded for "
                "other regions: a 'newest drop date' cursor misses it"]},
    {"id": "l11-06", "style": "ls -R + head paste", "source": "meter_zips",
     "config": {"meter_zip_root": "{folder}"},
     "expect": {"tables": {"meter_readings": 78}, "min_columns": {"meter_readings": 7}},
     "second_sync": {"changes": "readings_2024-09-03.zip for north, south and west; a new east folder with "
                                "readings_2024-09-02.zip and readings_2024-09-03.zip",
                     "expect": {"tables": {"meter_readings": 137}, "min_columns": {"meter_readings": 7}}},
     "unsaid": ["the CSVs start with a UTF-8 byte-order mark (invisible in the paste): read as plain UTF-8 the first "
                "column is '\\ufeffmeter_id'",
                "south's zips were made on a Mac and also hold __MACOSX/._electricity.csv and ._gas.csv (binary "
                "AppleDouble files with a .csv name)",
                "an estimated reading (quality E) is re-sent as actual in the next day's zip under the same meter_id "
                "and read_at: key (meter_id, read_at), days in order",
                "CRLF line ends; the new east region brings an older day (2024-09-02) in sync 2"]},
    {"id": "l11-07", "style": "notes with a self-correction", "source": "clinic_duckdb",
     "config": {"clinic_duckdb_dir": "{folder}"},
     "expect": {"tables": {"appointments": 75, "invoices": 27, "invoice_lines": 59}},
     "second_sync": {"changes": "a week later: 15 new bookings in the three clinics, 5 booked appointments deleted, "
                                "4 attended (status + invoice); a new clinic file clinic_estrela.duckdb",
                     "expect": {"tables": {"appointments": 102, "invoices": 36, "invoice_lines": 79},
                                "deleted": {"appointments": 5}}},
     "unsaid": ["appt_id and invoice_id restart at 1 in every clinic file: keys must include clinic",
                "billing.invoice_lines declares no primary key: (invoice_id, line_no) is unique per clinic",
                "sched also holds a view (v_upcoming); main holds tmp_import_0823 and schema_version",
                "DECIMAL, DATE, TIMESTAMP and BOOLEAN values come back as Decimal, date, datetime and bool",
                "a new clinic file appears in sync 2"]},
    {"id": "l11-08", "style": "code skeleton with TODOs", "source": "ventes_excel_csv",
     "config": {"rapports_ventes_dir": "{folder}"},
     "expect": {"tables": {"ventes": 75}, "min_columns": {"ventes": 8}},
     "second_sync": {"changes": "ventes_2024-09-04.csv re-exported in place (3 amounts corrected, 2 late invoices); "
                                "ventes_2024-09-05.csv with 28 rows and a 5-line title block",
                     "expect": {"tables": {"ventes": 105}, "min_columns": {"ventes": 8}}},
     "unsaid": ["the files are Windows-1252 (é, °, ü), not UTF-8",
                "the title block has 4 or 5 lines (some files add a 'Filtre' line): the header must be found, not "
                "skipped by a fixed count",
                "after the data come an empty line, a Total line and a 'Généré le ...' line",
                "the thousands separator is a no-break space (U+00A0), the decimal mark a comma; credit notes (AV...) "
                "are negative; dates dd/mm/yyyy",
                "every line is padded to 8 fields with ';'"]},
]


def check() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for task in TASKS:
            with sources.make(task["source"], Path(tmp) / task["id"]) as src:
                for stage, expect in (("sync 1", task["expect"]), ("sync 2", task["second_sync"]["expect"])):
                    if stage == "sync 2":
                        src.advance()
                    got = src.counts()
                    want = {t: (n, (expect.get("deleted") or {}).get(t, 0)) for t, n in expect["tables"].items()}
                    assert got == want, f"{task['id']} {stage}: source gives {got}, task says {want}"


def main() -> None:
    check()
    with tempfile.TemporaryDirectory() as tmp:
        texts = requests(Path(tmp))
    out = []
    for task in TASKS:
        data = {"id": task["id"], "split": "tune", "style": task["style"], "source": task["source"],
                "request": texts[task["id"]], "config": task["config"], "expect": task["expect"],
                "second_sync": task["second_sync"], "unsaid": task["unsaid"]}
        out.append(data)
        ref = HERE / "reference" / task["id"]
        ref.mkdir(parents=True, exist_ok=True)
        (ref / "configuration.json").write_text(json.dumps(task["config"]))
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} tasks")


if __name__ == "__main__":
    main()
