"""`assistant generate`: request -> spec -> files -> lint (-> validate), reported in four sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.connector import compose, coverage, extract, hints, lint, mend, probe, writer
from assistant.connector.discover import Pick, discover
from assistant.connector.report import lint_counts, run_bullets
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult
from core.errors import AssistantError

COMPONENTS = {
    "build_session": ("rest", "authentication ({auth}) on one requests.Session"),
    "call": ("rest", "one request with retries: connection errors, 429 and 5xx back off exponentially and honour "
             "Retry-After, bodies cut off are asked for again; 401/403/404 fail fast"),
    "fetch_pages": ("rest", "{pagination} pagination, one page at a time, so no table is held in memory"),
    "sync_table": ("rest", "upserts each row, keeps the incremental cursor in state, checkpoints every {interval} "
                   "rows and at the end of each table"),
    "prepare_record": ("rest", "nested objects {nested}; lists become JSON strings"),
    "sync_children": ("parent", "child tables, read with each parent record"),
    "sync_deletes": ("deletes", "ids from the deletes endpoint become op.delete soft deletes"),
    "sync_windows": ("window", "one request per time window, with a checkpoint after each window"),
    "sync_files": ("file", "each new file matching a table's pattern is read once; a checkpoint after each file"),
    "sync_query": ("database", "rows in batches, at or after the saved cursor; a checkpoint after each batch"),
}


def _used(spec: Spec, role: str) -> bool:
    if role in ("rest", "file", "database"):
        return spec.source_type == role
    return any(getattr(t, role) is not None and (role != "deletes" or t.deletes and t.deletes.path)
               for t in spec.tables)


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


def prepare(text: str, *, spec: Spec | None = None, decided: dict[str, str] | None = None,
            config: dict[str, str] | None = None, generator_factory: Callable[[], Any] | None = None,
            retriever_factory: Callable[[], Any] | None = None) -> Draft:
    """Request text (or a ready spec) -> checked spec, the closest examples and the composed files.

    With the user's configuration the source is asked first (probe.py, and for files and databases
    the data itself), and its key names are the ones the connector reads. The model is asked only
    for what is still open; without an index or a model the draft is still made, and a note says
    what was skipped. A spec that fails its checks is mended, not refused.
    """
    notes: list[str] = []
    checked: list[str] = []
    if spec is None:
        extraction = extract.from_text(text, config)
        spec, decided = extraction.spec, extraction.decided
        if config and spec.source_type == "rest":
            checked = probe.probe(spec, config)
        elif spec.source_type != "rest" and not any("could not be read" in u for u in spec.unresolved):
            checked = extraction_checks(spec)
        if generator_factory is not None and hints.worth_asking(extraction, text):
            try:
                extraction = hints.complete_with_model(extraction, text, generator_factory())
            except AssistantError as exc:
                notes.append(f"model hints skipped: {exc.one_line()}")
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
    return Draft(spec, decided or {}, picks, notes, compose.project_files(spec), named, checked)


def extraction_checks(spec: Spec) -> list[str]:
    """For files and databases the data was read while extracting: say what it gave."""
    if spec.source_type == "database":
        return [f"{t.name}: table `{t.source_table}` read from the database; primary key "
                f"{', '.join(t.primary_key) or 'none'}" + (f", cursor `{t.cursor_column}`" if t.cursor_column else "")
                for t in spec.tables]
    if spec.source_type == "file":
        return [f"{t.name}: files `{t.files}` ({t.format}) in the folder; primary key "
                f"{', '.join(t.primary_key) or 'none'}" for t in spec.tables]
    return []


def run_and_mend(draft: Draft, out: Path, run: Callable[[], RunResult], config: dict[str, str],
                 attempts: int) -> tuple[RunResult, list[str]]:
    """Run the written project; while a failure is one the spec can express, change the spec, compose
    again and run again (bounded). Returns the last run and what was changed."""
    notes: list[str] = []
    result = run()
    for number in range(1, attempts + 1):
        if result.verdict == "PASS" or result.category != "CODE":
            break
        change = mend.after_run(draft.spec, result, config)
        if not change:
            break
        draft.files = compose.project_files(draft.spec)
        files = {n: c for n, c in draft.files.items() if n != "configuration.json"}
        writer.write(out, files, force=True, backup=False)
        notes.append(f"spec repaired after run {number}: {change}")
        result = run()
    return result, notes


def report(draft: Draft, out: Path, written: list[Path]) -> Report:
    """The four-section report on a draft written to `out`, with the written project's lint."""
    return Report(draft.spec, out, [p.name for p in written], draft.picks, lint.lint(out), draft.decided,
                  notes=list(draft.notes), named=draft.named, checked=draft.checked)


def markdown(report: Report) -> str:
    spec = report.spec
    incremental = [t.name for t in spec.tables if t.incremental or t.cursor_column or t.window or t.files]
    lines = ["## 1. Requirements analysis",
             f"- Source type: {spec.source_type}; base URL key `{spec.base_url_key}`"
             + (f" ({spec.base_url})" if spec.base_url else ""),
             f"- Auth: {spec.auth.kind}; pagination: {spec.pagination()}",
             f"- Tables: {', '.join(t.name for t in spec.tables)}; incremental: {', '.join(incremental) or 'none'}",
             "- Data volume: assumed large, so pages are streamed and checkpoints come every "
             f"{spec.checkpoint_interval} rows",
             "- Sync frequency: Fivetran's schedule; each sync resumes from the saved cursor",
             f"- AI/ML data: nested JSON is {'flattened' if spec.nested == 'flatten' else 'kept as JSON'}; new fields "
             "flow through; timestamps in cursors are normalised to UTC; null primary keys are counted per table"]
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
    lines += [f"- `{p.example}` ({p.kind}): {p.why} — {p.source}" for p in report.picks] or [
        "- No index to compare with (run `assistant ingest`); the project's own building blocks were used."]
    lines += ["", "## 3. Implementation guide", f"Files written to `{report.out}`: {', '.join(report.written)}", ""]
    values = {"auth": spec.auth.kind, "pagination": spec.pagination(), "interval": spec.checkpoint_interval,
              "nested": "flattened to parent_child columns" if spec.nested == "flatten" else "kept as JSON strings"}
    for name, (role, text) in COMPONENTS.items():
        if _used(spec, role):
            lines.append(f"- `{name}()`: {text.format(**values)}")
    lines += ["", "## 4. Testing plan",
              f"- Run: `cd {report.out} && fivetran debug --configuration configuration.json` (fill in the "
              "placeholders first), or `assistant validate " + str(report.out) + " --config FILE`",
              f"- Lint: {lint_counts(report.findings)}"]
    lines += [f"  - {f.render()}" for f in report.findings]
    if report.validation:
        lines += run_bullets(report.validation)
    lines += ["- Troubleshooting: 401/403 means credentials; 404 means base URL or endpoint; a FAIL marked CODE can be",
              "  repaired; USER and INFRA failures need a change of configuration or source, not of code"]
    lines += [f"- Note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
