"""Sources a council follows, and the copies harvested from them. Never commits; every write is
audited in the caller's transaction."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import Actor, record
from app.errors import Conflict, Invalid
from app.harvest.policy import AllowList, url_problem
from app.i18n import Language, translate
from app.kit.time import utcnow
from app.models import HarvestedObject, HarvestSource


def check_url(url: str, allow: AllowList) -> None:
    problem = url_problem(url, allow)
    if problem == "invalid":
        raise Invalid("source_url_invalid", details=[{"field": "url", "message": "not an http(s) URL"}])
    if problem == "not_allowed":
        raise Invalid("source_url_not_allowed", host=urlsplit(url).hostname or url,
                      details=[{"field": "url", "message": "address not allowed"}])


async def find_source(session: AsyncSession, *, council_id: int | None, url: str
                      ) -> HarvestSource | None:
    council = (HarvestSource.council_id.is_(None) if council_id is None
               else HarvestSource.council_id == council_id)
    return await session.scalar(select(HarvestSource).where(council, HarvestSource.url == url))


async def create_source(session: AsyncSession, *, actor: Actor, council_id: int | None, url: str,
                        allow: AllowList) -> HarvestSource:
    """A new source, due at once (its first, full, run)."""
    check_url(url, allow)
    if await find_source(session, council_id=council_id, url=url) is not None:
        raise Conflict("source_exists")
    source = HarvestSource(council_id=council_id, url=url, state="running", requested_at=utcnow())
    session.add(source)
    await session.flush()
    await record(session, actor=actor, action="harvest_source.create", target_type="harvest_source",
                 target_id=source.id, council_id=council_id, details={"url": url})
    return source


async def list_sources(session: AsyncSession, *, council_id: int) -> list[HarvestSource]:
    return list(await session.scalars(select(HarvestSource).where(
        HarvestSource.council_id == council_id).order_by(HarvestSource.id)))


async def request_run(session: AsyncSession, *, actor: Actor, source: HarvestSource,
                      full: bool) -> HarvestSource:
    """Due at once; `full` fetches everything again (what vanished is marked deleted)."""
    source.requested_at = utcnow()
    if source.claimed_by == "":
        source.state = "running"
    if full:
        source.next_modified_since = None
    await session.flush()
    await record(session, actor=actor, action="harvest_source.run", target_type="harvest_source",
                 target_id=source.id, council_id=source.council_id, details={"full": full})
    return source


async def delete_source(session: AsyncSession, *, actor: Actor, source: HarvestSource) -> None:
    """The source and its whole harvested copy (a run under way stops at its next write)."""
    await record(session, actor=actor, action="harvest_source.delete", target_type="harvest_source",
                 target_id=source.id, council_id=source.council_id, details={"url": source.url})
    await session.delete(source)
    await session.flush()


async def list_objects(session: AsyncSession, *, source_id: int, kind: str | None,
                       after: int | None, limit: int) -> list[HarvestedObject]:
    """The harvested copy in a stable order (as harvested), without deleted objects."""
    query = select(HarvestedObject).where(HarvestedObject.source_id == source_id,
                                          HarvestedObject.deleted.is_(False))
    if kind is not None:
        query = query.where(HarvestedObject.type == kind)
    if after is not None:
        query = query.where(HarvestedObject.id > after)
    return list(await session.scalars(query.order_by(HarvestedObject.id).limit(limit)))


def error_text(source: HarvestSource, language: Language) -> str:
    """The last run's error, readable, in the caller's language ("" when there was none)."""
    if not source.error_code:
        return ""
    params: dict[str, Any] = json.loads(source.error_params or "{}")
    return translate(source.error_code, language, **params)


def counts_of(source: HarvestSource) -> dict[str, int]:
    found: dict[str, int] = json.loads(source.counts or "{}")
    return found
