"""The installed fivetran_connector_sdk as documents: one per public class, with signatures and
docstrings, tagged with the installed version (the `sdk_api` chunks)."""

from __future__ import annotations

import inspect

from core import sdk
from core.errors import SourceError
from ingest.model import Document

MODULE = sdk.MODULE
CLASSES = ("Connector", "Operations", "Logging")
# How connector code conventionally names each class: `from fivetran_connector_sdk import Operations as op`
ALIASES = {"Operations": "op", "Logging": "log", "Connector": "connector"}


def describe_class(module_name: str, cls: type, version: str) -> str:
    alias = ALIASES.get(cls.__name__, cls.__name__)
    members = sdk.members(cls)
    lines = [f"# {module_name}.{cls.__name__} (installed version {version})", ""]
    doc = inspect.getdoc(cls)
    if doc:
        lines += [doc, ""]
    calls = [f"{alias}.{name}" for name, _ in members if name != "__init__"]
    lines += [f"Imported as `{alias}`; public methods: " + ", ".join(f"`{c}`" for c in calls), ""]
    for name, member in members:
        signature = sdk.signature(member)
        label = f"{cls.__name__}({signature[1:]}" if name == "__init__" else f"{cls.__name__}.{name}{signature}"
        lines.append(f"## {label}" + (" (deprecated)" if sdk.deprecated(member) else ""))
        lines.append("")
        if name != "__init__":
            lines += [f"Call: `{alias}.{name}{signature.replace('self, ', '').replace('(self)', '()')}`", ""]
        lines.append(inspect.getdoc(member) or "(no docstring)")
        lines.append("")
    return "\n".join(lines)


def read_sdk(module_name: str = MODULE) -> tuple[list[Document], str]:
    """One Document per public class, tagged with the installed version."""
    module = sdk.load(module_name)
    version = sdk.version(module)
    docs = []
    for name in CLASSES:
        cls = getattr(module, name, None)
        if not inspect.isclass(cls):
            continue
        text = describe_class(module_name, cls, version)
        docs.append(Document(source="sdk", path=f"{module_name}.{name}", kind="sdk_api", text=text,
                             language="markdown", title=f"{module_name}.{name} {version}", commit=version))
    if not docs:
        raise SourceError(f"{module_name} has none of {', '.join(CLASSES)}")
    return docs, version
