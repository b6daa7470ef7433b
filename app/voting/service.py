"""The life of a poll: created as a draft on an agenda item, opened by the chair (one open poll
per meeting, quorum checked), closed by the chair or by its countdown. The result is computed
once, at close, stored with the poll and never changed; a re-vote is a new poll linked to it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.attendance.service import summary as attendance_summary
from app.audit.service import Actor, record
from app.errors import Conflict, Invalid
from app.kit.collation import by_name
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import item_access, lock_meeting
from app.models import Poll, PollChoice, PollOption, User
from app.voting import presets, progress, views
from app.voting.access import poll_access
from app.voting.schemas import PollCreate
from app.voting.tally import OptionCount, tally

OPEN_MEETING_STATES = ("draft", "published", "in_progress")


async def create_poll(session: AsyncSession, *, principal: Principal, item_id: int,
                      body: PollCreate) -> Poll:
    item, access = await item_access(session, principal, item_id)
    access.require_chair()
    if access.meeting.state not in OPEN_MEETING_STATES:
        raise Conflict("meeting_closed")
    settings = presets.settle(body.preset, options=body.options, secret=body.secret,
                              max_choices=body.max_choices, allow_change=body.allow_change)
    if body.revote_of is not None:
        earlier = await session.get(Poll, body.revote_of)
        if earlier is None or earlier.agenda_item_id != item.id:
            raise Invalid("revote_other_item")
        if earlier.state != "closed":
            raise Conflict("revote_needs_closed_poll")
    poll = Poll(meeting_id=item.meeting_id, agenda_item_id=item.id, revote_of_id=body.revote_of,
                title=body.title, preset=body.preset, secret=settings.secret, basis=body.basis,
                threshold=body.threshold, max_choices=settings.max_choices,
                require_presence=body.require_presence, allow_change=settings.allow_change,
                duration_s=body.duration_s, state="draft", quorum_override=False, voted=0,
                eligible=0, announced_voted=0)
    session.add(poll)
    await session.flush()
    session.add_all(PollOption(poll_id=poll.id, position=position, label=label, votes=0)
                    for position, label in enumerate(settings.options))
    await session.flush()
    await record(session, actor=principal.actor, action="poll.create", target_type="poll",
                 target_id=poll.id, council_id=access.meeting.council_id,
                 details={"agenda_item_id": item.id, "title": poll.title, "preset": poll.preset,
                          "secret": poll.secret, "options": list(settings.options),
                          "revote_of": poll.revote_of_id})
    return poll


async def revote(session: AsyncSession, *, principal: Principal, poll_id: int) -> Poll:
    """A new draft with the same question and rule, linked to the closed poll."""
    earlier, _ = await poll_access(session, principal, poll_id)
    options = (await views.options_of(session, [earlier.id]))[earlier.id]
    fixed = presets.PRESETS[earlier.preset].fixed_options is not None
    body = PollCreate(title=earlier.title, preset=earlier.preset,
                      options=None if fixed else [option.label for option in options],
                      secret=earlier.secret, basis=earlier.basis, threshold=earlier.threshold,
                      max_choices=earlier.max_choices, require_presence=earlier.require_presence,
                      allow_change=earlier.allow_change, duration_s=earlier.duration_s,
                      revote_of=earlier.id)
    return await create_poll(session, principal=principal, item_id=earlier.agenda_item_id, body=body)


async def delete_draft(session: AsyncSession, *, principal: Principal, poll_id: int) -> None:
    poll, access = await poll_access(session, principal, poll_id, lock=True)
    access.require_chair()
    if poll.state != "draft":
        raise Conflict("poll_not_draft")
    await record(session, actor=principal.actor, action="poll.delete", target_type="poll",
                 target_id=poll.id, council_id=access.meeting.council_id,
                 details={"title": poll.title})
    await session.delete(poll)
    await session.flush()


async def open_poll(session: AsyncSession, *, principal: Principal, poll_id: int,
                    override_quorum: bool) -> Poll:
    poll, access = await poll_access(session, principal, poll_id, lock=True)
    access.require_chair()
    if poll.state != "draft":
        raise Conflict("poll_already_open" if poll.state == "open" else "poll_closed")
    meeting = access.meeting
    if meeting.state != "in_progress":
        raise Conflict("meeting_not_in_progress")
    await lock_meeting(session, meeting.id)
    other = await session.scalar(select(Poll.title).where(Poll.meeting_id == meeting.id,
                                                          Poll.state == "open"))
    if other is not None:
        raise Conflict("another_poll_open", title=other)
    attendance = await attendance_summary(session, meeting.id, meeting.council_id)
    if not attendance.quorate:
        if not override_quorum:
            raise Conflict("not_quorate", present=attendance.present,
                           required=attendance.quorum_required, seated=attendance.seated,
                           details={"present": attendance.present, "seated": attendance.seated,
                                    "quorum_required": attendance.quorum_required})
        poll.quorum_override = True
        await record(session, actor=principal.actor, action="poll.open_without_quorum",
                     target_type="poll", target_id=poll.id, council_id=meeting.council_id,
                     details={"present": attendance.present, "seated": attendance.seated,
                              "quorum_required": attendance.quorum_required})
    now = utcnow()
    poll.state, poll.opened_at = "open", now
    poll.closes_at = now + timedelta(seconds=poll.duration_s) if poll.duration_s else None
    poll.eligible = await progress.eligible_count(session, poll, meeting.council_id)
    await session.flush()
    await record(session, actor=principal.actor, action="poll.open", target_type="poll",
                 target_id=poll.id, council_id=meeting.council_id,
                 details={"eligible": poll.eligible, "present": attendance.present,
                          "seated": attendance.seated, "closes_at": poll.closes_at})
    await emit(session, meeting_id=meeting.id, type="poll.opened",
               data=await views.event_data(session, poll),
               audience=await progress.audience(session, poll))
    return poll


async def close_poll(session: AsyncSession, *, principal: Principal, poll_id: int) -> Poll:
    poll, access = await poll_access(session, principal, poll_id, lock=True)
    access.require_chair()
    if poll.state != "open":
        raise Conflict("poll_closed" if poll.state == "closed" else "poll_not_open")
    await finish(session, poll, actor=principal.actor, council_id=access.meeting.council_id,
                 reason="chair")
    return poll


async def finish(session: AsyncSession, poll: Poll, *, actor: Actor, council_id: int,
                 reason: str) -> None:
    """Close an open poll (locked by the caller) and store its result, once."""
    attendance = await attendance_summary(session, poll.meeting_id, council_id)
    options = (await views.options_of(session, [poll.id]))[poll.id]
    result = tally(preset=poll.preset, seats=poll.max_choices, basis=poll.basis,
                   threshold=poll.threshold, seated=attendance.seated, present=attendance.present,
                   cast=poll.voted,
                   counts=[OptionCount(option.id, option.label, option.votes) for option in options])
    result["eligible"] = poll.eligible
    if not poll.secret:
        result["votes"] = await named_votes(session, poll)
    poll.state, poll.closed_at = "closed", utcnow()
    poll.result = json.dumps(result, ensure_ascii=False, sort_keys=True)
    poll.announced_voted = poll.voted
    await session.flush()
    await record(session, actor=actor, action="poll.close", target_type="poll", target_id=poll.id,
                 council_id=council_id,
                 details={"reason": reason, "passed": result["passed"], "base": result["base"],
                          "required": result["required"],
                          "counts": {c["label"]: c["votes"] for c in result["counts"]}})
    await emit(session, meeting_id=poll.meeting_id, type="poll.closed",
               data=await views.event_data(session, poll),
               audience=await progress.audience(session, poll))


async def named_votes(session: AsyncSession, poll: Poll) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(PollChoice.user_id, User.full_name, PollChoice.option_id)
        .join(User, User.id == PollChoice.user_id).where(PollChoice.poll_id == poll.id)
        .order_by(PollChoice.user_id, PollChoice.option_id))
    votes: dict[int, dict[str, Any]] = {}
    for user_id, name, option_id in rows.all():
        votes.setdefault(user_id, {"user_id": user_id, "full_name": name, "option_ids": []})
        votes[user_id]["option_ids"].append(option_id)
    return by_name(votes.values(), name=lambda vote: vote["full_name"], tie=lambda vote: vote["user_id"])
