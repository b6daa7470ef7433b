"""Writes the audit head anchor every `KYHOP_AUDIT_ANCHOR_S` seconds while the server runs.

Several workers may each write it: the file is replaced atomically and any of them is a true head."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from app.audit.anchor import write_anchor
from app.db import Database
from app.kit.tasks import BackgroundTask

log = logging.getLogger("kyhop.audit")


class AnchorWriter:
    def __init__(self, db: Database, data_dir: Path, every_s: int) -> None:
        self.db, self.data_dir, self.every_s = db, data_dir, every_s
        self._task = BackgroundTask()

    def start(self) -> None:
        if self.every_s > 0:
            self._task.start(self._loop)

    async def stop(self) -> None:
        await self._task.stop()

    async def write_now(self) -> None:
        async with self.db.unit_of_work(write=False) as uow:
            await write_anchor(uow.session, self.data_dir)

    async def _loop(self) -> None:
        while True:
            try:
                await self.write_now()
            except Exception:
                log.exception("could not write the audit head anchor")
            await asyncio.sleep(self.every_s)
