"""The shipped model must not depend on the writers' spacing or spelling: a recognizer joins
and splits Korean words at random and writes what it hears, and the intent does not change with
either (``models.intent.augment``, ``models.intent.sound_spelling``).

Before training saw respaced copies, removing every space cost the fused model 2.4-2.8 points
of top-1 on dev and both probe sets (2026-11-30); with them it cost at most about half a point
there, and 0 to 1.2 points on dev and the later probes, but 1.7 on probe g (96f68be4deed, see
KNOWN_MISSES).
Before its n-gram branch saw copies spelled as they sound, hand-respelt probe lines cost it
6.5 points against the same lines spelt correctly (fa63ce6b8b85, 0.957 -> 0.892); with them,
4.6 (0.955 -> 0.909), in float32 and bfloat16 alike. Since the model also reads words it does
not know as the corpus word that sounds the same (``models.intent.respelling``), 1.9
(1adfe5ee8600, 0.950 -> 0.931; the same build without the respelling: 4.8).
"""

from __future__ import annotations

import numpy as np
import pytest

from callcenter.config import PROJECT_ROOT
from callcenter.services import LoadedModels
from models.intent.classifier import IntentClassifier
from models.intent.corpus import RESPELT_PROBE, load_corpus, load_respelt_probe
from models.taxonomy import load_taxonomy
from tests.conftest import HELD_OUT_SPLITS

# Every held-out split but the misspelt one, which the next test pairs with its originals.
SPLITS = tuple(split for split in HELD_OUT_SPLITS if split != RESPELT_PROBE)
# Splits on which the shipped model is known to miss the bound, with the measurement. Strict: a
# model that meets the bound there fails the run until its entry is removed.
KNOWN_MISSES = {
    "intents_probe_g.tsv": (
        "96f68be4deed: 0.976 -> 0.959 without spaces (-1.7 points; 9 lines broken, 2 fixed, "
        "no shared cause found), measured once on 2026-11-30 when probe g arrived"
    ),
}


def _marked(split: str) -> object:
    if split in KNOWN_MISSES:
        return pytest.param(split, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[split]))
    return split


@pytest.fixture(scope="module")
def classifier(loaded_models: LoadedModels) -> IntentClassifier:
    return loaded_models.classifier


@pytest.mark.parametrize("split", [_marked(split) for split in SPLITS])
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


def test_hand_respelt_probe_lines_cost_at_most_three_points(
    classifier: IntentClassifier,
) -> None:
    clean, respelt = load_respelt_probe(
        PROJECT_ROOT / "models" / "data", labels=load_taxonomy().ids
    )
    truth = np.array(clean.intents)

    def accuracy(texts: list[str]) -> float:
        return float(np.mean([p.intent for p in classifier.predict(texts)] == truth))

    before, after = accuracy(clean.texts), accuracy(respelt.texts)
    assert after >= before - 0.03, (before, after)
