"""What every intent predictor returns, so routing and evaluation treat the fine-tuned model
and the TF-IDF baseline alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True)
class IntentPrediction:
    """Probabilities over all intents, best first; they sum to 1."""

    scores: list[tuple[str, float]]

    @property
    def intent(self) -> str:
        return self.scores[0][0]

    @property
    def confidence(self) -> float:
        return self.scores[0][1]

    @property
    def margin(self) -> float:
        """Gap between the best and second-best probability: small means the call is ambiguous."""
        return self.scores[0][1] - (self.scores[1][1] if len(self.scores) > 1 else 0.0)

    def top(self, k: int) -> list[tuple[str, float]]:
        return self.scores[:k]


class IntentPredictor(Protocol):
    labels: list[str]
    version: str

    def predict(self, texts: list[str]) -> list[IntentPrediction]: ...

    def predict_proba(self, texts: list[str]) -> np.ndarray: ...


def predictions_from_proba(probs: np.ndarray, labels: Sequence[str]) -> list[IntentPrediction]:
    out: list[IntentPrediction] = []
    for row in np.asarray(probs, dtype=np.float64):
        order = np.argsort(-row, kind="stable")
        out.append(IntentPrediction(scores=[(labels[i], float(row[i])) for i in order]))
    return out
