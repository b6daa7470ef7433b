"""Appending to and verifying the audit log. Rows are written in the caller's transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.chain import GENESIS, ChainBreak, find_break, row_hash
from app.kit.time import utcnow
from app.models import AuditEntry

# Any constant; serialises appends on PostgreSQL so the chain never forks.
_PG_LOCK_KEY = 0x6B79686F70


@dataclass(frozen=True)
class Actor:
    """Who does something, and from where. `user_id` None is the system (CLI, demo loader)."""

    user_id: int | None
    name: str
    address: str = ""

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(user_id=None, name=name, address="cli")


@dataclass(frozen=True)
class AuditEvent:
    actor: Actor
    action: str
    target_type: str
    target_id: object
    council_id: int | None = None
    details: dict[str, Any] | None = None


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: object,
    council_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    [entry] = await record_many(session, [AuditEvent(actor, action, target_type, target_id,
                                                     council_id, details)])
    return entry


async def record_many(session: AsyncSession, events: list[AuditEvent]) -> list[AuditEntry]:
    """Append entries in this order, each chained to the one before."""
    if not events:
        return []
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    prev_hash = await session.scalar(
        select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ) or GENESIS
    entries = []
    for event in events:
        fields: dict[str, Any] = {
            "prev_hash": prev_hash,
            "at": utcnow(),
            "actor_id": event.actor.user_id,
            "actor_name": event.actor.name,
            "action": event.action,
            "target_type": event.target_type,
            "target_id": str(event.target_id),
            "council_id": event.council_id,
            "address": event.actor.address,
            "details": json.dumps(event.details or {}, ensure_ascii=False, sort_keys=True,
                                  default=str),
        }
        entry = AuditEntry(**fields, hash=row_hash(**fields))
        entries.append(entry)
        prev_hash = entry.hash
    session.add_all(entries)
    await session.flush()
    return entries


async def verify(session: AsyncSession, *, batch: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain in id order; returns (rows checked, first break or None)."""
    checked = 0
    last_id = 0
    expected_prev = GENESIS
    while True:
        rows = list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
            )
        )
        if not rows:
            return checked, None
        broken = find_break(rows, expected_prev=expected_prev)
        if broken is not None:
            return checked, broken
        checked += len(rows)
        last_id = rows[-1].id
        expected_prev = rows[-1].hash
