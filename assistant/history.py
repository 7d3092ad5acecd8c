"""Chat sessions on disk: one JSON file each, reopened with `assistant chat --resume`.

Configuration secrets never reach the file: every value the session has seen in a configuration
(tokens, passwords, keys, and any long opaque string) is masked before the turns are written or
exported, in questions and answers alike.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.errors import UsageError
from assistant.lint import PLACEHOLDER, SECRET_NAME

MASK = "****"
_OPAQUE = re.compile(r"^[^\s/:]{16,}$")  # long single tokens: keys and tokens, not URLs or sentences


@dataclass
class Turn:
    role: str  # "user" | "assistant" | "note"
    text: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    at: float = field(default_factory=time.time)


def secrets_in(configuration: dict[str, Any]) -> set[str]:
    """The values of a configuration that must never be stored: secret-named keys and opaque strings."""
    found = set()
    for key, value in configuration.items():
        text = str(value)
        if len(text) < 4 or PLACEHOLDER.match(text):
            continue
        if SECRET_NAME.search(str(key)) or _OPAQUE.match(text):
            found.add(text)
    return found


def mask(text: str, secrets: set[str]) -> str:
    for value in sorted(secrets, key=len, reverse=True):
        text = text.replace(value, MASK)
    return text


@dataclass
class ChatSession:
    id: str
    created: float
    turns: list[Turn] = field(default_factory=list)
    project: str | None = None
    secrets: set[str] = field(default_factory=set, repr=False)  # kept in memory only

    @classmethod
    def new(cls) -> ChatSession:
        return cls(time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6], time.time())

    @property
    def file(self) -> Path:
        return paths.chats_dir() / f"{self.id}.json"

    def add(self, role: str, text: str, sources: list[dict[str, Any]] | None = None) -> Turn:
        turn = Turn(role, text, sources or [])
        self.turns.append(turn)
        return turn

    def pairs(self) -> list[tuple[str, str]]:
        """(question, answer) for each answered question, oldest first: the model's memory."""
        out = []
        for ask, reply in zip(self.turns, self.turns[1:], strict=False):
            if ask.role == "user" and reply.role == "assistant" and reply.text:
                out.append((ask.text, reply.text))
        return out

    def to_json(self) -> dict[str, Any]:
        turns = [{**asdict(t), "text": mask(t.text, self.secrets),
                  "sources": json.loads(mask(json.dumps(t.sources), self.secrets))} for t in self.turns]
        return {"id": self.id, "created": self.created, "project": self.project, "turns": turns}

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
            elif turn.role == "assistant":
                lines += [text, ""]
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


def load(session_id: str | None = None) -> ChatSession:
    """A saved session by id, or the newest one."""
    folder = paths.chats_dir()
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    if session_id:
        files = [p for p in files if p.stem == session_id or p.stem.startswith(session_id)]
        if not files:
            raise UsageError(f"no saved chat {session_id!r}", hint="run `assistant chat --list` to see them")
    elif not files:
        raise UsageError("there is no saved chat to resume", hint="start one with `assistant chat`")
    try:
        data = json.loads(files[-1].read_text("utf-8"))
        turns = [Turn(t["role"], t["text"], t.get("sources", []), t.get("at", 0.0)) for t in data["turns"]]
        return ChatSession(data["id"], data["created"], turns, data.get("project"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{files[-1]}: not a readable chat file ({exc})") from exc


def saved() -> list[tuple[str, int, str]]:
    """(id, number of questions, first question) for each saved chat, newest last."""
    folder = paths.chats_dir()
    out = []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []:
        try:
            turns = json.loads(path.read_text("utf-8"))["turns"]
        except (OSError, ValueError, KeyError):
            continue
        questions = [t["text"] for t in turns if t.get("role") == "user"]
        out.append((path.stem, len(questions), questions[0][:60] if questions else ""))
    return out
