from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.intent.evaluate import evaluate
from models.intent.prediction import predictions_from_proba
from models.taxonomy import load_taxonomy

LABELS = load_taxonomy().ids

# text -> (true intent, the named probabilities; the rest is spread thinly over other intents)
CASES = {
    "a1": ("transport.bus", {"transport.bus": 0.81, "transport.subway": 0.1}),
    "a2": ("transport.bus", {"transport.subway": 0.61, "transport.bus": 0.3}),
    "b1": ("transport.subway", {"transport.subway": 0.91}),
    "e1": ("emergency.safety", {"emergency.safety": 0.71}),
    "e2": ("emergency.safety", {"out_of_scope": 0.51, "emergency.safety": 0.2}),
    "c1": (
        "water.leak",
        {"water.bill": 0.52, "civil.passport": 0.2, "civil.move_in": 0.15, "water.leak": 0.05},
    ),
}


class FixedPredictor:
    def __init__(self, table: dict[str, np.ndarray], version: str) -> None:
        self.labels = list(LABELS)
        self.version = version
        self._table = table

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._table[t] for t in texts])

    def predict(self, texts: list[str]):
        return predictions_from_proba(self.predict_proba(texts), self.labels)


def _row(named: dict[str, float]) -> np.ndarray:
    rest = (1.0 - sum(named.values())) / (len(LABELS) - len(named))
    return np.array([named.get(label, rest) for label in LABELS])


def test_evaluate_reports_known_metrics(tmp_path: Path, make_tsv) -> None:
    data = make_tsv(tmp_path / "eval.tsv", [(text, true) for text, (true, _) in CASES.items()])
    model = FixedPredictor({t: _row(named) for t, (_, named) in CASES.items()}, "m1")
    perfect = FixedPredictor({t: _row({true: 0.99}) for t, (true, _) in CASES.items()}, "b1")
    png = tmp_path / "out" / "confusion.png"

    result = evaluate(classifier=model, baseline=perfect, data_path=data, png_path=png)

    m = result["model"]
    assert m["version"] == "m1"
    assert m["examples"] == 6
    assert m["accuracy"] == pytest.approx(3 / 6)
    assert m["top3_accuracy"] == pytest.approx(5 / 6)
    # F1 2/3 for bus, subway and emergency; 0 for out_of_scope, water.leak and water.bill.
    assert m["macro_f1"] == pytest.approx(2 / 6)
    assert m["emergency_recall"] == pytest.approx(0.5)
    assert m["per_intent"]["transport.bus"] == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2}
    )
    assert m["per_intent"]["transport.subway"]["precision"] == pytest.approx(0.5)
    assert m["per_intent"]["water.bill"]["support"] == 0
    assert "tax.vehicle" not in m["per_intent"]
    assert m["confused_pairs"] == [
        {"true": "emergency.safety", "predicted": "out_of_scope", "count": 1},
        {"true": "transport.bus", "predicted": "transport.subway", "count": 1},
        {"true": "water.leak", "predicted": "water.bill", "count": 1},
    ]
    # Confidence bins: 0.81, 0.91, 0.71 right; 0.61 wrong; 0.51 and 0.52 (one bin) wrong.
    assert m["ece"] == pytest.approx((0.19 + 0.09 + 0.29 + 0.61 + 2 * 0.515) / 6)
    matrix = np.array(m["confusion_matrix"])
    assert matrix.sum() == 6
    assert matrix[LABELS.index("water.leak"), LABELS.index("water.bill")] == 1

    b = result["baseline"]
    assert b["accuracy"] == pytest.approx(1.0)
    assert b["emergency_recall"] == pytest.approx(1.0)
    assert result["model_minus_baseline"]["accuracy"] == pytest.approx(-0.5)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_rejects_mismatched_label_sets(tmp_path: Path, make_tsv) -> None:
    data = make_tsv(tmp_path / "eval.tsv", [("a1", "transport.bus")])
    model = FixedPredictor({"a1": _row({"transport.bus": 0.9})}, "m")
    other = FixedPredictor({}, "b")
    other.labels = LABELS[::-1]
    with pytest.raises(ValueError, match="label sets differ"):
        evaluate(classifier=model, baseline=other, data_path=data, png_path=None)
