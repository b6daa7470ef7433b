"""Polls as readers receive them: over HTTP, in live events and in the snapshot."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.documents.access import items_hidden_from_guests
from app.kit.collation import by_name
from app.meetings.access import MeetingAccess
from app.models import Membership, Poll, PollChoice, PollOption, PollVoter, User
from app.voting.access import sees_poll
from app.voting.progress import may_vote
from app.voting.schemas import MyBallot, OptionOut, PollOut, Progress, VoterOut


async def options_of(session: AsyncSession, poll_ids: list[int]) -> dict[int, list[PollOption]]:
    by_poll: dict[int, list[PollOption]] = {poll_id: [] for poll_id in poll_ids}
    for option in await session.scalars(select(PollOption).where(PollOption.poll_id.in_(poll_ids))
                                        .order_by(PollOption.poll_id, PollOption.position)):
        by_poll[option.poll_id].append(option)
    return by_poll


def to_out(poll: Poll, options: list[PollOption], me: MyBallot | None = None) -> PollOut:
    return PollOut(
        id=poll.id, meeting_id=poll.meeting_id, agenda_item_id=poll.agenda_item_id,
        title=poll.title, preset=poll.preset, state=poll.state, secret=poll.secret,
        basis=poll.basis, threshold=poll.threshold, max_choices=poll.max_choices,
        require_presence=poll.require_presence, allow_change=poll.allow_change,
        duration_s=poll.duration_s, revote_of=poll.revote_of_id,
        quorum_override=poll.quorum_override, opened_at=poll.opened_at, closes_at=poll.closes_at,
        closed_at=poll.closed_at,
        options=[OptionOut(id=option.id, label=option.label) for option in options],
        progress=Progress(eligible=poll.eligible, voted=poll.voted),
        result=json.loads(poll.result) if poll.result else None, me=me)


async def my_ballot(session: AsyncSession, poll: Poll, user_id: int) -> MyBallot:
    voted = await session.scalar(select(PollVoter.user_id).where(
        PollVoter.poll_id == poll.id, PollVoter.user_id == user_id)) is not None
    if not voted or poll.secret:
        return MyBallot(voted=voted)
    chosen = await session.scalars(select(PollChoice.option_id).where(
        PollChoice.poll_id == poll.id, PollChoice.user_id == user_id).order_by(PollChoice.option_id))
    return MyBallot(voted=True, option_ids=list(chosen))


async def poll_out(session: AsyncSession, poll: Poll, *, viewer_id: int | None = None) -> PollOut:
    options = (await options_of(session, [poll.id]))[poll.id]
    me = await my_ballot(session, poll, viewer_id) if viewer_id is not None else None
    return to_out(poll, options, me)


async def event_data(session: AsyncSession, poll: Poll) -> dict[str, Any]:
    """The poll as live events and snapshots carry it: without `me`, and without the named
    `votes` of an open poll's result — up to hundreds of names, to every tablet at the moment
    of the close; the counts and the outcome are there, the list is in GET /polls/{id}."""
    data = (await poll_out(session, poll)).model_dump(mode="json", exclude={"me"})
    if data["result"] is not None:
        data["result"].pop("votes", None)
    return data


async def visible_polls(session: AsyncSession, access: MeetingAccess) -> list[Poll]:
    polls = list(await session.scalars(select(Poll).where(Poll.meeting_id == access.meeting.id)
                                       .order_by(Poll.id)))
    hidden = await items_hidden_from_guests(session, [access.meeting.id]) if access.is_guest else set()
    return [poll for poll in polls if sees_poll(poll, access, hidden)]


async def list_polls(session: AsyncSession, access: MeetingAccess) -> list[PollOut]:
    polls = await visible_polls(session, access)
    options = await options_of(session, [poll.id for poll in polls])
    return [to_out(poll, options[poll.id]) for poll in polls]


async def snapshot_poll(session: AsyncSession, access: MeetingAccess) -> dict[str, Any] | None:
    """The open poll; when none is open, the last one closed, so a hall display that reconnects
    still shows the latest result until the next poll opens."""
    polls = [poll for poll in await visible_polls(session, access) if poll.state != "draft"]
    current = next((poll for poll in polls if poll.state == "open"), None)
    if current is None and polls:  # every other poll here is closed
        current = max(polls, key=lambda poll: (poll.closed_at, poll.id))
    if current is None:
        return None
    return await event_data(session, current)


async def voters(session: AsyncSession, poll: Poll, council_id: int) -> list[VoterOut]:
    """Who may vote in an open (named) poll and whether they have: the chair's "not yet" list."""
    voted = set(await session.scalars(select(PollVoter.user_id).where(PollVoter.poll_id == poll.id)))
    rows = await session.execute(
        select(User.id, User.full_name).join(Membership, Membership.user_id == User.id)
        .where(Membership.council_id == council_id,
               or_(may_vote(poll, council_id), User.id.in_(voted))))
    return [VoterOut(user_id=user_id, full_name=name, voted=user_id in voted)
            for user_id, name in by_name(rows.all(), name=lambda row: row[1],
                                         tie=lambda row: row[0])]
