"""Councils that end and the councils that continue their work (Law 72/2025/QH15).

Dissolving makes a council read-only from that day (app/councils/access.py); its data stays
readable. A successor takes over its sitting communes (when a province is merged) and can carry
its deputies over in one step (Art. 54(4)): each gets a new membership in the successor that
points back to the old one, which stays where it was.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import Actor, record
from app.councils.access import MANAGER_ROLES, ensure_sitting, require_council_role
from app.errors import Conflict, Invalid
from app.kit.time import vietnam_today
from app.models import Council, CouncilSuccession, Meeting, Membership, Term

# Who is carried over: those elected to the council (a chair is a deputy too).
CARRIED_ROLES = ("deputy", "chair")


async def dissolve(session: AsyncSession, *, actor: Actor, council: Council, dissolved_on: date,
                   successor_id: int | None) -> Council:
    ensure_sitting(council)
    if dissolved_on > vietnam_today():
        raise Invalid("dissolved_on_future", details=[{"field": "dissolved_on",
                                                       "message": "must not be in the future"}])
    live = await session.scalar(select(Meeting.id).where(Meeting.council_id == council.id,
                                                         Meeting.state == "in_progress").limit(1))
    if live is not None:
        raise Conflict("meeting_in_progress")
    sitting_children = list(await session.scalars(
        select(Council).where(Council.parent_id == council.id, Council.dissolved_on.is_(None))))
    successor = None
    if successor_id is not None:
        successor = await session.get(Council, successor_id)
        if successor is None or successor.id == council.id:
            raise Invalid("not_found", details=[{"field": "successor_id", "message": "not found"}])
        ensure_sitting(successor)
        if successor.level != council.level and not (council.level == "district"
                                                     and successor.level == "commune"):
            raise Invalid("successor_level", details=[{"field": "successor_id",
                                                       "message": "another level"}])
    elif sitting_children:
        raise Conflict("council_has_children", count=len(sitting_children))
    council.dissolved_on = dissolved_on
    if successor is not None:
        await _link(session, predecessor_id=council.id, successor_id=successor.id)
        if sitting_children:
            await session.execute(update(Council).where(
                Council.id.in_([child.id for child in sitting_children])).values(parent_id=successor.id))
    await session.flush()
    await record(session, actor=actor, action="council.dissolve", target_type="council",
                 target_id=council.id, council_id=council.id,
                 details={"dissolved_on": dissolved_on.isoformat(), "successor_id": successor_id,
                          "children_moved": [child.id for child in sitting_children]
                          if successor else []})
    return council


async def _link(session: AsyncSession, *, predecessor_id: int, successor_id: int) -> None:
    if await session.get(CouncilSuccession, (predecessor_id, successor_id)) is None:
        session.add(CouncilSuccession(predecessor_id=predecessor_id, successor_id=successor_id))


async def carry_over(session: AsyncSession, *, principal: Principal, council_id: int,
                     predecessor_ids: list[int] | None, term_id: int | None) -> tuple[int, int]:
    """Make the deputies of dissolved predecessors members here. Returns (carried, already)."""
    access = await require_council_role(session, principal, council_id, MANAGER_ROLES)
    known = set(await session.scalars(select(CouncilSuccession.predecessor_id).where(
        CouncilSuccession.successor_id == council_id)))
    chosen = sorted(known if predecessor_ids is None else set(predecessor_ids))
    if unknown := [i for i in chosen if i not in known]:
        raise Invalid("not_predecessor", details=[{"field": "predecessor_ids",
                                                   "message": f"not predecessors: {unknown}"}])
    sitting = list(await session.scalars(select(Council.id).where(
        Council.id.in_(chosen), Council.dissolved_on.is_(None))))
    if sitting:
        raise Conflict("predecessor_sitting", ids=", ".join(map(str, sitting)))
    if term_id is not None:
        term = await session.get(Term, term_id)
        if term is None or term.council_id != council_id:
            raise Invalid(details=[{"field": "term_id", "message": "not found"}])
    members_here = set(await session.scalars(select(Membership.user_id).where(
        Membership.council_id == council_id)))
    earlier = list(await session.scalars(
        select(Membership).where(Membership.council_id.in_(chosen),
                                 Membership.role.in_(CARRIED_ROLES))
        .order_by(Membership.council_id, Membership.id)))
    carried: list[Membership] = []
    already = 0
    for old in earlier:
        if old.user_id in members_here:
            already += 1
            continue
        members_here.add(old.user_id)
        carried.append(Membership(
            council_id=council_id, user_id=old.user_id, role="deputy",
            voting_right=old.voting_right, title=old.title, unit=old.unit, term_id=term_id,
            carried_from_id=old.id))
    session.add_all(carried)
    await session.flush()
    await record(session, actor=principal.actor, action="member.carry_over",
                 target_type="council", target_id=access.council.id, council_id=council_id,
                 details={"from": chosen, "carried": [m.user_id for m in carried],
                          "already_members": already})
    return len(carried), already


async def related(session: AsyncSession, council_ids: list[int]
                  ) -> tuple[dict[int, list[Council]], dict[int, list[Council]], dict[int, list[Council]]]:
    """Predecessors, successors and children of each council, in a fixed number of queries."""
    links = (await session.execute(select(CouncilSuccession.predecessor_id,
                                          CouncilSuccession.successor_id).where(
        (CouncilSuccession.successor_id.in_(council_ids))
        | (CouncilSuccession.predecessor_id.in_(council_ids))))).all()
    children = list(await session.scalars(select(Council).where(Council.parent_id.in_(council_ids))
                                          .order_by(Council.name, Council.id)))
    other_ids = {i for link in links for i in link}
    others = {c.id: c for c in await session.scalars(select(Council).where(Council.id.in_(other_ids)))}
    predecessors: dict[int, list[Council]] = {i: [] for i in council_ids}
    successors: dict[int, list[Council]] = {i: [] for i in council_ids}
    for predecessor_id, successor_id in sorted(links):
        if successor_id in predecessors:
            predecessors[successor_id].append(others[predecessor_id])
        if predecessor_id in successors:
            successors[predecessor_id].append(others[successor_id])
    by_parent: dict[int, list[Council]] = {i: [] for i in council_ids}
    for child in children:
        if child.parent_id is not None:
            by_parent[child.parent_id].append(child)
    return predecessors, successors, by_parent

