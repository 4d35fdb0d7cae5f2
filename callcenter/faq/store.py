"""FAQ entries in the log database, their embeddings, and the in-memory search index.

The database is the source of truth (edited through the API or ``import-faq``);
each process keeps a ``routing.faq.FaqIndex`` built from it. An entry's embedding
is stored next to it with the encoder version that made it, recomputed when the
entry's text or the encoder changes, and the index is rebuilt when any process
changed the table (checked cheaply before each use).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from callcenter.db.tables import FaqEntryRow, utcnow
from routing.faq import FaqEntry, FaqIndex, embedding_text

Embed = Callable[[list[str]], np.ndarray]


ENTRY_FIELDS = tuple(f.name for f in fields(FaqEntry))


def entry_of(row: FaqEntryRow) -> FaqEntry:
    return FaqEntry(**{name: getattr(row, name) for name in ENTRY_FIELDS})


@dataclass
class FaqStore:
    embed: Embed
    embedding_version: str
    intent_weight: float = 0.25
    index: FaqIndex = field(init=False)
    _stamp: tuple[Any, ...] | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.index = FaqIndex([], np.zeros((0, 0), np.float32))

    # --- index ---------------------------------------------------------------------------

    async def _table_stamp(self, session: AsyncSession) -> tuple[Any, ...]:
        stmt = select(func.count(FaqEntryRow.id), func.max(FaqEntryRow.modified_at))
        return tuple((await session.execute(stmt)).one())

    async def refresh(self, session: AsyncSession, *, force: bool = False) -> FaqIndex:
        """Rebuild the index if the table changed since the last build."""
        stamp = await self._table_stamp(session)
        if not force and stamp == self._stamp:
            return self.index
        async with self._lock:
            rows = list(
                (await session.execute(select(FaqEntryRow).order_by(FaqEntryRow.id))).scalars()
            )
            stale = [
                r
                for r in rows
                if r.embedding is None or r.embedding_version != self.embedding_version
            ]
            if stale:
                vectors = await asyncio.to_thread(
                    self.embed, [embedding_text(entry_of(r)) for r in stale]
                )
                for row, vector in zip(stale, vectors, strict=True):
                    row.embedding = np.asarray(vector, dtype=np.float32).tobytes()
                    row.embedding_version = self.embedding_version
                await session.commit()
            if rows:
                matrix = np.stack([np.frombuffer(r.embedding, dtype=np.float32) for r in rows])
                self.index = FaqIndex.from_vectors(
                    [entry_of(r) for r in rows], matrix, intent_weight=self.intent_weight
                )
            else:
                self.index = FaqIndex([], np.zeros((0, 0), np.float32))
            self._stamp = await self._table_stamp(session)
        return self.index

    # --- reads ---------------------------------------------------------------------------

    async def exists(self, session: AsyncSession, *, faq_id: str) -> bool:
        return await session.get(FaqEntryRow, faq_id) is not None

    async def list(self, session: AsyncSession, *, intent: str | None = None) -> list[FaqEntry]:
        stmt = select(FaqEntryRow).order_by(FaqEntryRow.id)
        if intent:
            stmt = stmt.where(FaqEntryRow.intent == intent)
        return [entry_of(r) for r in (await session.execute(stmt)).scalars()]

    async def get(self, session: AsyncSession, *, faq_id: str) -> FaqEntry | None:
        row = await session.get(FaqEntryRow, faq_id)
        return entry_of(row) if row is not None else None

    # --- writes --------------------------------------------------------------------------

    async def upsert(
        self, session: AsyncSession, entries: Sequence[FaqEntry]
    ) -> dict[str, list[str]]:
        """Insert new entries and update changed ones; the report says which."""
        report: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
        for entry in entries:
            row = await session.get(FaqEntryRow, entry.id)
            if row is None:
                session.add(FaqEntryRow(**asdict(entry), modified_at=utcnow()))
                report["added"].append(entry.id)
            elif entry_of(row) == entry:
                report["unchanged"].append(entry.id)
            else:
                for name in ENTRY_FIELDS:
                    setattr(row, name, getattr(entry, name))
                row.embedding = None  # the text changed: the next refresh re-embeds it
                row.modified_at = utcnow()
                report["updated"].append(entry.id)
        await session.commit()
        await self.refresh(session)
        return report

    async def delete(self, session: AsyncSession, *, faq_id: str) -> bool:
        row = await session.get(FaqEntryRow, faq_id)
        if row is None:
            return False
        await session.delete(row)
        await session.commit()
        await self.refresh(session, force=True)
        return True
