"""The minutes (biên bản) of a meeting: the secretary's summaries per agenda item while it is a
draft, the PDF and .docx written from what was recorded, and the final version, frozen and kept
as the meeting's document of kind `minutes`.

Every change is audited and announced as `minutes.updated` with the minutes' state and the note
that changed: the council's readers get every note; guests get the notes of public items (a note
on a closed item reaches them as a bare version change), so both stay gapless."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import Actor, record
from app.documents.access import items_hidden_from_guests
from app.documents.runtime import DocumentRuntime
from app.documents.schemas import UploadFields
from app.documents.service import CheckedPdf, get_version, upload
from app.errors import Conflict, NotFound
from app.kit.fonts import serif_family
from app.kit.time import utcnow
from app.live.outbox import emit
from app.meetings.access import MeetingAccess, lock_meeting, meeting_access
from app.models import AgendaItem, Document, Meeting, Minutes, MinutesNote
from app.record.minutes_data import collect
from app.record.minutes_layout import build
from app.record.render_docx import render_docx
from app.record.render_pdf import render_pdf
from app.record.schemas import MinutesOut, NoteOut

Format = Literal["pdf", "docx"]
MEDIA_TYPES: dict[Format, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MINUTES_TITLE = "Biên bản kỳ họp"


def _minutes_head(meeting_id: int, minutes: Minutes | None) -> MinutesOut:
    if minutes is None:
        return MinutesOut(meeting_id=meeting_id, state="draft", version=0, notes=[])
    return MinutesOut(meeting_id=meeting_id, state=minutes.state,
                      version=minutes.version, notes=[], document_id=minutes.document_id,
                      finalized_at=minutes.finalized_at)


async def minutes_out(session: AsyncSession, meeting: Meeting, *, guest: bool) -> MinutesOut:
    """The minutes as one kind of reader sees them: guests, only the notes of public items."""
    out = _minutes_head(meeting.id, await session.get(Minutes, meeting.id))
    hidden = await items_hidden_from_guests(session, [meeting.id]) if guest else set()
    notes = await session.scalars(select(MinutesNote).where(MinutesNote.meeting_id == meeting.id)
                                  .order_by(MinutesNote.agenda_item_id))
    out.notes = [NoteOut(agenda_item_id=n.agenda_item_id, text=n.text, updated_at=n.updated_at)
                 for n in notes if n.agenda_item_id not in hidden]
    return out


async def get_minutes(session: AsyncSession, *, principal: Principal, meeting_id: int) -> MinutesOut:
    access = await meeting_access(session, principal, meeting_id)
    return await minutes_out(session, access.meeting, guest=access.is_guest)


async def _draft(session: AsyncSession, meeting_id: int) -> Minutes:
    """The meeting's minutes row, locked with the meeting; made on the first change."""
    await lock_meeting(session, meeting_id)
    minutes = await session.get(Minutes, meeting_id, populate_existing=True)
    if minutes is None:
        minutes = Minutes(meeting_id=meeting_id, state="draft", version=0, updated_at=utcnow())
        session.add(minutes)
        await session.flush()
    return minutes


async def _announce(session: AsyncSession, minutes: Minutes, note: MinutesNote | None) -> None:
    await session.flush()
    head = _minutes_head(minutes.meeting_id, minutes).model_dump(mode="json", exclude={"notes"})
    note_json = NoteOut(agenda_item_id=note.agenda_item_id, text=note.text,
                        updated_at=note.updated_at).model_dump(mode="json") if note else None
    hidden = await items_hidden_from_guests(session, [minutes.meeting_id]) if note else set()
    if note is not None and note.agenda_item_id in hidden:
        await emit(session, meeting_id=minutes.meeting_id, type="minutes.updated", audience="confidential",
                   data={"minutes": head, "note": note_json})
        await emit(session, meeting_id=minutes.meeting_id, type="minutes.updated", audience="guests",
                   data={"minutes": head, "note": None})
    else:
        await emit(session, meeting_id=minutes.meeting_id, type="minutes.updated",
                   data={"minutes": head, "note": note_json})


async def put_note(session: AsyncSession, *, principal: Principal, meeting_id: int, item_id: int,
                   text: str) -> MinutesOut:
    access = await meeting_access(session, principal, meeting_id)
    access.require_manage()
    item = await session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound("item_not_in_meeting")
    minutes = await _draft(session, meeting_id)
    if minutes.state == "final":
        raise Conflict("minutes_final")
    note = await session.get(MinutesNote, (meeting_id, item_id))
    now = utcnow()
    if note is None:
        note = MinutesNote(meeting_id=meeting_id, agenda_item_id=item_id, text=text, updated_at=now,
                           updated_by=principal.user.id)
        session.add(note)
    elif note.text == text:
        return await minutes_out(session, access.meeting, guest=False)
    else:
        note.text, note.updated_at, note.updated_by = text, now, principal.user.id
    minutes.version += 1
    minutes.updated_at = now
    await record(session, actor=principal.actor, action="minutes.note", target_type="meeting",
                 target_id=meeting_id, council_id=access.meeting.council_id,
                 details={"agenda_item_id": item_id, "version": minutes.version, "length": len(text)})
    await _announce(session, minutes, note)
    return await minutes_out(session, access.meeting, guest=False)


# --- writing the minutes ------------------------------------------------------------------------

@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    media_type: str


def _filename(meeting: Meeting, fmt: Format, final: bool) -> str:
    stem = f"bien-ban-ky-hop-{meeting.id}" + ("" if final else "-du-thao")
    return f"{stem}.{fmt}"


async def render(session: AsyncSession, access: MeetingAccess, runtime: DocumentRuntime, fmt: Format,
                 *, final: bool | None = None) -> Rendered:
    """The minutes written now from the record, as this reader may read them (in a worker thread:
    a long meeting takes a second)."""
    minutes = await session.get(Minutes, access.meeting.id)
    is_final = final if final is not None else (minutes is not None and minutes.state == "final")
    data = await collect(session, access, final=is_final)
    layout = build(data)
    if fmt == "pdf":
        fonts = serif_family(runtime.settings.serif_font_dir)
        content = await asyncio.to_thread(render_pdf, layout, fonts)
    else:
        content = await asyncio.to_thread(render_docx, layout)
    return Rendered(content, _filename(access.meeting, fmt, is_final), MEDIA_TYPES[fmt])


async def stored_final(session: AsyncSession, access: MeetingAccess, runtime: DocumentRuntime,
                       fmt: Format, reader: Principal) -> Rendered | None:
    """The frozen final minutes, when this reader may have them as stored: the PDF is the
    document's current version (signed, once the chair certified it; watermarked for the reader
    when it is confidential, as every confidential document is); guests get a copy written for
    them when the stored one covers closed items."""
    minutes = await session.get(Minutes, access.meeting.id)
    if minutes is None or minutes.state != "final" or minutes.document_id is None:
        return None
    document = await session.get(Document, minutes.document_id)
    if document is None or (document.confidential and access.is_guest):
        return None
    if fmt == "pdf":
        version = await get_version(session, document, None)
        path = runtime.store.path_for(version.sha256)
        if document.confidential:
            path = await runtime.watermarker().copy_for(
                source=path, version_id=version.id, user_id=reader.user.id, reader_name=reader.user.full_name,
                now=utcnow())
    elif minutes.docx_sha256 is not None:
        path = runtime.store.path_for(minutes.docx_sha256)
    else:
        return None
    content = await asyncio.to_thread(path.read_bytes)
    return Rendered(content, _filename(access.meeting, fmt, True), MEDIA_TYPES[fmt])


async def covers_closed_items(session: AsyncSession, meeting: Meeting) -> bool:
    return not meeting.public or bool(await items_hidden_from_guests(session, [meeting.id]))


def require_finalizable(access: MeetingAccess, minutes: Minutes | None) -> None:
    access.require_manage()
    if minutes is not None and minutes.state == "final":
        raise Conflict("minutes_final")
    if access.meeting.state != "closed":
        raise Conflict("meeting_not_closed")


async def finalize(session: AsyncSession, *, actor: Actor, access: MeetingAccess, store_docx: str,
                   checked: CheckedPdf, runtime: DocumentRuntime, version_seen: int,
                   confidential: bool) -> tuple[MinutesOut, bool, int]:
    """Freezes the minutes written from version `version_seen` of the draft: stores the PDF as the
    meeting's document of kind `minutes` and remembers the .docx (blob `store_docx`). Returns the
    minutes, whether the PDF's text is extracted in the background, and its version id."""
    minutes = await _draft(session, access.meeting.id)
    require_finalizable(access, minutes)
    if minutes.version != version_seen:
        raise Conflict("minutes_changed")
    fields = UploadFields(title=MINUTES_TITLE, kind="minutes", confidential=confidential, agenda_item_id=None)
    document, version, background = await upload(
        session, actor=actor, access=access, store=runtime.store, checked=checked,
        filename=_filename(access.meeting, "pdf", True), fields=fields, of_the_record=True)
    minutes.state, minutes.document_id, minutes.docx_sha256 = "final", document.id, store_docx
    minutes.finalized_at = minutes.updated_at = utcnow()
    minutes.finalized_by = actor.user_id
    await record(session, actor=actor, action="minutes.finalize", target_type="meeting",
                 target_id=access.meeting.id, council_id=access.meeting.council_id,
                 details={"document_id": document.id, "sha256": version.sha256, "version": minutes.version,
                          "docx_sha256": store_docx})
    await _announce(session, minutes, None)
    return await minutes_out(session, access.meeting, guest=False), background, version.id
