"""Where a file sits in an examples repository decides its kind and example name.

Read from the tree itself, not from the repository's name, so every shape Fivetran has used works:
- fivetran/fivetran_connector_sdk (to 2026): `examples/quickstart_examples/`,
  `examples/common_patterns_for_connectors/`, `connectors/<name>/`, `all_things_ai/tutorials/`;
- fivetran/connector_sdk (2026): `examples/quickstart/`, `examples/common_patterns/`, `examples/ai/`;
- fivetran/community_connectors: one connector per top-level folder (`apache_hive/using_pyhive/`
  nests variants), next to `_template_connector/`.

A project is a folder holding a connector.py; the deepest one above a file names the file's example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

AGENT_FILES = {"AGENTS.md", "CLAUDE.md", "CLAUDE_README.md", "copilot-instructions.md"}
PROJECT_FILES = {"connector.py", "README.md", "configuration.json", "requirements.txt"}
_TEMPLATE = re.compile(r"^_?template(_connector)?$", re.I)
# Folders under examples/ by the first word of their name: quickstart_examples and quickstart,
# common_patterns_for_connectors and common_patterns, ai.
_EXAMPLE_SECTIONS = (("common_patterns", "pattern"), ("quickstart", "example"), ("ai", "tutorial"))


@dataclass(frozen=True)
class Placement:
    kind: str
    example: str  # the project folder's name within its section, "" for repository-level files
    project_dir: str  # repo-relative folder that holds the project, "" if none


def is_agent_instructions(path: PurePosixPath) -> bool:
    """Instruction files for coding agents: by their conventional names, or .md files kept in a
    `.claude` tree, `.github/instructions/` or an `agents/` folder of agent definitions."""
    parts = path.parts
    if path.name in AGENT_FILES:
        return True
    if path.suffix == ".md" and (".claude" in parts or (len(parts) >= 2 and parts[-2] == "agents")):
        return True
    return len(parts) >= 2 and parts[0] == ".github" and parts[1] == "instructions"


def _section(parts: tuple[str, ...], projects: frozenset[str]) -> tuple[str, int] | None:
    """The kind of the section a path starts in, and how many leading components name the
    section (the rest name the example); None for a path outside every section."""
    top = parts[0]
    if top == "examples" and len(parts) >= 2:
        for prefix, kind in _EXAMPLE_SECTIONS:
            if parts[1] == prefix or parts[1].startswith(prefix + "_"):
                return kind, 2
        return "example", 2 if len(parts) >= 3 else 1
    if top == "connectors":
        return "community_connector", 1
    if top == "all_things_ai":
        return "tutorial", 2 if len(parts) >= 2 and parts[1] == "tutorials" else 1
    if _TEMPLATE.match(top):
        return "template", 0
    if any(p == top or p.startswith(top + "/") for p in projects):
        return "community_connector", 0  # a top-level folder that holds a connector
    return None


def place(rel_path: str, project_dirs: frozenset[str] = frozenset()) -> Placement:
    """Classify a repo-relative POSIX path.

    `project_dirs` holds the folders that contain a connector.py; the deepest one above the file is
    its project, which names multi-level examples (`pagination/keyset`) correctly.
    """
    path = PurePosixPath(rel_path)
    parts = path.parts
    folder = "/".join(parts[:-1])
    if is_agent_instructions(path):
        return Placement("agent_instructions", folder, folder)
    project = next((p.as_posix() for p in path.parents if p.as_posix() in project_dirs), None)
    if project == "." or len(parts) == 1:
        return Placement("example" if project == "." else "doc", "", "")
    section = _section(parts, project_dirs)
    if section is None:
        return Placement("doc", "", folder)
    kind, depth = section
    if project is not None:
        name = "/".join(project.split("/")[depth:]) or project.split("/")[-1]
        return Placement(kind, name, project)
    # a file outside any project: the folders below the section name it (a section's own
    # README, examples/common_patterns/README.md, gets "")
    return Placement(kind, "/".join(parts[depth:-1]), folder)
