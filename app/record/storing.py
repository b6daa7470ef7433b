"""PDFs the server writes itself (final minutes, signed versions) stored as documents exactly as
uploads are: staged, checked by pypdf, content-addressed, with their pages' text for search."""

from __future__ import annotations

from collections.abc import AsyncIterator

from app.documents.runtime import DocumentRuntime
from app.documents.service import CheckedPdf, check_pdf


async def stage_pdf(runtime: DocumentRuntime, data: bytes) -> CheckedPdf:
    """Staged and checked, outside any transaction; `discard(checked)` it if it is not stored."""

    async def chunks() -> AsyncIterator[bytes]:
        yield data

    staged = await runtime.store.receive(chunks(), max_bytes=len(data) + 1)
    try:
        return await check_pdf(limits=runtime.limits, staged=staged, known_version_id=None)
    except BaseException:
        runtime.store.discard(staged)
        raise


def discard(runtime: DocumentRuntime, checked: CheckedPdf) -> None:
    runtime.store.discard(checked.staged)
