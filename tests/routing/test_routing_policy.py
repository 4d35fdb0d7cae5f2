"""The routing policy: every branch, its reason code, and the precedence between branches."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from models.taxonomy import Taxonomy
from routing.faq import FaqEntry, FaqMatch
from routing.policy import (
    REASON_CODES,
    AsrQuality,
    PolicyConfig,
    RouteDecision,
    decide,
    served_scores,
    summarize_scores,
)

CONFIG = PolicyConfig()
CLEAN_AUDIO = AsrQuality(no_speech_prob=0.05, avg_logprob=-0.2)


def _entry(entry_id: str, intent: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        intent=intent,
        question="질문",
        answer="답변입니다. 두 문장입니다.",
        department=intent.split(".")[0],
        source="test",
        updated="2025-01-01",
    )


def _match(entry_id: str, intent: str, similarity: float) -> FaqMatch:
    return FaqMatch(entry=_entry(entry_id, intent), similarity=similarity, score=similarity)


BUS_MATCHES = [
    _match("bus-night-owl", "transport.bus", 0.91),
    _match("bus-first-last-time", "transport.bus", 0.86),
    _match("subway-first-last-train", "transport.subway", 0.95),
]


def route(
    transcript: str,
    scores: Sequence[tuple[str, float]],
    *,
    taxonomy: Taxonomy,
    language: str | None = "ko",
    asr: AsrQuality | None = CLEAN_AUDIO,
    matches: Sequence[FaqMatch] = BUS_MATCHES,
    config: PolicyConfig = CONFIG,
    heard: str | None = None,
) -> RouteDecision:
    decision = decide(
        transcript=transcript,
        language=language,
        asr=asr,
        intent_scores=scores,
        faq_matches=matches,
        taxonomy=taxonomy,
        config=config,
        heard=heard,
    )
    assert decision.reason in REASON_CODES
    return decision


CONFIDENT_BUS = [("transport.bus", 0.9), ("transport.subway", 0.05), ("emergency.safety", 0.01)]


# ---------------------------------------------------------------- automatic answers


def test_confident_clear_faq_question_is_answered_with_the_best_entry_of_that_intent(
    taxonomy: Taxonomy,
) -> None:
    decision = route("심야버스 몇 시부터 다녀요?", CONFIDENT_BUS, taxonomy=taxonomy)
    # The subway entry is more similar, but the caller asked about buses.
    assert decision == RouteDecision(
        type="faq", department="transport", reason="faq_answer", faq_id="bus-night-owl"
    )


def test_text_channel_skips_the_asr_check(taxonomy: Taxonomy) -> None:
    decision = route("심야버스 시간 알려 주세요", CONFIDENT_BUS, taxonomy=taxonomy, asr=None)
    assert (decision.type, decision.faq_id) == ("faq", "bus-night-owl")


def test_score_order_does_not_matter(taxonomy: Taxonomy) -> None:
    shuffled = [CONFIDENT_BUS[2], CONFIDENT_BUS[0], CONFIDENT_BUS[1]]
    assert route("심야버스요", shuffled, taxonomy=taxonomy).type == "faq"


def test_thresholds_are_inclusive(taxonomy: Taxonomy) -> None:
    config = PolicyConfig(min_confidence=0.7, min_margin=0.4, min_faq_similarity=0.91)
    scores = [("transport.bus", 0.7), ("transport.subway", 0.3)]  # margin exactly 0.4
    decision = route("심야버스요", scores, taxonomy=taxonomy, config=config)
    assert (decision.type, decision.faq_id) == ("faq", "bus-night-owl")


# With probabilities summing to 1, margin >= 2 * confidence - 1, so at the default
# min_confidence 0.6 a 0.2 margin always holds; ambiguity shows at a lower confidence floor.
LENIENT = PolicyConfig(min_confidence=0.5, min_margin=0.2)
NOISY = AsrQuality(no_speech_prob=0.8, avg_logprob=-0.2)
MUMBLED = AsrQuality(no_speech_prob=0.1, avg_logprob=-1.6)


@pytest.mark.parametrize(
    ("scores", "asr", "matches", "config", "reason"),
    [
        ([("transport.bus", 0.5), ("transport.subway", 0.1)], CLEAN_AUDIO, BUS_MATCHES, CONFIG,
         "low_confidence"),
        ([("transport.bus", 0.55), ("transport.subway", 0.4)], CLEAN_AUDIO, BUS_MATCHES, LENIENT,
         "ambiguous"),
        (CONFIDENT_BUS, NOISY, BUS_MATCHES, CONFIG, "low_asr_confidence"),
        (CONFIDENT_BUS, MUMBLED, BUS_MATCHES, CONFIG, "low_asr_confidence"),
        (CONFIDENT_BUS, CLEAN_AUDIO, [_match("bus-night-owl", "transport.bus", 0.7)], CONFIG,
         "no_faq_match"),
        (CONFIDENT_BUS, CLEAN_AUDIO, [_match("subway-x", "transport.subway", 0.99)], CONFIG,
         "no_faq_match"),
        (CONFIDENT_BUS, CLEAN_AUDIO, [], CONFIG, "no_faq_match"),
    ],
    ids=["low-confidence", "ambiguous", "no-speech-prob", "avg-logprob", "weak-match",
         "other-intent-only", "no-matches"],
)  # fmt: skip
def test_faq_intent_falls_back_to_its_department_with_the_failing_check(
    scores: list[tuple[str, float]],
    asr: AsrQuality,
    matches: list[FaqMatch],
    config: PolicyConfig,
    reason: str,
    taxonomy: Taxonomy,
) -> None:
    decision = route(
        "버스 막차가 언제예요", scores, taxonomy=taxonomy, asr=asr, matches=matches, config=config
    )
    assert decision == RouteDecision(type="agent", department="transport", reason=reason)
    # The same call passes once the failing check is relaxed: the reason is not incidental.
    relaxed = PolicyConfig(
        min_confidence=0.0, min_margin=0.0, max_no_speech_prob=1.0, min_avg_logprob=-99.0
    )
    if reason != "no_faq_match":
        assert route(
            "버스 막차가 언제예요", scores, taxonomy=taxonomy, asr=asr, matches=matches,
            config=relaxed,
        ).type == "faq"  # fmt: skip


def test_the_first_failing_check_is_reported(taxonomy: Taxonomy) -> None:
    noisy = AsrQuality(no_speech_prob=0.9, avg_logprob=-2.0)
    weak = [_match("bus-night-owl", "transport.bus", 0.1)]
    low_and_ambiguous = [("transport.bus", 0.45), ("transport.subway", 0.4)]
    assert route("버스", low_and_ambiguous, taxonomy=taxonomy, asr=noisy, matches=weak).reason == (
        "low_confidence"
    )
    ambiguous = [("transport.bus", 0.55), ("transport.subway", 0.4)]
    decision = route("버스", ambiguous, taxonomy=taxonomy, asr=noisy, matches=weak, config=LENIENT)
    assert decision.reason == "ambiguous"
    assert route("버스", CONFIDENT_BUS, taxonomy=taxonomy, asr=noisy, matches=weak).reason == (
        "low_asr_confidence"
    )


def test_department_comes_from_the_intent(taxonomy: Taxonomy) -> None:
    scores = [("tax.property", 0.95), ("tax.vehicle", 0.03)]
    matches = [_match("property-tax-period", "tax.property", 0.9)]
    decision = route("재산세 언제 내요", scores, taxonomy=taxonomy, matches=matches)
    assert (decision.type, decision.department, decision.faq_id) == (
        "faq",
        "tax",
        "property-tax-period",
    )


# ---------------------------------------------------------------- agent intents and requests


@pytest.mark.parametrize(
    ("text", "intent", "department"),
    [
        ("택시가 승차 거부를 했어요", "transport.taxi_complaint", "transport"),
        ("골목에 불법 주차 차량 신고할게요", "parking.illegal_report", "parking"),
        ("수도관에서 물이 새요", "water.leak", "water"),
        ("오늘 저녁 뭐 먹을까요", "out_of_scope", "general"),
    ],
)
def test_agent_intents_go_to_their_department(
    text: str, intent: str, department: str, taxonomy: Taxonomy
) -> None:
    decision = route(text, [(intent, 0.97), ("transport.bus", 0.02)], taxonomy=taxonomy)
    assert decision == RouteDecision(type="agent", department=department, reason="agent_intent")


def test_agent_intent_needs_no_confidence_or_faq_match(taxonomy: Taxonomy) -> None:
    scores = [("environment.noise", 0.35), ("environment.dumping", 0.33)]
    decision = route("공사 소음 때문에요", scores, taxonomy=taxonomy, matches=[])
    assert (decision.type, decision.department, decision.reason) == (
        "agent",
        "environment",
        "agent_intent",
    )


def test_agent_request_intent(taxonomy: Taxonomy) -> None:
    decision = route("연결 좀 부탁드려요", [("general.agent_request", 0.8)], taxonomy=taxonomy)
    assert decision == RouteDecision(type="agent", department="general", reason="agent_requested")


def test_agent_request_phrase_beats_a_confident_faq_answer(taxonomy: Taxonomy) -> None:
    decision = route(
        "심야버스 시간이요, 근데 상담원 연결해 주세요", CONFIDENT_BUS, taxonomy=taxonomy
    )
    assert decision == RouteDecision(type="agent", department="general", reason="agent_requested")


def test_agent_request_beats_an_agent_intent(taxonomy: Taxonomy) -> None:
    scores = [("transport.taxi_complaint", 0.9)]
    decision = route("택시 신고요 기계 말고 사람이랑 얘기할래요", scores, taxonomy=taxonomy)
    assert (decision.department, decision.reason) == ("general", "agent_requested")


def test_transcript_without_classifier_output_goes_to_a_person(taxonomy: Taxonomy) -> None:
    decision = route("음 그러니까요", [], taxonomy=taxonomy)
    assert decision == RouteDecision(type="agent", department="general", reason="low_confidence")


# ---------------------------------------------------------------- no speech, foreign language


@pytest.mark.parametrize("transcript", ["", "   ", "\n"])
def test_empty_transcript_is_no_speech(transcript: str, taxonomy: Taxonomy) -> None:
    decision = route(transcript, [], taxonomy=taxonomy)
    assert decision == RouteDecision(type="agent", department="general", reason="no_speech")


def test_empty_transcript_is_no_speech_even_with_stale_scores(taxonomy: Taxonomy) -> None:
    decision = route("", CONFIDENT_BUS, taxonomy=taxonomy)
    assert decision.reason == "no_speech"


@pytest.mark.parametrize("language", ["en", "zh", "ja", "vi", "mn", "EN", "zh-CN"])
def test_foreign_desk_languages(language: str, taxonomy: Taxonomy) -> None:
    decision = route("When is the last bus?", CONFIDENT_BUS, taxonomy=taxonomy, language=language)
    assert decision == RouteDecision(type="agent", department="foreign", reason="foreign_language")


def test_other_languages_also_go_to_the_foreign_desk_with_their_own_reason(
    taxonomy: Taxonomy,
) -> None:
    decision = route("สวัสดีครับ", CONFIDENT_BUS, taxonomy=taxonomy, language="th")
    assert decision == RouteDecision(
        type="agent", department="foreign", reason="unsupported_language"
    )


def test_foreign_languages_are_a_setting(taxonomy: Taxonomy) -> None:
    config = PolicyConfig(foreign_languages=("en", "th"))
    decision = route("สวัสดีครับ", CONFIDENT_BUS, taxonomy=taxonomy, language="th", config=config)
    assert decision.reason == "foreign_language"


@pytest.mark.parametrize("language", ["ko", "ko-KR", "KO", None, ""])
def test_korean_and_unknown_language_are_served_in_korean(
    language: str | None, taxonomy: Taxonomy
) -> None:
    assert route("심야버스요", CONFIDENT_BUS, taxonomy=taxonomy, language=language).type == "faq"


def test_foreign_language_comes_before_no_speech_and_agent_request(taxonomy: Taxonomy) -> None:
    assert route("", [], taxonomy=taxonomy, language="en").reason == "foreign_language"
    decision = route("상담원 연결해 주세요", [], taxonomy=taxonomy, language="ja")
    assert decision.reason == "foreign_language"


# ---------------------------------------------------------------- emergencies


def test_emergency_intent_on_top_goes_to_119_by_default(taxonomy: Taxonomy) -> None:
    scores = [("emergency.safety", 0.7), ("welfare.livelihood", 0.2)]
    decision = route("도와주실 수 있나요 급한 일이에요", scores, taxonomy=taxonomy)
    assert decision == RouteDecision(
        type="urgent", department="emergency", reason="emergency_intent", transfer_line="119"
    )


def test_emergency_probability_above_the_floor_escalates_even_when_not_on_top(
    taxonomy: Taxonomy,
) -> None:
    scores = [("transport.bus", 0.7), ("emergency.safety", 0.25)]
    decision = route("버스 정류장이요 빨리요", scores, taxonomy=taxonomy)
    assert (decision.type, decision.reason, decision.transfer_line) == (
        "urgent",
        "emergency_intent",
        "119",
    )
    below = [("transport.bus", 0.85), ("emergency.safety", 0.15)]
    assert route("버스 정류장이요", below, taxonomy=taxonomy).type == "faq"


def test_emergency_floor_is_a_setting(taxonomy: Taxonomy) -> None:
    scores = [("transport.bus", 0.85), ("emergency.safety", 0.15)]
    config = PolicyConfig(emergency_floor=0.1)
    assert route("버스 정류장이요", scores, taxonomy=taxonomy, config=config).type == "urgent"


def test_emergency_cue_overrides_a_confident_classifier(taxonomy: Taxonomy) -> None:
    text = "버스 정류장 물어보려 했는데 지금 옆에 사람이 쓰러져서 숨을 안 쉬어요"
    decision = route(text, CONFIDENT_BUS, taxonomy=taxonomy)
    assert (decision.type, decision.department, decision.reason, decision.transfer_line) == (
        "urgent",
        "emergency",
        "emergency_cue",
        "119",
    )
    assert decision.faq_id is None
    assert decision.emergency is not None and decision.emergency.category == "medical"


def test_a_call_escalated_by_a_cue_alone_reports_the_urgent_intent_first(
    taxonomy: Taxonomy,
) -> None:
    """What the consultation says it was is what it was handled as; the classifier's ranking
    follows, in its proportions."""
    text = "버스 정류장 물어보려 했는데 지금 옆에 사람이 쓰러져서 숨을 안 쉬어요"
    scores = [("transport.bus", 0.9), ("transport.subway", 0.06), ("emergency.safety", 0.04)]
    decision = route(text, scores, taxonomy=taxonomy)
    served = served_scores(scores, decision, taxonomy, cue_confidence=0.9)
    assert [i for i, _ in served] == ["emergency.safety", "transport.bus", "transport.subway"]
    assert served[0][1] == pytest.approx(0.9)
    # the rest share 0.1 as they shared 0.96
    assert served[1][1] == pytest.approx(0.1 * 0.9 / 0.96)
    assert served[2][1] == pytest.approx(0.1 * 0.06 / 0.96)
    assert sum(p for _, p in served) == pytest.approx(1.0)
    # the classifier's own probability stands when it is higher than the cue's
    lower = served_scores(scores, decision, taxonomy, cue_confidence=0.01)
    assert lower[0] == ("emergency.safety", pytest.approx(0.04))


def test_a_cue_with_the_urgent_intent_over_the_floor_also_puts_it_first(
    taxonomy: Taxonomy,
) -> None:
    """The floor escalated it first (the reason says so), but the cue read the call too."""
    text = "버스 정류장 물어보려 했는데 지금 옆에 사람이 쓰러져서 숨을 안 쉬어요"
    scores = [("transport.bus", 0.7), ("emergency.safety", 0.25), ("transport.subway", 0.05)]
    decision = route(text, scores, taxonomy=taxonomy)
    assert decision.reason == "emergency_intent" and decision.emergency is not None
    served = served_scores(scores, decision, taxonomy, cue_confidence=0.9)
    assert served[0] == ("emergency.safety", pytest.approx(0.9))
    assert [i for i, _ in served[1:]] == ["transport.bus", "transport.subway"]


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        # the classifier put it on top, cue or not: its own confidence stands
        ("사람이 쓰러졌어요", [("emergency.safety", 0.7), ("welfare.livelihood", 0.3)]),
        (
            "옆에 사람이 쓰러져서 숨을 안 쉬어요",
            [("emergency.safety", 0.6), ("welfare.livelihood", 0.4)],
        ),
        # escalated by the floor with no cue: a margin of caution, the classifier's top stays
        ("버스 정류장이요 빨리요", [("transport.bus", 0.7), ("emergency.safety", 0.3)]),
        # not escalated at all
        ("버스 정류장이요", CONFIDENT_BUS),
    ],
)
def test_without_a_cue_against_the_top_the_classifiers_scores_stand(
    text: str, scores: list[tuple[str, float]], taxonomy: Taxonomy
) -> None:
    decision = route(text, scores, taxonomy=taxonomy)
    assert served_scores(scores, decision, taxonomy, cue_confidence=0.9) == scores


def test_emergency_cue_in_words_spelt_as_they_sound_is_found_in_the_heard_reading(
    taxonomy: Taxonomy,
) -> None:
    text = "버스 물어보려 했는데 옆에 아기가 수믈 안 쉬어요"
    heard = "버스 물어보려 했는데 옆에 아기가 숨을 안 쉬어요"
    confident_bus = [("transport.bus", 0.95), ("emergency.safety", 0.01)]
    assert route(text, confident_bus, taxonomy=taxonomy).type == "faq"
    decision = route(text, confident_bus, taxonomy=taxonomy, heard=heard)
    assert (decision.type, decision.reason, decision.transfer_line) == (
        "urgent",
        "emergency_cue",
        "119",
    )
    assert decision.emergency is not None
    assert decision.emergency.matched_text == "수믈 안 쉬어요"


def test_a_wish_for_a_person_spelt_as_it_sounds_is_honoured(taxonomy: Taxonomy) -> None:
    text, heard = "상다뭔 연결해 주세요", "상담원 연결해 주세요"
    assert route(text, CONFIDENT_BUS, taxonomy=taxonomy).type == "faq"
    decision = route(text, CONFIDENT_BUS, taxonomy=taxonomy, heard=heard)
    assert (decision.type, decision.reason) == ("agent", "agent_requested")


def test_crime_cue_goes_to_112(taxonomy: Taxonomy) -> None:
    text = "전입신고 하려는데 지금 밖에 누가 문을 부수려고 해요"
    decision = route(text, [("civil.move_in", 0.95)], taxonomy=taxonomy)
    assert (decision.type, decision.reason, decision.transfer_line) == (
        "urgent",
        "emergency_cue",
        "112",
    )


def test_suicide_risk_goes_to_109_whether_or_not_the_classifier_agrees(
    taxonomy: Taxonomy,
) -> None:
    text = "그냥 다 끝내고 싶어요"
    with_intent = route(text, [("emergency.safety", 0.6)], taxonomy=taxonomy)
    assert (with_intent.reason, with_intent.transfer_line) == ("emergency_intent", "109")
    without = route(text, [("welfare.livelihood", 0.8)], taxonomy=taxonomy)
    assert (without.reason, without.transfer_line) == ("emergency_cue", "109")


def test_past_emergency_with_an_administrative_question_is_not_urgent(
    taxonomy: Taxonomy,
) -> None:
    text = "지난주에 불이 났었는데 지원받을 수 있나요"
    decision = route(text, [("welfare.livelihood", 0.9)], taxonomy=taxonomy)
    assert decision == RouteDecision(type="agent", department="welfare", reason="agent_intent")


def test_emergency_comes_before_every_other_rule(taxonomy: Taxonomy) -> None:
    cue_text = "상담원 연결해 주세요 지금 불이 났어요"
    assert route(cue_text, CONFIDENT_BUS, taxonomy=taxonomy).type == "urgent"
    scores = [("emergency.safety", 0.9)]
    assert route("Fire! Help!", scores, taxonomy=taxonomy, language="en").type == "urgent"
    noisy = AsrQuality(no_speech_prob=0.95, avg_logprob=-3.0)
    assert route("불이야 불이 났어요", [], taxonomy=taxonomy, asr=noisy).type == "urgent"


def test_summarize_scores() -> None:
    summary = summarize_scores([("a", 0.2), ("b", 0.7), ("c", 0.1)])
    assert summary.top_intent == "b"
    assert summary.confidence == pytest.approx(0.7)
    assert summary.margin == pytest.approx(0.5)
    single = summarize_scores([("a", 0.4)])
    assert single.margin == pytest.approx(0.4)
    assert summarize_scores([]).top_intent is None
