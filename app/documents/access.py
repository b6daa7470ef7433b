"""Who may read a document. Confidential documents, and documents of an agenda item guests do
not see (not public, or below one that is not), exist only for the council's deputies, chair
and secretariat: 404 to anyone else."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.errors import NotFound
from app.meetings.access import MeetingAccess, meeting_access
from app.meetings.agenda_rules import hidden_from_guests
from app.models import AgendaItem, Document


async def items_hidden_from_guests(session: AsyncSession, meeting_ids: Iterable[int]) -> set[int]:
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in await session.scalars(select(AgendaItem).where(AgendaItem.meeting_id.in_(list(meeting_ids)))):
        by_meeting.setdefault(item.meeting_id, []).append(item)
    hidden: set[int] = set()
    for items in by_meeting.values():
        hidden |= hidden_from_guests(items)
    return hidden


def guest_readable(hidden_items: set[int]) -> ColumnElement[bool]:
    """SQL condition on Document: what a guest may read, given the items hidden from guests."""
    return and_(Document.confidential.is_(False),
                or_(Document.agenda_item_id.is_(None), Document.agenda_item_id.notin_(hidden_items)))


async def readable_by(session: AsyncSession, access: MeetingAccess) -> ColumnElement[bool]:
    if access.reads_confidential:
        return true()
    return guest_readable(await items_hidden_from_guests(session, [access.meeting.id]))


def _guest_may_read(document: Document, hidden_items: set[int]) -> bool:
    return not document.confidential and document.agenda_item_id not in hidden_items


async def document_access(
    session: AsyncSession, principal: Principal, document_id: int
) -> tuple[Document, MeetingAccess]:
    document = await session.get(Document, document_id)
    if document is None:
        raise NotFound()
    access = await meeting_access(session, principal, document.meeting_id)
    if not access.reads_confidential and not _guest_may_read(
            document, await items_hidden_from_guests(session, [document.meeting_id])):
        raise NotFound()
    return document, access


async def audience_of(session: AsyncSession, document: Document) -> Literal["all", "confidential"]:
    """The live-channel audience for events about this document."""
    hidden = await items_hidden_from_guests(session, [document.meeting_id])
    return "all" if _guest_may_read(document, hidden) else "confidential"
