"""Casting a ballot. One transaction: the poll row is locked, the voter row inserted (its primary
key allows one ballot per deputy and poll, whatever the code does) and the option counters
incremented. A secret ballot writes nothing else — no row with the choice, no audit entry, no
event — so nothing links the deputy to the choice. An open ballot also writes the named choice
and an audit entry."""

from __future__ import annotations

from sqlalchemy import case, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.errors import Conflict, Forbidden
from app.kit.time import utcnow
from app.meetings.access import MeetingAccess
from app.models import Attendance, Membership, Poll, PollChoice, PollOption, PollVoter
from app.voting import presets


async def check_eligible(session: AsyncSession, poll: Poll, access: MeetingAccess,
                         user_id: int) -> None:
    voting_right = await session.scalar(select(Membership.voting_right).where(
        Membership.council_id == access.meeting.council_id, Membership.user_id == user_id))
    if not voting_right:
        raise Forbidden("no_voting_right")
    if poll.require_presence and not await session.scalar(select(exists().where(
            Attendance.meeting_id == poll.meeting_id, Attendance.user_id == user_id,
            Attendance.status == "present"))):
        raise Forbidden("not_checked_in")


def check_open(poll: Poll) -> None:
    if poll.state == "draft":
        raise Conflict("poll_not_open")
    if poll.state == "closed" or (poll.closes_at is not None and poll.closes_at <= utcnow()):
        raise Conflict("poll_closed")


async def _count(session: AsyncSession, poll_id: int, *, add: list[int],
                 remove: list[int]) -> None:
    """Update EVERY counter of the poll, not only the chosen ones: on PostgreSQL an updated row
    gets a new version (and place, and transaction id), so touching only the chosen counter
    would leave a trace of which option the last ballot chose."""
    delta = case((PollOption.id.in_(add), 1), else_=0) - case((PollOption.id.in_(remove), 1), else_=0)
    await session.execute(update(PollOption).where(PollOption.poll_id == poll_id)
                          .values(votes=PollOption.votes + delta)
                          .execution_options(synchronize_session=False))


async def cast(session: AsyncSession, *, principal: Principal, poll: Poll, access: MeetingAccess,
               option_ids: list[int]) -> None:
    """`poll` must have been read with its row locked (voting.access.poll_access(lock=True))."""
    user_id = principal.user.id
    await check_eligible(session, poll, access, user_id)
    check_open(poll)
    allowed = set(await session.scalars(select(PollOption.id).where(PollOption.poll_id == poll.id)))
    chosen = presets.check_choice(option_ids, allowed=allowed, max_choices=poll.max_choices)
    already = await session.scalar(select(PollVoter.user_id).where(
        PollVoter.poll_id == poll.id, PollVoter.user_id == user_id)) is not None
    if already and not poll.allow_change:
        raise Conflict("already_voted")
    now, previous = utcnow(), []
    if already:
        previous = list(await session.scalars(select(PollChoice.option_id).where(
            PollChoice.poll_id == poll.id, PollChoice.user_id == user_id)))
        await session.execute(delete(PollChoice).where(PollChoice.poll_id == poll.id,
                                                       PollChoice.user_id == user_id))
    else:
        session.add(PollVoter(poll_id=poll.id, user_id=user_id))
        await session.flush()
        await session.execute(update(Poll).where(Poll.id == poll.id).values(voted=Poll.voted + 1)
                              .execution_options(synchronize_session=False))
    await _count(session, poll.id, add=chosen, remove=previous)
    if not poll.secret:
        session.add_all(PollChoice(poll_id=poll.id, user_id=user_id, option_id=option_id, at=now)
                        for option_id in chosen)
        await session.flush()
        await record(session, actor=principal.actor,
                     action="ballot.change" if already else "ballot.cast", target_type="poll",
                     target_id=poll.id, council_id=access.meeting.council_id,
                     details={"option_ids": chosen})
