"""FastAPI dependencies and their ``Annotated`` aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from callcenter.api.state import AppState
from callcenter.auth.keys import Principal, Role, authenticate
from callcenter.config import Settings


def get_state(request: Request) -> AppState:
    return request.app.state.callcenter


StateDep = Annotated[AppState, Depends(get_state)]


def get_settings_dep(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


async def get_session(state: StateDep) -> AsyncIterator[AsyncSession]:
    async with state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_principal(request: Request, state: StateDep, session: SessionDep) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise HTTPException(
            status_code=401,
            detail="missing API key: send 'Authorization: Bearer <key>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = await authenticate(session, key=key.strip())
    if principal is None:
        raise HTTPException(
            status_code=401,
            detail="invalid or revoked API key",
            headers={"WWW-Authenticate": "Bearer"},
        )
    allowed, retry_after = await state.rate_limiter.allow(principal.key_id)
    if not allowed:
        raise HTTPException(
            status_code=429,
            detail="rate limit exceeded for this API key",
            headers={"Retry-After": str(max(1, round(retry_after)))},
        )
    return principal


def require(*roles: Role) -> Callable[..., Principal]:
    """A dependency that lets only the given roles through (401 before 403)."""
    allowed = frozenset(roles)

    async def dependency(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise HTTPException(
                status_code=403,
                detail=f"role '{principal.role.value}' may not do this; allowed: {names}",
            )
        return principal

    return dependency


# Roles are separate duties, not a ladder: an admin manages keys and retention but
# does not read citizens' transcripts, and a telephony key can only submit calls.
TelephonyDep = Annotated[Principal, Depends(require(Role.telephony))]
TextSubmitterDep = Annotated[Principal, Depends(require(Role.telephony, Role.agent))]
ReaderDep = Annotated[Principal, Depends(require(Role.agent, Role.supervisor))]
AgentDep = Annotated[Principal, Depends(require(Role.agent))]
SupervisorDep = Annotated[Principal, Depends(require(Role.supervisor))]
AdminDep = Annotated[Principal, Depends(require(Role.admin))]
SpeechClientDep = Annotated[Principal, Depends(require(Role.telephony, Role.agent))]
AnyRoleDep = Annotated[Principal, Depends(get_principal)]
