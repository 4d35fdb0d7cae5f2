"""Fixtures for the redaction tests: the labelled sample set, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcenter.privacy.evaluation import Sample, load_samples

SAMPLES_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_samples.tsv"


@pytest.fixture(scope="session")
def pii_samples() -> list[Sample]:
    return load_samples(SAMPLES_PATH)
