"""`assistant generate`: request -> spec -> files -> lint (-> validate), reported in four sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.connector import compose, coverage, extract, hooks, lint, mend, probe, writer
from assistant.connector.blocks.rest import choose_key
from assistant.connector.discover import Pick, discover
from assistant.connector.report import lint_counts, run_bullets
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult
from core.errors import AssistantError

PAGERS = {"page": "page numbers", "offset": "an offset", "cursor": "a cursor token", "keyset": "the last key seen",
          "link": "the next link", "relay": "GraphQL pageInfo.endCursor"}


def components(spec: Spec) -> list[tuple[str, str]]:
    """The engine functions this spec puts to work, and what each does for it: section 2 names them,
    section 3 explains them."""
    form = [("configuration_form", "the setup form: a field per configuration key and a connection test "
                                   "(`fivetran configuration --test` runs it)")] if spec.setup_form else []
    return _source_components(spec) + form


def _source_components(spec: Spec) -> list[tuple[str, str]]:
    if spec.source_type == "file":
        formats = ", ".join(sorted({t.format for t in spec.tables}))
        return [("sync_files", f"each {formats} file matching a table's pattern is read when it is new or changed; "
                               "a checkpoint after each file"),
                ("read_file", "CSV with its delimiter detected, JSON lines, JSON arrays; .gz files too")]
    if spec.source_type == "database":
        parts = [("sync_query", f"rows through `{spec.driver}` in batches, at or after the saved cursor; a checkpoint "
                                "after each batch")]
        if any(t.deletion_log for t in spec.tables):
            parts.append(("sync_deletion_log", "rows the source's deletion log names become op.delete; the last "
                                               "entry read is kept in state"))
        if spec.catalog == "match":
            parts.append(("table_specs", "reads the database's own catalog when the connector runs and picks the "
                                         "tables the request named"))
        return parts
    parts = [("build_session", f"{spec.auth.kind} authentication on one requests.Session"),
             ("call", "one request with retries: connection errors, " + ", ".join(map(str, spec.retry.statuses))
              + " with backoff and Retry-After, bodies cut off or not JSON asked for again; 401/403/404 fail fast")]
    if spec.computed_headers:
        parts.append(("computed_headers", "headers worked out for each request as it is sent: "
                      + ", ".join(spec.computed_headers)))
    if spec.auth.kind == "oauth2":
        parts.append(("refresh_token", "the OAuth2 client-credentials token, renewed before it expires and on a 401"))
    if spec.retry.rate_limit.remaining:
        parts.append(("note_quota", f"waits when `{spec.retry.rate_limit.remaining}` says the quota is spent"))
    for kind in dict.fromkeys(t.pagination.kind for t in spec.tables if t.pagination.kind != "none"):
        parts.append((f"pages_{kind}", f"pages by {PAGERS[kind]}, one page in memory at a time"))
    if any(t.xml_record for t in spec.tables):
        parts.append(("xml_record", "XML elements (namespaces dropped) as flat records"))
    if any(t.graphql for t in spec.tables):
        parts.append(("parse_body", "GraphQL errors inside an HTTP 200 fail the sync, or are retried when temporary"))
    parts.append(("sync_table", f"upserts each row, keeps the incremental cursor in state, checkpoints every "
                                f"{spec.checkpoint_interval} rows and after each table"))
    if any(t.deletes and t.deletes.flag for t in spec.tables):
        parts.append(("write_row", "records flagged as deleted become op.delete"))
    if any(t.parent for t in spec.tables):
        parts.append(("sync_children", "child tables, from each parent's array or a per-parent endpoint"))
    if any(t.deletes and t.deletes.path for t in spec.tables):
        parts.append(("sync_deletes", "ids from the deletes endpoint become op.delete"))
    if any(t.window for t in spec.tables):
        parts.append(("sync_windows", "one request per time window up to the last complete one, a checkpoint after "
                                      "each window"))
    nested = "flattened to parent_child columns" if spec.nested == "flatten" else "kept as JSON strings"
    parts.append(("prepare_record", f"nested objects {nested}; lists become JSON strings"))
    return parts


@dataclass
class Report:
    spec: Spec
    out: Path
    written: list[str]
    picks: list[Pick]
    findings: list[lint.Finding]
    decided: dict[str, str] = field(default_factory=dict)
    validation: RunResult | None = None
    notes: list[str] = field(default_factory=list)
    named: list[coverage.Named] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec.model_dump(),
            "requirements": {"source_type": self.spec.source_type, "auth": self.spec.auth.kind,
                             "pagination": self.spec.pagination(),
                             "tables": [t.model_dump() for t in self.spec.tables],
                             "decided_by": self.decided, "unresolved": self.spec.unresolved},
            "patterns": [p.__dict__ for p in self.picks],
            "files": self.written,
            "lint": lint.as_json(self.findings),
            "validation": self.validation.as_json() if self.validation else None,
            "notes": self.notes,
            "coverage": [n.__dict__ for n in self.named],
            "checked_against_source": self.checked,
        }


@dataclass
class Draft:
    """A spec and the files it composes to, before anything is written."""

    spec: Spec
    decided: dict[str, str]
    picks: list[Pick]
    notes: list[str]
    files: dict[str, str]
    named: list[coverage.Named] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    seen: dict[str, probe.Seen] = field(default_factory=dict)
    hooks: dict[str, str] = field(default_factory=dict)
    """Table -> the source of its model-written `parse_records_<table>`, checked on the probed body."""


def prepare(text: str, *, spec: Spec | None = None, decided: dict[str, str] | None = None,
            config: dict[str, str] | None = None, generator_factory: Callable[[], Any] | None = None,
            retriever_factory: Callable[[], Any] | None = None, hook_attempts: int = 3,
            setup_form: bool = False) -> Draft:
    """Request text (or a ready spec) -> checked spec, the closest examples and the composed files.

    With the user's configuration the source is asked first (probe.py, and for files and databases
    the data itself), and its key names are the ones the connector reads. Without an index the
    draft is still made, and a note says what was skipped. A spec that fails its checks is mended,
    not refused.
    """
    notes: list[str] = []
    checked: list[str] = []
    seen: dict[str, probe.Seen] = {}
    written: dict[str, str] = {}
    if spec is None:
        extraction = extract.from_text(text, config)
        spec, decided = extraction.spec, extraction.decided
        if config and spec.source_type == "rest":
            checked = probe.probe(spec, config, seen)
            written, hook_notes = _hooks(spec, seen, generator_factory, hook_attempts)
            checked += hook_notes
        elif spec.source_type != "rest" and not any("could not be read" in u for u in spec.unresolved):
            checked = extraction_checks(spec)
    spec.setup_form = spec.setup_form or setup_form or extract.asks_setup_form(text)
    notes += [f"spec mended: {note}" for note in mend.mend(spec)]
    spec.check()
    named = coverage.account(text, spec) if text else []
    picks: list[Pick] = []
    if retriever_factory is not None:
        query = text or spec.description or " ".join(
            [spec.auth.kind, spec.pagination(), "pagination", *(t.name for t in spec.tables)])
        try:
            picks = discover(retriever_factory(), query, spec)
        except AssistantError as exc:
            notes.append(f"no examples compared: {exc.one_line()}")
    return Draft(spec, decided or {}, picks, notes, compose.project_files(spec, written), named, checked, seen,
                 written)


def _hooks(spec: Spec, seen: dict[str, probe.Seen], generator_factory: Callable[[], Any] | None,
           attempts: int) -> tuple[dict[str, str], list[str]]:
    """A model-written parse_records for each table whose probed body the blocks could not read."""
    written: dict[str, str] = {}
    notes: list[str] = []
    for table in spec.tables:
        saw = seen.get(table.name)
        if saw is None or not saw.unparsed:
            continue
        if generator_factory is None:
            notes.append(f"{table.name}: no model to write a parse_records hook (--no-model)")
            continue
        try:
            hook, tried = hooks.write_parse_records(generator_factory(), table.name, saw.sample, attempts)
        except AssistantError as exc:
            notes.append(f"{table.name}: no hook written ({exc.one_line()})")
            continue
        notes += tried
        if hook is not None:
            written[table.name] = hook.source
            table.records = ""
            table.primary_key = choose_key(hook.rows, table.primary_key, bool(table.window))
            table.find_key = False
            seen[table.name] = probe.Seen(first=len(hook.rows))
    return written, notes


def extraction_checks(spec: Spec) -> list[str]:
    """For files and databases the data was read while extracting: say what it gave."""
    if spec.source_type == "database":
        return [f"{t.name}: " + (f"the `{t.parent.array}` JSON array of each {t.parent.table} row" if t.parent else
                                 f"table `{t.source_table}` read from the database") + "; primary key "
                f"{', '.join(t.primary_key) or 'none'}" + (f", cursor `{t.cursor_column}`" if t.cursor_column else "")
                for t in spec.tables]
    if spec.source_type == "file":
        return [f"{t.name}: files `{t.files}` ({t.format}) in the folder; primary key "
                f"{', '.join(t.primary_key) or 'none'}" for t in spec.tables]
    return []


def checked(draft: Draft, run: Callable[[Path, Path | None], RunResult]) -> Callable[[Path, Path | None], RunResult]:
    """`run`, with a clean exit checked against what the probe saw (mend.shortfall): a run that wrote too
    few rows, stopped on the first page or never advanced its cursor is a CODE failure."""
    def run_checked(project: Path, config: Path | None) -> RunResult:
        result = run(project, config)
        problem = mend.shortfall(draft.spec, result, draft.seen, project) if result.verdict == "PASS" else ""
        if problem:
            result.verdict, result.category, result.reason = "FAIL", "CODE", problem
        return result

    return run_checked


def run_and_mend(draft: Draft, out: Path, run: Callable[[Path, Path | None], RunResult], config_file: Path | None,
                 config: dict[str, str], attempts: int) -> tuple[RunResult, list[str]]:
    """Run the written project; while a failure is one the spec can express, change the spec, compose
    again and run again (bounded). Returns the last run and what was changed."""
    notes: list[str] = []
    run_checked = checked(draft, run)
    result = run_checked(out, config_file)
    for number in range(1, attempts + 1):
        if result.verdict == "PASS" or result.category != "CODE":
            break
        change = mend.after_run(draft.spec, result, config)
        if not change:
            break
        draft.files = compose.project_files(draft.spec, draft.hooks)
        files = {n: c for n, c in draft.files.items() if n != "configuration.json"}
        writer.write(out, files, force=True, backup=False)
        notes.append(f"spec repaired after run {number}: {change}")
        result = run_checked(out, config_file)
    return result, notes


def report(draft: Draft, out: Path, written: list[Path]) -> Report:
    """The four-section report on a draft written to `out`, with the written project's lint."""
    return Report(draft.spec, out, [p.name for p in written], draft.picks, lint.lint(out), draft.decided,
                  notes=list(draft.notes), named=draft.named, checked=draft.checked)


def _source_lines(spec: Spec) -> list[str]:
    """Source, access, tables and volume, in the terms of the source's kind."""
    incremental = [t.name for t in spec.tables if t.incremental or t.cursor_column or t.window or t.files]
    tables = f"- Tables: {', '.join(t.name for t in spec.tables)}; incremental: {', '.join(incremental) or 'none'}"
    if spec.source_type == "rest":
        keys = ", ".join(f"`{k}`" for k in spec.auth.config_keys()) or "none"
        return [f"- Source: a REST API; base URL from `{spec.base_url_key}`" + (f" ({spec.base_url})" if spec.base_url
                                                                               else ""),
                f"- Auth: {spec.auth.kind} (configuration keys: {keys}); pagination: {spec.pagination()}", tables,
                "- Data volume: assumed large: one page in memory at a time, a checkpoint every "
                f"{spec.checkpoint_interval} rows and after each table"]
    if spec.source_type == "file":
        return [f"- Source: a folder of files, from `{spec.config_keys()[0]}`", tables,
                "- Data volume: one file at a time, a row at a time; a checkpoint after each file"]
    if spec.catalog == "match":
        tables = (f"- Tables: the database's own, read when the connector runs, that these words name: "
                  f"{spec.runtime_scope()}"
                  + (f"; incremental on `{spec.tables[0].cursor_column}` where a table has it"
                     if spec.tables[0].cursor_column else ""))
    return [f"- Source: a {spec.driver} database file, from `{spec.config_keys()[0]}`", tables,
            "- Data volume: read in batches of 1000 rows, a checkpoint after each batch"]


def markdown(report: Report) -> str:
    spec = report.spec
    lines = ["## 1. Requirements analysis", *_source_lines(spec),
             "- Sync frequency: Fivetran's schedule; each sync resumes from the saved state",
             "- AI/ML data: only primary keys are declared, so new fields and values that change type flow "
             "through" + ("; nested JSON is " + ("flattened" if spec.nested == "flatten" else "kept as JSON") +
                          "; cursor timestamps are normalised to UTC" if spec.source_type == "rest" else "")]
    if report.named:
        lines.append(f"- Names the request gives ({len(report.named)}), and where each went:")
        lines += [f"  - {n.render()}" for n in report.named]
    lines.append("- Checked against the source:" if report.checked else
                 "- Checked against the source: no (pass --config FILE so the source is asked before code is written)")
    lines += [f"  - {c}" for c in report.checked]
    if spec.unresolved:
        lines.append("- **Left unsaid by the request (defaults used; save the spec with --save-spec, edit it, "
                     "re-run with --spec):**")
        lines += [f"  - {u}" for u in spec.unresolved]
    lines += ["", "## 2. Pattern selection"]
    used = components(spec)
    module = "rest" if spec.source_type == "rest" else "local"
    lines.append(f"- Building blocks (assistant/connector/blocks/{module}.py, tested on their own and copied into "
                 f"connector.py): {', '.join(f'`{name}()`' for name, _ in used)}")
    lines += [f"- Compared with `{p.example}` ({p.kind}): {p.why} — {p.source}" for p in report.picks] or [
        "- No index to compare with (run `assistant ingest`); the project's own building blocks were used."]
    lines += ["", "## 3. Implementation guide", f"Files written to `{report.out}`: {', '.join(report.written)}", ""]
    lines += [f"- `{name}()`: {text}" for name, text in used]
    lines += ["", "## 4. Testing plan",
              f"- Run: `cd {report.out} && fivetran debug --configuration configuration.json` (fill in the "
              "placeholders first), or `assistant validate " + str(report.out) + " --config FILE`",
              f"- Lint: {lint_counts(report.findings)}"]
    lines += [f"  - {f.render()}" for f in report.findings]
    if report.validation:
        lines += run_bullets(report.validation)
    lines.append("- Troubleshooting: " + ("401/403 means credentials; 404 means base URL or endpoint; "
                                          if spec.source_type == "rest" else "a missing path means the configuration; ")
                 + "a FAIL marked CODE can be repaired (`assistant fix`); USER and INFRA failures need a change of "
                 "configuration or source, not of code")
    lines += [f"- Note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
