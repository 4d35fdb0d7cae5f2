"""FAQ editing through the API (validation, live index refresh) and retention purges."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from callcenter.auth.keys import Role
from callcenter.db.tables import Consultation, utcnow

NEW_ENTRY = {
    "id": "test-hangang-ferry",
    "intent": "culture.reservation",
    "question": "한강 수상택시 예약은 어떻게 하나요",
    "answer": "한강 수상택시는 서울시 공공서비스예약 누리집에서 예약하실 수 있어요.",
    "source": "test",
    "updated": "2026-11-30",
}


async def test_faq_crud_and_validation(api) -> None:  # type: ignore[no-untyped-def]
    sup, agent = api.auth(Role.supervisor), api.auth(Role.agent)
    before = (await api.client.get("/v1/faq", headers=agent)).json()
    assert len(before) >= 60
    created = await api.client.post("/v1/faq", json=NEW_ENTRY, headers=sup)
    assert created.status_code == 201, created.text
    assert created.json()["department"] == "culture"
    dup = await api.client.post("/v1/faq", json=NEW_ENTRY, headers=sup)
    assert dup.status_code == 409
    for bad in (
        {**NEW_ENTRY, "id": "other-id", "intent": "culture.nope"},
        {**NEW_ENTRY, "id": "Bad Id"},
        {**NEW_ENTRY, "id": "other-id-2", "updated": "yesterday"},
        {k: v for k, v in NEW_ENTRY.items() if k != "answer"},
    ):
        r = await api.client.post("/v1/faq", json=bad, headers=sup)
        assert r.status_code == 422, (bad, r.text)
    assert len(api.state.services.faq.index) == len(before) + 1

    body = {k: v for k, v in NEW_ENTRY.items() if k != "id"} | {"answer": "바뀐 답변입니다."}
    updated = await api.client.put(f"/v1/faq/{NEW_ENTRY['id']}", json=body, headers=sup)
    assert updated.status_code == 200 and updated.json()["answer"] == "바뀐 답변입니다."
    got = await api.client.get(f"/v1/faq/{NEW_ENTRY['id']}", headers=agent)
    assert got.json()["answer"] == "바뀐 답변입니다."
    assert (await api.client.put("/v1/faq/not-there", json=body, headers=sup)).status_code == 404
    only = await api.client.get("/v1/faq", params={"intent": "culture.reservation"}, headers=agent)
    assert {e["intent"] for e in only.json()} == {"culture.reservation"}

    deleted = await api.client.delete(f"/v1/faq/{NEW_ENTRY['id']}", headers=sup)
    assert deleted.status_code == 204
    assert (await api.client.get(f"/v1/faq/{NEW_ENTRY['id']}", headers=agent)).status_code == 404
    assert len(api.state.services.faq.index) == len(before)


async def test_purge_deletes_expired_and_records_it(api, unique) -> None:  # type: ignore[no-untyped-def]
    headers = api.auth(Role.telephony)
    old = await api.client.post(
        "/v1/consultations/text",
        json={"text": "오래된 상담 따릉이", "call_id": f"old-{unique}"},
        headers=headers,
    )
    new = await api.client.post(
        "/v1/consultations/text",
        json={"text": "새 상담 따릉이", "call_id": f"new-{unique}"},
        headers=headers,
    )
    async with api.state.sessionmaker() as session:
        await session.execute(
            update(Consultation)
            .where(Consultation.id == old.json()["id"])
            .values(
                received_at=utcnow() - timedelta(days=api.settings.transcript_retention_days + 1)
            )
        )
        await session.commit()
    report = await api.client.post("/v1/purge", headers=api.auth(Role.admin))
    assert report.status_code == 200 and report.json()["consultations_deleted"] == 1
    sup = api.auth(Role.supervisor)
    assert (
        await api.client.get(f"/v1/consultations/{old.json()['id']}", headers=sup)
    ).status_code == 404
    assert (
        await api.client.get(f"/v1/consultations/{new.json()['id']}", headers=sup)
    ).status_code == 200
    events = (
        await api.client.get(
            "/v1/audit", params={"action": "retention.purge"}, headers=api.auth(Role.admin)
        )
    ).json()
    assert events[0]["actor"] == "test-admin" and events[0]["detail"]["consultations_deleted"] == 1
