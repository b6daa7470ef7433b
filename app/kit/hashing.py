from __future__ import annotations

import hashlib
from pathlib import Path

import anyio

CHUNK = 1024 * 1024


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


async def file_sha256(path: Path) -> str:
    return await anyio.to_thread.run_sync(_digest, path)
