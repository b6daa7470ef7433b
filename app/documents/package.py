"""The offline package: every document the caller may read, as their tablet must fetch it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.documents.runtime import DocumentRuntime
from app.documents.schemas import Package, PackageEntry
from app.documents.service import file_url, list_documents
from app.kit.hashing import file_sha256
from app.kit.time import utcnow
from app.meetings.access import MeetingAccess


async def build_package(
    session: AsyncSession, *, access: MeetingAccess, principal: Principal, runtime: DocumentRuntime
) -> Package:
    entries: list[PackageEntry] = []
    for document, version in await list_documents(session, access=access):
        sha256, size = version.sha256, version.size
        if document.confidential:
            # The reader downloads their own watermarked copy: describe that file.
            copy = await runtime.watermarker().copy_for(
                source=runtime.store.path_for(version.sha256), version_id=version.id,
                user_id=principal.user.id, reader_name=principal.user.full_name, now=utcnow())
            sha256, size = await file_sha256(copy), copy.stat().st_size
        entries.append(PackageEntry(
            document_id=document.id, title=document.title, kind=document.kind,
            agenda_item_id=document.agenda_item_id, version=version.version, sha256=sha256,
            size=size, pages=version.pages, confidential=document.confidential,
            url=file_url(document.id, version.version)))
    return Package(meeting_id=access.meeting.id, seq=access.meeting.last_seq,
                   total_size=sum(e.size for e in entries), items=entries)
