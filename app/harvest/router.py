"""Following other councils' OParl servers (API.md, "Open data and sharing", Harvest).

Who: adding and removing a source is for administrators (what the server connects to is theirs to
decide); a council's secretariat sees its sources and may ask for a run; the harvested copy is
public data of the source, readable by whoever sees the council. A source added from the command
line without a council is the administrators' (its copy: any logged-in user's to read)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.deps import CurrentUser
from app.accounts.service import Principal
from app.councils.access import MANAGER_ROLES, council_access, require_council_role
from app.db import UnitOfWork
from app.deps import LanguageDep, UowDep
from app.errors import Forbidden, NotFound
from app.harvest import service
from app.harvest.scheduler import HarvestScheduler
from app.harvest.schemas import (
    HarvestedList,
    HarvestedOut,
    OparlType,
    SourceCreate,
    SourceList,
    SourceOut,
)
from app.i18n import Language
from app.kit.schemas import Id
from app.models import HarvestSource

router = APIRouter(prefix="/api/v1", tags=["harvest"])
ADMINS_ONLY: frozenset[str] = frozenset()
Need = Literal["read", "manage", "admin"]


def _scheduler(request: Request) -> HarvestScheduler:
    scheduler: HarvestScheduler = request.app.state.harvest
    return scheduler


def _kick_after_commit(request: Request, uow: UnitOfWork) -> None:
    scheduler = _scheduler(request)

    async def kick() -> None:
        scheduler.kick()

    uow.after_commit(kick)


async def _source(session: AsyncSession, principal: Principal, source_id: int, need: Need
                  ) -> HarvestSource:
    """The source, if the caller may do `need` with it (its council's checks: 404 for those who
    do not see the council, 409 for a write to a dissolved one, then 403)."""
    source = await session.get(HarvestSource, source_id)
    if source is None:
        raise NotFound()
    if source.council_id is None:
        if need != "read" and not principal.user.is_admin:
            raise Forbidden()
        return source
    access = await council_access(session, principal, source.council_id)
    roles = {"read": None, "manage": MANAGER_ROLES, "admin": ADMINS_ONLY}[need]
    if roles is not None and not access.has_role(roles):
        raise Forbidden()
    return source


def _out(source: HarvestSource, language: Language) -> SourceOut:
    return SourceOut(id=source.id, council_id=source.council_id, url=source.url, state=source.state,
                     last_run_at=source.last_run_at, counts=service.counts_of(source),
                     error=service.error_text(source, language), error_code=source.error_code,
                     requests=source.requests, bytes=source.bytes, received=source.received,
                     created_at=source.created_at)


@router.post("/councils/{council_id:int}/sources", response_model=SourceOut,
             status_code=status.HTTP_201_CREATED)
async def create_source(council_id: Id, body: SourceCreate, request: Request,
                        principal: CurrentUser, uow: UowDep, language: LanguageDep) -> SourceOut:
    """Follow another server's OParl system; its first (full) harvest starts in the background.
    422 for a URL that is not http(s) or not allowed by KYHOP_HARVEST_ALLOW."""
    await require_council_role(uow.session, principal, council_id, ADMINS_ONLY)
    source = await service.create_source(uow.session, actor=principal.actor, council_id=council_id,
                                         url=body.url, allow=_scheduler(request).run_settings.allow)
    _kick_after_commit(request, uow)
    return _out(source, language)


@router.get("/councils/{council_id:int}/sources", response_model=SourceList)
async def list_sources(council_id: Id, principal: CurrentUser, uow: UowDep,
                       language: LanguageDep) -> SourceList:
    await require_council_role(uow.session, principal, council_id, MANAGER_ROLES)
    found = await service.list_sources(uow.session, council_id=council_id)
    return SourceList(items=[_out(source, language) for source in found])


@router.get("/sources/{source_id:int}", response_model=SourceOut)
async def get_source(source_id: Id, principal: CurrentUser, uow: UowDep,
                     language: LanguageDep) -> SourceOut:
    return _out(await _source(uow.session, principal, source_id, "manage"), language)


@router.post("/sources/{source_id:int}/run", response_model=SourceOut,
             status_code=status.HTTP_202_ACCEPTED)
async def run_source(source_id: Id, request: Request, principal: CurrentUser, uow: UowDep,
                     language: LanguageDep, full: bool = False) -> SourceOut:
    """Harvest again now, in the background (`full`: everything, not only what changed)."""
    source = await _source(uow.session, principal, source_id, "manage")
    await service.request_run(uow.session, actor=principal.actor, source=source, full=full)
    _kick_after_commit(request, uow)
    return _out(source, language)


@router.delete("/sources/{source_id:int}", status_code=status.HTTP_204_NO_CONTENT,
               response_class=Response)
async def delete_source(source_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    """Stop following the source and drop its harvested copy."""
    source = await _source(uow.session, principal, source_id, "admin")
    await service.delete_source(uow.session, actor=principal.actor, source=source)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/sources/{source_id:int}/objects", response_model=HarvestedList)
async def list_objects(source_id: Id, principal: CurrentUser, uow: UowDep,
                       type: OparlType | None = None, after: Id | None = None,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50) -> HarvestedList:
    """The harvested copy, listed under the source's council: what the source last published."""
    await _source(uow.session, principal, source_id, "read")
    rows = await service.list_objects(uow.session, source_id=source_id, kind=type, after=after,
                                      limit=limit)
    following = None
    if len(rows) == limit:
        query = f"after={rows[-1].id}&limit={limit}" + (f"&type={type}" if type else "")
        following = f"/api/v1/sources/{source_id}/objects?{query}"
    return HarvestedList(next=following, items=[
        HarvestedOut(id=row.id, oparl_id=row.oparl_id, type=row.type, body=row.body,
                     name=row.name, modified=row.modified, data=json.loads(row.data))
        for row in rows])

