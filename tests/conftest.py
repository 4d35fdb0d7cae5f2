"""Shared fixtures: settings, loaded models, throwaway databases on SQLite and PostgreSQL.

The PostgreSQL half never skips. If the server on 127.0.0.1:5432 does not answer,
the fixture tries to start it (``scripts/ensure-services.sh``) and otherwise fails
with the reason.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from callcenter.auth.keys import Role, create_key
from callcenter.config import PROJECT_ROOT, Settings
from callcenter.db.engine import make_engine, make_sessionmaker
from callcenter.db.migrate import upgrade_async
from models.intent.corpus import PROBES, RESPELT_PROBE
from tests.support.evidence import install_log_collector, scan_database

install_log_collector()

PG_HOST = os.environ.get("CALLCENTER_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("CALLCENTER_TEST_PG_PORT", "5432"))
PG_ADMIN_URL = f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres"
BACKENDS = ("sqlite", "postgres")


def base_settings(**overrides: object) -> Settings:
    """Settings for tests: the real model cache, test-friendly limits."""
    values: dict[str, object] = {
        "database_url": "sqlite+aiosqlite:///:memory:",
        "rate_limit_per_minute": 100_000,
        "caller_hash_salt": "test-salt",
        "preload_models": True,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


# --- models -------------------------------------------------------------------------------

# The labelled sets in models/data that training never sees (dev selects and calibrates).
HELD_OUT_SPLITS = ("intents_dev.tsv", *PROBES, RESPELT_PROBE)


@pytest.fixture(scope="session")
def loaded_models():  # type: ignore[no-untyped-def]
    """The real classifier and speech model, loaded once for the whole session."""
    from callcenter.services import LoadedModels

    try:
        return LoadedModels.load(base_settings())
    except FileNotFoundError as exc:
        pytest.fail(f"models are not set up ({exc}); run 'make setup' first")


# --- databases ------------------------------------------------------------------------------


def start_services_or_fail(needed: str) -> None:
    """Run ``scripts/ensure-services.sh`` (PostgreSQL and Redis); fail the test with its
    reason when ``needed`` cannot be started. Tests that need a service never skip."""
    script = PROJECT_ROOT / "scripts" / "ensure-services.sh"
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"{needed} is needed and could not be started: {result.stderr.strip()}")


async def _ensure_postgres() -> None:
    import asyncpg

    try:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        await conn.close()
        return
    except (OSError, asyncpg.PostgresError):
        pass
    start_services_or_fail(f"PostgreSQL at {PG_HOST}:{PG_PORT}")


async def _create_pg_database() -> str:
    import asyncpg

    name = f"cc_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name


async def _drop_pg_database(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@asynccontextmanager
async def throwaway_database(backend: str, tmp_dir: Path) -> AsyncIterator[str]:
    """A migrated, empty database URL, dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_dir / f'cc-{uuid.uuid4().hex[:8]}.db'}"
        await upgrade_async(url)
        yield url
        await scan_database(url)
        return
    await _ensure_postgres()
    name = await _create_pg_database()
    url = f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    try:
        await upgrade_async(url)
        yield url
        await scan_database(url)
    finally:
        await _drop_pg_database(name)


# --- a running app --------------------------------------------------------------------------


@dataclass
class Api:
    """A running app on one database, with one API key per role."""

    client: httpx.AsyncClient
    app: object
    settings: Settings
    keys: dict[Role, str]
    backend: str

    def auth(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.app.state.callcenter  # type: ignore[attr-defined]


@asynccontextmanager
async def running_api(
    backend: str, tmp_dir: Path, models: object, **overrides: object
) -> AsyncIterator[Api]:
    from callcenter.api.app import create_app

    async with throwaway_database(backend, tmp_dir) as url:
        settings = base_settings(database_url=url, **overrides)
        engine = make_engine(url)
        keys: dict[Role, str] = {}
        async with make_sessionmaker(engine)() as session:
            for role in Role:
                _row, keys[role] = await create_key(session, name=f"test-{role.value}", role=role)
            await session.commit()
        await engine.dispose()
        app = create_app(settings, models=models)  # type: ignore[arg-type]
        async with app.router.lifespan_context(app):
            await _seed_faq(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://testserver", timeout=120
            ) as client:
                yield Api(client=client, app=app, settings=settings, keys=keys, backend=backend)


async def _seed_faq(app: object) -> None:
    from callcenter.setup import FAQ_SEED
    from routing.faq import load_faq_file

    state = app.state.callcenter  # type: ignore[attr-defined]
    async with state.sessionmaker() as session:
        await state.services.faq.upsert(session, load_faq_file(FAQ_SEED))


@pytest.fixture(scope="module", params=BACKENDS)
async def api(request, tmp_path_factory, loaded_models) -> AsyncIterator[Api]:  # type: ignore[no-untyped-def]
    """One app per test module and backend, so modules do not see each other's data."""
    tmp_dir = tmp_path_factory.mktemp(f"db-{request.param}")
    async with running_api(request.param, tmp_dir, loaded_models) as running:
        yield running


@pytest.fixture
def unique() -> Iterator[str]:
    yield uuid.uuid4().hex[:10]
