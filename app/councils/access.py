"""Who may see and manage a council. Another council's resource is 404, never 403.

A dissolved council is read-only: every request that writes (any method but GET, HEAD and
OPTIONS, see UnitOfWork.writes) and reaches a dissolved council's data through these checks, or
meeting_access, is refused with 409 `council_dissolved`; reading goes on as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.db import writes
from app.errors import Conflict, Forbidden, NotFound
from app.models import Council, Membership

MANAGER_ROLES = frozenset({"secretary"})
# The province's secretariat and chair read their communes (Law 72/2025: the province's Thường
# trực guides and supervises commune councils) as a guest would: published public meetings,
# non-confidential documents, results. Never a write, never anything confidential.
OVERSIGHT = "oversight"
OVERSIGHT_ROLES = frozenset({"secretary", "chair"})


@dataclass(frozen=True)
class CouncilAccess:
    council: Council
    membership: Membership | None
    is_admin: bool
    oversight: bool = False

    @property
    def role(self) -> str | None:
        if self.membership is not None:
            return self.membership.role
        return OVERSIGHT if self.oversight else None

    def has_role(self, roles: frozenset[str] | set[str]) -> bool:
        return self.is_admin or self.role in roles


def ensure_sitting(council: Council) -> None:
    if council.dissolved_on is not None:
        raise Conflict("council_dissolved", day=council.dissolved_on.strftime("%d/%m/%Y"))


async def refuse_if_dissolved(session: AsyncSession, council_id: int) -> None:
    """For checks made in a reading transaction before a write (an upload's permission)."""
    council = await session.get(Council, council_id)
    if council is not None:
        ensure_sitting(council)


async def ensure_writable(session: AsyncSession, council_id: int) -> None:
    """In a writing unit of work, refuse a dissolved council (409)."""
    if writes(session):
        await refuse_if_dissolved(session, council_id)


def ensure_writable_council(session: AsyncSession, council: Council) -> None:
    """ensure_writable for a council already loaded."""
    if writes(session):
        ensure_sitting(council)


async def council_access(session: AsyncSession, principal: Principal, council_id: int) -> CouncilAccess:
    """The caller's standing in a council; 404 if the council is absent or not theirs."""
    council = await session.get(Council, council_id)
    if council is None:
        raise NotFound()
    membership = await session.scalar(
        select(Membership).where(Membership.council_id == council_id,
                                 Membership.user_id == principal.user.id)
    )
    oversight = membership is None and not principal.user.is_admin and await oversees(
        session, principal.user.id, council)
    if membership is None and not principal.user.is_admin and not oversight:
        raise NotFound()
    ensure_writable_council(session, council)
    return CouncilAccess(council=council, membership=membership, is_admin=principal.user.is_admin,
                         oversight=oversight)


async def oversees(session: AsyncSession, user_id: int, council: Council) -> bool:
    """Whether the user is the secretary or chair of the council's parent (its province)."""
    if council.parent_id is None:
        return False
    role = await session.scalar(select(Membership.role).where(
        Membership.council_id == council.parent_id, Membership.user_id == user_id))
    return role in OVERSIGHT_ROLES


def overseen_councils(user_id: int) -> Select[int]:
    """The ids of the councils whose province the user is secretary or chair of."""
    return select(Council.id).where(Council.parent_id.in_(
        select(Membership.council_id).where(Membership.user_id == user_id,
                                            Membership.role.in_(OVERSIGHT_ROLES))))


async def require_council_role(
    session: AsyncSession, principal: Principal, council_id: int, roles: frozenset[str]
) -> CouncilAccess:
    access = await council_access(session, principal, council_id)
    if not access.has_role(roles):
        raise Forbidden()
    return access
