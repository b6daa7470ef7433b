"""Where a voters' petition was carried (escalated): the questions that put it to the floor and
the supervisions that took it up; read for the petition's detail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Question, Supervision, SupervisionPetition
from app.petitions.schemas import Escalation, QuestionEscalation, SupervisionEscalation


async def escalations_of(session: AsyncSession, petition_id: int) -> list[Escalation]:
    """Oldest first."""
    found: list[tuple[datetime, int, Escalation]] = [
        (created_at, question_id, QuestionEscalation(question_id=question_id, meeting_id=meeting_id))
        for question_id, meeting_id, created_at in (await session.execute(
            select(Question.id, Question.meeting_id, Question.created_at)
            .where(Question.petition_id == petition_id))).all()]
    found += [
        (created_at, supervision_id, SupervisionEscalation(supervision_id=supervision_id, title=title))
        for supervision_id, title, created_at in (await session.execute(
            select(Supervision.id, Supervision.title, SupervisionPetition.created_at)
            .join(SupervisionPetition, SupervisionPetition.supervision_id == Supervision.id)
            .where(SupervisionPetition.petition_id == petition_id))).all()]
    return [escalation for _, _, escalation in sorted(found, key=lambda row: (row[0], row[1]))]
