"""The shipped model must not depend on the writers' spacing: a recognizer joins and splits
Korean words at random, and the intent does not change with it (``models.intent.augment``).

Before training saw respaced copies, removing every space cost the fused model 2.4-2.8 points
of top-1 on dev and both probe sets (2026-11-30); with them it costs at most about half a point.
"""

from __future__ import annotations

import numpy as np
import pytest

from callcenter.config import PROJECT_ROOT
from callcenter.setup import intent_model_dir
from models.intent.classifier import IntentClassifier
from models.intent.corpus import load_corpus
from models.taxonomy import load_taxonomy
from tests.conftest import base_settings

SPLITS = ("intents_dev.tsv", "intents_probe_a.tsv", "intents_probe_b.tsv")


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    return IntentClassifier.load(intent_model_dir(base_settings()))


@pytest.mark.parametrize("split", SPLITS)
def test_removing_every_space_costs_at_most_one_and_a_half_points(
    classifier: IntentClassifier, split: str
) -> None:
    corpus = load_corpus(PROJECT_ROOT / "models" / "data" / split, labels=load_taxonomy().ids)
    truth = np.array(corpus.intents)

    def accuracy(texts: list[str]) -> float:
        return float(np.mean([p.intent for p in classifier.predict(texts)] == truth))

    clean = accuracy(corpus.texts)
    spaceless = accuracy([t.replace(" ", "") for t in corpus.texts])
    assert spaceless >= clean - 0.015, (split, clean, spaceless)
