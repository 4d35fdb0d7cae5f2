"""The chat channel end to end: the full pipeline without speech, the result shape, idempotency."""

from __future__ import annotations

import asyncio
import unicodedata

import pytest

from callcenter.auth.keys import Role
from callcenter.privacy import REDACTION_VERSION


async def test_text_consultation_result_shape(api, unique) -> None:  # type: ignore[no-untyped-def]
    r = await api.client.post(
        "/v1/consultations/text",
        json={
            "text": "어제 버스에 지갑을 두고 내렸는데 어디로 연락하면 찾을 수 있을까요",
            "call_id": unique,
        },
        headers=api.auth(Role.telephony),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["call_id"] == unique
    assert body["status"] == "done"
    assert body["channel"] == "text"
    assert body["language"] == "ko"
    assert body["intent"]["id"] == "transport.lost_item"
    assert body["intent"]["name"] == "대중교통 분실물"
    assert 0 < body["intent"]["confidence"] <= 1
    assert len(body["candidates"]) == 3
    confidences = [c["confidence"] for c in body["candidates"]]
    assert confidences == sorted(confidences, reverse=True)
    assert body["route"]["type"] in ("faq", "agent")
    assert body["route"]["department"] == "transport"
    assert body["route"]["reason"]
    assert len(body["suggestions"]) == 3
    assert {"faq_id", "question", "text", "score"} <= set(body["suggestions"][0])
    if body["route"]["type"] == "faq":
        assert (
            body["answer"]["faq_id"].startswith(("lost", "transport", "bus", "subway"))
            or body["answer"]["faq_id"]
        )
    assert {"redact", "classify", "route", "total"} <= set(body["timings_ms"])
    assert {"intent", "intent_reading", "redaction"} <= set(body["model_versions"])
    assert body["model_versions"]["redaction"] == REDACTION_VERSION


async def test_korean_typed_as_separate_letters_is_read_and_redacted(api, unique) -> None:  # type: ignore[no-untyped-def]
    """A chat client that sends NFD (letters, not syllables) gets the same consultation as one
    that sends NFC: the phone number masked, the same intent, the transcript stored as NFC."""
    text = "어제 버스에 지갑을 두고 내렸어요 제 번호는 공일공 일이삼사 오육칠팔이에요"
    bodies = []
    for form in ("NFC", "NFD"):
        r = await api.client.post(
            "/v1/consultations/text",
            json={"text": unicodedata.normalize(form, text), "call_id": f"{unique}-{form}"},
            headers=api.auth(Role.telephony),
        )
        assert r.status_code == 201, r.text
        bodies.append(r.json())
    nfc, nfd = bodies
    assert nfd["transcript"] == nfc["transcript"]
    assert "[전화번호]" in nfd["transcript"] and "공일공" not in nfd["transcript"]
    assert nfd["intent"]["id"] == nfc["intent"]["id"] == "transport.lost_item"
    assert nfd["route"] == nfc["route"]


async def test_pii_is_redacted_before_storage(api, unique) -> None:  # type: ignore[no-untyped-def]
    r = await api.client.post(
        "/v1/consultations/text",
        json={
            "text": "주민번호 900101-1234567 이고요 연락처는 010-1234-5678 입니다 등본 떼려고요",
            "call_id": unique,
        },
        headers=api.auth(Role.agent),
    )
    assert r.status_code == 201
    transcript = r.json()["transcript"]
    assert "1234567" not in transcript and "5678" not in transcript
    assert "[주민번호]" in transcript and "[전화번호]" in transcript
    read = await api.client.get(
        f"/v1/consultations/{r.json()['id']}", headers=api.auth(Role.supervisor)
    )
    assert read.json()["transcript"] == transcript


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("지금 옆집에서 불이 나서 연기가 계속 나요 빨리 와주세요", "119"),
        # "무늘 부수려고" is "문을 부수려고" as heard: a break-in, so 112, not the default 119
        ("지금 누가 무늘 부수려고 해요 빨리 와주세요", "112"),
    ],
)
async def test_emergency_text_is_urgent_on_its_line(api, unique, text: str, line: str) -> None:  # type: ignore[no-untyped-def]
    r = await api.client.post(
        "/v1/consultations/text",
        json={"text": text, "call_id": unique},
        headers=api.auth(Role.telephony),
    )
    body = r.json()
    assert body["route"]["type"] == "urgent"
    assert body["route"]["transfer_line"] == line
    assert body["answer"] is None


async def test_repeat_call_id_returns_existing(api, unique) -> None:  # type: ignore[no-untyped-def]
    payload = {"text": "자동차세 연납 신청 언제까지예요", "call_id": unique}
    first = await api.client.post(
        "/v1/consultations/text", json=payload, headers=api.auth(Role.telephony)
    )
    second = await api.client.post(
        "/v1/consultations/text", json=payload, headers=api.auth(Role.telephony)
    )
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]


async def test_concurrent_duplicates_make_one_record(api, unique) -> None:  # type: ignore[no-untyped-def]
    payload = {"text": "재산세 고지서를 잃어버렸어요", "call_id": unique}
    responses = await asyncio.gather(
        *[
            api.client.post(
                "/v1/consultations/text", json=payload, headers=api.auth(Role.telephony)
            )
            for _ in range(8)
        ]
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1 and statuses.count(200) == 7, statuses
    assert len({r.json()["id"] for r in responses}) == 1
    listed = await api.client.get(
        "/v1/consultations",
        params={"q": "재산세 고지서를 잃어버렸어요"},
        headers=api.auth(Role.supervisor),
    )
    assert [i["call_id"] for i in listed.json()["items"]].count(unique) == 1


async def test_text_input_limits(api) -> None:  # type: ignore[no-untyped-def]
    headers = api.auth(Role.telephony)
    too_long = await api.client.post(
        "/v1/consultations/text", json={"text": "가" * 100_000}, headers=headers
    )
    assert too_long.status_code == 422 and "longer than" in too_long.json()["detail"]
    blank = await api.client.post("/v1/consultations/text", json={"text": "   "}, headers=headers)
    assert blank.status_code == 422
    missing = await api.client.post("/v1/consultations/text", json={}, headers=headers)
    assert missing.status_code == 422
    extra = await api.client.post(
        "/v1/consultations/text", json={"text": "hi", "x": 1}, headers=headers
    )
    assert extra.status_code == 422
    malformed = await api.client.post(
        "/v1/consultations/text",
        content=b'{"text": "abc"',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert malformed.status_code == 422
