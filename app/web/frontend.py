"""The built web app (frontend/dist) at `/`.

- Client-side routes (/meetings/5, /display/5 …) fall back to index.html; /api/… never does.
- Files under /assets/ carry a content hash in their name: cached for a year, immutable.
  index.html and the service worker must be fetched fresh to see a new release: no-cache.
- Text files (scripts, styles, the page) are sent gzip-compressed to clients that accept it —
  the login screen's scripts shrink from ~308 KiB to ~96 KiB. Each file is compressed once per
  release and kept in memory.
"""

from __future__ import annotations

import gzip
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__
from app.errors import NotFound
from app.web.methods import allowed_methods, is_api_path

COMPRESSIBLE = frozenset({".js", ".mjs", ".css", ".html", ".svg", ".json", ".webmanifest", ".map",
                          ".txt", ".xml", ".bcmap", ".wasm", ".pfb"})
MIN_COMPRESS_BYTES = 1024
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class _Compressed:
    stamp: tuple[int, int]  # (mtime_ns, size) of the file it was made from
    body: bytes


class FrontendFiles:
    def __init__(self, dist: Path) -> None:
        self.dist = dist.resolve()
        self._gzipped: dict[Path, _Compressed] = {}

    def resolve(self, path: str) -> Path | None:
        candidate = (self.dist / path).resolve()
        if path and candidate.is_file() and self.dist in candidate.parents:
            return candidate
        return None

    def gzipped(self, file: Path) -> _Compressed:
        stat = file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._gzipped.get(file)
        if cached is None or cached.stamp != stamp:
            cached = self._gzipped[file] = _Compressed(stamp, gzip.compress(file.read_bytes(), 9))
        return cached

    def respond(self, request: Request, file: Path, cache_control: str) -> Response:
        headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
        accepts_gzip = "gzip" in request.headers.get("accept-encoding", "").lower()
        if not accepts_gzip or file.suffix not in COMPRESSIBLE or \
                file.stat().st_size < MIN_COMPRESS_BYTES:
            return FileResponse(file, headers=headers)
        compressed = self.gzipped(file)
        etag = f'"{compressed.stamp[0]:x}-{compressed.stamp[1]:x}-gz"'
        headers["ETag"] = etag
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers["Content-Encoding"] = "gzip"
        body = b"" if request.method == "HEAD" else compressed.body
        response = Response(body, media_type=media_type, headers=headers)
        response.headers["Content-Length"] = str(len(compressed.body))
        return response


def mount_frontend(app: FastAPI, dist: Path) -> None:
    files = FrontendFiles(dist)

    async def frontend(path: str, request: Request) -> Response:
        if is_api_path("/" + path):
            if allowed_methods(request.app, request.url.path):
                raise StarletteHTTPException(405)  # a POST-only path, say: the Allow header follows
            raise NotFound()
        file = files.resolve(path)
        if file is not None:
            immutable = path.startswith("assets/")
            return files.respond(request, file, IMMUTABLE if immutable else "no-cache")
        index = files.resolve("index.html")
        if index is not None:
            return files.respond(request, index, "no-cache")
        return JSONResponse({"name": "Kỳ Họp", "version": __version__, "docs": "/docs"})

    app.add_api_route("/{path:path}", frontend, methods=["GET", "HEAD"], include_in_schema=False)
