"""Nightly gzipped TSV helpdesk dumps; the body is quoted free text with newlines and tabs."""
import csv
import gzip
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^tickets-(\d{4}-\d{2}-\d{2})\.tsv\.gz$")


def schema(configuration):
    return [{"table": "support_tickets", "primary_key": ["ticket_id"]}]


def update(configuration, state):
    folder = configuration["dump_dir"]
    done = set(state.get("done", []))
    for name in sorted(os.listdir(folder)):
        if not PATTERN.match(name) or name in done:
            continue
        with gzip.open(os.path.join(folder, name), "rt", newline="", encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            for row in (dict(zip(header, l.rstrip("\n").split("\t"))) for l in fh):  # naive: line split
                row["ticket_id"] = row["ticket_id"]
                op.upsert("support_tickets", row)
        done.add(name)
        op.checkpoint({"done": sorted(done)})


connector = Connector(update=update, schema=schema)
