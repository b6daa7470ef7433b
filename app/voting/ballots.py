"""Casting a ballot. One transaction: the poll row is locked, the voter row inserted (its primary
key allows one ballot per deputy and poll, whatever the code does) and the option counters
incremented. A secret ballot writes nothing else — no row with the choice, no audit entry, no
event — so nothing links the deputy to the choice. An open ballot also writes the named choice
and an audit entry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.errors import Conflict, Forbidden, NotFound
from app.kit.time import utcnow
from app.meetings.access import MeetingAccess
from app.models import Attendance, Meeting, Membership, Poll, PollChoice, PollOption, PollVoter
from app.models.vocabulary import PRESENT_STATUSES
from app.voting import presets
from app.voting.access import poll_access


@dataclass(frozen=True)
class BallotContext:
    poll: Poll
    access: MeetingAccess
    voting_right: bool
    present: bool
    voted: bool


async def ballot_context(session: AsyncSession, principal: Principal, poll_id: int) -> BallotContext:
    """Everything a ballot is checked against, in one query after locking the poll row
    (PostgreSQL; SQLite's write transactions are exclusive anyway), so ballots, opening and
    closing of one poll take turns."""
    user_id = principal.user.id
    # Lock first, read after: on PostgreSQL a statement that waited for a row lock still
    # evaluates its other expressions (has this deputy voted?) in the snapshot taken before
    # the wait, so reading them in the locking statement would miss the ballot just committed.
    await session.execute(select(Poll.id).where(Poll.id == poll_id).with_for_update())
    present = exists().where(Attendance.meeting_id == Poll.meeting_id, Attendance.user_id == user_id,
                             Attendance.status.in_(PRESENT_STATUSES))
    voted = exists().where(PollVoter.poll_id == Poll.id, PollVoter.user_id == user_id)
    row = (await session.execute(
        select(Poll, Meeting, Membership.role, Membership.voting_right, present, voted)
        .join(Meeting, Meeting.id == Poll.meeting_id)
        .outerjoin(Membership, and_(Membership.council_id == Meeting.council_id,
                                    Membership.user_id == user_id))
        .where(Poll.id == poll_id).execution_options(populate_existing=True))).first()
    if row is None:
        raise NotFound()
    poll, meeting, role, voting_right, is_present, has_voted = row
    if voting_right and poll.state != "draft":
        # A deputy or chair with a voting right sees every poll that has been opened.
        access = MeetingAccess(meeting=meeting, role=role, is_admin=principal.user.is_admin)
    else:
        poll, access = await poll_access(session, principal, poll_id)  # 404 where it must be
    return BallotContext(poll=poll, access=access, voting_right=bool(voting_right),
                         present=bool(is_present), voted=bool(has_voted))


def check_eligible(poll: Poll, *, voting_right: bool, present: bool) -> None:
    if not voting_right:
        raise Forbidden("no_voting_right")
    if poll.require_presence and not present:
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


async def cast(session: AsyncSession, *, principal: Principal, context: BallotContext,
               option_ids: list[int]) -> None:
    poll, user_id = context.poll, principal.user.id
    check_eligible(poll, voting_right=context.voting_right, present=context.present)
    check_open(poll)
    allowed = set(await session.scalars(select(PollOption.id).where(PollOption.poll_id == poll.id)))
    chosen = presets.check_choice(option_ids, allowed=allowed, max_choices=poll.max_choices)
    already = context.voted
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
                     target_id=poll.id, council_id=context.access.meeting.council_id,
                     details={"option_ids": chosen})
