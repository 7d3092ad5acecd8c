"""Introspect the installed fivetran_connector_sdk: the truth about the API the user will run."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import re
import warnings
from types import ModuleType

from assistant.errors import SourceError
from ingest.model import Document

MODULE = "fivetran_connector_sdk"
CLASSES = ("Connector", "Operations", "Logging")
# How connector code conventionally names each class: `from fivetran_connector_sdk import Operations as op`
ALIASES = {"Operations": "op", "Logging": "log", "Connector": "connector"}


def sdk_version(module: ModuleType) -> str:
    """The version of the distribution that installed `module`, else its __version__."""
    top = module.__name__.split(".")[0]
    for dist in importlib.metadata.packages_distributions().get(top, []):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return str(getattr(module, "__version__", ""))


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"


def _deprecated(obj: object) -> bool:
    doc = inspect.getdoc(obj) or ""
    try:
        source = inspect.getsource(obj)  # type: ignore[arg-type]
    except (OSError, TypeError):
        source = ""
    return bool(re.search(r"deprecat", doc + source, re.I))


def _members(cls: type) -> list[tuple[str, object]]:
    out = []
    for name, value in inspect.getmembers(cls):
        if name.startswith("_") and name != "__init__":
            continue
        raw = inspect.getattr_static(cls, name, None)
        if isinstance(raw, staticmethod | classmethod):
            value = raw.__func__
        if callable(value) and not inspect.isclass(value):
            if name == "__init__" and value is object.__init__:
                continue
            out.append((name, value))
    return out


def describe_class(module_name: str, cls: type, version: str) -> str:
    alias = ALIASES.get(cls.__name__, cls.__name__)
    members = _members(cls)
    lines = [f"# {module_name}.{cls.__name__} (installed version {version})", ""]
    doc = inspect.getdoc(cls)
    if doc:
        lines += [doc, ""]
    calls = [f"{alias}.{name}" for name, _ in members if name != "__init__"]
    lines += [f"Imported as `{alias}`; public methods: " + ", ".join(f"`{c}`" for c in calls), ""]
    for name, member in members:
        signature = _signature(member)
        label = f"{cls.__name__}({signature[1:]}" if name == "__init__" else f"{cls.__name__}.{name}{signature}"
        lines.append(f"## {label}" + (" (deprecated)" if _deprecated(member) else ""))
        lines.append("")
        if name != "__init__":
            lines += [f"Call: `{alias}.{name}{signature.replace('self, ', '').replace('(self)', '()')}`", ""]
        lines.append(inspect.getdoc(member) or "(no docstring)")
        lines.append("")
    return "\n".join(lines)


def read_sdk(module_name: str = MODULE) -> tuple[list[Document], str]:
    """One Document per public class, tagged with the installed version."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = importlib.import_module(module_name)
    except Exception as exc:
        raise SourceError(f"cannot import {module_name} ({exc})",
                          hint="install fivetran-connector-sdk 3.x, or ingest with --no-sdk") from exc
    version = sdk_version(module)
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
