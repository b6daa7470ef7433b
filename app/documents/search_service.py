"""/api/v1/search: document pages and agenda titles, only over what the caller may read."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.documents.access import guest_readable, items_hidden_from_guests
from app.documents.schemas import SearchHit
from app.documents.search import backend_for
from app.documents.snippets import contains_all, query_terms, snippet
from app.meetings.access import MeetingAccess, meeting_access
from app.meetings.agenda import agenda_view
from app.meetings.service import visible_meetings
from app.models import AgendaItem, Document


async def search(
    session: AsyncSession, *, principal: Principal, query: str, meeting_id: int | None,
    limit: int = 50,
) -> list[SearchHit]:
    terms = query_terms(query)
    if not terms:
        return []
    if meeting_id is not None:
        accesses = [await meeting_access(session, principal, meeting_id)]
    else:
        accesses = await visible_meetings(session, principal=principal)
    if not accesses:
        return []
    hits = await _agenda_hits(session, accesses, terms)
    document_ids = await _readable_documents(session, accesses)
    if document_ids:
        titles = dict((await session.execute(
            select(Document.id, Document.title).where(Document.id.in_(document_ids)))).all())
        meeting_of = dict((await session.execute(
            select(Document.id, Document.meeting_id).where(Document.id.in_(document_ids)))).all())
        backend = backend_for(session.bind.dialect.name)
        for page in await backend.pages(session, terms, document_ids, limit):
            hits.append(SearchHit(kind="document", meeting_id=meeting_of[page.document_id],
                                  document_id=page.document_id, page=page.page,
                                  title=titles[page.document_id],
                                  snippet=snippet(page.text, terms)))
    return hits[:limit]


async def _readable_documents(session: AsyncSession, accesses: list[MeetingAccess]) -> list[int]:
    full = [a.meeting.id for a in accesses if a.reads_confidential]
    guest = [a.meeting.id for a in accesses if not a.reads_confidential]
    hidden = await items_hidden_from_guests(session, guest)
    condition = or_(Document.meeting_id.in_(full),
                    Document.meeting_id.in_(guest) & guest_readable(hidden))
    return list(await session.scalars(select(Document.id).where(condition)))


async def _agenda_hits(
    session: AsyncSession, accesses: list[MeetingAccess], terms: list[str]
) -> list[SearchHit]:
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in await session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id.in_([a.meeting.id for a in accesses]))):
        by_meeting.setdefault(item.meeting_id, []).append(item)
    hits: list[SearchHit] = []
    for access in accesses:
        for item in agenda_view(by_meeting.get(access.meeting.id, []), guest=access.is_guest):
            if contains_all(item.title, terms):
                hits.append(SearchHit(kind="agenda_item", meeting_id=access.meeting.id,
                                      agenda_item_id=item.id, title=f"{item.number}. {item.title}",
                                      snippet=snippet(item.title, terms)))
    return hits
