from __future__ import annotations

from fastapi import APIRouter, status

from app.accounts.deps import CurrentUser
from app.agencies import service
from app.agencies.schemas import AgencyCreate, AgencyList, AgencyOut, Respondent
from app.councils.access import MANAGER_ROLES, council_access, require_council_role
from app.deps import UowDep
from app.kit.schemas import Id

router = APIRouter(prefix="/api/v1", tags=["agencies"])


@router.post("/councils/{council_id:int}/agencies", response_model=AgencyOut,
             status_code=status.HTTP_201_CREATED)
async def create_agency(council_id: Id, body: AgencyCreate, principal: CurrentUser,
                        uow: UowDep) -> AgencyOut:
    """An agency whose officials answer questions and petitions (UBND, Sở …, Tòa án, VKS)."""
    await require_council_role(uow.session, principal, council_id, MANAGER_ROLES)
    agency = await service.create_agency(uow.session, actor=principal.actor, council_id=council_id,
                                         name=body.name, kind=body.kind, parent_id=body.parent_id)
    return AgencyOut.model_validate(agency)


@router.get("/councils/{council_id:int}/agencies", response_model=AgencyList)
async def list_agencies(council_id: Id, principal: CurrentUser, uow: UowDep) -> AgencyList:
    await council_access(uow.session, principal, council_id)
    found = await service.list_agencies(uow.session, council_id=council_id)
    return AgencyList(items=[
        AgencyOut(id=agency.id, council_id=agency.council_id, name=agency.name, kind=agency.kind,
                  parent_id=agency.parent_id,
                  respondents=[Respondent(user_id=user.id, full_name=user.full_name,
                                          position=membership.title)
                               for membership, user in respondents])
        for agency, respondents in found])
