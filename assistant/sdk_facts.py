"""What the installed SDK really accepts, read by introspection for the prompts (and the linter)."""

from __future__ import annotations

import importlib
import inspect
import warnings
from functools import lru_cache

from assistant.prompts import SdkFacts
from ingest import sdk_api


def _required(fn: object) -> str:
    try:
        params = inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "..."
    names = [p.name for p in params if p.default is inspect.Parameter.empty
             and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name != "self"]
    return ", ".join(names)


@lru_cache(maxsize=4)
def load(module_name: str = sdk_api.MODULE) -> SdkFacts:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = importlib.import_module(module_name)
    except Exception:
        return SdkFacts("", [], [], [])
    ops_cls = getattr(module, "Operations", None)
    log_cls = getattr(module, "Logging", None)
    operations = [f"{name}({_required(fn)})" for name, fn in sdk_api._members(ops_cls)] if ops_cls else []
    levels: list[str] = []
    deprecated: list[str] = []
    if log_cls is not None:
        level_enum = getattr(log_cls, "Level", None)
        names = [m.name.lower() for m in level_enum] if level_enum else ["debug", "info", "warning", "error"]
        for name in names:
            method = getattr(log_cls, name, None)
            if callable(method):
                (deprecated if sdk_api._deprecated(method) else levels).append(name)
    return SdkFacts(sdk_api.sdk_version(module), operations, levels, deprecated)
