"""The outbox: services record meeting events in their own transaction; they are published
only after that transaction commits (see app.db.UnitOfWork), so a rolled-back change emits
nothing. Each meeting numbers its events 1, 2, 3 … without gaps: the counter is a column of the
meeting row, incremented in the same transaction (which also serialises concurrent writers)."""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.time import utcnow
from app.models import Meeting, MeetingEvent
from app.models.vocabulary import Audience

PENDING_KEY = "kyhop_pending_events"


async def emit(
    session: AsyncSession,
    *,
    meeting_id: int,
    type: str,
    data: dict[str, Any],
    audience: Audience = "all",
) -> MeetingEvent:
    seq = await session.scalar(
        update(Meeting)
        .where(Meeting.id == meeting_id)
        .values(last_seq=Meeting.last_seq + 1)
        .returning(Meeting.last_seq)
        .execution_options(synchronize_session=False)
    )
    if seq is None:
        raise LookupError(f"meeting {meeting_id} does not exist")
    event = MeetingEvent(meeting_id=meeting_id, seq=seq, type=type, audience=audience,
                         data=to_json(data).decode(), at=utcnow())
    session.add(event)
    await session.flush()
    session.info.setdefault(PENDING_KEY, []).append(event)
    return event


def take_pending(session: AsyncSession) -> list[MeetingEvent]:
    pending: list[MeetingEvent] = session.info.pop(PENDING_KEY, [])
    return pending
