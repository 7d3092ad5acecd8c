"""Every on-disk location the assistant uses, in one place.

`ASSISTANT_HOME` overrides everything (tests point it at tmp_path); otherwise
platformdirs picks the per-user data, cache and config folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "csdk-assistant"


def home() -> Path | None:
    value = os.environ.get("ASSISTANT_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    root = home()
    return root / "data" if root else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    root = home()
    return root / "cache" if root else Path(platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    root = home()
    return root / "config" if root else Path(platformdirs.user_config_dir(APP_NAME))


def config_file() -> Path:
    return config_dir() / "config.toml"


def index_dir() -> Path:
    """The local Chroma store and its lock live here."""
    return data_dir() / "index"


def embed_cache_file() -> Path:
    """Vectors keyed by (model, text hash): lets a re-run skip unchanged chunks."""
    return cache_dir() / "embeddings.sqlite"


def docs_cache_dir() -> Path:
    """Raw crawled documentation pages and their manifest."""
    return cache_dir() / "docs"


def repos_cache_dir() -> Path:
    """Shallow clones and unpacked archives of example repositories."""
    return cache_dir() / "repos"


def chats_dir() -> Path:
    """One JSON file per chat session, for `assistant chat --resume`."""
    return data_dir() / "chats"


def exports_dir() -> Path:
    """Conversations saved as Markdown by /export when no file is named."""
    return data_dir() / "exports"


def ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
