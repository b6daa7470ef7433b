"""Who may read a document. Confidential documents, and documents of an agenda item that is
not public, exist only for the council's deputies, chair and secretariat: 404 to anyone else."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.errors import NotFound
from app.meetings.access import MeetingAccess, meeting_access
from app.models import AgendaItem, Document


def guest_readable() -> ColumnElement[bool]:
    """SQL condition on Document: what a guest may read."""
    public_items = select(AgendaItem.id).where(AgendaItem.public.is_(True))
    return and_(Document.confidential.is_(False),
                or_(Document.agenda_item_id.is_(None), Document.agenda_item_id.in_(public_items)))


def readable_by(access: MeetingAccess) -> ColumnElement[bool]:
    return true() if access.reads_confidential else guest_readable()


async def document_access(
    session: AsyncSession, principal: Principal, document_id: int
) -> tuple[Document, MeetingAccess]:
    document = await session.get(Document, document_id)
    if document is None:
        raise NotFound()
    access = await meeting_access(session, principal, document.meeting_id)
    if not access.reads_confidential:
        allowed = await session.scalar(
            select(Document.id).where(Document.id == document_id, guest_readable()))
        if allowed is None:
            raise NotFound()
    return document, access


async def audience_of(session: AsyncSession, document: Document) -> str:
    """The live-channel audience for events about this document."""
    if document.confidential:
        return "confidential"
    if document.agenda_item_id is not None:
        item = await session.get(AgendaItem, document.agenda_item_id)
        if item is not None and not item.public:
            return "confidential"
    return "all"
