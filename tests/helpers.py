"""Shared test helpers: run the CLI in-process and in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from assistant.services import Services
from cli.main import cli
from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def services_with(generator: Any) -> Any:
    """A services factory whose model is `generator` (a fake, or a real model loaded once)."""
    return lambda cfg: Services(cfg, lambda settings, progress: generator)


def invoke(args: list[str], *, model: Any = None, input: str | None = None) -> Result:
    """The CLI in-process; with `model`, every command that needs the model gets that one."""
    return CliRunner().invoke(cli, args, input=input, obj=services_with(model) if model is not None else None)


def settings() -> Settings:
    from core.settings import load

    return load()


def run_proc(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=ROOT)


def ingest(repo: Path, *extra: str) -> Result:
    result = run("ingest", "--repo", str(repo), "-q", *extra)
    assert result.exit_code == 0, result.output
    return result


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Poll a local server until it answers; fail the test if it dies or never does."""
    import time

    import pytest
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server for {url} exited with {proc.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            time.sleep(0.3)
    pytest.fail(f"{url} did not come up in {seconds:.0f} s")
