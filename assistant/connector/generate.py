"""`assistant generate`: request -> spec -> files -> lint (-> validate), reported in four sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.connector import compose, extract, hints, lint
from assistant.connector.discover import Pick, discover
from assistant.connector.report import lint_counts, run_bullets
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult
from core.errors import AssistantError

KEY_COMPONENTS = {
    "build_session": "authentication ({auth}) on one requests.Session",
    "get_json": "GET with retries: 429 and 5xx back off exponentially and honour Retry-After; 401/403/404 fail fast",
    "fetch_pages": "{pagination} pagination, yielding one page at a time so no table is held in memory",
    "sync_table": "upserts each row, keeps the incremental cursor in state, checkpoints every {interval} rows "
                  "and at the end of each table",
    "prepare_record": "nested objects {nested}; lists become JSON strings",
    "sync_deletes": "ids from the deletes endpoint become op.delete soft deletes",
}


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

    def as_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec.model_dump(),
            "requirements": {"source_type": self.spec.source_type, "auth": self.spec.auth.kind,
                             "pagination": self.spec.pagination.kind,
                             "tables": [t.model_dump() for t in self.spec.tables],
                             "decided_by": self.decided, "unresolved": self.spec.unresolved},
            "patterns": [p.__dict__ for p in self.picks],
            "files": self.written,
            "lint": lint.as_json(self.findings),
            "validation": self.validation.as_json() if self.validation else None,
            "notes": self.notes,
        }


@dataclass
class Draft:
    """A spec and the files it composes to, before anything is written."""

    spec: Spec
    decided: dict[str, str]
    picks: list[Pick]
    notes: list[str]
    files: dict[str, str]


def prepare(text: str, *, spec: Spec | None = None, decided: dict[str, str] | None = None,
            generator_factory: Callable[[], Any] | None = None,
            retriever_factory: Callable[[], Any] | None = None) -> Draft:
    """Request text (or a ready spec) -> checked spec, the closest examples and the composed files.

    The model is asked only for what the text leaves open; without an index or a model the draft
    is still made, and a note says what was skipped.
    """
    notes: list[str] = []
    if spec is None:
        extraction = extract.from_text(text)
        if extraction.spec.unresolved and generator_factory is not None:
            try:
                extraction = hints.complete_with_model(extraction, text, generator_factory())
            except AssistantError as exc:
                notes.append(f"model hints skipped: {exc.one_line()}")
        spec, decided = extraction.spec.check(), extraction.decided
    picks: list[Pick] = []
    if retriever_factory is not None:
        query = text or spec.description or " ".join(
            [spec.auth.kind, spec.pagination.kind, "pagination", *(t.name for t in spec.tables)])
        try:
            picks = discover(retriever_factory(), query, spec)
        except AssistantError as exc:
            notes.append(f"no examples compared: {exc.one_line()}")
    return Draft(spec, decided or {}, picks, notes, compose.project_files(spec))


def report(draft: Draft, out: Path, written: list[Path]) -> Report:
    """The four-section report on a draft written to `out`, with the written project's lint."""
    return Report(draft.spec, out, [p.name for p in written], draft.picks, lint.lint(out), draft.decided,
                  notes=list(draft.notes))


def markdown(report: Report) -> str:
    spec = report.spec
    incremental = [t.name for t in spec.tables if t.incremental_field and not t.parent]
    lines = ["## 1. Requirements analysis",
             f"- Source type: {spec.source_type}; base URL key `{spec.base_url_key}`"
             + (f" ({spec.base_url})" if spec.base_url else ""),
             f"- Auth: {spec.auth.kind}; pagination: {spec.pagination.kind}",
             f"- Tables: {', '.join(t.name for t in spec.tables)}; incremental: {', '.join(incremental) or 'none'}",
             "- Data volume: assumed large, so pages are streamed and checkpoints come every "
             f"{spec.checkpoint_interval} rows",
             "- Sync frequency: Fivetran's schedule; each sync resumes from the saved cursor",
             f"- AI/ML data: nested JSON is {'flattened' if spec.nested == 'flatten' else 'kept as JSON'}; new fields "
             "flow through; timestamps in cursors are normalised to UTC; null primary keys are counted per table"]
    if spec.unresolved:
        lines.append("- **Not settled by the request (defaults used; save the spec with --save-spec, edit it, "
                     "re-run with --spec):**")
        lines += [f"  - {u}" for u in spec.unresolved]
    lines += ["", "## 2. Pattern selection"]
    lines += [f"- `{p.example}` ({p.kind}): {p.why} — {p.source}" for p in report.picks] or [
        "- No index to compare with (run `assistant ingest`); the project's own building blocks were used."]
    lines += ["", "## 3. Implementation guide", f"Files written to `{report.out}`: {', '.join(report.written)}", ""]
    values = {"auth": spec.auth.kind, "pagination": spec.pagination.kind, "interval": spec.checkpoint_interval,
              "nested": "flattened to parent_child columns" if spec.nested == "flatten" else "kept as JSON strings"}
    for name, text in KEY_COMPONENTS.items():
        if name != "sync_deletes" or any(t.deletes_endpoint for t in spec.tables):
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
