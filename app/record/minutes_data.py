"""What the minutes say, read from what was recorded: the meeting, its attendance, and for each
agenda item its documents, the secretary's summary, the speeches, the questions, the polls and
the resolutions. Plain data, rendered to PDF and to .docx by the same layout (minutes_layout).

Secret polls contribute their counts only: nothing here can name how anyone voted in one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.attendance.schemas import AttendanceSummary
from app.attendance.service import summary as attendance_summary
from app.kit.collation import by_name
from app.meetings.access import MeetingAccess
from app.meetings.agenda import agenda_view, items_of
from app.models import (
    AuditEntry,
    Council,
    Document,
    Membership,
    MinutesNote,
    Poll,
    PollOption,
    Resolution,
    Speaker,
    User,
)
from app.questions.access import reader_from_access
from app.questions.service import visible_questions
from app.record import wording


@dataclass(frozen=True)
class Speech:
    name: str
    kind: str
    seconds: float
    started_at: datetime | None


@dataclass(frozen=True)
class QuestionRecord:
    number: int
    asker: str
    addressee: str
    text: str
    answer: str  # the answer's text, or how it was given
    state: str


@dataclass(frozen=True)
class PollRecord:
    title: str
    secret: bool
    rule: str
    seated: int
    present: int
    cast: int
    base: int
    required: int
    counts: list[tuple[str, int]]
    outcome: str
    passed: bool
    elected: list[str]
    closed_at: datetime | None
    named_votes: list[tuple[str, str]] | None  # open polls only: (deputy, choice)


@dataclass(frozen=True)
class ResolutionRecord:
    number: str
    title: str


@dataclass
class ItemRecord:
    number: str
    title: str
    depth: int
    presenter: str
    documents: list[tuple[str, str]] = field(default_factory=list)  # (title, kind in words)
    summary: str = ""
    speeches: list[Speech] = field(default_factory=list)
    questions: list[QuestionRecord] = field(default_factory=list)
    polls: list[PollRecord] = field(default_factory=list)
    resolutions: list[ResolutionRecord] = field(default_factory=list)


@dataclass
class MinutesData:
    council_name: str
    meeting_title: str
    meeting_number: int | None
    location: str
    scheduled_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    chair: str
    secretary: str
    attendance: AttendanceSummary
    items: list[ItemRecord]
    written_questions: list[QuestionRecord]
    final: bool


async def _officer(session: AsyncSession, council_id: int, role: str) -> str:
    names = list(await session.scalars(
        select(User.full_name).join(Membership, Membership.user_id == User.id)
        .where(Membership.council_id == council_id, Membership.role == role)))
    return ", ".join(by_name(names, name=str, tie=lambda _: 0)) if names else "—"


async def _opened_at(session: AsyncSession, meeting_id: int) -> datetime | None:
    at: datetime | None = await session.scalar(
        select(AuditEntry.at).where(AuditEntry.action == "meeting.start",
                                    AuditEntry.target_type == "meeting",
                                    AuditEntry.target_id == str(meeting_id))
        .order_by(AuditEntry.id).limit(1))
    return at


def _poll_record(poll: Poll, labels: dict[int, str]) -> PollRecord:
    result: dict[str, Any] = json.loads(poll.result or "{}")
    named = None
    if not poll.secret and result.get("votes") is not None:
        named = [(vote["full_name"], "; ".join(labels.get(i, "") for i in vote["option_ids"]))
                 for vote in result["votes"]]
        named = by_name(named, name=lambda row: row[0], tie=lambda _: 0)
    return PollRecord(
        title=poll.title, secret=poll.secret, rule=wording.poll_rule(result),
        seated=result["seated"], present=result["present"], cast=result["cast"],
        base=result["base"], required=result["required"],
        counts=[(count["label"], count["votes"]) for count in result["counts"]],
        outcome=wording.outcome(result), passed=bool(result.get("passed")),
        elected=[labels.get(i, "") for i in result.get("elected", [])],
        closed_at=poll.closed_at, named_votes=named)


def _question_record(question: Any) -> QuestionRecord:
    addressee = question.respondent.full_name if question.respondent else ""
    if question.respondent and question.respondent.position:
        addressee += f" ({question.respondent.position})"
    if question.agency:
        addressee = f"{addressee}, {question.agency.name}" if addressee else question.agency.name
    if question.answer is not None:
        how = "Trả lời trực tiếp tại kỳ họp" if question.answer.on_floor else "Trả lời bằng văn bản"
        by = f" — {question.answer.answered_by.full_name}" if question.answer.answered_by else ""
        answer = f"{how}{by}" + (f": {question.answer.text}" if question.answer.text else "")
    elif question.answer_due is not None:
        answer = f"Trả lời bằng văn bản, hạn {question.answer_due:%d/%m/%Y}"
    else:
        answer = "Chưa trả lời"
    return QuestionRecord(number=question.number, asker=question.asker.full_name, addressee=addressee,
                          text=question.text, answer=answer, state=question.state)


async def collect(session: AsyncSession, access: MeetingAccess, *, final: bool) -> MinutesData:
    """The minutes as this reader may read them: a guest's copy has only the public items and no
    confidential document."""
    meeting = access.meeting
    guest = not access.reads_confidential
    council = await session.get_one(Council, meeting.council_id)
    agenda = agenda_view(await items_of(session, meeting.id), guest=guest)
    shown = {item.id for item in agenda}
    records = {item.id: ItemRecord(number=item.number, title=item.title, depth=item.depth,
                                   presenter=item.presenter) for item in agenda}

    documents = select(Document).where(Document.meeting_id == meeting.id, Document.kind != "minutes",
                                       Document.agenda_item_id.in_(shown)).order_by(Document.id)
    if guest:
        documents = documents.where(Document.confidential.is_(False))
    for document in await session.scalars(documents):
        assert document.agenda_item_id is not None
        records[document.agenda_item_id].documents.append(
            (document.title, wording.DOCUMENT_KINDS.get(document.kind, document.kind)))

    for note in await session.scalars(select(MinutesNote).where(MinutesNote.meeting_id == meeting.id)):
        if note.agenda_item_id in records:
            records[note.agenda_item_id].summary = note.text

    question_items: dict[int, int] = {}
    speeches = await session.execute(
        select(Speaker, User.full_name).join(User, User.id == Speaker.user_id)
        .where(Speaker.meeting_id == meeting.id, Speaker.first_started_at.is_not(None))
        .order_by(Speaker.first_started_at, Speaker.id))
    for speaker, name in speeches:
        if speaker.agenda_item_id not in records:
            continue
        records[speaker.agenda_item_id].speeches.append(
            Speech(name=name, kind=wording.SPEAKER_KINDS.get(speaker.kind, speaker.kind),
                   seconds=speaker.spoken_s, started_at=speaker.first_started_at))
        if speaker.question_id is not None:
            question_items.setdefault(speaker.question_id, speaker.agenda_item_id)

    written: list[QuestionRecord] = []
    for question in await visible_questions(session, reader_from_access(access, user_id=0)):
        if question.state in ("submitted", "rejected"):
            continue
        item_id = question_items.get(question.id)
        if item_id is not None:
            records[item_id].questions.append(_question_record(question))
        else:
            written.append(_question_record(question))

    polls = list(await session.scalars(
        select(Poll).where(Poll.meeting_id == meeting.id, Poll.state == "closed",
                           Poll.agenda_item_id.in_(shown)).order_by(Poll.closed_at, Poll.id)))
    labels = {option.id: option.label for option in await session.scalars(
        select(PollOption).where(PollOption.poll_id.in_([p.id for p in polls])))} if polls else {}
    for poll in polls:
        if poll.result:
            records[poll.agenda_item_id].polls.append(_poll_record(poll, labels))

    resolutions = select(Resolution).where(Resolution.meeting_id == meeting.id).order_by(
        Resolution.year, Resolution.seq)
    for resolution in await session.scalars(resolutions):
        if resolution.agenda_item_id in records:
            records[resolution.agenda_item_id].resolutions.append(
                ResolutionRecord(number=resolution.number, title=resolution.title))

    return MinutesData(
        council_name=council.name, meeting_title=meeting.title, meeting_number=meeting.number,
        location=meeting.location, scheduled_at=meeting.starts_at,
        opened_at=await _opened_at(session, meeting.id), closed_at=meeting.closed_at,
        chair=await _officer(session, council.id, "chair"),
        secretary=await _officer(session, council.id, "secretary"),
        attendance=await attendance_summary(session, meeting.id, council.id),
        items=[records[item.id] for item in agenda], written_questions=written, final=final)
