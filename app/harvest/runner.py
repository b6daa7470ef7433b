"""One run of a source that this process has claimed (app.harvest.claims), start to finish.

What is written, and when: each page is applied in a transaction of its own, whole or not at all,
once it has been fetched and read completely (with the claim extended in the same transaction).
A run that fails stops at the page that failed: the pages before it stay applied (they are the
source's data, merely brought up to date sooner), nothing of the failed page is, and what was
harvested before is never removed by a failure — the sweeps that mark vanished objects deleted
and the advance of `modified_since` happen only when the whole run succeeded, so the next run
fetches again everything this one may have missed. Failures become the source's `failed`
state and readable error; no exception escapes but ClaimLost and cancellation.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from app.audit.service import Actor, record
from app.config import Settings
from app.db import Database
from app.harvest import claims, store
from app.harvest.client import Fetcher, Limits
from app.harvest.crawl import Crawl, Page, next_cursor
from app.harvest.errors import ClaimLost, HarvestError
from app.harvest.policy import AllowList
from app.kit.time import utcnow
from app.models import HarvestSource
from app.models.vocabulary import HarvestState

log = logging.getLogger("kyhop.harvest")
ACTOR = Actor.system("harvest")


@dataclass(frozen=True)
class RunSettings:
    allow: AllowList
    limits: Limits = field(default_factory=Limits)
    # Subtracted from the source's clock for the next `modified_since` (KYHOP_HARVEST_MARGIN_S).
    margin: timedelta = timedelta(seconds=60)
    transport: httpx.AsyncBaseTransport | None = None  # tests only

    @classmethod
    def from_settings(cls, settings: Settings) -> RunSettings:
        return cls(allow=AllowList.parse(settings.harvest_allow),
                   margin=timedelta(seconds=settings.harvest_margin_s))


@dataclass
class RunResult:
    state: HarvestState
    error_code: str = ""
    error_params: dict[str, Any] = field(default_factory=dict)
    full: bool = False
    requests: int = 0
    bytes: int = 0
    received: int = 0
    stored: int = 0
    deleted: int = 0
    counts: dict[str, int] = field(default_factory=dict)


OnPage = Callable[[Page], None]


async def run_claimed(db: Database, *, source_id: int, owner: str, settings: RunSettings,
                      on_page: OnPage | None = None) -> RunResult:
    async with db.unit_of_work(write=False) as uow:
        source = await claims.held(uow.session, source_id=source_id, owner=owner)
        url, run, since = source.url, source.runs, source.next_modified_since
    started = utcnow()
    result = RunResult(state="ok", full=since is None)
    fetcher = Fetcher(settings.allow, settings.limits, settings.transport)
    crawl = Crawl(fetcher, url, since, settings.limits)
    failure: HarvestError | None = None
    try:
        async with fetcher:
            async for page in crawl.pages():
                result.received += len(page.items)
                await _apply(db, source_id=source_id, owner=owner, run=run, page=page,
                             result=result)
                if on_page is not None:
                    on_page(page)
    except HarvestError as exc:
        failure = exc
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await asyncio.shield(_release(db, source_id=source_id, owner=owner))
        raise
    except ClaimLost:
        raise
    except Exception:
        log.exception("harvest of source %s stopped by an unexpected error", source_id)
        failure = HarvestError("harvest_internal")
    result.requests, result.bytes = fetcher.requests, fetcher.bytes
    await _finish(db, source_id=source_id, owner=owner, run=run, started=started, crawl=crawl,
                  failure=failure, result=result, margin=settings.margin)
    if failure is not None:
        log.warning("harvest of source %s failed: %s %s", source_id, failure.code, failure.params)
    return result


async def _apply(db: Database, *, source_id: int, owner: str, run: int, page: Page,
                 result: RunResult) -> None:
    async with db.unit_of_work() as uow:
        await claims.extend(uow.session, source_id=source_id, owner=owner, now=utcnow())
        changes = await store.apply(uow.session, source_id=source_id, items=page.items, run=run,
                                    mark_seen=result.full)
        if changes:
            await record(uow.session, actor=ACTOR, action="harvest.apply",
                         target_type="harvest_source", target_id=source_id,
                         details={"list": page.list_name, "page": page.number, "url": page.url,
                                  "stored": changes.stored, "deleted": changes.deleted})
    result.stored += changes.stored
    result.deleted += changes.deleted


async def _finish(db: Database, *, source_id: int, owner: str, run: int, started: datetime,
                  crawl: Crawl, failure: HarvestError | None, result: RunResult,
                  margin: timedelta) -> None:
    async with db.unit_of_work() as uow:
        session = uow.session
        source = await claims.held(session, source_id=source_id, owner=owner)
        previous = source.next_modified_since
        if failure is None:
            if result.full:
                result.deleted += await store.sweep_unseen(session, source_id=source_id, run=run)
            result.deleted += await store.sweep_bodies(session, source_id=source_id,
                                                       body_ids=crawl.body_ids)
            source.next_modified_since = next_cursor(
                server_time=crawl.server_time, latest_modified=crawl.latest_modified,
                previous=previous, margin=margin)
            result.state = "ok"
        else:
            result.state = "failed"
            result.error_code, result.error_params = failure.code, failure.params
        result.counts = await store.counts(session, source_id=source_id)
        _record_outcome(source, result, started)
        await record(session, actor=ACTOR, action="harvest.run", target_type="harvest_source",
                     target_id=source_id,
                     details={"council_id": source.council_id, "state": result.state,
                              "error": result.error_code, "full": result.full,
                              "requests": result.requests, "received": result.received,
                              "stored": result.stored, "deleted": result.deleted})


def _record_outcome(source: HarvestSource, result: RunResult, started: datetime) -> None:
    source.state = result.state
    source.error_code = result.error_code
    source.error_params = json.dumps(result.error_params, ensure_ascii=False, sort_keys=True)
    source.requests, source.bytes, source.received = result.requests, result.bytes, result.received
    source.counts = store.counts_json(result.counts)
    source.last_run_at = utcnow()
    # A run asked for while this one went on is still to come.
    if source.requested_at is not None and source.requested_at <= started:
        source.requested_at = None
    source.claimed_until, source.claimed_by = None, ""


async def _release(db: Database, *, source_id: int, owner: str) -> None:
    async with db.unit_of_work() as uow:
        await claims.release(uow.session, source_id=source_id, owner=owner, now=utcnow())
