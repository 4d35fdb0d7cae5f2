"""Per-key rate limits: a token bucket per API key, in process memory or shared in Redis.

One bucket per process is exact for the embedded single-process default. A deployment with
several API processes (docker-compose, or `uvicorn --workers`) sets ``CALLCENTER_REDIS_URL``
so that they share one bucket per key; otherwise each process would grant the full budget on
its own. If Redis stops answering, each process falls back to its own bucket rather than
refusing calls: a telephony post must not be lost because the limiter's store is down.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

log = logging.getLogger("callcenter.ratelimit")


class RateLimiter(Protocol):
    async def allow(self, key_id: int) -> tuple[bool, float]:
        """Take one token; returns (allowed, seconds until a token is free)."""
        ...

    async def close(self) -> None: ...


class LocalRateLimiter:
    def __init__(self, *, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    async def allow(self, key_id: int) -> tuple[bool, float]:
        return self.take(key_id)

    def take(self, key_id: int) -> tuple[bool, float]:
        if self.capacity <= 0:
            return True, 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key_id] = (tokens - 1.0, now)
                return True, 0.0
            self._buckets[key_id] = (tokens, now)
            return False, (1.0 - tokens) / self.rate

    async def close(self) -> None:
        return None


# The same bucket as LocalRateLimiter, run atomically inside Redis with Redis's own clock, so
# processes on different machines agree. KEYS[1]: the bucket; ARGV: capacity, tokens per
# second. Returns {allowed, milliseconds until a token is free}.
_TOKEN_BUCKET = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate * 1000)}
"""


class RedisRateLimiter:
    def __init__(self, *, url: str, per_minute: int, namespace: str = "callcenter") -> None:
        import redis.asyncio as redis
        from redis.exceptions import RedisError

        self._unavailable = (RedisError, OSError)
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._prefix = f"{namespace}:ratelimit:"
        self._client = redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._script = self._client.register_script(_TOKEN_BUCKET)
        self._fallback = LocalRateLimiter(per_minute=per_minute)
        self._degraded = False

    async def allow(self, key_id: int) -> tuple[bool, float]:
        if self.capacity <= 0:
            return True, 0.0
        try:
            allowed, wait_ms = await self._script(
                keys=[f"{self._prefix}{key_id}"], args=[self.capacity, self.rate]
            )
        except self._unavailable as exc:
            if not self._degraded:
                log.warning(
                    "Redis rate limiter unavailable (%s); limiting per process until it answers",
                    type(exc).__name__,
                )
                self._degraded = True
            return self._fallback.take(key_id)
        if self._degraded:
            log.warning("Redis rate limiter answers again; limits are shared")
            self._degraded = False
        return bool(allowed), int(wait_ms) / 1000.0

    async def close(self) -> None:
        await self._client.aclose()


def make_rate_limiter(
    *, per_minute: int, redis_url: str | None, namespace: str = "callcenter"
) -> RateLimiter:
    """The shared Redis limiter when a URL is configured, else the in-process one."""
    if redis_url:
        return RedisRateLimiter(url=redis_url, per_minute=per_minute, namespace=namespace)
    return LocalRateLimiter(per_minute=per_minute)
