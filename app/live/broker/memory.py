from __future__ import annotations

from app.live.broker.base import OnEvents, OnNotice, OnReconnect
from app.live.events import Event


class MemoryBroker:
    """One process: the hub already delivered the events locally; nobody else to tell."""

    name = "memory"
    reaches_other_workers = False

    async def start(self, on_events: OnEvents, on_notice: OnNotice, on_reconnect: OnReconnect) -> None:
        return None

    async def publish(self, events: list[Event]) -> None:
        return None

    async def ping(self) -> bool:
        return True

    async def stop(self) -> None:
        return None
