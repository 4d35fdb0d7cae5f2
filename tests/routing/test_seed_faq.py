"""The seed knowledge base shipped in routing/data/faq.yaml meets its coverage rules."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np

from models.taxonomy import Taxonomy
from routing.emergency import detect_agent_request, detect_emergency
from routing.faq import SEED_FAQ_PATH, FaqEntry, FaqIndex

BUSY_PREFIXES = ("transport.", "parking.", "tax.", "civil.")
BUSY_INTENTS = ("environment.bulky_waste", "water.bill")


def _faq_intents(taxonomy: Taxonomy) -> list[str]:
    return [i.id for i in taxonomy.intents.values() if i.route == "faq"]


def _is_busy(intent: str) -> bool:
    return intent.startswith(BUSY_PREFIXES) or intent in BUSY_INTENTS


def test_seed_has_enough_entries(seed_entries: list[FaqEntry]) -> None:
    assert len(seed_entries) >= 70


def test_every_faq_intent_has_an_entry_and_busy_ones_three_to_five(
    seed_entries: list[FaqEntry], taxonomy: Taxonomy
) -> None:
    counts = Counter(e.intent for e in seed_entries)
    for intent in _faq_intents(taxonomy):
        if _is_busy(intent):
            assert 3 <= counts[intent] <= 5, (intent, counts[intent])
        else:
            assert counts[intent] >= 1, intent


def test_entries_are_for_intents_answered_from_the_faq(
    seed_entries: list[FaqEntry], taxonomy: Taxonomy
) -> None:
    """An entry for an agent-only intent could never be given as an automatic answer."""
    assert {e.intent for e in seed_entries} <= set(_faq_intents(taxonomy))


def test_entries_carry_department_source_and_date(
    seed_entries: list[FaqEntry], taxonomy: Taxonomy
) -> None:
    for entry in seed_entries:
        assert entry.department == taxonomy.intents[entry.intent].department
        assert entry.source.strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.updated)


def test_answers_are_two_to_five_sentences_in_polite_korean(
    seed_entries: list[FaqEntry],
) -> None:
    for entry in seed_entries:
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", entry.answer.strip()) if s]
        assert 2 <= len(sentences) <= 5, (entry.id, len(sentences))
        # Every sentence ends politely (합쇼체 -니다 or 해요체 -요), as an agent speaks.
        for sentence in sentences:
            assert re.search(r"(니다|요|세요)[.?!]$", sentence), (entry.id, sentence)
        assert re.search(r"[가-힣]", entry.question)


def test_file_says_it_is_sample_content() -> None:
    head = SEED_FAQ_PATH.read_text(encoding="utf-8").splitlines()[:10]
    comment = "\n".join(line for line in head if line.startswith("#"))
    assert "샘플" in comment
    assert "교체" in comment


def test_seed_questions_are_not_mistaken_for_emergencies_or_agent_requests(
    seed_entries: list[FaqEntry],
) -> None:
    for entry in seed_entries:
        assert detect_emergency(entry.question) is None, entry.id
        assert detect_agent_request(entry.question) is False, entry.id


def test_each_seed_question_finds_its_own_entry(
    seed_entries: list[FaqEntry], embed: Callable[[list[str]], np.ndarray]
) -> None:
    """With the entry's own intent predicted, its question must rank the entry first."""
    index = FaqIndex.build(seed_entries, embed=embed)
    for entry in seed_entries:
        (best,) = index.search(
            query_vector=embed([entry.question])[0], intent_scores=[(entry.intent, 0.9)], k=1
        )
        assert best.entry.id == entry.id
