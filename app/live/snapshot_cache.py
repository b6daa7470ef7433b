"""Snapshots shared by the sockets of one meeting: when the hall's Wi-Fi comes back and every
tablet reconnects at once, the snapshot is built once per seq and view, not once per tablet.

A snapshot depends on the meeting and on what the reader's role may see (`ViewKey`), nothing of
the reader's own. An entry serves a socket only when it is at least as new as the channel was
when that socket joined it: every event after that reaches the socket through its queue, so
snapshot + queue stay gapless (events the snapshot already covers are skipped by seq). The next
event delivered makes older entries useless and drops them; an entry is also dropped after
MAX_AGE_S, so that nothing derived from the clock (overdue flags) stays old for long. Sockets
asking while a build is under way wait for that build instead of starting their own.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from app.kit.time import utcnow

MAX_AGE_S = 30.0

ViewKey = tuple[str | None, bool]  # (the reader's council role, whether an administrator)


@dataclass(frozen=True, slots=True)
class SharedSnapshot:
    seq: int
    data_json: str  # the "data" member, serialised once
    built_at: float = field(default_factory=time.monotonic)

    @classmethod
    def of(cls, snapshot: dict[str, Any]) -> SharedSnapshot:
        return cls(seq=snapshot["seq"], data_json=json.dumps(snapshot["data"], ensure_ascii=False))

    def wire(self) -> str:
        """The message for one socket: the shared data with this moment's server time."""
        return (f'{{"type":"snapshot","seq":{self.seq},'
                f'"server_time":{json.dumps(utcnow().isoformat())},"data":{self.data_json}}}')


class SnapshotCache:
    def __init__(self, on_build: Callable[[], None] = lambda: None) -> None:
        self._entries: dict[ViewKey, SharedSnapshot] = {}
        self._building: dict[ViewKey, asyncio.Future[SharedSnapshot]] = {}
        self._on_build = on_build

    async def get(self, key: ViewKey, *, min_seq: int,
                  build: Callable[[], Awaitable[dict[str, Any]]]) -> SharedSnapshot:
        """A snapshot at `min_seq` or later for this view, built by `build` when none is kept."""
        while True:
            entry = self._entries.get(key)
            if entry is not None and entry.seq >= min_seq and time.monotonic() - entry.built_at < MAX_AGE_S:
                return entry
            pending = self._building.get(key)
            if pending is None:
                pending = self._building[key] = asyncio.ensure_future(self._build(key, build))
            entry = await asyncio.shield(pending)
            if entry.seq >= min_seq:
                return entry
            # built from a read older than this socket's join (an event came in between): again

    async def _build(self, key: ViewKey, build: Callable[[], Awaitable[dict[str, Any]]]) -> SharedSnapshot:
        try:
            entry = SharedSnapshot.of(await build())
            self._on_build()
            kept = self._entries.get(key)
            if kept is None or kept.seq <= entry.seq:
                self._entries[key] = entry
            return entry
        finally:
            del self._building[key]

    def forget_before(self, seq: int) -> None:
        """Drop entries older than `seq`: no socket joining from now on can use them."""
        for key in [key for key, entry in self._entries.items() if entry.seq < seq]:
            del self._entries[key]
