"""The floor: each agenda item's list of speakers, kept by the server. Changes to one meeting's
floor are serialised (the meeting row is locked on PostgreSQL; SQLite has one writer), so two
chairs' consoles acting at once give one order and never two speakers at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.documents.access import items_hidden_from_guests
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.floor import rules
from app.floor.rules import FloorRuleError, SpeakerKind, Timer
from app.floor.schemas import SpeakerOut
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import MeetingAccess, item_access, lock_meeting, meeting_access
from app.meetings.service import require_open, speaking_times
from app.models import Agency, AgendaItem, Meeting, Membership, Speaker, User
from app.questions import service as questions

# Who may be put on a list: the council's deputies (the chair is one) and its respondents.
SPEAKING_ROLES = ("deputy", "chair", "respondent")
# A respondent speaks to answer (or on a point of order); deputies do not answer.
RESPONDENT_KINDS: frozenset[SpeakerKind] = frozenset({"answer", "point_of_order"})


def _rule_error(exc: FloorRuleError) -> Conflict | Invalid:
    return Invalid(exc.code) if exc.code in ("extension_invalid", "speaker_order_mismatch") else (
        Conflict(exc.code))


def as_rule(row: Speaker) -> rules.Speaker:
    return rules.Speaker(
        id=row.id, user_id=row.user_id, kind=row.kind, state=row.state,  # type: ignore[arg-type]
        position=row.position, timer=Timer(row.allotted_s, row.spoken_s, row.started_at),
        interrupted_id=row.interrupted_id, resumes_interrupted=row.resumes_interrupted)


def _store(row: Speaker, speaker: rules.Speaker, now: datetime) -> None:
    row.state, row.position = speaker.state, speaker.position
    row.allotted_s, row.spoken_s = speaker.timer.allotted_s, speaker.timer.spoken_s
    row.started_at = speaker.timer.started_at
    row.interrupted_id, row.resumes_interrupted = speaker.interrupted_id, speaker.resumes_interrupted
    if speaker.state == "speaking" and row.first_started_at is None:
        row.first_started_at = now
    if speaker.state in ("done", "withdrawn"):
        row.ended_at = now


async def _rows(session: AsyncSession, item_id: int) -> list[Speaker]:
    return list(await session.scalars(select(Speaker).where(Speaker.agenda_item_id == item_id)
                                      .order_by(Speaker.id)))


class _Person(NamedTuple):
    full_name: str
    title: str
    unit: str


_NOBODY = _Person("", "", "")


async def _speaking_people(session: AsyncSession, item_id: int,
                           user_ids: set[int]) -> dict[int, _Person]:
    """Name, chức vụ and unit of each speaker as the meeting's council lists them; a respondent
    without a unit of their own is shown with their agency."""
    if not user_ids:
        return {}
    council_id = await session.scalar(
        select(Meeting.council_id).select_from(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id).where(AgendaItem.id == item_id))
    rows = await session.execute(
        select(User.id, User.full_name, Membership.title, Membership.unit, Agency.name)
        .outerjoin(Membership, (Membership.user_id == User.id)
                   & (Membership.council_id == council_id))
        .outerjoin(Agency, Agency.id == Membership.agency_id)
        .where(User.id.in_(user_ids)))
    return {user_id: _Person(name, title or "", unit or agency or "")
            for user_id, name, title, unit, agency in rows.all()}


async def speakers_out(session: AsyncSession, item_id: int) -> list[SpeakerOut]:
    """The item's list as everyone sees it: waiting by position, the one speaking, those done."""
    rows = {row.id: row for row in await _rows(session, item_id)}
    people = await _speaking_people(session, item_id, {row.user_id for row in rows.values()})
    out = []
    for speaker in rules.in_order([as_rule(row) for row in rows.values()]):
        row = rows[speaker.id]
        out.append(SpeakerOut(
            id=row.id, agenda_item_id=row.agenda_item_id, user_id=row.user_id,
            full_name=people.get(row.user_id, _NOBODY).full_name,
            title=people.get(row.user_id, _NOBODY).title,
            unit=people.get(row.user_id, _NOBODY).unit, kind=speaker.kind, state=speaker.state,
            position=row.position, allotted_s=row.allotted_s, spoken_s=round(row.spoken_s, 3),
            started_at=row.started_at, ends_at=speaker.timer.ends_at(),
            first_started_at=row.first_started_at, ended_at=row.ended_at,
            question_id=row.question_id))
    return out


async def _announce(session: AsyncSession, meeting_id: int,
                    item_ids: Iterable[int]) -> dict[int, list[SpeakerOut]]:
    """`speaker.updated` with each changed item's whole list; guests get it only for items they
    may see. Returns the lists, for the answer."""
    hidden = await items_hidden_from_guests(session, [meeting_id])
    lists: dict[int, list[SpeakerOut]] = {}
    for item_id in sorted(set(item_ids)):
        lists[item_id] = await speakers_out(session, item_id)
        await emit(session, meeting_id=meeting_id, type="speaker.updated",
                   audience="confidential" if item_id in hidden else "all",
                   data={"agenda_item_id": item_id,
                         "speakers": [s.model_dump(mode="json") for s in lists[item_id]]})
    return lists


def _one(speakers: list[SpeakerOut], speaker_id: int) -> SpeakerOut:
    return next(s for s in speakers if s.id == speaker_id)


async def announce_current(session: AsyncSession, meeting_id: int, item_id: int | None) -> None:
    """After the current item changed: its list, so screens show who is waiting there."""
    if item_id is not None and await _rows(session, item_id):
        await _announce(session, meeting_id, [item_id])


async def _audit(session: AsyncSession, principal: Principal, access: MeetingAccess, action: str,
                 speaker: Speaker, **details: Any) -> None:
    await record(session, actor=principal.actor, action=f"speaker.{action}", target_type="speaker",
                 target_id=speaker.id, council_id=access.meeting.council_id,
                 details={"meeting_id": speaker.meeting_id, "agenda_item_id": speaker.agenda_item_id,
                          "user_id": speaker.user_id, "kind": speaker.kind, **details})


async def _speaker_role(session: AsyncSession, council_id: int, user_id: int) -> str | None:
    return await session.scalar(select(Membership.role).where(
        Membership.council_id == council_id, Membership.user_id == user_id,
        Membership.role.in_(SPEAKING_ROLES)).limit(1))


async def register(session: AsyncSession, *, principal: Principal, item_id: int, kind: SpeakerKind,
                   user_id: int | None, question_id: int | None) -> SpeakerOut:
    item, access = await item_access(session, principal, item_id)
    require_open(access.meeting)
    question = None
    if question_id is not None:
        if kind not in ("question", "answer"):
            raise Invalid("question_kind")
        question = await questions.floor_question(session, meeting_id=item.meeting_id,
                                                  question_id=question_id)
        if user_id is None and access.can_chair:  # the chair calls the asker, or the respondent
            user_id = question.asker_id if kind == "question" else question.respondent_id
    speaker_id = user_id if user_id is not None else principal.user.id
    if speaker_id != principal.user.id and not access.can_chair:
        raise Forbidden()
    role = await _speaker_role(session, access.meeting.council_id, speaker_id)
    if role is None:
        raise Invalid("speaker_not_member") if speaker_id != principal.user.id else Forbidden()
    if (role == "respondent") != (kind in RESPONDENT_KINDS) and kind != "point_of_order":
        raise Invalid("speaker_kind_role")
    if question is not None and kind == "answer" and not await questions.answers_for(
            session, question, access.meeting.council_id, speaker_id):
        raise Invalid("answer_not_addressee")
    await lock_meeting(session, item.meeting_id)
    current = [as_rule(row) for row in await _rows(session, item.id)]
    try:
        rules.check_registration(current, speaker_id, kind, closed=item.speakers_closed)
    except FloorRuleError as exc:
        raise _rule_error(exc) from None
    row = Speaker(meeting_id=item.meeting_id, agenda_item_id=item.id, user_id=speaker_id, kind=kind,
                  state="waiting", position=rules.next_position(current, kind),
                  allotted_s=speaking_times(access.meeting)[kind], spoken_s=0.0,
                  resumes_interrupted=False, added_by=principal.user.id, question_id=question_id)
    session.add(row)
    await session.flush()
    await _audit(session, principal, access, "register", row)
    lists = await _announce(session, item.meeting_id, [item.id])
    return _one(lists[item.id], row.id)


async def list_speakers(session: AsyncSession, *, principal: Principal, item_id: int) -> list[SpeakerOut]:
    item, _ = await item_access(session, principal, item_id)
    return await speakers_out(session, item.id)


async def reorder(session: AsyncSession, *, principal: Principal, item_id: int,
                  speaker_ids: list[int]) -> list[SpeakerOut]:
    item, access = await item_access(session, principal, item_id)
    access.require_chair()
    require_open(access.meeting)
    await lock_meeting(session, item.meeting_id)
    rows = await _rows(session, item.id)
    try:
        positions = rules.positions_from_order([as_rule(row) for row in rows], speaker_ids)
    except FloorRuleError as exc:
        raise _rule_error(exc) from None
    for row in rows:
        row.position = positions.get(row.id, row.position)
    await session.flush()
    await record(session, actor=principal.actor, action="speaker.reorder", target_type="agenda_item",
                 target_id=item.id, council_id=access.meeting.council_id,
                 details={"meeting_id": item.meeting_id, "speaker_ids": speaker_ids})
    return (await _announce(session, item.meeting_id, [item.id]))[item.id]


async def _speaker_access(session: AsyncSession, principal: Principal,
                          speaker_id: int) -> tuple[Speaker, MeetingAccess]:
    row = await session.get(Speaker, speaker_id)
    if row is None:
        raise NotFound()
    item = await session.get(AgendaItem, row.agenda_item_id)
    access = await meeting_access(session, principal, row.meeting_id)
    if item is None or (access.is_guest and not item.public):
        raise NotFound()
    return row, access


async def act(session: AsyncSession, *, principal: Principal, speaker_id: int, action: str,
              seconds: int | None = None) -> SpeakerOut:
    """The chair's start / pause / resume / stop / extend."""
    row, access = await _speaker_access(session, principal, speaker_id)
    access.require_chair()
    require_open(access.meeting)
    if action in ("start", "resume") and access.meeting.state != "in_progress":
        raise Conflict("meeting_not_in_progress")
    await lock_meeting(session, row.meeting_id)
    await session.refresh(row)
    # The item's list, and whoever holds the floor on another item of the meeting.
    rows = {r.id: r for r in await _rows(session, row.agenda_item_id)}
    for other in await session.scalars(select(Speaker).where(
            Speaker.meeting_id == row.meeting_id, Speaker.state.in_(("speaking", "paused")))):
        rows.setdefault(other.id, other)
    current = [as_rule(r) for r in rows.values()]
    now = utcnow()
    try:
        if action == "start":
            changed = rules.give_floor(current, row.id, now)
        elif action == "stop":
            changed = rules.end_turn(current, row.id, now)
        elif action == "resume":
            changed = rules.resume_turn(current, row.id, now)
        elif action == "extend":
            assert seconds is not None
            speaker = as_rule(row)
            if speaker.state not in ("waiting", "speaking", "paused"):
                raise FloorRuleError("speaker_wrong_state")
            changed = {row.id: replace(speaker, timer=speaker.timer.extend(seconds))}
        else:
            changed = {row.id: rules.transition(as_rule(row), action, now)}
    except FloorRuleError as exc:
        raise _rule_error(exc) from None
    # Whoever stops speaking first, so the one-speaker index never sees two at once.
    for speaker_key in sorted(changed, key=lambda key: changed[key].state == "speaking"):
        _store(rows[speaker_key], changed[speaker_key], now)
        await session.flush()
    await _audit(session, principal, access, action, row,
                 **({"seconds": seconds} if seconds is not None else {}),
                 changed={str(key): value.state for key, value in changed.items()})
    await questions.follow_floor(session, actor=principal.actor, council_id=access.meeting.council_id,
                                 speakers=[rows[key] for key in changed], now=now)
    lists = await _announce(session, row.meeting_id, {rows[key].agenda_item_id for key in changed})
    return _one(lists[row.agenda_item_id], row.id)


async def withdraw(session: AsyncSession, *, principal: Principal, speaker_id: int) -> None:
    row, access = await _speaker_access(session, principal, speaker_id)
    if row.user_id != principal.user.id and not access.can_chair:
        raise Forbidden()
    require_open(access.meeting)
    await lock_meeting(session, row.meeting_id)
    await session.refresh(row)
    try:
        speaker = rules.transition(as_rule(row), "withdraw", utcnow())
    except FloorRuleError as exc:
        raise _rule_error(exc) from None
    _store(row, speaker, utcnow())
    await session.flush()
    await _audit(session, principal, access, "withdraw", row)
    await _announce(session, row.meeting_id, [row.agenda_item_id])


async def close_floor(session: AsyncSession, *, principal: Principal, access: MeetingAccess) -> None:
    """At the meeting's close, whoever still holds the floor (or was paused) has finished."""
    rows = list(await session.scalars(select(Speaker).where(
        Speaker.meeting_id == access.meeting.id, Speaker.state.in_(("speaking", "paused")))))
    now = utcnow()
    for row in rows:
        _store(row, rules.transition(as_rule(row), "stop", now), now)
        await session.flush()
        await _audit(session, principal, access, "stop", row, at_close=True)
    if rows:
        await questions.follow_floor(session, actor=principal.actor,
                                     council_id=access.meeting.council_id, speakers=rows, now=now)
        await _announce(session, access.meeting.id, {row.agenda_item_id for row in rows})

