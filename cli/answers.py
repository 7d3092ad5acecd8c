"""Commands that involve the language model: ask, chat, models, doctor."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.common import (
    assembly_progress,
    at_least_one,
    chroma_option,
    llm_url_option,
    load_settings,
    model_option,
    services,
    write,
)
from core import settings
from core.errors import UsageError

if TYPE_CHECKING:
    from assistant.services import Services

passages_option = click.option("-k", "k", type=int, show_default=str(settings.default("passages")),
                               help="Passages to retrieve.")


@click.command()
@click.argument("question")
@passages_option
@model_option
@llm_url_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: answer, sources, model, timings.")
@click.option("--no-stream", is_flag=True, help="Print the answer only when it is complete.")
@chroma_option
def ask(question: str, k: int | None, model: str | None, llm_url: str | None, as_json: bool, no_stream: bool,
        chroma_url: str | None) -> None:
    """Answer QUESTION from the index with the local model, citing its sources."""
    if not question.strip():
        raise UsageError("the question is empty")
    at_least_one(k, "-k")
    from assistant.answer.passages import gather

    cfg = load_settings(chroma_url=chroma_url, model=model, llm_url=llm_url, passages=k)
    found = services(cfg)
    started = time.perf_counter()
    route, hits = gather(found.retriever(), question, cfg.passages, found.surface())
    retrieve_ms = (time.perf_counter() - started) * 1000
    asker = found.asker(assembly_progress())
    streaming = not (as_json or no_stream)
    answer = asker.answer(question, hits, retrieve_ms=retrieve_ms, on_text=write if streaming else None, route=route)
    if as_json:
        click.echo(json.dumps(answer.as_json(), indent=1))
    else:
        if not streaming:
            click.echo(answer.text, nl=False)
        click.echo("\n")
        sources = answer.sources()
        click.echo("Sources:" if sources else "Sources: none cited")
        for source in sources:
            click.echo(f"  [{source['n']}] {source['source']} ({source['kind']})")
        if answer.dropped_citations:
            click.echo(f"  ({answer.dropped_citations} citation(s) to no source were dropped)")
        t = answer.timings
        sys.stdout.flush()
        click.echo(f"({answer.model}: {t.prompt_tokens} prompt tokens, first token {t.ttft_ms / 1000:.1f} s, "
                   f"{t.tok_per_s:.1f} tok/s)", err=True)
    if answer.stopped:
        click.echo("stopped", err=True)
        sys.exit(130)


@click.command()
@passages_option
@model_option
@llm_url_option
@chroma_option
@click.option("--resume", "resume", is_flag=True, help="Reopen the last chat.")
@click.option("--session", "session_id", metavar="ID", help="Reopen this saved chat (see --list).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved chats and exit.")
@click.option("--project", type=click.Path(path_type=Path), help="Open this project folder.")
@click.option("--plain", is_flag=True, help="A line-by-line prompt instead of the full-screen app.")
def chat(k: int | None, model: str | None, llm_url: str | None, chroma_url: str | None, resume: bool,
         session_id: str | None, list_saved: bool, project: Path | None, plain: bool) -> None:
    """The chat app: answers with sources, and /generate, /validate, /fix, /revise on a project.

    Chats are saved (without configuration secrets) and reopen with --resume.
    """
    at_least_one(k, "-k")
    if list_saved:
        from assistant.chat import history

        for sid, questions, folder, first in history.saved():
            click.echo(f"{sid}  {questions:>3} question(s)  project {folder:<16} {first}")
        return
    if project is not None and not project.is_dir():
        raise UsageError(f"--project {project}: no such folder")
    resume_id = (session_id or "") if (resume or session_id) else None
    if resume_id is not None:
        from assistant.chat import history

        history.load(resume_id or None)  # an unknown id is one clear error now, not after the model loads
    cfg = load_settings(chroma_url=chroma_url, model=model, llm_url=llm_url, passages=k)
    found = services(cfg)
    if plain:
        _plain_chat(found, resume_id, project)
        return
    if not sys.stdout.isatty():
        raise UsageError("the chat app needs a terminal", hint="use `assistant chat --plain` or `assistant ask`")
    from tui.app import make_app

    make_app(found, resume=resume_id, project=project).run()


def _plain_chat(found: Services, resume: str | None, project: Path | None) -> None:
    """The line-based chat, for dumb terminals and pipes."""
    from assistant.chat.workbench import Workbench

    bench = Workbench.start(found, resume=resume, project=project)
    model = bench.load_model()
    info = bench.index_info()
    click.echo(f"{model.name} ready; {info.chunks} chunks indexed (SDK {info.sdk_version or 'n/a'}). "
               "Ask away; :q quits.")
    while True:
        try:
            question = input("\ncsdk> ").strip()
        except EOFError:
            click.echo()
            return
        if question in (":q", ":quit", "exit"):
            return
        if not question:
            continue
        try:
            answer = bench.ask(question, on_text=write)
        except UsageError as exc:  # this question was wrong (too long, say), not the chat: say so, go on
            click.echo(exc.one_line(), err=True)
            continue
        click.echo("\n" + ("[stopped]" if answer.stopped else ""))
        for source in answer.sources():
            click.echo(f"  [{source['n']}] {source['source']} ({source['kind']})")


@click.group()
def models() -> None:
    """List, verify, add or choose the model used for answers."""


@models.command("list")
def models_list() -> None:
    """Known models and whether they are ready."""
    from assistant.llm import catalog

    for name, description, default, state in catalog.list_models():
        click.echo(f"{'*' if default else ' '} {name:<22} {state:<42} {description}")
    if catalog.chosen_default() == catalog.AUTO:
        name, why = catalog.auto_choice()
        click.echo(f"default: auto, so {name} ({why}); `assistant models use NAME` fixes one")


@models.command("verify")
@model_option
def models_verify(model: str | None) -> None:
    """Assemble (first use) and check the size and sha256 of a model file."""
    from assistant.llm import catalog

    name = model or catalog.default_name()
    catalog.check_known(name)
    info = catalog.resolve(name, progress=assembly_progress())
    catalog.verify_file(Path(info.path), info.size, info.sha256, force=True)
    click.echo(f"{name}: {info.path} OK ({info.size:,} bytes, sha256 {info.sha256[:16]})")


@models.command("add")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--name", required=True, help="Name to refer to the model by.")
def models_add(path: Path, name: str) -> None:
    """Register any GGUF file (for example a 7B model carried across an air gap)."""
    from assistant.llm import catalog

    info = catalog.add(path, name)
    click.echo(f"added {name}: {info.architecture}, context {info.context_length}, "
               f"chat template {'yes' if info.chat_template else 'no'}")


@models.command("use")
@click.argument("name")
def models_use(name: str) -> None:
    """Make NAME the default model (`auto`: the 1.5B where it runs at a usable speed, else the 0.5B)."""
    from assistant.llm import catalog

    catalog.use(name)
    click.echo(f"default model: {name}" + (" ({} now: {})".format(*catalog.auto_choice()) if name == catalog.AUTO
                                           else ""))


@click.command()
@click.option("--deep", is_flag=True, help="Hash the model file again even if it has not changed since its last check.")
def doctor(deep: bool) -> None:
    """Check everything the assistant needs, offline; one line per check with OK or the fix."""
    from assistant import doctor as checks

    results = checks.run(load_settings(), deep=deep)
    for check in results:
        click.echo(f"{'OK  ' if check.ok else 'FAIL'}  {check.name:<24} {check.detail}")
    if not all(c.ok for c in results):
        sys.exit(1)


@click.command("mcp")
@click.option("--allow", "allowed", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder whose projects the tools may read and write (repeatable; default: the working folder).")
def mcp_cmd(allowed: tuple[Path, ...]) -> None:
    """Serve the tools over MCP (stdio) for editor agents: VS Code, Claude Code, Cursor, Windsurf.

    \b
    search(query, k, kind?, tag?)      passages with source, url, lines, kind, tags, text, uri
    sdk_reference(name?)               the installed SDK's signatures, docstrings, CLI help
    discover(description)              closest examples and patterns, with the reasons
    lint(project_dir)                  findings with rule ids
    validate(project_dir, config_path?) the real `fivetran debug`: verdict, counts, tables, log tail
    generate(description, out_dir, config_path?) a project, into an empty folder or one it wrote
    ask(question)                      the local model's cited answer

    \b
    Resources:
    csdk://files                       every indexed file (repo, path, kind, uri)
    csdk://file/{repo}/{path}          one indexed file, lines numbered as citations give them

    Paths outside the --allow folders are refused; one request runs at a time; nothing but protocol
    messages is written to stdout.
    """
    from cli.mcp_server import build

    missing = [str(a) for a in allowed if not a.is_dir()]
    if missing:
        raise UsageError(f"--allow {missing[0]}: no such folder")
    server = build(services(load_settings()), list(allowed) or [Path.cwd()])
    server.run("stdio")
