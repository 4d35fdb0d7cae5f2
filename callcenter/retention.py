"""Retention: destroy what has outlived its retention period, and record that it did.

Transcripts (with everything derived from the call) are deleted after
``transcript_retention_days``; audio kept by configuration after
``audio_retention_days``. SQLite runs with ``secure_delete`` so deleted rows are
overwritten, and PostgreSQL is vacuumed by the CLI purge, so what is purged cannot
be read back from free pages.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from callcenter.config import Settings
from callcenter.consultations.service import record_audit
from callcenter.db.tables import (
    FINISHED_STATUSES,
    AgentAction,
    CallAudio,
    Consultation,
    QaReview,
    TranscriptSegment,
    utcnow,
)


async def purge_expired(session: AsyncSession, *, settings: Settings, actor: str) -> dict[str, Any]:
    now = utcnow()
    report: dict[str, Any] = {"at": now.isoformat()}

    transcript_cutoff = now - timedelta(days=settings.transcript_retention_days)
    expired = select(Consultation.id).where(
        Consultation.received_at < transcript_cutoff, Consultation.status.in_(FINISHED_STATUSES)
    )
    ids = list((await session.execute(expired)).scalars())
    for table in (TranscriptSegment, AgentAction, QaReview, CallAudio):
        await session.execute(delete(table).where(table.consultation_id.in_(ids)))
    await session.execute(delete(Consultation).where(Consultation.id.in_(ids)))
    report["consultations_deleted"] = len(ids)
    report["transcript_cutoff"] = transcript_cutoff.isoformat()

    audio_cutoff = now - timedelta(days=settings.audio_retention_days)
    finished_audio = (
        select(CallAudio.consultation_id)
        .join(Consultation, Consultation.id == CallAudio.consultation_id)
        .where(CallAudio.created_at < audio_cutoff, Consultation.status.in_(FINISHED_STATUSES))
    )
    audio_ids = list((await session.execute(finished_audio)).scalars())
    await session.execute(delete(CallAudio).where(CallAudio.consultation_id.in_(audio_ids)))
    report["audio_deleted"] = len(audio_ids)
    report["audio_cutoff"] = audio_cutoff.isoformat()
    await session.commit()

    remaining = await session.scalar(select(func.count()).select_from(Consultation))
    report["consultations_remaining"] = int(remaining or 0)
    await record_audit(session, actor=actor, action="retention.purge", detail=report)
    return report
