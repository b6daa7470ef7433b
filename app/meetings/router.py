from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from app.accounts.deps import CurrentUser
from app.accounts.service import Principal
from app.db import UnitOfWork
from app.deps import UowDep
from app.floor import service as floor_service
from app.kit.schemas import Id
from app.meetings import agenda, service
from app.meetings.access import item_access, meeting_access
from app.meetings.schemas import (
    AgendaItemCreate,
    AgendaItemOut,
    AgendaItemUpdate,
    AgendaOrder,
    AgendaOut,
    GuestInvite,
    GuestList,
    GuestOut,
    MeetingCreate,
    MeetingList,
    MeetingOut,
    MeetingUpdate,
    SittingCreate,
    SittingList,
    SittingOut,
)
from app.models import AgendaItem, Meeting
from app.questions.service import settle_at_close

router = APIRouter(prefix="/api/v1", tags=["meetings"])


async def _list_out(uow: UnitOfWork, meetings: list[Meeting]) -> MeetingList:
    current = await service.current_item_ids(uow.session, [m.id for m in meetings])
    return MeetingList(items=[service.to_out(m, current.get(m.id)) for m in meetings])


@router.post("/councils/{council_id:int}/meetings", response_model=MeetingOut,
             status_code=status.HTTP_201_CREATED)
async def create_meeting(council_id: Id, body: MeetingCreate, principal: CurrentUser,
                         uow: UowDep) -> MeetingOut:
    meeting = await service.create_meeting(uow.session, principal=principal, council_id=council_id,
                                           fields=body.model_dump())
    return await service.meeting_out(uow.session, meeting)


@router.get("/councils/{council_id:int}/meetings", response_model=MeetingList)
async def list_council_meetings(council_id: Id, principal: CurrentUser, uow: UowDep) -> MeetingList:
    meetings = await service.list_council_meetings(uow.session, principal=principal,
                                                   council_id=council_id)
    return await _list_out(uow, meetings)


@router.get("/meetings", response_model=MeetingList)
async def my_meetings(principal: CurrentUser, uow: UowDep) -> MeetingList:
    """Every meeting the caller may see, in all their councils and invitations."""
    return await _list_out(uow, await service.list_my_meetings(uow.session, principal=principal))


@router.get("/meetings/{meeting_id:int}", response_model=MeetingOut)
async def get_meeting(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> MeetingOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    return await service.meeting_out(uow.session, access.meeting)


@router.patch("/meetings/{meeting_id:int}", response_model=MeetingOut)
async def update_meeting(meeting_id: Id, body: MeetingUpdate, principal: CurrentUser,
                         uow: UowDep) -> MeetingOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    meeting = await service.update_meeting(uow.session, principal=principal, access=access,
                                           changes=body.model_dump(exclude_unset=True))
    return await service.meeting_out(uow.session, meeting)


@router.delete("/meetings/{meeting_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_meeting(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    access = await meeting_access(uow.session, principal, meeting_id)
    await service.delete_meeting(uow.session, principal=principal, access=access)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _transition(meeting_id: Id, action: str, principal: Principal, uow: UnitOfWork) -> MeetingOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    meeting = await service.transition(uow.session, principal=principal, access=access,
                                       action=action)
    return await service.meeting_out(uow.session, meeting)


@router.post("/meetings/{meeting_id:int}/publish", response_model=MeetingOut)
async def publish(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> MeetingOut:
    return await _transition(meeting_id, "publish", principal, uow)


@router.post("/meetings/{meeting_id:int}/unpublish", response_model=MeetingOut)
async def unpublish(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> MeetingOut:
    """Back to a draft, hidden from deputies again, until the meeting has started (then 409)."""
    return await _transition(meeting_id, "unpublish", principal, uow)


@router.post("/meetings/{meeting_id:int}/start", response_model=MeetingOut)
async def start(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> MeetingOut:
    return await _transition(meeting_id, "start", principal, uow)


@router.post("/meetings/{meeting_id:int}/close", response_model=MeetingOut)
async def close(meeting_id: Id, request: Request, principal: CurrentUser, uow: UowDep) -> MeetingOut:
    """Bế mạc. Whoever speaks has finished; questions the floor did not answer are left to
    written answers, due from today."""
    access = await meeting_access(uow.session, principal, meeting_id)
    meeting = await service.transition(uow.session, principal=principal, access=access,
                                       action="close")
    await floor_service.close_floor(uow.session, principal=principal, access=access)
    await settle_at_close(uow.session, actor=principal.actor, meeting=meeting,
                          answer_days=request.app.state.settings.written_answer_days)
    return await service.meeting_out(uow.session, meeting)


@router.get("/meetings/{meeting_id:int}/sittings", response_model=SittingList)
async def list_sittings(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> SittingList:
    await meeting_access(uow.session, principal, meeting_id)
    sittings = await service.list_sittings(uow.session, meeting_id=meeting_id)
    return SittingList(items=[SittingOut.model_validate(s) for s in sittings])


@router.post("/meetings/{meeting_id:int}/sittings", response_model=SittingOut,
             status_code=status.HTTP_201_CREATED)
async def create_sitting(meeting_id: Id, body: SittingCreate, principal: CurrentUser,
                         uow: UowDep) -> SittingOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    sitting = await service.create_sitting(uow.session, principal=principal, access=access,
                                           fields=body.model_dump())
    return SittingOut.model_validate(sitting)


@router.delete("/meetings/{meeting_id:int}/sittings/{sitting_id:int}",
               status_code=status.HTTP_204_NO_CONTENT)
async def delete_sitting(meeting_id: Id, sitting_id: Id, principal: CurrentUser,
                         uow: UowDep) -> Response:
    access = await meeting_access(uow.session, principal, meeting_id)
    await service.delete_sitting(uow.session, principal=principal, access=access,
                                 sitting_id=sitting_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/meetings/{meeting_id:int}/guests", response_model=GuestList)
async def list_guests(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> GuestList:
    access = await meeting_access(uow.session, principal, meeting_id)
    access.require_manage()
    guests = await service.list_guests(uow.session, meeting_id=meeting_id)
    return GuestList(items=[GuestOut(user_id=u.id, full_name=u.full_name, note=g.note)
                            for g, u in guests])


@router.post("/meetings/{meeting_id:int}/guests", response_model=GuestOut,
             status_code=status.HTTP_201_CREATED)
async def invite_guest(meeting_id: Id, body: GuestInvite, principal: CurrentUser,
                       uow: UowDep) -> GuestOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    guest, user = await service.invite_guest(uow.session, principal=principal, access=access,
                                             user_id=body.user_id, note=body.note)
    return GuestOut(user_id=user.id, full_name=user.full_name, note=guest.note)


@router.delete("/meetings/{meeting_id:int}/guests/{user_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_guest(meeting_id: Id, user_id: Id, principal: CurrentUser,
                       uow: UowDep) -> Response:
    access = await meeting_access(uow.session, principal, meeting_id)
    await service.remove_guest(uow.session, principal=principal, access=access, user_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/meetings/{meeting_id:int}/agenda", response_model=AgendaOut)
async def read_agenda(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> AgendaOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    return AgendaOut(items=await agenda.read_agenda(uow.session, access=access))


async def _item_out(uow: UnitOfWork, item_id: Id) -> AgendaItemOut:
    item = await uow.session.get_one(AgendaItem, item_id)
    items = agenda.agenda_view(await agenda.items_of(uow.session, item.meeting_id))
    return next(i for i in items if i.id == item_id)


@router.post("/meetings/{meeting_id:int}/agenda", response_model=AgendaItemOut,
             status_code=status.HTTP_201_CREATED)
async def create_item(meeting_id: Id, body: AgendaItemCreate, principal: CurrentUser,
                      uow: UowDep) -> AgendaItemOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    item = await agenda.create_item(uow.session, principal=principal, access=access,
                                    fields=body.model_dump())
    return await _item_out(uow, item.id)


@router.put("/meetings/{meeting_id:int}/agenda/order", response_model=AgendaOut)
async def reorder(meeting_id: Id, body: AgendaOrder, principal: CurrentUser,
                  uow: UowDep) -> AgendaOut:
    access = await meeting_access(uow.session, principal, meeting_id)
    await agenda.reorder(uow.session, principal=principal, access=access, item_ids=body.item_ids)
    return AgendaOut(items=await agenda.read_agenda(uow.session, access=access))


@router.get("/agenda-items/{item_id:int}", response_model=AgendaItemOut)
async def get_item(item_id: Id, principal: CurrentUser, uow: UowDep) -> AgendaItemOut:
    await item_access(uow.session, principal, item_id)
    return await _item_out(uow, item_id)


@router.patch("/agenda-items/{item_id:int}", response_model=AgendaItemOut)
async def update_item(item_id: Id, body: AgendaItemUpdate, principal: CurrentUser,
                      uow: UowDep) -> AgendaItemOut:
    await agenda.update_item(uow.session, principal=principal, item_id=item_id,
                             changes=body.model_dump(exclude_unset=True))
    return await _item_out(uow, item_id)


@router.delete("/agenda-items/{item_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_item(item_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    await agenda.delete_item(uow.session, principal=principal, item_id=item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/agenda-items/{item_id:int}/activate", response_model=AgendaItemOut)
async def activate(item_id: Id, principal: CurrentUser, uow: UowDep) -> AgendaItemOut:
    item = await agenda.activate(uow.session, principal=principal, item_id=item_id)
    # Screens show the new item's list of speakers at once (the snapshot holds the current one's).
    await floor_service.announce_current(uow.session, item.meeting_id, item.id)
    return item
