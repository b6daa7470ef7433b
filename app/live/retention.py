"""Events are kept long enough for a tablet to resume (KYHOP_EVENT_RETENTION_HOURS), then
deleted; a tablet that was away longer gets a fresh snapshot instead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete

from app.db import Database
from app.kit.time import utcnow
from app.models import MeetingEvent


async def prune_events(db: Database, *, keep: timedelta) -> int:
    async with db.unit_of_work() as uow:
        result = await uow.session.execute(delete(MeetingEvent).where(MeetingEvent.at < utcnow() - keep))
        return cast(CursorResult[Any], result).rowcount or 0  # a DELETE's result is a cursor's
