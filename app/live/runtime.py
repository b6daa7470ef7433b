"""The live channel of one worker: metrics, hub and broker, wired to the unit of work."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from app.accounts.service import SessionRules
from app.config import Settings
from app.db import Database
from app.live.broker import Broker, broker_for
from app.live.hub import Hub
from app.live.metrics import LiveMetrics
from app.live.retention import prune_events
from app.live.sessions import LiveSessions

log = logging.getLogger("kyhop.live")
PRUNE_EVERY_S = 600


class LiveRuntime:
    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self._tasks: list[asyncio.Task[None]] = []
        self.metrics = LiveMetrics()
        self.hub = Hub(db, self.metrics, max_queue=settings.live_queue_size)
        self.sessions = LiveSessions(db, self.hub, SessionRules.from_settings(settings))
        self.broker: Broker = broker_for(settings)
        if self.broker.reaches_other_workers:
            self.hub.forward = self.broker.publish
        db.publish = self.hub.on_commit

    async def start(self) -> None:
        await self.broker.start(self.hub.deliver, self.hub.notify, self.hub.resync)
        self.hub.start()
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._prune_loop()), loop.create_task(self.sessions.run())]

    async def _prune_loop(self) -> None:
        keep = timedelta(hours=self.settings.event_retention_hours)
        while True:
            try:
                await prune_events(self.db, keep=keep)
            except Exception:
                log.exception("pruning live events failed")
            await asyncio.sleep(PRUNE_EVERY_S)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.hub.stop()
        await self.broker.stop()
