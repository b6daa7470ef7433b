"""Who sees a meeting and what they may do in it. Invisible meetings answer 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal, SessionRules, allowed, token_lookup
from app.councils.access import OVERSIGHT, ensure_writable_council, oversees
from app.errors import Forbidden, NotFound
from app.models import AgendaItem, AuthToken, Council, Meeting, MeetingGuest, Membership, User

INVITED = "invited"  # not a council member, invited to this one meeting
PUBLIC = "public"  # anyone without a login: the press and citizens following a public meeting
CONFIDENTIAL_ROLES = frozenset({"secretary", "chair", "deputy"})


@dataclass(frozen=True)
class MeetingAccess:
    meeting: Meeting
    role: str | None  # council role, INVITED, or None (an administrator who is not a member)
    is_admin: bool

    @property
    def can_manage(self) -> bool:
        return self.is_admin or self.role == "secretary"

    @property
    def can_chair(self) -> bool:
        return self.is_admin or self.role in ("secretary", "chair")

    @property
    def reads_confidential(self) -> bool:
        return self.is_admin or self.role in CONFIDENTIAL_ROLES

    @property
    def is_guest(self) -> bool:
        return not self.reads_confidential

    def require_manage(self) -> MeetingAccess:
        if not self.can_manage:
            raise Forbidden()
        return self

    def require_chair(self) -> MeetingAccess:
        if not self.can_chair:
            raise Forbidden()
        return self


Visibility = Literal["all", "held", "public", "none"]  # held: anything but a draft


def _visibility(role: str | None, *, is_admin: bool) -> Visibility:
    """Which of a council's meetings someone with `role` in it sees: the one rule behind both
    the SQL condition and the check of a loaded meeting."""
    if is_admin or role in ("secretary", "chair"):
        return "all"
    if role == "deputy":
        return "held"
    if role in ("guest", INVITED, OVERSIGHT, "respondent", PUBLIC):
        return "public"
    return "none"


def visible_to(role: str | None, *, is_admin: bool) -> ColumnElement[bool]:
    """SQL condition on Meeting for what someone with `role` in its council may see."""
    match _visibility(role, is_admin=is_admin):
        case "all":
            return true()
        case "held":
            return Meeting.state != "draft"
        case "public":
            return and_(Meeting.state != "draft", Meeting.public.is_(True))
    return false()


def sees(meeting: Meeting, role: str | None, *, is_admin: bool) -> bool:
    """visible_to for a meeting already loaded."""
    match _visibility(role, is_admin=is_admin):
        case "all":
            return True
        case "held":
            return meeting.state != "draft"
        case "public":
            return meeting.state != "draft" and meeting.public is True
    return False


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])
# What the access check reads besides the meeting: its council and the user's standing in it.
_STANDING = (Council, Membership.role, MeetingGuest.id)


def _join_standing(query: _Query, user_id: int | SQLColumnExpression[int]) -> _Query:
    """Joins the `_STANDING` columns of `user_id` to a query over Meeting, so that the access
    check is one statement. The council is an outer join only so that a query whose Meeting is
    itself outer-joined still has a row when there is no such meeting."""
    return (query.outerjoin(Council, Council.id == Meeting.council_id)
            .outerjoin(Membership, and_(Membership.council_id == Meeting.council_id,
                                        Membership.user_id == user_id))
            .outerjoin(MeetingGuest, and_(MeetingGuest.meeting_id == Meeting.id,
                                          MeetingGuest.user_id == user_id)))


async def _decide(session: AsyncSession, principal: Principal, meeting: Meeting, council: Council,
                  role: str | None, invited: int | None) -> MeetingAccess:
    is_admin = principal.user.is_admin
    if role is None and invited is not None:
        role = INVITED
    if role is None and not is_admin:
        role = OVERSIGHT if await oversees(session, principal.user.id, council) else None
    if role is None and not is_admin:
        raise NotFound()
    if not sees(meeting, role, is_admin=is_admin):
        raise NotFound()
    ensure_writable_council(session, council)
    return MeetingAccess(meeting=meeting, role=role, is_admin=is_admin)


async def meeting_access(session: AsyncSession, principal: Principal, meeting_id: int) -> MeetingAccess:
    row = (await session.execute(_join_standing(select(Meeting, *_STANDING), principal.user.id)
                                 .where(Meeting.id == meeting_id))).first()
    if row is None:
        raise NotFound()
    meeting, council, role, invited = row
    return await _decide(session, principal, meeting, council, role, invited)


async def item_access(
    session: AsyncSession, principal: Principal, item_id: int
) -> tuple[AgendaItem, MeetingAccess]:
    """An agenda item with the access to its meeting, read in one statement; a guest does not
    see an item that is not public (404)."""
    row = (await session.execute(
        _join_standing(select(AgendaItem, Meeting, *_STANDING)
                       .join(Meeting, Meeting.id == AgendaItem.meeting_id), principal.user.id)
        .where(AgendaItem.id == item_id))).first()
    if row is None:
        raise NotFound()
    item, meeting, council, role, invited = row
    access = await _decide(session, principal, meeting, council, role, invited)
    if access.is_guest and not item.public:
        raise NotFound()
    return item, access


@dataclass(frozen=True)
class TokenStanding:
    """A login and, in the same row, the meeting and the user's standing in it: what
    `token_standing` read; `access()` applies the rules."""

    principal: Principal
    device: AuthToken
    meeting: Meeting | None
    council: Council | None
    role: str | None
    invited: int | None

    async def access(self, session: AsyncSession) -> MeetingAccess:
        if self.meeting is None or self.council is None:
            raise NotFound()
        return await _decide(session, self.principal, self.meeting, self.council, self.role,
                             self.invited)


async def token_standing(
    session: AsyncSession, *, token: str, rules: SessionRules, meeting_id: int, address: str
) -> TokenStanding:
    """The user behind a bearer token and their standing in a meeting, read in one statement: a
    tablet's live connect, thousands of which arrive at once when the hall's Wi-Fi comes back.
    An unknown or ended login is NotAuthenticated before anything about the meeting is said."""
    query = _join_standing(token_lookup(token).add_columns(Meeting, *_STANDING)
                           .outerjoin(Meeting, Meeting.id == meeting_id), User.id)
    row: Any = (await session.execute(query)).first()
    device, user, meeting, council, role, invited = row if row is not None else (None,) * 6
    user, device = allowed(device, user, rules)
    return TokenStanding(Principal(user=user, token_id=device.id, address=address), device,
                         meeting, council, role, invited)


async def public_meeting_access(session: AsyncSession, meeting_id: int) -> MeetingAccess | None:
    """A published public meeting, as anyone may follow it without a login; None otherwise."""
    meeting = await session.scalar(select(Meeting).where(
        Meeting.id == meeting_id, visible_to(PUBLIC, is_admin=False)))
    return MeetingAccess(meeting=meeting, role=PUBLIC, is_admin=False) if meeting else None


async def lock_meeting(session: AsyncSession, meeting_id: int) -> None:
    """Serialises changes within one meeting (its polls, its floor, its questions' numbers): the
    meeting row is locked on PostgreSQL; SQLite has one writer anyway."""
    await session.execute(select(Meeting.id).where(Meeting.id == meeting_id).with_for_update())
