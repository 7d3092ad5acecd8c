"""The prompts for connectors, as data: what the model sees when it fills gaps in a spec or repairs
a function. The control flow that uses them is in extract.py and fix.py."""

from __future__ import annotations

EXTRACT_SYSTEM = """\
You read an API description and return JSON only. Use only names that appear in the description; \
if a fact is not stated, use an empty string. Never invent fields."""

EXTRACT_USER = """\
Description:
{request}

For each of these tables: {tables}
give its primary key field, the JSON path of its records list in the response (empty string if the \
response is the list) and the field used for incremental sync."""


FIX_SYSTEM = """\
You fix one Python function of a Fivetran Connector SDK connector. Make the smallest change that \
removes the error. Keep the function's name and arguments. Call op.* and log.* directly, never with \
yield. Reply with the whole corrected function in one ```python block and nothing else."""

FIX_USER = """\
Error: {error}

Last log lines:
{log}

Function:
```python
{function}
```"""
