"""The register of resolutions (sổ nghị quyết): numbered per council and calendar year, gapless
when the server assigns the number, each linked to its agenda item, the poll that adopted it and
its final text. A resolution of a public item of a public meeting is public (OParl Paper)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.councils.access import council_access, ensure_writable
from app.documents.access import items_hidden_from_guests
from app.documents.service import file_url
from app.errors import Conflict, Invalid, NotFound
from app.kit.time import utcnow, vietnam_today
from app.live.outbox import emit
from app.meetings.access import CONFIDENTIAL_ROLES, meeting_access
from app.models import AgendaItem, Council, Document, Meeting, Poll, Resolution
from app.record import wording
from app.record.schemas import ResolutionCreate, ResolutionDocument, ResolutionOut, ResolutionPoll


async def resolutions_out(session: AsyncSession, resolutions: list[Resolution]) -> list[ResolutionOut]:
    poll_ids = {r.poll_id for r in resolutions if r.poll_id is not None}
    document_ids = {r.document_id for r in resolutions if r.document_id is not None}
    polls = {p.id: p for p in await session.scalars(select(Poll).where(Poll.id.in_(poll_ids)))} if poll_ids else {}
    documents = {d.id: d for d in await session.scalars(
        select(Document).where(Document.id.in_(document_ids)))} if document_ids else {}
    out = []
    for r in resolutions:
        poll = polls.get(r.poll_id) if r.poll_id is not None else None
        document = documents.get(r.document_id) if r.document_id is not None else None
        result = json.loads(poll.result) if poll is not None and poll.result else None
        out.append(ResolutionOut(
            id=r.id, council_id=r.council_id, number=r.number, year=r.year, title=r.title,
            adopted_on=r.adopted_on, meeting_id=r.meeting_id, agenda_item_id=r.agenda_item_id,
            public=r.public, created_at=r.created_at,
            poll=ResolutionPoll(id=poll.id, title=poll.title, secret=poll.secret, passed=bool(result["passed"]),
                                outcome=wording.outcome(result), base=result["base"], required=result["required"],
                                counts=[{"label": c["label"], "votes": c["votes"]} for c in result["counts"]])
            if poll is not None and result is not None else None,
            document=ResolutionDocument(id=document.id, title=document.title, url=file_url(document.id))
            if document is not None and not document.confidential else None))
    return out


async def _checked_poll(session: AsyncSession, meeting_id: int, item_id: int, poll_id: int | None) -> Poll | None:
    if poll_id is None:
        return None
    poll = await session.get(Poll, poll_id)
    if poll is None or poll.meeting_id != meeting_id or poll.agenda_item_id != item_id:
        raise Invalid("poll_not_in_item", details=[{"field": "poll_id", "message": "not a poll of that item"}])
    if poll.state != "closed" or not poll.result or not json.loads(poll.result).get("passed"):
        raise Conflict("poll_not_adopted")
    return poll


def _adopted_on(meeting: Meeting, poll: Poll | None) -> date:
    moment = (poll.closed_at if poll is not None else None) or meeting.closed_at
    return wording.local(moment).date() if moment is not None else vietnam_today()


async def _sequence(session: AsyncSession, council_id: int, year: int, number: str | None) -> int:
    """The resolution's number within the council's year; the council row is locked first so that
    two secretaries at once get distinct, consecutive numbers."""
    await session.execute(select(Council.id).where(Council.id == council_id).with_for_update())
    of_the_year = (Resolution.council_id == council_id, Resolution.year == year)
    if number is None:
        return (await session.scalar(select(func.max(Resolution.seq)).where(*of_the_year)) or 0) + 1
    seq = wording.parse_resolution_number(number)
    if seq is None:
        raise Invalid("resolution_number_invalid", details=[{"field": "number", "message": "e.g. 12/NQ-HĐND"}])
    if await session.scalar(select(Resolution.id).where(*of_the_year, Resolution.seq == seq)) is not None:
        raise Conflict("number_taken", details={"number": number, "year": year})
    return seq


async def create(session: AsyncSession, *, principal: Principal, meeting_id: int,
                 body: ResolutionCreate) -> ResolutionOut:
    access = await meeting_access(session, principal, meeting_id)
    access.require_manage()
    meeting = access.meeting
    await ensure_writable(session, meeting.council_id)
    item = await session.get(AgendaItem, body.agenda_item_id)
    if item is None or item.meeting_id != meeting.id:
        raise Invalid("item_not_in_meeting", details=[{"field": "agenda_item_id", "message": "not in this meeting"}])
    poll = await _checked_poll(session, meeting.id, item.id, body.poll_id)
    if body.document_id is not None:
        document = await session.get(Document, body.document_id)
        if document is None or document.meeting_id != meeting.id:
            raise Invalid("document_not_in_meeting",
                          details=[{"field": "document_id", "message": "not a document of this meeting"}])
    adopted_on = _adopted_on(meeting, poll)
    seq = await _sequence(session, meeting.council_id, adopted_on.year, body.number)
    hidden = await items_hidden_from_guests(session, [meeting.id])
    resolution = Resolution(
        council_id=meeting.council_id, year=adopted_on.year, seq=seq,
        number="".join(wording.nfc(body.number).split()) if body.number else wording.resolution_number(seq),
        title=wording.nfc(body.title), meeting_id=meeting.id, agenda_item_id=item.id,
        poll_id=poll.id if poll else None, document_id=body.document_id, adopted_on=adopted_on,
        public=meeting.public and item.id not in hidden, created_by=principal.user.id, updated_at=utcnow())
    try:
        async with session.begin_nested():
            session.add(resolution)
            await session.flush()
    except IntegrityError:
        raise Conflict("number_taken", details={"number": body.number, "year": adopted_on.year}) from None
    await record(session, actor=principal.actor, action="resolution.create", target_type="resolution",
                 target_id=resolution.id, council_id=meeting.council_id,
                 details={"meeting_id": meeting.id, "number": resolution.number, "year": resolution.year,
                          "title": resolution.title, "poll_id": resolution.poll_id,
                          "document_id": resolution.document_id})
    [out] = await resolutions_out(session, [resolution])
    await emit(session, meeting_id=meeting.id, type="resolution.updated",
               audience="all" if resolution.public else "confidential",
               data={"resolution": out.model_dump(mode="json")})
    return out


async def meeting_resolutions(session: AsyncSession, meeting_id: int, *, guest: bool) -> list[ResolutionOut]:
    query = select(Resolution).where(Resolution.meeting_id == meeting_id)
    if guest:
        query = query.where(Resolution.public.is_(True))
    return await resolutions_out(session, list(await session.scalars(query.order_by(Resolution.id))))


async def council_register(session: AsyncSession, *, principal: Principal | None, council_id: int,
                           year: int | None) -> list[ResolutionOut]:
    """The council's register: everything for its members; public resolutions for anyone else."""
    if await session.get(Council, council_id) is None:
        raise NotFound()
    members_view = False
    if principal is not None:
        try:
            access = await council_access(session, principal, council_id)
            members_view = access.is_admin or (access.membership is not None
                                               and access.membership.role in CONFIDENTIAL_ROLES)
        except NotFound:
            members_view = False
    query = select(Resolution).where(Resolution.council_id == council_id)
    if not members_view:
        query = query.where(Resolution.public.is_(True))
    if year is not None:
        query = query.where(Resolution.year == year)
    rows = list(await session.scalars(query.order_by(Resolution.year.desc(), Resolution.seq)))
    return await resolutions_out(session, rows)
