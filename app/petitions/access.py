"""Who sees and handles which petitions of a council.

The council's deputies, chair and secretariat (and administrators) see every petition; the
secretariat records, classifies, merges and imports; the secretariat or the chair (the Thường
trực) reviews answers. A respondent sees only the petitions assigned to their agency, and answers
them. Guests and the province's oversight do not see petitions (403): their texts are the voters'
words. Another council's petition, or another agency's for a respondent, is 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.councils.access import MANAGER_ROLES, council_access
from app.errors import Forbidden, NotFound
from app.models import Council, Petition

Kind = Literal["petition", "recommendation"]  # the rows of `petitions`
READER_ROLES = frozenset({"secretary", "chair", "deputy"})
REVIEWER_ROLES = frozenset({"secretary", "chair"})


@dataclass(frozen=True)
class PetitionReader:
    council: Council
    user_id: int
    agency_id: int | None = None  # set for a respondent: they see their agency's petitions only
    can_manage: bool = False
    can_review: bool = False

    @property
    def is_respondent(self) -> bool:
        return self.agency_id is not None

    def sees(self, petition: Petition) -> bool:
        if petition.council_id != self.council.id:
            return False
        return not self.is_respondent or petition.agency_id == self.agency_id

    def require_manage(self) -> None:
        if not self.can_manage:
            raise Forbidden()

    def require_review(self) -> None:
        if not self.can_review:
            raise Forbidden()

    def require_answer(self, petition: Petition) -> None:
        """The agency's respondents answer; the secretariat may enter an answer received on paper."""
        if not (self.can_manage or (self.is_respondent and petition.agency_id == self.agency_id)):
            raise Forbidden()


async def petition_reader(session: AsyncSession, principal: Principal, council_id: int) -> PetitionReader:
    access = await council_access(session, principal, council_id)
    role = access.role
    if role == "respondent" and not access.is_admin:
        agency_id = access.membership.agency_id if access.membership else None
        if agency_id is None:
            raise Forbidden()
        return PetitionReader(council=access.council, user_id=principal.user.id, agency_id=agency_id)
    if not access.is_admin and role not in READER_ROLES:
        raise Forbidden()
    return PetitionReader(council=access.council, user_id=principal.user.id,
                          can_manage=access.has_role(MANAGER_ROLES),
                          can_review=access.has_role(REVIEWER_ROLES))


async def petition_access(session: AsyncSession, principal: Principal, petition_id: int,
                          kind: Kind = "petition") -> tuple[Petition, PetitionReader]:
    """The row and the caller's standing; a row of the other kind (a recommendation asked for
    as a petition, or the reverse) is 404 like an absent one."""
    petition = await session.get(Petition, petition_id)
    if petition is None or petition.kind != kind:
        raise NotFound()
    reader = await petition_reader(session, principal, petition.council_id)
    if not reader.sees(petition):
        raise NotFound()
    return petition, reader
