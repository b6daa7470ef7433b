"""Hostile uploads through the API: each refused with the right code, the server still answering,
no blob, staging file or row left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Document, DocumentVersion, MeetingEvent
from tests.documents.pdf_factory import write_pdf
from tests.documents.test_pdf import bomb_pdf


async def _nothing_left(app, settings, audit_before: int) -> None:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        for model in (Document, DocumentVersion):
            assert await uow.session.scalar(select(func.count()).select_from(model)) == 0
        assert await uow.session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
        assert await uow.session.scalar(
            select(func.count()).select_from(MeetingEvent).where(MeetingEvent.type.like("document.%"))) == 0
    leftovers = [p for sub in ("blobs", "tmp") if (settings.data_dir / sub).exists()
                 for p in (settings.data_dir / sub).rglob("*") if p.is_file()]
    assert leftovers == []


async def _audit_rows(app) -> int:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return await uow.session.scalar(select(func.count()).select_from(AuditEntry))


def _truncated(vietnamese_pdf: bytes, tmp_path: Path) -> bytes:
    return vietnamese_pdf[: len(vietnamese_pdf) // 2]


def _bomb(vietnamese_pdf: bytes, tmp_path: Path) -> bytes:
    return bomb_pdf(tmp_path / "bomb.pdf", 3 * 1024**3).read_bytes()


def _reference_loop(vietnamese_pdf: bytes, tmp_path: Path) -> bytes:
    return write_pdf(tmp_path / "loop.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]).read_bytes()


def _text_named_pdf(vietnamese_pdf: bytes, tmp_path: Path) -> bytes:
    return "Đây là tệp văn bản, không phải PDF.\n".encode() * 50


@pytest.mark.parametrize("make,status,code", [
    (_text_named_pdf, 415, "not_pdf"),
    (_truncated, 422, "pdf_damaged"),
    (_bomb, 422, "pdf_too_complex"),
    (_reference_loop, 422, None),
])
async def test_hostile_file_is_refused_and_leaves_nothing(  # type: ignore[no-untyped-def]
        client, world, meeting, upload, vietnamese_pdf, app, settings, tmp_path, make, status, code):
    m = await meeting()
    audit_before = await _audit_rows(app)
    response = await upload(m["id"], make(vietnamese_pdf, tmp_path), filename="tai-lieu.pdf")
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["code"] == code if code else body["code"] in ("pdf_damaged", "pdf_too_complex")
    assert body["message"] and "Traceback" not in body["message"]
    await _nothing_left(app, settings, audit_before)
    assert (await client.get("/healthz")).status_code == 200
    ok = await upload(m["id"], vietnamese_pdf)
    assert ok.status_code == 201, "the server still accepts good files"


async def test_upload_over_the_size_limit(client, world, meeting, upload, app, settings) -> None:  # type: ignore[no-untyped-def]
    runtime = app.state.documents
    runtime.settings = runtime.settings.model_copy(update={"max_upload_mb": 1})
    m = await meeting()
    audit_before = await _audit_rows(app)
    big = b"%PDF-1.7\n" + bytes(1024 * 1024 + 10)
    response = await upload(m["id"], big)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    await _nothing_left(app, settings, audit_before)
    assert (await client.get("/healthz")).status_code == 200
