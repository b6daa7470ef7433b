"""The floor over HTTP (API.md, "The floor: speakers")."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.accounts.deps import CurrentUser
from app.deps import UowDep
from app.floor import service
from app.floor.schemas import SpeakerCreate, SpeakerExtension, SpeakerList, SpeakerOrder, SpeakerOut
from app.kit.schemas import Id

router = APIRouter(prefix="/api/v1", tags=["floor"])


@router.post("/agenda-items/{item_id:int}/speakers", response_model=SpeakerOut,
             status_code=status.HTTP_201_CREATED, summary="Đăng ký phát biểu: put someone on the list")
async def register(item_id: Id, body: SpeakerCreate, principal: CurrentUser, uow: UowDep) -> SpeakerOut:
    return await service.register(uow.session, principal=principal, item_id=item_id, kind=body.kind,
                                  user_id=body.user_id, question_id=body.question_id)


@router.get("/agenda-items/{item_id:int}/speakers", response_model=SpeakerList)
async def list_speakers(item_id: Id, principal: CurrentUser, uow: UowDep) -> SpeakerList:
    return SpeakerList(items=await service.list_speakers(uow.session, principal=principal,
                                                         item_id=item_id))


@router.put("/agenda-items/{item_id:int}/speakers/order", response_model=SpeakerList)
async def reorder(item_id: Id, body: SpeakerOrder, principal: CurrentUser, uow: UowDep) -> SpeakerList:
    return SpeakerList(items=await service.reorder(uow.session, principal=principal, item_id=item_id,
                                                   speaker_ids=body.speaker_ids))


def _action(action: str) -> None:
    async def endpoint(speaker_id: Id, principal: CurrentUser, uow: UowDep) -> SpeakerOut:
        return await service.act(uow.session, principal=principal, speaker_id=speaker_id, action=action)

    endpoint.__name__ = f"{action}_speaker"
    router.add_api_route(f"/speakers/{{speaker_id:int}}/{action}", endpoint, methods=["POST"],
                         response_model=SpeakerOut, summary=f"The chair: {action} this speaker")


for _name in ("start", "pause", "resume", "stop"):
    _action(_name)


@router.post("/speakers/{speaker_id:int}/extend", response_model=SpeakerOut)
async def extend(speaker_id: Id, body: SpeakerExtension, principal: CurrentUser,
                 uow: UowDep) -> SpeakerOut:
    return await service.act(uow.session, principal=principal, speaker_id=speaker_id,
                             action="extend", seconds=body.seconds)


@router.delete("/speakers/{speaker_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw(speaker_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    await service.withdraw(uow.session, principal=principal, speaker_id=speaker_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
