"""Commands that build and check connector projects: generate, discover, lint, validate, fix, revise, runtime."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.common import at_least_one, load_settings, project_folder, services
from core import files, settings
from core.errors import UsageError

if TYPE_CHECKING:
    from assistant.connector.fix import Step
    from assistant.connector.generate import Draft
    from assistant.connector.proposal import Proposal
    from assistant.connector.validate import RunResult
    from assistant.services import Services


def _request_text(description: str | None, prompt_file: Path | None) -> str:
    text = files.read_text(prompt_file, "--prompt-file") if prompt_file else description or ""
    if not text.strip():
        raise UsageError("the description is empty; describe the source, or pass --prompt-file or --spec")
    return text


def _print_run(result: RunResult) -> None:
    from assistant.connector import report

    for line in report.run_text(result):
        click.echo(line)


@click.command()
@click.argument("description", required=False)
@click.option("--prompt-file", type=click.Path(path_type=Path), help="Read the description from this file.")
@click.option("--spec", "spec_file", type=click.Path(path_type=Path), help="A JSON/YAML spec instead of a description.")
@click.option("--out", "out_text", required=True, metavar="DIR", help="Project folder to write.")
@click.option("--force", is_flag=True, help="Replace existing files (a .bak copy of each is kept).")
@click.option("--validate", "run_validate", is_flag=True, help="Run `fivetran debug` on the result.")
@click.option("--config", type=click.Path(path_type=Path),
              help="The source's configuration (not written): the source is probed first, and the result is "
                   "validated and repaired.")
@click.option("--no-model", is_flag=True, help="Never ask the model: no hooks, no code repairs.")
@click.option("--setup-form", is_flag=True,
              help="Add a setup form (configuration_form) with a connection test; also when the request asks.")
@click.option("--save-spec", type=click.Path(path_type=Path), help="Also write the spec used, to edit and re-run.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def generate(description: str | None, prompt_file: Path | None, spec_file: Path | None, out_text: str, force: bool,
             run_validate: bool, config: Path | None, no_model: bool, setup_form: bool, save_spec: Path | None,
             as_json: bool) -> None:
    """Write a connector project (connector.py, configuration.json, requirements.txt, README.md)."""
    from assistant.connector import generate as gen
    from assistant.connector import probe, proposal, spec
    from assistant.connector.validate import read_configuration

    if not out_text.strip():
        raise UsageError("the output folder is empty; name one with --out DIR")
    out = files.output_folder(Path(out_text), "--out")
    if spec_file and (description or prompt_file):
        raise UsageError("give a description or --prompt-file, or --spec, not both")
    if save_spec:
        files.output_file(save_spec, "--save-spec")
    values = read_configuration(config) if config else None
    found = services(load_settings())
    if spec_file:
        draft = gen.prepare("", spec=spec.load(spec_file), decided={"spec": str(spec_file)}, config=values,
                            retriever_factory=found.retriever, setup_form=setup_form)
    else:
        draft = gen.prepare(_request_text(description, prompt_file), config=values,
                            generator_factory=None if no_model else found.generator, retriever_factory=found.retriever,
                            hook_attempts=found.cfg.repair_attempts, setup_form=setup_form)
    for note in draft.checked:
        if note.startswith(probe.UNREACHED):
            click.echo(f"note: {note}", err=True)
    report = gen.report(draft, out, proposal.apply(proposal.propose_generate(draft, out, force=force)))
    if save_spec:
        save_spec.write_text(draft.spec.model_dump_json(indent=2) + "\n", "utf-8")
        report.notes.append(f"spec saved to {save_spec}; edit it and re-run with --spec {save_spec}")
    if run_validate or config is not None:
        report.validation, notes = _validate_new(found, draft, out, config, values, use_model=not no_model)
        report.notes += notes
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=1, default=str))
    else:
        click.echo(gen.markdown(report))
    if report.validation and report.validation.verdict != "PASS":
        sys.exit(1)


def _validate_new(found: Services, draft: Draft, out: Path, config: Path | None, values: dict[str, str] | None, *,
                  use_model: bool) -> tuple[RunResult, list[str]]:
    """Run the new project; repair the spec while that can fix it, then the code."""
    from assistant.connector import generate as gen
    from assistant.connector import proposal

    attempts = found.cfg.repair_attempts
    result, notes = gen.run_and_mend(draft, out, found.validate, config, values or {}, attempts)
    if result.verdict == "PASS" or result.category != "CODE":
        return result, notes
    repair = _repair(found, out, config, use_model=use_model, first=result, run=gen.checked(draft, found.validate))
    proposal.apply(repair)
    assert repair.outcome is not None
    notes += [f"repair {s.attempt} ({s.how}): {s.summary}" for s in repair.outcome.steps] + repair.warnings
    return repair.run or result, notes


def _repair(found: Services, project: Path, config: Path | None, *, use_model: bool, first: RunResult | None = None,
            show: Callable[[Step], None] | None = None, attempts: int | None = None,
            run: Callable[[Path, Path | None], RunResult] | None = None) -> Proposal:
    from assistant.connector import proposal

    return proposal.propose_fix(project, run=run or found.validate, config=config,
                                attempts=attempts or found.cfg.repair_attempts,
                                generator_factory=found.generator if use_model else None,
                                show=show or (lambda step: None), first=first)


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path), help="Configuration to run with (default: the project's).")
@click.option("--log", "log_file", type=click.Path(path_type=Path), help="A failing `fivetran debug` log.")
@click.option("--attempts", type=int, show_default=str(settings.default("repair_attempts")),
              help="Repair attempts before giving up.")
@click.option("--no-model", is_flag=True, help="Only the mechanical lint fixes; never ask the model.")
def fix(project: Path, config: Path | None, log_file: Path | None, attempts: int | None, no_model: bool) -> None:
    """Repair PROJECT: mechanical fixes for lint errors, then the model for runtime errors; shows every diff."""
    from assistant.connector import proposal

    project_folder(project)
    at_least_one(attempts, "--attempts")
    found = services(load_settings(repair_attempts=attempts))
    first = _known_failure(project, config, log_file) if log_file else None

    def show(step: Step) -> None:
        click.echo(f"attempt {step.attempt} ({step.how}): {step.summary}")
        click.echo(step.diff, nl=False)

    repair = _repair(found, project, config, use_model=not no_model, first=first, show=show)
    proposal.apply(repair)
    outcome = repair.outcome
    assert outcome is not None
    if outcome.result is not None:
        _print_run(outcome.result)
    if outcome.fixed:
        click.echo("FIXED" if outcome.steps else "nothing to fix")
        return
    click.echo(f"NOT FIXED: {outcome.stopped_because}")
    sys.exit(1)


def _known_failure(project: Path, config: Path | None, log_file: Path) -> RunResult:
    """A failure read from a saved `fivetran debug` log, with the configuration's secrets masked."""
    from assistant.connector import validate
    from core.secrets import secret_values

    text = files.read_text(log_file, "--log")
    config_path = config or project / "configuration.json"
    secrets = sorted(secret_values(validate.read_configuration(config_path))) if config_path.exists() else []
    return validate.from_log(text, project, secrets)


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.argument("request")
@click.option("--yes", is_flag=True, help="Apply without asking (the warnings are still shown).")
@click.option("--config", type=click.Path(path_type=Path), help="Validate with this configuration afterwards.")
def revise(project: Path, request: str, yes: bool, config: Path | None) -> None:
    """Change a generated PROJECT as REQUEST says; shows the diff and warns before schema or state changes."""
    from assistant.connector import lint, proposal, report
    from assistant.connector import revise as revising

    project_folder(project)
    change = revising.revise(project, request)
    for note in change.notes:
        click.echo(f"change: {note}")
    for warning in change.warnings:
        click.echo(f"WARNING: {warning}")
    click.echo(change.diff, nl=False)
    if not yes and not click.confirm("Apply these changes?", default=False):
        click.echo("nothing written")
        sys.exit(1)
    proposal.apply(change)
    click.echo(f"written; lint {report.lint_verdict(lint.lint(project))}")
    if config is not None:
        result = services(load_settings()).validate(project, config)
        _print_run(result)
        if result.verdict != "PASS":
            sys.exit(1)


@click.command()
@click.argument("description")
def discover(description: str) -> None:
    """Show the examples and patterns closest to a described source, and why each was chosen."""
    from assistant.connector import extract
    from assistant.connector.discover import discover as find

    if not description.strip():
        raise UsageError("the description is empty")
    spec = extract.from_text(description).spec
    for pick in find(services(load_settings()).retriever(), description, spec):
        click.echo(f"- {pick.example} ({pick.kind}): {pick.why}\n    {pick.source}")


@click.command("lint")
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def lint_cmd(project: Path, as_json: bool) -> None:
    """Check a connector project against the SDK's rules and the installed SDK's API (no model)."""
    from assistant.connector import lint, report

    findings = lint.lint(project_folder(project))
    errors = report.error_count(findings)
    if as_json:
        click.echo(json.dumps({"findings": lint.as_json(findings), "verdict": "FAIL" if errors else "PASS"}, indent=1))
    else:
        for finding in findings:
            click.echo(finding.render())
        click.echo(report.lint_summary(findings))
    if errors:
        sys.exit(1)


@click.command("validate")
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path), help="Configuration to run with (default: the project's).")
@click.option("--timeout", type=float,
              help=f"Seconds before the run is killed (default {settings.default('validate_timeout'):.0f}).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate_cmd(project: Path, config: Path | None, timeout: float | None, as_json: bool) -> None:
    """Lint, then run `fivetran debug` on PROJECT offline and report PASS or FAIL with row counts."""
    if timeout is not None and not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(f"--timeout must be a positive, finite number of seconds, not {timeout}")
    found = services(load_settings(validate_timeout=timeout))
    result = found.validate(project_folder(project), config)
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=1, default=str))
    else:
        _print_run(result)
    if result.verdict != "PASS":
        sys.exit(1)


@click.group()
def runtime() -> None:
    """The venv `fivetran debug` runs in."""


@runtime.command("setup")
def runtime_setup() -> None:
    """Create (or repair) the runtime venv with fivetran-connector-sdk 3.x and requests."""
    from assistant.connector import runtime_venv

    venv = runtime_venv.location(load_settings().runtime_venv)
    click.echo(f"fivetran-connector-sdk {runtime_venv.setup(venv)} ready in {venv}")
