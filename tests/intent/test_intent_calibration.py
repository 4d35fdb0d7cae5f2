from __future__ import annotations

import numpy as np
import pytest

from models.intent.calibration import (
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    softmax,
)


def test_ece_of_hand_made_bins() -> None:
    # Two examples at confidence 0.9 (one right: accuracy 0.5) and two at 0.6 (both right).
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.4, 0.6], [0.4, 0.6]])
    targets = np.array([0, 1, 1, 1])
    # bin of 0.9: |0.5 - 0.9| = 0.4, weight 1/2; bin of 0.6: |1.0 - 0.6| = 0.4, weight 1/2
    assert expected_calibration_error(probs, targets) == pytest.approx(0.4)
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(perfect, np.array([0, 1])) == pytest.approx(0.0)


def test_temperature_repairs_an_over_confident_model() -> None:
    rng = np.random.default_rng(0)
    n, k = 4000, 10
    true_logits = rng.normal(scale=2.0, size=(n, k))
    # Labels drawn from softmax(true_logits): those logits are calibrated by construction.
    cumulative = softmax(true_logits).cumsum(axis=1)
    targets = (rng.random((n, 1)) > cumulative).sum(axis=1)
    over = 3.0 * true_logits  # same ranking, three times too sharp
    temperature = fit_temperature(over, targets)
    assert temperature == pytest.approx(3.0, rel=0.15)
    before, after = softmax(over), softmax(over, temperature)
    assert negative_log_likelihood(after, targets) < negative_log_likelihood(before, targets) - 0.1
    assert expected_calibration_error(after, targets) < 0.5 * expected_calibration_error(
        before, targets
    )
    assert (after.argmax(axis=1) == before.argmax(axis=1)).all()


def test_temperature_keeps_calibrated_logits_alone() -> None:
    logits = np.array([[2.0, 0.0], [0.0, 2.0], [2.0, 0.0], [0.0, 2.0]])
    targets = np.array([0, 1, 0, 1])  # all right: sharper is better, but bounded
    assert 0.05 <= fit_temperature(logits, targets) < 1.0
    softmax_rows = softmax(np.array([[1000.0, 0.0]]), 0.5)
    assert np.isfinite(softmax_rows).all()
    assert softmax_rows.sum() == pytest.approx(1.0)
