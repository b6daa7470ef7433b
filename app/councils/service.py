"""Councils, terms, committees and memberships."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import Actor, record
from app.councils.access import (
    MANAGER_ROLES,
    ensure_sitting,
    overseen_councils,
    require_council_role,
)
from app.errors import Conflict, Invalid, NotFound
from app.kit.collation import by_name
from app.models import Agency, Committee, Council, CouncilSuccession, Membership, Term, User
from app.models.vocabulary import UnitKind

LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}
VOTING_ROLES = frozenset({"deputy", "chair"})


def check_voting_right(role: str, voting_right: bool) -> None:
    if voting_right and role not in VOTING_ROLES:
        raise Invalid("voting_right_role")


def _position_is_title(fields: dict[str, Any]) -> dict[str, Any]:
    """`position` and `title` name the same thing (chức vụ); `position` wins when both are sent."""
    fields = dict(fields)
    position = fields.pop("position", None)
    if position is not None:
        fields["title"] = position
    return fields


def check_respondent(role: str, agency_id: int | None) -> None:
    if role == "respondent" and agency_id is None:
        raise Invalid("respondent_agency", details=[{"field": "agency_id",
                                                     "message": "required for a respondent"}])


async def carried_from_councils(session: AsyncSession,
                                memberships: list[Membership]) -> dict[int, int]:
    """For memberships carried over from a dissolved council: membership id → that council."""
    earlier = {m.carried_from_id: m.id for m in memberships if m.carried_from_id is not None}
    if not earlier:
        return {}
    rows = await session.execute(select(Membership.id, Membership.council_id)
                                 .where(Membership.id.in_(list(earlier))))
    return {earlier[old_id]: council_id for old_id, council_id in rows.all()}


UNIT_KINDS: dict[str, tuple[UnitKind, ...]] = {
    "province": ("province", "city"),
    "commune": ("commune", "ward", "special_zone"),
}


async def create_council(session: AsyncSession, *, actor: Actor, **fields: Any) -> Council:
    level = fields["level"]
    if level not in UNIT_KINDS:
        raise Invalid("level_abolished", details=[{"field": "level", "message": "level_abolished"}])
    unit_kind = fields.get("unit_kind") or UNIT_KINDS[level][0]
    if unit_kind not in UNIT_KINDS[level]:
        raise Invalid("unit_kind_level", details=[{"field": "unit_kind",
                                                   "message": "does not fit the level"}])
    if await session.scalar(select(Council.id).where(Council.code == fields["code"])) is not None:
        # The message parameter is named like AppError's own `code` argument: set it afterwards.
        raise Conflict("council_code_taken", code=fields["code"])
    parent_id = fields.get("parent_id")
    if parent_id is not None:
        parent = await session.get(Council, parent_id)
        if parent is None:
            raise Invalid("not_found", details=[{"field": "parent_id", "message": "not found"}])
        if LEVEL_RANK[parent.level] >= LEVEL_RANK[level]:
            raise Invalid("parent_level")
        ensure_sitting(parent)
    predecessor_ids = sorted(set(fields.pop("predecessor_ids", None) or []))
    found = set(await session.scalars(select(Council.id).where(Council.id.in_(predecessor_ids))))
    if missing := [i for i in predecessor_ids if i not in found]:
        raise Invalid("not_found", details=[{"field": "predecessor_ids",
                                             "message": f"not found: {missing}"}])
    council = Council(**{**fields, "unit_kind": unit_kind})
    session.add(council)
    await session.flush()
    session.add_all(CouncilSuccession(predecessor_id=i, successor_id=council.id)
                    for i in predecessor_ids)
    await session.flush()
    await record(session, actor=actor, action="council.create", target_type="council",
                 target_id=council.id, council_id=council.id,
                 details={"name": council.name, "code": council.code, "level": council.level,
                          "unit_kind": unit_kind, "predecessor_ids": predecessor_ids})
    return council


async def visible_councils(session: AsyncSession, *, principal: Principal) -> list[Council]:
    query = select(Council).order_by(Council.id)
    if not principal.user.is_admin:
        user_id = principal.user.id
        query = query.where(
            Council.id.in_(select(Membership.council_id).where(Membership.user_id == user_id))
            | Council.id.in_(overseen_councils(user_id))
        )
    return list(await session.scalars(query))


async def update_council(
    session: AsyncSession, *, principal: Principal, council_id: int, changes: dict[str, Any]
) -> Council:
    access = await require_council_role(session, principal, council_id, MANAGER_ROLES)
    council = access.council
    numerator = changes.get("quorum_numerator", council.quorum_numerator)
    denominator = changes.get("quorum_denominator", council.quorum_denominator)
    if numerator is None or denominator is None or numerator > denominator:
        raise Invalid(details=[{"field": "quorum_numerator",
                                "message": "must not exceed quorum_denominator"}])
    for key, value in changes.items():
        if value is not None:
            setattr(council, key, value)
    await session.flush()
    await record(session, actor=principal.actor, action="council.update", target_type="council",
                 target_id=council.id, council_id=council.id, details=changes)
    return council


async def list_members(session: AsyncSession, *, council_id: int) -> list[tuple[Membership, User]]:
    rows = await session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.council_id == council_id)
    )
    members = by_name(rows.all(), name=lambda row: row[1].full_name, tie=lambda row: row[1].id)
    # the chair, then the secretaries, then everyone else; each group in Vietnamese name order
    return sorted(members, key=lambda row: (row[0].role != "chair", row[0].role != "secretary"))


async def _check_refs(
    session: AsyncSession, council_id: int, committee_id: int | None, term_id: int | None,
    agency_id: int | None = None,
) -> None:
    if agency_id is not None:
        agency = await session.get(Agency, agency_id)
        if agency is None or agency.council_id != council_id:
            raise Invalid(details=[{"field": "agency_id", "message": "not found"}])
    if committee_id is not None:
        committee = await session.get(Committee, committee_id)
        if committee is None or committee.council_id != council_id:
            raise Invalid(details=[{"field": "committee_id", "message": "not found"}])
    if term_id is not None:
        term = await session.get(Term, term_id)
        if term is None or term.council_id != council_id:
            raise Invalid(details=[{"field": "term_id", "message": "not found"}])


async def add_member(
    session: AsyncSession, *, principal: Principal, council_id: int, fields: dict[str, Any]
) -> tuple[Membership, User]:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    fields = _position_is_title(fields)
    user = await session.get(User, fields["user_id"])
    if user is None:
        raise Invalid("not_found", details=[{"field": "user_id", "message": "not found"}])
    check_voting_right(fields["role"], fields["voting_right"])
    check_respondent(fields["role"], fields.get("agency_id"))
    await _check_refs(session, council_id, fields.get("committee_id"), fields.get("term_id"),
                      fields.get("agency_id"))
    existing = await session.scalar(
        select(Membership.id).where(Membership.council_id == council_id,
                                    Membership.user_id == user.id)
    )
    if existing is not None:
        raise Conflict("already_member")
    membership = Membership(council_id=council_id, **fields)
    session.add(membership)
    await session.flush()
    await record(session, actor=principal.actor, action="member.add", target_type="membership",
                 target_id=membership.id, council_id=council_id,
                 details={"user_id": user.id, "role": membership.role,
                          "voting_right": membership.voting_right})
    return membership, user


async def _membership(session: AsyncSession, council_id: int, user_id: int) -> tuple[Membership, User]:
    row = (
        await session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(Membership.council_id == council_id, Membership.user_id == user_id)
        )
    ).first()
    if row is None:
        raise NotFound()
    return row[0], row[1]


async def update_member(
    session: AsyncSession, *, principal: Principal, council_id: int, user_id: int,
    changes: dict[str, Any],
) -> tuple[Membership, User]:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    changes = _position_is_title(changes)
    membership, user = await _membership(session, council_id, user_id)
    role = changes.get("role") or membership.role
    voting_right = changes.get("voting_right")
    if voting_right is None:
        voting_right = membership.voting_right and role in VOTING_ROLES
    check_voting_right(role, voting_right)
    check_respondent(role, changes.get("agency_id", membership.agency_id))
    await _check_refs(session, council_id, changes.get("committee_id"), changes.get("term_id"),
                      changes.get("agency_id"))
    changes = {**changes, "role": role, "voting_right": voting_right}
    for key, value in changes.items():
        if value is not None or key in ("committee_id", "term_id", "agency_id"):
            setattr(membership, key, value)
    await session.flush()
    await record(session, actor=principal.actor, action="member.update", target_type="membership",
                 target_id=membership.id, council_id=council_id, details=changes)
    return membership, user


async def remove_member(
    session: AsyncSession, *, principal: Principal, council_id: int, user_id: int
) -> None:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    membership, _ = await _membership(session, council_id, user_id)
    await session.delete(membership)
    await session.flush()
    await record(session, actor=principal.actor, action="member.remove", target_type="membership",
                 target_id=membership.id, council_id=council_id, details={"user_id": user_id})


async def list_terms(session: AsyncSession, *, council_id: int) -> list[Term]:
    return list(await session.scalars(
        select(Term).where(Term.council_id == council_id).order_by(Term.starts_on)
    ))


async def create_term(
    session: AsyncSession, *, principal: Principal, council_id: int, fields: dict[str, Any]
) -> Term:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    term = Term(council_id=council_id, **fields)
    session.add(term)
    await session.flush()
    await record(session, actor=principal.actor, action="term.create", target_type="term",
                 target_id=term.id, council_id=council_id, details={"name": term.name})
    return term


async def list_committees(session: AsyncSession, *, council_id: int) -> list[Committee]:
    return list(await session.scalars(
        select(Committee).where(Committee.council_id == council_id).order_by(Committee.name)
    ))


async def create_committee(
    session: AsyncSession, *, principal: Principal, council_id: int, fields: dict[str, Any]
) -> Committee:
    await require_council_role(session, principal, council_id, MANAGER_ROLES)
    duplicate = await session.scalar(
        select(Committee.id).where(Committee.council_id == council_id,
                                   Committee.name == fields["name"])
    )
    if duplicate is not None:
        raise Conflict()
    committee = Committee(council_id=council_id, **fields)
    session.add(committee)
    await session.flush()
    await record(session, actor=principal.actor, action="committee.create",
                 target_type="committee", target_id=committee.id, council_id=council_id,
                 details={"name": committee.name, "kind": committee.kind})
    return committee
