"""Helpers for build.py: the checkouts' text files, grep over them, and the docs pages (found with the search tool)."""
import os
import re

CHECKOUTS = {
    "connector_sdk": "/work/checkouts/connector_sdk",
    "community_connectors": "/work/checkouts/community_connectors",
}
TEXT_EXT = (".py", ".md", ".txt", ".json", ".toml", ".yaml", ".yml", ".sh", ".cfg", ".ini")

_FILES = None


def files():
    """{source id: text} for every text file of the two checkouts (not .git)."""
    global _FILES
    if _FILES is None:
        _FILES = {}
        for repo, root in CHECKOUTS.items():
            for d, dirs, names in os.walk(root):
                dirs[:] = [x for x in dirs if x != ".git"]
                for n in names:
                    if not n.endswith(TEXT_EXT):
                        continue
                    p = os.path.join(d, n)
                    try:
                        with open(p, encoding="utf-8", errors="replace") as f:
                            text = f.read()
                    except OSError:
                        continue
                    _FILES[f"{repo}:{os.path.relpath(p, root)}"] = text
    return _FILES


def grep(any_of=(), all_of=(), only=None, exclude=None):
    """Source ids of the files that match one of `any_of` and all of `all_of` (case-insensitive regexes, multi-line).
    `only`/`exclude`: a regex the source id must / must not match."""
    out = []
    any_re = [re.compile(p, re.I | re.M) for p in any_of]
    all_re = [re.compile(p, re.I | re.M) for p in all_of]
    for sid, text in files().items():
        if only and not re.search(only, sid):
            continue
        if exclude and re.search(exclude, sid):
            continue
        if any_re and not any(r.search(text) for r in any_re):
            continue
        if not all(r.search(text) for r in all_re):
            continue
        out.append(sid)
    return sorted(out)


# ---- docs pages (URLs as the search tool returned them; each was seen in a search result stating the fact or covering it)
D = {
    "ops_old": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-operations"],
    "ops_new": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-operations",
                "https://beta.fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-operations"],
    "methods": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-methods",
                "https://beta.fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-methods"],
    "state": ["https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/state-management",
              "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/state-management",
              "https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/state-management"],
    "config": ["https://fivetran.com/docs/connector-sdk/building-connectors/configuration-json",
               "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json",
               "https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json"],
    "deps": ["https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/project-dependencies",
             "https://fivetran.com/docs/connector-sdk/building-connectors/project-dependencies"],
    "runtime": ["https://fivetran.com/docs/connector-sdk/technical-reference",
                "https://fivetran.com/docs/connectors/connector-sdk/working-with-connector-sdk",
                "https://fivetran.com/docs/connectors/connector-sdk/detailed-guide",
                "https://beta.fivetran.com/docs/connectors/connector-sdk/detailed-guide"],
    "techref_old": ["https://fivetran.com/docs/connectors/connector-sdk/technical-reference",
                    "https://beta.fivetran.com/docs/connectors/connector-sdk/technical-reference"],
    "logs_old": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-logs"],
    "logs_new": ["https://www.fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-logs"],
    "errors": ["https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/error-handling"],
    "types": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-data-types"],
    "schema_mgmt": ["https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/schema-management"],
    "best": ["https://fivetran.com/docs/connector-sdk/best-practices"],
    "testing": ["https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/testing-connectors",
                "https://fivetran.com/docs/connector-sdk/testing/local-testing"],
    "commands": ["https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-sdk-commands"],
    "yield": ["https://fivetran.com/docs/connector-sdk/tutorials/removing-yield-usage"],
    "naming": ["https://beta.fivetran.com/docs/connector-sdk/troubleshooting/schema-table-name-normalization"],
    "pk_change": ["https://fivetran.com/docs/connector-sdk/troubleshooting/sync-failed-error"],
    "nov2026": ["https://fivetran.com/docs/changelog/2026/november-2026"],
    "soft_delete": ["https://fivetran.com/docs/core-concepts/sync-modes/soft-delete",
                    "https://fivetran.com/docs/core-concepts/syncoverview/sync-modes/soft-delete",
                    "https://fivetran.com/docs/getting-started/features/sync-modes/soft-delete",
                    "https://www.fivetran.com/docs/core-concepts/sync-modes/soft-delete"],
    "history": ["https://fivetran.com/docs/connector-sdk/technical-reference",
                "https://fivetran.com/docs/connectors/connector-sdk/technical-reference"],
    "memory": ["https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-memory-management",
               "https://fivetran.com/docs/connector-sdk/troubleshooting/rescheduled-syncs"],
    "core_changelog": ["https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-core/changelog"],
    "install": ["https://fivetran.com/docs/connector-sdk/getting-started/how-to-install-connector-sdk"],
}


def docs(*keys):
    out = []
    for k in keys:
        for u in D[k]:
            if u not in out:
                out.append(u)
    return out
