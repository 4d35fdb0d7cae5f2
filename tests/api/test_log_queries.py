"""Supervisor queries over the log: every filter, sort and cursor pagination, CSV export,
the agents' queue, claims, resolutions, reviews, stats and the audit trail."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from callcenter.auth.keys import Role

# Utterances whose intent and route the model is sure about (unambiguous wording).
SEED = [
    ("q-fire", "지금 아파트 복도에 불이 나서 연기가 가득해요 빨리 와주세요"),
    ("q-taxi", "택시 기사가 승차 거부를 해서 신고하려고요 차 번호도 적어놨어요"),
    ("q-leak", "집 앞 도로에 수도관이 터져서 물이 콸콸 새고 있어요"),
    ("q-cert", "주민등록등본 무인발급기로 뗄 수 있는 곳이 어디예요"),
    ("q-bike", "따릉이 이용권 결제했는데 환불 받고 싶어요"),
    ("q-human", "기계 말고 상담원이랑 직접 통화하고 싶어요"),
]


@pytest.fixture(scope="module")
async def seeded(api) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    out = {}
    for call_id, text in SEED:
        r = await api.client.post(
            "/v1/consultations/text",
            json={"text": text, "call_id": call_id},
            headers=api.auth(Role.telephony),
        )
        assert r.status_code in (200, 201), r.text
        out[call_id] = r.json()
    return out


def _ids(page: dict) -> list[str]:
    return [i["call_id"] for i in page["items"]]


async def _list(api, role: Role = Role.supervisor, **params):  # type: ignore[no-untyped-def]
    r = await api.client.get("/v1/consultations", params=params, headers=api.auth(role))
    assert r.status_code == 200, r.text
    return r.json()


async def test_routes_of_seed(seeded) -> None:  # type: ignore[no-untyped-def]
    assert seeded["q-fire"]["route"]["type"] == "urgent"
    assert seeded["q-taxi"]["route"] == {
        "type": "agent",
        "department": "transport",
        "reason": "agent_intent",
        "transfer_line": None,
    }
    assert seeded["q-leak"]["route"]["department"] == "water"
    assert seeded["q-human"]["route"]["department"] == "general"
    assert seeded["q-human"]["route"]["reason"] == "agent_requested"


async def test_filters(api, seeded) -> None:  # type: ignore[no-untyped-def]
    assert set(_ids(await _list(api))) >= {c for c, _ in SEED}
    assert _ids(await _list(api, route="urgent")) == ["q-fire"]
    assert set(_ids(await _list(api, department="water"))) == {"q-leak"}
    assert set(_ids(await _list(api, intent="transport.taxi_complaint"))) == {"q-taxi"}
    assert _ids(await _list(api, status="failed")) == []
    assert set(_ids(await _list(api, status="done"))) >= {c for c, _ in SEED}
    assert _ids(await _list(api, q="무인발급기")) == ["q-cert"]
    assert _ids(await _list(api, q="%")) == []  # LIKE wildcards are literal
    low = await _list(api, max_confidence=0.0)
    assert all(i["intent"]["confidence"] <= 0.0 for i in low["items"])
    high = await _list(api, min_confidence=0.5)
    assert high["items"] and all(i["intent"]["confidence"] >= 0.5 for i in high["items"])
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert _ids(await _list(api, **{"from": future})) == []
    assert set(_ids(await _list(api, to=future))) >= {c for c, _ in SEED}
    assert _ids(await _list(api, reviewed="true")) == []  # nothing reviewed yet


async def test_invalid_filters_are_422(api) -> None:  # type: ignore[no-untyped-def]
    headers = api.auth(Role.supervisor)
    for params in (
        {"route": "nowhere"},
        {"min_confidence": 2},
        {"from": "yesterday"},
        {"cursor": "not-a-cursor"},
        {"limit": 0},
        {"sort": "name"},
    ):
        r = await api.client.get("/v1/consultations", params=params, headers=headers)
        assert r.status_code == 422, (params, r.text)


async def test_cursor_pagination_walks_everything_once(api, seeded) -> None:  # type: ignore[no-untyped-def]
    for sort in ("-received_at", "received_at", "confidence", "-confidence"):
        seen: list[str] = []
        cursor = None
        for _ in range(20):
            params = {"limit": 2, "sort": sort}
            if cursor:
                params["cursor"] = cursor
            page = await _list(api, **params)
            seen += [i["id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        everything = await _list(api, limit=500)
        assert sorted(seen) == sorted(i["id"] for i in everything["items"]), sort
        assert len(seen) == len(set(seen))


async def test_csv_export(api, seeded) -> None:  # type: ignore[no-untyped-def]
    r = await api.client.get(
        "/v1/consultations/export.csv",
        params={"department": "water"},
        headers=api.auth(Role.supervisor),
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["call_id"] for row in rows] == ["q-leak"]
    assert rows[0]["route_department"] == "water"
    assert "수도관" in rows[0]["transcript"]


async def test_queue_claim_resolve_review(api, seeded) -> None:  # type: ignore[no-untyped-def]
    queue = (await api.client.get("/v1/queue", headers=api.auth(Role.agent))).json()
    call_ids = [i["call_id"] for i in queue]
    assert call_ids[0] == "q-fire"  # urgent first
    answered = {c for c, body in seeded.items() if body["route"]["type"] == "faq"}
    assert not answered & set(call_ids)
    assert all(i["route"]["type"] in ("agent", "urgent") for i in queue)
    rest = [i["received_at"] for i in queue if i["route"]["type"] == "agent"]
    assert rest == sorted(rest)  # then oldest first
    assert queue[0]["suggestions"], "agents see suggested answers"

    water = (
        await api.client.get(
            "/v1/queue", params={"department": "water"}, headers=api.auth(Role.agent)
        )
    ).json()
    assert [i["call_id"] for i in water] == ["q-leak"]

    leak_id = seeded["q-leak"]["id"]
    claimed = await api.client.post(
        f"/v1/consultations/{leak_id}/claim", headers=api.auth(Role.agent)
    )
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "test-agent"

    bad_intent = await api.client.post(
        f"/v1/consultations/{leak_id}/resolution",
        json={"outcome": "resolved", "corrected_intent": "water.nope"},
        headers=api.auth(Role.agent),
    )
    assert bad_intent.status_code == 422 and "water.nope" in bad_intent.json()["detail"]
    bad_faq = await api.client.post(
        f"/v1/consultations/{leak_id}/resolution",
        json={"outcome": "resolved", "used_faq_id": "no-such-faq"},
        headers=api.auth(Role.agent),
    )
    assert bad_faq.status_code == 422

    resolved = await api.client.post(
        f"/v1/consultations/{leak_id}/resolution",
        json={
            "outcome": "transferred",
            "corrected_intent": "water.leak",
            "notes": "고객 연락처 010-9876-5432 로 회신 예정",
        },
        headers=api.auth(Role.agent),
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["outcome"] == "transferred"
    again = await api.client.post(
        f"/v1/consultations/{leak_id}/resolution",
        json={"outcome": "resolved"},
        headers=api.auth(Role.agent),
    )
    assert again.status_code == 409

    after = (await api.client.get("/v1/queue", headers=api.auth(Role.agent))).json()
    assert "q-leak" not in [i["call_id"] for i in after]

    actions = (
        await api.client.get(
            f"/v1/consultations/{leak_id}/actions", headers=api.auth(Role.supervisor)
        )
    ).json()
    assert [a["action"] for a in actions] == ["claim", "resolution"]
    assert "9876" not in actions[1]["notes"] and "[전화번호]" in actions[1]["notes"]

    # agents see what they handled, and only that
    mine = await _list(api, role=Role.agent)
    assert _ids(mine) == ["q-leak"]

    review = await api.client.post(
        f"/v1/consultations/{leak_id}/reviews",
        json={"score": 85, "comment": "친절했음", "rubric": {"accuracy": 40, "tone": 45}},
        headers=api.auth(Role.supervisor),
    )
    assert review.status_code == 201 and review.json()["reviewer"] == "test-supervisor"
    for bad in ({"score": 101}, {"score": -1}, {"score": "high"}, {}):
        r = await api.client.post(
            f"/v1/consultations/{leak_id}/reviews", json=bad, headers=api.auth(Role.supervisor)
        )
        assert r.status_code == 422
    assert _ids(await _list(api, reviewed="true")) == ["q-leak"]
    assert "q-leak" not in _ids(await _list(api, reviewed="false"))
    assert _ids(await _list(api, agent="test-agent")) == ["q-leak"]

    stats = (
        await api.client.get(
            "/v1/stats", params={"group_by": "department"}, headers=api.auth(Role.supervisor)
        )
    ).json()
    water_group = next(g for g in stats["groups"] if g["key"] == "water")
    assert water_group["count"] == 1 and water_group["corrected_intent_rate"] == 0.0


async def test_claim_conflicts_and_missing(api, seeded) -> None:  # type: ignore[no-untyped-def]
    taxi_id = seeded["q-taxi"]["id"]
    other = await api.client.post(
        "/v1/keys", json={"name": "agent-two", "role": "agent"}, headers=api.auth(Role.admin)
    )
    headers2 = {"Authorization": f"Bearer {other.json()['key']}"}
    assert (
        await api.client.post(f"/v1/consultations/{taxi_id}/claim", headers=api.auth(Role.agent))
    ).status_code == 200
    conflict = await api.client.post(f"/v1/consultations/{taxi_id}/claim", headers=headers2)
    assert conflict.status_code == 409 and "test-agent" in conflict.json()["detail"]
    missing = await api.client.post("/v1/consultations/nope/claim", headers=api.auth(Role.agent))
    assert missing.status_code == 404
    assert (
        await api.client.get("/v1/consultations/" + "x" * 300, headers=api.auth(Role.agent))
    ).status_code == 404


async def test_stats(api, seeded) -> None:  # type: ignore[no-untyped-def]
    headers = api.auth(Role.supervisor)
    total = (await api.client.get("/v1/stats", headers=headers)).json()["total"]
    listed = await _list(api, limit=500)
    n = len(listed["items"])
    assert total["count"] == n
    faq = sum(i["route"]["type"] == "faq" for i in listed["items"])
    agent = sum(i["route"]["type"] == "agent" for i in listed["items"])
    assert total["automation_rate"] == round(faq / n, 4)
    assert total["handoff_rate"] == round(agent / n, 4)
    assert total["mean_processing_ms"] > 0
    assert total["p95_processing_ms"] >= total["mean_processing_ms"] * 0.5
    for group_by in ("intent", "department", "route", "day", "hour"):
        r = await api.client.get("/v1/stats", params={"group_by": group_by}, headers=headers)
        assert r.status_code == 200
        groups = r.json()["groups"]
        assert sum(g["count"] for g in groups) == n
    by_route = {
        g["key"]: g
        for g in (
            await api.client.get("/v1/stats", params={"group_by": "route"}, headers=headers)
        ).json()["groups"]
    }
    assert by_route["urgent"]["urgent_rate"] == 1.0
    bad = await api.client.get("/v1/stats", params={"group_by": "weekday"}, headers=headers)
    assert bad.status_code == 422


async def test_reads_are_audited(api, seeded) -> None:  # type: ignore[no-untyped-def]
    cid = seeded["q-cert"]["id"]
    await api.client.get(f"/v1/consultations/{cid}", headers=api.auth(Role.supervisor))
    events = (
        await api.client.get("/v1/audit", params={"target_id": cid}, headers=api.auth(Role.admin))
    ).json()
    assert any(
        e["actor"] == "test-supervisor" and e["action"] == "consultation.read" for e in events
    )
    searches = (
        await api.client.get(
            "/v1/audit", params={"action": "consultations.search"}, headers=api.auth(Role.admin)
        )
    ).json()
    assert searches and all(e["detail"].get("q") in (None, "<redacted>") for e in searches)


async def _agents(api, unique: str, count: int) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    headers = []
    for n in range(count):
        r = await api.client.post(
            "/v1/keys",
            json={"name": f"agent-{unique}-{n}", "role": "agent"},
            headers=api.auth(Role.admin),
        )
        assert r.status_code == 201, r.text
        headers.append({"Authorization": f"Bearer {r.json()['key']}"})
    return headers


async def _new_agent_call(api, call_id: str) -> str:  # type: ignore[no-untyped-def]
    r = await api.client.post(
        "/v1/consultations/text",
        json={"text": "택시 기사가 길을 일부러 돌아가서 요금이 두 배 나왔어요", "call_id": call_id},
        headers=api.auth(Role.telephony),
    )
    assert r.status_code in (200, 201) and r.json()["route"]["type"] == "agent", r.text
    return r.json()["id"]


async def test_simultaneous_claims_have_one_winner(api, unique) -> None:  # type: ignore[no-untyped-def]
    """Agents who press 'claim' on the same call at once: one gets it, the others a 409,
    and the log records one claim (a lost update would let two agents work the same call)."""
    consultation_id = await _new_agent_call(api, f"race-claim-{unique}")
    agents = await _agents(api, unique, 6)
    path = f"/v1/consultations/{consultation_id}/claim"
    replies = await asyncio.gather(*(api.client.post(path, headers=h) for h in agents))
    codes = sorted(r.status_code for r in replies)
    assert codes == [200] + [409] * (len(agents) - 1), [r.text for r in replies]
    winner = next(r.json()["claimed_by"] for r in replies if r.status_code == 200)
    assert all(winner in r.json()["detail"] for r in replies if r.status_code == 409)
    row = await api.client.get(f"/v1/consultations/{consultation_id}", headers=api.auth(Role.agent))
    assert row.json()["claimed_by"] == winner
    actions = await api.client.get(
        f"/v1/consultations/{consultation_id}/actions", headers=api.auth(Role.supervisor)
    )
    assert [(a["action"], a["agent"]) for a in actions.json()] == [("claim", winner)]


async def test_simultaneous_resolutions_have_one_winner(api, unique) -> None:  # type: ignore[no-untyped-def]
    """Two agents resolving the same unclaimed call at once: one resolution is kept."""
    consultation_id = await _new_agent_call(api, f"race-resolve-{unique}")
    agents = await _agents(api, unique, 4)
    path = f"/v1/consultations/{consultation_id}/resolution"
    body = {"outcome": "resolved", "notes": "안내 완료"}
    replies = await asyncio.gather(*(api.client.post(path, json=body, headers=h) for h in agents))
    codes = sorted(r.status_code for r in replies)
    assert codes == [200] + [409] * (len(agents) - 1), [r.text for r in replies]
    winner = next(r.json()["claimed_by"] for r in replies if r.status_code == 200)
    actions = await api.client.get(
        f"/v1/consultations/{consultation_id}/actions", headers=api.auth(Role.supervisor)
    )
    assert [(a["action"], a["agent"]) for a in actions.json()] == [("resolution", winner)]
    again = await api.client.post(path, json=body, headers=agents[0])
    assert again.status_code == 409 and "already resolved" in again.json()["detail"]
