"""The one renderer of lint findings and `fivetran debug` results, for the CLI and the chat alike."""

from __future__ import annotations

from assistant.connector.lint import Finding
from assistant.connector.validate import RunResult, TableInfo

LOG_NOTE = "last lines of the log (configuration values masked):"
NOT_CODE = "This is not a code problem: check the configuration, the credentials and that the source is up."


def error_count(findings: list[Finding]) -> int:
    return sum(f.severity == "error" for f in findings)


def lint_counts(findings: list[Finding]) -> str:
    """"0 error(s), 2 warning(s)"."""
    errors = error_count(findings)
    return f"{errors} error(s), {len(findings) - errors} warning(s)"


def lint_summary(findings: list[Finding]) -> str:
    """"PASS: 0 error(s), 2 warning(s)"."""
    return f"{'FAIL' if error_count(findings) else 'PASS'}: {lint_counts(findings)}"


def lint_verdict(findings: list[Finding]) -> str:
    """"PASS (0 error(s))", after a change was written."""
    errors = error_count(findings)
    return f"{'PASS' if not errors else 'FAIL'} ({errors} error(s))"


def verdict(result: RunResult) -> str:
    """The CLI's first line: "PASS: fivetran debug succeeded in 4.2 s", "FAIL (USER): HTTP 401 ..."."""
    if result.verdict == "PASS":
        return f"{result.verdict}: {result.reason} in {result.seconds:.1f} s"
    return f"{result.verdict} ({result.category}): {result.reason}"


def headline(result: RunResult) -> str:
    """The chat's headline: "PASS after 4.2 s: fivetran debug succeeded", "FAIL (USER) after 3.0 s: ..."."""
    label = result.verdict + (f" ({result.category})" if result.category else "")
    return label + (f" after {result.seconds:.1f} s" if result.seconds else "") + f": {result.reason}"


def operations(result: RunResult) -> str:
    """"Upserts 57, Checkpoints 2"; empty when the run printed no counts."""
    return ", ".join(f"{name} {count}" for name, count in result.operations.items())


def table_line(table: TableInfo) -> str:
    return (f"{table.name}: {table.rows} rows, primary key {', '.join(table.primary_key) or 'none'}, "
            f"{len(table.columns)} columns")


def run_text(result: RunResult) -> list[str]:
    """What `assistant validate` prints."""
    lines = [verdict(result)]
    if result.operations:
        lines.append(f"operations: {operations(result)}")
    lines += [f"  {table_line(t)}" for t in result.tables]
    lines += [f"  {f.render()}" for f in result.findings]
    if result.verdict != "PASS" and result.log_tail:
        lines.append(LOG_NOTE)
        lines += [f"  {line}" for line in result.log_tail[-12:]]
    if result.category in ("USER", "INFRA"):
        lines.append(NOT_CODE)
    if result.isolation:
        lines.append(f"isolation: {result.isolation}")
    return lines


def run_pane(result: RunResult) -> str:
    """The chat's Run tab: headline, counts, lint errors and, after a failure, the log's end."""
    lines = [headline(result), f"operations: {operations(result) or 'none'}"]
    lines += [f.render() for f in result.findings if f.severity == "error"]
    if result.verdict != "PASS" and result.log_tail:
        lines += ["", LOG_NOTE, *result.log_tail[-8:]]
    return "\n".join(lines)


def run_markdown(result: RunResult) -> str:
    """The chat's note after a run."""
    label, rest = headline(result).split(" ", 1)
    head = f"**{label}** {rest}"
    errors = [f"`{f.rule}` {f.file}:{f.line} {f.message}" for f in result.findings if f.severity == "error"]
    if errors:
        head += "\n\n" + "\n".join(f"- {e}" for e in errors[:8])
    rows = [f"- `{t.name}`: {t.rows} rows" for t in result.tables]
    ops = operations(result)
    return "\n\n".join([head, *([f"operations: {ops}"] if ops else []), "\n".join(rows)]).strip()


def run_bullets(result: RunResult) -> list[str]:
    """The generate report's validation lines."""
    lines = [f"- Validation: **{result.verdict}**"
             + (f" ({result.category}: {result.reason})" if result.verdict != "PASS" else "")]
    return lines + [f"  - {t.name}: {t.rows} rows, primary key {', '.join(t.primary_key) or 'none'}"
                    for t in result.tables]
