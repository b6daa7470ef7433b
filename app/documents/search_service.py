"""/api/v1/search: document pages and agenda titles, only over what the caller may read.

The database index finds the candidate pages (every word present, folded); ranking.match keeps
those whose diacritics and quoted phrases match and orders them, best first."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.documents.access import guest_readable, items_hidden_from_guests
from app.documents.query import Query, parse_query
from app.documents.ranking import match
from app.documents.schemas import SearchHit
from app.documents.search import backend_for
from app.documents.snippets import snippet
from app.harvest.search import network_hits
from app.meetings.access import MeetingAccess, meeting_access
from app.meetings.agenda import agenda_view
from app.meetings.service import visible_meetings
from app.models import AgendaItem, Document

# Pages the index may hand over for one query, by its own rank: far more than a reader looks at,
# few enough to check and rank here quickly.
CANDIDATES = 2000


async def search(
    session: AsyncSession, *, principal: Principal, query: str, meeting_id: int | None,
    network: bool = False, limit: int = 50,
) -> list[SearchHit]:
    """This server's hits; with `network`, then those harvested from other servers."""
    parsed = parse_query(query)
    if not parsed:
        return []
    hits = await _local_hits(session, principal=principal, parsed=parsed, meeting_id=meeting_id,
                             limit=limit)
    if network:
        hits += await network_hits(session, principal=principal, query=parsed, limit=limit)
    return hits


async def _local_hits(session: AsyncSession, *, principal: Principal, parsed: Query,
                      meeting_id: int | None, limit: int) -> list[SearchHit]:
    if meeting_id is not None:
        accesses = [await meeting_access(session, principal, meeting_id)]
    else:
        accesses = await visible_meetings(session, principal=principal)
    if not accesses:
        return []
    hits = await _agenda_hits(session, accesses, parsed)
    document_ids = await _readable_documents(session, accesses)
    if document_ids:
        titles = dict((await session.execute(
            select(Document.id, Document.title).where(Document.id.in_(document_ids)))).all())
        meeting_of = dict((await session.execute(
            select(Document.id, Document.meeting_id).where(Document.id.in_(document_ids)))).all())
        backend = backend_for(session.get_bind().dialect.name)
        candidates = await backend.pages(session, parsed.terms, document_ids, CANDIDATES)
        found = [(m, page) for page in candidates if (m := match(parsed, page.text)) is not None]
        found.sort(key=lambda pair: (pair[0].key, pair[1].document_id, pair[1].page))
        for found_match, page in found[:limit]:
            hits.append(SearchHit(kind="document", meeting_id=meeting_of[page.document_id],
                                  document_id=page.document_id, page=page.page,
                                  title=titles[page.document_id],
                                  snippet=snippet(page.text, found_match)))
    return hits[:limit]


async def _readable_documents(session: AsyncSession, accesses: list[MeetingAccess]) -> list[int]:
    full = [a.meeting.id for a in accesses if a.reads_confidential]
    guest = [a.meeting.id for a in accesses if not a.reads_confidential]
    hidden = await items_hidden_from_guests(session, guest)
    condition = or_(Document.meeting_id.in_(full),
                    Document.meeting_id.in_(guest) & guest_readable(hidden))
    return list(await session.scalars(select(Document.id).where(condition)))


async def _agenda_hits(
    session: AsyncSession, accesses: list[MeetingAccess], query: Query
) -> list[SearchHit]:
    by_meeting: dict[int, list[AgendaItem]] = {}
    for row in await session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id.in_([a.meeting.id for a in accesses]))):
        by_meeting.setdefault(row.meeting_id, []).append(row)
    hits: list[SearchHit] = []
    for access in accesses:
        for item in agenda_view(by_meeting.get(access.meeting.id, []), guest=access.is_guest):
            found = match(query, item.title)
            if found is not None:
                hits.append(SearchHit(kind="agenda_item", meeting_id=access.meeting.id,
                                      agenda_item_id=item.id, title=f"{item.number}. {item.title}",
                                      snippet=snippet(item.title, found)))
    return hits
