from __future__ import annotations

from fastapi import APIRouter

from app.accounts.deps import CurrentUser
from app.attendance import service
from app.attendance.schemas import AllPresent, AttendanceEntry, AttendanceMark, AttendanceSummary
from app.deps import UowDep
from app.kit.schemas import Id
from app.meetings.access import meeting_access

router = APIRouter(prefix="/api/v1", tags=["attendance"])


@router.post("/meetings/{meeting_id:int}/check-in", response_model=AttendanceEntry)
async def check_in(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> AttendanceEntry:
    """A deputy checks in from their tablet (idempotent: again and again, one entry)."""
    access = await meeting_access(uow.session, principal, meeting_id)
    return await service.check_in(uow.session, principal=principal, access=access)


@router.put("/meetings/{meeting_id:int}/attendance/{user_id:int}", response_model=AttendanceSummary)
async def mark(meeting_id: Id, user_id: Id, body: AttendanceMark, principal: CurrentUser,
               uow: UowDep) -> AttendanceSummary:
    access = await meeting_access(uow.session, principal, meeting_id)
    return await service.mark(uow.session, principal=principal, access=access, user_id=user_id,
                              status=body.status, reason=body.reason)


@router.post("/meetings/{meeting_id:int}/attendance/present", response_model=AttendanceSummary)
async def mark_all_present(meeting_id: Id, body: AllPresent, principal: CurrentUser,
                           uow: UowDep) -> AttendanceSummary:
    """The secretariat: everyone seated is present except `except_user_ids`."""
    access = await meeting_access(uow.session, principal, meeting_id)
    return await service.mark_all_present(uow.session, principal=principal, access=access,
                                          except_user_ids=body.except_user_ids)


@router.get("/meetings/{meeting_id:int}/attendance", response_model=AttendanceSummary)
async def read(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> AttendanceSummary:
    access = await meeting_access(uow.session, principal, meeting_id)
    return await service.summary(uow.session, meeting_id, access.meeting.council_id)
