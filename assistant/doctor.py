"""`assistant doctor`: every offline prerequisite, one line each, with the fix when it fails."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core import paths
from core.errors import AssistantError
from core.settings import Settings

MIN_FREE_BYTES = 2 * 1024**3


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _python(_: Settings) -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", sys.version_info >= (3, 10), version if sys.version_info >= (3, 10)
                 else f"{version}: Python 3.10 or newer is needed")


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    match = re.search(r"^flags\s*:\s*(.*)$", text, re.M)
    return set(match.group(1).split()) if match else set()


def _llama(cfg: Settings) -> Check:
    try:
        version = importlib.metadata.version("llama_cpp_python")
        import llama_cpp
    except Exception:
        return Check("llama-cpp-python", False, "not installed: run the README's setup command")
    info = llama_cpp.llama_print_system_info().decode("utf-8", "replace")
    built = {m.group(1) for m in re.finditer(r"(\w+) = 1", info)}
    flags = _cpu_flags()
    needs = {"AVX512": "avx512f", "AVX512_VNNI": "avx512_vnni", "AVX512_VBMI": "avx512vbmi",
             "AVX512_BF16": "avx512_bf16", "AVX_VNNI": "avx_vnni", "AVX2": "avx2", "FMA": "fma",
             "AMX_INT8": "amx_int8", "AMX_TILE": "amx_tile"}
    missing = sorted(k for k, flag in needs.items() if k in built and flags and flag not in flags)
    if any(k.startswith("AMX") for k in built):
        missing.append("AMX (VMs often trap tileloadd)")
    if missing:
        return Check("llama-cpp-python", False, f"{version} was built for {', '.join(missing)}, which this CPU "
                     "cannot run (SIGILL): reinstall with scripts/install.sh, which picks flags from the CPU")
    return Check("llama-cpp-python", True, f"{version}, threads {cfg.threads}, n_ctx {cfg.n_ctx}")


def _model(cfg: Settings, deep: bool = False) -> Check:
    from assistant.llm import catalog

    if cfg.llm_url:
        return Check("model", True, f"server {cfg.llm_url}")
    name = label = cfg.model or catalog.chosen_default()
    if name == catalog.AUTO:
        name, why = catalog.auto_choice()
        label = f"auto: {name} ({why})"
    try:
        catalog.check_known(name)
        entry = catalog.CATALOG.get(name)
        if entry and not (catalog.models_dir() / f"{name}.gguf").exists():
            catalog.verify_parts(entry)  # not assembled yet: check the parts, do not write 0.5-1 GB here
            return Check("model", True, f"{label}: {entry.parts} parts, sha256 {entry.sha256[:12]} verified "
                         "(assembled on first use)")
        info = catalog.resolve(name, deep=deep)
    except AssistantError as exc:
        return Check("model", False, f"{label}: {exc.one_line()}")
    return Check("model", True, f"{label}, {info.size:,} bytes, sha256 {info.sha256[:12]} verified")


def _embedder(cfg: Settings) -> Check:
    from index import embed

    try:
        embedder = embed.make(cfg.embedder)
        sha = embedder.weights_sha256()
    except AssistantError as exc:
        return Check("embedding model", False, exc.one_line())
    return Check("embedding model", True, f"{embedder.name}, weights {sha[:12]}")


def _index(cfg: Settings) -> Check:
    from index import embed
    from index.meta import EmbedderInfo
    from index.store import connect

    try:
        meta, collection = connect(cfg.chroma_url).current()
        embedder = embed.make(cfg.embedder)
        meta.check_compatible(EmbedderInfo(embedder.name, embedder.dim, embedder.weights_sha256()))
        sample = collection.get(limit=1, include=["embeddings"])["embeddings"]
    except AssistantError as exc:
        return Check("index", False, exc.one_line())
    if sample is not None and len(sample) and len(sample[0]) != embedder.dim:  # what the manifest cannot vouch for
        return Check("index", False, f"its vectors have width {len(sample[0])}, the embedder makes {embedder.dim}: "
                     "run `assistant ingest --rebuild`")
    return Check("index", True, f"{meta.chunk_count} chunks, built {meta.created_at}")


def _sdk(_: Settings) -> Check:
    try:
        version = importlib.metadata.version("fivetran-connector-sdk")
    except importlib.metadata.PackageNotFoundError:
        return Check("fivetran-connector-sdk", False, "not installed: pip install 'fivetran-connector-sdk>=3,<4'")
    major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else 0
    if major < 3:
        return Check("fivetran-connector-sdk", False, f"{version} is older than 3: pip install -U "
                     "'fivetran-connector-sdk>=3,<4'")
    return Check("fivetran-connector-sdk", True, version)


def _disk(_: Settings) -> Check:
    folder = paths.ensure(paths.data_dir())
    free = shutil.disk_usage(folder).free
    ok = free >= MIN_FREE_BYTES
    return Check("disk", ok, f"{free / 1024**3:.1f} GiB free in {folder}" + (
        "" if ok else f": free at least {MIN_FREE_BYTES // 1024**3} GiB"))


def _runtime(cfg: Settings) -> Check:
    from assistant.connector import runtime_venv

    venv = runtime_venv.location(cfg.runtime_venv)
    try:
        version = runtime_venv.sdk_version(venv)
    except AssistantError as exc:
        return Check("runtime venv", False, exc.one_line())
    return Check("runtime venv", True, f"fivetran-connector-sdk {version} in {venv}")


def _isolation(cfg: Settings) -> Check:
    """Whether `validate` can make everything but the project read-only here; without it, writes
    outside are still detected afterwards, so this never fails the check."""
    from assistant.connector import reaper

    if not cfg.validate_isolate:
        return Check("validate isolation", True, "off (ASSISTANT_VALIDATE_ISOLATE=false); writes outside the "
                     "project are detected afterwards")
    return Check("validate isolation", True, reaper.probe())


CHECKS: list[Callable[[Settings], Check]] = [_python, _llama, _model, _embedder, _index, _sdk, _runtime, _isolation,
                                             _disk]


def run(cfg: Settings, deep: bool = False) -> list[Check]:
    """Every check; `deep` hashes the model file even if it has not changed since its last check."""
    return [_model(cfg, deep) if check is _model else check(cfg) for check in CHECKS]
