"""Questions and commitments as they are answered: names, positions and agencies looked up in
one go for a whole list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.time import vietnam_today
from app.models import Agency, Commitment, Meeting, Membership, Question, User
from app.questions import rules
from app.questions.schemas import AgencyRef, AnswerOut, CommitmentOut, Person, QuestionOut


class _Names:
    """People (with their position in the council) and agencies of some questions."""

    def __init__(self, users: dict[int, str], positions: dict[tuple[int, int], str],
                 agencies: dict[int, str], councils: dict[int, int]) -> None:
        self.users, self.positions, self.agencies, self.councils = (
            users, positions, agencies, councils)

    @classmethod
    async def load(cls, session: AsyncSession, questions: Sequence[Question]) -> _Names:
        user_ids = {q.asker_id for q in questions} | {
            uid for q in questions for uid in (q.respondent_id, q.answered_by) if uid is not None}
        councils = dict((await session.execute(select(Meeting.id, Meeting.council_id).where(
            Meeting.id.in_({q.meeting_id for q in questions})))).all()) if questions else {}
        users = dict((await session.execute(select(User.id, User.full_name).where(
            User.id.in_(user_ids)))).all()) if user_ids else {}
        positions = {(row.council_id, row.user_id): row.title for row in await session.execute(
            select(Membership.council_id, Membership.user_id, Membership.title).where(
                Membership.user_id.in_(user_ids),
                Membership.council_id.in_(set(councils.values()))))} if user_ids else {}
        agency_ids = {q.agency_id for q in questions if q.agency_id is not None}
        agencies = dict((await session.execute(select(Agency.id, Agency.name).where(
            Agency.id.in_(agency_ids)))).all()) if agency_ids else {}
        return cls(users, positions, agencies, councils)

    def person(self, question: Question, user_id: int | None) -> Person | None:
        if user_id is None or user_id not in self.users:
            return None
        council_id = self.councils.get(question.meeting_id, 0)
        return Person(user_id=user_id, full_name=self.users[user_id],
                      position=self.positions.get((council_id, user_id), ""))

    def agency(self, question: Question) -> AgencyRef | None:
        if question.agency_id is None or question.agency_id not in self.agencies:
            return None
        return AgencyRef(id=question.agency_id, name=self.agencies[question.agency_id])


def _commitment_out(commitment: Commitment, question: Question, names: _Names,
                    today: date) -> CommitmentOut:
    return CommitmentOut(
        id=commitment.id, question_id=question.id, council_id=commitment.council_id,
        meeting_id=question.meeting_id, text=commitment.text, due_on=commitment.due_on,
        state=commitment.state,
        overdue=rules.is_overdue(commitment.due_on, today, settled=commitment.state == "done"),
        respondent=names.person(question, question.respondent_id), agency=names.agency(question),
        created_at=commitment.created_at, done_at=commitment.done_at)


def _answer_out(question: Question, names: _Names) -> AnswerOut | None:
    if question.answered_at is None:
        return None
    return AnswerOut(
        text=question.answer_text, on_floor=question.answered_on_floor,
        answered_at=question.answered_at, answered_by=names.person(question, question.answered_by),
        file_url=f"/api/v1/questions/{question.id}/answer/file" if question.answer_sha256 else None,
        filename=question.answer_filename)


async def questions_out(session: AsyncSession, questions: Sequence[Question], *,
                        guest: bool = False) -> list[QuestionOut]:
    """The questions as answered; for guests without what only the council sees (a refusal's
    reason)."""
    names = await _Names.load(session, questions)
    by_question: dict[int, list[Commitment]] = {q.id: [] for q in questions}
    if questions:
        for commitment in await session.scalars(select(Commitment).where(
                Commitment.question_id.in_(by_question)).order_by(Commitment.due_on, Commitment.id)):
            by_question[commitment.question_id].append(commitment)
    today = vietnam_today()
    out = []
    for q in questions:
        asker = names.person(q, q.asker_id)
        assert asker is not None  # the asker's row is kept as long as the question (CASCADE)
        out.append(QuestionOut(
            id=q.id, meeting_id=q.meeting_id, number=q.number, state=q.state,
            asker=asker, respondent=names.person(q, q.respondent_id), agency=names.agency(q),
            topic_id=q.topic_id, text=q.text, petition_id=q.petition_id, submitted_at=q.created_at,
            reason="" if guest else q.reason, asked_at=q.asked_at, answer=_answer_out(q, names),
            answer_due=q.answer_due,
            overdue=rules.is_overdue(q.answer_due, today, settled=q.state != "written"),
            commitments=[_commitment_out(c, q, names, today) for c in by_question[q.id]]))
    return out


async def commitments_out(session: AsyncSession,
                          rows: Sequence[tuple[Commitment, Question]]) -> list[CommitmentOut]:
    names = await _Names.load(session, [question for _, question in rows])
    today = vietnam_today()
    return [_commitment_out(commitment, question, names, today) for commitment, question in rows]
