"""The installed fivetran_connector_sdk as documents (the `sdk_api` chunks), tagged with its version:
one per public class (Connector, Operations, Logging, ConfigurationForm, Test, FileUpload, ...), one
per public submodule (form_field, file_upload, ...), and one per command of the CLI it installs,
from that command's own `--help`. Whatever the installed version exports is what gets indexed."""

from __future__ import annotations

import inspect
from types import ModuleType

from core import sdk
from core.errors import SourceError
from ingest.model import Document
from ingest.sdk_messages import read_messages

MODULE = sdk.MODULE
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
    if calls:
        lines += [f"Imported as `from {module_name} import {cls.__name__}"
                  + (f" as {alias}`" if alias != cls.__name__ and alias != "connector" else "`")
                  + "; public methods: " + ", ".join(f"`{c}`" for c in calls), ""]
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


def describe_module(module_name: str, name: str, sub: ModuleType, version: str) -> str:
    """A submodule's own public classes and functions (not what it imports)."""
    lines = [f"# {module_name}.{name} (installed version {version})", "",
             f"Imported as `from {module_name} import {name}`.", ""]
    doc = inspect.getdoc(sub)
    if doc:
        lines += [doc, ""]
    for member_name, member in inspect.getmembers(sub):
        if member_name.startswith("_") or getattr(member, "__module__", None) != sub.__name__:
            continue
        if inspect.isclass(member) or inspect.isfunction(member):
            lines += [f"## {name}.{member_name}{sdk.signature(member)}", "",
                      inspect.getdoc(member) or "(no docstring)", ""]
    return "\n".join(lines)


def describe_command(command: str, text: str, summary: str, version: str) -> str:
    lines = [f"# `{command}`: command-line tool of the installed SDK (version {version})", ""]
    if summary:
        lines += [summary, ""]
    return "\n".join(lines + [f"Run `{command} --help` for this text:", "", "```", text, "```", ""])


def _document(path: str, text: str, title: str, version: str) -> Document:
    return Document(source="sdk", path=path, kind="sdk_api", text=text, language="markdown", title=title,
                    commit=version)


def read_sdk(module_name: str = MODULE) -> tuple[list[Document], str]:
    """The installed SDK's public classes, submodules and CLI commands as Documents."""
    module = sdk.load(module_name)
    version = sdk.version(module)
    docs = []
    top = module.__name__.split(".")[0]
    for name, value in inspect.getmembers(module):
        home = (value.__name__ if inspect.ismodule(value) else str(getattr(value, "__module__", ""))).split(".")[0]
        if name.startswith("_") or not home.startswith(top):  # the SDK's packages, not what it imports
            continue
        if inspect.isclass(value):
            docs.append(_document(f"{module_name}.{name}", describe_class(module_name, value, version),
                                  f"{module_name}.{name} {version}", version))
        elif inspect.ismodule(value):
            docs.append(_document(f"{module_name}.{name}", describe_module(module_name, name, value, version),
                                  f"{module_name}.{name} {version}", version))
    if not any(d.path.endswith((".Connector", ".Operations")) for d in docs):
        raise SourceError(f"{module_name} has neither Connector nor Operations")
    docs += read_messages(module, version)
    helps = sdk.cli_help(module_name)
    top = next(iter(helps.values()), "")
    summaries = sdk.subcommands(top)
    for command, text in helps.items():
        summary = summaries.get(command.split(" ", 1)[-1], "") if " " in command else ""
        docs.append(_document(command, describe_command(command, text, summary, version),
                              f"{command} (CLI) {version}", version))
    return docs, version

