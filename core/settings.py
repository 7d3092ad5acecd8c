"""User settings: CLI flags over env vars (`ASSISTANT_*`) over the TOML config file over defaults.

Every default lives here, once; a flag is passed to `load()` and wins as an init value, so the
settings stay one typed, validated object from the command line to the code that reads them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings.exceptions import SettingsError

from core import paths
from core.errors import UsageError

# Since 2026 the examples live in connector_sdk (renamed from fivetran_connector_sdk) and the
# community connectors in a repository of their own.
DEFAULT_REPOS = ["https://github.com/fivetran/connector_sdk.git",
                 "https://github.com/fivetran/community_connectors.git"]
DEFAULT_DOCS_URL = "https://fivetran.com/docs/connector-sdk"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    repos: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(DEFAULT_REPOS))
    """Example repositories ingested by default: git URLs, archive URLs or local folders
    (ASSISTANT_REPOS: separated by spaces or commas, or a JSON list)."""

    @field_validator("repos", mode="before")
    @classmethod
    def _split_repos(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                try:
                    return json.loads(text)
                except ValueError as exc:
                    raise ValueError("not a JSON list; separate the repositories by spaces instead") from exc
            return [part for part in text.replace(",", " ").split() if part]
        return value

    docs_url: str = DEFAULT_DOCS_URL
    """Root of the documentation site; the crawler never leaves this prefix."""

    crawl_delay: float = Field(default=1.0, ge=0, allow_inf_nan=False)
    """Seconds between two requests to the docs site (robots.txt Crawl-delay wins if larger)."""

    crawl_max_pages: int = Field(default=400, ge=1)
    """Upper bound on pages fetched in one crawl."""

    embedder: Literal["minilm", "hash"] = "minilm"
    """`minilm` (the packaged all-MiniLM-L6-v2) or `hash` (deterministic, for tests only)."""

    chroma_url: str | None = None
    """Use a Chroma server (`http://host:port`) instead of the local store."""

    sdk_module: str = "fivetran_connector_sdk"
    """Module introspected for the `sdk_api` chunks (tests point it at a fake)."""

    model: str | None = None
    """Model for answers; unset means the default chosen with `assistant models use`."""

    llm_url: str | None = None
    """An OpenAI-compatible server (llama.cpp, llama-cpp-python, vLLM) to use instead of a local model."""

    n_ctx: int = Field(default=4096, ge=512)
    """Context window in tokens for the local model."""

    threads: int = Field(default_factory=lambda: os.cpu_count() or 2, ge=1)
    """CPU threads for the local model (default: all cores)."""

    max_answer_tokens: int = Field(default=400, ge=16)
    """Room kept free in the context for the answer."""

    passages: int = Field(default=4, ge=1)
    """Passages retrieved for each answer (`ask -k`, `chat -k`)."""

    search_results: int = Field(default=5, ge=1)
    """Results `assistant search` shows (`-k`)."""

    chat_memory: Literal["auto", "on", "off"] = "auto"
    """Whether chat follow-ups carry the earlier turns. "auto": on, except for models known to
    repeat an earlier answer instead of answering (the built-in 0.5B)."""

    runtime_venv: Path | None = None
    """The venv `fivetran debug` runs in (default: runtime-venv in the data folder)."""

    validate_timeout: float = Field(default=120.0, gt=0, allow_inf_nan=False)
    """Seconds a `fivetran debug` run may take before its process group is killed."""

    validate_memory_mb: int = Field(default=6144, ge=256)
    """Address space a `fivetran debug` run may use (RLIMIT_AS); past it the connector gets MemoryError."""

    validate_file_mb: int = Field(default=1024, ge=1)
    """Largest file a `fivetran debug` run may write (RLIMIT_FSIZE); past it the write fails."""

    validate_isolate: bool = True
    """Run `fivetran debug` where everything but the project is read-only (a mount namespace), where
    the kernel allows it (a write outside then fails); without it, writes outside are detected afterwards."""

    repair_attempts: int = Field(default=3, ge=1)
    """Repair attempts of `fix`, `generate --validate` and the chat's /fix before giving up."""

    max_file_bytes: int = Field(default=1_000_000, ge=1)
    """Files larger than this are skipped and counted."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file())
        return (init_settings, env_settings, toml)


def load(**flags: Any) -> Settings:
    """The settings, with the CLI flags that were given (None means "not given") on top. A value
    that fails its type, from a flag, the environment or the config file, is one clear error."""
    try:
        return Settings(**{key: value for key, value in flags.items() if value is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"setting {name} (ASSISTANT_{name.upper()}): {first['msg']}") from None
    except SettingsError as exc:  # a value the environment or the config file cannot even be parsed from
        name = str(exc).split('field "', 1)[-1].split('"', 1)[0] if 'field "' in str(exc) else "?"
        raise UsageError(f"setting {name} (ASSISTANT_{name.upper()}): cannot be read ({exc})") from None


def default(name: str) -> object:
    """A setting's built-in default, for `--help` texts."""
    return Settings.model_fields[name].get_default(call_default_factory=True)
