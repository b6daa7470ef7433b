"""Meetings: creation, editing, the draft → published → in_progress → closed life cycle,
sittings and invited guests. The agenda has its own module (agenda.py)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.councils.access import MANAGER_ROLES, council_access, require_council_role
from app.errors import Conflict, Invalid, NotFound
from app.floor.rules import DEFAULT_SPEAKING_TIME_S, SpeakerKind
from app.kit.collation import by_name
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import INVITED, MeetingAccess, visible_to
from app.meetings.schemas import MeetingOut
from app.models import AgendaItem, Meeting, MeetingGuest, Membership, Sitting, User
from app.models.vocabulary import MeetingState

# action -> (states it may start from, state it leads to, who may do it)
TRANSITIONS: dict[str, tuple[frozenset[str], MeetingState, str]] = {
    "publish": (frozenset({"draft"}), "published", "manage"),
    "unpublish": (frozenset({"published"}), "draft", "manage"),
    "start": (frozenset({"published"}), "in_progress", "chair"),
    "close": (frozenset({"in_progress"}), "closed", "chair"),
}
ACTION_WORDS = {"publish": ("công bố", "publish"), "unpublish": ("hủy công bố", "unpublish"),
                "start": ("khai mạc", "start"),
                "close": ("bế mạc", "close")}


async def current_item_ids(session: AsyncSession, meeting_ids: list[int]) -> dict[int, int]:
    if not meeting_ids:
        return {}
    rows = await session.execute(
        select(AgendaItem.meeting_id, AgendaItem.id)
        .where(AgendaItem.meeting_id.in_(meeting_ids), AgendaItem.state == "current")
    )
    return {row.meeting_id: row.id for row in rows}


def speaking_times(meeting: Meeting) -> dict[SpeakerKind, int]:
    """The meeting's speaking time per kind of speaker: what the secretariat set, else the default."""
    chosen = json.loads(meeting.speaking_time_s or "{}")
    return {kind: int(chosen.get(kind, default)) for kind, default in DEFAULT_SPEAKING_TIME_S.items()}


def to_out(meeting: Meeting, current_item_id: int | None) -> MeetingOut:
    return MeetingOut(
        id=meeting.id, council_id=meeting.council_id, number=meeting.number, title=meeting.title,
        kind=meeting.kind, public=meeting.public, location=meeting.location,
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, state=meeting.state,
        current_item_id=current_item_id, seq=meeting.last_seq, created_at=meeting.created_at,
        updated_at=meeting.updated_at, speaking_time_s=speaking_times(meeting),
    )


async def meeting_out(session: AsyncSession, meeting: Meeting) -> MeetingOut:
    current = await current_item_ids(session, [meeting.id])
    return to_out(meeting, current.get(meeting.id))


async def _announce(session: AsyncSession, meeting: Meeting) -> None:
    """Record meeting.updated with the meeting as it now is."""
    await session.flush()
    out = await meeting_out(session, meeting)
    await emit(session, meeting_id=meeting.id, type="meeting.updated",
               data={"meeting": out.model_dump(mode="json", exclude={"seq"})})


def _check_period(starts_at: Any, ends_at: Any) -> None:
    if ends_at is not None and starts_at is not None and ends_at <= starts_at:
        raise Invalid("ends_before_start")


async def create_meeting(
    session: AsyncSession, *, principal: Principal, council_id: int, fields: dict[str, Any]
) -> Meeting:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    _check_period(fields.get("starts_at"), fields.get("ends_at"))
    meeting = Meeting(council_id=council_id, state="draft", last_seq=0, updated_at=utcnow(),
                      **fields)
    session.add(meeting)
    await session.flush()
    await record(session, actor=principal.actor, action="meeting.create", target_type="meeting",
                 target_id=meeting.id, council_id=council_id,
                 details={"title": meeting.title, "kind": meeting.kind, "public": meeting.public})
    return meeting


async def list_council_meetings(
    session: AsyncSession, *, principal: Principal, council_id: int
) -> list[Meeting]:
    access = await council_access(session, principal, council_id)
    query = (
        select(Meeting)
        .where(Meeting.council_id == council_id, visible_to(access.role, is_admin=access.is_admin))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    return list(await session.scalars(query))


async def list_my_meetings(session: AsyncSession, *, principal: Principal) -> list[Meeting]:
    """Every meeting the caller may see, across councils and invitations."""
    return [access.meeting for access in await visible_meetings(session, principal=principal)]


async def visible_meetings(session: AsyncSession, *, principal: Principal) -> list[MeetingAccess]:
    """The caller's access to every meeting they may see, newest first."""
    user_id = principal.user.id
    is_admin = principal.user.is_admin
    memberships = await session.execute(
        select(Membership.council_id, Membership.role).where(Membership.user_id == user_id))
    found: dict[int, MeetingAccess] = {}
    for council_id, role in memberships.all():
        for meeting in await session.scalars(
            select(Meeting).where(Meeting.council_id == council_id,
                                  visible_to(role, is_admin=is_admin))
        ):
            found[meeting.id] = MeetingAccess(meeting=meeting, role=role, is_admin=is_admin)
    invited = await session.scalars(
        select(Meeting).join(MeetingGuest, MeetingGuest.meeting_id == Meeting.id)
        .where(MeetingGuest.user_id == user_id, visible_to(INVITED, is_admin=False))
    )
    for meeting in invited:
        found.setdefault(meeting.id, MeetingAccess(meeting=meeting, role=INVITED, is_admin=is_admin))
    return sorted(found.values(), key=lambda a: (a.meeting.starts_at, a.meeting.id), reverse=True)


def require_open(meeting: Meeting) -> None:
    if meeting.state == "closed":
        raise Conflict("meeting_closed")


async def update_meeting(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, changes: dict[str, Any]
) -> Meeting:
    access.require_manage()
    meeting = access.meeting
    require_open(meeting)
    changes = {k: v for k, v in changes.items() if v is not None or k in ("ends_at", "number")}
    _check_period(changes.get("starts_at", meeting.starts_at), changes.get("ends_at", meeting.ends_at))
    if "speaking_time_s" in changes:
        changes["speaking_time_s"] = {**json.loads(meeting.speaking_time_s or "{}"),
                                      **{k: v for k, v in changes["speaking_time_s"].items() if v}}
    for key, value in changes.items():
        setattr(meeting, key, json.dumps(value) if key == "speaking_time_s" else value)
    meeting.updated_at = utcnow()
    await record(session, actor=principal.actor, action="meeting.update", target_type="meeting",
                 target_id=meeting.id, council_id=meeting.council_id, details=changes)
    await _announce(session, meeting)
    return meeting


async def transition(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, action: str
) -> Meeting:
    sources, target, who = TRANSITIONS[action]
    access.require_manage() if who == "manage" else access.require_chair()
    meeting = access.meeting
    if meeting.state not in sources:
        vietnamese, english = ACTION_WORDS[action]
        raise Conflict("meeting_wrong_state", state=meeting.state, action=vietnamese,
                       details={"state": meeting.state, "action": english})
    if action == "close":
        current = await session.scalar(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                     AgendaItem.state == "current"))
        if current is not None:
            current.state = "done"
            await session.flush()
            await emit(session, meeting_id=meeting.id, type="agenda.current",
                       data={"item_id": None, "previous_id": current.id, "public": True})
    meeting.state = target
    meeting.updated_at = utcnow()
    if action == "close":
        meeting.closed_at = meeting.updated_at
    await record(session, actor=principal.actor, action=f"meeting.{action}", target_type="meeting",
                 target_id=meeting.id, council_id=meeting.council_id, details={"state": target})
    await _announce(session, meeting)
    return meeting


async def delete_meeting(session: AsyncSession, *, principal: Principal, access: MeetingAccess) -> None:
    access.require_manage()
    meeting = access.meeting
    if meeting.state != "draft":
        raise Conflict("meeting_not_draft")
    await record(session, actor=principal.actor, action="meeting.delete", target_type="meeting",
                 target_id=meeting.id, council_id=meeting.council_id, details={"title": meeting.title})
    await session.delete(meeting)
    await session.flush()


async def list_sittings(session: AsyncSession, *, meeting_id: int) -> list[Sitting]:
    return list(await session.scalars(
        select(Sitting).where(Sitting.meeting_id == meeting_id).order_by(Sitting.starts_at, Sitting.id)
    ))


async def create_sitting(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, fields: dict[str, Any]
) -> Sitting:
    access.require_manage()
    require_open(access.meeting)
    _check_period(fields.get("starts_at"), fields.get("ends_at"))
    sitting = Sitting(meeting_id=access.meeting.id, **fields)
    session.add(sitting)
    await session.flush()
    await record(session, actor=principal.actor, action="sitting.create", target_type="sitting",
                 target_id=sitting.id, council_id=access.meeting.council_id,
                 details={"meeting_id": access.meeting.id, "title": sitting.title})
    return sitting


async def delete_sitting(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, sitting_id: int
) -> None:
    access.require_manage()
    require_open(access.meeting)
    sitting = await session.get(Sitting, sitting_id)
    if sitting is None or sitting.meeting_id != access.meeting.id:
        raise NotFound()
    await session.delete(sitting)
    await session.flush()
    await record(session, actor=principal.actor, action="sitting.delete", target_type="sitting",
                 target_id=sitting_id, council_id=access.meeting.council_id,
                 details={"meeting_id": access.meeting.id})


async def list_guests(session: AsyncSession, *, meeting_id: int) -> list[tuple[MeetingGuest, User]]:
    rows = await session.execute(
        select(MeetingGuest, User).join(User, User.id == MeetingGuest.user_id)
        .where(MeetingGuest.meeting_id == meeting_id)
    )
    return by_name(rows.all(), name=lambda row: row[1].full_name, tie=lambda row: row[1].id)


async def invite_guest(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, user_id: int, note: str
) -> tuple[MeetingGuest, User]:
    access.require_manage()
    require_open(access.meeting)
    user = await session.get(User, user_id)
    if user is None:
        raise Invalid(details=[{"field": "user_id", "message": "not found"}])
    exists = await session.scalar(select(MeetingGuest.id).where(
        MeetingGuest.meeting_id == access.meeting.id, MeetingGuest.user_id == user_id))
    if exists is not None:
        raise Conflict("already_invited")
    guest = MeetingGuest(meeting_id=access.meeting.id, user_id=user_id, note=note)
    session.add(guest)
    await session.flush()
    await record(session, actor=principal.actor, action="meeting.invite", target_type="meeting",
                 target_id=access.meeting.id, council_id=access.meeting.council_id,
                 details={"user_id": user_id})
    return guest, user


async def remove_guest(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, user_id: int
) -> None:
    access.require_manage()
    guest = await session.scalar(select(MeetingGuest).where(
        MeetingGuest.meeting_id == access.meeting.id, MeetingGuest.user_id == user_id))
    if guest is None:
        raise NotFound()
    await session.delete(guest)
    await session.flush()
    await record(session, actor=principal.actor, action="meeting.uninvite", target_type="meeting",
                 target_id=access.meeting.id, council_id=access.meeting.council_id,
                 details={"user_id": user_id})
