"""The text stages without the web or a trained model: what a consultation reports as its intent."""

from __future__ import annotations

import numpy as np

from callcenter.pipeline.analysis import StaticFaq, TextAnalyzer
from models.intent.prediction import IntentPrediction
from models.taxonomy import load_taxonomy
from routing.faq import FaqIndex
from routing.policy import PolicyConfig


class FixedClassifier:
    """Gives the same scores for every line, as a classifier sure of a bus question would."""

    version = "fixed"

    def __init__(self, scores: list[tuple[str, float]]) -> None:
        self.scores = scores

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        return [IntentPrediction(scores=list(self.scores)) for _ in texts]

    def embed(self, texts: list[str], *, kind: str = "query") -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    def predict_and_embed(self, texts: list[str]) -> tuple[list[IntentPrediction], np.ndarray]:
        return self.predict(texts), self.embed(texts)

    def respell(self, text: str) -> str:
        return text


def _analyzer(scores: list[tuple[str, float]]) -> TextAnalyzer:
    classifier = FixedClassifier(scores)
    return TextAnalyzer(
        classifier=classifier,
        faq=StaticFaq(FaqIndex.build([], embed=classifier.embed)),
        taxonomy=load_taxonomy(),
        policy=PolicyConfig(emergency_cue_confidence=0.9),
    )


BUS = [("transport.bus", 0.9), ("transport.subway", 0.08), ("emergency.safety", 0.02)]


def test_a_call_sent_out_on_a_cue_alone_reports_the_emergency_and_keeps_the_classifiers_guess() -> (
    None
):
    analysis = _analyzer(BUS).analyze(
        "정류장에서 버스 기다리는데 옆에 할아버지가 쓰러져서 숨을 안 쉬어요"
    )
    assert (analysis.decision.type, analysis.decision.reason) == ("urgent", "emergency_cue")
    assert analysis.intent_scores[0] == ("emergency.safety", 0.9)
    assert analysis.intent_scores[1][0] == "transport.bus"
    assert analysis.classifier_scores == BUS


def test_an_ordinary_question_reports_the_classifiers_scores() -> None:
    analysis = _analyzer(BUS).analyze("472번 버스 첫차가 몇 시예요")
    assert analysis.decision.type != "urgent"
    assert analysis.intent_scores == analysis.classifier_scores == BUS
