"""Commands that build, inspect and carry the knowledge base: ingest, search, index, crawl."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.common import at_least_one, chroma_option, load_settings
from core import files, settings
from core.errors import AssistantError, UsageError
from core.settings import Settings


@click.command()
@click.option("--repo", "repos", multiple=True, metavar="SRC",
              help="Examples repository: a local folder, git URL or .zip/.tar.gz (file or URL). Repeatable.")
@click.option("--docs", "docs_dirs", multiple=True, metavar="DIR",
              help="A folder of saved .html/.md doc pages (for example a crawl cache). Repeatable.")
@click.option("--crawl-docs", is_flag=True, help="Crawl the documentation site (needs the network).")
@click.option("--no-sdk", is_flag=True, help="Do not introspect the installed fivetran_connector_sdk.")
@click.option("--replace", is_flag=True, help="Drop indexed sources that this run does not name.")
@click.option("--rebuild", is_flag=True, help="Start a fresh index (after a model change or corruption).")
@click.option("--if-missing", is_flag=True, help="Do nothing when an index already exists.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@chroma_option
def ingest(repos: tuple[str, ...], docs_dirs: tuple[str, ...], crawl_docs: bool, no_sdk: bool, replace: bool,
           rebuild: bool, if_missing: bool, quiet: bool, chroma_url: str | None) -> None:
    """Build or update the index from examples repositories, docs and the installed SDK.

    With no source named, ingests the configured default repositories and crawls the docs site.
    Only changed chunks are embedded again; the previous index stays usable until the new one is
    complete.
    """
    from index import embed
    from ingest import pipeline
    from ingest.progress import Stages

    if any(not name.strip() for name in (*repos, *docs_dirs)):
        raise UsageError("an empty --repo or --docs was given; name a folder, archive or URL")
    cfg = load_settings(chroma_url=chroma_url)
    if if_missing and _index_exists(cfg):
        click.echo("index present; nothing to do")
        return
    defaults = not (repos or docs_dirs or crawl_docs)
    plan = pipeline.Plan(
        repos=list(cfg.repos if defaults else repos), docs_dirs=[Path(d) for d in docs_dirs],
        crawl=crawl_docs or defaults, sdk=not no_sdk, sdk_module=cfg.sdk_module, replace=replace,
        rebuild=rebuild,
    )
    embedder = embed.make(cfg.embedder)
    with Stages(quiet=quiet) as stages:
        report = pipeline.run(plan, cfg, embedder, stages)
    skipped = sum(report.skipped.values())
    detail = ", ".join(f"{k} {v}" for k, v in sorted(report.skipped.items()))
    click.echo(
        f"files {report.files}, chunks {report.chunks} (new {report.new}, changed {report.changed}, "
        f"removed {report.removed}, unchanged {report.unchanged}), embedded {report.embedded}, "
        f"skipped {skipped}{f' ({detail})' if detail else ''}, wall {report.wall_s:.1f} s"
        + ("" if report.written else "; index unchanged")
    )
    for note in report.crawl_notes:
        click.echo(note, err=True)


def _index_exists(cfg: Settings) -> bool:
    from index.store import connect

    try:
        return connect(cfg.chroma_url).meta() is not None
    except AssistantError:
        return False


@click.command()
@click.argument("query")
@click.option("-k", "k", type=int, show_default=str(settings.default("search_results")), help="How many results.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only this kind: doc, example, pattern, community_connector, template, tutorial, "
                   "agent_instructions, sdk_api. Repeatable.")
@click.option("--tag", "tags", multiple=True, metavar="KEY:VALUE",
              help="Only chunks with this pattern tag, e.g. pagination:cursor or auth:bearer. Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@chroma_option
def search(query: str, k: int | None, kinds: tuple[str, ...], tags: tuple[str, ...], as_json: bool,
           chroma_url: str | None) -> None:
    """Find the passages that best match QUERY (vector + keyword search)."""
    from assistant.services import make_retriever
    from index.retrieve import Filters

    filters = Filters(list(kinds), list(tags))
    if not query.strip():
        raise UsageError("the query is empty")
    at_least_one(k, "-k")
    cfg = load_settings(chroma_url=chroma_url, search_results=k)
    hits = make_retriever(cfg).search(query, k=cfg.search_results, filters=filters)
    if as_json:
        click.echo(json.dumps({"query": query, "results": [h.as_json() for h in hits]}, indent=1))
        return
    if not hits:
        click.echo("no results")
        return
    for hit in hits:
        meta = hit.metadata
        tags_text = f"  [{meta['tags']}]" if meta.get("tags") else ""
        example = f", {meta['example']}" if meta.get("example") else ""
        click.echo(f"{hit.rank}. {hit.source.location}  ({meta['kind']}{example}){tags_text}")
        if meta.get("title"):
            click.echo(f"   {meta['title']}")
        snippet = [ln.strip() for ln in hit.text.strip().splitlines() if ln.strip()][:3]
        for line in snippet:
            click.echo(f"   | {line[:100]}")


@click.group()
def index() -> None:
    """Inspect, export or import the index."""


@index.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@chroma_option
def status(as_json: bool, chroma_url: str | None) -> None:
    """Counts per kind, sources with commits or URLs, embedding model and SDK version."""
    from index.store import connect

    cfg = load_settings(chroma_url=chroma_url)
    store = connect(cfg.chroma_url)
    meta, _ = store.current()
    if as_json:
        click.echo(meta.to_json())
        return
    click.echo(f"index       {store.location}")
    click.echo(f"built       {meta.created_at} (generation {meta.generation}, format {meta.ingest_version})")
    click.echo(f"embedder    {meta.embedder.describe()}")
    click.echo(f"sdk         fivetran-connector-sdk {meta.sdk_version or 'not indexed'}")
    click.echo(f"chunks      {meta.chunk_count}")
    for kind, count in meta.counts.items():
        click.echo(f"  {kind:<20} {count}")
    click.echo("sources")
    for s in meta.sources:
        click.echo(f"  {s.id:<40} {s.type:<5} {s.commit[:12] or '-':<13} {s.chunks:>6} chunks  {s.origin}")


@index.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@chroma_option
def export_cmd(file: Path, force: bool, chroma_url: str | None) -> None:
    """Write the index to FILE, one verified bundle for air-gapped transfer."""
    from index import bundle
    from index.store import connect

    cfg = load_settings(chroma_url=chroma_url)
    files.output_file(file, "bundle")
    manifest = bundle.export(connect(cfg.chroma_url), file, force=force)
    click.echo(f"wrote {file} ({manifest['chunk_count']} chunks, sha256 {manifest['payload_sha256'][:16]})")


@index.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@chroma_option
def import_cmd(file: Path, chroma_url: str | None) -> None:
    """Verify the bundle FILE and make it the current index (the old one stays if it is refused)."""
    from index import bundle, embed
    from index.meta import EmbedderInfo
    from index.store import connect
    from ingest import pipeline

    cfg = load_settings(chroma_url=chroma_url)
    embedder = embed.make(cfg.embedder)
    info = EmbedderInfo(embedder.name, embedder.dim, embedder.weights_sha256())
    meta, records, vectors = bundle.verify(file, info)
    with pipeline.exclusive():
        meta = bundle.install(connect(cfg.chroma_url, create=True), meta, records, vectors)
    click.echo(f"imported {meta.chunk_count} chunks from {len(meta.sources)} sources")


@click.command()
@click.option("--out", type=click.Path(path_type=Path), help="Folder for the pages (default: the cache).")
def crawl(out: Path | None) -> None:
    """Save the documentation site's pages, to ingest later with --docs (even on another machine)."""
    from core import paths
    from ingest.crawl import Crawler

    cfg = load_settings()
    target = files.output_folder(out, "--out") if out else paths.docs_cache_dir()
    crawler = Crawler(cfg.docs_url, target, delay=cfg.crawl_delay, max_pages=cfg.crawl_max_pages)
    report = crawler.run(progress=lambda url: click.echo(url, err=True))
    click.echo(f"{report.fetched} fetched, {report.reused} already saved, {len(report.failed)} failed; "
               f"pages in {target}")
    for item in report.refused_offsite:
        click.echo(f"refused off-site redirect: {item}", err=True)
