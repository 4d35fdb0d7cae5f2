from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.intent.baseline import BaselineConfig, Features, TfidfBaseline, train_baseline
from models.intent.corpus import Corpus, Example
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


@pytest.mark.parametrize("features", ["char_wb", "korean"])
def test_predict_proba_is_sklearns_to_the_last_bit(features: Features) -> None:
    """The baseline computes the pipeline's probabilities itself, for speed; they must be
    exactly what sklearn's ``predict_proba`` gives, alone and in a batch."""
    rows = [
        ("버스 노선 알려주세요", "transport.bus"),
        ("심야버스 몇 시까지 다녀요", "transport.bus"),
        ("수도관이 터졌어요", "water.leak"),
        ("계량기에서 물이 새요", "water.leak"),
        ("불이 났어요 빨리 와주세요", "emergency.safety"),
        ("옆집에서 연기가 나요", "emergency.safety"),
    ]
    corpus = Corpus(tuple(Example(text, intent) for text, intent in rows))
    baseline = TfidfBaseline.fit(corpus, labels=LABELS, config=BaselineConfig(features=features))
    texts = ["버스", "물이 새는데 어디에 신고해요", "불이야 불", "qwerty 123", ""]
    for batch in ([t] for t in texts):
        ours = baseline._raw(batch)[:, baseline._columns]
        np.testing.assert_array_equal(ours, baseline._pipeline.predict_proba(batch))
    np.testing.assert_array_equal(
        baseline._raw(texts)[:, baseline._columns], baseline._pipeline.predict_proba(texts)
    )
