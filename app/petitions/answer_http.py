"""An agency's answer over HTTP, for petitions and recommendations alike: JSON, or the same
fields as multipart/form-data with the agency's letter as a PDF (`file`), and that PDF back."""

from __future__ import annotations

from fastapi import Request, Response, status
from fastapi.responses import FileResponse

from app.accounts.service import Principal
from app.db import Database
from app.documents.attached_pdf import discard_on_failure, multipart_body, read_body_with_pdf
from app.documents.storage import BlobStore
from app.petitions import service
from app.petitions.access import Kind, petition_access
from app.petitions.schemas import ResponseIn

RESPONSE_BODY = multipart_body(
    {"status": {"type": "string", "enum": ["resolved", "explained", "in_progress", "unresolved"]},
     "text": {"type": "string"}, "plan_due_on": {"type": "string", "format": "date"}},
    ["status", "text"])


async def respond(request: Request, principal: Principal, db: Database, petition_id: int,
                  kind: Kind) -> Response:
    store: BlobStore = request.app.state.documents.store

    async def may_answer() -> None:
        async with db.unit_of_work(write=False) as uow:
            petition, reader = await petition_access(uow.session, principal, petition_id, kind)
            reader.require_answer(petition)

    body, pdf = await read_body_with_pdf(request, ResponseIn, may_send=may_answer)
    async with discard_on_failure(store, pdf), db.unit_of_work() as uow:
        out = await service.respond(uow.session, principal=principal, petition_id=petition_id,
                                    status=body.status, text=body.text, plan_due_on=body.plan_due_on,
                                    kind=kind, store=store, pdf=pdf)
    return Response(out.model_dump_json(), status_code=status.HTTP_201_CREATED, media_type="application/json")


async def attachment(request: Request, principal: Principal, db: Database, petition_id: int,
                     response_id: int, kind: Kind) -> FileResponse:
    async with db.unit_of_work(write=False) as uow:
        sha256, filename = await service.response_attachment(
            uow.session, principal=principal, petition_id=petition_id, response_id=response_id, kind=kind)
    return FileResponse(request.app.state.documents.store.path_for(sha256), media_type="application/pdf",
                        filename=filename, content_disposition_type="inline")
