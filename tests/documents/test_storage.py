"""Content-addressed blob storage: streaming receive, commit, de-duplication, limits, cleanup."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import pytest

from app.documents.storage import WRITE_BATCH_BYTES, BlobStore, StagedBlob
from app.errors import PayloadTooLarge

MiB = 1024 * 1024


async def stream(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


def files_under(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.is_file())


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "data")


async def test_receive_streams_to_disk_and_commit_stores_by_hash(store: BlobStore) -> None:
    chunks = [os.urandom(64 * 1024) for _ in range(40)]  # 2.5 MiB in 64 KiB pieces
    content = b"".join(chunks)
    sha = hashlib.sha256(content).hexdigest()

    staged = await store.receive(stream(chunks), max_bytes=10 * MiB)
    assert staged == StagedBlob(path=staged.path, sha256=sha, size=len(content))
    assert staged.path.parent == store.staging_dir
    assert staged.path.read_bytes() == content
    assert not store.exists(sha)

    path = await store.commit(staged)
    assert path == store.root / "blobs" / sha[:2] / sha[2:]
    assert path.read_bytes() == content
    assert store.exists(sha)
    assert files_under(store.staging_dir) == []


async def test_chunks_reach_the_disk_while_the_upload_is_still_arriving(store: BlobStore) -> None:
    sizes_seen: list[int] = []

    async def slow_upload() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield bytes(WRITE_BATCH_BYTES)
            staging = files_under(store.staging_dir)
            sizes_seen.append(staging[0].stat().st_size if staging else 0)

    staged = await store.receive(slow_upload(), max_bytes=10 * WRITE_BATCH_BYTES)
    assert staged.size == 5 * WRITE_BATCH_BYTES
    # Each batch is on disk before the next chunk is asked for: the file never sits in memory.
    assert sizes_seen == [(i + 1) * WRITE_BATCH_BYTES for i in range(5)]


async def test_same_content_twice_is_stored_once(store: BlobStore) -> None:
    content = b"%PDF-1.7 bien ban ky hop " * 1000
    first = await store.commit(await store.receive(stream([content]), max_bytes=MiB))
    second_staged = await store.receive(stream([content[:7], content[7:]]), max_bytes=MiB)
    second = await store.commit(second_staged)
    assert first == second
    assert not second_staged.path.exists()
    assert files_under(store.root) == [first]


async def test_over_the_limit_is_refused_and_leaves_nothing(store: BlobStore) -> None:
    chunks = [bytes(300 * 1024)] * 8  # 2.4 MiB against a 2 MiB limit
    with pytest.raises(PayloadTooLarge) as error:
        await store.receive(stream(chunks), max_bytes=2 * MiB)
    assert error.value.code == "too_large"
    assert error.value.params == {"limit": "2 MB"}
    assert files_under(store.root) == []


async def test_exactly_the_limit_is_accepted(store: BlobStore) -> None:
    staged = await store.receive(stream([bytes(1000), bytes(24)]), max_bytes=1024)
    assert staged.size == 1024


async def test_a_broken_upload_leaves_nothing(store: BlobStore) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield bytes(3 * WRITE_BATCH_BYTES)
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await store.receive(broken(), max_bytes=100 * MiB)
    assert files_under(store.root) == []


async def test_discard_leaves_nothing(store: BlobStore) -> None:
    staged = await store.receive(stream([b"not wanted"]), max_bytes=MiB)
    store.discard(staged)
    assert files_under(store.root) == []
    assert not store.exists(staged.sha256)


async def test_delete_removes_a_blob(store: BlobStore) -> None:
    staged = await store.receive(stream([b"old version"]), max_bytes=MiB)
    await store.commit(staged)
    store.delete(staged.sha256)
    assert not store.exists(staged.sha256)
    store.delete(staged.sha256)  # already gone: no error


async def test_empty_upload(store: BlobStore) -> None:
    staged = await store.receive(stream([]), max_bytes=MiB)
    assert (staged.size, staged.sha256) == (0, hashlib.sha256(b"").hexdigest())


@pytest.mark.parametrize("bad", ["../../etc/passwd", "AB" * 32, "ab" * 31, "g" * 64, ""])
def test_path_for_accepts_only_a_sha256(store: BlobStore, bad: str) -> None:
    with pytest.raises(ValueError):
        store.path_for(bad)


async def test_purge_staging_removes_only_old_leftovers(store: BlobStore) -> None:
    old = await store.receive(stream([b"left by a crash"]), max_bytes=MiB)
    fresh = await store.receive(stream([b"upload in progress"]), max_bytes=MiB)
    an_hour_ago = time.time() - 3700
    os.utime(old.path, (an_hour_ago, an_hour_ago))
    assert store.purge_staging(older_than_s=3600) == 1
    assert files_under(store.staging_dir) == [fresh.path]
