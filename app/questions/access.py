"""Who sees which questions of a meeting.

The council's deputies, chair and secretariat see every question. A respondent sees, in any
meeting of the council that is not a draft (public or not), the questions the secretariat passed
on to them or to their agency. Everyone else who may follow the meeting (guests, invited people,
the province's oversight, the public) sees what the public may: questions once asked on the
floor, and answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.councils.access import ensure_writable
from app.errors import Forbidden, NotFound
from app.meetings.access import MeetingAccess, meeting_access
from app.models import Meeting, Membership, Question
from app.questions import rules

Scope = Literal["all", "respondent", "guest"]
ASKING_ROLES = frozenset({"deputy", "chair"})  # who writes a phiếu chất vấn


@dataclass(frozen=True)
class QuestionReader:
    meeting: Meeting
    scope: Scope
    user_id: int
    agency_id: int | None = None  # a respondent's agency
    can_manage: bool = False  # the secretariat (or an administrator)
    may_ask: bool = False  # a deputy (the chair is one)

    def sees(self, question: Question) -> bool:
        if self.scope == "all":
            return True
        if self.scope == "guest":
            return rules.guests_see(question.state, question.asked_at)  # type: ignore[arg-type]
        return question.state in rules.FORWARDED and (
            question.respondent_id == self.user_id
            or (self.agency_id is not None and question.agency_id == self.agency_id))

    def require_manage(self) -> None:
        if not self.can_manage:
            raise Forbidden()


def reader_from_access(access: MeetingAccess, user_id: int) -> QuestionReader:
    return QuestionReader(
        meeting=access.meeting, scope="all" if access.reads_confidential else "guest",
        user_id=user_id, can_manage=access.can_manage,
        may_ask=access.role in ASKING_ROLES)


async def question_reader(session: AsyncSession, principal: Principal,
                          meeting_id: int) -> QuestionReader:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    membership = await session.scalar(select(Membership).where(
        Membership.council_id == meeting.council_id, Membership.user_id == principal.user.id))
    if membership is not None and membership.role == "respondent" and not principal.user.is_admin:
        if meeting.state == "draft":
            raise NotFound()
        await ensure_writable(session, meeting.council_id)
        return QuestionReader(meeting=meeting, scope="respondent", user_id=principal.user.id,
                              agency_id=membership.agency_id)
    return reader_from_access(await meeting_access(session, principal, meeting_id),
                              principal.user.id)


async def question_access(session: AsyncSession, principal: Principal,
                          question_id: int) -> tuple[Question, QuestionReader]:
    """The question and the caller's standing; 404 when they may not see it."""
    question = await session.get(Question, question_id)
    if question is None:
        raise NotFound()
    reader = await question_reader(session, principal, question.meeting_id)
    if not reader.sees(question):
        raise NotFound()
    return question, reader
