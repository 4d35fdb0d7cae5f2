"""The text half of the pipeline: redact → classify → match FAQ → route.

It is shared by the phone channel (after transcription), the chat channel, the
CLI and the benchmarks, and touches no database.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from callcenter.privacy.redaction import Redaction, redact
from models.taxonomy import Taxonomy
from routing.faq import FaqIndex, FaqMatch
from routing.policy import AsrQuality, PolicyConfig, RouteDecision, decide, served_scores


class FaqSource(Protocol):
    """Anything holding the current FAQ index (the store swaps it when entries change)."""

    index: FaqIndex


@dataclass
class StaticFaq:
    index: FaqIndex


class IntentModel(Protocol):
    version: str

    def predict(self, texts: list[str]) -> list[Any]: ...

    def predict_and_embed(self, texts: list[str]) -> tuple[list[Any], np.ndarray]: ...

    def embed(self, texts: list[str], *, kind: str = "query") -> np.ndarray: ...

    def respell(self, text: str) -> str: ...


@dataclass(slots=True)
class Analysis:
    redaction: Redaction
    language: str
    # What the consultation reports (``routing.policy.served_scores``): the classifier's
    # scores, with the urgent intent first when an emergency cue fired against its top.
    intent_scores: list[tuple[str, float]]
    classifier_scores: list[tuple[str, float]]
    suggestions: list[FaqMatch]
    all_matches: list[FaqMatch]
    decision: RouteDecision
    answer: FaqMatch | None
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def transcript(self) -> str:
        return self.redaction.text


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


@dataclass
class TextAnalyzer:
    """Runs the text stages with the loaded models; one instance per process."""

    classifier: IntentModel
    faq: FaqSource
    taxonomy: Taxonomy
    policy: PolicyConfig
    suggestions: int = 3

    def analyze(
        self, text: str, *, language: str = "ko", asr: AsrQuality | None = None
    ) -> Analysis:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        redaction = redact(text)
        timings["redact"] = _ms(t)

        t = time.perf_counter()
        clean = redaction.text.strip()
        scores: list[tuple[str, float]] = []
        vector = None
        if clean:
            # one pass through the shared encoder layers gives intent and query embedding
            predictions, vectors = self.classifier.predict_and_embed([clean])
            scores = [(str(i), float(p)) for i, p in predictions[0].scores]
            vector = vectors[0]
        timings["classify"] = _ms(t)

        t = time.perf_counter()
        matches: list[FaqMatch] = []
        index = self.faq.index
        if vector is not None and len(index) > 0:
            # Every entry is ranked (the knowledge base is small): the policy needs the
            # best entry of the predicted intent even when others outrank it.
            matches = index.search(query_vector=vector, intent_scores=scores, k=len(index))
        decision = decide(
            transcript=clean,
            language=language,
            asr=asr,
            intent_scores=scores,
            faq_matches=matches,
            taxonomy=self.taxonomy,
            config=self.policy,
            heard=self.classifier.respell(clean) if clean else None,
        )
        timings["route"] = _ms(t)
        answer = None
        if decision.faq_id is not None:
            answer = next((m for m in matches if m.entry.id == decision.faq_id), None)
        return Analysis(
            redaction=redaction,
            language=language,
            intent_scores=served_scores(
                scores,
                decision,
                self.taxonomy,
                cue_confidence=self.policy.emergency_cue_confidence,
            ),
            classifier_scores=scores,
            suggestions=matches[: self.suggestions],
            all_matches=matches,
            decision=decision,
            answer=answer,
            timings_ms=timings,
        )
