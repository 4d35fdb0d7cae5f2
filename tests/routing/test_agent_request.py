"""Detecting a caller who asks for a human instead of an automatic answer."""

from __future__ import annotations

import pytest

from routing.emergency import detect_agent_request

REQUESTS = [
    "상담원 연결해 주세요",
    "상담원이랑 통화하고 싶어요",
    "사람이랑 통화하고 싶어요",
    "기계 말고요",
    "기계 말고 사람이요",
    "직원 바꿔줘",
    "담당자 좀 바꿔 주세요",
    "상담원이요",
    "그냥 상담원",
    "상담사분하고 직접 얘기할게요",
    "ARS 말고 상담원",
    "로봇이랑은 얘기 안 할래요",
    "진짜 사람하고 말하고 싶어요",
    "과태료 문의인데 상담원 좀 연결해 주세요",
    "상담원연결해주세요",
]

NOT_REQUESTS = [
    "상담원이 불친절했어요",
    "직원이 말하길 안 된대요",
    "사람이 쓰러졌어요",
    "사람이 너무 많아요",
    "상담원 연결은 안 해도 돼요",
    "상담원 연결 필요 없어요",
    "주민센터 연결해 주세요",
    "담당 부서 번호 알려 주세요",
    "버스 막차 시간 알려 주세요",
    "기계식 주차장 요금 문의요",
    "",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_detects_requests_for_a_human(text: str) -> None:
    assert detect_agent_request(text) is True


@pytest.mark.parametrize("text", NOT_REQUESTS)
def test_ignores_mentions_that_are_not_requests(text: str) -> None:
    assert detect_agent_request(text) is False
