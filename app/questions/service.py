"""Questioning (chất vấn): deputies' written questions, the secretariat's topics and decisions,
answers on the floor or in writing, and the commitments respondents make.

Every change is audited and announced as `question.updated` with the whole question: to the
council's readers always, and (a copy without what only the council sees) to guests once the
public may see the question."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import Actor, record
from app.councils.access import council_access
from app.documents.attached_pdf import AttachedPdf
from app.documents.storage import BlobStore
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import lock_meeting
from app.meetings.service import require_open
from app.models import Agency, Commitment, Meeting, Membership, Question, QuestionTopic, Speaker, User
from app.models import QuestionTopicRespondent as TopicRespondent
from app.questions import rules
from app.questions.access import QuestionReader, question_access, question_reader
from app.questions.rules import Decision, QuestionRuleError
from app.questions.schemas import CommitmentOut, Person, QuestionOut, TopicOut
from app.questions.views import commitments_out, questions_out

SEES_ALL_COMMITMENTS = frozenset({"secretary", "chair", "deputy"})


def _conflict(exc: QuestionRuleError) -> Conflict | Invalid:
    return Invalid(exc.code) if exc.code == "question_reason_required" else Conflict(exc.code)


async def _audit(session: AsyncSession, actor: Actor, action: str, question: Question,
                 council_id: int, **details: object) -> None:
    await record(session, actor=actor, action=f"question.{action}", target_type="question",
                 target_id=question.id, council_id=council_id,
                 details={"meeting_id": question.meeting_id, "number": question.number,
                          "state": question.state, **details})


async def announce(session: AsyncSession, question: Question) -> QuestionOut:
    """`question.updated` for the council's readers, and for guests when they may see it."""
    await session.flush()
    [full] = await questions_out(session, [question])
    await emit(session, meeting_id=question.meeting_id, type="question.updated",
               audience="confidential", data={"question": full.model_dump(mode="json")})
    if rules.guests_see(question.state, question.asked_at):  # type: ignore[arg-type]
        [public] = await questions_out(session, [question], guest=True)
        await emit(session, meeting_id=question.meeting_id, type="question.updated",
                   audience="guests", data={"question": public.model_dump(mode="json")})
    return full


# --- topics -------------------------------------------------------------------------------------

async def _respondent_ids(session: AsyncSession, council_id: int, user_ids: Iterable[int]) -> set[int]:
    wanted = set(user_ids)
    found = set(await session.scalars(select(Membership.user_id).where(
        Membership.council_id == council_id, Membership.role == "respondent",
        Membership.user_id.in_(wanted)))) if wanted else set()
    if found != wanted:
        raise Invalid("respondent_invalid", details=[
            {"field": "respondent_ids",
             "message": f"not a respondent of the council: {sorted(wanted - found)}"}])
    return wanted


async def topics_out(session: AsyncSession, meeting: Meeting) -> list[TopicOut]:
    topics = list(await session.scalars(select(QuestionTopic).where(
        QuestionTopic.meeting_id == meeting.id).order_by(QuestionTopic.position, QuestionTopic.id)))
    people: dict[int, list[Person]] = {topic.id: [] for topic in topics}
    if topics:
        rows = await session.execute(
            select(TopicRespondent.topic_id, User.id, User.full_name, Membership.title)
            .join(User, User.id == TopicRespondent.user_id)
            .outerjoin(Membership, (Membership.user_id == User.id)
                       & (Membership.council_id == meeting.council_id))
            .where(TopicRespondent.topic_id.in_(people)).order_by(User.full_name, User.id))
        for topic_id, user_id, full_name, title in rows:
            people[topic_id].append(Person(user_id=user_id, full_name=full_name, position=title or ""))
    return [TopicOut(id=t.id, meeting_id=t.meeting_id, title=t.title, position=t.position,
                     respondents=people[t.id]) for t in topics]


async def list_topics(session: AsyncSession, *, principal: Principal, meeting_id: int) -> list[TopicOut]:
    reader = await question_reader(session, principal, meeting_id)
    return await topics_out(session, reader.meeting)


async def _set_respondents(session: AsyncSession, topic: QuestionTopic, user_ids: set[int]) -> None:
    await session.execute(delete(TopicRespondent).where(TopicRespondent.topic_id == topic.id))
    session.add_all(TopicRespondent(topic_id=topic.id, user_id=uid) for uid in sorted(user_ids))
    await session.flush()


async def create_topic(session: AsyncSession, *, principal: Principal, meeting_id: int, title: str,
                       respondent_ids: list[int]) -> TopicOut:
    reader = await question_reader(session, principal, meeting_id)
    reader.require_manage()
    meeting = reader.meeting
    require_open(meeting)
    respondents = await _respondent_ids(session, meeting.council_id, respondent_ids)
    await lock_meeting(session, meeting.id)
    position = (await session.scalar(select(func.max(QuestionTopic.position)).where(
        QuestionTopic.meeting_id == meeting.id)) or 0) + 1
    topic = QuestionTopic(meeting_id=meeting.id, title=title, position=position)
    session.add(topic)
    await session.flush()
    await _set_respondents(session, topic, respondents)
    await record(session, actor=principal.actor, action="question_topic.create",
                 target_type="question_topic", target_id=topic.id, council_id=meeting.council_id,
                 details={"meeting_id": meeting.id, "title": title,
                          "respondent_ids": sorted(respondents)})
    return next(t for t in await topics_out(session, meeting) if t.id == topic.id)


async def update_topic(session: AsyncSession, *, principal: Principal, topic_id: int,
                       title: str | None, respondent_ids: list[int] | None) -> TopicOut:
    topic = await session.get(QuestionTopic, topic_id)
    if topic is None:
        raise NotFound()
    reader = await question_reader(session, principal, topic.meeting_id)
    reader.require_manage()
    require_open(reader.meeting)
    changes: dict[str, object] = {}
    if title is not None:
        topic.title = changes["title"] = title
    if respondent_ids is not None:
        respondents = await _respondent_ids(session, reader.meeting.council_id, respondent_ids)
        await _set_respondents(session, topic, respondents)
        changes["respondent_ids"] = sorted(respondents)
    await session.flush()
    await record(session, actor=principal.actor, action="question_topic.update",
                 target_type="question_topic", target_id=topic.id,
                 council_id=reader.meeting.council_id, details=changes)
    return next(t for t in await topics_out(session, reader.meeting) if t.id == topic.id)


async def _topic_of(session: AsyncSession, meeting_id: int, topic_id: int | None) -> int | None:
    if topic_id is None:
        return None
    found = await session.scalar(select(QuestionTopic.id).where(
        QuestionTopic.id == topic_id, QuestionTopic.meeting_id == meeting_id))
    if found is None:
        raise Invalid("topic_invalid", details=[
            {"field": "topic_id", "message": "not a topic of this meeting"}])
    return found


# --- questions ----------------------------------------------------------------------------------

async def list_questions(session: AsyncSession, *, principal: Principal,
                         meeting_id: int) -> list[QuestionOut]:
    reader = await question_reader(session, principal, meeting_id)
    return await visible_questions(session, reader)


async def visible_questions(session: AsyncSession, reader: QuestionReader) -> list[QuestionOut]:
    """The meeting's questions this reader may see, by number."""
    rows = await session.scalars(select(Question).where(Question.meeting_id == reader.meeting.id)
                                 .order_by(Question.number))
    return await questions_out(session, [q for q in rows if reader.sees(q)],
                               guest=reader.scope == "guest")


async def _addressee(session: AsyncSession, council_id: int, respondent_id: int | None,
                     agency_id: int | None) -> tuple[int | None, int | None]:
    """The respondent and agency a question is addressed to; a respondent's agency is theirs."""
    if respondent_id is None and agency_id is None:
        raise Invalid("question_addressee_required")
    if agency_id is not None and await session.scalar(select(Agency.id).where(
            Agency.id == agency_id, Agency.council_id == council_id)) is None:
        raise Invalid("agency_invalid", details=[
            {"field": "agency_id", "message": "not an agency of the council"}])
    if respondent_id is None:
        return None, agency_id
    membership = await session.scalar(select(Membership).where(
        Membership.council_id == council_id, Membership.user_id == respondent_id,
        Membership.role == "respondent"))
    if membership is None:
        raise Invalid("respondent_invalid", details=[
            {"field": "respondent_id", "message": "not a respondent of the council"}])
    if agency_id is not None and membership.agency_id not in (None, agency_id):
        raise Invalid("respondent_agency_mismatch")
    return respondent_id, agency_id if agency_id is not None else membership.agency_id


async def submit(session: AsyncSession, *, principal: Principal, meeting_id: int, text: str,
                 respondent_id: int | None, agency_id: int | None,
                 topic_id: int | None) -> QuestionOut:
    reader = await question_reader(session, principal, meeting_id)
    if not reader.may_ask:
        raise Forbidden()
    return await create_question(session, actor=principal.actor, meeting=reader.meeting,
                                 asker_id=principal.user.id, text=text, respondent_id=respondent_id,
                                 agency_id=agency_id, topic_id=topic_id)


async def create_question(session: AsyncSession, *, actor: Actor, meeting: Meeting, asker_id: int,
                          text: str, respondent_id: int | None, agency_id: int | None,
                          topic_id: int | None, petition_id: int | None = None) -> QuestionOut:
    """A new phiếu chất vấn of `asker_id` (a deputy: the caller checks), numbered in its meeting,
    audited and announced; `petition_id` when it carries a voters' petition to the floor."""
    require_open(meeting)
    respondent_id, agency_id = await _addressee(session, meeting.council_id, respondent_id, agency_id)
    topic_id = await _topic_of(session, meeting.id, topic_id)
    await lock_meeting(session, meeting.id)
    number = (await session.scalar(select(func.max(Question.number)).where(
        Question.meeting_id == meeting.id)) or 0) + 1
    question = Question(meeting_id=meeting.id, number=number, asker_id=asker_id,
                        respondent_id=respondent_id, agency_id=agency_id, topic_id=topic_id,
                        text=text, petition_id=petition_id, state="submitted", reason="",
                        answered_on_floor=False, answer_text="", answer_filename="")
    session.add(question)
    await session.flush()
    await _audit(session, actor, "submit", question, meeting.council_id,
                 respondent_id=respondent_id, agency_id=agency_id,
                 **({"petition_id": petition_id} if petition_id is not None else {}))
    return await announce(session, question)


async def decide(session: AsyncSession, *, principal: Principal, question_id: int,
                 decision: Decision, topic_id: int | None, reason: str,
                 answer_days: int) -> QuestionOut:
    """The secretariat accepts a question for the floor, leaves it to a written answer, or
    refuses it; a question made written after the meeting closed is due from then."""
    question, reader = await question_access(session, principal, question_id)
    reader.require_manage()
    await lock_meeting(session, question.meeting_id)
    await session.refresh(question)
    try:
        state = rules.decide(question.state, decision, reason,  # type: ignore[arg-type]
                             asked=question.asked_at is not None)
    except QuestionRuleError as exc:
        raise _conflict(exc) from None
    if topic_id is not None:
        question.topic_id = await _topic_of(session, question.meeting_id, topic_id)
    question.state, question.decided_at = state, utcnow()
    question.reason = reason if state == "rejected" else ""
    if state == "written" and question.answer_due is None:
        question.answer_due = rules.answer_due(reader.meeting.closed_at, answer_days)
    await _audit(session, principal.actor, "decide", question, reader.meeting.council_id,
                 topic_id=question.topic_id, reason=question.reason)
    return await announce(session, question)


async def answer(session: AsyncSession, *, principal: Principal, question_id: int, text: str,
                 store: BlobStore, pdf: AttachedPdf | None) -> QuestionOut:
    """A written answer (or the record of one given on the floor), by the respondent it is
    addressed to or by the secretariat on their behalf; an optional PDF goes with it."""
    question, reader = await question_access(session, principal, question_id)
    if not (reader.can_manage or reader.scope == "respondent"):
        raise Forbidden()
    await lock_meeting(session, question.meeting_id)
    await session.refresh(question)
    try:
        question.state = rules.move(question.state, "answered")  # type: ignore[arg-type]
    except QuestionRuleError as exc:
        raise _conflict(exc) from None
    question.answer_text, question.answered_on_floor = text, False
    question.answered_at, question.answered_by = utcnow(), principal.user.id
    if pdf is not None:
        await store.commit(pdf.blob)
        question.answer_sha256, question.answer_size = pdf.blob.sha256, pdf.blob.size
        question.answer_filename = pdf.stored_name(f"tra-loi-chat-van-{question.number}.pdf")
    await _audit(session, principal.actor, "answer", question, reader.meeting.council_id,
                 pdf=question.answer_sha256)
    return await announce(session, question)


async def answer_file(session: AsyncSession, *, principal: Principal,
                      question_id: int) -> tuple[str, str]:
    """The answer's PDF: (sha256, filename); 404 when there is none or it is not yours to see."""
    question, _ = await question_access(session, principal, question_id)
    if question.answer_sha256 is None:
        raise NotFound()
    return question.answer_sha256, question.answer_filename


async def my_questions(session: AsyncSession, *, principal: Principal) -> list[QuestionOut]:
    """What the caller must answer (addressed to them or their agency, in any council where they
    are a respondent) and what they asked; the soonest deadlines first."""
    respondent_of = (await session.execute(select(Membership.council_id, Membership.agency_id).where(
        Membership.user_id == principal.user.id, Membership.role == "respondent"))).all()
    agencies = {agency for _, agency in respondent_of if agency is not None}
    addressed = or_(Question.respondent_id == principal.user.id, Question.agency_id.in_(agencies))
    rows = (await session.execute(
        select(Question, Meeting).join(Meeting, Meeting.id == Question.meeting_id)
        .where(Meeting.state != "draft",
               or_(Question.asker_id == principal.user.id,
                   addressed & Meeting.council_id.in_({c for c, _ in respondent_of})))
    )).all()
    agency_in: dict[int, int | None] = {row[0]: row[1] for row in respondent_of}
    mine = [q for q, meeting in rows if q.asker_id == principal.user.id or QuestionReader(
        meeting=meeting, scope="respondent", user_id=principal.user.id,
        agency_id=agency_in.get(meeting.council_id)).sees(q)]
    out = await questions_out(session, mine)
    return sorted(out, key=lambda q: (not q.overdue, q.answer_due or date.max, q.meeting_id, q.number))


# --- on the floor and at the close --------------------------------------------------------------

async def floor_question(session: AsyncSession, *, meeting_id: int, question_id: int) -> Question:
    """A question a speaker may be put on the list for: of this meeting, meant for the floor."""
    question = await session.get(Question, question_id)
    if question is None or question.meeting_id != meeting_id:
        raise NotFound("question_not_found")
    if question.state not in rules.ON_FLOOR:
        raise Conflict("question_wrong_state")
    return question


async def answers_for(session: AsyncSession, question: Question, council_id: int, user_id: int) -> bool:
    """Whether `user_id` answers this question: its respondent, or a respondent of its agency."""
    if question.respondent_id == user_id:
        return True
    agency = await session.scalar(select(Membership.agency_id).where(
        Membership.council_id == council_id, Membership.user_id == user_id,
        Membership.role == "respondent"))
    return agency is not None and agency == question.agency_id


async def follow_floor(session: AsyncSession, *, actor: Actor, council_id: int,
                       speakers: Iterable[Speaker], now: datetime) -> None:
    """A question is asked when its first question speaker starts, and answered on the floor
    when an answer speaker on it has finished."""
    for speaker in speakers:
        if speaker.question_id is None:
            continue
        question = await session.get(Question, speaker.question_id)
        if question is None:
            continue
        if speaker.kind == "question" and speaker.state == "speaking" and question.state == "accepted":
            question.state, question.asked_at = "asked", now
            action = "asked"
        elif speaker.kind == "answer" and speaker.state == "done" and question.state == "asked":
            question.state, question.answered_on_floor = "answered", True
            question.answered_at, question.answered_by = now, speaker.user_id
            action = "answered_on_floor"
        else:
            continue
        await _audit(session, actor, action, question, council_id, speaker_id=speaker.id)
        await announce(session, question)


async def settle_at_close(session: AsyncSession, *, actor: Actor, meeting: Meeting,
                          answer_days: int) -> None:
    """At the close: what the floor did not answer is answered in writing, due from today."""
    due = rules.answer_due(meeting.closed_at, answer_days)
    for question in await session.scalars(select(Question).where(
            Question.meeting_id == meeting.id,
            Question.state.in_(("accepted", "asked", "written"))).order_by(Question.number)):
        state = rules.on_meeting_closed(question.state)  # type: ignore[arg-type]
        if state == question.state and question.answer_due is not None:
            continue
        question.state, question.answer_due = state, question.answer_due or due
        await _audit(session, actor, "written_at_close", question, meeting.council_id,
                     answer_due=due.isoformat() if due else None)
        await announce(session, question)


# --- commitments --------------------------------------------------------------------------------

async def add_commitment(session: AsyncSession, *, principal: Principal, question_id: int,
                         text: str, due_on: date) -> CommitmentOut:
    question, reader = await question_access(session, principal, question_id)
    reader.require_manage()
    if question.state in ("submitted", "rejected"):
        raise Conflict("question_wrong_state")
    commitment = Commitment(question_id=question.id, council_id=reader.meeting.council_id,
                            text=text, due_on=due_on, state="open", created_by=principal.user.id)
    session.add(commitment)
    await session.flush()
    await record(session, actor=principal.actor, action="commitment.create", target_type="commitment",
                 target_id=commitment.id, council_id=reader.meeting.council_id,
                 details={"question_id": question.id, "due_on": due_on.isoformat()})
    await announce(session, question)
    [out] = await commitments_out(session, [(commitment, question)])
    return out


async def update_commitment(session: AsyncSession, *, principal: Principal, commitment_id: int,
                            state: str | None, text: str | None, due_on: date | None) -> CommitmentOut:
    commitment = await session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound()
    question, reader = await question_access(session, principal, commitment.question_id)
    reader.require_manage()
    changes: dict[str, object] = {}
    if state is not None and state != commitment.state:
        commitment.state = changes["state"] = state
        commitment.done_at = utcnow() if state == "done" else None
    if text is not None:
        commitment.text = changes["text"] = text
    if due_on is not None:
        commitment.due_on = due_on
        changes["due_on"] = due_on.isoformat()
    await session.flush()
    await record(session, actor=principal.actor, action="commitment.update", target_type="commitment",
                 target_id=commitment.id, council_id=commitment.council_id, details=changes)
    await announce(session, question)
    [out] = await commitments_out(session, [(commitment, question)])
    return out


async def council_commitments(session: AsyncSession, *, principal: Principal, council_id: int,
                              include_done: bool) -> list[CommitmentOut]:
    """The council's commitments, oldest due first: everything for its deputies and secretariat;
    for a respondent those of their questions; for others those of questions the public saw."""
    access = await council_access(session, principal, council_id)
    query = (select(Commitment, Question, Meeting)
             .join(Question, Question.id == Commitment.question_id)
             .join(Meeting, Meeting.id == Question.meeting_id)
             .where(Commitment.council_id == council_id)
             .order_by(Commitment.due_on, Commitment.id))
    if not include_done:
        query = query.where(Commitment.state == "open")
    role = access.role
    rows = []
    for commitment, question, meeting in (await session.execute(query)).all():
        if not (access.is_admin or role in SEES_ALL_COMMITMENTS):
            reader = QuestionReader(
                meeting=meeting, scope="respondent" if role == "respondent" else "guest",
                user_id=principal.user.id,
                agency_id=access.membership.agency_id if access.membership else None)
            if not reader.sees(question) or (reader.scope == "guest" and not meeting.public):
                continue
        rows.append((commitment, question))
    return await commitments_out(session, rows)
