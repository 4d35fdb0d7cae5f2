from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.intent.baseline import TfidfBaseline, train_baseline
from models.taxonomy import load_taxonomy

LABELS = load_taxonomy().ids


def test_baseline_learns_a_separable_toy_set(tmp_path: Path, make_tsv) -> None:
    rows = [
        (f"{place} {thing}", intent)
        for intent, things in {
            "transport.bus": ["버스 노선", "버스 배차", "버스 막차"],
            "water.leak": ["수도관 누수", "수도 물 샘", "수도 계량기 샘"],
            "emergency.safety": ["불이 났어요 화재", "화재 연기", "불길 화재"],
        }.items()
        for thing in things
        for place in ("강남구", "마포구", "은평구", "노원구")
    ]
    train = make_tsv(tmp_path / "train.tsv", rows)
    baseline = train_baseline(train_path=train, dev_path=train)
    assert baseline.labels == LABELS
    predictions = baseline.predict(["종로구 버스 노선", "종로구 수도 누수", "종로구 화재"])
    assert [p.intent for p in predictions] == ["transport.bus", "water.leak", "emergency.safety"]
    for p in predictions:
        assert len(p.scores) == len(LABELS)
        assert sum(s for _, s in p.scores) == pytest.approx(1.0)
        assert [s for _, s in p.scores] == sorted((s for _, s in p.scores), reverse=True)
        assert p.margin == pytest.approx(p.scores[0][1] - p.scores[1][1])
    probs = baseline.predict_proba(["종로구 버스 노선"])
    unseen = [i for i, label in enumerate(LABELS) if label not in {r[1] for r in rows}]
    assert np.allclose(probs[0, unseen], 0.0, atol=1e-6)

    saved = tmp_path / "baseline.pkl"
    baseline.save(saved)
    again = TfidfBaseline.load(saved)
    assert again.version == baseline.version
    assert np.allclose(
        again.predict_proba(["마포구 화재"]), baseline.predict_proba(["마포구 화재"])
    )
