"""The installed SDK as indexed documents: its classes, submodules and the CLI's own help."""

from __future__ import annotations

import pytest

from core import sdk
from ingest import sdk_api

pytestmark = pytest.mark.subprocess  # the CLI's help is read by running it


def test_the_real_sdk_3_surface_is_indexed() -> None:
    docs, version = sdk_api.read_sdk("fivetran_connector_sdk")
    assert version.startswith("3.")
    paths = {d.path for d in docs}
    for name in ("Connector", "Operations", "Logging", "ConfigurationForm", "Test", "FileUpload", "form_field"):
        assert f"fivetran_connector_sdk.{name}" in paths, name
    for command in ("init", "debug", "run", "deploy", "package", "reset", "version", "configuration"):
        assert f"fivetran {command}" in paths, command
    assert all(d.kind == "sdk_api" and d.commit == version for d in docs)
    text = {d.path: d.text for d in docs}
    assert "configuration_form" in text["fivetran_connector_sdk.Connector"]
    assert "TextField" in text["fivetran_connector_sdk.form_field"]
    assert "destination.json" in text["fivetran run"] and "--configuration" in text["fivetran debug"]
    assert "--test" in text["fivetran configuration"]


def test_a_module_without_a_cli_has_no_command_documents() -> None:
    assert sdk.cli_help("json") == {}
    assert sdk.subcommands("usage: x\n\npositional arguments:\n  <command>\n    go     Go\n    help   Help\n"
                           "    wait\n                 Wait a while\n\noptions:\n  -h, --help  show\n") == {
        "go": "Go", "wait": "Wait a while"}
