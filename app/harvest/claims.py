"""Exactly one process runs a source at a time, whatever the number of workers and hosts.

A process claims a source with one UPDATE whose WHERE holds both conditions — the source is
due and nobody's claim is current — so of several processes that try at once, on SQLite or
PostgreSQL, exactly one sees its row updated. The claim lasts CLAIM_FOR and is extended as the
run goes on; a process that crashed leaves a claim that simply expires, and the source is due
again. A process whose claim was taken over (it stalled past the expiry) notices at its next
write and stops (ClaimLost) without writing anything more.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.harvest.errors import ClaimLost
from app.kit.types import UTCDateTime
from app.models import Council, HarvestSource

CLAIM_FOR = timedelta(minutes=5)


def due(now: datetime, every: timedelta | None) -> ColumnElement[bool]:
    """A run was asked for; or, when sources are refreshed every `every`, the last run is as old."""
    requested = HarvestSource.requested_at.is_not(None)
    if every is None:
        return requested
    return or_(requested, HarvestSource.last_run_at.is_(None),
               HarvestSource.last_run_at <= now - every)


def free(now: datetime) -> ColumnElement[bool]:
    return or_(HarvestSource.claimed_until.is_(None), HarvestSource.claimed_until < now)


async def due_sources(session: AsyncSession, *, now: datetime, every: timedelta | None,
                      limit: int = 20) -> list[int]:
    """Sources to run now, oldest first; a dissolved council's sources are left as they are."""
    query = (select(HarvestSource.id)
             .outerjoin(Council, Council.id == HarvestSource.council_id)
             .where(free(now), due(now, every), Council.dissolved_on.is_(None))
             .order_by(HarvestSource.last_run_at.is_not(None), HarvestSource.last_run_at,
                       HarvestSource.id)
             .limit(limit))
    return list(await session.scalars(query))


async def claim(session: AsyncSession, *, source_id: int, owner: str, now: datetime,
                every: timedelta | None, force: bool = False) -> bool:
    """Whether this process now holds the source (`force`: due or not, as `kyhop harvest`)."""
    condition = free(now) if force else free(now) & due(now, every)
    result = await session.execute(
        update(HarvestSource).where(HarvestSource.id == source_id, condition)
        .values(claimed_until=now + CLAIM_FOR, claimed_by=owner, state="running",
                runs=HarvestSource.runs + 1)
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def extend(session: AsyncSession, *, source_id: int, owner: str, now: datetime) -> None:
    result = await session.execute(
        update(HarvestSource).where(HarvestSource.id == source_id,
                                    HarvestSource.claimed_by == owner)
        .values(claimed_until=now + CLAIM_FOR).execution_options(synchronize_session=False))
    if int(result.rowcount or 0) != 1:  # type: ignore[attr-defined]
        raise ClaimLost()


async def held(session: AsyncSession, *, source_id: int, owner: str) -> HarvestSource:
    source = await session.scalar(select(HarvestSource).where(
        HarvestSource.id == source_id, HarvestSource.claimed_by == owner))
    if source is None:
        raise ClaimLost()
    return source


async def release(session: AsyncSession, *, source_id: int, owner: str, now: datetime) -> None:
    """Let go of a run that was stopped (the server shutting down): due again at once."""
    await session.execute(
        update(HarvestSource).where(HarvestSource.id == source_id,
                                    HarvestSource.claimed_by == owner)
        .values(claimed_until=None, claimed_by="",
                requested_at=func.coalesce(HarvestSource.requested_at,
                                           literal(now, UTCDateTime())))
        .execution_options(synchronize_session=False))
