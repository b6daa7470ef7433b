"""The shared snapshot's rules, without a server: one build for many sockets, never older than
the socket's join, dropped by the next event or by age, a failed build tried again."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from app.live import snapshot_cache
from app.live.snapshot_cache import SnapshotCache

DEPUTY = ("deputy", False)


class Builder:
    def __init__(self, seq: int = 5) -> None:
        self.seq = seq
        self.calls = 0
        self.fail = False

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        await asyncio.sleep(0.01)  # long enough for every other socket to ask meanwhile
        if self.fail:
            raise RuntimeError("database gone")
        return {"type": "snapshot", "seq": self.seq, "server_time": "x", "data": {"agenda": ["Khai mạc"]}}


async def test_many_sockets_at_once_share_one_build() -> None:
    cache, build = SnapshotCache(), Builder()
    got = await asyncio.gather(*(cache.get(DEPUTY, min_seq=5, build=build) for _ in range(200)))
    assert build.calls == 1 and {entry.seq for entry in got} == {5}
    message = json.loads(got[0].wire())
    assert message["type"] == "snapshot" and message["seq"] == 5
    assert message["data"] == {"agenda": ["Khai mạc"]} and message["server_time"].endswith("+00:00")
    await cache.get(("guest", False), min_seq=5, build=build)  # another view is another build
    assert build.calls == 2


async def test_an_entry_older_than_the_join_is_built_again() -> None:
    cache, build = SnapshotCache(), Builder(seq=5)
    await cache.get(DEPUTY, min_seq=5, build=build)
    build.seq = 6
    assert (await cache.get(DEPUTY, min_seq=6, build=build)).seq == 6 and build.calls == 2
    assert (await cache.get(DEPUTY, min_seq=6, build=build)).seq == 6 and build.calls == 2
    cache.forget_before(7)
    build.seq = 7
    assert (await cache.get(DEPUTY, min_seq=0, build=build)).seq == 7 and build.calls == 3


async def test_an_entry_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    cache, build = SnapshotCache(), Builder()
    await cache.get(DEPUTY, min_seq=5, build=build)
    monkeypatch.setattr(snapshot_cache, "MAX_AGE_S", 0.0)
    await cache.get(DEPUTY, min_seq=5, build=build)
    assert build.calls == 2


async def test_a_failed_build_reaches_every_waiter_and_the_next_socket_tries_again() -> None:
    built: list[int] = []
    cache, build = SnapshotCache(on_build=lambda: built.append(1)), Builder()
    build.fail = True
    results = await asyncio.gather(*(cache.get(DEPUTY, min_seq=5, build=build) for _ in range(3)),
                                   return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results) and build.calls == 1 and built == []
    build.fail = False
    assert (await cache.get(DEPUTY, min_seq=5, build=build)).seq == 5 and built == [1]


async def test_a_socket_that_goes_away_does_not_stop_the_build_for_the_others() -> None:
    cache, build = SnapshotCache(), Builder()
    leaving = asyncio.ensure_future(cache.get(DEPUTY, min_seq=5, build=build))
    staying = asyncio.ensure_future(cache.get(DEPUTY, min_seq=5, build=build))
    await asyncio.sleep(0)
    leaving.cancel()
    assert (await staying).seq == 5 and build.calls == 1
