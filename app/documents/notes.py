"""Private notes: each user's own, per document and page, kept across versions and devices."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.documents.schemas import Note
from app.kit.time import utcnow
from app.models import Annotation, Document


async def read_notes(session: AsyncSession, *, user_id: int, document_id: int) -> list[Note]:
    rows = await session.scalars(
        select(Annotation).where(Annotation.user_id == user_id, Annotation.document_id == document_id)
        .order_by(Annotation.page, Annotation.id))
    return [Note(page=a.page, text=a.text, rect=json.loads(a.rect) if a.rect else None) for a in rows]


async def replace_notes(
    session: AsyncSession, *, principal: Principal, document: Document, notes: list[Note]
) -> list[Note]:
    """PUT semantics: the caller's notes on this document become exactly `notes`."""
    user_id = principal.user.id
    await session.execute(delete(Annotation).where(Annotation.user_id == user_id,
                                                   Annotation.document_id == document.id))
    now = utcnow()
    session.add_all(Annotation(user_id=user_id, document_id=document.id, page=note.page,
                               text=note.text, rect=json.dumps(note.rect) if note.rect else None,
                               updated_at=now) for note in notes)
    await session.flush()
    # The audit row says that notes changed, never what they say: they are private.
    await record(session, actor=principal.actor, action="notes.replace", target_type="document",
                 target_id=document.id, details={"count": len(notes)})
    return await read_notes(session, user_id=user_id, document_id=document.id)
