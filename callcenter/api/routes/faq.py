"""The FAQ knowledge base: read by staff, edited by supervisors."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from callcenter.api.dependencies import ReaderDep, SessionDep, StateDep, SupervisorDep
from callcenter.consultations.schemas import SafeStr
from callcenter.consultations.service import record_audit
from routing.faq import FaqEntry, FaqValidationError, validate_records

router = APIRouter(prefix="/v1/faq", tags=["faq"])
FAQ_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class FaqIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: SafeStr = Field(min_length=1, max_length=64)
    question: SafeStr = Field(min_length=1, max_length=1000)
    answer: SafeStr = Field(min_length=1, max_length=5000)
    source: SafeStr = Field(default="120 상담 지식베이스", min_length=1, max_length=255)
    updated: SafeStr = Field(description="ISO date of the content, e.g. 2026-11-30", max_length=10)
    department: SafeStr | None = Field(default=None, max_length=32)


class FaqCreate(FaqIn):
    id: SafeStr = Field(min_length=1, max_length=64)


class FaqOut(BaseModel):
    id: str
    intent: str
    question: str
    answer: str
    department: str
    source: str
    updated: str


def _validate(state: StateDep, faq_id: str, body: FaqIn) -> FaqEntry:
    raw = {"id": faq_id, **body.model_dump(exclude_none=True, exclude={"id"})}
    try:
        return validate_records(
            [("request body", raw)], taxonomy=state.services.taxonomy, source_name="FAQ"
        )[0]
    except FaqValidationError as exc:
        raise HTTPException(422, detail=str(exc)) from None


def _out(entry: FaqEntry) -> FaqOut:
    return FaqOut.model_validate(entry, from_attributes=True)


def _known_id(faq_id: str) -> str:
    """An id that cannot be an FAQ slug is simply not found (and never reaches SQL)."""
    if not FAQ_ID.fullmatch(faq_id):
        raise HTTPException(404, detail="FAQ entry not found")
    return faq_id


@router.get("", response_model=list[FaqOut])
async def list_faq(
    principal: ReaderDep,
    state: StateDep,
    session: SessionDep,
    intent: str | None = Query(None, max_length=64),
) -> list[FaqOut]:
    return [_out(e) for e in await state.services.faq.list(session, intent=intent)]


@router.get("/{faq_id}", response_model=FaqOut)
async def get_faq(
    faq_id: str, principal: ReaderDep, state: StateDep, session: SessionDep
) -> FaqOut:
    entry = await state.services.faq.get(session, faq_id=_known_id(faq_id))
    if entry is None:
        raise HTTPException(404, detail="FAQ entry not found")
    return _out(entry)


@router.post("", status_code=201, response_model=FaqOut)
async def create_faq(
    body: FaqCreate, principal: SupervisorDep, state: StateDep, session: SessionDep
) -> FaqOut:
    entry = _validate(state, body.id, body)
    if await state.services.faq.exists(session, faq_id=entry.id):
        raise HTTPException(409, detail=f"FAQ entry {entry.id!r} already exists; use PUT")
    await state.services.faq.upsert(session, [entry])
    await record_audit(
        session, actor=principal.name, action="faq.create", target_type="faq", target_id=entry.id
    )
    return _out(entry)


@router.put("/{faq_id}", response_model=FaqOut)
async def update_faq(
    faq_id: str, body: FaqIn, principal: SupervisorDep, state: StateDep, session: SessionDep
) -> FaqOut:
    if not await state.services.faq.exists(session, faq_id=_known_id(faq_id)):
        raise HTTPException(404, detail="FAQ entry not found")
    entry = _validate(state, faq_id, body)
    await state.services.faq.upsert(session, [entry])
    await record_audit(
        session, actor=principal.name, action="faq.update", target_type="faq", target_id=faq_id
    )
    return _out(entry)


@router.delete("/{faq_id}", status_code=204)
async def delete_faq(
    faq_id: str, principal: SupervisorDep, state: StateDep, session: SessionDep
) -> None:
    if not await state.services.faq.delete(session, faq_id=_known_id(faq_id)):
        raise HTTPException(404, detail="FAQ entry not found")
    await record_audit(
        session, actor=principal.name, action="faq.delete", target_type="faq", target_id=faq_id
    )
