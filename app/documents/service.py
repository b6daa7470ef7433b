"""Documents of a meeting and their versions: upload, replace, edit, list."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import Actor, record
from app.documents.access import audience_of, readable_by
from app.documents.pdf import PdfInfo, inspect_pdf
from app.documents.schemas import DocumentOut, UploadFields, VersionOut
from app.documents.storage import BlobStore, StagedBlob
from app.documents.titles import default_title
from app.errors import Invalid, NotFound
from app.kit.text import fold
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import MeetingAccess
from app.meetings.service import require_open
from app.models import AgendaItem, Document, DocumentPage, DocumentVersion


@dataclass(frozen=True)
class PdfLimits:
    inline_bytes: int
    timeout_s: float
    memory_mb: int


def file_url(document_id: int, version: int | None = None) -> str:
    url = f"/api/v1/documents/{document_id}/file"
    return f"{url}?version={version}" if version is not None else url


def document_out(document: Document, version: DocumentVersion) -> DocumentOut:
    return DocumentOut(
        id=document.id, meeting_id=document.meeting_id, title=document.title, kind=document.kind,
        version=version.version, pages=version.pages, size=version.size, sha256=version.sha256,
        confidential=document.confidential, agenda_item_id=document.agenda_item_id,
        filename=version.filename, status=version.status, pages_done=version.pages_done,
        signatures=version.signature_count,
        url=file_url(document.id, version.version), created_at=document.created_at,
        updated_at=document.updated_at,
    )


def version_out(document_id: int, version: DocumentVersion) -> VersionOut:
    return VersionOut(
        version=version.version, size=version.size, sha256=version.sha256, pages=version.pages,
        filename=version.filename, status=version.status, pages_done=version.pages_done,
        signatures=version.signature_count,
        created_at=version.created_at, url=file_url(document_id, version.version),
    )


def parse_upload_fields(fields: dict[str, str], filename: str, pdf_title: str | None = None) -> UploadFields:
    values: dict[str, Any] = {k: v for k, v in fields.items() if v.strip() != ""}
    if "title" not in values and (filename or pdf_title):
        values["title"] = default_title(pdf_title, filename)
    if "confidential" in values:
        values["confidential"] = values["confidential"].strip().lower() in ("true", "1", "yes", "on")
    try:
        return UploadFields.model_validate(values)
    except ValidationError as exc:
        raise Invalid(details=[{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
                               for e in exc.errors()]) from None


async def get_version(session: AsyncSession, document: Document, number: int | None) -> DocumentVersion:
    version = await session.scalar(select(DocumentVersion).where(
        DocumentVersion.document_id == document.id,
        DocumentVersion.version == (number if number is not None else document.current_version)))
    if version is None:
        raise NotFound()
    return version


async def _check_item(session: AsyncSession, meeting_id: int, item_id: int | None) -> None:
    if item_id is None:
        return
    item = await session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise Invalid("unknown_agenda_item")


async def known_content(session: AsyncSession, sha256: str) -> int | None:
    """An already processed version with the same bytes: its results can be reused."""
    return await session.scalar(
        select(DocumentVersion.id).where(DocumentVersion.sha256 == sha256,
                                         DocumentVersion.status == "ready")
        .order_by(DocumentVersion.id).limit(1))


def store_pages(session: AsyncSession, version_id: int, texts: list[str]) -> None:
    session.add_all(DocumentPage(version_id=version_id, page=number, text=text, folded=fold(text))
                    for number, text in enumerate(texts, start=1))


@dataclass(frozen=True)
class CheckedPdf:
    """An upload that passed the PDF check, ready to be stored."""

    staged: StagedBlob
    info: PdfInfo | None  # None when the same bytes were processed before
    known_version_id: int | None


async def pdf_title_of(session: AsyncSession, checked: CheckedPdf) -> str | None:
    """The Title in the PDF's metadata, also when the same bytes were stored before."""
    if checked.info is not None:
        return checked.info.title
    if checked.known_version_id is None:
        return None
    return await session.scalar(select(DocumentVersion.pdf_title).where(
        DocumentVersion.id == checked.known_version_id))


async def check_pdf(
    *, limits: PdfLimits, staged: StagedBlob, known_version_id: int | None
) -> CheckedPdf:
    """Runs pypdf on the upload (outside any transaction: it can take a while). Small files get
    their text at once; the text of big ones is extracted after the answer. Bytes processed
    before (`known_version_id`, see known_content) are not checked again."""
    if known_version_id is not None:
        return CheckedPdf(staged, None, known_version_id)
    info = await inspect_pdf(staged.path, timeout_s=limits.timeout_s,
                             memory_limit_mb=limits.memory_mb,
                             extract_text=staged.size <= limits.inline_bytes)
    return CheckedPdf(staged, info, None)


async def _new_version(
    session: AsyncSession, *, store: BlobStore, checked: CheckedPdf, document_id: int,
    number: int, filename: str, uploaded_by: int | None,
) -> tuple[DocumentVersion, bool]:
    """Stores a checked PDF as a version. Returns (version, needs background text)."""
    staged, info = checked.staged, checked.info
    known = await session.get(DocumentVersion, checked.known_version_id) \
        if checked.known_version_id is not None else None
    await store.commit(staged)
    version = DocumentVersion(
        document_id=document_id, version=number, sha256=staged.sha256, size=staged.size,
        filename=filename[:255] or f"tai-lieu-{document_id}.pdf", uploaded_by=uploaded_by,
        claimed_at=utcnow(),
    )
    if known is not None:
        version.pages, version.pdf_title, version.outline = known.pages, known.pdf_title, known.outline
        version.signature_count = known.signature_count
        version.status, version.pages_done, version.processed_at = "ready", known.pages or 0, utcnow()
    else:
        assert info is not None
        version.pages = info.page_count
        version.signature_count = info.signature_count
        version.pdf_title = (info.title or "")[:500]
        version.outline = json.dumps([asdict(e) for e in info.outline], ensure_ascii=False)
        version.status = "ready" if info.pages_text or info.page_count == 0 else "processing"
        if version.status == "ready":
            version.pages_done, version.processed_at = info.page_count, utcnow()
    session.add(version)
    await session.flush()
    if known is not None:  # copy the pages' text in the database, without a round trip
        await session.execute(insert(DocumentPage).from_select(
            ["version_id", "page", "text", "folded"],
            select(literal(version.id), DocumentPage.page, DocumentPage.text, DocumentPage.folded)
            .where(DocumentPage.version_id == known.id)))
    elif info is not None and info.pages_text:
        store_pages(session, version.id, info.pages_text)
    await session.flush()
    return version, version.status == "processing"


async def upload(
    session: AsyncSession, *, actor: Actor, access: MeetingAccess, store: BlobStore,
    checked: CheckedPdf, filename: str, fields: UploadFields, of_the_record: bool = False,
) -> tuple[Document, DocumentVersion, bool]:
    """`of_the_record`: the final minutes, stored once the meeting is closed (app.record)."""
    access.require_manage()
    meeting = access.meeting
    if not of_the_record:
        require_open(meeting)
    await _check_item(session, meeting.id, fields.agenda_item_id)
    now = utcnow()
    document = Document(meeting_id=meeting.id, title=fields.title, kind=fields.kind,
                        confidential=fields.confidential, agenda_item_id=fields.agenda_item_id,
                        current_version=1, updated_at=now)
    session.add(document)
    await session.flush()
    version, background = await _new_version(
        session, store=store, checked=checked, document_id=document.id, number=1,
        filename=filename, uploaded_by=actor.user_id)
    await record(session, actor=actor, action="document.upload", target_type="document",
                 target_id=document.id, council_id=meeting.council_id,
                 details={"meeting_id": meeting.id, "title": document.title, "kind": document.kind,
                          "confidential": document.confidential, "sha256": version.sha256,
                          "size": version.size})
    await emit(session, meeting_id=meeting.id, type="document.added",
               data={"document": document_out(document, version).model_dump(mode="json")},
               audience=await audience_of(session, document))
    return document, version, background


async def add_version(
    session: AsyncSession, *, actor: Actor, access: MeetingAccess, document: Document,
    store: BlobStore, checked: CheckedPdf, filename: str, of_the_record: bool = False,
) -> tuple[DocumentVersion, bool]:
    """`of_the_record`: a signed version, added after the meeting closed too (app.record); the
    caller has checked who may sign."""
    if not of_the_record:
        access.require_manage()
        require_open(access.meeting)
    latest = await session.scalar(select(func.max(DocumentVersion.version)).where(
        DocumentVersion.document_id == document.id)) or 0
    version, background = await _new_version(
        session, store=store, checked=checked, document_id=document.id,
        number=latest + 1, filename=filename, uploaded_by=actor.user_id)
    document.current_version = version.version
    document.updated_at = utcnow()
    await record(session, actor=actor, action="document.version", target_type="document",
                 target_id=document.id, council_id=access.meeting.council_id,
                 details={"version": version.version, "sha256": version.sha256,
                          "size": version.size})
    await emit(session, meeting_id=document.meeting_id, type="document.updated",
               data={"document": document_out(document, version).model_dump(mode="json")},
               audience=await audience_of(session, document))
    return version, background


async def update_document(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, document: Document,
    changes: dict[str, Any],
) -> Document:
    access.require_manage()
    require_open(access.meeting)
    if "agenda_item_id" in changes:
        await _check_item(session, document.meeting_id, changes["agenda_item_id"])
    before = await audience_of(session, document)
    for key, value in changes.items():
        if value is not None or key == "agenda_item_id":
            setattr(document, key, value)
    document.updated_at = utcnow()
    await session.flush()
    version = await get_version(session, document, None)
    await record(session, actor=principal.actor, action="document.update", target_type="document",
                 target_id=document.id, council_id=access.meeting.council_id, details=changes)
    after = await audience_of(session, document)
    data = {"document": document_out(document, version).model_dump(mode="json")}
    if before == after:
        await emit(session, meeting_id=document.meeting_id, type="document.updated", data=data,
                   audience=after)
    else:  # guests gain or lose the document; the others just see it change
        await emit(session, meeting_id=document.meeting_id, type="document.updated", data=data,
                   audience="confidential")
        if after == "confidential":
            await emit(session, meeting_id=document.meeting_id, type="document.removed",
                       data={"document_id": document.id}, audience="guests")
        else:
            await emit(session, meeting_id=document.meeting_id, type="document.added", data=data,
                       audience="guests")
    return document


async def delete_document(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, document: Document
) -> None:
    access.require_manage()
    require_open(access.meeting)
    audience = await audience_of(session, document)
    await record(session, actor=principal.actor, action="document.delete", target_type="document",
                 target_id=document.id, council_id=access.meeting.council_id,
                 details={"title": document.title})
    await session.delete(document)
    await session.flush()
    await emit(session, meeting_id=access.meeting.id, type="document.removed",
               data={"document_id": document.id}, audience=audience)


async def list_documents(
    session: AsyncSession, *, access: MeetingAccess
) -> list[tuple[Document, DocumentVersion]]:
    rows = await session.execute(
        select(Document, DocumentVersion)
        .join(DocumentVersion, (DocumentVersion.document_id == Document.id)
              & (DocumentVersion.version == Document.current_version))
        .where(Document.meeting_id == access.meeting.id, await readable_by(session, access))
        .order_by(Document.agenda_item_id.is_(None), Document.agenda_item_id, Document.id))
    return [(d, v) for d, v in rows.all()]


async def versions_of(session: AsyncSession, document_id: int) -> list[DocumentVersion]:
    return list(await session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == document_id).order_by(DocumentVersion.version)))
