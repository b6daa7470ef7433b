"""POST /documents/{id}/sign and GET /documents/{id}/signatures (API.md, "The record")."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.accounts.deps import CurrentUser, OwnTransactionUser
from app.deps import DatabaseDep, UowDep
from app.documents.access import document_access
from app.documents.runtime import DocumentRuntime
from app.documents.schemas import DocumentOut
from app.documents.service import document_out, get_version
from app.idempotency import IdempotencyKey, remember, replay, scope_of
from app.kit.schemas import MAX_ID, Id
from app.record import signatures
from app.record.keys import key_encryption_key
from app.record.signing_schemas import SignatureList, SignatureOut, SignIn
from app.record.stamp_font import stamp_font
from app.record.storing import discard, stage_pdf

router = APIRouter(prefix="/api/v1", tags=["record"])


@router.post("/documents/{document_id:int}/sign", response_model=DocumentOut,
             status_code=status.HTTP_201_CREATED)
async def sign_document(document_id: Id, body: SignIn, request: Request,
                        principal: OwnTransactionUser, db: DatabaseDep,
                        key: IdempotencyKey = None) -> Response:
    """Signs the current version with the caller's registered key (PAdES; B-T when
    KYHOP_TSA_URL is set, else B-B) and stores the result as the next version."""
    runtime = DocumentRuntime.of(request)
    settings = runtime.settings
    async with db.unit_of_work(write=False) as uow:
        job = await signatures.prepare_signing(
            uow.session, principal=principal, document_id=document_id, reason=body.reason,
            visible=body.visible, seal_dir=settings.seal_dir)
        replayed = await replay(uow.session, user_id=principal.user.id, key=key,
                                scope=scope_of(request))
    if replayed is not None:
        return replayed
    source = runtime.store.path_for(job.sha256)

    def sign() -> bytes:
        return signatures.sign_job(
            job, pdf=source.read_bytes(), kek=key_encryption_key(settings),
            tsa_url=settings.tsa_url, font=stamp_font(settings.data_dir / "fonts",
                                                      settings.font_path))

    checked = await stage_pdf(runtime, await asyncio.to_thread(sign))
    try:
        async with db.unit_of_work() as uow:
            document, version, background = await signatures.store_signed(
                uow.session, principal=principal, job=job, checked=checked, store=runtime.store)
            answer = document_out(document, version).model_dump_json()
            await remember(uow.session, user_id=principal.user.id, key=key,
                           scope=scope_of(request), status=201, body=answer)
    except BaseException:
        discard(runtime, checked)
        raise
    if background:
        runtime.extractor.schedule(version.id)
    return Response(answer, status_code=201, media_type="application/json")


@router.get("/documents/{document_id:int}/signatures", response_model=SignatureList)
async def list_signatures(
    document_id: Id, request: Request, principal: CurrentUser, uow: UowDep,
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> SignatureList:
    """Every signature in the version (the current one by default), made here or already in
    an uploaded PDF, as judged against KYHOP_TRUST_ROOTS."""
    runtime = DocumentRuntime.of(request)
    document, _ = await document_access(uow.session, principal, document_id)
    row = await get_version(uow.session, document, version)
    roots = await asyncio.to_thread(signatures.trust_roots, runtime.settings.trust_roots)
    reports = await signatures.stored_signatures(runtime.store.path_for(row.sha256), row.sha256,
                                                 roots)
    return SignatureList(items=[SignatureOut.model_validate(r.to_dict()) for r in reports])
