"""Monthly ERP sales files vendas_YYYY-MM.csv (cp1252, ';', decimal comma, dd/mm/yyyy). The current month
is rewritten nightly; a nota that vanishes from its month file was cancelled and is deleted. Key: NF + item."""
import csv
import io
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector, Operations as op

MONTH = re.compile(r"^vendas_(\d{4}-\d{2})\.csv$")


def schema(configuration):
    return [{"table": "vendas", "primary_key": ["numero_nf", "item"]}]


def _dec(text):
    return float(text.replace(".", "").replace(",", "."))


def update(configuration, state):
    folder = configuration["path"]
    files = dict(state.get("files", {}))  # name -> {"sig": [...], "keys": [[nf, item], ...]}
    for name in sorted(n for n in os.listdir(folder) if MONTH.match(n)):  # skips ~$ Excel lock files
        path = os.path.join(folder, name)
        st = os.stat(path)
        sig = [st.st_mtime_ns, st.st_size]
        before = files.get(name)
        if before and before["sig"] == sig:
            continue
        with open(path, "rb") as fh:
            text = fh.read().decode("cp1252")
        keys = set()
        for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";"):
            nf, item = int(r["Número NF"]), int(r["Item"])
            keys.add((nf, item))
            op.upsert("vendas", {"numero_nf": nf, "item": item,
                                 "data_emissao": datetime.strptime(r["Data Emissão"], "%d/%m/%Y").date().isoformat(),
                                 "cliente": r["Cliente"], "produto": r["Produto"], "qtde": int(r["Qtde"]),
                                 "valor_unitario": _dec(r["Valor Unitário"]), "valor_total": _dec(r["Valor Total"]),
                                 "arquivo": name})
        for nf, item in {tuple(k) for k in (before or {}).get("keys", [])} - keys:
            op.delete("vendas", {"numero_nf": nf, "item": item})
        files[name] = {"sig": sig, "keys": sorted(keys)}
        op.checkpoint({"files": files})
    op.checkpoint({"files": files})


connector = Connector(update=update, schema=schema)
