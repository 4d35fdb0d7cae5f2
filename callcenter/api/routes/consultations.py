"""Consultations: the chat channel, reading, search, export, agent actions and reviews."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import fields, replace
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from callcenter.api.dependencies import (
    AgentDep,
    ReaderDep,
    SessionDep,
    StateDep,
    SupervisorDep,
    TextSubmitterDep,
)
from callcenter.auth.keys import Role
from callcenter.consultations import service
from callcenter.consultations.present import consultation_out
from callcenter.consultations.schemas import (
    CONTROL,
    ActionOut,
    ConsultationOut,
    ConsultationPage,
    ResolutionIn,
    ReviewIn,
    ReviewOut,
    TextConsultationIn,
)
from callcenter.db.tables import Consultation
from callcenter.privacy.redaction import redact

router = APIRouter(prefix="/v1/consultations", tags=["consultations"])
CONSULTATION_ID = re.compile(r"[0-9a-f]{32}")


def _filter(
    date_from: datetime | None = Query(None, alias="from", description="received at or after"),
    date_to: datetime | None = Query(None, alias="to", description="received before"),
    intent: str | None = Query(None, max_length=64),
    department: str | None = Query(None, max_length=32),
    route: Literal["faq", "agent", "urgent"] | None = None,
    status: Literal["received", "processing", "done", "no_speech", "failed"] | None = None,
    min_confidence: float | None = Query(None, ge=0, le=1),
    max_confidence: float | None = Query(None, ge=0, le=1),
    agent: str | None = Query(None, max_length=64),
    reviewed: bool | None = None,
    q: str | None = Query(None, max_length=200, description="substring of the transcript"),
) -> service.ConsultationFilter:
    for value in (intent, department, agent, q):
        if value is not None and CONTROL.search(value):
            raise HTTPException(422, detail="filters must not contain control characters")
    return service.ConsultationFilter(
        date_from=date_from,
        date_to=date_to,
        intent=intent,
        department=department,
        route=route,
        status=status,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        agent=agent,
        reviewed=reviewed,
        q=q,
    )


FilterDep = Annotated[service.ConsultationFilter, Depends(_filter)]


def _scope(
    flt: service.ConsultationFilter, principal_role: Role, name: str
) -> service.ConsultationFilter:
    """Agents see only what they handled; supervisors see everything."""
    return replace(flt, agent=name) if principal_role == Role.agent else flt


@router.post("/text", status_code=201, response_model=ConsultationOut)
async def create_text_consultation(
    body: TextConsultationIn,
    response: Response,
    principal: TextSubmitterDep,
    state: StateDep,
    session: SessionDep,
) -> ConsultationOut:
    settings = state.settings
    text = body.text.strip()
    if not text:
        raise HTTPException(422, detail="text is empty")
    if len(text) > settings.max_text_chars:
        raise HTTPException(422, detail=f"text is longer than {settings.max_text_chars} characters")
    call = service.NewCall(
        source=principal.name, call_id=body.call_id or uuid.uuid4().hex, channel="text"
    )
    row, created = await service.create_consultation(
        session, call=call, caller_salt=settings.caller_hash_salt.get_secret_value()
    )
    if created:
        await state.services.runner.process(row.id, text=text)
        await session.refresh(row)
    else:
        response.status_code = 200
    return consultation_out(row, taxonomy=state.services.taxonomy)


@router.get("", response_model=ConsultationPage)
async def list_consultations(
    principal: ReaderDep,
    state: StateDep,
    session: SessionDep,
    flt: FilterDep,
    sort: Literal["received_at", "-received_at", "confidence", "-confidence"] = "-received_at",
    limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None, max_length=500),
) -> ConsultationPage:
    flt = _scope(flt, principal.role, principal.name)
    try:
        rows, next_cursor = await service.list_consultations(
            session, flt=flt, sort=sort, limit=limit, cursor=cursor
        )
    except ValueError as exc:
        raise HTTPException(422, detail=str(exc)) from None
    await service.record_audit(
        session,
        actor=principal.name,
        action="consultations.search",
        detail={"count": len(rows), "filter": _filter_detail(flt)},
    )
    taxonomy = state.services.taxonomy
    return ConsultationPage(
        items=[consultation_out(r, taxonomy=taxonomy) for r in rows], next_cursor=next_cursor
    )


def _filter_detail(flt: service.ConsultationFilter) -> dict[str, str]:
    # Search words can be personal data: the audit keeps that a search ran, not its words.
    return {
        f.name: "<redacted>" if f.name == "q" else str(getattr(flt, f.name))
        for f in fields(flt)
        if getattr(flt, f.name) is not None
    }


CSV_COLUMNS = [
    "id",
    "call_id",
    "channel",
    "status",
    "received_at",
    "finished_at",
    "language",
    "intent_id",
    "intent_confidence",
    "route_type",
    "route_department",
    "route_reason",
    "answered_faq_id",
    "claimed_by",
    "outcome",
    "corrected_intent",
    "reviewed",
    "processing_ms",
    "transcript",
]


@router.get("/export.csv")
async def export_csv(
    principal: SupervisorDep, state: StateDep, session: SessionDep, flt: FilterDep
) -> StreamingResponse:
    await service.record_audit(
        session, actor=principal.name, action="consultations.export", detail=_filter_detail(flt)
    )

    async def rows() -> AsyncIterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        async with state.sessionmaker() as stream_session:
            async for row in service.iter_consultations(stream_session, flt=flt):
                writer.writerow(
                    [
                        v.isoformat() if isinstance(v, datetime) else ("" if v is None else v)
                        for v in (getattr(row, c) for c in CSV_COLUMNS)
                    ]
                )
                if buffer.tell() > 64_000:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="consultations.csv"'},
    )


@router.get("/{consultation_id}", response_model=ConsultationOut)
async def get_consultation(
    consultation_id: str, principal: ReaderDep, state: StateDep, session: SessionDep
) -> ConsultationOut:
    row = await _get(session, consultation_id, with_segments=True)
    await service.record_audit(
        session,
        actor=principal.name,
        action="consultation.read",
        target_type="consultation",
        target_id=row.id,
    )
    return consultation_out(row, taxonomy=state.services.taxonomy, with_segments=True)


def _not_found() -> HTTPException:
    return HTTPException(404, detail="consultation not found")


def _check_id(consultation_id: str) -> None:
    """Reject what cannot be an id before any query."""
    if not CONSULTATION_ID.fullmatch(consultation_id):
        raise _not_found()


async def _get(
    session: AsyncSession, consultation_id: str, *, with_segments: bool = False
) -> Consultation:
    _check_id(consultation_id)
    try:
        return await service.get_consultation(
            session, consultation_id=consultation_id, with_segments=with_segments
        )
    except service.NotFound:
        raise _not_found() from None


@router.post("/{consultation_id}/claim", response_model=ConsultationOut)
async def claim(
    consultation_id: str, principal: AgentDep, state: StateDep, session: SessionDep
) -> ConsultationOut:
    _check_id(consultation_id)
    try:
        row = await service.claim(session, consultation_id=consultation_id, agent=principal.name)
    except service.NotFound:
        raise _not_found() from None
    except service.Conflict as exc:
        raise HTTPException(409, detail=str(exc)) from None
    return consultation_out(row, taxonomy=state.services.taxonomy)


@router.post("/{consultation_id}/resolution", response_model=ConsultationOut)
async def resolve(
    consultation_id: str,
    body: ResolutionIn,
    principal: AgentDep,
    state: StateDep,
    session: SessionDep,
) -> ConsultationOut:
    _check_id(consultation_id)
    taxonomy = state.services.taxonomy
    if body.corrected_intent is not None and body.corrected_intent not in taxonomy.intents:
        raise HTTPException(422, detail=f"unknown intent id: {body.corrected_intent!r}")
    if body.used_faq_id is not None and not await state.services.faq.exists(
        session, faq_id=body.used_faq_id
    ):
        raise HTTPException(422, detail=f"unknown FAQ id: {body.used_faq_id!r}")
    notes = redact(body.notes).text if body.notes else None
    try:
        row = await service.resolve(
            session,
            consultation_id=consultation_id,
            agent=principal.name,
            outcome=body.outcome,
            used_faq_id=body.used_faq_id,
            corrected_intent=body.corrected_intent,
            notes=notes,
        )
    except service.NotFound:
        raise _not_found() from None
    except service.Conflict as exc:
        raise HTTPException(409, detail=str(exc)) from None
    return consultation_out(row, taxonomy=taxonomy)


@router.get("/{consultation_id}/actions", response_model=list[ActionOut])
async def actions(
    consultation_id: str, principal: SupervisorDep, session: SessionDep
) -> list[ActionOut]:
    await _get(session, consultation_id)
    rows = await service.list_actions(session, consultation_id=consultation_id)
    return [ActionOut.model_validate(r, from_attributes=True) for r in rows]


@router.post("/{consultation_id}/reviews", status_code=201, response_model=ReviewOut)
async def add_review(
    consultation_id: str, body: ReviewIn, principal: SupervisorDep, session: SessionDep
) -> ReviewOut:
    await _get(session, consultation_id)
    comment = redact(body.comment).text if body.comment else None
    review = await service.add_review(
        session,
        consultation_id=consultation_id,
        reviewer=principal.name,
        score=body.score,
        comment=comment,
        rubric=body.rubric,
    )
    return ReviewOut.model_validate(review, from_attributes=True)


@router.get("/{consultation_id}/reviews", response_model=list[ReviewOut])
async def list_reviews(
    consultation_id: str, principal: SupervisorDep, session: SessionDep
) -> list[ReviewOut]:
    await _get(session, consultation_id)
    rows = await service.list_reviews(session, consultation_id=consultation_id)
    return [ReviewOut.model_validate(r, from_attributes=True) for r in rows]
