"""The local copy of a source's objects: upsert by OParl id, tombstones, sweeps, counts.
Runs inside the caller's transaction; never commits."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.harvest.oparl import Item, replaces
from app.kit.time import utcnow
from app.models import HarvestedObject

_CHUNK = 400  # ids per IN (...) query


@dataclass
class Changes:
    stored: int = 0  # new or changed objects
    deleted: int = 0  # objects a tombstone or a sweep marked deleted

    def __bool__(self) -> bool:
        return bool(self.stored or self.deleted)


async def _existing(session: AsyncSession, source_id: int, ids: list[str]) -> dict[str, HarvestedObject]:
    found: dict[str, HarvestedObject] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = await session.scalars(select(HarvestedObject).where(
            HarvestedObject.source_id == source_id,
            HarvestedObject.oparl_id.in_(ids[start:start + _CHUNK])))
        found.update((row.oparl_id, row) for row in rows)
    return found


def _mark_deleted(row: HarvestedObject, data: str) -> None:
    """Deleted, or no longer public: nothing of its content stays, only the tombstone."""
    row.deleted = True
    row.name = row.text = row.folded = ""
    row.data = data
    row.harvested_at = utcnow()


def _fill(row: HarvestedObject, item: Item) -> None:
    row.type, row.body, row.name, row.text = item.type, item.body, item.name, item.text
    row.data, row.folded, row.modified, row.deleted = item.data, item.folded, item.modified, False
    row.harvested_at = utcnow()


async def apply(session: AsyncSession, *, source_id: int, items: Iterable[Item], run: int,
                mark_seen: bool) -> Changes:
    """Store a page's items: new ones added, ones at least as new as the stored copy replace it,
    tombstones mark the copy deleted. `mark_seen` (full runs) records the run on every item."""
    by_id = {item.oparl_id: item for item in items}
    existing = await _existing(session, source_id, list(by_id))
    changes = Changes()
    for oparl_id, item in by_id.items():
        row = existing.get(oparl_id)
        if row is None:
            if not item.deleted:
                row = HarvestedObject(source_id=source_id, oparl_id=oparl_id, seen_run=run)
                _fill(row, item)
                session.add(row)
                changes.stored += 1
            continue
        if mark_seen:
            row.seen_run = run
        if not replaces(item, row.modified):
            continue  # an older copy than the one kept, or an embedded one as new
        if item.deleted:
            if not row.deleted:
                _mark_deleted(row, item.data)
                changes.deleted += 1
        elif row.deleted or row.data != item.data:
            _fill(row, item)
            changes.stored += 1
    await session.flush()
    return changes


async def sweep_unseen(session: AsyncSession, *, source_id: int, run: int) -> int:
    """After a whole (full) run: what it did not see is no longer on the source."""
    return await _delete_where(session, source_id, HarvestedObject.seen_run != run)


async def sweep_bodies(session: AsyncSession, *, source_id: int, body_ids: set[str]) -> int:
    """Bodies the source no longer lists are gone, with everything listed under them."""
    gone = [body for body in await session.scalars(
        select(HarvestedObject.oparl_id).where(HarvestedObject.source_id == source_id,
                                               HarvestedObject.type == "Body",
                                               HarvestedObject.deleted.is_(False)))
            if body not in body_ids]
    deleted = 0
    for start in range(0, len(gone), _CHUNK):
        chunk = gone[start:start + _CHUNK]
        deleted += await _delete_where(session, source_id, HarvestedObject.oparl_id.in_(chunk)
                                       | HarvestedObject.body.in_(chunk))
    return deleted


async def _delete_where(session: AsyncSession, source_id: int, condition: ColumnElement[bool]) -> int:
    rows = list(await session.scalars(select(HarvestedObject).where(
        HarvestedObject.source_id == source_id, HarvestedObject.deleted.is_(False), condition)))
    for row in rows:
        _mark_deleted(row, tombstone(row))
    await session.flush()
    return len(rows)


def tombstone(row: HarvestedObject) -> str:
    """What is kept of an object that left the source: its id and type, as OParl's tombstones."""
    kept = {"id": row.oparl_id, "type": f"https://schema.oparl.org/1.1/{row.type}", "deleted": True}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"))


async def counts(session: AsyncSession, *, source_id: int) -> dict[str, int]:
    rows = await session.execute(
        select(HarvestedObject.type, func.count()).where(HarvestedObject.source_id == source_id,
                                                         HarvestedObject.deleted.is_(False))
        .group_by(HarvestedObject.type).order_by(HarvestedObject.type))
    return {kind: int(number) for kind, number in rows.all()}


def counts_json(found: dict[str, int]) -> str:
    return json.dumps(found, sort_keys=True)
