from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.llm import catalog
from cli.main import cli
from core.errors import ModelError


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> catalog.CatalogEntry:
    """A three-part model shipped as three installed packages, like the real catalog entries."""
    site = tmp_path / "site"
    blobs = [b"GGUF" + os.urandom(1000), os.urandom(1000), os.urandom(500)]
    for i, blob in enumerate(blobs, start=1):
        data = site / f"tinypart{i}" / "data"
        data.mkdir(parents=True)
        (data.parent / "__init__.py").write_text("")
        (data / f"part{i:02d}.bin").write_bytes(blob)
    monkeypatch.syspath_prepend(str(site))
    whole = b"".join(blobs)
    entry = catalog.CatalogEntry("tiny", "tinypart", "1.0", 3, len(whole), hashlib.sha256(whole).hexdigest(), "test")
    monkeypatch.setitem(catalog.CATALOG, "tiny", entry)
    return entry


def test_first_use_assembles_parts_in_order_and_verifies(tiny: catalog.CatalogEntry) -> None:
    seen: list[int] = []
    info = catalog.resolve("tiny", progress=lambda done, total: seen.append(done))
    data = Path(info.path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == tiny.sha256 and seen[-1] == tiny.size
    assert catalog.resolve("tiny").path == info.path  # second use: no re-assembly


def test_missing_part_names_the_package_and_the_fix(tiny: catalog.CatalogEntry, tmp_path: Path) -> None:
    (tmp_path / "site/tinypart2/data/part02.bin").unlink()
    with pytest.raises(ModelError) as err:
        catalog.resolve("tiny")
    assert err.value.one_line() == ("model: part 2 of 3 of tiny is not installed (tinypart2==1.0) "
                                    "(run `pip install tinypart2==1.0` or the README's setup command)")


def test_truncated_and_tampered_files_are_caught(tiny: catalog.CatalogEntry) -> None:
    path = Path(catalog.resolve("tiny").path)
    data = path.read_bytes()
    path.write_bytes(data[:-10])
    with pytest.raises(ModelError, match="truncated or replaced"):
        catalog.resolve("tiny")
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, one bit flipped
    with pytest.raises(ModelError, match="does not match its sha256"):
        catalog.resolve("tiny")


def test_a_byte_flipped_in_place_with_the_mtime_restored_is_caught(tiny: catalog.CatalogEntry) -> None:
    import os

    path = Path(catalog.resolve("tiny").path)  # verified once: its stamp is remembered
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    with open(path, "r+b") as handle:  # same inode, same size
        handle.write(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime put back; ctime moves regardless
    with pytest.raises(ModelError, match="does not match its sha256"):
        catalog.resolve("tiny")


def test_deep_verification_hashes_an_unchanged_file_again(tiny: catalog.CatalogEntry,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    catalog.resolve("tiny")
    hashed: list[Path] = []
    real = catalog.sha256_file
    monkeypatch.setattr(catalog, "sha256_file", lambda p: hashed.append(p) or real(p))
    catalog.resolve("tiny")
    assert hashed == []  # unchanged since its check: trusted
    catalog.resolve("tiny", deep=True)
    assert len(hashed) == 1


def test_verify_command_reports_one_line(tiny: catalog.CatalogEntry, tmp_path: Path) -> None:
    ok = CliRunner().invoke(cli, ["models", "verify", "--model", "tiny"])
    assert ok.exit_code == 0 and ok.stdout.startswith("tiny: ") and " OK (2,504 bytes" in ok.stdout
    Path(catalog.resolve("tiny").path).unlink()
    (tmp_path / "site/tinypart3/data/part03.bin").write_bytes(b"short")
    bad = CliRunner().invoke(cli, ["models", "verify", "--model", "tiny"])
    assert bad.exit_code == 1
    assert bad.stderr.startswith("model: the parts of tiny add up to 2,009 bytes, expected 2,504")


def _write_gguf(path: Path) -> None:
    import gguf

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_context_length(8192)
    writer.add_chat_template("{{ messages }}")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def test_add_reads_gguf_metadata_and_use_makes_it_default(tmp_path: Path) -> None:
    model = tmp_path / "big.gguf"
    _write_gguf(model)
    result = CliRunner().invoke(cli, ["models", "add", str(model), "--name", "big"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "added big: llama, context 8192, chat template yes\n"
    assert CliRunner().invoke(cli, ["models", "use", "big"]).stdout == "default model: big\n"
    listing = CliRunner().invoke(cli, ["models", "list"]).stdout
    assert "* big " in listing and "  qwen2.5-coder-0.5b" in listing


def test_add_refuses_files_that_are_not_gguf(tmp_path: Path) -> None:
    fake = tmp_path / "model.bin"
    fake.write_bytes(b"PK\x03\x04 not a model")
    result = CliRunner().invoke(cli, ["models", "add", str(fake), "--name", "x"])
    assert result.exit_code == 2 and result.stderr == f"bad input: {fake} is not a GGUF file (bad magic bytes)\n"
    unknown = CliRunner().invoke(cli, ["models", "use", "nope"])
    assert unknown.exit_code == 2 and unknown.stderr.startswith("bad input: unknown model 'nope'")


def test_saved_prefixes_are_pruned_to_the_newest(tmp_path: Path) -> None:
    import time

    from assistant.llm import runtime

    for i in range(9):
        (tmp_path / f"{i}.bin").write_bytes(b"x")
        os.utime(tmp_path / f"{i}.bin", (time.time() + i, time.time() + i))
    runtime._prune(tmp_path, keep=runtime.KV_FILES_KEPT)
    assert sorted(p.name for p in tmp_path.glob("*.bin")) == [f"{i}.bin" for i in range(3, 9)]


@pytest.mark.parametrize(("installed", "cores", "ram_gib", "picked", "why"), [
    (True, 8, 16, catalog.STRONGER_MODEL, "8 cores, 16 GiB: the more faithful model runs at a usable speed"),
    (True, 2, 16, catalog.DEFAULT_MODEL, "2 cores; qwen2.5-coder-1.5b is picked from 4"),
    (True, 8, 4, catalog.DEFAULT_MODEL, "4 GiB of memory; qwen2.5-coder-1.5b is picked from 8 GiB"),
    (False, 8, 16, catalog.DEFAULT_MODEL, "qwen2.5-coder-1.5b is not installed"),
])
def test_auto_picks_the_stronger_model_where_it_runs_at_a_usable_speed(
        monkeypatch: pytest.MonkeyPatch, installed: bool, cores: int, ram_gib: int, picked: str, why: str) -> None:
    monkeypatch.setattr(catalog, "_installed", lambda entry: installed)
    monkeypatch.setattr(catalog, "_ram_bytes", lambda: ram_gib * 2**30)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    name, reason = catalog.auto_choice()
    assert name == picked and reason.startswith(why)
    assert catalog.chosen_default() == catalog.AUTO and catalog.default_name() == picked  # auto is the default
    catalog.use(catalog.DEFAULT_MODEL)
    assert catalog.default_name() == catalog.DEFAULT_MODEL  # until the user picks one
    catalog.use("auto")
    assert catalog.default_name() == picked
    listed = CliRunner().invoke(cli, ["models", "list"]).stdout
    assert f"default: auto, so {picked} ({reason})" in listed
    assert next(line for line in listed.splitlines() if line.startswith("*")).split()[1] == picked
