"""The corpus the project ships: sizes the issue asks for, and splits that stay apart.

A dev or probe line that also sits in training would make their figures meaningless, so
overlap is checked on a spacing- and punctuation-free form of the text, the way a
recognizer's output would differ.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from models.intent.corpus import (
    NEGATION_PROBE,
    SMALL_PROBES,
    URGENT_PROBES,
    load_corpus,
    load_respelt_probe,
)
from models.taxonomy import load_taxonomy
from tests.conftest import HELD_OUT_SPLITS

DATA = Path(__file__).resolve().parents[2] / "models" / "data"
LABELS = load_taxonomy().ids


def _key(text: str) -> str:
    return re.sub(r"[\s.,!?~…·'\"]+", "", text)


def test_training_split_has_at_least_80_per_intent() -> None:
    counts = load_corpus(DATA / "intents_train.tsv", labels=LABELS).counts()
    short = {label: counts.get(label, 0) for label in LABELS if counts.get(label, 0) < 80}
    assert not short, short


@pytest.mark.parametrize("name", HELD_OUT_SPLITS)
def test_each_held_out_split_has_at_least_10_per_intent(name: str) -> None:
    counts = load_corpus(DATA / name, labels=LABELS).counts()
    short = {label: counts.get(label, 0) for label in LABELS if counts.get(label, 0) < 10}
    assert not short, short


@pytest.mark.parametrize("name", (*HELD_OUT_SPLITS, NEGATION_PROBE, *SMALL_PROBES, *URGENT_PROBES))
def test_held_out_lines_are_not_in_training(name: str) -> None:
    train = {_key(t) for t in load_corpus(DATA / "intents_train.tsv", labels=LABELS).texts}
    leaked = [t for t in load_corpus(DATA / name, labels=LABELS).texts if _key(t) in train]
    assert not leaked, leaked[:5]


def test_training_has_no_repeated_lines() -> None:
    texts = load_corpus(DATA / "intents_train.tsv", labels=LABELS).texts
    repeated = [k for k, n in Counter(_key(t) for t in texts).items() if n > 1]
    assert not repeated, repeated[:5]


def test_misspelt_probe_respells_every_other_probe_line_and_keeps_its_intent() -> None:
    clean, respelt_corpus = load_respelt_probe(DATA, labels=LABELS)
    originals, respelt = clean.examples, respelt_corpus.examples
    assert len(respelt) == len(originals)
    for before, after in zip(originals, respelt, strict=True):
        assert after.intent == before.intent
        assert len(after.text.split()) == len(before.text.split()), (before.text, after.text)
    changed = sum(a.text != b.text for a, b in zip(originals, respelt, strict=True))
    assert changed >= 0.95 * len(respelt)
