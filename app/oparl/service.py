"""Answering OParl requests from the ledger: objects, paged lists with the four date filters, and
tombstones (OParl 1.1 §2.7–2.8)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.errors import NotFound
from app.models import Council, DocumentPage, OparlEntry
from app.oparl import build, ledger, urls
from app.oparl.schemas import ListFilters
from app.oparl.urls import Kind

PAGE_SIZE = 100
# A File carries its whole text, up to a few MB each: fewer per page keeps answers small.
FILE_PAGE_SIZE = 10
VENDOR = "https://github.com/kyhop/kyhop"


async def bring_up_to_date(db: Database, council_ids: list[int] | None, data_dir: Path) -> None:
    """Refresh the ledger of these councils (all when None) if their data moved; a read-only
    check when nothing did."""
    async with db.unit_of_work(write=False) as uow:
        behind = await ledger.stale(uow.session, council_ids)
    if behind:
        async with db.unit_of_work() as uow:
            await ledger.refresh(uow.session, list(behind), data_dir=data_dir)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _tombstone(entry: OparlEntry) -> str:
    kind = urls.BY_NAME[entry.kind]
    return _json(urls.mark_links({
        "id": kind.path(entry.key), "type": kind.type, "created": build.local_time(entry.created),
        "modified": build.local_time(entry.modified), "deleted": True}))


async def _texts(session: AsyncSession, version_ids: list[int]) -> dict[int, str]:
    if not version_ids:
        return {}
    pages: dict[int, list[str]] = {}
    for version_id, text in (await session.execute(
            select(DocumentPage.version_id, DocumentPage.text)
            .where(DocumentPage.version_id.in_(version_ids))
            .order_by(DocumentPage.version_id, DocumentPage.page))).all():
        pages.setdefault(version_id, []).append(text)
    return {version_id: "\n\n".join(texts).strip() for version_id, texts in pages.items()}


async def render(session: AsyncSession, entries: list[OparlEntry]) -> list[str]:
    """The entries' JSON as served (links still marked): tombstones for those that left, the
    ledger's times on the others, and each File's text. The stored JSON is not parsed: the
    fields are put in front of its first key."""
    texts = await _texts(session, [e.version_id for e in entries
                                   if e.version_id is not None and not e.deleted])
    out = []
    for entry in entries:
        if entry.deleted:
            out.append(_tombstone(entry))
            continue
        head = (f'{{"created":"{build.local_time(entry.created)}",'
                f'"modified":"{build.local_time(entry.modified)}",')
        text = texts.get(entry.version_id) if entry.version_id is not None else None
        if text:
            head += f'"text":{_json(text)},'
        out.append(head + entry.data[1:])
    return out


async def find_entry(session: AsyncSession, kind: Kind, key: str) -> OparlEntry:
    entry = await session.scalar(select(OparlEntry).where(OparlEntry.kind == kind.name,
                                                          OparlEntry.key == key))
    if entry is None:
        raise NotFound("not_found")
    return entry


async def get_object(session: AsyncSession, kind: Kind, key: str) -> str:
    [text] = await render(session, [await find_entry(session, kind, key)])
    return text


def _conditions(council_id: int | None, kind: Kind, filters: ListFilters) -> list[ColumnElement[bool]]:
    conditions = [OparlEntry.kind == kind.name]
    if council_id is not None:
        conditions.append(OparlEntry.council_id == council_id)
    if filters.modified_since is None:
        conditions.append(OparlEntry.deleted.is_(False))
    else:
        conditions.append(OparlEntry.modified >= filters.modified_since)
    if filters.modified_until is not None:
        conditions.append(OparlEntry.modified <= filters.modified_until)
    if filters.created_since is not None:
        conditions.append(OparlEntry.created >= filters.created_since)
    if filters.created_until is not None:
        conditions.append(OparlEntry.created <= filters.created_until)
    return conditions


@dataclass(frozen=True)
class Page:
    data: list[str]
    pagination: dict[str, int]
    links: dict[str, str]

    def as_json(self) -> str:
        return (f'{{"data":[{",".join(self.data)}],"pagination":{_json(self.pagination)},'
                f'"links":{_json(urls.mark_links(self.links))}}}')


async def list_page(session: AsyncSession, *, path: str, council_id: int | None, kind: Kind,
                    filters: ListFilters) -> Page:
    """One page in id order: objects added while a client walks the pages come after the ones
    it has seen, so every page is walked once and nothing is skipped."""
    per_page = filters.limit or (FILE_PAGE_SIZE if kind is urls.FILE else PAGE_SIZE)
    conditions = _conditions(council_id, kind, filters)
    total = await session.scalar(select(func.count()).select_from(OparlEntry).where(*conditions)) or 0
    before = 0
    if filters.after:
        before = await session.scalar(select(func.count()).select_from(OparlEntry).where(
            *conditions, OparlEntry.id <= filters.after)) or 0
    rows = list(await session.scalars(select(OparlEntry).where(
        *conditions, OparlEntry.id > filters.after).order_by(OparlEntry.id).limit(per_page + 1)))
    more, rows = len(rows) > per_page, rows[:per_page]
    query = filters.link_params()
    links = {"first": path + (f"?{urlencode(query)}" if query else "")}
    if more:
        links["next"] = f"{path}?{urlencode({**query, 'after': rows[-1].id})}"
    return Page(
        data=await render(session, rows),
        pagination={"totalElements": total, "elementsPerPage": per_page,
                    "currentPage": before // per_page + 1,
                    "totalPages": max(1, math.ceil(total / per_page))},
        links=links)


async def council_or_404(session: AsyncSession, council_id: int) -> Council:
    council = await session.get(Council, council_id)
    if council is None:
        raise NotFound("not_found")
    return council


async def system(session: AsyncSession) -> str:
    created, modified = (await session.execute(
        select(func.min(OparlEntry.created), func.max(OparlEntry.modified))
        .where(OparlEntry.kind == urls.BODY.name))).one()
    return _json(urls.mark_links(build.pruned({
        "id": urls.SYSTEM_PATH, "type": urls.SCHEMA + "System", "oparlVersion": urls.SCHEMA,
        "body": urls.BODIES_PATH,
        "name": "Kỳ Họp — dữ liệu mở của Hội đồng nhân dân (OParl 1.1)",
        "vendor": VENDOR, "product": VENDOR,
        "created": build.local_time(created) if created else None,
        "modified": build.local_time(modified) if modified else None,
    })))
