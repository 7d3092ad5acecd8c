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
    assert result.returncode == 2
    assert result.stderr == f"bad bundle: {bad}: checksum mismatch, the bundle is damaged or was altered\n"
    assert status() == before


def test_truncated_or_foreign_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csdk"
    junk.write_bytes(b"not a tar at all")
    result = run_proc("index", "import", str(junk))
    assert result.returncode == 2 and result.stderr.startswith(f"bad bundle: {junk}: not a readable bundle")
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


def _parts(bundle: Path) -> dict[str, bytes]:
    with tarfile.open(bundle) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def _craft(target: Path, parts: dict[str, bytes]) -> Path:
    """A bundle from parts, its checksum recomputed, so each case reaches the check it is for."""
    import hashlib
    import io

    try:
        manifest = json.loads(parts.get("manifest.json", b"null"))
    except ValueError:
        manifest = None  # a broken manifest stays broken
    if isinstance(manifest, dict):
        records, vectors = parts.get("records.jsonl", b""), parts.get("vectors.npy", b"")
        manifest["payload_sha256"] = hashlib.sha256(records + b"\x00" + vectors).hexdigest()
        parts = {**parts, "manifest.json": json.dumps(manifest).encode()}
    with tarfile.open(target, "w:gz") as tar:
        for name, data in parts.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _npy(array: object) -> bytes:
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def test_crafted_bundles_give_one_clear_line_and_leave_the_index_intact(repo: Path, tmp_path: Path) -> None:
    import numpy as np

    ingest(repo)
    bundle = tmp_path / "kb.csdk"
    run("index", "export", str(bundle))
    good = _parts(bundle)
    manifest = json.loads(good["manifest.json"])
    count, dim = manifest["chunk_count"], manifest["index"]["embedder"]["dim"]
    lines = good["records.jsonl"].split(b"\n")
    cases = {
        "wrong width": ({**good, "vectors.npy": _npy(np.zeros((count, dim + 8), np.float32))}, "the vectors are"),
        "float64": ({**good, "vectors.npy": _npy(np.zeros((count, dim), np.float64))}, "the vectors are"),
        "float16": ({**good, "vectors.npy": _npy(np.zeros((count, dim), np.float16))}, "the vectors are float16"),
        "NaN": ({**good, "vectors.npy": _npy(np.full((count, dim), np.nan, np.float32))}, "NaN"),
        "pickled": ({**good, "vectors.npy": b"\x93NUMPY garbage"}, "not a readable array"),
        "bad manifest": ({**good, "manifest.json": b"{nope"}, "not valid JSON"),
        "manifest list": ({**good, "manifest.json": b"[1, 2]"}, "unknown bundle format"),
        "manifest without index": ({**good, "manifest.json": json.dumps({**manifest, "index": {"x": 1}}).encode()},
                                   "does not describe an index"),
        "bad records": ({**good, "records.jsonl": b"{not json\n" * count}, "not valid JSON lines"),
        "record shape": ({**good, "records.jsonl": b"[]\n" * count}, "lacks its id"),
        "duplicate ids": ({**good, "records.jsonl": b"\n".join([lines[0]] * count)}, "duplicate chunk ids"),
        "missing part": ({k: v for k, v in good.items() if k != "vectors.npy"}, "vectors.npy is missing"),
    }
    before = status()
    for name, (parts, message) in cases.items():
        result = run_proc("index", "import", str(_craft(tmp_path / f"{name}.csdk", parts)))
        assert result.returncode == 2, name
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (name, result.stderr)
        assert message in result.stderr, (name, result.stderr)
    oversized = tmp_path / "big.csdk"  # a sparse file whose records member claims 2 GB
    with open(oversized, "wb") as handle:
        claim = tarfile.TarInfo("records.jsonl")
        claim.size = 2 * 1024**3
        handle.write(claim.tobuf(format=tarfile.GNU_FORMAT))
        handle.seek(claim.size, 1)
        for name in ("manifest.json", "vectors.npy"):
            info = tarfile.TarInfo(name)
            info.size = len(good[name])
            handle.write(info.tobuf(format=tarfile.GNU_FORMAT) + good[name] + b"\0" * (-len(good[name]) % 512))
        handle.write(b"\0" * 1024)
    result = run_proc("index", "import", str(oversized))
    assert result.returncode == 2 and "larger than" in result.stderr and "Traceback" not in result.stderr
    assert status() == before
    assert search("cursor based pagination")
