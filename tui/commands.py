"""The slash commands: one table drives the parser, the key bindings, /help and the command palette."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from core.errors import UsageError

if TYPE_CHECKING:
    from tui.app import ChatApp


@dataclass(frozen=True)
class Command:
    name: str
    args: str  # "" when the command takes none; "[X]" when optional
    help: str
    key: str

    @property
    def needs_text(self) -> bool:
        return bool(self.args) and not self.args.startswith("[")

    def usage(self) -> str:
        return f"/{self.name}" + (f" {self.args}" if self.args else "")


COMMANDS = [
    Command("ask", "QUESTION", "answer from the index, with sources (the default when you just type)", "ctrl+t"),
    Command("discover", "DESCRIPTION", "the examples and patterns closest to a described source", "f2"),
    Command("generate", "DESCRIPTION", "write a connector project for a described source", "f3"),
    Command("validate", "[CONFIG]", "run `fivetran debug` on the project (asks first)", "f4"),
    Command("fix", "", "repair the project; shows the diff and asks before writing", "f5"),
    Command("revise", "REQUEST", "change the project as asked; shows the diff and asks first", "f6"),
    Command("open", "DIR", "open a project folder (or name the folder /generate writes to)", "f7"),
    Command("model", "NAME", "answer with another model (see `assistant models list`)", "f8"),
    Command("sources", "", "show the passages behind the last answer", "f9"),
    Command("export", "[FILE]", "save the conversation as Markdown", "f10"),
    Command("clear", "", "start a fresh conversation (the saved one stays)", "ctrl+l"),
    Command("help", "", "list the commands and keys", "f1"),
]
BY_NAME = {c.name: c for c in COMMANDS}


def parse(line: str) -> tuple[Command, str]:
    """`/name args` or plain text (a question). Unknown commands and missing arguments are UsageErrors."""
    text = line.strip()
    if not text.startswith("/"):
        return BY_NAME["ask"], text
    name, _, rest = text[1:].partition(" ")
    command = BY_NAME.get(name.lower())
    if command is None:
        close = [c.usage() for c in COMMANDS if c.name.startswith(name.lower()[:2])] if name else []
        raise UsageError(f"unknown command /{name}", hint="try " + (", ".join(close) if close else "/help"))
    rest = rest.strip()
    if command.needs_text and not rest:
        raise UsageError(f"/{command.name} needs {command.args}", hint=f"type {command.usage()}")
    return command, rest


def help_text() -> str:
    lines = ["| command | key | what it does |", "|---|---|---|"]
    lines += [f"| `{c.usage()}` | {c.key} | {c.help} |" for c in COMMANDS]
    lines += ["| (Esc) | escape | stop the answer being written |", "| (palette) | ctrl+p | every command by name |",
              "| (quit) | ctrl+q | leave; the chat is saved for `assistant chat --resume` |"]
    return "\n".join(lines)


class SlashCommands(Provider):
    """The command palette's entries: the same commands, by name."""

    async def search(self, query: str) -> Hits:
        app: ChatApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for command in COMMANDS:
            label = f"/{command.name}"
            score = matcher.match(f"{label} {command.help}")
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(app.start_command, command.name),
                          help=command.help)
