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


def load_generator(cfg: Any) -> Any:
    """The generator the settings ask for (tests replace this)."""
    from assistant import runtime

    settings = runtime.RuntimeSettings(n_ctx=cfg.n_ctx, threads=cfg.threads)
    return runtime.load(cfg.model, cfg.llm_url, settings, progress=_assembly_progress())


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
def chat(k: int, model: str | None, llm_url: str | None, chroma_url: str | None) -> None:
    """Ask one question after another in the terminal; Ctrl-C stops an answer, Ctrl-D or :q quits.

    The model stays loaded and keeps the system prompt in its cache, so follow-ups start faster.
    """
    from assistant import sdk_facts
    from assistant.answer import Asker, retrieve
    from index.retrieve import Retriever
    from index.store import connect
    from ingest import embed

    cfg = load_settings(chroma_url, model=model, llm_url=llm_url)
    retriever = Retriever(connect(cfg.chroma_url), embed.make(cfg.embedder))
    generator = load_generator(cfg)
    asker = Asker(generator, sdk_facts.load(cfg.sdk_module), max_answer_tokens=cfg.max_answer_tokens)
    generator.warm_prefix(asker.system_prefix())
    meta = retriever.index_meta
    click.echo(f"{generator.name} ready; {meta.chunk_count} chunks indexed (SDK {meta.sdk_version or 'n/a'}). "
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
        answer = asker.answer(question, retrieve(retriever, question, k), on_text=_write)
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
