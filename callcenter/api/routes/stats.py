"""Aggregates for supervisors."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query

from callcenter.api.dependencies import SessionDep, SupervisorDep
from callcenter.consultations import service
from callcenter.consultations.schemas import StatsOut

router = APIRouter(prefix="/v1", tags=["stats"])


@router.get("/stats", response_model=StatsOut)
async def get_stats(
    principal: SupervisorDep,
    session: SessionDep,
    date_from: datetime | None = Query(None, alias="from"),
    date_to: datetime | None = Query(None, alias="to"),
    group_by: Literal["intent", "department", "route", "day", "hour"] | None = None,
) -> StatsOut:
    flt = service.ConsultationFilter(date_from=date_from, date_to=date_to)
    return StatsOut.model_validate(await service.stats(session, flt=flt, group_by=group_by))
