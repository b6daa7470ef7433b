"""Minutes and resolutions over HTTP (API.md, "The record: minutes, resolutions, signatures")."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Query, Request, Response, status

from app.accounts.deps import CurrentUser, MaybeUser, OwnTransactionUser
from app.councils.access import refuse_if_dissolved
from app.deps import DatabaseDep, UowDep
from app.documents.runtime import DocumentRuntime
from app.kit.schemas import Id
from app.meetings.access import meeting_access
from app.models import Minutes
from app.record import resolutions, service, storing
from app.record.schemas import MinutesOut, NoteIn, ResolutionCreate, ResolutionList, ResolutionOut

router = APIRouter(prefix="/api/v1", tags=["record"])


@router.get("/meetings/{meeting_id:int}/minutes", response_model=MinutesOut, summary="Biên bản: state and notes")
async def get_minutes(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> MinutesOut:
    return await service.get_minutes(uow.session, principal=principal, meeting_id=meeting_id)


@router.put("/meetings/{meeting_id:int}/minutes/notes/{item_id:int}", response_model=MinutesOut,
            summary="The secretary's summary of one item's discussion (autosaved)")
async def put_note(meeting_id: Id, item_id: Id, body: NoteIn, principal: CurrentUser, uow: UowDep) -> MinutesOut:
    return await service.put_note(uow.session, principal=principal, meeting_id=meeting_id, item_id=item_id,
                                  text=body.text)


def _file(rendered: service.Rendered, *, final: bool) -> Response:
    disposition = "inline" if rendered.media_type == "application/pdf" else "attachment"
    return Response(rendered.content, media_type=rendered.media_type, headers={
        "Content-Disposition": f'{disposition}; filename="{rendered.filename}"',
        "Cache-Control": "private, no-cache" if final else "no-store"})


async def _minutes_file(request: Request, meeting_id: int, principal: CurrentUser, uow: UowDep,
                        fmt: service.Format) -> Response:
    runtime = DocumentRuntime.of(request)
    access = await meeting_access(uow.session, principal, meeting_id)
    stored = await service.stored_final(uow.session, access, runtime, fmt, principal)
    if stored is not None:
        return _file(stored, final=True)
    rendered = await service.render(uow.session, access, runtime, fmt)
    return _file(rendered, final=rendered.filename.find("du-thao") < 0)


@router.get("/meetings/{meeting_id:int}/minutes.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}},
            summary="Biên bản (PDF), written from the record; DỰ THẢO on every page until final")
async def minutes_pdf(meeting_id: Id, request: Request, principal: CurrentUser, uow: UowDep) -> Response:
    return await _minutes_file(request, meeting_id, principal, uow, "pdf")


@router.get("/meetings/{meeting_id:int}/minutes.docx", response_class=Response,
            responses={200: {"content": {service.MEDIA_TYPES["docx"]: {}}}},
            summary="Biên bản (.docx, for Word), the same content as the PDF")
async def minutes_docx(meeting_id: Id, request: Request, principal: CurrentUser, uow: UowDep) -> Response:
    return await _minutes_file(request, meeting_id, principal, uow, "docx")


async def _store_docx(runtime: DocumentRuntime, content: bytes) -> str:
    async def chunks() -> AsyncIterator[bytes]:
        yield content

    staged = await runtime.store.receive(chunks(), max_bytes=len(content) + 1)
    await runtime.store.commit(staged)
    return staged.sha256


@router.post("/meetings/{meeting_id:int}/minutes/finalize", response_model=MinutesOut,
             summary="Freeze the minutes of a closed meeting; stored as a document of kind minutes")
async def finalize(meeting_id: Id, request: Request, principal: OwnTransactionUser, db: DatabaseDep) -> MinutesOut:
    runtime = DocumentRuntime.of(request)
    async with db.unit_of_work(write=False) as uow:
        access = await meeting_access(uow.session, principal, meeting_id)
        await refuse_if_dissolved(uow.session, access.meeting.council_id)
        minutes = await uow.session.get(Minutes, meeting_id)
        service.require_finalizable(access, minutes)
        version_seen = minutes.version if minutes else 0
        confidential = await service.covers_closed_items(uow.session, access.meeting)
        pdf = await service.render(uow.session, access, runtime, "pdf", final=True)
        docx = await service.render(uow.session, access, runtime, "docx", final=True)
    checked = await storing.stage_pdf(runtime, pdf.content)
    try:
        docx_sha256 = await _store_docx(runtime, docx.content)
        async with db.unit_of_work() as uow:
            access = await meeting_access(uow.session, principal, meeting_id)
            out, background, version_id = await service.finalize(
                uow.session, actor=principal.actor, access=access, store_docx=docx_sha256, checked=checked,
                runtime=runtime, version_seen=version_seen, confidential=confidential)
    except BaseException:
        storing.discard(runtime, checked)
        raise
    if background:
        runtime.extractor.schedule(version_id)
    return out


@router.post("/meetings/{meeting_id:int}/resolutions", response_model=ResolutionOut,
             status_code=status.HTTP_201_CREATED, summary="Nghị quyết: enter a resolution in the register")
async def create_resolution(meeting_id: Id, body: ResolutionCreate, principal: CurrentUser,
                            uow: UowDep) -> ResolutionOut:
    return await resolutions.create(uow.session, principal=principal, meeting_id=meeting_id, body=body)


@router.get("/meetings/{meeting_id:int}/resolutions", response_model=ResolutionList)
async def meeting_resolutions(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> ResolutionList:
    access = await meeting_access(uow.session, principal, meeting_id)
    return ResolutionList(items=await resolutions.meeting_resolutions(uow.session, meeting_id, guest=access.is_guest))


@router.get("/councils/{council_id:int}/resolutions", response_model=ResolutionList,
            summary="The council's register of resolutions (public ones for anyone)")
async def council_resolutions(council_id: Id, principal: MaybeUser, uow: UowDep,
                              year: int | None = Query(default=None, ge=1945, le=9999)) -> ResolutionList:
    return ResolutionList(items=await resolutions.council_register(uow.session, principal=principal,
                                                                   council_id=council_id, year=year))
