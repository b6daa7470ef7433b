"""Agencies (cơ quan) of a council's area and the officials who answer for them (respondents)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import Actor, record
from app.errors import Conflict, Invalid
from app.kit.collation import by_name
from app.kit.text import fold
from app.models import Agency, Membership, User
from app.models.vocabulary import AgencyKind

# How an agency's name starts, folded → its kind: what an imported list names is enough.
_KIND_BY_PREFIX: tuple[tuple[str, AgencyKind], ...] = (
    ("uy ban nhan dan", "people_committee"),
    ("ubnd", "people_committee"),
    ("toa an", "court"),
    ("tand", "court"),
    ("vien kiem sat", "procuracy"),
    ("vksnd", "procuracy"),
    ("so ", "department"),
    ("ban ", "department"),
)


def kind_from_name(name: str) -> AgencyKind:
    folded = fold(name)
    for prefix, kind in _KIND_BY_PREFIX:
        if folded.startswith(prefix):
            return kind
    return "other"


async def create_agency(session: AsyncSession, *, actor: Actor, council_id: int, name: str,
                        kind: AgencyKind, parent_id: int | None) -> Agency:
    if parent_id is not None:
        parent = await session.get(Agency, parent_id)
        if parent is None or parent.council_id != council_id:
            raise Invalid(details=[{"field": "parent_id", "message": "not found"}])
    if await find_by_name(session, council_id=council_id, name=name) is not None:
        raise Conflict("agency_exists", name=name)
    agency = Agency(council_id=council_id, name=name, kind=kind, parent_id=parent_id)
    session.add(agency)
    await session.flush()
    await record(session, actor=actor, action="agency.create", target_type="agency",
                 target_id=agency.id, council_id=council_id,
                 details={"name": name, "kind": kind, "parent_id": parent_id})
    return agency


async def by_folded_name(session: AsyncSession, *, council_id: int) -> dict[str, Agency]:
    """The council's agencies by name, accents and case aside."""
    return {fold(agency.name): agency
            for agency in await session.scalars(select(Agency).where(Agency.council_id == council_id))}


async def find_by_name(session: AsyncSession, *, council_id: int, name: str) -> Agency | None:
    return (await by_folded_name(session, council_id=council_id)).get(fold(name))


async def list_agencies(session: AsyncSession, *, council_id: int
                        ) -> list[tuple[Agency, list[tuple[Membership, User]]]]:
    agencies = list(await session.scalars(select(Agency).where(Agency.council_id == council_id)))
    rows = (await session.execute(
        select(Membership, User).join(User, User.id == Membership.user_id)
        .where(Membership.council_id == council_id, Membership.role == "respondent",
               Membership.agency_id.is_not(None)))).all()
    by_agency: dict[int, list[tuple[Membership, User]]] = {a.id: [] for a in agencies}
    for membership, user in by_name(rows, name=lambda row: row[1].full_name,
                                    tie=lambda row: row[1].id):
        if membership.agency_id in by_agency:
            by_agency[membership.agency_id].append((membership, user))
    ordered = by_name(agencies, name=lambda agency: agency.name, tie=lambda agency: agency.id)
    return [(agency, by_agency[agency.id]) for agency in ordered]
