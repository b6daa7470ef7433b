"""The agenda of a meeting: an ordered tree edited by the secretariat, walked by the chair."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.errors import Conflict, Invalid
from app.live.outbox import emit
from app.meetings.access import MeetingAccess, item_access
from app.meetings.agenda_rules import (
    AgendaRuleError,
    check_move,
    hidden_from_guests,
    layout,
    positions_from_order,
    sibling_positions_after_insert,
    subtree,
)
from app.meetings.schemas import AgendaItemOut
from app.meetings.service import require_open
from app.models import AgendaItem, Document, Poll, Resolution, Sitting

EDITABLE = ("title", "description", "presenter", "sitting_id", "duration_min", "public",
            "speakers_closed")
# The chair may close or reopen an item's list of speakers; every other edit is the secretariat's.
CHAIR_EDITABLE = frozenset({"speakers_closed"})


async def items_of(session: AsyncSession, meeting_id: int) -> list[AgendaItem]:
    return list(await session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))


def agenda_view(items: list[AgendaItem], *, guest: bool = False) -> list[AgendaItemOut]:
    """Items in display order with their numbers; a guest sees only public items (and not
    the children of a closed item)."""
    by_id = {item.id: item for item in items}
    hidden = hidden_from_guests(items) if guest else set()
    result: list[AgendaItemOut] = []
    for placed in layout(items):
        item = by_id[placed.id]
        if item.id in hidden:
            continue
        result.append(AgendaItemOut(
            id=item.id, meeting_id=item.meeting_id, parent_id=item.parent_id,
            position=item.position, number=placed.number, depth=placed.depth, title=item.title,
            description=item.description, presenter=item.presenter, sitting_id=item.sitting_id,
            duration_min=item.duration_min, state=item.state, public=item.public,
            speakers_closed=item.speakers_closed,
        ))
    return result


async def read_agenda(session: AsyncSession, *, access: MeetingAccess) -> list[AgendaItemOut]:
    return agenda_view(await items_of(session, access.meeting.id), guest=access.is_guest)


async def _announce(session: AsyncSession, meeting_id: int) -> None:
    await session.flush()
    items = agenda_view(await items_of(session, meeting_id))
    await emit(session, meeting_id=meeting_id, type="agenda.updated",
               data={"items": [item.model_dump(mode="json") for item in items]})


async def _check_sitting(session: AsyncSession, meeting_id: int, sitting_id: int | None) -> None:
    if sitting_id is None:
        return
    sitting = await session.get(Sitting, sitting_id)
    if sitting is None or sitting.meeting_id != meeting_id:
        raise Invalid("unknown_sitting")


def _place(items: list[AgendaItem], item: AgendaItem, parent_id: int | None, position: int | None) -> None:
    index, others = sibling_positions_after_insert(items, parent_id=parent_id, position=position,
                                                   moving_id=item.id)
    by_id = {i.id: i for i in items}
    for sibling_id, sibling_position in others.items():
        by_id[sibling_id].position = sibling_position
    item.parent_id = parent_id
    item.position = index


async def create_item(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, fields: dict[str, Any]
) -> AgendaItem:
    access.require_manage()
    meeting = access.meeting
    require_open(meeting)
    items = await items_of(session, meeting.id)
    parent_id = fields.pop("parent_id", None)
    position = fields.pop("position", None)
    if parent_id is not None and parent_id not in {i.id for i in items}:
        raise Invalid("unknown_parent")
    await _check_sitting(session, meeting.id, fields.get("sitting_id"))
    item = AgendaItem(meeting_id=meeting.id, state="pending", **fields)
    session.add(item)
    await session.flush()
    _place(items, item, parent_id, position)
    await record(session, actor=principal.actor, action="agenda.create", target_type="agenda_item",
                 target_id=item.id, council_id=meeting.council_id,
                 details={"meeting_id": meeting.id, "title": item.title, "parent_id": parent_id})
    await _announce(session, meeting.id)
    return item


async def update_item(
    session: AsyncSession, *, principal: Principal, item_id: int, changes: dict[str, Any]
) -> AgendaItem:
    item, access = await item_access(session, principal, item_id)
    if set(changes) <= CHAIR_EDITABLE:
        access.require_chair()
    else:
        access.require_manage()
    require_open(access.meeting)
    if "sitting_id" in changes:
        await _check_sitting(session, item.meeting_id, changes["sitting_id"])
    items = await items_of(session, item.meeting_id)
    hidden_before = hidden_from_guests(items)
    for key in EDITABLE:
        if key in changes and (changes[key] is not None or key in ("sitting_id", "duration_min")):
            setattr(item, key, changes[key])
    if "parent_id" in changes or "position" in changes:
        new_parent = changes.get("parent_id", item.parent_id)
        if new_parent is not None and new_parent not in {i.id for i in items}:
            raise Invalid("unknown_parent")
        try:
            check_move(items, item_id=item.id, new_parent_id=new_parent)
        except AgendaRuleError as exc:
            raise Invalid(exc.code) from None
        old_parent = item.parent_id
        _place(items, item, new_parent, changes.get("position"))
        if old_parent != new_parent:  # close the gap left behind
            for position, sibling in enumerate(sorted(
                    (i for i in items if i.parent_id == old_parent and i.id != item.id),
                    key=lambda i: (i.position, i.id))):
                sibling.position = position
    await record(session, actor=principal.actor, action="agenda.update", target_type="agenda_item",
                 target_id=item.id, council_id=access.meeting.council_id,
                 details={"meeting_id": item.meeting_id, **changes})
    await _announce(session, item.meeting_id)
    await _announce_guest_documents(session, item.meeting_id, hidden_before,
                                    hidden_from_guests(items))
    return item


async def _announce_guest_documents(
    session: AsyncSession, meeting_id: int, hidden_before: set[int], hidden_after: set[int]
) -> None:
    """Items that guests gain or lose take their documents with them."""
    from app.documents.service import document_out, get_version

    changed = hidden_before ^ hidden_after
    if not changed:
        return
    documents = await session.scalars(select(Document).where(
        Document.agenda_item_id.in_(changed), Document.confidential.is_(False)).order_by(Document.id))
    for document in documents:
        if document.agenda_item_id in hidden_after:
            await emit(session, meeting_id=meeting_id, type="document.removed",
                       data={"document_id": document.id}, audience="guests")
        else:
            version = await get_version(session, document, None)
            await emit(session, meeting_id=meeting_id, type="document.added",
                       data={"document": document_out(document, version).model_dump(mode="json")},
                       audience="guests")


async def delete_item(session: AsyncSession, *, principal: Principal, item_id: int) -> None:
    item, access = await item_access(session, principal, item_id)
    access.require_manage()
    require_open(access.meeting)
    items = await items_of(session, item.meeting_id)
    doomed = subtree(items, item.id)
    if any(i.state == "current" for i in items if i.id in doomed):
        raise Conflict("agenda_item_current")
    documents = await session.scalar(
        select(func.count()).select_from(Document).where(Document.agenda_item_id.in_(doomed)))
    if documents:
        raise Conflict("agenda_item_has_documents", title=item.title, count=documents,
                       details={"documents": documents})
    await _refuse_if_voted_on(session, doomed, item.title)
    siblings = sorted((i for i in items if i.parent_id == item.parent_id and i.id != item.id),
                      key=lambda i: (i.position, i.id))
    for position, sibling in enumerate(siblings):
        sibling.position = position
    depth = {placed.id: placed.depth for placed in layout(items)}
    for doomed_item in sorted((i for i in items if i.id in doomed), key=lambda i: -depth[i.id]):
        await session.delete(doomed_item)
        await session.flush()  # children first, so no row ever points at a deleted parent
    await session.flush()
    await record(session, actor=principal.actor, action="agenda.delete", target_type="agenda_item",
                 target_id=item.id, council_id=access.meeting.council_id,
                 details={"meeting_id": item.meeting_id, "title": item.title,
                          "removed": sorted(doomed)})
    await _announce(session, item.meeting_id)


async def _refuse_if_voted_on(session: AsyncSession, item_ids: set[int], title: str) -> None:
    count = await session.scalar(
        select(func.count()).select_from(Poll).where(Poll.agenda_item_id.in_(item_ids)))
    if count:
        raise Conflict("agenda_item_has_polls", title=title, details={"polls": count})
    resolutions = await session.scalar(
        select(func.count()).select_from(Resolution).where(Resolution.agenda_item_id.in_(item_ids)))
    if resolutions:
        raise Conflict("agenda_item_has_resolutions", title=title, details={"resolutions": resolutions})


async def reorder(
    session: AsyncSession, *, principal: Principal, access: MeetingAccess, item_ids: list[int]
) -> None:
    access.require_manage()
    require_open(access.meeting)
    items = await items_of(session, access.meeting.id)
    try:
        positions = positions_from_order(items, item_ids)
    except AgendaRuleError as exc:
        raise Invalid(exc.code) from None
    for item in items:
        item.position = positions[item.id]
    await record(session, actor=principal.actor, action="agenda.reorder", target_type="meeting",
                 target_id=access.meeting.id, council_id=access.meeting.council_id,
                 details={"order": item_ids})
    await _announce(session, access.meeting.id)


async def activate(session: AsyncSession, *, principal: Principal, item_id: int) -> AgendaItemOut:
    """Makes an item the current one (the one before it is done); returns it as laid out."""
    item, access = await item_access(session, principal, item_id)
    access.require_chair()
    if access.meeting.state != "in_progress":
        raise Conflict("meeting_not_in_progress")
    items = await items_of(session, item.meeting_id)
    previous = next((i for i in items if i.state == "current"), None)
    if previous is not None and previous.id != item.id:
        previous.state = "done"
        await session.flush()  # the one-current index must not see two at once
    item.state = "current"
    await session.flush()
    await record(session, actor=principal.actor, action="agenda.activate",
                 target_type="agenda_item", target_id=item.id,
                 council_id=access.meeting.council_id,
                 details={"meeting_id": item.meeting_id,
                          "previous_id": previous.id if previous else None})
    await emit(session, meeting_id=item.meeting_id, type="agenda.current",
               data={"item_id": item.id, "previous_id": previous.id if previous else None,
                     "public": item.public})
    return next(view for view in agenda_view(items) if view.id == item.id)
