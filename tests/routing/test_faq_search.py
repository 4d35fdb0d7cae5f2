"""FAQ search: cosine similarity combined with the classifier's intent probability."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from routing.faq import FaqEntry, FaqIndex, embedding_text

Embed = Callable[[list[str]], np.ndarray]


def _entry(entry_id: str, intent: str, question: str, answer: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        intent=intent,
        question=question,
        answer=answer,
        department=intent.split(".")[0],
        source="test",
        updated="2025-01-01",
    )


ENTRIES = [
    _entry(
        "bus-night-owl",
        "transport.bus",
        "심야버스 올빼미버스 몇 시부터 다녀요?",
        "올빼미버스는 자정 무렵부터 새벽까지 운행합니다.",
    ),
    _entry(
        "bus-first-last",
        "transport.bus",
        "버스 첫차 막차 시간 알려 주세요",
        "첫차와 막차는 노선마다 다릅니다.",
    ),
    _entry(
        "subway-last-train",
        "transport.subway",
        "지하철 막차 시간 알려 주세요",
        "지하철 막차는 역과 방향마다 다릅니다.",
    ),
    _entry(
        "property-tax-period",
        "tax.property",
        "재산세 납부 기간이 언제예요?",
        "재산세는 7월과 9월에 고지됩니다.",
    ),
]


@pytest.fixture
def index(embed: Embed) -> FaqIndex:
    return FaqIndex.build(ENTRIES, embed=embed)


def _query(embed: Embed, text: str) -> np.ndarray:
    return embed([text])[0]


def test_text_match_wins_when_the_classifier_is_undecided(index: FaqIndex, embed: Embed) -> None:
    uniform = [(e.intent, 0.25) for e in ENTRIES]
    (best,) = index.search(
        query_vector=_query(embed, "재산세 언제 내요"), intent_scores=uniform, k=1
    )
    assert best.entry.id == "property-tax-period"


def test_intent_probability_decides_between_similar_texts_of_different_intents(
    index: FaqIndex, embed: Embed
) -> None:
    query = _query(embed, "막차 시간 알려 주세요")
    as_subway = index.search(
        query_vector=query, intent_scores=[("transport.subway", 0.9), ("transport.bus", 0.1)]
    )
    as_bus = index.search(
        query_vector=query, intent_scores=[("transport.bus", 0.9), ("transport.subway", 0.1)]
    )
    assert as_subway[0].entry.id == "subway-last-train"
    assert as_bus[0].entry.id == "bus-first-last"


def test_within_one_intent_similarity_orders_entries(index: FaqIndex, embed: Embed) -> None:
    matches = index.search(
        query_vector=_query(embed, "올빼미버스 몇 시부터 다녀요"),
        intent_scores=[("transport.bus", 1.0)],
        k=2,
    )
    assert [m.entry.id for m in matches] == ["bus-night-owl", "bus-first-last"]
    assert matches[0].similarity > matches[1].similarity


def test_score_is_similarity_plus_weighted_intent_probability(embed: Embed) -> None:
    index = FaqIndex.build(ENTRIES, embed=embed, intent_weight=0.4)
    scores = [("transport.bus", 0.7), ("tax.property", 0.2)]  # transport.subway absent: p = 0
    matches = index.search(
        query_vector=_query(embed, "버스 시간"), intent_scores=scores, k=len(ENTRIES)
    )
    probability = dict(scores)
    assert len(matches) == len(ENTRIES)
    for match in matches:
        expected = match.similarity + 0.4 * probability.get(match.entry.intent, 0.0)
        assert match.score == pytest.approx(expected, abs=1e-6)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_similarity_is_the_cosine_of_normalized_vectors(embed: Embed) -> None:
    vectors = embed([embedding_text(e) for e in ENTRIES])
    index = FaqIndex.from_vectors(ENTRIES, vectors * 3.0)  # unnormalized on purpose
    query = _query(embed, "지하철 막차")
    matches = index.search(query_vector=query * 5.0, intent_scores=[], k=len(ENTRIES))
    for match in matches:
        row = vectors[ENTRIES.index(match.entry)]
        assert match.similarity == pytest.approx(float(row @ query), abs=1e-5)


def test_precomputed_vectors_search_like_a_built_index(index: FaqIndex, embed: Embed) -> None:
    again = FaqIndex.from_vectors(ENTRIES, index.vectors)
    query = _query(embed, "재산세 고지")
    scores = [("tax.property", 0.6), ("transport.bus", 0.4)]
    assert again.search(query_vector=query, intent_scores=scores) == index.search(
        query_vector=query, intent_scores=scores
    )


def test_entries_are_embedded_with_question_and_answer_in_batches() -> None:
    seen: list[list[str]] = []

    def recording_embed(texts: list[str]) -> np.ndarray:
        seen.append(list(texts))
        return np.eye(len(ENTRIES), dtype=np.float32)[: len(texts)] + 0.01

    FaqIndex.build(ENTRIES, embed=recording_embed, batch_size=3)
    assert [len(batch) for batch in seen] == [3, 1]
    flat = [text for batch in seen for text in batch]
    for entry, text in zip(ENTRIES, flat, strict=True):
        assert text == embedding_text(entry)
        assert entry.question in text and entry.answer in text


def test_k_limits_results_and_empty_index_returns_nothing(index: FaqIndex, embed: Embed) -> None:
    query = _query(embed, "버스")
    assert len(index.search(query_vector=query, intent_scores=[], k=2)) == 2
    assert index.search(query_vector=query, intent_scores=[], k=0) == []
    empty = FaqIndex.build([], embed=embed)
    assert len(empty) == 0
    assert empty.search(query_vector=query, intent_scores=[]) == []


def test_shape_errors_are_reported(index: FaqIndex, embed: Embed) -> None:
    with pytest.raises(ValueError, match="dimension"):
        index.search(query_vector=np.ones(7, np.float32), intent_scores=[])
    with pytest.raises(ValueError, match="one vector row per entry"):
        FaqIndex.from_vectors(ENTRIES, embed(["하나"]))
    with pytest.raises(ValueError, match="duplicate"):
        FaqIndex.from_vectors([ENTRIES[0], ENTRIES[0]], embed(["a", "b"]))
