"""The guards against invented text, on hand-made segment lists (no model needed)."""

from __future__ import annotations

import pytest

from models.speech.guards import (
    GuardRules,
    apply_guards,
    collapse_repetitions,
    find_hallucination,
)
from models.speech.transcript import TranscriptSegment


def seg(
    text: str, *, logprob: float = -0.3, no_speech: float = 0.05, start: float = 0.0
) -> TranscriptSegment:
    return TranscriptSegment(
        start=start,
        end=start + 2.0,
        text=text,
        avg_logprob=logprob,
        no_speech_prob=no_speech,
        compression_ratio=1.2,
        n_tokens=len(text),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,2,3,4,5,5,5,5,5,5,5,5,5,5,5,5", "1,2,3,4,5"),
        ("자, 자, 자, 자, 자, 자", "자"),
        ("구독, 좋아요, 구독, 좋아요, 구독, 좋아요", "구독, 좋아요"),
        ("깜깜깜깜깜깜깜깜", "깜"),
        ("주차 신고요 신고요 신고요 신고요", "주차 신고요"),
        ("안녕하세요. 안녕하세요. 안녕하세요. 수도 요금 문의요", "안녕하세요. 수도 요금 문의요"),
    ],
)
def test_loops_collapse_to_one_copy(text: str, expected: str) -> None:
    collapsed, runs = collapse_repetitions(text)
    assert collapsed == expected
    assert runs >= 1


@pytest.mark.parametrize(
    "text",
    [
        "네 네 알겠습니다",  # twice is speech, not a loop
        "제 번호는 010-1111-2222 입니다",  # repeated digits in phone numbers survive
        "수도 요금이 너무 많이 나왔어요",
        "0000번 버스요",
    ],
)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert collapse_repetitions(text) == (text, 0)


def test_min_repeats_is_configurable() -> None:
    assert collapse_repetitions("네 네 알겠습니다", min_repeats=2)[0] == "네 알겠습니다"
    assert collapse_repetitions("네 네 네 알겠습니다", min_repeats=4)[1] == 0


@pytest.mark.parametrize(
    "text",
    [
        "시청해주셔서 감사합니다.",
        "시청해 주셔서 감사합니다!",
        "구독과 좋아요 부탁드립니다",
        "MBC 뉴스 이덕영입니다.",
        "자막 제공: 배달의민족",
        "Thank you for watching!",
        "ご視聴ありがとうございました",
    ],
)
def test_blocklisted_phrases_are_found_regardless_of_spacing(text: str) -> None:
    from models.speech.guards import DEFAULT_HALLUCINATION_PHRASES

    assert find_hallucination(text, DEFAULT_HALLUCINATION_PHRASES) is not None


@pytest.mark.parametrize(
    "text",
    [
        "감사합니다",
        "좋아요, 그렇게 할게요",
        "뉴스에서 봤는데 지원금이 나온다고요",
        "구독료 환불 문의",
    ],
)
def test_things_callers_say_are_not_blocklisted(text: str) -> None:
    from models.speech.guards import DEFAULT_HALLUCINATION_PHRASES

    assert find_hallucination(text, DEFAULT_HALLUCINATION_PHRASES) is None


def test_apply_guards_drops_with_reasons_and_keeps_the_rest() -> None:
    segments = [
        seg("수도 요금 문의드립니다", start=0),
        seg("시청해주셔서 감사합니다", start=2),
        seg("아무 말이나", logprob=-1.4, no_speech=0.8, start=4),  # Whisper's silence rule
        seg("알 수 없는 말", logprob=-2.3, no_speech=0.1, start=6),  # too improbable
        seg("자, 자, 자, 자, 자", logprob=-0.1, no_speech=0.7, start=8),  # loop over silence
        seg("네 네 네 네 감사합니다", logprob=-0.2, no_speech=0.1, start=10),  # loop in speech
        seg("   ", start=12),
    ]
    result = apply_guards(segments, GuardRules())
    assert [s.text for s in result.kept] == ["수도 요금 문의드립니다", "네 감사합니다"]
    assert result.looped == [False, True]
    reasons = {d.segment.start: d.reason for d in result.dropped}
    assert reasons == {
        2: "blocklist",
        4: "no_speech",
        6: "low_logprob",
        8: "loop_no_speech",
        12: "empty",
    }
    assert result.loops == 2


def test_rules_can_be_turned_off() -> None:
    segments = [seg("아무 말이나", logprob=-2.5, no_speech=0.9), seg("시청해주셔서 감사합니다")]
    rules = GuardRules(
        no_speech_prob=None,
        min_avg_logprob=None,
        hallucination_phrases=(),
        loop_no_speech_prob=None,
    )
    result = apply_guards(segments, rules)
    assert len(result.kept) == 2 and not result.dropped


def test_prompt_echo_is_dropped_but_short_hotwords_are_kept() -> None:
    rules = GuardRules(prompt="120 다산콜센터 따릉이 기후동행카드 정부24")
    result = apply_guards(
        [seg("다산콜센터 따릉이 기후동행카드"), seg("따릉이"), seg("따릉이 반납이 안 돼요")], rules
    )
    assert [s.text for s in result.kept] == ["따릉이", "따릉이 반납이 안 돼요"]
    assert [d.reason for d in result.dropped] == ["prompt_echo"]


def test_broken_characters_from_a_cut_loop_are_removed() -> None:
    result = apply_guards([seg("도링뚱뚱뚱뚱\ufffd")], GuardRules())
    assert result.kept[0].text == "도링뚱"


def test_a_loop_across_segments_keeps_its_first_copy() -> None:
    segments = [seg("안녕하세요.", start=0)] + [
        seg("수고하셨습니다", start=2 * i) for i in range(1, 5)
    ]
    segments.append(seg("수고하셨습니다!", start=10))  # same words, other punctuation
    result = apply_guards(segments, GuardRules())
    assert [s.text for s in result.kept] == ["안녕하세요.", "수고하셨습니다"]
    assert [d.reason for d in result.dropped] == ["repeat"] * 4
    assert result.loops == 1
    twice = apply_guards([seg("네"), seg("네")], GuardRules())
    assert len(twice.kept) == 2  # two in a row is speech
    over_silence = [seg("이곳은", logprob=-0.2, no_speech=0.72, start=2 * i) for i in range(4)]
    result = apply_guards(over_silence, GuardRules())
    assert result.kept == []  # the first copy of a loop over silence goes too
    assert [d.reason for d in result.dropped] == ["loop_no_speech"] + ["repeat"] * 3
