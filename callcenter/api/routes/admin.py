"""Administration: API keys, the audit log and retention purges."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from callcenter.api.dependencies import AdminDep, SessionDep, StateDep
from callcenter.auth.keys import Role, create_key, list_keys, revoke_key
from callcenter.consultations.service import record_audit
from callcenter.db.tables import AuditEvent
from callcenter.retention import purge_expired

router = APIRouter(prefix="/v1", tags=["admin"])


class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64, pattern=r"^[\w.@-]+$")
    role: Role


class KeyOut(BaseModel):
    id: int
    name: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class NewKeyOut(KeyOut):
    key: str = Field(description="shown once; only its hash is stored")


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    target_type: str | None
    target_id: str | None
    detail: dict | None


@router.post("/keys", status_code=201, response_model=NewKeyOut)
async def post_key(body: KeyIn, principal: AdminDep, session: SessionDep) -> NewKeyOut:
    row, key = await create_key(session, name=body.name, role=body.role)
    await session.commit()
    await record_audit(
        session,
        actor=principal.name,
        action="key.create",
        target_type="api_key",
        target_id=str(row.id),
        detail={"name": row.name, "role": row.role},
    )
    return NewKeyOut(**KeyOut.model_validate(row, from_attributes=True).model_dump(), key=key)


@router.get("/keys", response_model=list[KeyOut])
async def get_keys(principal: AdminDep, session: SessionDep) -> list[KeyOut]:
    return [KeyOut.model_validate(r, from_attributes=True) for r in await list_keys(session)]


@router.delete("/keys/{key_id}", response_model=KeyOut)
async def delete_key(key_id: int, principal: AdminDep, session: SessionDep) -> KeyOut:
    row = await revoke_key(session, key_id=key_id)
    if row is None:
        raise HTTPException(404, detail="API key not found")
    await session.commit()
    await record_audit(
        session,
        actor=principal.name,
        action="key.revoke",
        target_type="api_key",
        target_id=str(row.id),
    )
    return KeyOut.model_validate(row, from_attributes=True)


@router.get("/audit", response_model=list[AuditOut])
async def get_audit(
    principal: AdminDep,
    session: SessionDep,
    actor: str | None = Query(None, max_length=64),
    action: str | None = Query(None, max_length=64),
    target_id: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=1000),
) -> list[AuditOut]:
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if actor:
        stmt = stmt.where(AuditEvent.actor == actor)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if target_id:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    rows = (await session.execute(stmt)).scalars()
    return [AuditOut.model_validate(r, from_attributes=True) for r in rows]


@router.post("/purge")
async def post_purge(principal: AdminDep, state: StateDep, session: SessionDep) -> dict:
    report = await purge_expired(session, settings=state.settings, actor=principal.name)
    return report
