"""What the classifier sets aside when a caller says what the call is not about."""

from __future__ import annotations

import pytest

from models.intent.negation import drop_negated_topics


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
