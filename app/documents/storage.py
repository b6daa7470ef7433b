"""Content-addressed blob storage: `<root>/blobs/ab/cdef…` named by the SHA-256 of the content.

An upload is received into `<root>/tmp` (same file system, so the final rename is atomic), hashed
while it streams, then committed under its hash; the same content committed twice is stored once.
Blobs are immutable: nothing is ever written to a path under `blobs/` except by an atomic rename.

File I/O runs in worker threads (anyio.to_thread) in batches, never on the event loop; `discard`,
`delete`, `exists` and `path_for` are single metadata operations, cheap enough to call directly.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import AsyncIterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import anyio

from app.errors import PayloadTooLarge

WRITE_BATCH_BYTES = 1024 * 1024  # chunks are gathered into batches of this size per thread hop
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class StagedBlob:
    """A received upload waiting in the staging directory: commit it or discard it."""

    path: Path
    sha256: str
    size: int


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs_dir = root / "blobs"
        self.staging_dir = root / "tmp"

    async def receive(self, chunks: AsyncIterable[bytes], *, max_bytes: int) -> StagedBlob:
        """Stream `chunks` to a staging file, hashing as it goes; at most `max_bytes` bytes.

        Raises PayloadTooLarge past the limit. On any error or cancellation the staging file is
        removed before the exception leaves.
        """
        file, path = await anyio.to_thread.run_sync(self._open_staging_file)
        digest = hashlib.sha256()
        size = 0
        batch = bytearray()
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise PayloadTooLarge(limit=_human_size(max_bytes))
                batch += chunk
                if len(batch) >= WRITE_BATCH_BYTES:
                    full, batch = batch, bytearray()
                    await anyio.to_thread.run_sync(_write, file, digest, full)
            await anyio.to_thread.run_sync(_finish, file, digest, batch)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(_abandon, file, path)
            raise
        return StagedBlob(path=path, sha256=digest.hexdigest(), size=size)

    async def commit(self, staged: StagedBlob) -> Path:
        """Move a staged upload to its place (atomically); if that content is stored already,
        drop the staged copy instead. Returns the blob's path."""
        return await anyio.to_thread.run_sync(self._commit, staged)

    def discard(self, staged: StagedBlob) -> None:
        """Remove a staged upload that will not be committed (e.g. the PDF was refused)."""
        staged.path.unlink(missing_ok=True)

    def path_for(self, sha256: str) -> Path:
        if not _SHA256_HEX.fullmatch(sha256):
            raise ValueError(f"not a lower-case SHA-256 hex digest: {sha256!r}")
        return self.blobs_dir / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def delete(self, sha256: str) -> None:
        """Remove a blob (no error if it is not there). The caller checks nothing refers to it."""
        self.path_for(sha256).unlink(missing_ok=True)

    def purge_staging(self, older_than_s: float = 3600) -> int:
        """Remove staging files left by a crash; returns how many. Safe while uploads run as long
        as `older_than_s` exceeds the longest upload."""
        cutoff = time.time() - older_than_s
        removed = 0
        for path in self.staging_dir.glob("upload-*"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                pass
        return removed

    def _open_staging_file(self) -> tuple[BinaryIO, Path]:
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="upload-", dir=self.staging_dir)
        return os.fdopen(fd, "wb"), Path(name)

    def _commit(self, staged: StagedBlob) -> Path:
        target = self.path_for(staged.sha256)
        if target.is_file():
            staged.path.unlink(missing_ok=True)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        # Readable by the group: nginx in the app's group can serve signed links (README).
        os.chmod(staged.path, STORED_FILE_MODE)
        os.replace(staged.path, target)
        _fsync_dir(target.parent)  # the rename itself survives a power cut
        return target


STORED_FILE_MODE = 0o640


def _write(file: BinaryIO, digest: hashlib._Hash, data: bytearray) -> None:
    digest.update(data)  # releases the GIL for large buffers
    file.write(data)


def _finish(file: BinaryIO, digest: hashlib._Hash, data: bytearray) -> None:
    with file:
        _write(file, digest, data)
        file.flush()
        os.fsync(file.fileno())  # content on disk before anything can refer to it


def _abandon(file: BinaryIO, path: Path) -> None:
    file.close()
    path.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _human_size(size: int) -> str:
    mib = 1024 * 1024
    return f"{size / mib:.0f} MB" if size >= mib else f"{size / 1024:.0f} KB"
