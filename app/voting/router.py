from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status

from app.accounts.deps import CurrentUser, bearer_token
from app.accounts.service import Principal
from app.db import AfterCommit, UnitOfWork
from app.deps import ClientAddress, UowDep
from app.errors import Conflict, NotAuthenticated
from app.idempotency import IdempotencyKey, scope_of
from app.kit.schemas import Id
from app.meetings.access import meeting_access
from app.models import Meeting
from app.voting import export, service, views
from app.voting.access import poll_access
from app.voting.batch import BallotRequest
from app.voting.runtime import VotingRuntime
from app.voting.schemas import (
    BallotAccepted,
    BallotIn,
    PollCreate,
    PollList,
    PollOpen,
    PollOut,
    VoterList,
)

router = APIRouter(prefix="/api/v1", tags=["voting"])

def _runtime(request: Request) -> VotingRuntime:
    runtime: VotingRuntime = request.app.state.voting
    return runtime


@router.post("/agenda-items/{item_id:int}/polls", response_model=PollOut,
             status_code=status.HTTP_201_CREATED)
async def create_poll(item_id: Id, body: PollCreate, principal: CurrentUser, uow: UowDep) -> PollOut:
    poll = await service.create_poll(uow.session, principal=principal, item_id=item_id, body=body)
    return await views.poll_out(uow.session, poll)


@router.get("/meetings/{meeting_id:int}/polls", response_model=PollList)
async def list_polls(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> PollList:
    access = await meeting_access(uow.session, principal, meeting_id)
    return PollList(items=await views.list_polls(uow.session, access))


@router.get("/polls/{poll_id:int}", response_model=PollOut)
async def get_poll(poll_id: Id, principal: CurrentUser, uow: UowDep) -> PollOut:
    """`me` says whether the caller has voted (and, in an open poll, for what)."""
    poll, _ = await poll_access(uow.session, principal, poll_id)
    return await views.poll_out(uow.session, poll, viewer_id=principal.user.id)


@router.post("/polls/{poll_id:int}/open", response_model=PollOut)
async def open_poll(poll_id: Id, principal: CurrentUser, uow: UowDep, request: Request,
                    body: PollOpen | None = None) -> PollOut:
    """Refused with 409 `not_quorate` unless the meeting is quorate or `override_quorum` is
    true (the override is written to the audit log)."""
    poll = await service.open_poll(uow.session, principal=principal, poll_id=poll_id,
                                   override_quorum=body.override_quorum if body else False)
    if poll.closes_at is not None:
        uow.after_commit(_wake_countdown(request))
    return await views.poll_out(uow.session, poll)


def _wake_countdown(request: Request) -> AfterCommit:
    async def wake() -> None:
        _runtime(request).deadline_set()
    return wake


@router.post("/polls/{poll_id:int}/close", response_model=PollOut)
async def close_poll(poll_id: Id, principal: CurrentUser, uow: UowDep) -> PollOut:
    poll = await service.close_poll(uow.session, principal=principal, poll_id=poll_id)
    return await views.poll_out(uow.session, poll)


@router.post("/polls/{poll_id:int}/revote", response_model=PollOut, status_code=status.HTTP_201_CREATED)
async def revote(poll_id: Id, principal: CurrentUser, uow: UowDep) -> PollOut:
    """A new draft poll with the same question and rule, linked to this closed one."""
    poll = await service.revote(uow.session, principal=principal, poll_id=poll_id)
    return await views.poll_out(uow.session, poll)


@router.delete("/polls/{poll_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_poll(poll_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    """Only a draft can be deleted."""
    await service.delete_draft(uow.session, principal=principal, poll_id=poll_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/polls/{poll_id:int}/ballots", response_model=BallotAccepted,
             status_code=status.HTTP_201_CREATED)
async def cast_ballot(poll_id: Id, body: BallotIn, request: Request, address: ClientAddress,
                      key: IdempotencyKey = None) -> Response:
    """`accepted` is answered only once the ballot's transaction has committed. A retry with
    the same Idempotency-Key gets the first answer and changes nothing."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"})
    answer = await _runtime(request).ballots.submit(BallotRequest(
        token=token, address=address, poll_id=poll_id, option_ids=body.option_ids, key=key,
        scope=scope_of(request)))
    _runtime(request).ballot_counted(poll_id)
    return Response(answer, status_code=status.HTTP_201_CREATED, media_type="application/json")


@router.get("/polls/{poll_id:int}/voters", response_model=VoterList)
async def poll_voters(poll_id: Id, principal: CurrentUser, uow: UowDep) -> VoterList:
    """Open (named) polls only, for the chair and the secretariat: each deputy who may vote and
    whether they have. A secret poll answers 409 `poll_is_secret` (progress gives the counts)."""
    poll, access = await poll_access(uow.session, principal, poll_id)
    access.require_chair()
    if poll.secret:
        raise Conflict("poll_is_secret")
    return VoterList(items=await views.voters(uow.session, poll, access.meeting.council_id))


async def _closed_poll(uow: UnitOfWork, principal: Principal, poll_id: int) -> tuple[PollOut, Meeting]:
    poll, access = await poll_access(uow.session, principal, poll_id)
    if poll.state != "closed":
        raise Conflict("poll_not_closed")
    return await views.poll_out(uow.session, poll), access.meeting


@router.get("/polls/{poll_id:int}/result.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
async def result_csv(poll_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    poll, meeting = await _closed_poll(uow, principal, poll_id)
    return Response(export.to_csv(poll, meeting), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="bieu-quyet-{poll.id}.csv"'})


@router.get("/polls/{poll_id:int}/popolo")
async def result_popolo(poll_id: Id, principal: CurrentUser, uow: UowDep) -> dict[str, Any]:
    """The result as a Popolo VoteEvent, with each deputy's vote for open polls."""
    poll, meeting = await _closed_poll(uow, principal, poll_id)
    return export.to_popolo(poll, meeting)
