"""What the app holds for its lifetime: settings, the database, the loaded pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from callcenter.api.ratelimit import RateLimiter
from callcenter.config import Settings


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    rate_limiter: RateLimiter
    services: Any = None  # callcenter.services.Services, loaded at start-up
    extras: dict[str, Any] = field(default_factory=dict)
