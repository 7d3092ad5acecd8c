"""Resolve an examples-repository source (folder, git URL, archive file or URL) to a local tree."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core import paths
from core.errors import BadSourceError, OfflineError, SourceError

_ARCHIVE = re.compile(r"\.(zip|tar\.gz|tgz|tar)$", re.I)
_GIT_URL = re.compile(r"^(https?://|git@|ssh://|git://)")


@dataclass
class RepoTree:
    source_id: str  # "owner/name" where known, else the folder name
    root: Path
    origin: str  # what the user named
    commit: str  # git commit or archive sha256 prefix; "" for a plain folder


def _git(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})


def repo_id_from_url(url: str) -> str:
    cleaned = re.sub(r"(\.git|/)+$", "", url)
    cleaned = re.sub(r"\.(zip|tar\.gz|tgz|tar)$", "", cleaned)
    match = re.search(r"[:/]([^/:]+)/([^/]+)$", cleaned)
    return f"{match.group(1)}/{match.group(2)}" if match else cleaned.rsplit("/", 1)[-1]


def _origin_id(root: Path) -> str:
    """owner/name from the git remote; otherwise the folder's full path, so two folders with the
    same name stay two sources."""
    out = _git("config", "--get", "remote.origin.url", cwd=root)
    url = out.stdout.strip()
    if out.returncode == 0 and url and not url.startswith("/"):
        return repo_id_from_url(url)
    return str(root.resolve())


def _commit(root: Path) -> str:
    out = _git("rev-parse", "HEAD", cwd=root)
    return out.stdout.strip() if out.returncode == 0 else ""


def _has_files(root: Path) -> bool:
    return any(p.is_file() for p in root.rglob("*") if ".git" not in p.parts)


def resolve(spec: str) -> RepoTree:
    """Turn what the user typed into a readable tree, cloning or unpacking into the cache if needed."""
    if not spec.strip():
        raise BadSourceError("an empty repository source was given")
    if _GIT_URL.match(spec) and not _ARCHIVE.search(spec):
        return _clone(spec)
    if _GIT_URL.match(spec):
        return _download_archive(spec)
    path = Path(spec).expanduser()
    if not path.exists():
        raise BadSourceError(f"{spec}: no such file or folder")
    if path.is_file():
        if not _ARCHIVE.search(path.name):
            raise BadSourceError(f"{spec}: not a folder, git URL or .zip/.tar.gz archive")
        return _unpack(path, origin=str(path))
    if (path / "HEAD").is_file() and (path / "objects").is_dir():  # a bare repository
        return _clone(str(path.resolve()), source_id=_origin_id(path))
    if not _has_files(path):
        raise BadSourceError(f"{spec}: the folder is empty")
    return RepoTree(_origin_id(path), path.resolve(), spec, _commit(path))


def _clone(url: str, source_id: str | None = None) -> RepoTree:
    repo_id = source_id or repo_id_from_url(url)
    dest = paths.ensure(paths.repos_cache_dir()) / repo_id.replace("/", "+")
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".clone-"))
    try:
        out = _git("clone", "--depth", "1", "--quiet", url, str(tmp / "repo"))
        if out.returncode != 0:
            reason = (out.stderr.strip().splitlines() or ["git clone failed"])[-1]
            if re.search(r"resolve host|unable to access|could not read|network|timed out", reason, re.I):
                raise OfflineError(f"cannot reach {url}: {reason}",
                                   hint="offline? pass a local clone with --repo DIR")
            raise SourceError(f"cannot clone {url}: {reason}")
        if dest.exists():
            shutil.rmtree(dest)
        (tmp / "repo").rename(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return RepoTree(repo_id, dest, url, _commit(dest))


def _download_archive(url: str) -> RepoTree:
    import requests

    from ingest.http import session

    target = paths.ensure(paths.repos_cache_dir()) / Path(url.split("?")[0]).name
    try:
        with session().get(url, stream=True, timeout=60) as response:
            response.raise_for_status()
            with open(target, "wb") as handle:
                for block in response.iter_content(1 << 20):
                    handle.write(block)
    except requests.ConnectionError as exc:
        raise OfflineError(f"cannot reach {url}", hint="offline? pass a local archive or folder") from exc
    except requests.RequestException as exc:
        raise SourceError(f"cannot download {url}: {exc}") from exc
    return _unpack(target, origin=url, source_id=repo_id_from_url(url))


def _unpack(archive: Path, origin: str, source_id: str | None = None) -> RepoTree:
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    dest = paths.ensure(paths.repos_cache_dir()) / f"{archive.name}-{digest[:12]}"
    if not dest.exists():
        tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".unpack-"))
        try:
            if archive.name.lower().endswith(".zip"):
                with zipfile.ZipFile(archive) as zf:
                    for name in zf.namelist():
                        if name.startswith("/") or ".." in Path(name).parts:
                            raise BadSourceError(f"{archive}: unsafe path in archive: {name}")
                    zf.extractall(tmp)
            else:
                with tarfile.open(archive) as tf:
                    tf.extractall(tmp, filter="data")
        except (zipfile.BadZipFile, tarfile.TarError, OSError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise BadSourceError(f"{archive}: not a readable archive ({exc})") from exc
        tmp.rename(dest)
    children = [p for p in dest.iterdir() if not p.name.startswith(".")]
    root = children[0] if len(children) == 1 and children[0].is_dir() else dest
    if not _has_files(root):
        raise BadSourceError(f"{origin}: the archive is empty")
    name = source_id or re.sub(r"(-main|-master)$", "", root.name if root != dest else archive.stem)
    return RepoTree(name, root, origin, "sha256:" + digest[:16])
