"""Role enforcement on every endpoint: 401 without or with a bad key, 403 for wrong roles."""

from __future__ import annotations

import pytest

from callcenter.auth.keys import Role

T, A, S, AD = Role.telephony, Role.agent, Role.supervisor, Role.admin

# (method, path, allowed roles, json body or None)
ENDPOINTS: list[tuple[str, str, set[Role], dict | None]] = [
    ("POST", "/v1/calls", {T}, None),
    ("POST", "/v1/consultations/text", {T, A}, {"text": "따릉이 환불 어떻게 해요"}),
    ("GET", "/v1/consultations", {A, S}, None),
    ("GET", "/v1/consultations/export.csv", {S}, None),
    ("GET", "/v1/consultations/{id}", {A, S}, None),
    ("POST", "/v1/consultations/{id}/claim", {A}, None),
    ("POST", "/v1/consultations/{id}/resolution", {A}, {"outcome": "resolved"}),
    ("GET", "/v1/consultations/{id}/actions", {S}, None),
    ("POST", "/v1/consultations/{id}/reviews", {S}, {"score": 90}),
    ("GET", "/v1/consultations/{id}/reviews", {S}, None),
    ("GET", "/v1/queue", {A, S}, None),
    ("GET", "/v1/stats", {S}, None),
    ("GET", "/v1/intents", {T, A, S, AD}, None),
    ("GET", "/v1/faq", {A, S}, None),
    ("GET", "/v1/faq/bus-night-owl-not-there", {A, S}, None),
    ("POST", "/v1/faq", {S}, {}),
    ("PUT", "/v1/faq/x", {S}, {}),
    ("DELETE", "/v1/faq/x-not-there", {S}, None),
    ("POST", "/v1/keys", {AD}, {}),
    ("GET", "/v1/keys", {AD}, None),
    ("DELETE", "/v1/keys/999999", {AD}, None),
    ("GET", "/v1/audit", {AD}, None),
    ("POST", "/v1/purge", {AD}, None),
    ("POST", "/v1/audio/transcriptions", {T, A}, None),
]


@pytest.fixture(scope="module")
async def consultation_id(api) -> str:  # type: ignore[no-untyped-def]
    r = await api.client.post(
        "/v1/consultations/text",
        json={"text": "주민센터 전화번호 좀 알려주세요", "call_id": "roles-fixture"},
        headers=api.auth(Role.agent),
    )
    assert r.status_code in (200, 201), r.text
    return r.json()["id"]


async def _call(api, method: str, path: str, headers: dict, body: dict | None):  # type: ignore[no-untyped-def]
    return await api.client.request(method, path, headers=headers, json=body)


@pytest.mark.parametrize(
    "method,path,allowed,body", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
async def test_role_enforcement(api, consultation_id, method, path, allowed, body) -> None:  # type: ignore[no-untyped-def]
    path = path.replace("{id}", consultation_id)
    missing = await _call(api, method, path, {}, body)
    assert missing.status_code == 401, missing.text
    assert missing.headers.get("www-authenticate") == "Bearer"
    bad = await _call(api, method, path, {"Authorization": "Bearer cc_000000000000_nope"}, body)
    assert bad.status_code == 401
    for role in Role:
        response = await _call(api, method, path, api.auth(role), body)
        if role in allowed:
            assert response.status_code not in (401, 403), (role, response.text)
        else:
            assert response.status_code == 403, (role, response.status_code, response.text)
            assert role.value in response.json()["detail"]


async def test_health_endpoints_need_no_key(api) -> None:  # type: ignore[no-untyped-def]
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "models": "ok"}
    metrics = await api.client.get("/metrics")
    assert metrics.status_code == 200
    assert "callcenter_http_requests_total" in metrics.text
    assert "callcenter_consultations_total{" in metrics.text  # the fixture consultation counted


async def test_revoked_key_stops_working(api) -> None:  # type: ignore[no-untyped-def]
    created = await api.client.post(
        "/v1/keys", json={"name": "temp-agent", "role": "agent"}, headers=api.auth(Role.admin)
    )
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("cc_")
    headers = {"Authorization": f"Bearer {key}"}
    assert (await api.client.get("/v1/queue", headers=headers)).status_code == 200
    revoked = await api.client.delete(
        f"/v1/keys/{created.json()['id']}", headers=api.auth(Role.admin)
    )
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert (await api.client.get("/v1/queue", headers=headers)).status_code == 401
    listed = (await api.client.get("/v1/keys", headers=api.auth(Role.admin))).json()
    assert all("key" not in k and "key_hash" not in k for k in listed)
