"""Pieces every CLI module shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from assistant.settings import Settings

chroma_option = click.option("--chroma-url", metavar="URL", help="Use a Chroma server instead of the local index.")


def load_settings(chroma_url: str | None = None, **overrides: object) -> Settings:
    from assistant import settings as settings_mod

    cfg = settings_mod.load()
    if chroma_url:
        cfg.chroma_url = chroma_url
    for key, value in overrides.items():
        if value is not None:
            setattr(cfg, key, value)
    return cfg
