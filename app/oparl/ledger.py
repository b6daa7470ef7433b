"""The OParl ledger: what each council last published, with `created`, `modified` and tombstones.

OParl clients harvest incrementally with `modified_since`, so `modified` must change exactly when
an object's published form changes (embedded objects included), and an object that leaves public
view — deleted, made confidential, its meeting closed to the public — must stay as a tombstone.
Rather than hooking every write, the ledger compares: when a council's change stamp (its latest
audit entry, its latest finished text extraction) moved, its public objects are built again
(build.py), and each one's fingerprint is compared with the stored one. Nothing is missed
whichever code path changed the data, and `modified` is the ledger's own time, so a client that
asks for what changed since its last visit gets every change after it.

Several workers may refresh at once: the stamp is advanced with a compare-and-set UPDATE, so
one of them builds and the others see the new stamp."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import anyio
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.documents.storage import BlobStore
from app.kit.time import utcnow
from app.models import (
    AuditEntry,
    BlobDigest,
    Council,
    Document,
    DocumentVersion,
    Meeting,
    OparlBody,
    OparlEntry,
)
from app.oparl import build, urls


def canonical(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


async def stamps(session: AsyncSession, council_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Each council's change stamp: it moves with every audited change to the council or to a
    user, and with every document whose text extraction finished."""
    # One index probe per council ((council_id, id) index), not a scan of the whole log.
    latest = select(func.max(AuditEntry.id)).where(
        AuditEntry.council_id == Council.id).correlate(Council).scalar_subquery()
    query = select(Council.id, latest)
    if council_ids is not None:
        query = query.where(Council.id.in_(list(council_ids)))
    audited: dict[int, int] = {
        int(row[0]): int(row[1] or 0) for row in (await session.execute(query)).all()}
    ids = list(audited)
    if not ids:
        return {}
    # A person's name or active flag (their Person object) changes with `user.update`.
    users = await session.scalar(select(func.max(AuditEntry.id)).where(
        AuditEntry.action == "user.update")) or 0
    processed = dict((await session.execute(
        select(Meeting.council_id, func.max(DocumentVersion.processed_at))
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(Meeting.council_id.in_(ids)).group_by(Meeting.council_id))).all())
    return {council_id: f"{audited[council_id]}:{users}:"
                        f"{p.isoformat() if (p := processed.get(council_id)) else '-'}"
            for council_id in ids}


async def stale(session: AsyncSession, council_ids: Iterable[int] | None = None) -> dict[int, str]:
    """The councils whose ledger is behind their data, with their current stamp."""
    current = await stamps(session, council_ids)
    if not current:
        return {}
    kept = dict((await session.execute(select(OparlBody.council_id, OparlBody.stamp).where(
        OparlBody.council_id.in_(list(current))))).all())
    return {council_id: stamp for council_id, stamp in current.items()
            if kept.get(council_id) != stamp}


async def _claim(session: AsyncSession, council_id: int, stamp: str) -> datetime | None:
    """Advance the council's stamp if nobody else did; the time its changes are dated, or None
    when another worker refreshed it already."""
    row = await session.get(OparlBody, council_id, with_for_update=True)
    now = utcnow()
    if row is None:
        session.add(OparlBody(council_id=council_id, stamp=stamp, refreshed_at=now))
        await session.flush()
        return now
    if row.stamp == stamp:
        return None
    # Never earlier than the last refresh, so `modified` only moves forward.
    now = max(now, row.refreshed_at + timedelta(microseconds=1))
    claimed = await session.execute(update(OparlBody).where(
        OparlBody.council_id == council_id, OparlBody.stamp == row.stamp).values(
        stamp=stamp, refreshed_at=now).execution_options(synchronize_session=False))
    return now if claimed.rowcount == 1 else None  # type: ignore[attr-defined]


def _sha512(path: Path) -> str:
    digest = hashlib.sha512()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


async def _fill_digests(session: AsyncSession, record: build.CouncilRecord, data_dir: Path) -> None:
    """Compute, once per stored file, the SHA-512 OParl asks for."""
    store = BlobStore(data_dir)
    for _, version in record.documents:
        if version.sha256 in record.sha512 or not store.exists(version.sha256):
            continue
        digest = await anyio.to_thread.run_sync(_sha512, store.path_for(version.sha256))
        record.sha512[version.sha256] = digest
        session.add(BlobDigest(sha256=version.sha256, sha512=digest))
    await session.flush()


async def refresh(session: AsyncSession, council_ids: Iterable[int] | None, *, data_dir: Path) -> int:
    """Bring the ledgers of these councils (all when None) up to date; how many were rebuilt."""
    rebuilt = 0
    for council_id, stamp in (await stale(session, council_ids)).items():
        now = await _claim(session, council_id, stamp)
        if now is None:
            continue
        council = await session.get(Council, council_id)
        if council is None:
            continue
        await _rebuild(session, council, now, data_dir)
        rebuilt += 1
    return rebuilt


async def _rebuild(session: AsyncSession, council: Council, now: datetime, data_dir: Path) -> None:
    record = await build.load(session, council)
    await _fill_digests(session, record, data_dir)
    existing = {(entry.kind, entry.key): entry for entry in await session.scalars(
        select(OparlEntry).where(OparlEntry.council_id == council.id))}
    settled: dict[str, dict[str, Any]] = {}
    new: list[dict[str, Any]] = []

    def embed(path: str) -> dict[str, Any] | None:
        return settled.get(path)

    for stage in build.STAGES:
        for built in stage(record, embed):
            obj = urls.mark_links({"id": built.path, "type": built.kind.type,
                                   **build.pruned(built.obj)})
            if built.kind is urls.BODY:
                obj.setdefault("legislativeTerm", [])  # required, even when there is none
            data = canonical(obj)
            fingerprint = hashlib.sha256(data.encode()).hexdigest()
            entry = existing.pop((built.kind.name, built.key), None)
            if entry is None:
                created, modified = min(built.created_at, now), now
                new.append({"council_id": council.id, "kind": built.kind.name, "key": built.key,
                            "fingerprint": fingerprint, "data": data, "deleted": False,
                            "created": created, "modified": modified,
                            "version_id": built.version_id})
            else:
                if entry.fingerprint != fingerprint or entry.deleted or (
                        entry.version_id != built.version_id):
                    entry.fingerprint, entry.data, entry.deleted = fingerprint, data, False
                    entry.version_id, entry.modified = built.version_id, now
                created, modified = entry.created, entry.modified
            settled[built.path] = {**obj, "created": build.local_time(created),
                                   "modified": build.local_time(modified)}
    if new:
        await session.execute(insert(OparlEntry), new)
    gone = [entry.id for entry in existing.values() if not entry.deleted]
    if gone:
        await session.execute(update(OparlEntry).where(OparlEntry.id.in_(gone)).values(
            deleted=True, modified=now, version_id=None).execution_options(
            synchronize_session=False))
    await session.flush()

