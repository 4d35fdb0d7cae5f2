"""Per-key rate limit: a token bucket per API key, in process memory.

One bucket per process is exact for the embedded single-process default; with
several API processes each enforces the limit on its own share of the traffic.
"""

from __future__ import annotations

import threading
import time


class RateLimiter:
    def __init__(self, *, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: int) -> tuple[bool, float]:
        """Take one token; returns (allowed, seconds until a token is free)."""
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
