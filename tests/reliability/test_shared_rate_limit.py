"""Rate limits shared through Redis: several API processes grant one budget per key between
them, and a Redis that stops answering degrades to per-process limits instead of refusing
calls. Runs against the real Redis (started by scripts/ensure-services.sh; never skipped)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid

import pytest

from callcenter.api.ratelimit import LocalRateLimiter, RedisRateLimiter, make_rate_limiter
from callcenter.auth.keys import Role, authenticate
from tests.conftest import running_api, start_services_or_fail

REDIS_HOST = os.environ.get("CALLCENTER_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("CALLCENTER_TEST_REDIS_PORT", "6379"))
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


def _redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def redis_url() -> str:
    if not _redis_answers():
        start_services_or_fail(f"Redis at {REDIS_HOST}:{REDIS_PORT}")
        if not _redis_answers():
            pytest.fail(f"Redis at {REDIS_HOST}:{REDIS_PORT} started but does not answer PING")
    return REDIS_URL


@pytest.fixture
def namespace() -> str:
    return f"cc-test-{uuid.uuid4().hex[:10]}"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_two_processes_share_one_budget_per_key(redis_url: str, namespace: str) -> None:
    first = RedisRateLimiter(url=redis_url, per_minute=5, namespace=namespace)
    second = RedisRateLimiter(url=redis_url, per_minute=5, namespace=namespace)
    try:
        answers = [await (first if i % 2 else second).allow(7) for i in range(8)]
        assert [ok for ok, _ in answers] == [True] * 5 + [False] * 3
        # 5 a minute: the next token is about 12 s away, and the wait says so.
        assert all(10.0 < wait <= 12.0 for _, wait in answers[5:]), answers
        assert (await second.allow(8))[0], "another key has its own budget"
    finally:
        await first.close()
        await second.close()


async def test_concurrent_requests_never_overspend(redis_url: str, namespace: str) -> None:
    limiters = [RedisRateLimiter(url=redis_url, per_minute=10, namespace=namespace) for _ in "abc"]
    try:
        answers = await asyncio.gather(*(limiters[i % 3].allow(1) for i in range(30)))
        assert sum(ok for ok, _ in answers) == 10
    finally:
        for limiter in limiters:
            await limiter.close()


async def test_without_redis_each_process_limits_on_its_own(
    caplog: pytest.LogCaptureFixture, namespace: str
) -> None:
    down = RedisRateLimiter(
        url=f"redis://127.0.0.1:{_closed_port()}/0", per_minute=3, namespace=namespace
    )
    try:
        with caplog.at_level(logging.WARNING, logger="callcenter.ratelimit"):
            answers = [(await down.allow(1))[0] for _ in range(5)]
        assert answers == [True, True, True, False, False]
        warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
        assert len(warnings) == 1, "one warning when Redis goes away, not one per request"
    finally:
        await down.close()


def test_the_setting_chooses_the_limiter(redis_url: str) -> None:
    assert isinstance(make_rate_limiter(per_minute=5, redis_url=None), LocalRateLimiter)
    shared = make_rate_limiter(per_minute=5, redis_url=redis_url)
    assert isinstance(shared, RedisRateLimiter)
    asyncio.run(shared.close())


async def test_api_counts_what_another_process_spent(
    tmp_path, loaded_models, redis_url: str, namespace: str
) -> None:  # type: ignore[no-untyped-def]
    async with running_api(
        "sqlite",
        tmp_path,
        loaded_models,
        rate_limit_per_minute=5,
        redis_url=redis_url,
        redis_namespace=namespace,
    ) as api:
        agent = api.auth(Role.agent)
        async with api.state.sessionmaker() as session:
            principal = await authenticate(session, key=api.keys[Role.agent])
        assert principal is not None
        other_process = RedisRateLimiter(url=redis_url, per_minute=5, namespace=namespace)
        try:
            for _ in range(3):
                assert (await other_process.allow(principal.key_id))[0]
        finally:
            await other_process.close()
        codes = [(await api.client.get("/v1/queue", headers=agent)).status_code for _ in range(4)]
        assert codes == [200, 200, 429, 429]
