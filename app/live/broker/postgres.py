"""PostgreSQL LISTEN/NOTIFY: after a commit the worker notifies "meeting:seq"; the others read
the events from the table (a notification carries at most 8000 bytes, an event may not fit)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from sqlalchemy.engine import make_url

from app.live.broker.base import OnEvents, OnNotice, OnReconnect
from app.live.events import Event

log = logging.getLogger("kyhop.live.postgres")
CHANNEL = "kyhop_events"
LISTENER_NAME = "kyhop-live-listener"
RETRY_S = 0.5


def asyncpg_dsn(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PostgresBroker:
    name = "postgres"
    reaches_other_workers = True

    def __init__(self, database_url: str) -> None:
        self.dsn = asyncpg_dsn(database_url)
        self._listener: asyncpg.Connection | None = None
        self._publisher: asyncpg.Connection | None = None
        self._publish_lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self, on_events: OnEvents, on_notice: OnNotice, on_reconnect: OnReconnect) -> None:
        ready = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(
            self._listen(on_notice, on_reconnect, ready))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), timeout=5)

    async def _listen(self, on_notice: OnNotice, on_reconnect: OnReconnect,
                      ready: asyncio.Event) -> None:
        first = True

        def received(_connection: object, _pid: int, _channel: str, payload: str) -> None:
            meeting_id, _, seq = payload.partition(":")
            task = asyncio.get_running_loop().create_task(on_notice(int(meeting_id), int(seq)))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

        while True:
            try:
                connection = await asyncpg.connect(
                    self.dsn, timeout=5, server_settings={"application_name": LISTENER_NAME})
                self._listener = connection
                await connection.add_listener(CHANNEL, received)
                ready.set()
                if not first:
                    await on_reconnect()
                first = False
                while not connection.is_closed():
                    await asyncio.sleep(1)
                    await connection.execute("SELECT 1")  # notices a dead connection
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("postgres listener lost: %s", exc)
            finally:
                if self._listener is not None and not self._listener.is_closed():
                    with contextlib.suppress(Exception):
                        await self._listener.close()
                self._listener = None
            await asyncio.sleep(RETRY_S)

    async def publish(self, events: list[Event]) -> None:
        latest: dict[int, int] = {}
        for event in events:
            latest[event.meeting_id] = max(event.seq, latest.get(event.meeting_id, 0))
        async with self._publish_lock:
            if self._publisher is None or self._publisher.is_closed():
                self._publisher = await asyncpg.connect(self.dsn, timeout=5)
            for meeting_id, seq in latest.items():
                await self._publisher.execute("SELECT pg_notify($1, $2)", CHANNEL,
                                              f"{meeting_id}:{seq}")

    async def ping(self) -> bool:
        return self._listener is not None and not self._listener.is_closed()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for connection in (self._publisher,):
            if connection is not None and not connection.is_closed():
                await connection.close()
