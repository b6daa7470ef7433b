"""Brokers carry committed events between worker processes, chosen by KYHOP_BROKER_URL:
empty → in-process (one worker), redis://… → Redis pub/sub, `postgres` → LISTEN/NOTIFY.

A broker only makes delivery fast: every worker also checks the event table now and then and
after reconnecting, so a lost message delays an event, never loses it.
"""

from __future__ import annotations

from app.config import Settings
from app.live.broker.base import Broker
from app.live.broker.memory import MemoryBroker


def broker_for(settings: Settings) -> Broker:
    url = settings.broker_url
    if not url:
        return MemoryBroker()
    if url == "postgres":
        from app.live.broker.postgres import PostgresBroker

        return PostgresBroker(settings.effective_database_url)
    from app.live.broker.redis import RedisBroker

    return RedisBroker(url, settings.effective_database_url)


__all__ = ["Broker", "broker_for"]
