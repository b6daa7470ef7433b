"""Who may see and manage a council. Another council's resource is 404, never 403."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.errors import Forbidden, NotFound
from app.models import Council, Membership

MANAGER_ROLES = frozenset({"secretary"})


@dataclass(frozen=True)
class CouncilAccess:
    council: Council
    membership: Membership | None
    is_admin: bool

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    def has_role(self, roles: frozenset[str] | set[str]) -> bool:
        return self.is_admin or self.role in roles


async def council_access(session: AsyncSession, principal: Principal, council_id: int) -> CouncilAccess:
    """The caller's standing in a council; 404 if the council is absent or not theirs."""
    council = await session.get(Council, council_id)
    if council is None:
        raise NotFound()
    membership = await session.scalar(
        select(Membership).where(Membership.council_id == council_id,
                                 Membership.user_id == principal.user.id)
    )
    if membership is None and not principal.user.is_admin:
        raise NotFound()
    return CouncilAccess(council=council, membership=membership, is_admin=principal.user.is_admin)


async def require_council_role(
    session: AsyncSession, principal: Principal, council_id: int, roles: frozenset[str]
) -> CouncilAccess:
    access = await council_access(session, principal, council_id)
    if not access.has_role(roles):
        raise Forbidden()
    return access
