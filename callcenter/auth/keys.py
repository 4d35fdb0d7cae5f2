"""API keys: generation, hashing, lookup and revocation.

A key is ``cc_<prefix>_<secret>``. Only the SHA-256 of the whole key is stored; the
prefix finds the row, and the hash is compared in constant time. Keys carry 192
bits of randomness, so a fast hash is enough (there is nothing to brute-force that
a slow password hash would protect).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from callcenter.db.tables import ApiKey, utcnow


class Role(StrEnum):
    telephony = "telephony"
    agent = "agent"
    supervisor = "supervisor"
    admin = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's name is the actor recorded in the audit log."""

    key_id: int
    name: str
    role: Role


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _split(key: str) -> str | None:
    parts = key.split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != "cc" or len(parts[1]) != 12:
        return None
    return parts[1]


async def create_key(session: AsyncSession, *, name: str, role: Role) -> tuple[ApiKey, str]:
    """Store a new key and return it in clear, which is the only time it is seen."""
    prefix = secrets.token_hex(6)
    key = f"cc_{prefix}_{secrets.token_urlsafe(24)}"
    row = ApiKey(name=name, role=role.value, prefix=prefix, key_hash=_hash(key))
    session.add(row)
    await session.flush()
    return row, key


async def authenticate(session: AsyncSession, *, key: str) -> Principal | None:
    prefix = _split(key)
    if prefix is None:
        # Hash anyway so a malformed key costs the same time as a wrong one.
        hmac.compare_digest(_hash(key), _hash("cc_000000000000_x"))
        return None
    row = (
        await session.execute(select(ApiKey).where(ApiKey.prefix == prefix))
    ).scalar_one_or_none()
    expected = row.key_hash if row is not None else _hash("cc_000000000000_x")
    if not hmac.compare_digest(_hash(key), expected) or row is None or row.revoked_at:
        return None
    return Principal(key_id=row.id, name=row.name, role=Role(row.role))


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    return list((await session.execute(select(ApiKey).order_by(ApiKey.id))).scalars())


async def revoke_key(session: AsyncSession, *, key_id: int) -> ApiKey | None:
    row = await session.get(ApiKey, key_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    return row
