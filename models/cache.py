"""Versioned model cache: one complete directory per model version, written atomically.

Imported and trained models are expensive to build and cheap to reuse, so every builder
writes ``<cache_dir>/<kind>/<version>/`` once (through a temporary sibling directory that is
renamed into place) and later runs reuse it. A directory counts only when its completion
marker exists, so an interrupted build is never mistaken for a finished one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

DEFAULT_CACHE_DIR = Path("~/.cache/callcenter")
COMPLETE_MARKER = ".complete"


def default_cache_dir() -> Path:
    return DEFAULT_CACHE_DIR.expanduser()


def short_hash(*parts: bytes | str, length: int = 12) -> str:
    """A stable short version id; parts are length-prefixed so ("ab", "c") != ("a", "bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:length]


def versioned_dir(cache_dir: Path, kind: str, version: str) -> Path:
    return Path(cache_dir) / kind / version


def is_complete(path: Path) -> bool:
    return (Path(path) / COMPLETE_MARKER).is_file()


@contextlib.contextmanager
def atomic_dir(final: Path) -> Iterator[Path]:
    """Yield a temporary directory that becomes ``final`` (with its marker) if the block succeeds.

    If another process finished the same version first, its directory is kept and ours is
    discarded: same version means same content.
    """
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        yield tmp
        (tmp / COMPLETE_MARKER).write_text("ok\n", encoding="utf-8")
        if final.exists() and not is_complete(final):
            shutil.rmtree(final)  # leftover of an interrupted build without the marker
        try:
            os.rename(tmp, final)
        except OSError:
            if not is_complete(final):
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
