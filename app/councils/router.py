from __future__ import annotations

from fastapi import APIRouter, Response, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.deps import AdminUser, CurrentUser
from app.councils import service, succession
from app.councils.access import MANAGER_ROLES, council_access, require_council_role
from app.councils.member_file import read_member_file
from app.councils.member_import import import_members
from app.councils.schemas import (
    CarryOverIn,
    CarryOverResult,
    CommitteeCreate,
    CommitteeList,
    CommitteeOut,
    CouncilCreate,
    CouncilList,
    CouncilOut,
    CouncilRef,
    CouncilUpdate,
    DissolveIn,
    ImportResult,
    MemberCreate,
    MemberList,
    MemberOut,
    MemberUpdate,
    TermCreate,
    TermList,
    TermOut,
)
from app.deps import UowDep
from app.kit.schemas import Id
from app.kit.spreadsheet import read_upload
from app.models import Council, Membership, User

router = APIRouter(prefix="/api/v1", tags=["councils"])



def _member_out(membership: Membership, user: User,
                carried_from: dict[int, int] | None = None) -> MemberOut:
    return MemberOut(
        user_id=user.id, username=user.username, full_name=user.full_name, role=membership.role,
        voting_right=membership.voting_right, title=membership.title, position=membership.title,
        unit=membership.unit, committee_id=membership.committee_id, term_id=membership.term_id,
        agency_id=membership.agency_id,
        carried_from_council_id=(carried_from or {}).get(membership.id),
    )


async def _councils_out(session: AsyncSession, councils: list[Council]) -> list[CouncilOut]:
    predecessors, successors, children = await succession.related(session, [c.id for c in councils])

    def refs(found: list[Council]) -> list[CouncilRef]:
        return [CouncilRef.model_validate(c) for c in found]

    return [CouncilOut(
        id=c.id, name=c.name, level=c.level, unit_kind=c.unit_kind, code=c.code,
        parent_id=c.parent_id, quorum_numerator=c.quorum_numerator,
        quorum_denominator=c.quorum_denominator, dissolved_on=c.dissolved_on,
        predecessors=refs(predecessors[c.id]), successors=refs(successors[c.id]),
        children=refs(children[c.id]), created_at=c.created_at) for c in councils]


async def _council_out(session: AsyncSession, council: Council) -> CouncilOut:
    return (await _councils_out(session, [council]))[0]


@router.post("/councils", response_model=CouncilOut, status_code=status.HTTP_201_CREATED)
async def create_council(body: CouncilCreate, admin: AdminUser, uow: UowDep) -> CouncilOut:
    council = await service.create_council(uow.session, actor=admin.actor, **body.model_dump())
    return await _council_out(uow.session, council)


@router.get("/councils", response_model=CouncilList)
async def list_councils(principal: CurrentUser, uow: UowDep) -> CouncilList:
    councils = await service.visible_councils(uow.session, principal=principal)
    return CouncilList(items=await _councils_out(uow.session, councils))


@router.get("/councils/{council_id:int}", response_model=CouncilOut)
async def get_council(council_id: Id, principal: CurrentUser, uow: UowDep) -> CouncilOut:
    council = (await council_access(uow.session, principal, council_id)).council
    return await _council_out(uow.session, council)


@router.patch("/councils/{council_id:int}", response_model=CouncilOut)
async def update_council(
    council_id: Id, body: CouncilUpdate, principal: CurrentUser, uow: UowDep
) -> CouncilOut:
    council = await service.update_council(uow.session, principal=principal, council_id=council_id,
                                           changes=body.model_dump(exclude_unset=True))
    return await _council_out(uow.session, council)


@router.post("/councils/{council_id:int}/dissolve", response_model=CouncilOut)
async def dissolve_council(council_id: Id, body: DissolveIn, admin: AdminUser,
                           uow: UowDep) -> CouncilOut:
    """Giải thể: the council becomes read-only from `dissolved_on`; a successor takes over."""
    council = (await council_access(uow.session, admin, council_id)).council
    council = await succession.dissolve(uow.session, actor=admin.actor, council=council,
                                        dissolved_on=body.dissolved_on,
                                        successor_id=body.successor_id)
    return await _council_out(uow.session, council)


@router.post("/councils/{council_id:int}/members/carry-over", response_model=CarryOverResult)
async def carry_over_members(council_id: Id, body: CarryOverIn, principal: CurrentUser,
                             uow: UowDep) -> CarryOverResult:
    """Carry the deputies of dissolved predecessors into this council (Art. 54(4))."""
    carried, already = await succession.carry_over(
        uow.session, principal=principal, council_id=council_id,
        predecessor_ids=body.predecessor_ids, term_id=body.term_id)
    return CarryOverResult(carried=carried, already_members=already)


@router.get("/councils/{council_id:int}/members", response_model=MemberList)
async def list_members(council_id: Id, principal: CurrentUser, uow: UowDep) -> MemberList:
    await council_access(uow.session, principal, council_id)
    members = await service.list_members(uow.session, council_id=council_id)
    carried_from = await service.carried_from_councils(uow.session, [m for m, _ in members])
    return MemberList(items=[_member_out(m, u, carried_from) for m, u in members])


@router.post("/councils/{council_id:int}/members", response_model=MemberOut,
             status_code=status.HTTP_201_CREATED)
async def add_member(
    council_id: Id, body: MemberCreate, principal: CurrentUser, uow: UowDep
) -> MemberOut:
    membership, user = await service.add_member(uow.session, principal=principal,
                                                council_id=council_id, fields=body.model_dump())
    return _member_out(membership, user)


@router.patch("/councils/{council_id:int}/members/{user_id:int}", response_model=MemberOut)
async def update_member(
    council_id: Id, user_id: Id, body: MemberUpdate, principal: CurrentUser, uow: UowDep
) -> MemberOut:
    membership, user = await service.update_member(
        uow.session, principal=principal, council_id=council_id, user_id=user_id,
        changes=body.model_dump(exclude_unset=True))
    return _member_out(membership, user)


@router.delete("/councils/{council_id:int}/members/{user_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_member(council_id: Id, user_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    await service.remove_member(uow.session, principal=principal, council_id=council_id,
                                user_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/councils/{council_id:int}/members/import", response_model=ImportResult)
async def import_member_file(
    council_id: Id, file: UploadFile, principal: CurrentUser, uow: UowDep
) -> ImportResult:
    await require_council_role(uow.session, principal, council_id, MANAGER_ROLES)
    rows = read_member_file(file.filename or "", await read_upload(file))
    return await import_members(uow.session, actor=principal.actor, council_id=council_id, rows=rows)


@router.get("/councils/{council_id:int}/terms", response_model=TermList)
async def list_terms(council_id: Id, principal: CurrentUser, uow: UowDep) -> TermList:
    await council_access(uow.session, principal, council_id)
    terms = await service.list_terms(uow.session, council_id=council_id)
    return TermList(items=[TermOut.model_validate(t) for t in terms])


@router.post("/councils/{council_id:int}/terms", response_model=TermOut,
             status_code=status.HTTP_201_CREATED)
async def create_term(council_id: Id, body: TermCreate, principal: CurrentUser, uow: UowDep) -> TermOut:
    term = await service.create_term(uow.session, principal=principal, council_id=council_id,
                                     fields=body.model_dump())
    return TermOut.model_validate(term)


@router.get("/councils/{council_id:int}/committees", response_model=CommitteeList)
async def list_committees(council_id: Id, principal: CurrentUser, uow: UowDep) -> CommitteeList:
    await council_access(uow.session, principal, council_id)
    committees = await service.list_committees(uow.session, council_id=council_id)
    return CommitteeList(items=[CommitteeOut.model_validate(c) for c in committees])


@router.post("/councils/{council_id:int}/committees", response_model=CommitteeOut,
             status_code=status.HTTP_201_CREATED)
async def create_committee(
    council_id: Id, body: CommitteeCreate, principal: CurrentUser, uow: UowDep
) -> CommitteeOut:
    committee = await service.create_committee(uow.session, principal=principal,
                                               council_id=council_id, fields=body.model_dump())
    return CommitteeOut.model_validate(committee)
