"""Fixtures for the routing tests: the taxonomy, the seed FAQ and a deterministic fake embedder.

The fake embedder hashes character bigrams and trigrams (spaces removed) into a fixed number of
dimensions: texts sharing many n-grams get a high cosine, unrelated ones a low one. That is
enough to test ranking logic without loading the e5 model.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import numpy as np
import pytest

from models.taxonomy import Taxonomy, load_taxonomy
from routing.faq import SEED_FAQ_PATH, FaqEntry, load_faq_file

FAKE_DIM = 1024


def fake_embed(texts: list[str]) -> np.ndarray:
    rows = np.zeros((len(texts), FAKE_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        compact = "".join(text.split())
        for n in (2, 3):
            for i in range(len(compact) - n + 1):
                rows[row, zlib.crc32(compact[i : i + n].encode("utf-8")) % FAKE_DIM] += 1.0
        norm = np.linalg.norm(rows[row])
        if norm > 0:
            rows[row] /= norm
    return rows


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def seed_entries(taxonomy: Taxonomy) -> list[FaqEntry]:
    return load_faq_file(SEED_FAQ_PATH, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def embed() -> Callable[[list[str]], np.ndarray]:
    return fake_embed
