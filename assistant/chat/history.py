"""Chat sessions on disk: one JSON file each, reopened with `assistant chat --resume`.

Configuration secrets never reach the file: every value the session has seen in a configuration
(tokens, passwords, keys, and any long opaque string) is masked before the turns are written or
exported, in questions and answers alike.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core import paths
from core.errors import UsageError
from core.secrets import mask


@dataclass
class Turn:
    role: str  # "user" (a question) | "assistant" | "command" (a slash command) | "note" (its outcome)
    text: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    at: float = field(default_factory=time.time)
    stopped: bool = False  # an answer cut short with Esc: shown, never used as memory


@dataclass
class ChatSession:
    id: str
    created: float
    turns: list[Turn] = field(default_factory=list)
    project: str | None = None
    configs: dict[str, str] = field(default_factory=dict)  # project -> the configuration file used (a path only)
    secrets: set[str] = field(default_factory=set, repr=False)  # kept in memory only

    @classmethod
    def new(cls) -> ChatSession:
        return cls(time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6], time.time())

    @property
    def file(self) -> Path:
        return paths.chats_dir() / f"{self.id}.json"

    def add(self, role: str, text: str, sources: list[dict[str, Any]] | None = None, *, stopped: bool = False) -> Turn:
        turn = Turn(role, text, sources or [], stopped=stopped)
        self.turns.append(turn)
        return turn

    def pairs(self) -> list[tuple[str, str]]:
        """(question, answer) for each answered question, oldest first: the model's memory."""
        out = []
        for ask, reply in zip(self.turns, self.turns[1:], strict=False):
            if ask.role == "user" and reply.role == "assistant" and reply.text and not reply.stopped:
                out.append((ask.text, reply.text))
        return out

    def to_json(self) -> dict[str, Any]:
        turns = [{**asdict(t), "text": mask(t.text, self.secrets),
                  "sources": json.loads(mask(json.dumps(t.sources), self.secrets))} for t in self.turns]
        return {"id": self.id, "created": self.created, "project": self.project, "configs": self.configs,
                "turns": turns}

    def save(self) -> Path:
        """Atomic: a crash mid-write leaves the previous file."""
        target = paths.ensure(paths.chats_dir()) / f"{self.id}.json"
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".chat-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.to_json(), handle, indent=1)
        os.replace(tmp, target)
        return target

    def markdown(self) -> str:
        lines = [f"# csdk-assistant chat {self.id}", ""]
        for turn in self.turns:
            text = mask(turn.text, self.secrets)
            if turn.role == "user":
                lines += [f"## Q: {text}", ""]
            elif turn.role == "command":
                lines += [f"## {text}", ""]
            elif turn.role == "assistant":
                lines += [text + (" *(stopped)*" if turn.stopped else ""), ""]
                lines += [f"- [{s['n']}] {s['source']} ({s.get('kind')})" for s in turn.sources]
                lines += [""] if turn.sources else []
            else:
                lines += ["> " + line for line in text.splitlines()] + [""]
        return "\n".join(lines)

    def export(self, target: Path | None = None) -> Path:
        target = target or paths.ensure(paths.exports_dir()) / f"chat-{self.id}.md"
        if target.is_dir():
            target = target / f"chat-{self.id}.md"
        try:
            target.write_text(self.markdown(), "utf-8")
        except OSError as exc:
            raise UsageError(f"{target}: cannot write the export ({exc.strerror})") from exc
        return target


def _chat_files() -> list[Path]:
    """The saved chats, oldest first."""
    folder = paths.chats_dir()
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []


def load(session_id: str | None = None) -> ChatSession:
    """A saved session by id, or the newest one."""
    files = _chat_files()
    if session_id:
        files = [p for p in files if p.stem == session_id or p.stem.startswith(session_id)]
        if not files:
            raise UsageError(f"no saved chat {session_id!r}", hint="run `assistant chat --list` to see them")
    elif not files:
        raise UsageError("there is no saved chat to resume", hint="start one with `assistant chat`")
    try:
        data = json.loads(files[-1].read_text("utf-8"))
        turns = [Turn(t["role"], t["text"], t.get("sources", []), t.get("at", 0.0), bool(t.get("stopped")))
                 for t in data["turns"]]
        return ChatSession(data["id"], data["created"], turns, data.get("project"), dict(data.get("configs") or {}))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{files[-1]}: not a readable chat file ({exc})") from exc


def saved() -> list[tuple[str, int, str, str]]:
    """(id, number of questions, project folder, first question) for each saved chat, newest last."""
    out = []
    for path in _chat_files():
        try:
            data = json.loads(path.read_text("utf-8"))
            turns = data["turns"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        questions = [t["text"] for t in turns if t.get("role") == "user"]
        out.append((path.stem, len(questions), Path(data.get("project") or "-").name,
                    questions[0][:60] if questions else ""))
    return out
