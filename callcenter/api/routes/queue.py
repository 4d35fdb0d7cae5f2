"""The agents' queue: consultations handed to humans, urgent first, then oldest."""

from __future__ import annotations

from fastapi import APIRouter, Query

from callcenter.api.dependencies import ReaderDep, SessionDep, StateDep
from callcenter.consultations import service
from callcenter.consultations.present import consultation_out
from callcenter.consultations.schemas import ConsultationOut

router = APIRouter(prefix="/v1", tags=["queue"])


@router.get("/queue", response_model=list[ConsultationOut])
async def get_queue(
    principal: ReaderDep,
    state: StateDep,
    session: SessionDep,
    department: str | None = Query(None, max_length=32),
    limit: int = Query(50, ge=1, le=200),
) -> list[ConsultationOut]:
    rows = await service.queue(session, department=department, limit=limit)
    await service.record_audit(
        session,
        actor=principal.name,
        action="queue.read",
        detail={"department": department, "count": len(rows)},
    )
    return [consultation_out(r, taxonomy=state.services.taxonomy) for r in rows]
