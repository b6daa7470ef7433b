"""Who sees a poll: whoever sees its agenda item; drafts only the chair and the secretariat.
Anything else answers 404, as for every resource of the meeting."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.documents.access import items_hidden_from_guests
from app.errors import NotFound
from app.meetings.access import MeetingAccess, meeting_access
from app.models import Poll


def sees_poll(poll: Poll, access: MeetingAccess, hidden_items: set[int]) -> bool:
    if poll.state == "draft" and not access.can_chair:
        return False
    return not (access.is_guest and poll.agenda_item_id in hidden_items)


async def poll_access(
    session: AsyncSession, principal: Principal, poll_id: int, *, lock: bool = False
) -> tuple[Poll, MeetingAccess]:
    """The poll and the caller's rights in its meeting. With `lock`, the poll row is locked for
    the rest of the transaction (PostgreSQL; SQLite's write transactions are exclusive anyway),
    so ballots, opening and closing of one poll take turns."""
    query = select(Poll).where(Poll.id == poll_id)
    if lock:
        query = query.with_for_update()
    poll = await session.scalar(query.execution_options(populate_existing=True))
    if poll is None:
        raise NotFound()
    access = await meeting_access(session, principal, poll.meeting_id)
    hidden = await items_hidden_from_guests(session, [poll.meeting_id]) if access.is_guest else set()
    if not sees_poll(poll, access, hidden):
        raise NotFound()
    return poll, access
