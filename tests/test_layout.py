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
