"""Carrying a voters' petition further (API.md: "the unresolved ones carried into supervision or
questioning"): to the floor as a question of a meeting, or into a supervision. The petition keeps
its state and its own answers; the question (its `petition_id`) and the supervision link point
back to it and show in its detail's `escalations`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.errors import Conflict, Invalid
from app.models import Meeting, Membership, Petition, Supervision, SupervisionPetition
from app.petitions.access import petition_access
from app.petitions.schemas import PetitionDetail
from app.petitions.service import latest_responses, petition_detail, require_not_merged
from app.questions.access import ASKING_ROLES
from app.questions.schemas import QuestionOut
from app.questions.service import create_question


async def _escalable(session: AsyncSession, principal: Principal, petition_id: int) -> Petition:
    """The secretariat's petition that still has something to carry: not merged away, not
    closed on a "resolved" answer."""
    petition, reader = await petition_access(session, principal, petition_id)
    reader.require_manage()
    require_not_merged(petition)
    if petition.state == "closed":
        latest = (await latest_responses(session, [petition.id])).get(petition.id)
        if latest is not None and latest.status == "resolved":
            raise Conflict("petition_resolved")
    return petition


async def _asker(session: AsyncSession, principal: Principal, council_id: int, asker_id: int | None) -> int:
    """Who the question is of: `asker_id`, a deputy (the chair is one) of the council; or the
    caller when they are a deputy themselves."""
    wanted = asker_id if asker_id is not None else principal.user.id
    role = await session.scalar(select(Membership.role).where(
        Membership.council_id == council_id, Membership.user_id == wanted))
    if role in ASKING_ROLES:
        return wanted
    if asker_id is None:
        raise Invalid("question_asker_required", details=[{"field": "asker_id"}])
    raise Invalid("not_a_deputy", details=[{"field": "asker_id", "ids": [asker_id]}])


async def to_question(session: AsyncSession, *, principal: Principal, petition_id: int, meeting_id: int,
                      respondent_id: int, asker_id: int | None, text: str | None) -> QuestionOut:
    """A phiếu chất vấn made by the questions domain itself (its rules, audit and live event)."""
    petition = await _escalable(session, principal, petition_id)
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or meeting.council_id != petition.council_id:
        raise Invalid("meeting_not_in_council", details=[{"field": "meeting_id"}])
    asker = await _asker(session, principal, petition.council_id, asker_id)
    question = await create_question(session, actor=principal.actor, meeting=meeting, asker_id=asker,
                                     text=text or petition.text, respondent_id=respondent_id, agency_id=None,
                                     topic_id=None, petition_id=petition.id)
    await record(session, actor=principal.actor, action="petition.escalate", target_type="petition",
                 target_id=petition.id, council_id=petition.council_id,
                 details={"to": "question", "question_id": question.id, "meeting_id": meeting.id,
                          "asker_id": asker})
    return question


async def to_supervision(session: AsyncSession, *, principal: Principal, petition_id: int,
                         supervision_id: int) -> PetitionDetail:
    petition = await _escalable(session, principal, petition_id)
    supervision = await session.get(Supervision, supervision_id)
    if supervision is None or supervision.council_id != petition.council_id:
        raise Invalid("supervision_not_in_council", details=[{"field": "supervision_id"}])
    if await session.get(SupervisionPetition, (supervision.id, petition.id)) is not None:
        raise Conflict("petition_already_escalated")
    session.add(SupervisionPetition(supervision_id=supervision.id, petition_id=petition.id,
                                    created_by=principal.user.id))
    await record(session, actor=principal.actor, action="petition.escalate", target_type="petition",
                 target_id=petition.id, council_id=petition.council_id,
                 details={"to": "supervision", "supervision_id": supervision.id})
    return await petition_detail(session, petition)
