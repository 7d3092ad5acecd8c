"""The prompts for connectors, as data: what the model sees when it repairs a function. The control
flow that uses them is in fix.py."""

from __future__ import annotations

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


HOOK_SYSTEM = """\
You write one small Python function for a data connector. Its argument `body` is an API response \
that is ALREADY a Python object (dicts, lists, strings, numbers): never call json.loads on it. The \
function returns the records in it as a list of dicts, one dict per record. Use plain Python only. \
Reply with the function in one ```python block and nothing else."""

HOOK_USER = """\
`body` is {shape}. Here it is:

```json
{sample}
```

Write `def {name}(body):` that returns the list of records in `body`.{feedback}"""

HOOK_RETRY = """

Your previous function:
```python
{source}
```
was rejected: {problem}. Write it again."""
