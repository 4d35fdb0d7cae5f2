"""The intent taxonomy, for agents' dropdowns and integrators."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from callcenter.api.dependencies import AnyRoleDep, StateDep

router = APIRouter(prefix="/v1", tags=["intents"])


class IntentInfo(BaseModel):
    id: str
    name: str
    department: str
    department_name: str
    route: str
    covers: str


@router.get("/intents", response_model=list[IntentInfo])
async def list_intents(principal: AnyRoleDep, state: StateDep) -> list[IntentInfo]:
    taxonomy = state.services.taxonomy
    return [
        IntentInfo(
            id=i.id,
            name=i.name,
            department=i.department,
            department_name=taxonomy.departments[i.department],
            route=i.route,
            covers=i.covers,
        )
        for i in taxonomy.intents.values()
    ]
