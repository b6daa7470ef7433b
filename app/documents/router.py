from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.deps import CurrentUser, OwnTransactionUser, authenticate_request, bearer_token
from app.accounts.service import Principal
from app.accounts.tokens import token_digest
from app.councils.access import refuse_if_dissolved
from app.db import Database
from app.deps import ClientAddress, DatabaseDep, UowDep
from app.documents import notes, service
from app.documents.access import document_access
from app.documents.grants import ReadGrant
from app.documents.links import LinkRefused
from app.documents.package import build_package
from app.documents.runtime import DocumentRuntime
from app.documents.schemas import (
    DocumentDetail,
    DocumentList,
    DocumentOut,
    DocumentUpdate,
    FileLink,
    NotesIn,
    NotesOut,
    OutlineItem,
    Package,
    SearchResults,
)
from app.documents.search_service import search
from app.documents.serving import pdf_response
from app.documents.upload import ReceivedUpload, receive_upload
from app.errors import Forbidden, NotAuthenticated
from app.idempotency import IdempotencyKey, remember, replay, scope_of
from app.kit.schemas import MAX_ID, Id, NoNul
from app.kit.time import utcnow
from app.meetings.access import meeting_access
from app.meetings.service import require_open
from app.models import Document, DocumentVersion

router = APIRouter(prefix="/api/v1", tags=["documents"])
files_router = APIRouter(tags=["documents"])


async def _receive_checked_upload(
    request: Request, db: Database, principal: Principal, meeting_id: Id, key: str | None,
) -> tuple[ReceivedUpload, service.CheckedPdf] | Response:
    """Everything before the write transaction: permission (before the body is read), a replay
    for a retried key, streaming the file to staging, the PDF check."""
    runtime = DocumentRuntime.of(request)
    async with db.unit_of_work(write=False) as uow:
        access = await meeting_access(uow.session, principal, meeting_id)
        access.require_manage()
        await refuse_if_dissolved(uow.session, access.meeting.council_id)
        require_open(access.meeting)
        replayed = await replay(uow.session, user_id=principal.user.id, key=key,
                                scope=scope_of(request))
    if replayed is not None:
        return replayed
    received = await receive_upload(request, runtime.store,
                                    max_bytes=runtime.settings.max_upload_bytes)
    try:
        async with db.unit_of_work(write=False) as uow:
            known = await service.known_content(uow.session, received.blob.sha256)
        checked = await service.check_pdf(limits=runtime.limits, staged=received.blob,
                                          known_version_id=known)
    except BaseException:
        runtime.store.discard(received.blob)
        raise
    return received, checked


async def _store_and_answer(
    request: Request, db: Database, principal: Principal, key: str | None,
    received: ReceivedUpload,
    store: Callable[[AsyncSession], Awaitable[tuple[Document, DocumentVersion, bool]]],
) -> Response:
    """The write transaction of an upload: rows, audit, event and the remembered answer; the
    staged file is dropped on any failure; big files go to background text extraction."""
    runtime = DocumentRuntime.of(request)
    try:
        async with db.unit_of_work() as uow:
            document, version, background = await store(uow.session)
            body = service.document_out(document, version).model_dump_json()
            await remember(uow.session, user_id=principal.user.id, key=key,
                           scope=scope_of(request), status=201, body=body)
    except BaseException:
        runtime.store.discard(received.blob)
        raise
    if background:
        runtime.extractor.schedule(version.id)
    return Response(body, status_code=201, media_type="application/json")


@router.post("/meetings/{meeting_id:int}/documents", response_model=DocumentOut,
             status_code=status.HTTP_201_CREATED,
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
                 "type": "object", "required": ["file"],
                 "properties": {"file": {"type": "string", "format": "binary"},
                                "title": {"type": "string"}, "kind": {"type": "string"},
                                "agenda_item_id": {"type": "integer"},
                                "confidential": {"type": "boolean"}}}}}}})
async def upload_document(meeting_id: Id, request: Request, principal: OwnTransactionUser,
                          db: DatabaseDep, key: IdempotencyKey = None) -> Response:
    prepared = await _receive_checked_upload(request, db, principal, meeting_id, key)
    if isinstance(prepared, Response):
        return prepared
    received, checked = prepared

    async def store(session: AsyncSession) -> tuple[Document, DocumentVersion, bool]:
        fields = service.parse_upload_fields(received.fields, received.filename,
                                             await service.pdf_title_of(session, checked))
        access = await meeting_access(session, principal, meeting_id)
        return await service.upload(session, actor=principal.actor, access=access,
                                    store=DocumentRuntime.of(request).store, checked=checked,
                                    filename=received.filename, fields=fields)

    return await _store_and_answer(request, db, principal, key, received, store)


@router.post("/documents/{document_id:int}/versions", response_model=DocumentOut,
             status_code=status.HTTP_201_CREATED,
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
                 "type": "object", "required": ["file"],
                 "properties": {"file": {"type": "string", "format": "binary"}}}}}}})
async def add_version(document_id: Id, request: Request, principal: OwnTransactionUser,
                      db: DatabaseDep, key: IdempotencyKey = None) -> Response:
    async with db.unit_of_work(write=False) as uow:
        document, _ = await document_access(uow.session, principal, document_id)
        meeting_id = document.meeting_id
    prepared = await _receive_checked_upload(request, db, principal, meeting_id, key)
    if isinstance(prepared, Response):
        return prepared
    received, checked = prepared

    async def store(session: AsyncSession) -> tuple[Document, DocumentVersion, bool]:
        document, access = await document_access(session, principal, document_id)
        version, background = await service.add_version(
            session, actor=principal.actor, access=access, document=document,
            store=DocumentRuntime.of(request).store, checked=checked, filename=received.filename)
        return document, version, background

    return await _store_and_answer(request, db, principal, key, received, store)


@router.get("/meetings/{meeting_id:int}/documents", response_model=DocumentList)
async def list_documents(meeting_id: Id, principal: CurrentUser, uow: UowDep) -> DocumentList:
    access = await meeting_access(uow.session, principal, meeting_id)
    rows = await service.list_documents(uow.session, access=access)
    return DocumentList(items=[service.document_out(d, v) for d, v in rows])


@router.get("/documents/{document_id:int}", response_model=DocumentDetail)
async def get_document(document_id: Id, principal: CurrentUser, uow: UowDep) -> DocumentDetail:
    document, _ = await document_access(uow.session, principal, document_id)
    versions = await service.versions_of(uow.session, document_id)
    current = next(v for v in versions if v.version == document.current_version)
    return DocumentDetail(
        **service.document_out(document, current).model_dump(),
        pdf_title=current.pdf_title,
        outline=[OutlineItem(**entry) for entry in json.loads(current.outline or "[]")],
        versions=[service.version_out(document.id, v) for v in versions],
    )


@router.patch("/documents/{document_id:int}", response_model=DocumentOut)
async def update_document(document_id: Id, body: DocumentUpdate, principal: CurrentUser,
                          uow: UowDep) -> DocumentOut:
    document, access = await document_access(uow.session, principal, document_id)
    document = await service.update_document(uow.session, principal=principal, access=access,
                                             document=document,
                                             changes=body.model_dump(exclude_unset=True))
    version = await service.get_version(uow.session, document, None)
    return service.document_out(document, version)


@router.delete("/documents/{document_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_document(document_id: Id, principal: CurrentUser, uow: UowDep) -> Response:
    document, access = await document_access(uow.session, principal, document_id)
    await service.delete_document(uow.session, principal=principal, access=access,
                                  document=document)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def document_file(document_id: Id, request: Request, db: DatabaseDep, address: ClientAddress,
                        version: int | None = Query(default=None, ge=1, le=MAX_ID)) -> Response:
    """Range reads of one tablet come in dozens: after the first, a short-lived read grant
    (documents/grants.py) answers from memory, without the database."""
    grant = await _grant_for(request, db, address, document_id, version)
    return pdf_response(request, grant.path, etag=grant.etag, filename=grant.filename,
                        modified=grant.modified, immutable=grant.immutable)


@router.get("/documents/{document_id:int}/link", response_model=FileLink)
async def document_link(document_id: Id, request: Request, db: DatabaseDep, address: ClientAddress,
                        version: int | None = Query(default=None, ge=1, le=MAX_ID)) -> FileLink:
    """A signed URL of the document's file for the caller (their watermarked copy of a
    confidential one), valid KYHOP_FILE_LINK_TTL_S seconds: its Range reads need no token and
    are checked by the signature alone (by nginx `secure_link` in a deployment behind it)."""
    grant = await _grant_for(request, db, address, document_id, version)
    url, expires = DocumentRuntime.of(request).links.link(grant.path)
    return FileLink(url=url, expires_at=datetime.fromtimestamp(expires, UTC))


async def _grant_for(request: Request, db: Database, address: str, document_id: Id,
                     version: int | None) -> ReadGrant:
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"})
    runtime = DocumentRuntime.of(request)
    key = (token_digest(token), document_id, version)
    grant = runtime.grants.get(key)
    if grant is None:
        async with db.unit_of_work(write=False) as uow:
            principal = await authenticate_request(request, uow, address, uow_writes=False)
            grant = await _read_grant(uow.session, runtime, principal, document_id, version)
        runtime.grants.put(key, grant)
    request.state.user_id = grant.user_id
    return grant


async def _read_grant(session: AsyncSession, runtime: DocumentRuntime, principal: Principal,
                      document_id: Id, version: int | None) -> ReadGrant:
    document, _ = await document_access(session, principal, document_id)
    row = await service.get_version(session, document, version)
    path = runtime.store.path_for(row.sha256)
    etag = f'"{row.sha256}"'
    if document.confidential:
        path = await runtime.watermarker().copy_for(
            source=path, version_id=row.id, user_id=principal.user.id,
            reader_name=principal.user.full_name, now=utcnow())
        etag = f'"{row.sha256[:32]}-u{principal.user.id}-{int(path.stat().st_mtime)}"'
    return ReadGrant(user_id=principal.user.id, path=path, etag=etag, filename=row.filename,
                     modified=row.created_at, immutable=version is not None)


for _method in ("GET", "HEAD"):
    router.add_api_route(
        "/documents/{document_id}/file", document_file, methods=[_method],
        operation_id=f"document_file_{_method.lower()}", response_class=Response,
        summary="The document's PDF (current version, or ?version=n)",
        responses={200: {"content": {"application/pdf": {}}}, 206: {"description": "Range"},
                   304: {"description": "Not modified"}, 416: {"description": "Bad range"}})


@router.get("/meetings/{meeting_id:int}/package", response_model=Package)
async def package(meeting_id: Id, request: Request, principal: CurrentUser,
                  uow: UowDep) -> Package:
    access = await meeting_access(uow.session, principal, meeting_id)
    return await build_package(uow.session, access=access, principal=principal,
                               runtime=DocumentRuntime.of(request))


@router.get("/search", response_model=SearchResults)
async def search_endpoint(principal: CurrentUser, uow: UowDep,
                          q: Annotated[str, Query(min_length=1, max_length=200), NoNul],
                          meeting_id: Id | None = None,
                          scope: Literal["council", "network"] = "council") -> SearchResults:
    """`scope=network`: also meetings, papers and files harvested from other councils' OParl
    servers (each hit with its source and OParl URL)."""
    return SearchResults(items=await search(uow.session, principal=principal, query=q,
                                            meeting_id=meeting_id, network=scope == "network"))


@router.get("/documents/{document_id:int}/annotations", response_model=NotesOut)
async def read_annotations(document_id: Id, principal: CurrentUser, uow: UowDep) -> NotesOut:
    await document_access(uow.session, principal, document_id)
    return NotesOut(items=await notes.read_notes(uow.session, user_id=principal.user.id,
                                                 document_id=document_id))


@router.put("/documents/{document_id:int}/annotations", response_model=NotesOut)
async def replace_annotations(document_id: Id, body: NotesIn, principal: CurrentUser,
                              uow: UowDep) -> NotesOut:
    document, _ = await document_access(uow.session, principal, document_id)
    return NotesOut(items=await notes.replace_notes(uow.session, principal=principal,
                                                    document=document, notes=body.items))




async def signed_file(relative: str, request: Request, e: int = Query(ge=0, le=2**40),
                      s: str = Query(max_length=64)) -> Response:
    """A file by its signed link (GET /api/v1/documents/{id}/link): no token, no database."""
    try:
        path = DocumentRuntime.of(request).links.check(relative, e, s)
    except LinkRefused as refused:
        raise Forbidden(refused.code) from None
    stat = path.stat()
    return pdf_response(request, path, etag=f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"',
                        filename=path.name + ".pdf" if path.suffix != ".pdf" else path.name,
                        modified=datetime.fromtimestamp(stat.st_mtime, UTC), immutable=False)


for _method in ("GET", "HEAD"):
    files_router.add_api_route(
        "/files/{relative:path}", signed_file, methods=[_method],
        operation_id=f"signed_file_{_method.lower()}", response_class=Response,
        summary="A stored file by its signed link",
        responses={200: {"content": {"application/pdf": {}}}, 206: {"description": "Range"}})
