"""Redis pub/sub: each committed batch is published in full on one channel; every worker
listens. After a lost connection the worker reconnects and asks the hub to catch up."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import uuid

import redis.asyncio as redis
from sqlalchemy.engine import make_url

from app.live.broker.base import OnEvents, OnNotice, OnReconnect
from app.live.events import Event

log = logging.getLogger("kyhop.live.redis")
RETRY_S = 0.5


def channel_for(database_url: str) -> str:
    """One channel per database, so deployments sharing a Redis never see each other's events."""
    digest = hashlib.sha256(make_url(database_url).render_as_string(hide_password=True).encode())
    return f"kyhop:{digest.hexdigest()[:16]}:events"


class RedisBroker:
    name = "redis"
    reaches_other_workers = True

    def __init__(self, url: str, database_url: str) -> None:
        self.url = url
        self.channel = channel_for(database_url)
        self.origin = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._client = redis.from_url(url, socket_connect_timeout=3, health_check_interval=10)
        self._task: asyncio.Task[None] | None = None

    async def start(self, on_events: OnEvents, on_notice: OnNotice, on_reconnect: OnReconnect) -> None:
        ready = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(
            self._listen(on_events, on_reconnect, ready))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), timeout=5)

    async def _listen(self, on_events: OnEvents, on_reconnect: OnReconnect,
                      ready: asyncio.Event) -> None:
        first = True
        while True:
            try:
                async with self._client.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(self.channel)
                    ready.set()
                    if not first:
                        await on_reconnect()
                    first = False
                    async for message in pubsub.listen():
                        payload = json.loads(message["data"])
                        if payload.get("origin") == self.origin:
                            continue  # already delivered locally
                        on_events([Event.from_message(item) for item in payload["events"]])
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # connection lost: wait and subscribe again
                log.warning("redis subscription lost: %s", exc)
                await asyncio.sleep(RETRY_S)

    async def publish(self, events: list[Event]) -> None:
        payload = json.dumps({"origin": self.origin,
                              "events": [event.to_message() for event in events]})
        await self._client.publish(self.channel, payload)

    async def ping(self) -> bool:
        try:
            return bool(await self._client.ping())
        except Exception:
            return False

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._client.aclose()
