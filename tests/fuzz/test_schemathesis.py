"""Schemathesis against the service's own OpenAPI schema: generated requests to every
operation of a real server (a bounded number each) must never get a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.support.evidence import EVIDENCE
from tests.support.server import Server, make_keys, server_env

pytestmark = pytest.mark.slow

ROLE_BY_PREFIX = [
    ("/v1/calls", "telephony"),
    ("/v1/audio", "telephony"),
    ("/v1/consultations/text", "agent"),
    ("/v1/queue", "agent"),
    ("/v1/keys", "admin"),
    ("/v1/audit", "admin"),
    ("/v1/purge", "admin"),
    ("/v1/", "supervisor"),
]


@pytest.fixture(scope="module")
def live(tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("fuzz")
    env = server_env(tmp, max_upload_bytes="200000")
    # Decoy keys take the low ids that generated DELETE /v1/keys/{id} calls hit first.
    roles = ("telephony", "agent", "supervisor", "admin")
    keys = make_keys(env, {role: role for role in roles}, decoys=20)
    server = Server(env, tmp / "server.log")
    EVIDENCE.log_files.append(server.log)
    server.start()
    yield server, keys
    server.stop()


@pytest.fixture(scope="module")
def api_schema(live):  # type: ignore[no-untyped-def]
    server, _keys = live
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case, live) -> None:  # type: ignore[no-untyped-def]
    _server, keys = live
    role = next(r for prefix, r in ROLE_BY_PREFIX if case.path.startswith(prefix))
    if case.path.startswith("/v1/consultations/{") and case.path.endswith(("claim", "resolution")):
        role = "agent"
    response = case.call(headers={"Authorization": f"Bearer {keys[role]}"}, timeout=120)
    assert response.status_code < 500, (
        case.method,
        case.path,
        response.status_code,
        response.text[:300],
    )
