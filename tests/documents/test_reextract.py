"""Stored versions with text from an older extractor are extracted again at upgrade."""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database
from app.documents.reextract import reextract_stored


async def _scalars(settings, sql: str) -> list:  # type: ignore[no-untyped-def]
    db = Database(settings)
    try:
        async with db.unit_of_work(write=False) as uow:
            return list(await uow.session.scalars(text(sql)))
    finally:
        await db.dispose()


async def test_old_versions_are_extracted_again_once(settings, meeting, upload, db, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    assert (await upload(m["id"], vietnamese_pdf)).status_code == 201
    await db.run(text("UPDATE document_versions SET text_extractor = 'pypdf'"))
    await db.run(text("UPDATE document_pages SET text = 'Đ ộ c l ậ p', folded = 'd o c l a p'"))
    reports: list[tuple[int, int]] = []
    assert await reextract_stored(settings, report=lambda *r: reports.append(r)) == 1
    assert reports == [(1, 1)]
    assert await _scalars(settings, "SELECT text_extractor FROM document_versions") == ["pdfium"]
    pages = await _scalars(settings, "SELECT text FROM document_pages ORDER BY page")
    assert "đất đai" in pages[0]
    assert await reextract_stored(settings, report=lambda *r: reports.append(r)) == 0
    assert reports == [(1, 1)]  # nothing left to do: idempotent
