"""Who may vote in a poll, how many have, and telling the tablets (counts only, never choices).

Ballots do not write a live event each: 500 ballots in a second would be 500 events to every
tablet. The voting runtime announces progress a moment after ballots arrive instead (see
runtime.py), and attendance changes announce it at once because they change who may vote.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.documents.access import items_hidden_from_guests
from app.live.outbox import emit
from app.models import Attendance, Meeting, Membership, Poll, PollVoter
from app.models.vocabulary import PRESENT_STATUSES, Audience


def may_vote(poll: Poll, council_id: int) -> ColumnElement[bool]:
    """SQL condition on Membership: holds a voting right here (and is present, if required)."""
    condition = and_(Membership.council_id == council_id, Membership.voting_right.is_(True))
    if poll.require_presence:
        condition = and_(condition, exists().where(
            Attendance.meeting_id == poll.meeting_id, Attendance.user_id == Membership.user_id,
            Attendance.status.in_(PRESENT_STATUSES)))
    return condition


async def eligible_count(session: AsyncSession, poll: Poll, council_id: int) -> int:
    """Those who may vote now, plus anyone who already voted and may no longer (their ballot
    stays counted: a deputy marked absent after voting does not take the ballot back)."""
    voted = exists().where(PollVoter.poll_id == poll.id, PollVoter.user_id == Membership.user_id)
    return await session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.council_id == council_id, or_(may_vote(poll, council_id), voted))) or 0


async def audience(session: AsyncSession, poll: Poll) -> Audience:
    """Polls of an agenda item guests do not see are announced only to the council."""
    hidden = await items_hidden_from_guests(session, [poll.meeting_id])
    return "confidential" if poll.agenda_item_id in hidden else "all"


async def announce(session: AsyncSession, poll: Poll) -> None:
    poll.announced_voted = poll.voted
    await emit(session, meeting_id=poll.meeting_id, type="poll.progress",
               data={"poll_id": poll.id, "eligible": poll.eligible, "voted": poll.voted},
               audience=await audience(session, poll))


async def refresh_open_poll(session: AsyncSession, meeting: Meeting) -> None:
    """After attendance changes: the open poll's eligible number, announced if it changed."""
    poll = await session.scalar(select(Poll).where(Poll.meeting_id == meeting.id,
                                                   Poll.state == "open"))
    if poll is None:
        return
    eligible = await eligible_count(session, poll, meeting.council_id)
    if eligible != poll.eligible:
        poll.eligible = eligible
        await announce(session, poll)
