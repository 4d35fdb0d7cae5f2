"""What the classifier sets aside when a caller says what the call is not about."""

from __future__ import annotations

import pytest

from models.intent.negation import drop_negated_topics, drop_set_aside_topics


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # the negated topic, up to three bare words, goes
        ("공공임대 얘기는 아니구요 청년 월세 지원 언제 해요", "청년 월세 지원 언제 해요"),
        ("교통카드 환불 말고요 분실 신고요", "분실 신고요"),
        ("무단투기 아니고 제가 버릴 장롱이 있어서요", "제가 버릴 장롱이 있어서요"),
        ("서울시 청년 월세 지원 말고요 행복주택 신청이요", "서울시 행복주택 신청이요"),
        ("아파트가 아니라 빌라라서 주차할 데가 없어요", "빌라라서 주차할 데가 없어요"),
        # endings as they are said in dialect or written by a hurried recognizer
        ("주차 딱지 아니구여 견인된 차 찾을라고요", "견인된 차 찾을라고요"),
        ("수도요금 말고예 물이 안 나와예", "물이 안 나와예"),
        # a word with a particle or a verb ending stays: only 종이, 구청, 소독약 냄새 go
        ("재산세 고지서를 종이 말고 이메일로 받고 싶어요", "재산세 고지서를 이메일로 받고 싶어요"),
        ("여권은 구청 말고 동사무소에서도 돼요", "여권은 동사무소에서도 돼요"),
        ("물에서 냄새가 나요 소독약 냄새 말고 흙냄새요", "물에서 냄새가 나요 흙냄새요"),
        ("시끄러워서 그런 게 아니고 사람이 쓰러졌어요", "시끄러워서 사람이 쓰러졌어요"),
    ],
)
def test_a_negated_topic_is_set_aside(text: str, read: str) -> None:
    assert drop_negated_topics(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "쓰레기 버리지 말고 가져가라고 써 붙였는데도 또 버렸어요",  # a verb's negative
        "다름이 아니라 따릉이 반납이 안 돼요",  # "the thing is"
        "다른 게 아니고 버스 막차가 몇 시예요",
        "말고 다른 방법 있어요",  # nothing before the marker
        "수도요금 말고요",  # nothing would be left to classify
        "버스 노선 좀 알려주세요",
    ],
)
def test_other_uses_of_the_words_are_left_alone(text: str) -> None:
    assert drop_negated_topics(text) == text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # a second matter deferred, with the clause that named it
        (
            "자동차세도 궁금한데 그건 나중에 하고요 주차 딱지 이의신청 어떻게 해요",
            "주차 딱지 이의신청 어떻게 해요",
        ),
        # settled, or handled elsewhere
        ("수도요금은 아까 해결됐고요 지금 계량기에서 물이 새요", "지금 계량기에서 물이 새요"),
        (
            "전입신고는 제가 알아서 할게요 임대주택 계약은 언제까지예요",
            "임대주택 계약은 언제까지예요",
        ),
        (
            "재산세 고지서도 왔는데 그건 아들이 본다고 했고 경로당 어디 있어요",
            "경로당 어디 있어요",
        ),
        # the recognizer ran the next clause on: only up to the word that sets it aside goes
        (
            "재산세도 있는데 그건 다음에 하고 오늘은 차 세금만 여쭤볼게요",
            "오늘은 차 세금만 여쭤볼게요",
        ),
    ],
)
def test_a_matter_set_aside_for_now_is_not_read_as_the_request(text: str, read: str) -> None:
    assert drop_set_aside_topics(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # the last clause is the question, whatever it says
        "청년 월세 신청했는데 나중에 다시 하래요",
        # a follow-up that names its matter and then the problem
        "청년수당 신청이 반려됐고요 이유를 모르겠어요",
        "누수 신고했는데 수리는 따로 해야 돼요",
        # nothing would be left
        "그건 됐고요 네",
        # told by someone else to see to it, not setting it aside
        "서류 물어봤더니 짜증을 내면서 알아서 하라고 하더라고요 너무 불친절해요",
    ],
)
def test_follow_ups_keep_their_matter(text: str) -> None:
    assert drop_set_aside_topics(text) == text
