"""CLI commands that involve the language model: ask, models, doctor."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from assistant.cli_common import chroma_option, load_settings
from assistant.errors import UsageError

model_option = click.option("--model", "model", metavar="NAME",
                            help="Model to answer with (see `assistant models list`).")
llm_url_option = click.option(
    "--llm-url", metavar="URL",
    help="OpenAI-compatible server (llama.cpp, llama-cpp-python, vLLM) instead of a local model.")


def _assembly_progress() -> Any:
    """A progress bar for the one-time assembly of a built-in model's parts."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    state: dict[str, Any] = {}
    console = Console(stderr=True)

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            bar = Progress(TextColumn("assembling model"), BarColumn(), DownloadColumn(), transient=True,
                           console=console, disable=not console.is_terminal)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("model", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update


def load_generator(cfg: Any, progress: Any = None) -> Any:
    """The generator the settings ask for (tests replace this). `progress(done, total)` follows the
    one-time assembly of a built-in model; by default a progress bar on stderr."""
    from assistant import runtime

    settings = runtime.RuntimeSettings(n_ctx=cfg.n_ctx, threads=cfg.threads)
    return runtime.load(cfg.model, cfg.llm_url, settings, progress=progress or _assembly_progress())


@click.command()
@click.argument("question")
@click.option("-k", "k", default=4, show_default=True, help="Passages to retrieve.")
@model_option
@llm_url_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: answer, sources, model, timings.")
@click.option("--no-stream", is_flag=True, help="Print the answer only when it is complete.")
@chroma_option
def ask(question: str, k: int, model: str | None, llm_url: str | None, as_json: bool, no_stream: bool,
        chroma_url: str | None) -> None:
    """Answer QUESTION from the index with the local model, citing its sources."""
    if not question.strip():
        raise UsageError("the question is empty")
    if k < 1:
        raise UsageError("-k must be at least 1")
    from assistant import sdk_facts
    from assistant.answer import Asker, retrieve
    from index.retrieve import Retriever
    from index.store import connect
    from ingest import embed

    cfg = load_settings(chroma_url, model=model, llm_url=llm_url)
    if cfg.model and not cfg.llm_url:
        from assistant import models

        models.check_known(cfg.model)
    started = time.perf_counter()
    retriever = Retriever(connect(cfg.chroma_url), embed.make(cfg.embedder))
    hits = retrieve(retriever, question, k)
    retrieve_ms = (time.perf_counter() - started) * 1000
    generator = load_generator(cfg)
    asker = Asker(generator, sdk_facts.load(cfg.sdk_module), max_answer_tokens=cfg.max_answer_tokens)
    generator.warm_prefix(asker.system_prefix())
    streaming = not (as_json or no_stream)

    def show(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    answer = asker.answer(question, hits, retrieve_ms=retrieve_ms, on_text=show if streaming else None)
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
@click.option("-k", "k", default=4, show_default=True, help="Passages per question.")
@model_option
@llm_url_option
@chroma_option
@click.option("--resume", "resume", is_flag=True, help="Reopen the last chat.")
@click.option("--session", "session_id", metavar="ID", help="Reopen this saved chat (see --list).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved chats and exit.")
@click.option("--project", type=click.Path(path_type=Path), help="Open this project folder.")
@click.option("--plain", is_flag=True, help="A line-by-line prompt instead of the full-screen app.")
def chat(k: int, model: str | None, llm_url: str | None, chroma_url: str | None, resume: bool,
         session_id: str | None, list_saved: bool, project: Path | None, plain: bool) -> None:
    """The chat app: answers with sources, and /generate, /validate, /fix, /revise on a project.

    Chats are saved (without configuration secrets) and reopen with --resume.
    """
    if k < 1:
        raise UsageError("-k must be at least 1")
    if list_saved:
        from assistant import history

        for sid, questions, folder, first in history.saved():
            click.echo(f"{sid}  {questions:>3} question(s)  project {folder:<16} {first}")
        return
    cfg = load_settings(chroma_url, model=model, llm_url=llm_url)
    if cfg.model and not cfg.llm_url:
        from assistant import models

        models.check_known(cfg.model)
    if plain:
        _plain_chat(cfg, k)
        return
    if not sys.stdout.isatty():
        raise UsageError("the chat app needs a terminal", hint="use `assistant chat --plain` or `assistant ask`")
    from tui.app import make_app

    app = make_app(cfg, load_generator=load_generator,
                   resume=(session_id or "") if (resume or session_id) else None, project=project, k=k)
    app.run()


def _plain_chat(cfg: Any, k: int) -> None:
    """The line-based chat, for dumb terminals and pipes."""
    from assistant import history
    from assistant.session import Workbench

    bench = Workbench(cfg, load_generator, chat=history.ChatSession.new(), k=k)
    bench.generator()
    info = bench.index_info()
    click.echo(f"{bench.generator().name} ready; {info.chunks} chunks indexed (SDK {info.sdk_version or 'n/a'}). "
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
        answer = bench.ask(question, on_text=_write)
        click.echo("\n" + ("[stopped]" if answer.stopped else ""))
        for source in answer.sources():
            click.echo(f"  [{source['n']}] {source['source']} ({source['kind']})")


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@click.group()
def models() -> None:
    """List, verify, add or choose the model used for answers."""


@models.command("list")
def models_list() -> None:
    """Known models and whether they are ready."""
    from assistant import models as m

    for name, description, default, state in m.list_models():
        click.echo(f"{'*' if default else ' '} {name:<22} {state:<42} {description}")


@models.command("verify")
@model_option
def models_verify(model: str | None) -> None:
    """Assemble (first use) and check the size and sha256 of a model file."""
    from assistant import models as m

    name = model or m.default_name()
    m.check_known(name)
    info = m.resolve(name, progress=_assembly_progress())
    m.verify_file(Path(info.path), info.size, info.sha256, force=True)
    click.echo(f"{name}: {info.path} OK ({info.size:,} bytes, sha256 {info.sha256[:16]})")


@models.command("add")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--name", required=True, help="Name to refer to the model by.")
def models_add(path: Path, name: str) -> None:
    """Register any GGUF file (for example a 7B model carried across an air gap)."""
    from assistant import models as m

    info = m.add(path, name)
    click.echo(f"added {name}: {info.architecture}, context {info.context_length}, "
               f"chat template {'yes' if info.chat_template else 'no'}")


@models.command("use")
@click.argument("name")
def models_use(name: str) -> None:
    """Make NAME the default model."""
    from assistant import models as m

    m.use(name)
    click.echo(f"default model: {name}")


@click.command()
def doctor() -> None:
    """Check everything the assistant needs, offline; one line per check with OK or the fix."""
    from assistant import doctor as doc

    checks = doc.run(load_settings())
    for check in checks:
        click.echo(f"{'OK  ' if check.ok else 'FAIL'}  {check.name:<24} {check.detail}")
    if not all(c.ok for c in checks):
        sys.exit(1)
