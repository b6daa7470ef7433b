"""The demo's session in progress, ready for a whole vote from the API or the web app: the
meeting has started, most deputies have checked in (it is quorate) and draft polls wait on
their agenda items for the chair (chutoa) to open them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import Actor, record
from app.kit.time import utcnow
from app.models import AgendaItem, Attendance, Council, Meeting, Membership, Poll, PollOption
from app.models.vocabulary import PollPreset
from app.voting.presets import PRESETS

CHECKED_IN = 50  # of the 60 demo deputies, plus the chair: 51 of 61 seated, quorum is 41



@dataclass(frozen=True)
class DemoPoll:
    title: str
    preset: PollPreset
    secret: bool
    max_choices: int = 1
    options: tuple[str, ...] = ()
    duration_s: int | None = None


VOTE_AGENDA: list[tuple[str, DemoPoll | None]] = [
    ("Khai mạc kỳ họp", None),
    ("Nghị quyết quy định mức chi hỗ trợ cán bộ làm công tác chuyển đổi số năm 2027",
     DemoPoll(title="Thông qua Nghị quyết quy định mức chi hỗ trợ chuyển đổi số", preset="resolution",
              secret=False, duration_s=120)),
    ("Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND bầu",
     DemoPoll(title="Lấy phiếu tín nhiệm Phó Chủ tịch UBND tỉnh", preset="confidence", secret=True)),
    ("Bầu bổ sung Ủy viên UBND tỉnh nhiệm kỳ 2021–2026",
     DemoPoll(title="Bầu 2 Ủy viên UBND tỉnh", preset="election", secret=True, max_choices=2,
              options=("Nguyễn Văn Quang", "Trần Thị Thu Hà", "Hoàng Đình Lộc"))),
    ("Bế mạc kỳ họp", None),
]


async def add_vote_meeting(session: AsyncSession, *, actor: Actor, council: Council) -> Meeting:
    now = utcnow()
    meeting = Meeting(council_id=council.id, number=19, title="Kỳ họp thứ Mười chín (bất thường)",
                      kind="extraordinary", public=True, location="Hội trường Trung tâm Hội nghị tỉnh",
                      starts_at=now, state="in_progress", last_seq=0, updated_at=now)
    session.add(meeting)
    await session.flush()
    await record(session, actor=actor, action="meeting.create", target_type="meeting",
                 target_id=meeting.id, council_id=council.id, details={"source": "demo"})
    for position, (title, poll) in enumerate(VOTE_AGENDA):
        item = AgendaItem(meeting_id=meeting.id, position=position, title=title, public=True,
                          state="current" if position == 1 else ("done" if position == 0 else "pending"))
        session.add(item)
        await session.flush()
        if poll is not None:
            await _draft_poll(session, actor=actor, council=council, item=item, demo=poll)
    seated = list(await session.scalars(
        select(Membership.user_id).where(Membership.council_id == council.id,
                                         Membership.voting_right.is_(True))
        .order_by(Membership.role, Membership.user_id)))  # the chair first ("chair" < "deputy")
    for user_id in seated[:CHECKED_IN + 1]:
        session.add(Attendance(meeting_id=meeting.id, user_id=user_id, status="present", reason="",
                               checked_in_at=now, updated_at=now, marked_by=user_id))
    await session.flush()
    return meeting


async def _draft_poll(session: AsyncSession, *, actor: Actor, council: Council, item: AgendaItem,
                      demo: DemoPoll) -> None:
    labels = demo.options or PRESETS[demo.preset].fixed_options or ()
    poll = Poll(meeting_id=item.meeting_id, agenda_item_id=item.id, title=demo.title, preset=demo.preset,
                secret=demo.secret, basis="seated", threshold="majority", max_choices=demo.max_choices,
                require_presence=True, allow_change=False, duration_s=demo.duration_s, state="draft",
                quorum_override=False, voted=0, eligible=0, announced_voted=0)
    session.add(poll)
    await session.flush()
    session.add_all(PollOption(poll_id=poll.id, position=n, label=label, votes=0)
                    for n, label in enumerate(labels))
    await record(session, actor=actor, action="poll.create", target_type="poll", target_id=poll.id,
                 council_id=council.id, details={"title": demo.title, "preset": demo.preset, "source": "demo"})
