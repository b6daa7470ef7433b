"""The first message of a live connection: the meeting as this reader may see it, at seq n.

It is read in one consistent database snapshot (REPEATABLE READ on PostgreSQL; a read
transaction is one already on SQLite), so `seq` and the data agree exactly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.attendance.service import summary as attendance_summary
from app.documents.service import document_out, list_documents
from app.errors import NotFound
from app.floor.service import speakers_out
from app.kit.time import utcnow
from app.meetings.access import MeetingAccess
from app.meetings.agenda import agenda_view, items_of
from app.meetings.service import current_item_ids, to_out
from app.models import Meeting
from app.questions.access import reader_from_access
from app.questions.service import visible_questions
from app.record.resolutions import meeting_resolutions
from app.record.service import minutes_out
from app.voting.views import snapshot_poll


async def build_snapshot(session: AsyncSession, access: MeetingAccess) -> dict[str, Any]:
    if session.get_bind().dialect.name == "postgresql":
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    meeting = await session.get(Meeting, access.meeting.id, populate_existing=True)
    if meeting is None:
        raise NotFound()
    access = MeetingAccess(meeting=meeting, role=access.role, is_admin=access.is_admin)
    guest = access.is_guest
    items = agenda_view(await items_of(session, meeting.id), guest=guest)
    current = (await current_item_ids(session, [meeting.id])).get(meeting.id)
    if guest and current not in {item.id for item in items}:
        current = None
    documents = await list_documents(session, access=access)
    return {
        "type": "snapshot",
        "seq": meeting.last_seq,
        "server_time": utcnow().isoformat(),
        "data": {
            "meeting": to_out(meeting, current).model_dump(mode="json", exclude={"seq"}),
            "agenda": [item.model_dump(mode="json") for item in items],
            "documents": [document_out(d, v).model_dump(mode="json") for d, v in documents],
            "attendance": (await attendance_summary(session, meeting.id, meeting.council_id))
            .model_dump(mode="json"),
            "poll": await snapshot_poll(session, access),
            "speakers": [s.model_dump(mode="json") for s in await speakers_out(session, current)]
            if current is not None else [],
            # What the reader's kind is sent by question.updated: a respondent follows the
            # channel as a guest does (their own questions are in GET …/questions).
            "questions": [q.model_dump(mode="json") for q in await visible_questions(
                session, reader_from_access(access, user_id=0))],
            "minutes": (await minutes_out(session, meeting, guest=guest)).model_dump(mode="json"),
            "resolutions": [r.model_dump(mode="json") for r in await meeting_resolutions(
                session, meeting.id, guest=guest)],
        },
    }
