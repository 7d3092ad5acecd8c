from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from helpers import ingest, run, run_proc


def status() -> dict:
    return json.loads(run("index", "status", "--json").output)


def search(query: str) -> list[dict]:
    return json.loads(run("search", query, "--json").output)["results"]


def test_export_then_import_into_another_home_round_trips(repo: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(repo)
    bundle = tmp_path / "kb.csdk"
    result = run("index", "export", str(bundle))
    assert result.exit_code == 0 and result.output.startswith(f"wrote {bundle} (")
    original, hits = status(), search("cursor based pagination")
    with tarfile.open(bundle) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["chunk_count"] == original["chunk_count"]
    assert manifest["index"]["embedder"]["weights_sha256"] == original["embedder"]["weights_sha256"]
    assert manifest["index"]["sources"][0]["commit"] == original["sources"][0]["commit"]

    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "other-home"))
    result = run("index", "import", str(bundle))
    assert result.exit_code == 0, result.output
    copied = status()
    assert {k: v for k, v in copied.items() if k != "generation"} == {
        k: v for k, v in original.items() if k != "generation"}
    assert [(h["source"], h["start_line"]) for h in search("cursor based pagination")] == [
        (h["source"], h["start_line"]) for h in hits]


def _tamper(bundle: Path, out: Path) -> None:
    with tarfile.open(bundle) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "records.jsonl":
                data = data.replace(b"next_cursor", b"evil_cursor")
            member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))


def test_tampered_bundle_is_refused_without_touching_the_index(repo: Path, tmp_path: Path) -> None:
    ingest(repo)
    bundle, bad = tmp_path / "kb.csdk", tmp_path / "bad.csdk"
    run("index", "export", str(bundle))
    _tamper(bundle, bad)
    before = status()
    result = run_proc("index", "import", str(bad))
    assert result.returncode == 1
    assert result.stderr == f"bad bundle: {bad}: checksum mismatch, the bundle is damaged or was altered\n"
    assert status() == before


def test_truncated_or_foreign_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csdk"
    junk.write_bytes(b"not a tar at all")
    result = run_proc("index", "import", str(junk))
    assert result.returncode == 1 and result.stderr.startswith(f"bad bundle: {junk}: not a readable bundle")
    missing = run_proc("index", "import", str(tmp_path / "absent.csdk"))
    assert missing.stderr == f"bad bundle: {tmp_path / 'absent.csdk'}: no such file\n"


def test_bundle_from_another_embedding_model_is_refused(repo: Path, tmp_path: Path) -> None:
    ingest(repo)
    bundle = tmp_path / "kb.csdk"
    run("index", "export", str(bundle))
    result = run_proc("index", "import", str(bundle), env={"ASSISTANT_EMBEDDER": "minilm",
                                                            "ASSISTANT_HOME": str(tmp_path / "h2")})
    assert result.returncode == 1
    assert result.stderr.startswith("incompatible index: the index was embedded with hash-bow-256")
    assert not (tmp_path / "h2" / "data" / "index").exists()  # nothing was created
