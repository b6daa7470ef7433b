"""Applying a validated member list: match people already known, create the others.

Matching, in order: an explicit username; otherwise a member of this council with the same full
name and unit (folded, so accents and case do not matter). Re-importing a list therefore updates
the same people and never duplicates them. Every row is checked against the database before
anything is written; one bad row means nothing is written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
from app.agencies import service as agencies
from app.audit.service import Actor, record
from app.councils.member_file import MemberRow
from app.councils.schemas import ImportResult, NewAccount
from app.kit.spreadsheet import RowError, raise_row_errors
from app.kit.text import fold, slug
from app.models import Membership, User

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - letters to draw from


@dataclass
class _Plan:
    row: MemberRow
    user: User | None
    membership: Membership | None


def initial_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(MIN_PASSWORD_LENGTH))


def username_base(full_name: str) -> str:
    """Vietnamese habit: given name + initials of the others. "Nguyễn Thị Anh Hoa" → "hoanta"."""
    words = slug(full_name, " ").split()
    if not words:
        return "daibieu"
    base = words[-1] + "".join(word[0] for word in words[:-1])
    return base[:40] if len(base) >= 2 else f"{base}db"


async def import_members(
    session: AsyncSession, *, actor: Actor, council_id: int, rows: list[MemberRow]
) -> ImportResult:
    existing = await session.execute(
        select(Membership, User).join(User, User.id == Membership.user_id)
        .where(Membership.council_id == council_id)
    )
    by_name_unit: dict[tuple[str, str], list[tuple[Membership, User]]] = {}
    by_user_id: dict[int, Membership] = {}
    for membership, user in existing.all():
        by_name_unit.setdefault((fold(user.full_name), fold(membership.unit)), []).append(
            (membership, user))
        by_user_id[user.id] = membership

    explicit = {r.username for r in rows if r.username}
    users_by_username = {
        u.username: u for u in await session.scalars(select(User).where(User.username.in_(explicit)))
    } if explicit else {}

    plans: list[_Plan] = []
    errors: list[RowError] = []
    for row in rows:
        if row.username:
            named = users_by_username.get(row.username)
            if named is not None and fold(named.full_name) != fold(row.full_name):
                errors.append(RowError(row.row, "row_username_other_person",
                                       {"value": row.username, "name": named.full_name}))
                continue
            plans.append(_Plan(row, named, by_user_id.get(named.id) if named else None))
            continue
        matches = by_name_unit.get((fold(row.full_name), fold(row.unit)), [])
        if len(matches) > 1:
            errors.append(RowError(row.row, "row_duplicate", {"other": "?"}))
            continue
        if matches:
            membership, user = matches[0]
            plans.append(_Plan(row, user, membership))
        else:
            plans.append(_Plan(row, None, None))
    raise_row_errors(errors)

    agencies = await _agencies_named(session, actor=actor, council_id=council_id, rows=rows)
    taken = await _taken_usernames(session, plans)
    created = updated = unchanged = 0
    accounts: list[NewAccount] = []
    for plan in plans:
        row = plan.row
        renamed = False
        if plan.user is None:
            username = row.username or _free_username(username_base(row.full_name), taken)
            taken.add(username)
            password = initial_password()
            plan.user = User(username=username, full_name=row.full_name,
                             password_hash=await hash_password(password), is_active=True,
                             is_admin=False)
            session.add(plan.user)
            await session.flush()
            await record(session, actor=actor, action="user.create", target_type="user",
                         target_id=plan.user.id, council_id=council_id,
                         details={"username": username, "source": "import"})
            accounts.append(NewAccount(row=row.row, username=username, full_name=row.full_name,
                                       password=password))
        elif plan.user.full_name != row.full_name:
            plan.user.full_name = row.full_name  # same person, spelling corrected
            renamed = True
        values = {"role": row.role, "voting_right": row.voting_right, "title": row.title,
                  "unit": row.unit, "agency_id": agencies[fold(row.agency)] if row.agency else None}
        if plan.membership is None:
            plan.membership = Membership(council_id=council_id, user_id=plan.user.id, **values)
            session.add(plan.membership)
            await session.flush()
            created += 1
            action = "member.add"
        elif renamed or any(getattr(plan.membership, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(plan.membership, key, value)
            await session.flush()
            updated += 1
            action = "member.update"
        else:
            unchanged += 1
            continue
        await record(session, actor=actor, action=action, target_type="membership",
                     target_id=plan.membership.id, council_id=council_id,
                     details={"user_id": plan.user.id, "source": "import", **values,
                              **({"full_name": row.full_name} if renamed else {})})
    return ImportResult(created=created, updated=updated, unchanged=unchanged, accounts=accounts)


async def _agencies_named(session: AsyncSession, *, actor: Actor, council_id: int,
                          rows: list[MemberRow]) -> dict[str, int]:
    """Each agency the list names (folded name → id); those not known yet are created."""
    known = {name: agency.id
             for name, agency in (await agencies.by_folded_name(session, council_id=council_id)).items()}
    for row in rows:
        if row.agency and fold(row.agency) not in known:
            agency = await agencies.create_agency(
                session, actor=actor, council_id=council_id, name=row.agency,
                kind=agencies.kind_from_name(row.agency), parent_id=None)
            known[fold(row.agency)] = agency.id
    return known


async def _taken_usernames(session: AsyncSession, plans: list[_Plan]) -> set[str]:
    bases = {username_base(p.row.full_name) for p in plans if p.user is None and not p.row.username}
    taken: set[str] = {p.row.username for p in plans if p.row.username}
    for base in bases:
        taken.update(await session.scalars(select(User.username).where(User.username.like(f"{base}%"))))
    return taken


def _free_username(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"
