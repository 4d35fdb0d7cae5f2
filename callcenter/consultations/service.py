"""Plain service functions over the consultation log (no web types here)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import Select, and_, case, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from callcenter.db.tables import (
    AgentAction,
    AuditEvent,
    CallAudio,
    Consultation,
    QaReview,
    utcnow,
)

KST = timezone(timedelta(hours=9), "KST")
HUMAN_ROUTES = ("agent", "urgent")


class NotFound(Exception):
    pass


class Conflict(Exception):
    pass


# --- creation ---------------------------------------------------------------------------


def hash_caller(number: str, *, salt: str) -> tuple[str, str]:
    """Salted hash (for linking repeat callers) and last four digits (for agents)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    digest = hmac.new(salt.encode(), digits.encode(), hashlib.sha256).hexdigest()
    return digest, digits[-4:]


@dataclass(frozen=True, slots=True)
class NewCall:
    source: str
    call_id: str
    channel: Literal["phone", "text"]
    caller: str | None = None
    started_at: datetime | None = None
    audio: bytes | None = None
    content_type: str | None = None
    filename: str | None = None
    pcm_sample_rate: int | None = None
    audio_duration_s: float | None = None
    audio_format: str | None = None


async def get_by_call_id(
    session: AsyncSession, *, source: str, call_id: str
) -> Consultation | None:
    stmt = select(Consultation).where(
        Consultation.source == source, Consultation.call_id == call_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def create_consultation(
    session: AsyncSession, *, call: NewCall, caller_salt: str
) -> tuple[Consultation, bool]:
    """Commit a new consultation (status ``received``) and its audio, before any processing.

    Returns ``(consultation, created)``. A repeat of a ``(source, call_id)`` already
    seen returns the existing record: the unique constraint decides under
    concurrency, so duplicate posts racing each other still make one record.
    """
    existing = await get_by_call_id(session, source=call.source, call_id=call.call_id)
    if existing is not None:
        return existing, False
    caller_hash = caller_last4 = None
    if call.caller:
        caller_hash, caller_last4 = hash_caller(call.caller, salt=caller_salt)
    row = Consultation(
        source=call.source,
        call_id=call.call_id,
        channel=call.channel,
        caller_hash=caller_hash,
        caller_last4=caller_last4 or None,
        started_at=call.started_at,
        status="received",
        audio_duration_s=call.audio_duration_s,
        audio_format=call.audio_format,
    )
    session.add(row)
    try:
        await session.flush()
        if call.audio is not None:
            session.add(
                CallAudio(
                    consultation_id=row.id,
                    data=call.audio,
                    content_type=call.content_type,
                    filename=call.filename,
                    pcm_sample_rate=call.pcm_sample_rate,
                )
            )
        await session.commit()
    except IntegrityError:
        await session.rollback()
        existing = await get_by_call_id(session, source=call.source, call_id=call.call_id)
        if existing is None:
            raise
        return existing, False
    return row, True


async def get_consultation(
    session: AsyncSession, *, consultation_id: str, with_segments: bool = False
) -> Consultation:
    stmt = select(Consultation).where(Consultation.id == consultation_id)
    if with_segments:
        stmt = stmt.options(selectinload(Consultation.segments))
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        raise NotFound(f"consultation {consultation_id} not found")
    return row


# --- search -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConsultationFilter:
    date_from: datetime | None = None
    date_to: datetime | None = None
    intent: str | None = None
    department: str | None = None
    route: str | None = None
    status: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    agent: str | None = None
    reviewed: bool | None = None
    q: str | None = None


def _apply_filter(stmt: Select[Any], flt: ConsultationFilter) -> Select[Any]:
    c = Consultation
    conditions = []
    if flt.date_from is not None:
        conditions.append(c.received_at >= flt.date_from)
    if flt.date_to is not None:
        conditions.append(c.received_at < flt.date_to)
    if flt.intent:
        conditions.append(c.intent_id == flt.intent)
    if flt.department:
        conditions.append(c.route_department == flt.department)
    if flt.route:
        conditions.append(c.route_type == flt.route)
    if flt.status:
        conditions.append(c.status == flt.status)
    if flt.min_confidence is not None:
        conditions.append(c.intent_confidence >= flt.min_confidence)
    if flt.max_confidence is not None:
        conditions.append(c.intent_confidence <= flt.max_confidence)
    if flt.agent:
        handled = exists().where(
            AgentAction.consultation_id == c.id, AgentAction.agent == flt.agent
        )
        conditions.append(or_(c.claimed_by == flt.agent, handled))
    if flt.reviewed is not None:
        conditions.append(c.reviewed.is_(flt.reviewed))
    if flt.q:
        conditions.append(c.transcript.contains(flt.q, autoescape=True))
    return stmt.where(and_(*conditions)) if conditions else stmt


SortKey = Literal["received_at", "-received_at", "confidence", "-confidence"]


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != 2 or not isinstance(values[1], str):
            raise ValueError
        return values
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError("invalid cursor") from exc


def _sort_column(sort: SortKey):  # type: ignore[no-untyped-def]
    if sort.endswith("received_at"):
        return Consultation.received_at
    return func.coalesce(Consultation.intent_confidence, -1.0)


async def list_consultations(
    session: AsyncSession,
    *,
    flt: ConsultationFilter,
    sort: SortKey = "-received_at",
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Consultation], str | None]:
    """Keyset pagination: stable under inserts, cheap at any depth (uses the id tiebreak)."""
    column = _sort_column(sort)
    descending = sort.startswith("-")
    stmt = _apply_filter(select(Consultation), flt)
    if cursor:
        value, last_id = decode_cursor(cursor)
        try:
            value = datetime.fromisoformat(value) if sort.endswith("received_at") else float(value)
        except (TypeError, ValueError):
            raise ValueError("invalid cursor for this sort order") from None
        if descending:
            stmt = stmt.where(or_(column < value, and_(column == value, Consultation.id < last_id)))
        else:
            stmt = stmt.where(or_(column > value, and_(column == value, Consultation.id > last_id)))
    order = (column.desc(), Consultation.id.desc()) if descending else (column, Consultation.id)
    rows = list((await session.execute(stmt.order_by(*order).limit(limit + 1))).scalars())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        key = (
            last.received_at
            if sort.endswith("received_at")
            else (last.intent_confidence if last.intent_confidence is not None else -1.0)
        )
        next_cursor = encode_cursor([key, last.id])
    return rows, next_cursor


async def iter_consultations(
    session: AsyncSession, *, flt: ConsultationFilter, batch: int = 500
) -> AsyncIterator[Consultation]:
    """Every matching row, oldest first, fetched in keyset batches (for the CSV export)."""
    cursor: str | None = None
    while True:
        rows, cursor = await list_consultations(
            session, flt=flt, sort="received_at", limit=batch, cursor=cursor
        )
        for row in rows:
            yield row
        if cursor is None:
            return


async def queue(
    session: AsyncSession, *, department: str | None, limit: int = 50
) -> list[Consultation]:
    """Consultations handed to humans and not resolved: urgent first, then oldest first."""
    c = Consultation
    stmt = select(c).where(
        c.route_type.in_(HUMAN_ROUTES), c.resolved_at.is_(None), c.status.in_(("done", "no_speech"))
    )
    if department:
        stmt = stmt.where(c.route_department == department)
    urgency = case((c.route_type == "urgent", 0), else_=1)
    stmt = stmt.order_by(urgency, c.received_at, c.id).limit(limit)
    return list((await session.execute(stmt)).scalars())


# --- agent and reviewer actions -----------------------------------------------------------


async def claim(session: AsyncSession, *, consultation_id: str, agent: str) -> Consultation:
    """Give the call to ``agent`` unless it is resolved or another agent holds it."""
    now = utcnow()
    return await _act_on_open(
        session,
        consultation_id=consultation_id,
        agent=agent,
        values={"claimed_by": agent, "claimed_at": func.coalesce(Consultation.claimed_at, now)},
        held="consultation is already claimed by {holder}",
        action=AgentAction(consultation_id=consultation_id, agent=agent, action="claim", at=now),
    )


async def resolve(
    session: AsyncSession,
    *,
    consultation_id: str,
    agent: str,
    outcome: str,
    used_faq_id: str | None,
    corrected_intent: str | None,
    notes: str | None,
) -> Consultation:
    """Close the call for ``agent`` (claiming it on the way when nobody had), once."""
    c = Consultation
    now = utcnow()
    return await _act_on_open(
        session,
        consultation_id=consultation_id,
        agent=agent,
        values={
            "claimed_by": func.coalesce(c.claimed_by, agent),
            "claimed_at": func.coalesce(c.claimed_at, now),
            "resolved_at": now,
            "outcome": outcome,
            "corrected_intent": corrected_intent,
        },
        held="consultation is claimed by {holder}",
        action=AgentAction(
            consultation_id=consultation_id,
            agent=agent,
            action="resolution",
            outcome=outcome,
            corrected_intent=corrected_intent,
            used_faq_id=used_faq_id,
            notes=notes,
            at=now,
        ),
    )


async def _act_on_open(
    session: AsyncSession,
    *,
    consultation_id: str,
    agent: str,
    values: dict[str, Any],
    held: str,
    action: AgentAction,
) -> Consultation:
    """Apply ``values`` to a consultation that is unresolved and unclaimed or held by
    ``agent``, and log ``action``, or say why not (NotFound, or which Conflict).

    One conditional UPDATE decides, so two agents who press 'claim' (or 'resolve') at once
    cannot both succeed: a read-then-write would let the second overwrite the first.
    """
    c = Consultation
    stmt = (
        update(c)
        .where(
            c.id == consultation_id,
            c.resolved_at.is_(None),
            or_(c.claimed_by.is_(None), c.claimed_by == agent),
        )
        .values(**values)
        .returning(c)
        .execution_options(populate_existing=True)
    )
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        await session.rollback()
        current = await get_consultation(session, consultation_id=consultation_id)
        if current.resolved_at is not None:
            raise Conflict("consultation is already resolved")
        raise Conflict(held.format(holder=current.claimed_by))
    session.add(action)
    await session.commit()
    return row


async def add_review(
    session: AsyncSession,
    *,
    consultation_id: str,
    reviewer: str,
    score: int,
    comment: str | None,
    rubric: dict[str, float] | None,
) -> QaReview:
    row = await get_consultation(session, consultation_id=consultation_id)
    review = QaReview(
        consultation_id=row.id, reviewer=reviewer, score=score, comment=comment, rubric=rubric
    )
    row.reviewed = True
    session.add(review)
    await session.commit()
    return review


async def list_reviews(session: AsyncSession, *, consultation_id: str) -> list[QaReview]:
    await get_consultation(session, consultation_id=consultation_id)
    stmt = select(QaReview).where(QaReview.consultation_id == consultation_id).order_by(QaReview.id)
    return list((await session.execute(stmt)).scalars())


async def list_actions(session: AsyncSession, *, consultation_id: str) -> list[AgentAction]:
    stmt = (
        select(AgentAction)
        .where(AgentAction.consultation_id == consultation_id)
        .order_by(AgentAction.id)
    )
    return list((await session.execute(stmt)).scalars())


async def record_audit(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    target_type: str | None = None,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor=actor, action=action, target_type=target_type, target_id=target_id, detail=detail
        )
    )
    await session.commit()


# --- statistics ---------------------------------------------------------------------------

GroupBy = Literal["intent", "department", "route", "day", "hour"]


def _percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile: the value a supervisor can point at in the log."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return round(ordered[rank - 1], 2)


def _group_key(row: Any, group_by: GroupBy | None) -> str:
    if group_by is None:
        return "all"
    if group_by == "intent":
        return row.intent_id or "(none)"
    if group_by == "department":
        return row.route_department or "(none)"
    if group_by == "route":
        return row.route_type or "(none)"
    local = row.received_at.astimezone(KST)
    return local.strftime("%Y-%m-%d") if group_by == "day" else local.strftime("%Y-%m-%d %H:00")


def _summarize(key: str, rows: list[Any]) -> dict[str, Any]:
    n = len(rows)
    routed = [r for r in rows if r.route_type]
    resolved = [r for r in rows if r.resolved_at is not None]
    corrected = [r for r in resolved if r.corrected_intent and r.corrected_intent != r.intent_id]
    times = [r.processing_ms for r in rows if r.processing_ms is not None]

    def rate(route: str) -> float:
        return round(sum(r.route_type == route for r in routed) / n, 4) if n else 0.0

    return {
        "key": key,
        "count": n,
        "automation_rate": rate("faq"),
        "handoff_rate": rate("agent"),
        "urgent_rate": rate("urgent"),
        "corrected_intent_rate": round(len(corrected) / len(resolved), 4) if resolved else None,
        "mean_processing_ms": round(sum(times) / len(times), 2) if times else None,
        "p95_processing_ms": _percentile(times, 0.95),
    }


async def stats(
    session: AsyncSession, *, flt: ConsultationFilter, group_by: GroupBy | None
) -> dict[str, Any]:
    """Counts and rates over the filtered log.

    Rows are bucketed in Python so that day/hour buckets follow Seoul time and the
    95th percentile is the same on SQLite and PostgreSQL.
    """
    c = Consultation
    stmt = _apply_filter(
        select(
            c.intent_id,
            c.route_department,
            c.route_type,
            c.received_at,
            c.processing_ms,
            c.resolved_at,
            c.corrected_intent,
        ),
        flt,
    )
    rows = list((await session.execute(stmt)).all())
    buckets: dict[str, list[Any]] = {}
    for row in rows:
        buckets.setdefault(_group_key(row, group_by), []).append(row)
    return {
        "group_by": group_by,
        "total": _summarize("total", rows),
        "groups": [_summarize(k, v) for k, v in sorted(buckets.items())] if group_by else [],
    }
