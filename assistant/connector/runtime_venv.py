"""The runtime venv that `fivetran debug` runs in: the SDK, requests and the project's requirements.

It mirrors Fivetran's production runtime and keeps the SDK's exact pins (requests, duckdb, ...)
away from the assistant's own torch and chroma stack.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from core import files, paths
from core.errors import RuntimeEnvError

SDK_REQUIREMENT = "fivetran-connector-sdk>=3,<4"


def location(configured: Path | None = None) -> Path:
    return configured or paths.data_dir() / "runtime-venv"


def python(venv: Path) -> Path:
    return venv / "bin" / "python"


def fivetran(venv: Path) -> Path:
    return venv / "bin" / "fivetran"


def sdk_version(venv: Path) -> str:
    """The SDK version in the runtime venv; a RuntimeEnvError naming the fix if it is missing or old."""
    if not fivetran(venv).exists():
        raise RuntimeEnvError(f"no fivetran-connector-sdk runtime at {venv}",
                              hint="run `assistant runtime setup`; the README's setup command does it")
    out = subprocess.run([str(python(venv)), "-c", "import importlib.metadata as m; "
                          "print(m.version('fivetran-connector-sdk'))"], capture_output=True, text=True, timeout=60)
    version = out.stdout.strip()
    if out.returncode != 0 or not version:
        raise RuntimeEnvError(f"fivetran-connector-sdk is missing from {venv}",
                              hint=f"run `{python(venv)} -m pip install '{SDK_REQUIREMENT}'`")
    if int(version.split(".")[0]) < 3:
        raise RuntimeEnvError(f"fivetran-connector-sdk {version} in {venv} is older than 3",
                              hint=f"run `{python(venv)} -m pip install -U '{SDK_REQUIREMENT}'`")
    return version


def setup(venv: Path) -> str:
    if not python(venv).exists():
        files.make_folder(venv, "runtime venv (ASSISTANT_RUNTIME_VENV)")
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeEnvError(f"could not create a venv in {venv}: "
                                  f"{(made.stderr.strip().splitlines() or ['no reason given'])[-1]}")
    out = subprocess.run([str(python(venv)), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          SDK_REQUIREMENT, "requests"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeEnvError(f"could not install the SDK into {venv}: {out.stderr.strip().splitlines()[-1:]}")
    return sdk_version(venv)


def install_requirements(venv: Path, requirements: Path) -> list[str]:
    """Install the project's pinned requirements; return the names that could not be had (offline)."""
    lines = [ln.split("#", 1)[0].strip() for ln in files.read_text(requirements, "requirements").splitlines()] \
        if requirements.exists() else []
    missing = []
    for line in filter(None, lines):
        name = re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0]
        check = subprocess.run([str(python(venv)), "-m", "pip", "show", "-q", name], capture_output=True)
        if check.returncode == 0:
            continue
        out = subprocess.run([str(python(venv)), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                              "--retries", "0", "--timeout", "10", line], capture_output=True, text=True, timeout=600)
        if out.returncode != 0:
            missing.append(line)
    return missing
