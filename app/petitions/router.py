"""Voter petitions over HTTP (API.md, "Voter petitions (kiến nghị cử tri) and supervision")."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Annotated, Any, Protocol, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import FileResponse

from app.accounts.deps import CurrentUser, OwnTransactionUser
from app.deps import DatabaseDep, UowDep
from app.documents.runtime import DocumentRuntime
from app.kit.schemas import Day, Id
from app.kit.spreadsheet import read_upload
from app.petitions import answer_http, report_service, service
from app.petitions.access import petition_reader
from app.petitions.digest import Digest
from app.petitions.petition_file import read_petition_file
from app.petitions.petition_import import plan_import, write_import
from app.petitions.report import CouncilFiguresList, Report
from app.petitions.report_service import MEDIA_TYPES, ReportFormat
from app.petitions.rules import Level, State
from app.petitions.schemas import (
    BulkResult,
    BulkUpdate,
    ImportResult,
    MergeIn,
    PetitionCreate,
    PetitionDetail,
    PetitionList,
    PetitionUpdate,
    PublicPetitionList,
    ResponseOut,
    ReviewIn,
    SimilarList,
    VoterMeetingCreate,
    VoterMeetingList,
    VoterMeetingOut,
)

router = APIRouter(prefix="/api/v1", tags=["petitions"])

Limit = Annotated[int, Query(ge=1, le=200)]
Search = Annotated[str, Query(max_length=200)]


class _Listed(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=_Listed)


def _page(request: Request, rows: Sequence[T], limit: int) -> tuple[list[T], str | None]:
    """Services are asked for one row more than the page holds: a `next` link only when there is
    something behind it (a page of exactly `limit` rows is the last one)."""
    items = list(rows[:limit])
    if len(rows) <= limit:
        return items, None
    query = {k: v for k, v in request.query_params.items() if k != "after"}
    return items, f"{request.url.path}?{urlencode({**query, 'after': items[-1].id})}"


@router.post("/councils/{council_id:int}/voter-meetings", response_model=VoterMeetingOut,
             status_code=status.HTTP_201_CREATED, summary="Tiếp xúc cử tri: a voter meeting")
async def create_voter_meeting(council_id: Id, body: VoterMeetingCreate, principal: CurrentUser,
                               uow: UowDep) -> VoterMeetingOut:
    return await service.create_voter_meeting(uow.session, principal=principal, council_id=council_id,
                                              fields=body.model_dump())


@router.get("/councils/{council_id:int}/voter-meetings", response_model=VoterMeetingList)
async def list_voter_meetings(council_id: Id, principal: CurrentUser, uow: UowDep) -> VoterMeetingList:
    return VoterMeetingList(items=await service.list_voter_meetings(
        uow.session, principal=principal, council_id=council_id))


@router.post("/councils/{council_id:int}/petitions", response_model=PetitionDetail,
             status_code=status.HTTP_201_CREATED, summary="Kiến nghị cử tri: record a petition")
async def create_petition(council_id: Id, body: PetitionCreate, principal: CurrentUser,
                          uow: UowDep) -> PetitionDetail:
    return await service.create_petition(uow.session, principal=principal, council_id=council_id,
                                         text=body.text, field=body.field, locality=body.locality,
                                         voter_meeting_id=body.voter_meeting_id)


@router.post("/councils/{council_id:int}/petitions/import", response_model=ImportResult,
             summary="Import a petition list (.xlsx or .csv); any bad row: 422, nothing written")
async def import_petition_file(council_id: Id, file: UploadFile, principal: OwnTransactionUser, db: DatabaseDep,
                               voter_meeting_id: Annotated[Id | None, Form()] = None) -> ImportResult:
    """Read and matched in a read transaction (petition_import explains why), then written."""
    async with db.unit_of_work(write=False) as uow:
        # Who may import is checked before the file is read: a stranger learns nothing from its errors.
        reader = await petition_reader(uow.session, principal, council_id)
        reader.require_manage()
        content = await read_upload(file)
        rows = await asyncio.to_thread(read_petition_file, file.filename or "", content)
        plan = await plan_import(uow.session, principal=principal, council_id=council_id, rows=rows,
                                 voter_meeting_id=voter_meeting_id)
    async with db.unit_of_work() as uow:
        created, merged = await write_import(uow.session, principal=principal, plan=plan)
    return ImportResult(created=created, merged=merged)


@router.get("/councils/{council_id:int}/petitions", response_model=PetitionList)
async def list_petitions(council_id: Id, request: Request, principal: CurrentUser, uow: UowDep,
                         state: State | None = None, agency_id: Id | None = None,
                         field: Annotated[str | None, Query(max_length=100)] = None,
                         level: Level | None = None, overdue: bool | None = None, q: Search | None = None,
                         after: Id | None = None, limit: Limit = 50) -> PetitionList:
    """The council's petitions (a respondent: their agency's), oldest first; `q` finds words
    whatever their diacritics ("duong" finds "đường")."""
    rows = await service.list_petitions(
        uow.session, principal=principal, council_id=council_id, after=after, limit=limit + 1,
        filters=service.Filters(state=state, agency_id=agency_id, field=field, level=level,
                                overdue=overdue, q=q))
    items, following = _page(request, rows, limit)
    return PetitionList(items=items, next=following)


@router.patch("/councils/{council_id:int}/petitions", response_model=BulkResult,
              summary="Classify or assign many petitions at once (all or none)")
async def bulk_update(council_id: Id, body: BulkUpdate, principal: CurrentUser, uow: UowDep) -> BulkResult:
    changes = body.model_dump(include=body.model_fields_set - {"petition_ids"})
    return BulkResult(items=await service.bulk_classify(
        uow.session, principal=principal, council_id=council_id, petition_ids=body.petition_ids,
        changes=changes))


QueryDay = Annotated[Day | None, Query(description="yyyy-mm-dd, Vietnam's calendar")]
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {
    "application/json": {}, "application/pdf": {}, MEDIA_TYPES["xlsx"]: {}}}}


@router.get("/councils/{council_id:int}/petitions/report", response_model=Report, responses=FILE_RESPONSES,
            summary="Báo cáo kết quả giải quyết kiến nghị cử tri: counts and shares, overdue list, trend")
async def petition_report(council_id: Id, request: Request, principal: CurrentUser, uow: UowDep,
                          start: Annotated[QueryDay, Query(alias="from")] = None,
                          end: Annotated[QueryDay, Query(alias="to")] = None,
                          format: ReportFormat = "json") -> Report | Response:
    """Petitions received from `from` to `to` (both included; by default this year until
    today), as JSON, an .xlsx or the official PDF. A respondent gets their agency's part; the
    province's Thường trực gets a commune's figures without the overdue list."""
    report = await report_service.petition_report(uow.session, principal=principal, council_id=council_id,
                                                  start=start, end=end)
    if format == "json":
        return report
    made = await report_service.report_file(uow.session, report, format, DocumentRuntime.of(request))
    disposition = "inline" if format == "pdf" else "attachment"
    return Response(made.content, media_type=made.media_type, headers={
        "Content-Disposition": f'{disposition}; filename="{made.filename}"', "Cache-Control": "no-store"})


@router.get("/councils/{council_id:int}/petitions/communes", response_model=CouncilFiguresList,
            summary="A province's communes side by side: their petition figures, not their voters' words")
async def commune_figures(council_id: Id, principal: CurrentUser, uow: UowDep,
                          start: Annotated[QueryDay, Query(alias="from")] = None,
                          end: Annotated[QueryDay, Query(alias="to")] = None) -> CouncilFiguresList:
    return await report_service.commune_figures(uow.session, principal=principal, council_id=council_id,
                                                start=start, end=end)


@router.get("/councils/{council_id:int}/petitions/digest", response_model=Digest,
            summary="Today's digest: overdue, due soon (the reminder), awaiting review")
async def petition_digest(council_id: Id, principal: CurrentUser, uow: UowDep) -> Digest:
    """A respondent's is their agency's work: petitions past their due day without an answer
    and those due within `remind_days`. The secretariat's adds the answers awaiting review and
    the count of petitions without an agency."""
    return await report_service.petition_digest(uow.session, principal=principal, council_id=council_id)


# Percent-encoded, a character may take 12 bytes of the URL; the HTTP parser refuses lines over ~80 KB.
SIMILAR_TEXT_MAX = 2_000


@router.get("/councils/{council_id:int}/petitions/similar", response_model=SimilarList,
            summary="Likely duplicates of a text, best first")
async def similar_petitions(council_id: Id, request: Request, principal: CurrentUser, uow: UowDep,
                            text: Annotated[str, Query(min_length=1, max_length=SIMILAR_TEXT_MAX, description=(
                                f"the words typed so far; {SIMILAR_TEXT_MAX:,} characters at most, so that the "
                                "address stays under what HTTP servers and proxies accept"))],
                            limit: Annotated[int, Query(ge=1, le=50)] = 10) -> SimilarList:
    return SimilarList(items=await service.similar(uow.session, principal=principal, council_id=council_id,
                                                   text=text, limit=limit,
                                                   candidates=request.app.state.petition_candidates))


@router.get("/petitions/{petition_id:int}", response_model=PetitionDetail)
async def get_petition(petition_id: Id, principal: CurrentUser, uow: UowDep) -> PetitionDetail:
    return await service.get_petition(uow.session, principal=principal, petition_id=petition_id)


@router.patch("/petitions/{petition_id:int}", response_model=PetitionDetail)
async def update_petition(petition_id: Id, body: PetitionUpdate, principal: CurrentUser,
                          uow: UowDep) -> PetitionDetail:
    """Classify (level, field, needs_resources) and assign (agency_id, due_on): a received
    petition is `assigned` once it has both an agency and a due date."""
    return await service.classify(uow.session, principal=principal, petition_id=petition_id,
                                  changes=body.model_dump(include=body.model_fields_set))


@router.post("/petitions/{petition_id:int}/merge", response_model=PetitionDetail)
async def merge_petitions(petition_id: Id, body: MergeIn, principal: CurrentUser,
                          uow: UowDep) -> PetitionDetail:
    return await service.merge(uow.session, principal=principal, petition_id=petition_id,
                               petition_ids=body.petition_ids)


@router.post("/petitions/{petition_id:int}/responses", response_model=ResponseOut,
             status_code=status.HTTP_201_CREATED, openapi_extra=answer_http.RESPONSE_BODY,
             summary="The agency's answer, with its letter as an optional PDF")
async def respond(petition_id: Id, request: Request, principal: OwnTransactionUser, db: DatabaseDep) -> Response:
    return await answer_http.respond(request, principal, db, petition_id, "petition")


@router.get("/petitions/{petition_id:int}/responses/{response_id:int}/file", response_class=FileResponse,
            summary="The PDF attached to an answer")
async def response_file(petition_id: Id, response_id: Id, request: Request, principal: OwnTransactionUser,
                        db: DatabaseDep) -> FileResponse:
    return await answer_http.attachment(request, principal, db, petition_id, response_id, "petition")


@router.post("/petitions/{petition_id:int}/review", response_model=PetitionDetail,
             summary="Thường trực's review: accepted closes it, else back to assigned")
async def review(petition_id: Id, body: ReviewIn, principal: CurrentUser, uow: UowDep) -> PetitionDetail:
    return await service.review(uow.session, principal=principal, petition_id=petition_id,
                                accepted=body.accepted, comment=body.comment)


@router.get("/public/councils/{council_id:int}/petitions", response_model=PublicPetitionList,
            summary="Closed petitions and their answers, for anyone; no voter's personal data")
async def public_petitions(council_id: Id, request: Request, uow: UowDep, after: Id | None = None,
                           limit: Limit = 50) -> PublicPetitionList:
    rows = await service.public_petitions(uow.session, council_id=council_id, after=after, limit=limit + 1)
    items, following = _page(request, rows, limit)
    return PublicPetitionList(items=items, next=following)
