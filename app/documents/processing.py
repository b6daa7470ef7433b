"""Text extraction after the upload has been answered, for files too big to do it inline.

The version is readable at once; here its pages' text is extracted in a child process, progress
is recorded every few seconds (`pages_done`), and completion is announced on the live channel.
A worker that dies mid-way leaves a stale claim that any worker takes over at start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from sqlalchemy import or_, select, update

from app.db import Database
from app.documents.access import audience_of
from app.documents.pdf import inspect_pdf
from app.documents.service import PdfLimits, document_out, store_pages
from app.documents.storage import BlobStore
from app.errors import AppError
from app.kit.time import utcnow
from app.live.outbox import emit
from app.models import Document, DocumentVersion

log = logging.getLogger("kyhop.documents")
PROGRESS_EVERY_S = 2.0
STALE_CLAIM = timedelta(minutes=30)


class TextExtractor:
    def __init__(self, db: Database, store: BlobStore, limits: PdfLimits, *, concurrency: int = 1):
        self.db = db
        self.store = store
        self.limits = limits
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, version_id: int) -> None:
        task = asyncio.get_running_loop().create_task(self._run(version_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait until every scheduled extraction has finished (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def resume_stale(self) -> int:
        """Take over versions whose extraction was claimed long ago by a worker that is gone."""
        cutoff = utcnow() - STALE_CLAIM
        async with self.db.unit_of_work() as uow:
            ids = list(await uow.session.scalars(select(DocumentVersion.id).where(
                DocumentVersion.status == "processing",
                or_(DocumentVersion.claimed_at.is_(None), DocumentVersion.claimed_at < cutoff))))
            claimed = []
            for version_id in ids:
                claimed_id = await uow.session.scalar(
                    update(DocumentVersion)
                    .where(DocumentVersion.id == version_id,
                           or_(DocumentVersion.claimed_at.is_(None),
                               DocumentVersion.claimed_at < cutoff))
                    .values(claimed_at=utcnow()).returning(DocumentVersion.id))
                if claimed_id is not None:
                    claimed.append(version_id)
        for version_id in claimed:
            self.schedule(version_id)
        return len(claimed)

    async def _run(self, version_id: int) -> None:
        async with self._slots:
            try:
                await self._extract(version_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("text extraction crashed", extra={"version_id": version_id})

    async def _extract(self, version_id: int) -> None:
        async with self.db.unit_of_work(write=False) as uow:
            version = await uow.session.get(DocumentVersion, version_id)
            if version is None or version.status != "processing":
                return
            path = self.store.path_for(version.sha256)
        last_report = time.monotonic()

        async def progress(done: int, total: int) -> None:
            nonlocal last_report
            if time.monotonic() - last_report < PROGRESS_EVERY_S:
                return
            last_report = time.monotonic()
            async with self.db.unit_of_work() as progress_uow:
                await progress_uow.session.execute(
                    update(DocumentVersion).where(DocumentVersion.id == version_id)
                    .values(pages_done=done, claimed_at=utcnow()))

        started = time.monotonic()
        try:
            info = await inspect_pdf(path, timeout_s=self.limits.timeout_s,
                                     memory_limit_mb=self.limits.memory_mb, on_progress=progress,
                                     lane="background")
            error = ""
        except AppError as exc:
            info, error = None, exc.code
        async with self.db.unit_of_work() as uow:
            session = uow.session
            version = await session.get(DocumentVersion, version_id)
            document = await session.get(Document, version.document_id) if version else None
            if version is None or document is None:
                return
            if info is not None:
                store_pages(session, version.id, info.pages_text)
                version.status, version.pages_done = "ready", info.page_count
                version.text_extractor = info.text_extractor or version.text_extractor
            else:
                version.status, version.error = "failed", error
            version.processed_at = utcnow()
            await session.flush()
            if version.version == document.current_version:
                await emit(session, meeting_id=document.meeting_id, type="document.updated",
                           data={"document": document_out(document, version).model_dump(mode="json")},
                           audience=await audience_of(session, document))
        log.info("text extracted", extra={"version_id": version_id, "status": version.status,
                                          "seconds": round(time.monotonic() - started, 2)})
