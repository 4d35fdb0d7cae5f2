"""Alembic upgrade and downgrade on an empty database, on SQLite and PostgreSQL, and the
ORM and the migrations agreeing (no pending autogenerate diff)."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from callcenter.db.engine import make_engine
from callcenter.db.migrate import downgrade, upgrade
from callcenter.db.tables import Base
from tests.conftest import BACKENDS, throwaway_database

TABLES = {
    "consultations",
    "call_audio",
    "transcript_segments",
    "agent_actions",
    "qa_reviews",
    "faq_entries",
    "api_keys",
    "audit_events",
    "alembic_version",
}


async def _inspect(url: str) -> tuple[set[str], list]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:

            def run(sync_conn):  # type: ignore[no-untyped-def]
                tables = set(inspect(sync_conn).get_table_names())
                diff = compare_metadata(MigrationContext.configure(sync_conn), Base.metadata)
                return tables, diff

            return await conn.run_sync(run)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_upgrade_downgrade_upgrade(backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async with throwaway_database(backend, tmp_path) as url:
        tables, diff = await _inspect(url)
        assert tables >= TABLES
        assert diff == [], f"ORM and migrations disagree: {diff}"
        await asyncio.to_thread(downgrade, url, "base")
        tables, _ = await _inspect(url)
        assert tables <= {"alembic_version"}
        await asyncio.to_thread(upgrade, url)
        tables, _ = await _inspect(url)
        assert tables >= TABLES
