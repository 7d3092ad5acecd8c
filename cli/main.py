"""The `assistant` command line: the group, its error handling, and every command group's commands.

Heavy libraries (torch, chromadb, llama_cpp) load inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError

from cli import answers, build, knowledge
from core.errors import AssistantError


class _Group(click.Group):
    """Turns every AssistantError, and click's own usage errors, into one line on stderr and a
    non-zero exit (2 for bad input)."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)  # errors are ours to show
        except NoArgsIsHelpError as exc:  # `assistant`, `assistant index`: the help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:  # click's message, without the usage block around it
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(" ".join(f"bad input: {exc.format_message()}{hint}".split()), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(" ".join(f"error: {exc.format_message()}".split()), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(exc.one_line(), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="csdk-assistant")
def cli() -> None:
    """Offline assistant for Fivetran Connector SDK developers.

    Build the knowledge base with `assistant ingest`; look things up with `search`, get cited
    answers with `ask` or `chat`. Write a connector with `generate`, check it with `lint` and
    `validate` (the real `fivetran debug`), repair it with `fix`, change it with `revise`.
    Everything runs locally; set ASSISTANT_HOME to keep data somewhere else.
    """


for _command in (knowledge.ingest, knowledge.search, knowledge.index, knowledge.crawl, answers.ask, answers.chat,
                 answers.models, answers.doctor, answers.mcp_cmd, build.generate, build.discover, build.lint_cmd,
                 build.validate_cmd, build.fix, build.revise, build.runtime):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="assistant")


if __name__ == "__main__":
    main()
