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
