"""Schemathesis against the service's own OpenAPI schema: generated requests to every
operation of a real server (a bounded number each) must never get a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.support.evidence import EVIDENCE
from tests.support.server import Server, make_keys, server_env

pytestmark = pytest.mark.slow
EXAMPLES = 12  # per operation; bounded so the suite stays fast

ROLE_BY_PREFIX = [
    ("/v1/calls", "telephony"),
    ("/v1/audio", "telephony"),
    ("/v1/consultations/text", "agent"),
    ("/v1/queue", "agent"),
    ("/v1/keys", "admin"),
    ("/v1/audit", "admin"),
    ("/v1/purge", "admin"),
    ("/", "supervisor"),
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


def _role(path: str) -> str:
    if path.startswith("/v1/consultations/{") and path.endswith(("claim", "resolution")):
        return "agent"
    return next(r for prefix, r in ROLE_BY_PREFIX if path.startswith(prefix))


def _operations(server: Server) -> list:  # type: ignore[type-arg]
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def test_no_server_errors(live) -> None:  # type: ignore[no-untyped-def]
    """Every operation, with generated valid and invalid inputs: no 5xx, ever."""
    server, keys = live
    operations = _operations(server)
    assert len(operations) >= 20, [op.label for op in operations]
    failures: list[str] = []
    calls = 0
    for operation in operations:
        headers = {"Authorization": f"Bearer {keys[_role(operation.path)]}"}

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            response = case.call(headers=headers, timeout=120)  # noqa: B023 (check runs now)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{response.text[:200]}"
                )

        check()
    assert failures == [], failures[:10]
    assert calls >= 5 * len(operations), calls
