"""Answering for a PDF file: Range (Starlette's FileResponse), ETag / If-None-Match, caching
and an inline Content-Disposition carrying the Vietnamese file name (RFC 5987)."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from app.kit.text import slug


class PdfFileResponse(FileResponse):
    # Starlette reads 64 KiB per worker-thread hop; 1 MiB makes whole-file downloads (offline
    # packages, PDF.js streaming) use about a third of the CPU.
    chunk_size = 1024 * 1024


def content_disposition(filename: str) -> str:
    stem = Path(filename).stem or "tai-lieu"
    ascii_name = (slug(stem, "-") or "tai-lieu") + ".pdf"
    return f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in candidates


def pdf_response(
    request: Request, path: Path, *, etag: str, filename: str, modified: datetime, immutable: bool
) -> Response:
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": "private, max-age=31536000, immutable" if immutable else "private, no-cache",
        "Content-Disposition": content_disposition(filename),
        "X-Content-Type-Options": "nosniff",
    }
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None and _matches(if_none_match, etag):
        return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                   if k != "Content-Disposition"})
    return PdfFileResponse(path, media_type="application/pdf", headers=headers,
                        content_disposition_type="inline")
