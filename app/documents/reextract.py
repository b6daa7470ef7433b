"""Extracting stored documents' text again when the extractor changed (pypdf → PDFium).

Run by `kyhop db upgrade` (and `kyhop serve`) after the migrations. Each version whose
`text_extractor` is not page_text.CURRENT_EXTRACTOR is extracted again from its blob, in the
inspector's child process like an upload, and its pages replaced in one transaction: search keeps
the old text until the new one is there. Resumable and idempotent: an interrupted run leaves the
versions done so far marked, and the next run does only the others. A version whose blob is
missing or is refused now keeps its old text and is tried again at the next upgrade.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy import delete, select

from app.config import Settings
from app.db import Database
from app.documents.page_text import CURRENT_EXTRACTOR
from app.documents.pdf import inspect_pdf
from app.documents.service import PdfLimits, store_pages
from app.documents.storage import BlobStore
from app.errors import AppError
from app.models import DocumentPage, DocumentVersion

log = logging.getLogger("kyhop.documents")
REPORT_EVERY_S = 1.0
Report = Callable[[int, int], None]


def log_progress(done: int, total: int) -> None:
    log.info("re-extracted %d/%d documents", done, total)


async def outdated_versions(db: Database) -> list[int]:
    async with db.unit_of_work(write=False) as uow:
        return list(await uow.session.scalars(
            select(DocumentVersion.id).where(DocumentVersion.status == "ready",
                                             DocumentVersion.text_extractor != CURRENT_EXTRACTOR)
            .order_by(DocumentVersion.id)))


async def reextract_version(db: Database, store: BlobStore, limits: PdfLimits,
                            version_id: int) -> bool:
    """Whether the version now has text from the current extractor."""
    async with db.unit_of_work(write=False) as uow:
        version = await uow.session.get(DocumentVersion, version_id)
        if version is None or version.text_extractor == CURRENT_EXTRACTOR:
            return version is not None
        path = store.path_for(version.sha256)
    if not path.is_file():
        log.warning("blob missing, text kept", extra={"version_id": version_id})
        return False
    try:
        info = await inspect_pdf(path, timeout_s=limits.timeout_s,
                                 memory_limit_mb=limits.memory_mb, lane="background")
    except AppError as exc:
        log.warning("re-extraction refused, text kept",
                    extra={"version_id": version_id, "code": exc.code})
        return False
    async with db.unit_of_work() as uow:
        version = await uow.session.get(DocumentVersion, version_id)
        if version is None or version.text_extractor == CURRENT_EXTRACTOR:
            return version is not None  # done meanwhile by another process
        await uow.session.execute(delete(DocumentPage).where(DocumentPage.version_id == version_id))
        store_pages(uow.session, version_id, info.pages_text)
        version.text_extractor = info.text_extractor
        version.pages_done = len(info.pages_text)
    return info.text_extractor == CURRENT_EXTRACTOR


async def reextract_stored(settings: Settings, *, report: Report = log_progress) -> int:
    """Extract every outdated version again; the number now up to date. `report(done, total)`
    is called about every second and at the end (never when there is nothing to do)."""
    db = Database(settings)
    try:
        store = BlobStore(settings.data_dir)
        limits = PdfLimits(inline_bytes=0, timeout_s=settings.pdf_timeout_s,
                           memory_mb=settings.pdf_memory_mb)
        ids = await outdated_versions(db)
        succeeded, last_report = 0, time.monotonic()
        for done, version_id in enumerate(ids, start=1):
            succeeded += await reextract_version(db, store, limits, version_id)
            if done == len(ids) or time.monotonic() - last_report >= REPORT_EVERY_S:
                last_report = time.monotonic()
                report(done, len(ids))
        return succeeded
    finally:
        await db.dispose()
