"""The background harvester every worker runs: it wakes every minute (at once when a source is
added or a run asked for on this worker), claims each due source (app.harvest.claims) and runs
it. Sources are due when a run was asked for, and every KYHOP_HARVEST_EVERY_MIN minutes after
their last run (never, with 0). Several workers, on one host or many, share the work: a source is
run by whichever claims it, by exactly one at a time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from datetime import timedelta

from app.config import Settings
from app.db import Database
from app.harvest import claims
from app.harvest.errors import ClaimLost
from app.harvest.runner import RunSettings, run_claimed
from app.kit.tasks import BackgroundTask
from app.kit.time import utcnow

log = logging.getLogger("kyhop.harvest")
TICK_S = 60.0


def process_name() -> str:
    """Who holds a claim: host, process and a random part (a restarted process is another)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class HarvestScheduler:
    def __init__(self, db: Database, settings: Settings, *, run_settings: RunSettings | None = None,
                 tick_s: float = TICK_S) -> None:
        self.db = db
        self.every = (timedelta(minutes=settings.harvest_every_min)
                      if settings.harvest_every_min > 0 else None)
        self.run_settings = run_settings or RunSettings.from_settings(settings)
        self.owner = process_name()
        self.tick_s = tick_s
        self._wake = asyncio.Event()
        self._task = BackgroundTask()

    def start(self) -> None:
        self._task.start(self._loop)

    async def stop(self) -> None:
        await self._task.stop()

    def kick(self) -> None:
        """Look for due sources now (a source was added, or a run asked for)."""
        self._wake.set()

    async def run_due(self) -> int:
        """Run every source that is due and not claimed elsewhere, one after the other."""
        ran = 0
        tried: set[int] = set()
        while True:
            async with self.db.unit_of_work(write=False) as uow:
                due = [source_id for source_id in await claims.due_sources(
                    uow.session, now=utcnow(), every=self.every) if source_id not in tried]
            if not due:
                return ran
            for source_id in due:
                tried.add(source_id)
                async with self.db.unit_of_work() as uow:
                    claimed = await claims.claim(uow.session, source_id=source_id,
                                                 owner=self.owner, now=utcnow(), every=self.every)
                if not claimed:
                    continue
                try:
                    await run_claimed(self.db, source_id=source_id, owner=self.owner,
                                      settings=self.run_settings)
                except ClaimLost:
                    log.warning("harvest of source %s stopped: the source was removed, or another "
                                "process took it over", source_id)
                ran += 1

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.run_due()
            except Exception:
                log.exception("the harvest scheduler could not run the due sources")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.tick_s)
