"""Attendance (điểm danh): deputies check in, the secretariat marks present / absent / excused,
and the chair or secretariat admits a deputy attending online (counted as present);
seated, present and quorum are recomputed and pushed live with every change.

Seated deputies are the council's members with a voting right (deputies and the chair).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.attendance.schemas import AttendanceEntry, AttendanceSummary
from app.audit.service import record
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.kit.collation import by_name
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import MeetingAccess
from app.models import Attendance, Council, Membership, User
from app.models.vocabulary import PRESENT_STATUSES, AttendanceStatus
from app.voting.progress import refresh_open_poll
from app.voting.rules import is_quorate, quorum_required

OPEN_STATES = ("published", "in_progress")


async def seated_deputies(session: AsyncSession, council_id: int) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(User.id, User.full_name).join(Membership, Membership.user_id == User.id)
        .where(Membership.council_id == council_id, Membership.voting_right.is_(True)))
    return by_name(((user_id, name) for user_id, name in rows.all()),
                   name=lambda row: row[1], tie=lambda row: row[0])


async def summary(session: AsyncSession, meeting_id: int, council_id: int) -> AttendanceSummary:
    seated = await seated_deputies(session, council_id)
    marks = {row.user_id: row for row in await session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting_id))}
    council = await session.get_one(Council, council_id)
    items = [
        AttendanceEntry(user_id=user_id, full_name=name,
                        status=marks[user_id].status if user_id in marks else "absent",
                        reason=marks[user_id].reason if user_id in marks else "",
                        checked_in=user_id in marks and marks[user_id].checked_in_at is not None)
        for user_id, name in seated
    ]
    present = sum(item.status in PRESENT_STATUSES for item in items)
    numerator, denominator = council.quorum_numerator, council.quorum_denominator
    return AttendanceSummary(
        seated=len(items), present=present, online=sum(item.status == "online" for item in items),
        quorum_required=quorum_required(len(items), numerator, denominator),
        quorate=is_quorate(present, len(items), numerator, denominator), items=items)


async def _announce(session: AsyncSession, access: MeetingAccess) -> AttendanceSummary:
    await session.flush()
    result = await summary(session, access.meeting.id, access.meeting.council_id)
    await emit(session, meeting_id=access.meeting.id, type="attendance.updated",
               data=result.model_dump(mode="json"))
    await refresh_open_poll(session, access.meeting)
    return result


def _require_open(access: MeetingAccess) -> None:
    if access.meeting.state not in OPEN_STATES:
        raise Conflict("attendance_closed")


async def check_in(session: AsyncSession, *, principal: Principal, access: MeetingAccess) -> AttendanceEntry:
    """Idempotent: checking in twice changes nothing and answers the same."""
    user_id = principal.user.id
    if user_id not in {uid for uid, _ in await seated_deputies(session, access.meeting.council_id)}:
        raise Forbidden("not_seated")
    _require_open(access)
    row = await session.scalar(select(Attendance).where(
        Attendance.meeting_id == access.meeting.id, Attendance.user_id == user_id))
    if row is None or row.status != "present":
        now = utcnow()
        if row is None:
            row = Attendance(meeting_id=access.meeting.id, user_id=user_id, status="present",
                             checked_in_at=now, updated_at=now, marked_by=user_id)
            session.add(row)
        else:
            row.status, row.reason, row.checked_in_at, row.updated_at = "present", "", now, now
            row.marked_by = user_id
        await record(session, actor=principal.actor, action="attendance.check_in",
                     target_type="meeting", target_id=access.meeting.id,
                     council_id=access.meeting.council_id, details={"user_id": user_id})
        await _announce(session, access)
    return AttendanceEntry(user_id=user_id, full_name=principal.user.full_name, status="present",
                           reason="", checked_in=row.checked_in_at is not None)


async def mark_all_present(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, except_user_ids: list[int],
) -> AttendanceSummary:
    """One tap for a full hall: every seated deputy present but the exceptions, one event."""
    access.require_manage()
    _require_open(access)
    seated = {uid for uid, _ in await seated_deputies(session, access.meeting.council_id)}
    unknown = sorted(set(except_user_ids) - seated)
    if unknown:
        raise Invalid(details=[{"field": "except_user_ids", "message": f"not seated: {unknown}"}])
    meeting_id = access.meeting.id
    rows = {row.user_id: row for row in await session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting_id))}
    now, changed = utcnow(), []
    for user_id in sorted(seated - set(except_user_ids)):
        row = rows.get(user_id)
        if row is None:
            session.add(Attendance(meeting_id=meeting_id, user_id=user_id, status="present",
                                   reason="", updated_at=now, marked_by=principal.user.id))
        elif row.status not in PRESENT_STATUSES:  # an online deputy stays online
            row.status, row.reason, row.updated_at, row.marked_by = "present", "", now, principal.user.id
        else:
            continue
        changed.append(user_id)
    if not changed:
        return await summary(session, meeting_id, access.meeting.council_id)
    await record(session, actor=principal.actor, action="attendance.mark_all_present",
                 target_type="meeting", target_id=meeting_id, council_id=access.meeting.council_id,
                 details={"user_ids": changed, "except_user_ids": sorted(set(except_user_ids))})
    return await _announce(session, access)


async def mark(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, user_id: int,
    status: AttendanceStatus, reason: str,
) -> AttendanceSummary:
    # Admitting a deputy online is the chair's call as much as the secretariat's (Art. 35(1)),
    # and so is taking a mistaken admission back (online → absent).
    row = await session.scalar(select(Attendance).where(
        Attendance.meeting_id == access.meeting.id, Attendance.user_id == user_id))
    if status == "online" or (status == "absent" and row is not None and row.status == "online"):
        access.require_chair()
    else:
        access.require_manage()
    _require_open(access)
    if user_id not in {uid for uid, _ in await seated_deputies(session, access.meeting.council_id)}:
        raise NotFound()
    if status != "excused" and reason:
        raise Invalid("reason_only_when_excused")
    now = utcnow()
    if row is None:
        row = Attendance(meeting_id=access.meeting.id, user_id=user_id, status=status,
                         reason=reason, updated_at=now, marked_by=principal.user.id)
        session.add(row)
    else:
        row.status, row.reason, row.updated_at, row.marked_by = status, reason, now, principal.user.id
    await record(session, actor=principal.actor, action="attendance.mark", target_type="meeting",
                 target_id=access.meeting.id, council_id=access.meeting.council_id,
                 details={"user_id": user_id, "status": status, "reason": reason})
    return await _announce(session, access)
