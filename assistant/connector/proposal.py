"""Every change to a project is a Proposal: the files, their diff and what they mean, worked out in
full before anything is written. generate, fix and revise all produce one; `apply` writes it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.connector import fix, writer
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult

if TYPE_CHECKING:
    from assistant.connector.generate import Draft

SCRATCH_IGNORE = shutil.ignore_patterns("files", "crash-reports", "__pycache__", "*.bak", ".*")


@dataclass
class Proposal:
    project: Path
    files: dict[str, str]  # the files to write, with their new content
    diff: str  # against what is on disk now
    replaces: list[str] = field(default_factory=list)  # files that exist and are replaced (a .bak is kept)
    notes: list[str] = field(default_factory=list)  # what was done or changes: facts, repair steps, changes
    warnings: list[str] = field(default_factory=list)  # what it means for synced data, or what is unsettled
    spec: Spec | None = None  # generate, revise: the spec the files are composed from
    draft: Draft | None = None  # generate: the examples compared and where each fact came from
    outcome: fix.Outcome | None = None  # fix: the repair steps and the last run, in a scratch copy

    @property
    def fixed(self) -> bool:
        """For a repair: whether the scratch copy passed (or had nothing to fix)."""
        return bool(self.outcome and self.outcome.fixed)

    @property
    def run(self) -> RunResult | None:
        return self.outcome.result if self.outcome else None


def apply(proposal: Proposal) -> list[Path]:
    """Write the proposal through the one writer; a .bak of every file it replaces is kept."""
    return writer.write(proposal.project, proposal.files, force=True) if proposal.files else []


def propose_generate(draft: Draft, out: Path, *, force: bool = True) -> Proposal:
    """The draft's files for `out`; without `force`, files already there are refused now, not later."""
    planned = writer.plan(out, draft.files, force=force)
    _, diff = writer.changes(out, draft.files)
    return Proposal(out, dict(draft.files), diff, [p.name for p in planned if p.replaces], list(draft.notes),
                    list(draft.spec.unresolved), spec=draft.spec, draft=draft)


def propose_fix(project: Path, *, run: Callable[[Path, Path | None], RunResult], config: Path | None = None,
                attempts: int = 3, generator_factory: Callable[[], Any] | None = None,
                show: Callable[[fix.Step], None] = lambda step: None, first: RunResult | None = None,
                should_stop: Callable[[], bool] | None = None) -> Proposal:
    """Repair a scratch copy (lint fixes, runs, model patches) and propose what changed in it.

    `config` None means the project's own configuration.json (the scratch copy's, then)."""
    scratch_root = Path(tempfile.mkdtemp(prefix="csdk-fix-"))
    try:
        scratch = scratch_root / project.name
        shutil.copytree(project, scratch, ignore=SCRATCH_IGNORE)
        own = config is None or config == project / "configuration.json"
        run_config = scratch / "configuration.json" if own else config
        outcome = fix.repair(scratch, attempts=attempts, run=lambda: run(scratch, run_config),
                             generator_factory=generator_factory, show=show, first=first, should_stop=should_stop)
        after = {n: (scratch / n).read_text("utf-8") for n in writer.PROJECT_FILES if (scratch / n).is_file()}
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)
    changed, diff = writer.changes(project, after)
    return Proposal(project, changed, diff, [n for n in changed if (project / n).exists()],
                    [f"{s.how}: {s.summary}" for s in outcome.steps],
                    [outcome.stopped_because] if outcome.stopped_because else [], outcome=outcome)
