"""Fixtures for the redaction tests: the labelled sample sets, loaded once.

``pii_samples.tsv`` was written with the redactor. ``pii_samples_outside.tsv`` came from three
writers who never saw the redactor or the other sets (a call-center angle, a recognizer angle,
typed notes and chat), one after the other; recall on them was 0.941, 0.945 and 0.962 when each
arrived (precision 0.99, 0.98 and 1.0, no look-alike touched), and the misses each showed were
fixed before the next was written, so none of them is unseen now.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callcenter.privacy.evaluation import Sample, load_samples

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE_SETS = ("pii_samples.tsv", "pii_samples_outside.tsv")


@pytest.fixture(scope="session", params=SAMPLE_SETS)
def pii_samples(request: pytest.FixtureRequest) -> list[Sample]:
    return load_samples(DATA / request.param)
