"""CLI commands that build and check connector projects: generate, discover, lint, validate, runtime."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from assistant.cli_common import load_settings
from assistant.errors import UsageError


def _request_text(description: str | None, prompt_file: Path | None) -> str:
    if prompt_file:
        try:
            text = prompt_file.read_text("utf-8")
        except OSError as exc:
            raise UsageError(f"{prompt_file}: cannot read it ({exc.strerror})") from exc
    else:
        text = description or ""
    if not text.strip():
        raise UsageError("the description is empty; describe the source, or pass --prompt-file or --spec")
    return text


def _retriever(cfg: Any) -> Any:
    from index.retrieve import Retriever
    from index.store import connect
    from ingest import embed

    return Retriever(connect(cfg.chroma_url), embed.make(cfg.embedder))


def _project(path: Path) -> Path:
    """A connector project folder, or one clear error saying what is wrong with the path."""
    if not path.exists():
        raise UsageError(f"{path}: no such project folder")
    if not path.is_dir():
        raise UsageError(f"{path} is a file, not a project folder")
    if not (path / "connector.py").is_file():
        raise UsageError(f"{path}: no connector.py in it")
    return path


def _validate(out: Path, config: Path | None, cfg: Any) -> Any:
    from assistant import runtime_env, validate

    return validate.validate(out, config=config, venv=runtime_env.location(cfg.runtime_venv),
                             timeout=cfg.validate_timeout)


def _print_validation(result: Any) -> None:
    click.echo(f"{result.verdict}" + (f" ({result.category}): {result.reason}" if result.verdict != "PASS"
                                     else f": {result.reason} in {result.seconds:.1f} s"))
    if result.operations:
        click.echo("operations: " + ", ".join(f"{k} {v}" for k, v in result.operations.items()))
    for table in result.tables:
        click.echo(f"  {table.name}: {table.rows} rows, primary key {', '.join(table.primary_key) or 'none'}, "
                   f"{len(table.columns)} columns")
    for finding in result.findings:
        click.echo(f"  {finding.render()}")
    if result.verdict != "PASS" and result.log_tail:
        click.echo("last lines of the log (configuration values masked):")
        for line in result.log_tail[-12:]:
            click.echo(f"  {line}")
    if result.category in ("USER", "INFRA"):
        click.echo("This is not a code problem: check the configuration, the credentials and that the source is up.")


@click.command()
@click.argument("description", required=False)
@click.option("--prompt-file", type=click.Path(path_type=Path), help="Read the description from this file.")
@click.option("--spec", "spec_file", type=click.Path(path_type=Path), help="A JSON/YAML spec instead of a description.")
@click.option("--out", "out_text", required=True, metavar="DIR", help="Project folder to write.")
@click.option("--force", is_flag=True, help="Replace existing files (a .bak copy of each is kept).")
@click.option("--validate", "run_validate", is_flag=True, help="Run `fivetran debug` on the result.")
@click.option("--config", type=click.Path(path_type=Path), help="Configuration for --validate (not written).")
@click.option("--no-model", is_flag=True, help="Use only what the description states; no model hints.")
@click.option("--save-spec", type=click.Path(path_type=Path), help="Also write the spec used, to edit and re-run.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def generate(description: str | None, prompt_file: Path | None, spec_file: Path | None, out_text: str, force: bool,
             run_validate: bool, config: Path | None, no_model: bool, save_spec: Path | None, as_json: bool) -> None:
    """Write a connector project (connector.py, configuration.json, requirements.txt, README.md)."""
    from assistant import generate as gen
    from assistant import spec as spec_mod

    if not out_text.strip():
        raise UsageError("the output folder is empty; name one with --out DIR")
    out = Path(out_text)
    if spec_file and (description or prompt_file):
        raise UsageError("give a description or --prompt-file, or --spec, not both")
    if config and not run_validate:
        raise UsageError("--config is only used with --validate")
    cfg = load_settings()

    def model() -> Any:
        from assistant.cli_model import load_generator

        return load_generator(cfg)

    if spec_file:
        draft = gen.prepare("", spec=spec_mod.load(spec_file), decided={"spec": str(spec_file)},
                            retriever_factory=lambda: _retriever(cfg))
    else:
        draft = gen.prepare(_request_text(description, prompt_file), generator_factory=None if no_model else model,
                            retriever_factory=lambda: _retriever(cfg))
    spec, notes = draft.spec, draft.notes
    written, findings = gen.build(draft.files, out, force=force)
    if save_spec:
        save_spec.write_text(spec.model_dump_json(indent=2) + "\n", "utf-8")
        notes.append(f"spec saved to {save_spec}; edit it and re-run with --spec {save_spec}")
    report = gen.Report(spec, out, written, draft.picks, findings, draft.decided, notes=notes)
    if run_validate:
        outcome = _repair(out, config, cfg, attempts=3, use_model=not no_model, first=None,
                          show=lambda step: None)
        report.validation = outcome.result
        report.notes += [f"repair {s.attempt} ({s.how}): {s.summary}" for s in outcome.steps]
        if outcome.stopped_because:
            report.notes.append(outcome.stopped_because)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=1, default=str))
    else:
        click.echo(gen.markdown(report))
    if report.validation and report.validation.verdict != "PASS":
        sys.exit(1)


def _repair(project: Path, config: Path | None, cfg: Any, *, attempts: int, use_model: bool, first: Any,
            show: Any) -> Any:
    from assistant import fix

    def factory() -> Any:
        from assistant.cli_model import load_generator

        return load_generator(cfg)

    return fix.repair(project, attempts=attempts, run=lambda: _validate(project, config, cfg),
                      generator_factory=factory if use_model else None, show=show, first=first)


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path), help="Configuration to run with (default: the project's).")
@click.option("--log", "log_file", type=click.Path(path_type=Path), help="A failing `fivetran debug` log.")
@click.option("--attempts", default=3, show_default=True, help="Repair attempts before giving up.")
@click.option("--no-model", is_flag=True, help="Only the mechanical lint fixes; never ask the model.")
def fix(project: Path, config: Path | None, log_file: Path | None, attempts: int, no_model: bool) -> None:
    """Repair PROJECT: mechanical fixes for lint errors, then the model for runtime errors; shows every diff."""
    from assistant import validate

    _project(project)
    if attempts < 1:
        raise UsageError("--attempts must be at least 1")
    cfg = load_settings()
    first = None
    if log_file:
        try:
            text = log_file.read_text("utf-8", errors="replace")
        except OSError as exc:
            raise UsageError(f"{log_file}: cannot read it ({exc.strerror})") from exc
        secrets = []
        config_path = config or project / "configuration.json"
        if config_path.exists():
            from assistant import lint

            secrets = sorted(lint.secret_values(json.loads(config_path.read_text("utf-8"))))
        first = validate.from_log(text, project, secrets)

    def show(step: Any) -> None:
        click.echo(f"attempt {step.attempt} ({step.how}): {step.summary}")
        click.echo(step.diff, nl=False)

    outcome = _repair(project, config, cfg, attempts=attempts, use_model=not no_model, first=first, show=show)
    if outcome.result is not None:
        _print_validation(outcome.result)
    if outcome.fixed:
        click.echo("FIXED" if outcome.steps else "nothing to fix")
        return
    click.echo(f"NOT FIXED: {outcome.stopped_because}")
    sys.exit(1)


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.argument("request")
@click.option("--yes", is_flag=True, help="Apply without asking (the warnings are still shown).")
@click.option("--config", type=click.Path(path_type=Path), help="Validate with this configuration afterwards.")
def revise(project: Path, request: str, yes: bool, config: Path | None) -> None:
    """Change a generated PROJECT as REQUEST says; shows the diff and warns before schema or state changes."""
    from assistant import lint, writer
    from assistant import revise as rev

    _project(project)
    revision = rev.revise(project, request)
    for change in revision.changes:
        click.echo(f"change: {change}")
    for warning in revision.warnings:
        click.echo(f"WARNING: {warning}")
    click.echo(revision.diff, nl=False)
    if not yes and not click.confirm("Apply these changes?", default=False):
        click.echo("nothing written")
        sys.exit(1)
    writer.write(project, revision.files, force=True)
    findings = lint.lint(project)
    errors = sum(f.severity == "error" for f in findings)
    click.echo(f"written; lint {'PASS' if not errors else 'FAIL'} ({errors} error(s))")
    if config is not None:
        result = _validate(project, config, load_settings())
        _print_validation(result)
        if result.verdict != "PASS":
            sys.exit(1)


@click.command()
@click.argument("description")
def discover(description: str) -> None:
    """Show the examples and patterns closest to a described source, and why each was chosen."""
    from assistant import extract
    from assistant.discover import discover as find

    if not description.strip():
        raise UsageError("the description is empty")
    spec = extract.from_text(description).spec
    for pick in find(_retriever(load_settings()), description, spec):
        click.echo(f"- {pick.example} ({pick.kind}): {pick.why}\n    {pick.source}")


@click.command("lint")
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def lint_cmd(project: Path, as_json: bool) -> None:
    """Check a connector project against the SDK's rules and the installed SDK's API (no model)."""
    from assistant import lint

    findings = lint.lint(_project(project))
    errors = sum(f.severity == "error" for f in findings)
    if as_json:
        click.echo(json.dumps({"findings": lint.as_json(findings), "verdict": "FAIL" if errors else "PASS"}, indent=1))
    else:
        for finding in findings:
            click.echo(finding.render())
        click.echo(f"{'FAIL' if errors else 'PASS'}: {errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        sys.exit(1)


@click.command("validate")
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path), help="Configuration to run with (default: the project's).")
@click.option("--timeout", type=float, help="Seconds before the run is killed (default 120).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate_cmd(project: Path, config: Path | None, timeout: float | None, as_json: bool) -> None:
    """Lint, then run `fivetran debug` on PROJECT offline and report PASS or FAIL with row counts."""
    if timeout is not None and timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    cfg = load_settings(validate_timeout=timeout)
    _project(project)
    result = _validate(project, config, cfg)
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=1, default=str))
    else:
        _print_validation(result)
    if result.verdict != "PASS":
        sys.exit(1)


@click.group()
def runtime() -> None:
    """The venv `fivetran debug` runs in."""


@runtime.command("setup")
def runtime_setup() -> None:
    """Create (or repair) the runtime venv with fivetran-connector-sdk 3.x and requests."""
    from assistant import runtime_env

    venv = runtime_env.location(load_settings().runtime_venv)
    click.echo(f"fivetran-connector-sdk {runtime_env.setup(venv)} ready in {venv}")
