from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from app.live.events import Event

# What a broker hands to this worker's hub: events in full, or "meeting M is at seq N".
OnEvents = Callable[[list[Event]], None]
OnNotice = Callable[[int, int], Coroutine[Any, Any, None]]
OnReconnect = Callable[[], Awaitable[None]]


class Broker(Protocol):
    name: str
    # Whether other workers hear through this broker (False: one process, nobody to tell).
    reaches_other_workers: bool

    async def start(self, on_events: OnEvents, on_notice: OnNotice, on_reconnect: OnReconnect) -> None:
        """Begin receiving what other workers publish."""

    async def publish(self, events: list[Event]) -> None:
        """Tell the other workers about events this worker has committed."""

    async def ping(self) -> bool:
        """For /readyz."""

    async def stop(self) -> None: ...
