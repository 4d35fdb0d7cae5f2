"""The shipped model must not depend on the writers' spacing or spelling: a recognizer joins
and splits Korean words at random and writes what it hears, and the intent does not change with
either (``models.intent.augment``, ``models.intent.sound_spelling``).

Before training saw respaced copies, removing every space cost the fused model 2.4-2.8 points
of top-1 on dev and both probe sets (2026-11-30); with them it cost at most about half a point
there, and 0 to 1.2 points on dev and the later probes, but 1.7 on probe g (96f68be4deed).
Splitting words run together into corpus words (``models.intent.word_split``) brought dev and
probes a to f to 0 to 0.7 points, the negation probe from 14.1 to 4.2. With training round 5
(c01cf003d951, built on an AMD EPYC) every split was within the bound in float32 and bfloat16;
int8, with every linear layer quantized, missed it on probe g (-1.7) and on the hand-respelt
lines (-4.1). The same model built on an Intel Xeon missed it on probe h (-1.9) in float32 and
bfloat16. e3e9c8dcae6a (the lexical weight chosen by dev NLL; int8 keeping the feed-forward
outputs in float32) built on the Intel Xeon misses it on probe h in every precision
and meets the rest, the hand-respelt lines in int8 included (-2.4); built on an
AMD EPYC it meets every bound in bfloat16 and int8. Splitting the known words off a run that is
only partly known (split-2, ``models.intent.word_split``) brought the AMD build's spaceless
score to within half a point of the spaced one on dev and every probe; counting pieces that
sound like corpus words (split-3), within 0.2 but on probe b (-0.5). Measured on the Intel Xeon
with split-3 (2026-12-01, 9e1d7075b0e7, built there): at most 0.7 points on dev and probes a to
j in bfloat16, 1.0 (probe b) in int8, probe h 0.5 in both, so the known miss kept for Intel
builds is gone (keyed "Intel Xeon", it did not even apply where /proc/cpuinfo names the
processor "Intel(R) Xeon(R) Processor").
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
from models.intent.corpus import NEGATION_PROBE, RESPELT_PROBE, load_corpus, load_respelt_probe
from models.taxonomy import load_taxonomy
from tests.conftest import HELD_OUT_SPLITS

# Every held-out split but the misspelt one, which the next test pairs with its originals.
SPLITS = tuple(split for split in HELD_OUT_SPLITS if split != RESPELT_PROBE)
DATA = PROJECT_ROOT / "models" / "data"


@pytest.fixture(scope="module")
def classifier(loaded_models: LoadedModels) -> IntentClassifier:
    return loaded_models.classifier


def _accuracy(classifier: IntentClassifier, texts: list[str], truth: list[str]) -> float:
    return float(np.mean([p.intent for p in classifier.predict(texts)] == np.array(truth)))


@pytest.mark.parametrize("split", SPLITS)
def test_removing_every_space_costs_at_most_one_and_a_half_points(
    classifier: IntentClassifier, split: str
) -> None:
    corpus = load_corpus(DATA / split, labels=load_taxonomy().ids)
    clean = _accuracy(classifier, corpus.texts, corpus.intents)
    spaceless = _accuracy(classifier, [t.replace(" ", "") for t in corpus.texts], corpus.intents)
    assert spaceless >= clean - 0.015, (split, clean, spaceless)


def test_splitting_words_run_together_reads_the_negation_probe_without_spaces(
    classifier: IntentClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The negation step needs the words before 말고/아니고: with every space removed, the
    negation probe scored 0.845 reading the run as written and 0.944 split (float32)."""
    probe = load_corpus(DATA / NEGATION_PROBE, labels=load_taxonomy().ids)
    spaceless = [t.replace(" ", "") for t in probe.texts]
    split = _accuracy(classifier, spaceless, probe.intents)
    monkeypatch.setattr(classifier, "_splitter", None)
    as_written = _accuracy(classifier, spaceless, probe.intents)
    assert split >= 0.92, split
    assert split >= as_written + 0.05, (split, as_written)


def test_hand_respelt_probe_lines_cost_at_most_three_points(
    classifier: IntentClassifier,
) -> None:
    clean, respelt = load_respelt_probe(DATA, labels=load_taxonomy().ids)
    before = _accuracy(classifier, clean.texts, clean.intents)
    after = _accuracy(classifier, respelt.texts, clean.intents)
    assert after >= before - 0.03, (before, after)
