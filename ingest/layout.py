"""Where a file sits in an examples repository decides its kind and example name.

The layout is the one fivetran/fivetran_connector_sdk uses (and its successors
fivetran/connector_sdk and fivetran/community_connectors).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

AGENT_FILES = {"AGENTS.md", "CLAUDE.md", "CLAUDE_README.md", "copilot-instructions.md"}
PROJECT_FILES = {"connector.py", "README.md", "configuration.json", "requirements.txt"}


@dataclass(frozen=True)
class Placement:
    kind: str
    example: str  # the project folder's name within its section, "" for repository-level files
    project_dir: str  # repo-relative folder that holds the project, "" if none


def is_agent_instructions(path: PurePosixPath) -> bool:
    parts = path.parts
    if path.name in AGENT_FILES:
        return True
    if ".claude" in parts and path.suffix == ".md":
        return True
    return len(parts) >= 2 and parts[0] == ".github" and parts[1] == "instructions"


def _section(parts: tuple[str, ...], depth: int, kind: str) -> Placement:
    """The project folder is `depth` components deep; deeper files belong to it."""
    folder = parts[:depth] if len(parts) > depth else parts[: len(parts) - 1]
    name_parts = folder[depth - 1 :] if len(folder) >= depth else folder[-1:]
    return Placement(kind, "/".join(name_parts), "/".join(folder))


_SECTIONS = (
    ("examples/quickstart_examples/", "example"),
    ("examples/common_patterns_for_connectors/", "pattern"),
    ("examples/", "example"),
    ("connectors/", "community_connector"),
    ("all_things_ai/tutorials/", "tutorial"),
    ("all_things_ai/", "tutorial"),
)


def place(rel_path: str, project_dirs: frozenset[str] = frozenset()) -> Placement:
    """Classify a repo-relative POSIX path.

    `project_dirs` holds folders known to contain a connector.py; the deepest one above the file is
    its project, which names multi-level examples (`pagination/keyset`) correctly.
    """
    path = PurePosixPath(rel_path)
    parts = path.parts
    if is_agent_instructions(path):
        return Placement("agent_instructions", "/".join(parts[:-1]), "/".join(parts[:-1]))
    for parent in path.parents:
        folder = parent.as_posix()
        if folder in project_dirs:
            for prefix, kind in _SECTIONS:
                if folder.startswith(prefix):
                    return Placement(kind, folder[len(prefix):], folder)
            if folder == "template_connector":
                return Placement("template", folder, folder)
    if len(parts) == 1:
        return Placement("doc", "", "")
    top = parts[0]
    if top == "examples" and len(parts) >= 3:
        sub = parts[1]
        if sub == "quickstart_examples":
            return _section(parts, 3, "example")
        if sub == "common_patterns_for_connectors":
            # category/name, but some patterns sit directly under the category folder
            return _pattern(parts)
        return _section(parts, 3, "example")
    if top == "connectors" and len(parts) >= 2:
        return _section(parts, 2, "community_connector")
    if top == "template_connector":
        return Placement("template", "template_connector", "template_connector")
    if top == "all_things_ai" and len(parts) >= 2:
        if parts[1] == "tutorials" and len(parts) >= 3:
            return _section(parts, 3, "tutorial")
        return _section(parts, 2, "tutorial")
    return Placement("doc", "", "/".join(parts[:-1]))


def _pattern(parts: tuple[str, ...]) -> Placement:
    # examples/common_patterns_for_connectors/<category>/<name>/file or .../<name>/file
    inner = parts[2:-1]
    if not inner:
        return Placement("pattern", "", "/".join(parts[:2]))
    name = "/".join(inner[:2])
    return Placement("pattern", name, "/".join(parts[:2] + inner[:2]))
