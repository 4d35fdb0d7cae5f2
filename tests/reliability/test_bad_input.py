"""Hostile and broken input through the real API: always a clear 4xx, never a 5xx, and the
service stays healthy. The corpus of strings lives in tests/data/bad_inputs.yaml."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from callcenter.auth.keys import Role
from tests.support.audio import speak

CORPUS = yaml.safe_load((Path(__file__).parent.parent / "data" / "bad_inputs.yaml").read_text())
HOSTILE: list[str] = CORPUS["hostile_strings"]


def _assert_clear_4xx(response, *allowed: int) -> None:  # type: ignore[no-untyped-def]
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    if allowed:
        assert response.status_code in allowed, (response.status_code, response.text[:300])
    detail = response.json()["detail"]
    assert detail, "a 4xx must say what is wrong"


@pytest.fixture(scope="module")
def wav(tmp_path_factory) -> bytes:  # type: ignore[no-untyped-def]
    return speak(tmp_path_factory.mktemp("bad"), "여보세요", name="short").read_bytes()


async def test_hostile_strings_in_every_text_field(api) -> None:  # type: ignore[no-untyped-def]
    """Injection strings are data: stored redacted or refused, never executed or a 5xx."""
    for value in HOSTILE:
        r = await api.client.post(
            "/v1/consultations/text", json={"text": value}, headers=api.auth(Role.agent)
        )
        assert r.status_code in (201, 422), (value, r.status_code, r.text[:200])
        r = await api.client.post(
            "/v1/consultations/text",
            json={"text": "따릉이 환불", "call_id": value},
            headers=api.auth(Role.agent),
        )
        assert r.status_code in (200, 201, 422), (value, r.status_code)
        for params in ({"q": value}, {"intent": value}, {"agent": value}, {"department": value}):
            r = await api.client.get(
                "/v1/consultations", params=params, headers=api.auth(Role.supervisor)
            )
            assert r.status_code in (200, 422), (params, r.status_code)
        r = await api.client.get(
            f"/v1/consultations/{quote(value, safe='')}", headers=api.auth(Role.supervisor)
        )
        assert r.status_code in (404, 405, 422), (value, r.status_code)
        r = await api.client.get(
            "/v1/audit", params={"target_id": value, "actor": value}, headers=api.auth(Role.admin)
        )
        assert r.status_code in (200, 422), (value, r.status_code)
        r = await api.client.get(f"/v1/faq/{quote(value, safe='')}", headers=api.auth(Role.agent))
        assert r.status_code in (404, 405, 422), (value, r.status_code)
        r = await api.client.get(
            "/v1/queue", params={"department": value}, headers=api.auth(Role.agent)
        )
        assert r.status_code in (200, 422)
    # the tables are still there and still answer
    r = await api.client.get("/v1/consultations", headers=api.auth(Role.supervisor))
    assert r.status_code == 200 and r.json()["items"]


async def test_hostile_strings_in_call_fields(api, wav, unique) -> None:  # type: ignore[no-untyped-def]
    for i, value in enumerate(HOSTILE):
        for field_name in ("call_id", "caller", "started_at", "sample_rate"):
            data = {"call_id": f"{unique}-{i}", field_name: value}
            r = await api.client.post(
                "/v1/calls",
                data=data,
                headers=api.auth(Role.telephony),
                files={"audio": ("call.wav", wav, "audio/wav")},
            )
            assert r.status_code < 500, (field_name, value, r.status_code, r.text[:200])


async def test_unknown_ids_and_bad_bodies(api, unique) -> None:  # type: ignore[no-untyped-def]
    created = await api.client.post(
        "/v1/consultations/text",
        json={"text": "상담원 연결해 주세요", "call_id": unique},
        headers=api.auth(Role.telephony),
    )
    cid = created.json()["id"]
    agent, sup = api.auth(Role.agent), api.auth(Role.supervisor)
    _assert_clear_4xx(
        await api.client.post(
            f"/v1/consultations/{cid}/resolution",
            json={"outcome": "resolved", "corrected_intent": "nope.x"},
            headers=agent,
        ),
        422,
    )
    _assert_clear_4xx(
        await api.client.post(
            f"/v1/consultations/{cid}/resolution", json={"outcome": "maybe"}, headers=agent
        ),
        422,
    )
    _assert_clear_4xx(
        await api.client.post(
            f"/v1/consultations/{cid}/resolution",
            content=b"{not json",
            headers={**agent, "Content-Type": "application/json"},
        ),
        400,
        422,
    )
    _assert_clear_4xx(
        await api.client.post(f"/v1/consultations/{cid}/reviews", json=[1, 2, 3], headers=sup), 422
    )
    _assert_clear_4xx(await api.client.post("/v1/faq", json={"id": "x"}, headers=sup), 422)
    _assert_clear_4xx(
        await api.client.post(
            "/v1/consultations/text",
            content="따릉이".encode("utf-16"),
            headers={**agent, "Content-Type": "application/json"},
        ),
        400,
        422,
    )
    _assert_clear_4xx(
        await api.client.post(
            "/v1/consultations/text",
            content=b'{"text": "\xff\xfe\xfa"}',
            headers={**agent, "Content-Type": "application/json"},
        ),
        400,
        422,
    )
    _assert_clear_4xx(
        await api.client.post(
            "/v1/consultations/text",
            content=b"text=hello",
            headers={**agent, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        422,
    )
    _assert_clear_4xx(
        await api.client.post("/v1/consultations/text", json={"text": 5}, headers=agent), 422
    )
    _assert_clear_4xx(
        await api.client.get("/v1/stats", params={"from": "2026-13-45"}, headers=sup), 422
    )


async def test_audio_bad_files_and_content_types(api, wav, unique) -> None:  # type: ignore[no-untyped-def]
    tel = api.auth(Role.telephony)
    cases = [
        ("empty", b"", "audio/wav", 422),
        ("random", os.urandom(8000), "audio/wav", 415),
        ("text-as-wav", "안녕하세요 이건 소리가 아니에요".encode() * 50, "audio/wav", 415),
        ("truncated", wav[:100], "audio/wav", None),
        ("html", b"<html><script>alert(1)</script></html>", "text/html", 415),
        ("raw-pcm-no-rate", os.urandom(3200), "audio/pcm", 415),
    ]
    for label, data, ctype, status in cases:
        r = await api.client.post(
            "/v1/calls",
            data={"call_id": f"{unique}-{label}"},
            headers=tel,
            files={"audio": ("call.bin", data, ctype)},
        )
        if status is None:
            assert 400 <= r.status_code < 500 or r.status_code in (200, 201), (label, r.status_code)
        else:
            _assert_clear_4xx(r, status)
    huge = b"RIFF" + os.urandom(api.settings.max_upload_bytes + 10)
    r = await api.client.post(
        "/v1/calls",
        data={"call_id": f"{unique}-huge"},
        headers=tel,
        files={"audio": ("call.wav", huge, "audio/wav")},
    )
    _assert_clear_4xx(r, 413)
    # the server is still healthy and answers real work
    assert (await api.client.get("/readyz")).status_code == 200
    ok = await api.client.post(
        "/v1/calls",
        data={"call_id": f"{unique}-fine"},
        headers=tel,
        files={"audio": ("call.wav", wav, "audio/wav")},
    )
    assert ok.status_code == 201


async def test_audio_over_duration_limit(tmp_path, loaded_models) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import running_api
    from tests.support.audio import silence

    path = silence(tmp_path, seconds=12)
    async with running_api("sqlite", tmp_path, loaded_models, max_audio_seconds=10) as api:
        r = await api.client.post(
            "/v1/calls",
            data={"call_id": "too-long"},
            headers=api.auth(Role.telephony),
            files={"audio": ("call.wav", path.read_bytes(), "audio/wav")},
        )
        _assert_clear_4xx(r, 413)
        assert "10" in r.json()["detail"]
