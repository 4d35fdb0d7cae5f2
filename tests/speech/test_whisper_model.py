"""Assembling the packaged Whisper model: verification, reuse, rebuild, clear failures."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import sys
import time
from pathlib import Path

import pytest

from models.speech.whisper_model import (
    WHISPER_BASE,
    ModelAssemblyError,
    PackagedFile,
    SplitModelSpec,
    assemble_split_model,
    assemble_whisper_base,
    load_whisper,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_bundled_model_assembles_verifies_and_is_reused(tmp_path: Path) -> None:
    target = assemble_whisper_base(cache_dir=tmp_path)
    assert target == tmp_path / "whisper-base-1.0.0"
    model_bin = target / "model.bin"
    assert model_bin.stat().st_size == WHISPER_BASE.joined_size
    assert sha256(model_bin) == WHISPER_BASE.joined_sha256
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        assert (target / name).is_file()
    inode = model_bin.stat().st_ino
    started = time.perf_counter()
    assert assemble_whisper_base(cache_dir=tmp_path) == target
    assert time.perf_counter() - started < 1.0  # reused from the stamp, not re-joined
    assert model_bin.stat().st_ino == inode
    assert assemble_whisper_base(cache_dir=tmp_path, full_check=True) == target
    assert model_bin.stat().st_ino == inode
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp leftovers


@pytest.mark.slow
def test_a_damaged_model_is_rebuilt(tmp_path: Path) -> None:
    target = assemble_whisper_base(cache_dir=tmp_path)
    model_bin = target / "model.bin"
    with model_bin.open("r+b") as f:  # flip one byte in the middle, size unchanged
        f.seek(WHISPER_BASE.joined_size // 2)
        byte = f.read(1)
        f.seek(WHISPER_BASE.joined_size // 2)
        f.write(bytes([byte[0] ^ 0xFF]))
    assert sha256(model_bin) != WHISPER_BASE.joined_sha256
    assemble_whisper_base(cache_dir=tmp_path)
    assert sha256(target / "model.bin") == WHISPER_BASE.joined_sha256
    (target / "tokenizer.json").unlink()
    assemble_whisper_base(cache_dir=tmp_path)
    assert (target / "tokenizer.json").is_file()


# --- the same machinery on small fake packages, to reach every failure --------------------


def make_package(root: Path, dist: str, files: dict[str, bytes], version: str = "1.0.0") -> None:
    module = dist.replace("-", "_")
    (root / module / "data").mkdir(parents=True)
    (root / module / "__init__.py").write_text("")
    for name, content in files.items():
        (root / module / "data" / name).write_bytes(content)
    info = root / f"{module}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")


def packaged(dist: str, name: str, content: bytes) -> PackagedFile:
    return PackagedFile(
        dist, dist.replace("-", "_"), name, len(content), hashlib.sha256(content).hexdigest()
    )


@pytest.fixture
def fake_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SplitModelSpec, Path]:
    import importlib

    root = tmp_path / "site"
    tag = os.urandom(4).hex()  # unique module names: importlib caches packages per process
    one, two = f"fakepart-one-{tag}", f"fakepart-two-{tag}"
    a, b, conf = b"first half " * 100, b"second half " * 100, b'{"fake": true}'
    make_package(root, one, {"config.json": conf, "blob.part1": a})
    make_package(root, two, {"blob.part2": b})
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    spec = SplitModelSpec(
        kind="fake",
        version="1.0.0",
        files=(packaged(one, "config.json", conf),),
        parts=(packaged(one, "blob.part1", a), packaged(two, "blob.part2", b)),
        joined_name="blob",
        joined_size=len(a + b),
        joined_sha256=hashlib.sha256(a + b).hexdigest(),
    )
    yield spec, root
    for name in [m for m in sys.modules if m.startswith("fakepart_")]:
        del sys.modules[name]


def test_parts_join_in_order(fake_spec: tuple[SplitModelSpec, Path], tmp_path: Path) -> None:
    spec, _root = fake_spec
    target = assemble_split_model(spec, cache_dir=tmp_path / "cache")
    assert target.name == "fake-1.0.0"
    assert (target / "blob").read_bytes() == b"first half " * 100 + b"second half " * 100


def test_a_damaged_part_fails_loudly(
    fake_spec: tuple[SplitModelSpec, Path], tmp_path: Path
) -> None:
    spec, root = fake_spec
    part = root / spec.parts[1].package / "data" / "blob.part2"
    part.write_bytes(b"SECOND half " * 100)  # same size, other bytes
    with pytest.raises(ModelAssemblyError, match=r"blob\.part2.*sha256"):
        assemble_split_model(spec, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache" / "fake-1.0.0").exists()
    part.write_bytes(b"short")
    with pytest.raises(ModelAssemblyError, match="5 bytes, expected 1200"):
        assemble_split_model(spec, cache_dir=tmp_path / "cache")


def test_a_wrong_joined_digest_fails_loudly(
    fake_spec: tuple[SplitModelSpec, Path], tmp_path: Path
) -> None:
    spec, _root = fake_spec
    wrong = dataclasses.replace(spec, joined_sha256="0" * 64)
    with pytest.raises(ModelAssemblyError, match="do not belong together"):
        assemble_split_model(wrong, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # the temp dir was cleaned up


def test_missing_or_wrong_version_package_names_the_fix(
    fake_spec: tuple[SplitModelSpec, Path], tmp_path: Path
) -> None:
    spec, _root = fake_spec
    missing = PackagedFile("not-installed-part", "not_installed_part", "x", 1, "0" * 64)
    with pytest.raises(
        ModelAssemblyError, match=re.escape("pip install not-installed-part==1.0.0")
    ):
        assemble_split_model(
            dataclasses.replace(spec, parts=(missing,)),
            cache_dir=tmp_path / "cache",
        )
    newer = dataclasses.replace(spec, version="2.0.0")
    with pytest.raises(
        ModelAssemblyError, match=re.escape("is version 1.0.0, this code expects 2.0.0")
    ):
        assemble_split_model(newer, cache_dir=tmp_path / "cache")


def test_an_interrupted_build_is_replaced(
    fake_spec: tuple[SplitModelSpec, Path], tmp_path: Path
) -> None:
    spec, _root = fake_spec
    half = tmp_path / "cache" / "fake-1.0.0"
    half.mkdir(parents=True)
    (half / "blob").write_bytes(b"partial")  # no completion marker
    target = assemble_split_model(spec, cache_dir=tmp_path / "cache")
    assert (target / "blob").stat().st_size == spec.joined_size


def test_load_whisper_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_whisper(model=tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError):
        load_whisper(model="./relative/nowhere")
