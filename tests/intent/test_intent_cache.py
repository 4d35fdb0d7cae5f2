from __future__ import annotations

from pathlib import Path

import pytest

from models.cache import atomic_dir, is_complete, short_hash, versioned_dir


def test_short_hash_is_stable_and_separates_parts() -> None:
    assert short_hash("a", b"b") == short_hash(b"a", "b")
    assert short_hash("ab", "c") != short_hash("a", "bc")
    assert len(short_hash("x", length=8)) == 8


def test_atomic_dir_publishes_only_finished_builds(tmp_path: Path) -> None:
    final = versioned_dir(tmp_path, "kind", "v1")
    with pytest.raises(RuntimeError), atomic_dir(final) as tmp:
        (tmp / "half.bin").write_bytes(b"x")
        raise RuntimeError("build failed")
    assert not final.exists()
    assert list(final.parent.iterdir()) == []

    final.mkdir(parents=True)  # leftover of an interrupted run, without the marker
    (final / "stale").write_text("old")
    assert not is_complete(final)
    with atomic_dir(final) as tmp:
        (tmp / "weights.bin").write_bytes(b"new")
    assert is_complete(final)
    assert sorted(p.name for p in final.iterdir()) == [".complete", "weights.bin"]
