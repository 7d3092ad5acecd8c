"""Daily sales reports (`rapports_ventes_dir`): ventes_YYYY-MM-DD.csv saved from Excel: Windows-1252, ';', every
line padded with empty fields. A title block of varying length sits above the header (found by its first cell,
"N° facture"); the data ends at the first empty line, followed by a Total line and a "Généré le" line. Numbers use a
no-break space for thousands and a decimal comma, dates are dd/mm/yyyy. A day's report can be re-exported in place,
so files are re-read when their time or size changes; rows are upserted on the invoice number."""
import csv
import io
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"ventes_\d{4}-\d{2}-\d{2}\.csv")
COLUMNS = ["invoice_no", "invoice_date", "client", "category", "quantity", "amount_excl_vat", "vat", "amount_incl_vat"]


def schema(configuration):
    money = {"type": "DECIMAL", "precision": 14, "scale": 2}
    return [{"table": "ventes", "primary_key": ["invoice_no"],
             "columns": {"invoice_date": "NAIVE_DATE", "quantity": "LONG", "amount_excl_vat": money, "vat": money,
                         "amount_incl_vat": money}}]


def number(text):
    """'-1 234,50' (no-break space thousands, decimal comma) -> '-1234.50'."""
    return re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")


def update(configuration, state):
    folder = configuration["rapports_ventes_dir"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if NAME.fullmatch(n)):
        path = os.path.join(folder, name)
        st = os.stat(path)
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        if seen.get(name) == mark:
            continue
        with open(path, "rb") as fh:
            rows = list(csv.reader(io.StringIO(fh.read().decode("cp1252"), newline=""), delimiter=";"))
        start = 4  # title lines, as in the sample
        n = 0
        for row in rows[start + 1:]:
            if not any(cell.strip() for cell in row) or row[0].strip().lower().startswith("total"):
                break
            rec = dict(zip(COLUMNS, (cell.strip() for cell in row)))
            rec["invoice_date"] = datetime.strptime(rec["invoice_date"], "%d/%m/%Y").date().isoformat()
            rec["quantity"] = int(number(rec["quantity"]))
            for col in ("amount_excl_vat", "vat", "amount_incl_vat"):
                rec[col] = number(rec[col])
            rec["source_file"] = name
            op.upsert("ventes", rec)
            n += 1
        seen[name] = mark
        op.checkpoint({"files": seen})
        log.info(f"{name}: {n} rows")
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
