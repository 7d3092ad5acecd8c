from __future__ import annotations

import pytest

from ingest.layout import place

PROJECTS = frozenset({
    "examples/quickstart_examples/hello",
    "examples/quickstart_examples/large_data_set/with_pagination",
    "examples/common_patterns_for_connectors/pagination/keyset",
    "examples/common_patterns_for_connectors/hashes",
    "connectors/redshift/redshift_connector",
    "template_connector",
})


@pytest.mark.parametrize(("path", "kind", "example"), [
    ("examples/quickstart_examples/hello/connector.py", "example", "hello"),
    ("examples/quickstart_examples/large_data_set/with_pagination/README.md", "example",
     "large_data_set/with_pagination"),
    ("examples/common_patterns_for_connectors/pagination/keyset/connector.py", "pattern", "pagination/keyset"),
    ("examples/common_patterns_for_connectors/hashes/configuration.json", "pattern", "hashes"),
    ("connectors/redshift/redshift_connector/utils/helpers.py", "community_connector", "redshift/redshift_connector"),
    ("connectors/zendesk/README.md", "community_connector", "zendesk"),
    ("template_connector/connector.py", "template", "template_connector"),
    ("all_things_ai/tutorials/vector_search/README.md", "tutorial", "vector_search"),
    ("README.md", "doc", ""),
    ("FAQ.md", "doc", ""),
    ("PYTHON_CODING_STANDARDS.md", "doc", ""),
    ("AGENTS.md", "agent_instructions", ""),
    ("all_things_ai/ai_agents/claude_code/CLAUDE.md", "agent_instructions", "all_things_ai/ai_agents/claude_code"),
    ("all_things_ai/ai_agents/claude_code/.claude/agents/ft-csdk-fix.md", "agent_instructions",
     "all_things_ai/ai_agents/claude_code/.claude/agents"),
    (".github/copilot-instructions.md", "agent_instructions", ".github"),
    (".github/instructions/python-review.instructions.md", "agent_instructions", ".github/instructions"),
])
def test_place_follows_the_real_layout(path: str, kind: str, example: str) -> None:
    where = place(path, PROJECTS)
    assert (where.kind, where.example) == (kind, example)


# fivetran/connector_sdk as renamed in 2026
NEW_PROJECTS = frozenset({
    "examples/quickstart/hello",
    "examples/common_patterns/pagination/keyset",
    "examples/common_patterns/hashes",
    "examples/ai/claude/fda_drug_tutorial/fda_drug_connector",
    "template_connector",
})


@pytest.mark.parametrize(("path", "kind", "example"), [
    ("examples/quickstart/hello/connector.py", "example", "hello"),
    ("examples/common_patterns/pagination/keyset/connector.py", "pattern", "pagination/keyset"),
    ("examples/common_patterns/hashes/README.md", "pattern", "hashes"),
    ("examples/common_patterns/README.md", "pattern", ""),
    ("examples/ai/claude/fda_drug_tutorial/fda_drug_connector/connector.py", "tutorial",
     "claude/fda_drug_tutorial/fda_drug_connector"),
    ("examples/ai/claude/fda_drug_tutorial/fda_drug_tutorial.md", "tutorial", "claude/fda_drug_tutorial"),
    ("examples/ai/claude/CLAUDE.md", "agent_instructions", "examples/ai/claude"),
    ("examples/ai/claude/agents/ft-csdk-fix.md", "agent_instructions", "examples/ai/claude/agents"),
    ("template_connector/README_template.md", "template", "template_connector"),
    ("all_things_ai/ai_agents/cursor/AGENTS.md", "agent_instructions", "all_things_ai/ai_agents/cursor"),
    ("FAQ.md", "doc", ""),
])
def test_place_follows_the_2026_connector_sdk_layout(path: str, kind: str, example: str) -> None:
    where = place(path, NEW_PROJECTS)
    assert (where.kind, where.example) == (kind, example)


# fivetran/community_connectors: one folder per connector at the top, variants nested
COMMUNITY = frozenset({"zendesk", "apache_hive/using_pyhive", "apache_hive/using_sqlalchemy",
                       "_template_connector"})


@pytest.mark.parametrize(("path", "kind", "example", "project"), [
    ("zendesk/connector.py", "community_connector", "zendesk", "zendesk"),
    ("zendesk/utils/client.py", "community_connector", "zendesk", "zendesk"),
    ("apache_hive/using_pyhive/connector.py", "community_connector", "apache_hive/using_pyhive",
     "apache_hive/using_pyhive"),
    ("apache_hive/README.md", "community_connector", "apache_hive", "apache_hive"),
    ("_template_connector/connector.py", "template", "_template_connector", "_template_connector"),
    ("docs/contributing.md", "doc", "", "docs"),
    ("PYTHON_CODING_STANDARDS.md", "doc", "", ""),
    (".github/copilot-instructions.md", "agent_instructions", ".github", ".github"),
])
def test_place_follows_the_community_connectors_layout(path: str, kind: str, example: str, project: str) -> None:
    where = place(path, COMMUNITY)
    assert (where.kind, where.example, where.project_dir) == (kind, example, project)


def test_a_repository_that_is_one_connector_is_an_example() -> None:
    assert place("connector.py", frozenset({"."})).kind == "example"
    assert place("README.md", frozenset({"."})).kind == "example"
