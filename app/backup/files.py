"""The data directory part of a backup: stored PDFs (blobs) and secrets, with their checksums.

Blobs are immutable and never deleted, so copying them after the database snapshot holds every
blob the snapshot names (and perhaps a few newer ones, harmless)."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

# What a backup keeps of the data directory; tmp/ (uploads in flight) and watermarked/ (copies
# made again on demand) are left out, and so is a SQLite database kept there (it is dumped).
KEPT = ("blobs", "secrets", "audit")


def _files(root: Path) -> Iterator[Path]:
    for folder in KEPT:
        base = root / folder
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*") if p.is_file() and not p.name.endswith(".tmp"))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_data(source: Path, target: Path) -> dict[str, str]:
    """Copies the kept folders; returns {relative path: sha256} of every file copied."""
    checksums = {}
    for path in _files(source):
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        checksums[relative.as_posix()] = sha256_of(destination)
    return checksums


def restore_data(source: Path, target: Path, checksums: dict[str, str]) -> None:
    """Copies the backup's files into `target`, each checked against the manifest first."""
    for relative, expected in sorted(checksums.items()):
        path = source / relative
        if not path.is_file() or sha256_of(path) != expected:
            raise BlobMismatch(relative)
        name = Path(relative)
        if relative.startswith("blobs/") and name.parent.name + name.name != expected:
            raise BlobMismatch(relative)  # a blob is named by its own checksum: blobs/ab/cdef…
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        if relative.startswith("secrets/"):
            os.chmod(destination, 0o600)


def is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(
        p.is_file() for p in path.rglob("*")))


class BlobMismatch(Exception):
    def __init__(self, relative: str) -> None:
        super().__init__(relative)
        self.relative = relative
